import { sopLoaders } from "virtual:senda-sops";
import { useEffect, useRef, useState } from "react";
import type { Issue, Scenario, SopDefinition } from "../../../engine/index";
import { useI18n } from "../../shared/i18n/I18nProvider";
import { getShippedCatalog } from "../../shared/shippedCatalog";
import { SurgePlanForm } from "./SurgePlanForm";
import { SurgeResults } from "./SurgeResults";
import { arrivalsPerDay, buildPlan, defaultAnswers, type SurgeForm } from "./surgeForm";
import { useSurgeText } from "./surgeMessages";
import { useSurgeWorker } from "./useSurgeWorker";
import "./surge.css";

const CONTINGENCY_SOP = "site-contingency";

/** A first plan to start from: a week at San Vicente with the usual desks, and the library's own personas. */
function firstForm(
  scenarios: readonly Scenario[],
  contingency: SopDefinition,
  name: (key: "desk.registration" | "desk.protection" | "desk.health") => string,
): SurgeForm {
  const has = (id: string) => scenarios.some((s) => s.id === id);
  const personas = [
    { scenario: "screening-man-34-with-wife-no-needs", share: 85 },
    { scenario: "screening-woman-26-debt-and-documents", share: 6 },
    { scenario: "screening-carlos-15-alone", share: 4 },
    { scenario: "pregnancy-late-no-danger-signs", share: 5 },
  ].filter((p) => has(p.scenario));
  const form: SurgeForm = {
    days: 7,
    seed: 1,
    arrivals: "constant",
    perHour: 20,
    profile: [4, 2, 2, 2, 4, 8, 16, 28, 36, 40, 40, 36, 32, 30, 30, 28, 26, 22, 18, 14, 10, 8, 6, 5],
    personas: (personas.length ? personas : [{ scenario: scenarios[0]?.id ?? "", share: 1 }]).map((p, key) => ({
      ...p,
      key,
    })),
    desks: [
      {
        key: 10,
        title: name("desk.registration"),
        role: "snm-officer",
        staff: 8,
        sops: ["arrival", "screening", "reverse-flow"],
      },
      {
        key: 11,
        title: "",
        role: "iom-protection-officer",
        staff: 4,
        sops: [
          "uasc",
          "trafficking",
          "gbv-disclosure",
          "international-protection",
          "lgbtiq",
          "pfa",
          "disability",
          "older-persons",
        ],
      },
      {
        key: 12,
        title: name("desk.health"),
        role: "minsa-health-staff",
        staff: 2,
        sops: ["pregnancy", "hiv-continuity"],
      },
    ],
    nextKey: 20,
    site: "san-vicente",
    capacity: 500,
    stayHours: 16,
    initialOccupancy: 150,
    answers: {},
  };
  return { ...form, answers: defaultAnswers(contingency, arrivalsPerDay(form)) };
}

/**
 * The surge simulation: a plan on the left (arrivals, personas, desks, places, what the simulation cannot know),
 * simulated in a Web Worker, then charts of queues, occupancy, waits and referrals, and the alert levels the
 * site-contingency SOP sets each day. Loaded only when opened, with its charting library.
 */
export default function SurgeScreen({ scenarios }: { scenarios: readonly Scenario[] }) {
  const { s } = useSurgeText();
  const { text, locale } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const [contingency, setContingency] = useState<SopDefinition>();
  const [form, setForm] = useState<SurgeForm>();
  const { run, start, stop } = useSurgeWorker();
  const catalog = getShippedCatalog();
  const names = useRef<Map<string, Scenario>>(new Map(scenarios.map((sc) => [sc.id, sc])));

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    let live = true;
    sopLoaders[CONTINGENCY_SOP]?.().then((sop) => {
      if (!live) return;
      setContingency(sop);
      setForm((f) => f ?? firstForm(scenarios, sop, s));
    });
    return () => {
      live = false;
    };
  }, [scenarios, s]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!form) return;
    start(buildPlan(form, locale), form.arrivals === "csv" ? form.csv?.text : undefined);
  };
  const reply = run.state === "done" ? run.reply : undefined;
  // A new result takes the focus, so that keyboard and screen reader users land on it after a long form.
  useEffect(() => {
    if (reply?.ok) document.getElementById("surge-results-title")?.focus();
  }, [reply]);
  const problems: Issue[] =
    reply && !reply.ok && "issues" in reply ? reply.issues.filter((i) => i.severity === "error") : [];

  return (
    <div className="surge-screen">
      <h1 ref={heading} tabIndex={-1}>
        {s("title")}
      </h1>
      <p>{s("intro")}</p>
      {form && contingency ? (
        <form onSubmit={submit} noValidate>
          <SurgePlanForm
            form={form}
            onChange={setForm}
            scenarios={scenarios}
            sites={[...catalog.sites.values()]}
            roles={[...catalog.roles.values()]}
            contingency={contingency}
          />
          <div className="surge-actions">
            <button type="submit" className="button button-primary" disabled={run.state === "running"}>
              {s("run")}
            </button>
            {run.state === "running" ? (
              <button type="button" className="button button-secondary" onClick={stop}>
                {s("cancel")}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <p className="loading" role="status">
          {s("running")}
        </p>
      )}
      <div role="status" aria-live="polite" className="surge-status">
        {run.state === "running" ? s("running") : run.state === "stopped" ? s("stopped") : ""}
      </div>
      {reply && !reply.ok && "failure" in reply ? (
        <p className="problem" role="alert">
          {s("failed", { reason: reply.failure })}
        </p>
      ) : null}
      {problems.length ? (
        <div role="alert">
          <p>{s("planProblems")}</p>
          <ul className="issue-list">
            {problems.map((p) => (
              <li key={`${p.pointer}-${p.message}`} className="issue">
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {reply?.ok && contingency ? (
        <SurgeResults
          result={reply.result}
          elapsedMs={reply.elapsedMs}
          contingency={contingency}
          scenarioTitle={(id) => text(names.current.get(id)?.title) || id}
        />
      ) : null}
    </div>
  );
}
