import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import type { CaseStore } from "../../src/store/index";
import { OfficerSettingsProvider, OfficerViewer } from "../../src/ui/runner/OfficerSettings";
import { type Clock, ClockProvider } from "../../src/ui/shared/ClockProvider";
import { I18nProvider, type Locale, loadMessages } from "../../src/ui/shared/i18n/I18nProvider";

import { StoreProvider } from "../../src/ui/shared/StoreProvider";

// As the app does before its first render: the officer's language is loaded (English is a chunk of its own).
await loadMessages("en");

/** A clock that stays where it is put, and moves only when told. */
export function fixedClock(iso: string): Clock & { advanceMinutes(minutes: number): void } {
  let at = Date.parse(iso);
  return {
    now: () => new Date(at),
    advanceMinutes: (minutes) => {
      at += minutes * 60_000;
    },
  };
}

/** Renders UI with the app's providers: language, clock, store and the officer's remembered settings. */
export function renderInApp(
  ui: ReactNode,
  options: { store?: CaseStore; clock?: Clock; locale?: Locale; officer?: string; sop?: string; role?: string } = {},
) {
  const clock = options.clock ?? fixedClock("2024-03-01T08:00:00Z");
  const tree = (
    <I18nProvider initial={options.locale ?? "es"}>
      <ClockProvider clock={clock}>
        <OfficerSettingsProvider
          defaults={{
            officer: options.officer ?? "OF-7",
            site: "san-vicente",
            sop: options.sop ?? "uasc",
            role: options.role ?? "",
          }}
        >
          <OfficerViewer>
            {options.store ? <StoreProvider store={options.store}>{ui}</StoreProvider> : ui}
          </OfficerViewer>
        </OfficerSettingsProvider>
      </ClockProvider>
    </I18nProvider>
  );
  return render(tree);
}
