import type { Level } from "../eventLevel";

/*
 * The station's CouchDB databases, by name: the same on the server and, for those a device replicates, on the
 * device (IndexedDB). Case events are split by level, so that CouchDB's per-database security decides what reaches
 * a device: a role that may not see confidential facts is not a member of the confidential database, and its
 * devices never receive a byte of it.
 */

/** Where each level's case documents live on the server: event documents in the public one, details in the others. */
export const CASE_DATABASES: Readonly<Record<Level, string>> = {
  public: "senda-cases",
  restricted: "senda-cases-restricted",
  confidential: "senda-cases-confidential",
};

/** The key that seals each level's content at rest, one document in a database only that level's roles can read. */
export const KEY_DATABASES: Readonly<Record<Exclude<Level, "public">, string>> = {
  restricted: "senda-keys-restricted",
  confidential: "senda-keys-confidential",
};

/** The id of the key document in a key database. */
export const KEY_DOC_ID = "level-key";

/** Published SOP versions (written by the editor, by policy staff only). */
export const LIBRARY_DATABASE = "senda-library";

/** Trainees' results (written by the trainer). */
export const TRAINING_DATABASE = "senda-training";

/** Device codes claimed by devices, so that no two devices share one. */
export const DEVICES_DATABASE = "senda-devices";

/** The role that may publish SOP versions. */
export const POLICY_STAFF_ROLE = "policy-staff";

/** The path under the app's origin where the station's CouchDB answers (a reverse proxy, or `npm start`'s). */
export const DATABASE_PATH = "/db";
