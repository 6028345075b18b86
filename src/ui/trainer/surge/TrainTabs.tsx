import { useSyncExternalStore } from "react";
import { useSurgeText } from "./surgeMessages";

/** The surge simulation's address inside the Train area. */
export const SURGE_HASH = "#/train/surge";

function subscribe(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** Whether the Train area shows the surge simulation (its own address, so it survives a reload). */
export function useSurgeOpen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.location.hash === SURGE_HASH,
    () => false,
  );
}

/** Links between the Train area's sections: scenarios and the surge simulation. */
export function TrainTabs({ surge }: { surge: boolean }) {
  const { s } = useSurgeText();
  return (
    <nav aria-label={s("tab.label")} className="train-tabs">
      <ul>
        <li>
          <a href="#/train" aria-current={surge ? undefined : "page"}>
            {s("tab.scenarios")}
          </a>
        </li>
        <li>
          <a href={SURGE_HASH} aria-current={surge ? "page" : undefined}>
            {s("tab.surge")}
          </a>
        </li>
      </ul>
    </nav>
  );
}
