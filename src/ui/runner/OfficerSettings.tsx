import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { ViewerProvider } from "../shared/useViewer";

/** What the device remembers for the officer, so that a new case opens in one tap. */
export interface OfficerSettings {
  /** The officer's code, recorded as the author of every event. */
  officer: string;
  /** The station where cases are opened. */
  site: string;
  /** The SOP a new case enters. */
  sop: string;
  /**
   * The catalog role the officer works in, which decides what case screens show ("" for the least privileged role).
   * Chosen here until sign-in gives it.
   */
  role: string;
}

const STORAGE_KEY = "senda.officer";

/** Reads the remembered settings, filling what is missing with the defaults given. */
export function readOfficerSettings(defaults: OfficerSettings): OfficerSettings {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}") as Partial<OfficerSettings>;
    return {
      officer: typeof stored.officer === "string" ? stored.officer : defaults.officer,
      site: typeof stored.site === "string" && stored.site ? stored.site : defaults.site,
      sop: typeof stored.sop === "string" && stored.sop ? stored.sop : defaults.sop,
      role: typeof stored.role === "string" ? stored.role : defaults.role,
    };
  } catch {
    return defaults;
  }
}

type SettingsState = [OfficerSettings, (next: OfficerSettings) => void];
const SettingsContext = createContext<SettingsState | undefined>(undefined);

/**
 * Keeps the officer's code, site and entry SOP, saved on every change. `fixed` values (the signed-in officer, at a
 * station) override what is stored and cannot be changed here.
 */
export function OfficerSettingsProvider({
  defaults,
  fixed,
  children,
}: {
  defaults: OfficerSettings;
  fixed?: Partial<OfficerSettings>;
  children: ReactNode;
}) {
  const [stored, setSettings] = useState(() => readOfficerSettings(defaults));
  const settings = useMemo(() => ({ ...stored, ...fixed }), [stored, fixed]);
  const save = useCallback((next: OfficerSettings) => {
    setSettings(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Settings are a convenience: a blocked storage only means asking again next time.
    }
  }, []);
  const value = useMemo<SettingsState>(() => [settings, save], [settings, save]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

/** Makes the role chosen in the settings the viewer of every screen below it (until sign-in provides one). */
export function OfficerViewer({ children }: { children: ReactNode }) {
  const [settings] = useOfficerSettings();
  return <ViewerProvider role={settings.role}>{children}</ViewerProvider>;
}

/** The remembered settings and the function that changes them. */
export function useOfficerSettings(): SettingsState {
  const value = useContext(SettingsContext);
  if (!value) throw new Error("useOfficerSettings needs an <OfficerSettingsProvider> above it.");
  return value;
}
