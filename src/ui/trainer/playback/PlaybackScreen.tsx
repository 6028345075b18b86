import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type CaseView, type CompiledSop, describeTrace, type Scenario } from "../../../engine/index";
import { formatAnswer } from "../../runner/formatAnswer";
import { InstructionBanner } from "../../runner/InstructionBanner";
import { useI18n } from "../../shared/i18n/I18nProvider";
import { type TrainerKey, useTrainerText } from "../i18n/trainerMessages";
import { playScenario } from "../trainerEngine";

const AUTOPLAY_MS = 2500;

/**
 * A scenario on the projector: the persona, then each action with the answer given, why the SOP went where it went
 * (the decision trace in words), and the flags, referrals, deadlines and standing instructions as they appear. Large
 * type; → or space steps on, ← back, Home and End jump.
 */
export function PlaybackScreen({ scenario, compiled }: { scenario: Scenario; compiled: CompiledSop }) {
  const i18n = useI18n();
  const { tr, text, locale } = useTrainerText();
  const heading = useRef<HTMLHeadingElement>(null);
  const played = useMemo(() => playScenario(compiled, scenario, locale), [compiled, scenario, locale]);
  const { frames, result } = played;
  const last = frames.length - 1;
  const [at, setAt] = useState(0);
  const [auto, setAuto] = useState(false);
  useEffect(() => heading.current?.focus(), []);

  const go = useCallback((to: number) => setAt(Math.max(0, Math.min(last, to))), [last]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const to = targetOf(event.key, at, last);
      // Space on a button presses it: leave it to the button.
      if (to === undefined || (event.key === " " && target?.tagName === "BUTTON")) return;
      event.preventDefault();
      setAuto(false);
      go(to);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [at, last, go]);
  useEffect(() => {
    if (!auto) return;
    if (at >= last) {
      setAuto(false);
      return;
    }
    const timer = setTimeout(() => setAt((i) => Math.min(last, i + 1)), AUTOPLAY_MS);
    return () => clearTimeout(timer);
  }, [auto, at, last]);

  const frame = frames[at];
  const previous = at > 0 ? frames[at - 1].view : undefined;
  const lang = locale === "es" ? "es" : "en";
  const news = frame.view.trace.slice(frame.traceBefore).map((entry) => describeTrace(entry, compiled, lang));
  const stepAt = frame.action?.step ? compiled.steps.get(frame.action.step)?.step : undefined;
  const answer = frame.value;

  return (
    <section className="projector" aria-labelledby="projector-title">
      <h1 id="projector-title" ref={heading} tabIndex={-1}>
        {tr("play.title", { title: text(scenario.title) })}
      </h1>
      <div className="projector-persona">
        <h2>{tr("play.persona")}</h2>
        <p>{text(scenario.persona)}</p>
      </div>
      <div className="projector-controls">
        <button type="button" className="button button-secondary" onClick={() => go(0)} disabled={at === 0}>
          {tr("play.first")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => go(at - 1)} disabled={at === 0}>
          {tr("play.previous")}
        </button>
        <button type="button" className="button button-primary" onClick={() => go(at + 1)} disabled={at >= last}>
          {tr("play.next")}
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={auto}
          onClick={() => setAuto(!auto)}
          disabled={at >= last}
        >
          {auto ? tr("play.pause") : tr("play.auto")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => go(last)} disabled={at >= last}>
          {tr("play.last")}
        </button>
      </div>
      <p className="note">{tr("play.keys")}</p>
      <p className="projector-position" role="status">
        {tr("play.position", { done: at, total: last })}
      </p>
      <div className="projector-grid">
        <div className="projector-main">
          <InstructionBanner instructions={frame.view.instructions} />
          <section className="projector-action" aria-label={tr("play.step")}>
            {frame.action ? (
              <>
                <p className="step-procedure">{tr("play.step")}</p>
                <h2 className="projector-step">
                  {stepAt && "title" in stepAt ? text(stepAt.title) : text(compiled.definition.title)}
                </h2>
                {stepAt && "say" in stepAt && stepAt.say ? <p className="projector-say">«{text(stepAt.say)}»</p> : null}
                {answer !== undefined ? (
                  <p className="projector-answer">
                    <span className="projector-label">{tr("play.answer")}: </span>
                    {formatAnswer(stepAt, answer, i18n)}
                  </p>
                ) : null}
              </>
            ) : (
              <h2 className="projector-step">{tr("play.opening")}</h2>
            )}
          </section>
          {frame.action || news.length ? (
            <section className="projector-why" aria-labelledby="projector-why">
              <h2 id="projector-why">{tr("play.why")}</h2>
              {news.length ? (
                <ul>
                  {news.map((line, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one action, in order.
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ) : (
                <p>{tr("play.nothingNew")}</p>
              )}
            </section>
          ) : null}
          {at === last ? (
            <Verdict
              passed={result.passed}
              differences={result.differences}
              refused={frames.length - 1 < scenario.steps.length}
            />
          ) : null}
        </div>
        <CaseFacts view={frame.view} previous={previous} />
      </div>
    </section>
  );
}

/** Where a key moves the playback: → and space on, ← back, Home and End to either end. */
function targetOf(key: string, at: number, last: number): number | undefined {
  if (key === "ArrowRight" || key === " ") return at + 1;
  if (key === "ArrowLeft") return at - 1;
  if (key === "Home") return 0;
  if (key === "End") return last;
  return undefined;
}

/** Flags, referrals, deadlines: what the case holds at this moment, the new ones marked. */
function CaseFacts({ view, previous }: { view: CaseView; previous?: CaseView }) {
  const { tr, text } = useTrainerText();
  const isNew = (has: boolean) => (has ? null : <span className="badge badge-new">{tr("play.new")}</span>);
  const deadlines = view.deadlines.filter((d) => d.kind === "deadline");
  return (
    <aside className="projector-facts">
      <section aria-labelledby="facts-flags">
        <h2 id="facts-flags">{tr("play.flags")}</h2>
        {view.flags.length ? (
          <ul className="chips">
            {view.flags.map((f) => (
              <li key={f.id} className={`chip chip-priority-${Math.min(f.priority, 3)}`}>
                {text(f.label)} {isNew(Boolean(previous?.flags.some((p) => p.id === f.id)) || !previous)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{tr("play.none")}</p>
        )}
      </section>
      <section aria-labelledby="facts-referrals">
        <h2 id="facts-referrals">{tr("play.referrals")}</h2>
        {view.referrals.length ? (
          <ul>
            {view.referrals.map((r) => (
              <li key={r.service}>
                {text(r.serviceName)} · {tr(`urgency.${r.urgency}` as TrainerKey)} ·{" "}
                {tr(`referral.${r.status}` as TrainerKey)}{" "}
                {isNew(
                  Boolean(previous?.referrals.some((p) => p.service === r.service && p.status === r.status)) ||
                    !previous,
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{tr("play.none")}</p>
        )}
      </section>
      <section aria-labelledby="facts-deadlines">
        <h2 id="facts-deadlines">{tr("play.deadlines")}</h2>
        {deadlines.length ? (
          <ul>
            {deadlines.map((d) => (
              <li key={d.id}>
                {text(d.label)} ·{" "}
                {d.overdue
                  ? tr("play.overdue", { hours: Math.round(-d.hoursLeft) })
                  : tr("play.dueIn", { hours: Math.round(d.hoursLeft) })}{" "}
                {isNew(Boolean(previous?.deadlines.some((p) => p.id === d.id)) || !previous)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{tr("play.none")}</p>
        )}
      </section>
    </aside>
  );
}

function Verdict({ passed, differences, refused }: { passed: boolean; differences: string[]; refused: boolean }) {
  const { tr } = useTrainerText();
  return (
    <section className={passed ? "verdict verdict-pass" : "verdict verdict-fail"} aria-labelledby="verdict-title">
      <h2 id="verdict-title">{passed ? tr("play.passed") : refused ? tr("play.refused") : tr("play.failed")}</h2>
      {passed ? null : (
        <ul lang="en">
          {differences.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
