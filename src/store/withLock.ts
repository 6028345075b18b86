/** The part of the Web Locks API (`navigator.locks`) used here. */
interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

const held = new Map<string, Promise<unknown>>();

/**
 * Runs `task` while holding the exclusive lock `name`, so that two writers to one case take turns instead of
 * interleaving a check and a write. In a browser the lock is the Web Locks API's, which spans every tab of the
 * origin; where that API is missing (Node, old browsers) it spans this JavaScript realm only, and the store's
 * conflict check on write still keeps the log whole.
 */
export function withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  if (locks && typeof locks.request === "function") return locks.request(name, task);
  const before = held.get(name) ?? Promise.resolve();
  const run = before.then(task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  held.set(name, settled);
  void settled.then(() => {
    if (held.get(name) === settled) held.delete(name);
  });
  return run;
}
