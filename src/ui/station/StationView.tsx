import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import type { CaseSummary } from "../../store/index";
import { useI18n } from "../shared/i18n/I18nProvider";
import { useCaseStore } from "../shared/StoreProvider";
import { getShippedCatalog } from "../shared/shippedCatalog";
import { routeHref } from "../shared/useRoute";
import { useStation } from "./StationContext";
import { useStationText } from "./stationMessages";

const RECEPTION = "";

/**
 * The station view: every case on the device by desk (the role or desk it was last handed to; reception when never
 * handed over), with its status and due time (the handover's, else the next deadline this device may see). The
 * desks of the signed-in officer's roles come first: that is the receiving queue.
 */
export default function StationView() {
  const st = useStationText();
  const { t, text, formatDateTime } = useI18n();
  const store = useCaseStore();
  const station = useStation();
  const heading = useRef<HTMLHeadingElement>(null);
  const revision = useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.revision,
  );
  useEffect(() => heading.current?.focus(), []);
  const roles = getShippedCatalog().roles;
  const mine = new Set(station?.officer.roles ?? []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` marks every change to the summaries.
  const desks = useMemo(() => {
    const byDesk = new Map<string, CaseSummary[]>();
    for (const summary of store.listSummaries({ sort: "urgency" })) {
      const desk = summary.handedTo ? `${summary.handedTo.role}\u0000${summary.handedTo.desk ?? ""}` : RECEPTION;
      const list = byDesk.get(desk);
      if (list) list.push(summary);
      else byDesk.set(desk, [summary]);
    }
    return [...byDesk].sort(
      ([a], [b]) =>
        Number(mine.has(b.split("\u0000")[0])) - Number(mine.has(a.split("\u0000")[0])) || a.localeCompare(b),
    );
  }, [store, revision]);

  const deskName = (desk: string) => {
    if (desk === RECEPTION) return st("view.reception");
    const [role, name] = desk.split("\u0000");
    const label = roles.get(role) ? text(roles.get(role)!.name) : role;
    return name ? `${label} · ${name}` : label;
  };
  const dueOf = (s: CaseSummary) => s.handedTo?.dueAt ?? s.nextDeadline?.dueAt;

  return (
    <div className="station-view">
      <h1 ref={heading} tabIndex={-1}>
        {st("view.title")}
      </h1>
      {desks.length === 0 ? <p>{st("view.empty")}</p> : null}
      {desks.map(([desk, cases]) => (
        <section key={desk} aria-labelledby={`desk-${desk}`}>
          <h2 id={`desk-${desk}`}>
            {deskName(desk)}
            {mine.has(desk.split("\u0000")[0]) ? ` · ${st("view.forYou")}` : ""}
          </h2>
          <table className="station-table">
            <thead>
              <tr>
                <th scope="col">{st("view.case")}</th>
                <th scope="col">{st("view.status")}</th>
                <th scope="col">{st("view.due")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((s) => (
                <tr key={s.caseId}>
                  <td>
                    <a href={routeHref({ area: "case", caseId: s.caseId, view: "step" })}>{s.caseId}</a>
                  </td>
                  <td>{t(`status.${s.status}`)}</td>
                  <td>{dueOf(s) ? formatDateTime(dueOf(s)!) : st("view.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
