import { useId } from "react";
import {
  DERIVED_ANSWERS,
  parseDailyCounts,
  type QuestionStep,
  type Role,
  type Scenario,
  type Site,
  type SopDefinition,
} from "../../../engine/index";
import { useI18n } from "../../shared/i18n/I18nProvider";
import { listShippedSops } from "../../shared/shippedLibrary";
import { planQuestions, type SurgeForm } from "./surgeForm";
import { useSurgeText } from "./surgeMessages";

interface Props {
  form: SurgeForm;
  onChange(form: SurgeForm): void;
  scenarios: readonly Scenario[];
  sites: readonly Site[];
  roles: readonly Role[];
  contingency: SopDefinition;
}

/** The surge plan as a form: length, arrivals, personas, desks, places, and what the simulation cannot know. */
export function SurgePlanForm({ form, onChange, scenarios, sites, roles, contingency }: Props) {
  const { s } = useSurgeText();
  const { text } = useI18n();
  const id = useId();
  const set = (patch: Partial<SurgeForm>) => onChange({ ...form, ...patch });
  const sops = listShippedSops();
  const bySop = new Map<string, Scenario[]>();
  for (const scenario of scenarios) bySop.set(scenario.sop, [...(bySop.get(scenario.sop) ?? []), scenario]);

  const readCsv = async (file: File | undefined) => {
    if (!file) return set({ csv: undefined });
    const content = await file.text();
    set({ csv: { name: file.name, text: content, counts: parseDailyCounts(content) } });
  };

  return (
    <div className="surge-form">
      <fieldset>
        <legend>{s("section.length")}</legend>
        <NumberField label={s("days")} value={form.days} min={1} max={366} onChange={(days) => set({ days })} />
        <NumberField label={s("seed")} value={form.seed} min={0} max={4294967295} onChange={(seed) => set({ seed })} />
      </fieldset>

      <fieldset>
        <legend>{s("section.arrivals")}</legend>
        <fieldset className="surge-choice">
          <legend>{s("arrivals.kind")}</legend>
          {(["constant", "hourly", "csv"] as const).map((kind) => (
            <label key={kind} className="surge-radio">
              <input
                type="radio"
                name={`${id}-arrivals`}
                value={kind}
                checked={form.arrivals === kind}
                onChange={() => set({ arrivals: kind })}
              />{" "}
              {s(`arrivals.${kind}`)}
            </label>
          ))}
        </fieldset>
        {form.arrivals === "constant" ? (
          <NumberField
            label={s("arrivals.perHour")}
            value={form.perHour}
            min={0}
            max={100000}
            step="any"
            onChange={(perHour) => set({ perHour })}
          />
        ) : null}
        {form.arrivals === "hourly" ? (
          <fieldset className="surge-profile">
            <legend>{s("arrivals.profileHelp")}</legend>
            {form.profile.map((rate, hour) => (
              <NumberField
                // biome-ignore lint/suspicious/noArrayIndexKey: the 24 hours of the day are fixed positions
                key={hour}
                label={s("arrivals.hour", { from: hour, to: hour + 1 })}
                value={rate}
                min={0}
                max={100000}
                step="any"
                onChange={(value) => set({ profile: form.profile.map((r, h) => (h === hour ? value : r)) })}
              />
            ))}
          </fieldset>
        ) : null}
        {form.arrivals === "csv" ? (
          <div>
            <label htmlFor={`${id}-csv`}>{s("arrivals.file")}</label>
            <input
              id={`${id}-csv`}
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={(e) => readCsv(e.target.files?.[0])}
            />
            <CsvNote form={form} />
          </div>
        ) : null}
      </fieldset>

      <fieldset>
        <legend>{s("section.personas")}</legend>
        <p className="surge-help">{s("personas.help")}</p>
        {form.personas.map((persona, i) => (
          <div key={persona.key} className="surge-row">
            <label htmlFor={`${id}-persona-${i}`}>{s("persona.scenario", { n: i + 1 })}</label>
            <select
              id={`${id}-persona-${i}`}
              value={persona.scenario}
              onChange={(e) =>
                set({ personas: form.personas.map((p, j) => (j === i ? { ...p, scenario: e.target.value } : p)) })
              }
            >
              {sops
                .filter((sop) => bySop.has(sop.id))
                .map((sop) => (
                  <optgroup key={sop.id} label={text(sop.title)}>
                    {bySop.get(sop.id)!.map((sc) => (
                      <option key={sc.id} value={sc.id}>
                        {text(sc.title)}
                      </option>
                    ))}
                  </optgroup>
                ))}
            </select>
            <NumberField
              label={s("persona.share", { n: i + 1 })}
              value={persona.share}
              min={0}
              max={1000000}
              step="any"
              onChange={(share) => set({ personas: form.personas.map((p, j) => (j === i ? { ...p, share } : p)) })}
            />
            {form.personas.length > 1 ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => set({ personas: form.personas.filter((_, j) => j !== i) })}
              >
                {s("persona.remove", { n: i + 1 })}
              </button>
            ) : null}
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            set({
              personas: [...form.personas, { key: form.nextKey, scenario: scenarios[0]?.id ?? "", share: 1 }],
              nextKey: form.nextKey + 1,
            })
          }
        >
          {s("persona.add")}
        </button>
      </fieldset>

      <fieldset>
        <legend>{s("section.desks")}</legend>
        <p className="surge-help">{s("desks.help")}</p>
        {form.desks.map((desk, i) => {
          const update = (patch: Partial<SurgeForm["desks"][number]>) =>
            set({ desks: form.desks.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
          return (
            <div key={desk.key} className="surge-row">
              <label htmlFor={`${id}-desk-${i}`}>{s("desk.name", { n: i + 1 })}</label>
              <input
                id={`${id}-desk-${i}`}
                className="answer-input"
                value={desk.title}
                onChange={(e) => update({ title: e.target.value })}
              />
              <label htmlFor={`${id}-role-${i}`}>{s("desk.role", { n: i + 1 })}</label>
              <select id={`${id}-role-${i}`} value={desk.role} onChange={(e) => update({ role: e.target.value })}>
                {roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {text(r.name)}
                  </option>
                ))}
              </select>
              <NumberField
                label={s("desk.staff", { n: i + 1 })}
                value={desk.staff}
                min={0}
                max={1000}
                onChange={(staff) => update({ staff })}
              />
              <details className="surge-sops">
                <summary>{s("desk.sops", { n: i + 1 })}</summary>
                <fieldset>
                  <legend className="visually-hidden">{s("desk.sops", { n: i + 1 })}</legend>
                  {sops.map((sop) => (
                    <label key={sop.id} className="surge-check">
                      <input
                        type="checkbox"
                        checked={desk.sops.includes(sop.id)}
                        onChange={(e) =>
                          update({
                            sops: e.target.checked ? [...desk.sops, sop.id] : desk.sops.filter((x) => x !== sop.id),
                          })
                        }
                      />{" "}
                      {text(sop.title)}
                    </label>
                  ))}
                </fieldset>
              </details>
              {form.desks.length > 1 ? (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => set({ desks: form.desks.filter((_, j) => j !== i) })}
                >
                  {s("desk.remove", { n: i + 1 })}
                </button>
              ) : null}
            </div>
          );
        })}
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            set({
              desks: [
                ...form.desks,
                {
                  key: form.nextKey,
                  title: s("desk.defaultName", { n: form.desks.length + 1 }),
                  role: roles[0]?.id ?? "",
                  staff: 2,
                  sops: [],
                },
              ],
              nextKey: form.nextKey + 1,
            })
          }
        >
          {s("desk.add")}
        </button>
      </fieldset>

      <fieldset>
        <legend>{s("section.beds")}</legend>
        <label htmlFor={`${id}-site`}>{s("beds.site")}</label>
        <select id={`${id}-site`} value={form.site} onChange={(e) => set({ site: e.target.value })}>
          {sites
            .filter((site) => site.capacity > 0)
            .map((site) => (
              <option key={site.id} value={site.id}>
                {s("beds.siteCapacity", { name: text(site.name), count: site.capacity })}
              </option>
            ))}
          <option value="">{s("beds.other")}</option>
        </select>
        {form.site === "" ? (
          <NumberField
            label={s("beds.capacity")}
            value={form.capacity}
            min={1}
            max={100000}
            onChange={(capacity) => set({ capacity })}
          />
        ) : null}
        <NumberField
          label={s("beds.stay")}
          value={form.stayHours}
          min={0}
          max={8760}
          step="any"
          onChange={(stayHours) => set({ stayHours })}
        />
        <NumberField
          label={s("beds.initial")}
          value={form.initialOccupancy}
          min={0}
          max={100000}
          onChange={(initialOccupancy) => set({ initialOccupancy })}
        />
      </fieldset>

      <fieldset>
        <legend>{s("section.contingency")}</legend>
        <p className="surge-help">{s("contingency.help")}</p>
        {planQuestions(contingency).map((q) => (
          <ContingencyField
            key={q.variable}
            question={q}
            value={form.answers[q.variable]}
            onChange={(value) => set({ answers: { ...form.answers, [q.variable]: value } })}
          />
        ))}
      </fieldset>
    </div>
  );
}

function CsvNote({ form }: { form: SurgeForm }) {
  const { s } = useSurgeText();
  if (!form.csv) return <p className="surge-help">{s("arrivals.fileMissing")}</p>;
  const { counts, problems } = form.csv.counts;
  return (
    <div role="status">
      {counts.length ? <p>{s("arrivals.fileRead", { count: counts.length })}</p> : null}
      {counts.length && counts.length < form.days ? <p className="problem">{s("arrivals.fileShort")}</p> : null}
      {problems.map((p) => (
        <p key={p.line} className="problem">
          {p.kind === "no-counts"
            ? s("arrivals.fileEmpty")
            : s("arrivals.fileProblem", { line: p.line, value: p.value ?? "" })}
        </p>
      ))}
    </div>
  );
}

function ContingencyField({
  question,
  value,
  onChange,
}: {
  question: QuestionStep;
  value: unknown;
  onChange(value: number | string | boolean): void;
}) {
  const { s } = useSurgeText();
  const { text } = useI18n();
  const id = useId();
  const answer = question.answer;
  // Asked of the simulation from its third day on; before that, the plan answers for the days before the first.
  const title =
    (DERIVED_ANSWERS[question.variable]?.unknownOnFirstDays ?? 0) > 0
      ? s("contingency.before", { title: text(question.title) })
      : text(question.title);
  if (answer.type === "number")
    return (
      <NumberField
        label={title}
        value={Number(value ?? 0)}
        min={answer.min ?? 0}
        max={answer.max ?? 1e9}
        onChange={onChange}
      />
    );
  const options =
    answer.type === "one-of"
      ? answer.options.map((o) => ({ value: o.value, label: text(o.label) }))
      : [
          { value: "false", label: s("no") },
          { value: "true", label: s("yes") },
        ];
  return (
    <>
      <label htmlFor={id}>{title}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => onChange(answer.type === "one-of" ? e.target.value : e.target.value === "true")}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** A labelled number input that reports numbers only (an empty or partial entry keeps the last number). */
function NumberField({
  label,
  value,
  min,
  max,
  step = "1",
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: string;
  onChange(value: number): void;
}) {
  const id = useId();
  return (
    <div className="surge-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="answer-input"
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        defaultValue={value}
        onChange={(e) => {
          const n = e.target.valueAsNumber;
          if (Number.isFinite(n) && n >= min && n <= max) onChange(n);
        }}
      />
    </div>
  );
}
