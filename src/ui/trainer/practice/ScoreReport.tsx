import { useEffect, useRef } from "react";
import type { CompiledSop } from "../../../engine/index";
import { pickText } from "../../../engine/index";
import { useTrainerText } from "../i18n/trainerMessages";
import { describeMiss } from "./describeMiss";
import type { RunScore } from "./scoreRun";

/** The score, and each miss in plain words with what the SOP itself says about it. */
export function ScoreReport({ score, compiled }: { score: RunScore; compiled: CompiledSop }) {
  const { tr, text, locale } = useTrainerText();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section
      className={`score ${score.misses.length ? "score-misses" : "score-perfect"}`}
      aria-labelledby="score-title"
    >
      <h2 id="score-title" ref={heading} tabIndex={-1}>
        {tr("score.title", { percent: score.percent })}
      </h2>
      <p>{tr("score.points", { earned: score.earned, possible: score.possible })}</p>
      {score.misses.length === 0 ? (
        <p>{tr("score.perfect")}</p>
      ) : (
        <>
          <h3>{tr("score.misses", { count: score.misses.length })}</h3>
          <ol className="miss-list">
            {score.misses.map((miss, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, in the order found.
              <li key={i} className={`miss miss-${miss.kind}`}>
                <p className="miss-text">
                  {describeMiss(miss, compiled, locale)}{" "}
                  <span className="miss-points">{tr("score.lost", { count: miss.points })}</span>
                </p>
                {miss.guidance.length ? (
                  <div className="guidance">
                    <p className="guidance-label">
                      {tr("score.guidance")}
                      {miss.stepTitle ? ` · ${tr("score.at", { step: text(miss.stepTitle) })}` : ""}
                    </p>
                    {miss.guidance.map((g) => (
                      <p key={pickText(g, "en")}>{text(g)}</p>
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
