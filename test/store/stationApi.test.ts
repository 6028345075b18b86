import { afterEach, vi } from "vitest";
import { claimDeviceCode, openSession, readLevelKeys, StoreError } from "../../src/store/index";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** What a call to the station rejected with. */
async function refusal(call: Promise<unknown>): Promise<StoreError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe("the station's HTTP calls fail with a code the screens can word, never a bare TypeError", () => {
  it("a station that cannot be reached is 'unavailable', with the network error as cause", async () => {
    const network = new TypeError("Failed to fetch");
    vi.stubGlobal("fetch", () => Promise.reject(network));
    const error = await refusal(openSession("http://station/db", "ana", "secret"));
    expect(error.code).toBe("unavailable");
    expect(error.path).toBe("/_session");
    expect(error.cause).toBe(network);
    expect((await refusal(readLevelKeys("http://station/db"))).code).toBe("unavailable");
    expect((await refusal(claimDeviceCode("http://station/db", "ana", "2024-03-01T08:00:00Z"))).code).toBe(
      "unavailable",
    );
  });

  it("an answer that is not JSON (a proxy's error page) is 'unavailable' too", async () => {
    vi.stubGlobal("fetch", async () => new Response("<html>Bad gateway</html>", { status: 200 }));
    const error = await refusal(openSession("http://station/db", "ana", "secret"));
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain("/_session");
  });

  it("a wrong password is 'not-permitted'", async () => {
    vi.stubGlobal("fetch", async () => new Response("{}", { status: 401 }));
    expect((await refusal(openSession("http://station/db", "ana", "wrong"))).code).toBe("not-permitted");
  });
});
