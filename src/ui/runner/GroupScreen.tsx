import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { CaseSession, CaseView } from "../../engine/index";
import { StoreError } from "../../store/index";
import { useClock } from "../shared/ClockProvider";
import { detailOf, ProblemAlert, type ShownProblem } from "../shared/ProblemAlert";
import { useCaseStore } from "../shared/StoreProvider";
import { routeHref } from "../shared/useRoute";
import { describeRefusal } from "./describeRefusal";
import { InstructionBanner } from "./InstructionBanner";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { recordOnCase } from "./loadCaseSession";
import { useOfficerSettings } from "./OfficerSettings";
import { type ClaimedBy, inverseRelation, mirrorClaim, RELATIONS, type Relation } from "./relations";
import { startCase } from "./startCase";
import type { CaseHandle } from "./useCaseSession";
import { type GroupMember, useGroup } from "./useGroup";

/**
 * The people travelling together: every member's case and status, children first, with a prompt to screen each one;
 * "add a person travelling with them" opens a linked case (same group) and records the relationship on both cases;
 * a relationship can also be recorded with a member already in the group.
 */
export function GroupScreen({ handle, session, view }: { handle: CaseHandle; session: CaseSession; view: CaseView }) {
  const { t } = useCaseI18n();
  const group = useGroup(view);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const record = useRecordBoth(handle, view.caseId);
  const unscreened = group.members.filter((m) => !m.self && isUnscreened(m));
  return (
    <div className="group-screen">
      <header className="case-header">
        <h1 ref={heading} tabIndex={-1}>
          {t("group.title")}
        </h1>
        <p className="case-sop">{t("group.of", { code: view.caseId })}</p>
        <a className="button button-link" href={routeHref({ area: "case", caseId: view.caseId, view: "step" })}>
          {t("group.backToCase")}
        </a>
      </header>
      <InstructionBanner instructions={view.instructions} />
      {unscreened.length > 0 ? (
        <p className="notice notice-warning" role="status">
          {t("group.toScreen", { count: unscreened.length })}
        </p>
      ) : null}
      <ul className="group-list" aria-label={t("group.members", { count: group.members.length })}>
        {group.members.map((member) => (
          <MemberItem key={member.caseId} member={member} busy={handle.busy} record={record} />
        ))}
      </ul>
      <AddCompanionForm busy={handle.busy} session={session} view={view} groupKey={group.key} record={record} />
    </div>
  );
}

function isUnscreened(member: GroupMember): boolean {
  // Only CASE_OPENED, and maybe a language or a relationship: nobody has asked the person anything yet.
  return member.summary.status === "active" && member.summary.eventCount <= 3 && member.age === undefined;
}

function MemberItem({ member, busy, record }: { member: GroupMember; busy: boolean; record: RecordBoth }) {
  const { t } = useCaseI18n();
  const [linking, setLinking] = useState(false);
  const who = member.self
    ? t("household.self")
    : member.relation
      ? t(`relation.${member.relation}` as "relation.parent")
      : t("household.member");
  return (
    <li className="group-member">
      <p className="group-member-top">
        <strong>{who}</strong>
        {" · "}
        {member.age !== undefined ? t("household.age", { age: member.age }) : t("household.ageUnknown")}
        {" · "}
        <span className={`badge badge-status-${member.summary.status}`}>{t(`status.${member.summary.status}`)}</span>
      </p>
      <p className="group-member-meta">
        {t("case.code")} {member.caseId}
        {member.claimedBy ? ` · ${t(`claimedBy.${member.claimedBy}` as "claimedBy.this")}` : ""}
        {member.relation ? ` · ${member.verified ? t("group.verified") : t("group.notVerified")}` : ""}
      </p>
      {!member.self ? (
        <div className="answer-actions">
          <a
            aria-label={`${isUnscreened(member) ? t("group.screen") : t("group.openCase")}: ${who} (${member.caseId})`}
            className={isUnscreened(member) ? "button button-small button-primary" : "button button-small"}
            href={routeHref({ area: "case", caseId: member.caseId, view: "step" })}
          >
            {isUnscreened(member) ? t("group.screen") : t("group.openCase")}
          </a>
          {!member.relation ? (
            <button
              aria-label={`${t("group.link")}: ${who} (${member.caseId})`}
              type="button"
              className="button button-small"
              aria-expanded={linking}
              onClick={() => setLinking(!linking)}
            >
              {t("group.link")}
            </button>
          ) : null}
        </div>
      ) : null}
      {linking ? (
        <RelationshipFields
          submitLabel={t("group.linkSave")}
          busy={busy}
          onSubmit={async (relation, claimedBy, verified) => {
            const ok = await record(member.caseId, relation, claimedBy, verified);
            if (ok === true) setLinking(false);
            return ok;
          }}
        />
      ) : null}
    </li>
  );
}

/** The form's part that says who the other person is to this one, whose word that is, and whether it was verified. */
function RelationshipFields({
  submitLabel,
  busy,
  onSubmit,
}: {
  submitLabel: string;
  busy: boolean;
  onSubmit(relation: Relation, claimedBy: ClaimedBy, verified: boolean): Promise<true | ShownProblem | string>;
}) {
  const { t } = useCaseI18n();
  const id = useId();
  const [relation, setRelation] = useState<Relation | "">("");
  const [claimedBy, setClaimedBy] = useState<ClaimedBy>("this");
  const [verified, setVerified] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | string>();
  // Opening a case and recording both sides takes several writes: one submission at a time.
  const [working, setWorking] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    if (!relation) return setProblem(t("group.relationMissing"));
    setWorking(true);
    const result = await onSubmit(relation, claimedBy, verified).finally(() => setWorking(false));
    setProblem(result === true ? undefined : result);
    if (result === true) {
      setRelation("");
      setClaimedBy("this");
      setVerified(false);
    }
  };
  return (
    <form className="action-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-relation`}>{t("group.relation")}</label>
      <select
        id={`${id}-relation`}
        className="answer-input"
        value={relation}
        onChange={(e) => setRelation(e.target.value as Relation)}
      >
        <option value="">—</option>
        {RELATIONS.map((r) => (
          <option key={r} value={r}>
            {t(`relation.${r}` as "relation.parent")}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-claimed`}>{t("group.claimedBy")}</label>
      <select
        id={`${id}-claimed`}
        className="answer-input"
        value={claimedBy}
        onChange={(e) => setClaimedBy(e.target.value as ClaimedBy)}
      >
        {(["this", "other", "both"] as const).map((c) => (
          <option key={c} value={c}>
            {t(`claimedBy.option.${c}`)}
          </option>
        ))}
      </select>
      <label className="choice">
        <input type="checkbox" checked={verified} onChange={(e) => setVerified(e.target.checked)} />
        <span className="choice-label">{t("group.verifiedLabel")}</span>
      </label>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <button type="submit" className="button button-primary" disabled={busy || working} aria-busy={working}>
        {submitLabel}
      </button>
    </form>
  );
}

/** "Add a person travelling with them": a new case in the same group, linked both ways. */
function AddCompanionForm({
  busy,
  session,
  view,
  groupKey,
  record,
}: {
  busy: boolean;
  session: CaseSession;
  view: CaseView;
  groupKey: string;
  record: RecordBoth;
}) {
  const { t } = useCaseI18n();
  const store = useCaseStore();
  const clock = useClock();
  const [settings] = useOfficerSettings();
  const [added, setAdded] = useState<string>();
  return (
    <section className="add-companion" aria-labelledby="add-companion-title">
      <h2 id="add-companion-title">{t("group.add")}</h2>
      <p className="note">{t("group.addHelp")}</p>
      <RelationshipFields
        submitLabel={t("group.addSubmit")}
        busy={busy}
        onSubmit={async (relation, claimedBy, verified) => {
          let caseId: string;
          try {
            caseId = await startCase(store, session.compiled, {
              at: clock.now(),
              by: settings.officer.trim() || "unknown",
              ...(view.site ? { site: view.site } : {}),
              group: groupKey,
            });
          } catch (error) {
            const text = error instanceof StoreError ? describeRefusal(error.code, t) : t("newCase.failed");
            return { text, detail: detailOf(error) };
          }
          const result = await record(caseId, relation, claimedBy, verified);
          if (result !== true) return result;
          // People who arrive together mostly speak the same language: the new case starts in this one's.
          if (view.language)
            await recordOnCase(
              store,
              caseId,
              { type: "LANGUAGE_SET", language: view.language },
              settings.officer.trim() || "unknown",
              clock.now(),
            );
          setAdded(caseId);
          return true;
        }}
      />
      {added ? (
        <p className="notice notice-info" role="status">
          {t("group.added", { code: added })}{" "}
          <a href={routeHref({ area: "case", caseId: added, view: "step" })}>{t("group.screen")}</a>
        </p>
      ) : null}
    </section>
  );
}

type RecordBoth = (
  otherCase: string,
  relation: Relation,
  claimedBy: ClaimedBy,
  verified: boolean,
) => Promise<true | string>;

/**
 * Records a relationship on the case on screen and, in its mirror form (a parent there is a child here; "this
 * person says so" there is "the other person says so" here), on the other person's case.
 */
function useRecordBoth(handle: CaseHandle, caseId: string): RecordBoth {
  const { t } = useCaseI18n();
  const store = useCaseStore();
  const clock = useClock();
  const [settings] = useOfficerSettings();
  return async (otherCase, relation, claimedBy, verified) => {
    const here = await handle.send({ type: "RELATIONSHIP_RECORDED", otherCase, relation, claimedBy, verified });
    if (!here.ok) return describeRefusal(here.code, t);
    const there = await recordOnCase(
      store,
      otherCase,
      {
        type: "RELATIONSHIP_RECORDED",
        otherCase: caseId,
        relation: inverseRelation(relation),
        claimedBy: mirrorClaim(claimedBy),
        verified,
      },
      settings.officer.trim() || "unknown",
      clock.now(),
    );
    return there.ok ? true : describeRefusal(there.code, t);
  };
}
