import { useTrainerText } from "./i18n/trainerMessages";
import { useSurgeText } from "./surge/surgeMessages";
import { type TrainerRoute, trainerHref } from "./trainerRoute";

const SECTIONS = [
  { screen: "library", key: "nav.library" },
  { screen: "unscripted", key: "nav.unscripted" },
  { screen: "paths", key: "nav.paths" },
  { screen: "results", key: "nav.results" },
] as const;

/** Links between the Train area's sections; the surge simulation keeps its own screen and name. */
export function TrainerNav({ route }: { route: TrainerRoute }) {
  const { tr } = useTrainerText();
  const { s } = useSurgeText();
  const active = route.screen === "play" || route.screen === "practice" ? "library" : route.screen;
  return (
    <nav aria-label={tr("nav.label")} className="train-tabs">
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.screen}>
            <a
              href={trainerHref({ screen: section.screen } as TrainerRoute)}
              aria-current={active === section.screen ? "page" : undefined}
            >
              {tr(section.key)}
            </a>
          </li>
        ))}
        <li>
          <a href={trainerHref({ screen: "surge" })} aria-current={active === "surge" ? "page" : undefined}>
            {s("tab.surge")}
          </a>
        </li>
      </ul>
    </nav>
  );
}
