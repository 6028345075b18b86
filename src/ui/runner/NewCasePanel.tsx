import { useEffect, useId, useState } from "react";
import { StoreError } from "../../store/index";
import { useClock } from "../shared/ClockProvider";
import { useI18n } from "../shared/i18n/I18nProvider";
import { detailOf, ProblemAlert, type ShownProblem } from "../shared/ProblemAlert";
import { useCaseStore } from "../shared/StoreProvider";
import { getQueueCatalog, listShippedSops } from "../shared/shippedLibrary";
import { navigate } from "../shared/useRoute";
import { useViewer } from "../shared/useViewer";
import { describeRefusal } from "./describeRefusal";
import { useOfficerSettings } from "./OfficerSettings";

/** The one-tap "new case" button, with the remembered officer, station and entry SOP that it uses. */
export function NewCasePanel() {
  const { t, text } = useI18n();
  const id = useId();
  const store = useCaseStore();
  const clock = useClock();
  const [settings, save] = useOfficerSettings();
  const viewer = useViewer();
  const [open, setOpen] = useState(settings.officer === "");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | string>();
  const catalog = getQueueCatalog();
  const sops = listShippedSops();
  const sites = [...catalog.sites.values()].sort((a, b) => (a.status === b.status ? 0 : a.status === "open" ? -1 : 1));
  // The least privileged role first: what a shared device shows by default.
  const roles = [...catalog.roles.values()].sort((a, b) => a.sees.length - b.sees.length);
  const sop = sops.find((s) => s.id === settings.sop);
  const site = catalog.sites.get(settings.site);

  // Once the queue is idle, the new case's SOP is compiled and the case screen loaded, ready for the tap.
  const sopId = sop?.id;
  useEffect(() => {
    if (!sopId || typeof requestIdleCallback !== "function") return;
    const handle = requestIdleCallback(() => {
      void import("./startCase").then((m) => m.prepareNewCase(sopId)).catch(() => undefined);
    });
    return () => cancelIdleCallback(handle);
  }, [sopId]);

  const start = async () => {
    if (!settings.officer.trim()) {
      setOpen(true);
      setProblem(t("newCase.officerMissing"));
      document.getElementById(`${id}-officer`)?.focus();
      return;
    }
    if (!sop) {
      setOpen(true);
      setProblem(t("newCase.sopMissing"));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      // The engine's runtime is a chunk of its own, loaded when the first case is opened (and cached offline).
      const { startCaseOn } = await import("./startCase");
      const caseId = await startCaseOn(store, sop.id, {
        at: clock.now(),
        by: settings.officer.trim(),
        site: settings.site,
      });
      navigate({ area: "case", caseId, view: "step" });
    } catch (error) {
      setProblem(
        error instanceof StoreError
          ? { text: describeRefusal(error.code, t), detail: detailOf(error) }
          : { text: t("newCase.failed"), detail: detailOf(error) },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="new-case" aria-label={t("newCase.title")}>
      <button
        type="button"
        className="button button-primary button-big"
        onClick={start}
        disabled={busy}
        aria-busy={busy}
      >
        {t("newCase.start")}
      </button>
      <p className="new-case-settings">
        {sop ? text(sop.title) : "—"} · {site ? text(site.name) : settings.site || "—"}
        {settings.officer ? ` · ${settings.officer}` : ""}
        {viewer.role ? ` · ${text(viewer.role.name)}` : ""}
      </p>
      {problem ? <ProblemAlert problem={problem} /> : null}
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{t("newCase.change")}</summary>
        <div className="settings-form">
          <label htmlFor={`${id}-officer`}>{t("newCase.officer")}</label>
          <input
            id={`${id}-officer`}
            className="answer-input"
            type="text"
            autoComplete="off"
            maxLength={40}
            value={settings.officer}
            onChange={(e) => save({ ...settings, officer: e.target.value })}
          />
          {roles.length > 0 ? (
            <>
              <label htmlFor={`${id}-role`}>{t("newCase.role")}</label>
              <select
                id={`${id}-role`}
                value={viewer.role?.id ?? ""}
                onChange={(e) => save({ ...settings, role: e.target.value })}
              >
                {roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {text(r.name)}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <label htmlFor={`${id}-site`}>{t("newCase.site")}</label>
          <select id={`${id}-site`} value={settings.site} onChange={(e) => save({ ...settings, site: e.target.value })}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {text(s.name)}
                {s.status === "closed" ? ` (${t("newCase.siteClosed")})` : ""}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-sop`}>{t("newCase.sop")}</label>
          <select id={`${id}-sop`} value={settings.sop} onChange={(e) => save({ ...settings, sop: e.target.value })}>
            {sops.map((s) => (
              <option key={s.id} value={s.id}>
                {text(s.title)}
              </option>
            ))}
          </select>
        </div>
      </details>
    </section>
  );
}
