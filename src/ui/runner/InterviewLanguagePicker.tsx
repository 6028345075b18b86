import { memo, useId, useState } from "react";
import type { CaseSession, CaseView } from "../../engine/index";
import { describeRefusal } from "./describeRefusal";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { describeLanguage, listInterviewLanguages } from "./interviewLanguages";
import { sameSending } from "./sameProps";
import type { CaseHandle } from "./useCaseSession";

/**
 * The language the person is interviewed in, chosen per case among the languages the SOP's texts exist in, and
 * remembered on the case (`LANGUAGE_SET`); it can change at any time. The interface stays in the officer's language.
 */
export const InterviewLanguagePicker = memo(
  InterviewLanguagePickerBody,
  (a, b) => a.session === b.session && sameSending(a.handle, b.handle) && a.view.language === b.view.language,
);

function InterviewLanguagePickerBody({
  handle,
  session,
  view,
}: {
  handle: CaseHandle;
  session: CaseSession;
  view: CaseView;
}) {
  const { t, locale } = useCaseI18n();
  const id = useId();
  const [problem, setProblem] = useState<string>();
  const languages = listInterviewLanguages(session.compiled);
  const current = view.language ?? locale;
  if (languages.length < 2) return null;
  const choose = async (language: string) => {
    const result = await handle.send({ type: "LANGUAGE_SET", language });
    setProblem(result.ok ? undefined : describeRefusal(result.code, t));
  };
  return (
    <div className="interview-language">
      <label htmlFor={`${id}-language`}>{t("language.label")}</label>
      <select
        id={`${id}-language`}
        value={languages.includes(current) ? current : ""}
        disabled={handle.busy}
        onChange={(e) => void choose(e.target.value)}
      >
        {languages.includes(current) ? null : <option value="">{describeLanguage(current, locale)}</option>}
        {languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {describeLanguage(language, locale)}
          </option>
        ))}
      </select>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
