/** Where the case's writes stand: every accepted change stored, some still being written, or the last write failed. */
export type SaveState = "saved" | "saving" | "failed";

/**
 * The save state of a case on screen, as a small external store (`useSyncExternalStore`): only the indicator that
 * shows it re-renders when a write commits, not the case screen. `settled` resolves once nothing waits to be written.
 */
export class SaveTracker {
  private state: SaveState = "saved";
  private readonly listeners = new Set<() => void>();
  private waiters: (() => void)[] = [];

  readonly get = (): SaveState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(state: SaveState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
    if (state !== "saving") {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Resolves once every accepted change is stored, or its write failed (the state says which). */
  settled(): Promise<void> {
    return this.state === "saving" ? new Promise((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }
}

/** The browser's task scheduler (`scheduler.postTask`), where it has one. */
interface PostTask {
  postTask(task: () => void, options: { priority: "background" }): Promise<unknown>;
}

/**
 * Queues `task` behind everything else waiting to run: a background task where the browser has `scheduler.postTask`
 * (after its timers, messages and input), else a timer.
 */
function whenIdle(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: PostTask }).scheduler;
  if (typeof scheduler?.postTask === "function") scheduler.postTask(task, { priority: "background" }).catch(() => {});
  else setTimeout(task, 0);
}

/**
 * Runs `task` once the frame after the current one is painted (an animation frame, then a background task after
 * it), so that work that need not delay the screen does not: the frame's own tasks (what it painted, the officer's
 * next tap) come first. A hidden page, which paints no frames, or one too busy to get to background work, runs it
 * after `fallbackMs`.
 */
export function afterPaint(task: () => void, fallbackMs = 100): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => whenIdle(run));
  setTimeout(run, fallbackMs);
}
