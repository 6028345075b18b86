// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { CaseStore, StorageFullError, StoreError } from "../../src/store/index";
import { isQuotaError, toStoreError } from "../../src/store/toStoreError";
import { compileMini, freshName, LiveCase } from "./LiveCase";

const compiled = compileMini();

/**
 * Makes IndexedDB behave as a browser does on a full disk: the first write of a read-write transaction aborts it,
 * and the transaction's error is a QuotaExceededError DOMException. Returns the function that lifts it.
 */
function fillTheDisk(): () => void {
  const proto = IDBObjectStore.prototype;
  const put = proto.put;
  const aborted = new WeakSet<IDBTransaction>();
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore["put"]>) {
    const transaction = this.transaction;
    if (transaction.mode !== "readwrite") return put.apply(this, args);
    if (!aborted.has(transaction)) {
      aborted.add(transaction);
      transaction.abort();
      // fake-indexeddb fires the abort event later, so the error is set before anyone reads it.
      (transaction as { error: DOMException | null }).error = new DOMException(
        "The quota has been exceeded.",
        "QuotaExceededError",
      );
    }
    // The request of a write that never happens: the adapter sets handlers on it, which never fire.
    return {} as IDBRequest<IDBValidKey>;
  };
  return () => {
    proto.put = put;
  };
}

describe("a full storage quota", () => {
  it("comes out of appendEvents as a StorageFullError, keeps what was saved, and lets the write through later", async () => {
    const store = await CaseStore.open({ name: freshName("quota") });
    const live = new LiveCase(store, compiled, "c-1");
    await live.open();
    const before = store.getSummary("c-1");

    // PouchDB logs the abort, then drops its IndexedDB connection for good: the store must open a new one.
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const lift = fillTheDisk();
    let error: unknown;
    try {
      await live.send({ type: "ACKNOWLEDGED", step: "welcome" });
    } catch (e) {
      error = e;
    } finally {
      lift();
    }
    expect(logged.mock.calls.some((call) => String(call[0]).includes("global failure"))).toBe(true);
    logged.mockRestore();
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: "storage-full", path: "c-1" });
    expect((error as Error).message).toMatch(/storage is full, so the last change was not saved/);
    expect(((error as Error).cause as { reason?: string }).reason).toBe("QuotaExceededError");

    expect(await store.loadEvents("c-1")).toHaveLength(1);
    expect(store.getSummary("c-1")).toBe(before);

    // Space was freed: the officer retries the same event at the same place in the log.
    const event = live.session.events[1];
    await store.appendEvents("c-1", 1, [event], live.summary());
    expect(await store.loadEvents("c-1")).toEqual(live.session.events);

    // The new connection follows changes again: another tab's case shows up.
    const otherTab = await CaseStore.open({ name: store.name });
    await new LiveCase(otherTab, compiled, "from-other-tab").open();
    await vi.waitFor(() => expect(store.getSummary("from-other-tab")).toBeDefined());
    await otherTab.close();
    await store.close();
  });

  it("comes out of opening a case as a StorageFullError", async () => {
    const store = await CaseStore.open({ name: freshName("quota-open") });
    vi.spyOn(console, "error").mockImplementationOnce(() => undefined);
    const lift = fillTheDisk();
    try {
      await expect(new LiveCase(store, compiled, "c-2").open()).rejects.toBeInstanceOf(StorageFullError);
    } finally {
      lift();
    }
    expect(store.size).toBe(0);
    await expect(store.loadEvents("c-2")).rejects.toMatchObject({ code: "not-found" });
    await store.close();
  });
});

describe("mapping storage errors", () => {
  it("knows a full quota however the browser words it", () => {
    const shapes: unknown[] = [
      new DOMException("quota", "QuotaExceededError"),
      { status: 500, name: "indexed_db_went_bad", message: "unknown", reason: "QuotaExceededError" },
      { name: "NS_ERROR_DOM_QUOTA_REACHED" },
      new Error("Storage quota has been exceeded"),
    ];
    for (const shape of shapes) {
      expect(isQuotaError(shape)).toBe(true);
      expect(toStoreError(shape, "c", "saving")).toBeInstanceOf(StorageFullError);
    }
  });

  it("maps other failures onto codes the UI can show, keeping the cause", () => {
    const missing = toStoreError({ status: 404, name: "not_found", message: "missing" }, "c-9", "loading");
    expect(missing).toMatchObject({ code: "not-found", path: "c-9" });
    const broken = toStoreError(
      { status: 500, name: "indexed_db_went_bad", reason: "InvalidStateError" },
      "senda",
      "opening the case store",
    );
    expect(broken).toMatchObject({ code: "unavailable" });
    expect(broken.message).toMatch(/while opening the case store \(indexed_db_went_bad: InvalidStateError\)/);
    const odd = new TypeError("something else");
    const unknown = toStoreError(odd, "c", "saving");
    expect(unknown).toMatchObject({ code: "unknown", cause: odd });
    expect(unknown.message).toMatch(/TypeError: something else/);
    const own = new StoreError("corrupt-log", "gap", "c");
    expect(toStoreError(own, "x", "y")).toBe(own);
    expect(isQuotaError(undefined)).toBe(false);
    expect(isQuotaError("QuotaExceededError")).toBe(false);
  });
});
