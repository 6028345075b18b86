import { type CouchServer, couch } from "../../scripts/station/couchRequest";
import { type EmbeddedServer, startEmbeddedServer } from "../../scripts/station/embeddedServer";
import { readCatalogRoles } from "../../scripts/station/readCatalogRoles";
import { setupStation } from "../../scripts/station/setupStation";

// The server's own rules, against the embedded server on loopback: what CouchDB refuses whatever a device sends.
let server: EmbeddedServer;
const as = (name: string): CouchServer => ({
  url: server.url,
  authorization: `Basic ${Buffer.from(`${name}:pw-${name}`).toString("base64")}`,
});
const key = (ms: number, device = "KQM") => `${String(ms).padStart(15, "0")}-${device}`;
const eventPath = (db: string, caseId: string, k: string, part = "event") =>
  `/${db}/${encodeURIComponent(`case/${caseId}/${part}/${k}`)}`;
const stub = (k: string, by: string, extra: object = {}) => ({
  kind: "event",
  caseId: "KQM-1",
  key: k,
  by,
  at: "2024-03-01T08:00:00.000Z",
  level: "public",
  seen: {},
  event: { type: "NOTE_ADDED", at: "2024-03-01T08:00:00.000Z", by, text: "hola" },
  ...extra,
});

beforeAll(async () => {
  server = await startEmbeddedServer();
  await setupStation(server.admin, readCatalogRoles(), [
    { name: "ana", password: "pw-ana", roles: ["snm-officer"] },
    { name: "bea", password: "pw-bea", roles: ["iom-protection-officer"] },
    { name: "pol", password: "pw-pol", roles: ["policy-staff"] },
  ]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe("the server's rules for case events", () => {
  it("takes a new event by its author, and refuses to change or delete it", async () => {
    const path = eventPath("senda-cases", "KQM-1", key(1));
    const written = await couch(as("ana"), "PUT", path, stub(key(1), "ana"));
    expect(written.status).toBe(201);
    const rev = String(written.body.rev);
    const changed = await couch(as("ana"), "PUT", path, { ...stub(key(1), "ana"), _rev: rev, event: { text: "x" } });
    expect(changed).toMatchObject({ status: 403, body: { error: "forbidden" } });
    expect(String(changed.body.reason)).toMatch(/is already recorded and cannot be changed/);
    const deleted = await couch(as("ana"), "DELETE", `${path}?rev=${rev}`);
    expect(deleted.status).toBe(403);
    const byAdmin = await couch(server.admin, "DELETE", `${path}?rev=${rev}`);
    expect(byAdmin.status).toBe(403);
    expect((await couch(as("ana"), "GET", path)).body).toMatchObject({ by: "ana", event: { text: "hola" } });
  });

  it("refuses an event whose author is not the signed-in user, even through bulk writes as replication sends them", async () => {
    const forged = await couch(as("ana"), "PUT", eventPath("senda-cases", "KQM-1", key(2)), stub(key(2), "bea"));
    expect(forged.status).toBe(403);
    expect(String(forged.body.reason)).toMatch(/signed-in user \(ana\)/);
    const bulk = await couch(as("ana"), "POST", "/senda-cases/_bulk_docs", {
      new_edits: false,
      docs: [{ ...stub(key(3), "bea"), _id: `case/KQM-1/event/${key(3)}`, _rev: "1-abc" }],
    });
    expect(bulk.status).toBeLessThan(300);
    expect((await couch(as("ana"), "GET", eventPath("senda-cases", "KQM-1", key(3)))).status).toBe(404);
  });

  it("keeps sensitive content out of the public database, and a public role out of the confidential one", async () => {
    const leak = await couch(
      as("bea"),
      "PUT",
      eventPath("senda-cases", "KQM-1", key(4)),
      stub(key(4), "bea", { level: "confidential" }),
    );
    expect(leak.status).toBe(403);
    expect(String(leak.body.reason)).toMatch(/belongs in the confidential database/);
    const detail = { kind: "detail", caseId: "KQM-1", key: key(4), by: "bea", level: "confidential", sealed: {} };
    const stored = await couch(
      as("bea"),
      "PUT",
      eventPath("senda-cases-confidential", "KQM-1", key(4), "detail"),
      detail,
    );
    expect(stored.status).toBe(201);
    expect((await couch(as("ana"), "GET", "/senda-cases-confidential/_all_docs")).status).toBe(401);
    expect((await couch(as("ana"), "GET", "/senda-keys-confidential/level-key")).status).toBe(401);
    expect((await couch(as("bea"), "GET", "/senda-keys-confidential/level-key")).body).toMatchObject({
      alg: "A256GCM",
    });
  });
});

describe("the server's rules for the SOP library", () => {
  it("lets policy staff publish a version once, and no one else", async () => {
    const version = { type: "sop-version", sop: "uasc", version: "9.0.0", author: "pol" };
    expect((await couch(as("ana"), "PUT", "/senda-library/sopver:uasc:abc", version)).status).toBe(403);
    const published = await couch(as("pol"), "PUT", "/senda-library/sopver:uasc:abc", version);
    expect(published.status).toBe(201);
    const again = await couch(as("pol"), "PUT", "/senda-library/sopver:uasc:abc", {
      ...version,
      _rev: published.body.rev,
      version: "9.0.1",
    });
    expect(again.status).toBe(403);
    const bundle = await couch(as("ana"), "PUT", "/senda-library/bundle:xyz", { type: "sop-bundle", hash: "xyz" });
    expect(bundle.status).toBe(201);
    // Another device wrote the same bundle record (named by its content): the same body is no change, another is.
    const rev = String(bundle.body.rev);
    expect(
      (await couch(as("bea"), "PUT", "/senda-library/bundle:xyz", { type: "sop-bundle", hash: "xyz", _rev: rev }))
        .status,
    ).toBe(201);
    const latest = String((await couch(as("bea"), "GET", "/senda-library/bundle:xyz")).body._rev);
    expect(
      (await couch(as("bea"), "PUT", "/senda-library/bundle:xyz", { type: "sop-bundle", hash: "abc", _rev: latest }))
        .status,
    ).toBe(403);
    expect((await couch(as("ana"), "GET", "/senda-library/sopver:uasc:abc")).status).toBe(200);
  });
});
