import { createContext, type ReactNode, useContext } from "react";

/** The one source of time for the client: the engine never reads the time of day itself. */
export interface Clock {
  now(): Date;
}

/** The device's clock. */
export const systemClock: Clock = { now: () => new Date() };

const ClockContext = createContext<Clock>(systemClock);

/** Provides the clock every screen reads the time from; tests pass a fixed or movable one. */
export function ClockProvider({ clock, children }: { clock: Clock; children: ReactNode }) {
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

/** The injected clock. */
export function useClock(): Clock {
  return useContext(ClockContext);
}
