import { useEffect, useState } from "react";
import { useClock } from "./ClockProvider";

const MINUTE = 60_000;

/** The time from the injected clock, refreshed at the start of every minute (enough for countdowns in hours). */
export function useNow(): Date {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const wait = MINUTE - (clock.now().getTime() % MINUTE);
      timer = setTimeout(() => {
        setNow(clock.now());
        schedule();
      }, wait);
    };
    setNow(clock.now());
    schedule();
    return () => clearTimeout(timer);
  }, [clock]);
  return now;
}
