import { afterPaint } from "../../src/ui/runner/saveTracker";

/** Animation frames the test runs by hand, and background tasks it sees posted. */
function fakeBrowser(options: { postTask: boolean }) {
  const frames: (() => void)[] = [];
  const posted: { task: () => void; priority: string }[] = [];
  vi.stubGlobal("requestAnimationFrame", (callback: () => void) => frames.push(callback));
  if (options.postTask)
    vi.stubGlobal("scheduler", {
      postTask: (task: () => void, { priority }: { priority: string }) => {
        posted.push({ task, priority });
        return Promise.resolve();
      },
    });
  else vi.stubGlobal("scheduler", undefined);
  const paint = () => {
    for (const frame of frames.splice(0)) frame();
  };
  return { paint, posted };
}

describe("afterPaint", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("runs the work as a background task after the frame, behind what the frame queued, and once", () => {
    const browser = fakeBrowser({ postTask: true });
    const task = vi.fn();
    afterPaint(task);
    vi.advanceTimersByTime(0);
    expect(browser.posted).toHaveLength(0);
    browser.paint();
    // The frame only queues it: timers and messages queued by the frame (its paint, a tap) run first.
    vi.advanceTimersByTime(0);
    expect(task).not.toHaveBeenCalled();
    expect(browser.posted.map((p) => p.priority)).toEqual(["background"]);
    browser.posted[0].task();
    expect(task).toHaveBeenCalledTimes(1);
    // The fallback timer does not run it a second time.
    vi.advanceTimersByTime(500);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it("uses a timer after the frame where the browser has no task scheduler", () => {
    const browser = fakeBrowser({ postTask: false });
    const task = vi.fn();
    afterPaint(task);
    browser.paint();
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(task).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it("still runs the work when no frame is painted, or the background task never gets its turn", () => {
    const browser = fakeBrowser({ postTask: true });
    const hidden = vi.fn();
    afterPaint(hidden, 100);
    vi.advanceTimersByTime(99);
    expect(hidden).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(hidden).toHaveBeenCalledTimes(1);

    const starved = vi.fn();
    afterPaint(starved, 50);
    browser.paint();
    vi.advanceTimersByTime(50);
    expect(starved).toHaveBeenCalledTimes(1);
    // The background task, when it comes at last, finds the work done.
    for (const p of browser.posted) p.task();
    expect(starved).toHaveBeenCalledTimes(1);
    expect(hidden).toHaveBeenCalledTimes(1);
  });
});
