import { randomBytes } from "node:crypto";
import type { Role } from "../../src/engine/index";
import {
  CASE_DATABASES,
  DEVICES_DATABASE,
  KEY_DATABASES,
  KEY_DOC_ID,
  LEVELS,
  LIBRARY_DATABASE,
  POLICY_STAFF_ROLE,
  TRAINING_DATABASE,
} from "../../src/store/index";
import { type CouchServer, couch, couchExpect } from "./couchRequest";
import { adminOnlyRules, authoredRules, caseRules, designDoc, deviceRules, libraryRules } from "./designDocs";

/** A user to create or update: a CouchDB user whose roles are catalog role ids. */
export interface StationUser {
  name: string;
  password: string;
  roles: string[];
}

/** What `setupStation` did, for the log. */
export interface SetupReport {
  databases: string[];
  users: string[];
}

/**
 * Makes a CouchDB server (Apache CouchDB 3.x, or the embedded pouchdb-server) ready for Senda, as its administrator:
 * the databases, each with its security object (which roles may read and write) and its `validate_doc_update`
 * design document, a sealing key for each sensitive level, and the users given. Safe to run again: what exists is
 * kept (keys are never replaced), security objects and design documents are brought up to date.
 */
export async function setupStation(
  server: CouchServer,
  roles: readonly Role[],
  users: readonly StationUser[] = [],
): Promise<SetupReport> {
  const officerRoles = roles.filter((r) => r.id !== POLICY_STAFF_ROLE);
  const seeing = (level: (typeof LEVELS)[number]) =>
    officerRoles.filter((r) => r.sees.includes(level)).map((r) => r.id);
  const everyone = roles.map((r) => r.id);
  const plan: { name: string; members: string[]; rules: string }[] = [
    ...LEVELS.map((level) => ({ name: CASE_DATABASES[level], members: seeing(level), rules: caseRules(level) })),
    { name: LIBRARY_DATABASE, members: everyone, rules: libraryRules(POLICY_STAFF_ROLE) },
    { name: TRAINING_DATABASE, members: everyone, rules: authoredRules("by") },
    { name: DEVICES_DATABASE, members: everyone, rules: deviceRules() },
    { name: KEY_DATABASES.restricted, members: seeing("restricted"), rules: adminOnlyRules() },
    { name: KEY_DATABASES.confidential, members: seeing("confidential"), rules: adminOnlyRules() },
  ];
  for (const db of plan) {
    await couchExpect(server, "PUT", `/${db.name}`, [201, 202, 412]);
    await couchExpect(server, "PUT", `/${db.name}/_security`, [200], {
      admins: { names: [], roles: [] },
      // An empty member list would make the database public: a role no one has keeps it closed instead.
      members: { names: [], roles: db.members.length ? db.members : ["_no-member"] },
    });
    await putLatest(server, db.name, designDoc(db.rules));
  }
  for (const [level, name] of Object.entries(KEY_DATABASES)) {
    const existing = await couch(server, "GET", `/${name}/${KEY_DOC_ID}`);
    if (existing.status === 404)
      await couchExpect(server, "PUT", `/${name}/${KEY_DOC_ID}`, [201, 202], {
        level,
        alg: "A256GCM",
        key: randomBytes(32).toString("base64"),
      });
  }
  for (const user of users) await putUser(server, user);
  return { databases: plan.map((p) => p.name), users: users.map((u) => u.name) };
}

/** Creates a user, or updates an existing one's password and roles. */
export async function putUser(server: CouchServer, user: StationUser): Promise<void> {
  const id = `org.couchdb.user:${user.name}`;
  const path = `/_users/${encodeURIComponent(id)}`;
  const existing = await couch(server, "GET", path);
  await couchExpect(server, "PUT", path, [201, 202], {
    ...(existing.status === 200 ? { _rev: existing.body._rev } : {}),
    _id: id,
    name: user.name,
    type: "user",
    roles: user.roles,
    password: user.password,
  });
}

/** Writes a document, replacing the stored one (keeping its revision) when it differs. */
async function putLatest(server: CouchServer, db: string, doc: { _id: string } & Record<string, unknown>) {
  const path = `/${db}/${doc._id.startsWith("_design/") ? `_design/${encodeURIComponent(doc._id.slice(8))}` : encodeURIComponent(doc._id)}`;
  const existing = await couch(server, "GET", path);
  if (existing.status === 200) {
    const { _rev, ...stored } = existing.body;
    if (JSON.stringify(stored) === JSON.stringify(doc)) return;
    await couchExpect(server, "PUT", path, [201, 202], { ...doc, _rev });
  } else await couchExpect(server, "PUT", path, [201, 202], doc);
}
