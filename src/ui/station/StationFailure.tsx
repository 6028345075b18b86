import { useEffect, useRef } from "react";
import { detailOf } from "../shared/ProblemAlert";
import { TechnicalDetail } from "../shared/TechnicalDetail";
import { useStationText } from "./stationMessages";

/**
 * What the officer sees when the station cannot start on this device after signing in (its store or its sync would
 * not open): what happened and what to do in the officer's language, the error's own English folded under the
 * technical detail.
 */
export function StationFailure({ error }: { error: unknown }) {
  const st = useStationText();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main id="main" className="app-main" role="alert">
      <h1 ref={heading} tabIndex={-1}>
        {st("station.failed")}
      </h1>
      <p>{st("station.failedHelp")}</p>
      <TechnicalDetail detail={detailOf(error)} />
    </main>
  );
}
