import { useEffect, useState } from "react";

/**
 * False on a component's first render, true once the frame that first render produced has been painted (the
 * animation frame, then a task after it). A screen renders what the officer needs at once, and the rest just after:
 * on a cheap phone the first step of a new case is on screen a frame earlier. A timer makes sure it turns true even
 * where frames are not painted (a hidden tab, tests).
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return;
    const done = () => setPainted(true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame =
      typeof requestAnimationFrame === "function"
        ? requestAnimationFrame(() => {
            timer = setTimeout(done, 0);
          })
        : undefined;
    const fallback = setTimeout(done, 100);
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [painted]);
  return painted;
}
