import { useEffect, useRef } from "react";
import { useI18n } from "../shared/i18n/I18nProvider";
import type { MessageKey } from "../shared/i18n/messagesEs";
import { TechnicalDetail } from "../shared/TechnicalDetail";
import { routeHref } from "../shared/useRoute";

/** What a failed load says, by its code: a heading and what the officer can do, in the officer's language. */
function wordsFor(code: string): { title: MessageKey; help: MessageKey } {
  if (code === "not-found") return { title: "case.notFound", help: "case.notFoundHelp" };
  if (code === "wrong-sop" || code === "sop-unavailable")
    return { title: "case.sopUnavailable", help: "case.sopUnavailableHelp" };
  if (code === "corrupt-log") return { title: "case.loadFailed", help: "refusal.corrupt-log" };
  if (code === "unavailable") return { title: "case.loadFailed", help: "refusal.unavailable" };
  return { title: "case.loadFailed", help: "case.loadFailedHelp" };
}

/**
 * A case that could not be loaded: what happened and what to do, chosen by the load's `code`; the store's or the
 * engine's own `reason` (English, for support) folded under the technical detail.
 */
export function CaseFailure({ code, reason }: { code: string; reason: string }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // A station device whose role cannot see every event: the station's case panel shows what it may (issue 13).
  if (code === "withheld") return null;
  const words = wordsFor(code);
  return (
    <section className="step-card">
      <h1 ref={heading} tabIndex={-1}>
        {t(words.title)}
      </h1>
      <p>{t(words.help)}</p>
      <TechnicalDetail detail={reason} />
      <a className="button button-primary" href={routeHref({ area: "cases" })}>
        {t("case.backToQueue")}
      </a>
    </section>
  );
}
