import { withLock } from "../../src/store/withLock";

/** A task that records when it starts and ends, and finishes when told to. */
function step(log: string[], label: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    task: async () => {
      log.push(`${label} starts`);
      await done;
      log.push(`${label} ends`);
      return label;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("taking turns on a lock", () => {
  it("runs tasks on the same lock one after another, and on other locks alongside", async () => {
    const log: string[] = [];
    const a = step(log, "a");
    const b = step(log, "b");
    const c = step(log, "c");
    const results = [withLock("case-1", a.task), withLock("case-1", b.task), withLock("case-2", c.task)];
    await tick();
    expect(log).toEqual(["a starts", "c starts"]);
    b.finish();
    await tick();
    expect(log).toEqual(["a starts", "c starts"]);
    a.finish();
    c.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
    expect(log.indexOf("b starts")).toBeGreaterThan(log.indexOf("a ends"));
  });

  it("passes the lock on after a task fails, and the failure to its caller", async () => {
    const failing = withLock("case-3", async () => {
      throw new Error("quota");
    });
    const next = withLock("case-3", async () => "next");
    await expect(failing).rejects.toThrow("quota");
    await expect(next).resolves.toBe("next");
  });

  it("uses the browser's Web Locks when there are any, so that every tab takes turns", async () => {
    const request = vi.fn((_name: string, task: () => Promise<unknown>) => task());
    vi.stubGlobal("navigator", { locks: { request } });
    try {
      await expect(withLock("case-4", async () => 42)).resolves.toBe(42);
      expect(request).toHaveBeenCalledWith("case-4", expect.any(Function));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
