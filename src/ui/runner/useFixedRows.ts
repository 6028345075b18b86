import { type RefObject, useLayoutEffect, useState } from "react";

/** The rows of a list to put in the page: from `first` (inclusive) to `last` (exclusive). */
export interface RowWindow {
  first: number;
  last: number;
}

/**
 * Which rows of a list of equal-height rows are in view in its scroll box, with `overscan` rows either side: the
 * queue lists ten thousand cases by putting only those in the page. Rows of one height need no measuring, so this
 * is a few lines instead of a virtualisation library in the officers' first download. Without layout (the first
 * render, tests) the box is taken to be `fallbackHeight` tall.
 */
export function useFixedRows(
  scroller: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
  fallbackHeight: number,
): RowWindow {
  const [view, setView] = useState({ top: 0, height: fallbackHeight });
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const update = () => {
      const top = box.scrollTop;
      const height = box.clientHeight || fallbackHeight;
      // Scrolling within the rows already in the page changes nothing to render.
      setView((seen) =>
        Math.floor(seen.top / rowHeight) === Math.floor(top / rowHeight) && seen.height === height
          ? seen
          : { top, height },
      );
    };
    update();
    box.addEventListener("scroll", update, { passive: true });
    const resized = typeof ResizeObserver === "function" ? new ResizeObserver(update) : undefined;
    resized?.observe(box);
    return () => {
      box.removeEventListener("scroll", update);
      resized?.disconnect();
    };
  }, [scroller, rowHeight, fallbackHeight]);
  // A list that just got shorter (a filter) may not have told its new scroll position yet: clamp as the box will.
  const top = Math.min(view.top, Math.max(0, count * rowHeight - view.height));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + view.height) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}
