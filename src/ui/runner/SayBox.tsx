import type { Text } from "../../engine/index";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { describeLanguage } from "./interviewLanguages";
import type { Interview } from "./StepCard";

/**
 * What the officer reads aloud: the text in the interview language, with the officer's own language beneath it
 * (so the officer knows what they are reading), and a small mark when no native speaker reviewed the translation.
 * A step without a text in the interview language says so and shows the officer's.
 */
export function SayBox({ say, interview }: { say: Text; interview?: Interview }) {
  const { t, text, locale } = useCaseI18n();
  const language = interview?.language ?? locale;
  const spoken = say[language];
  const own = text(say);
  const name = describeLanguage(language, locale);
  return (
    <div className="say">
      <p className="say-label">
        {language === locale ? t("step.sayLabel") : t("step.sayIn", { language: name })}
        {spoken && interview && !interview.reviewed ? (
          <span className="badge badge-unreviewed">{t("step.unreviewed")}</span>
        ) : null}
      </p>
      {spoken ? (
        <p className="say-text" lang={language}>
          {spoken}
        </p>
      ) : (
        <p className="say-missing">{t("step.sayMissing", { language: name })}</p>
      )}
      {language !== locale ? (
        <p className="say-own" lang={locale}>
          <span className="visually-hidden">{t("step.sayOwn")} </span>
          {own}
        </p>
      ) : null}
    </div>
  );
}
