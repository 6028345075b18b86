import { memo } from "react";
import type { InstructionView } from "../../engine/index";
import { useCaseI18n } from "./i18n/useCaseI18n";
import { sameInstructions } from "./sameProps";

/**
 * The standing instructions in force, above everything else on every screen of the case, for as long as their flags
 * are raised. One the viewer may not read shows its neutral words (the catalog's `publicLabel`), never its category.
 */
export const InstructionBanner = memo(InstructionBannerBody, (a, b) =>
  sameInstructions(a.instructions, b.instructions),
);

function InstructionBannerBody({ instructions }: { instructions: readonly InstructionView[] }) {
  const { t, text, formatDateTime } = useCaseI18n();
  if (instructions.length === 0) return null;
  const hidden = new Set<string>();
  for (const i of instructions.filter((i) => i.hidden)) hidden.add(text(i.publicLabel) || t("instruction.hidden"));
  return (
    <section className="instructions" aria-label={t("instruction.title")}>
      <h2 className="instructions-title">{t("instruction.title")}</h2>
      <ul>
        {instructions
          .filter((i) => !i.hidden)
          .map((instruction) => (
            <li key={instruction.flag} className="instruction">
              <strong>{text(instruction.label)}:</strong> {text(instruction.instruction)}
              {instruction.manual ? (
                <span className="instruction-meta">
                  {" "}
                  {t("instruction.raisedBy", {
                    by: instruction.manual.by,
                    at: formatDateTime(instruction.manual.at),
                    reason: instruction.manual.reason,
                  })}
                </span>
              ) : null}
            </li>
          ))}
        {[...hidden].map((label) => (
          <li key={label} className="instruction instruction-hidden">
            {label}
          </li>
        ))}
      </ul>
    </section>
  );
}
