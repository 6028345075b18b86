/*
 * The server's rules, as CouchDB `validate_doc_update` functions. CouchDB runs them on every write, replication
 * included, in its own JavaScript engine (SpiderMonkey or QuickJS, which may be old): so they are ES5 source text,
 * kept here as strings, never run by the app. Each database gets its design document from `setupStation`.
 */

const DESIGN_ID = "_design/senda";

/** Only a server administrator may change a design document. */
const DESIGN_GUARD = `
  if (newDoc._id.indexOf("_design/") === 0) {
    if (userCtx.roles.indexOf("_admin") === -1) throw({ forbidden: "Only a server administrator may change a design document." });
    return;
  }`;

const IMMUTABLE = (what: string) => `
  if (oldDoc && !oldDoc._deleted) throw({ forbidden: "${what} " + newDoc._id + " is already recorded and cannot be changed; record a new one instead." });
  if (newDoc._deleted) throw({ forbidden: "${what} " + newDoc._id + " cannot be deleted." });`;

const AUTHOR = (field: string) => `
  if (!userCtx.name || newDoc.${field} !== userCtx.name) throw({ forbidden: "A record must name the signed-in user (" + userCtx.name + ") as its author; this one names " + JSON.stringify(newDoc.${field}) + "." });`;

/** The rules of a case database of one level. */
export function caseRules(level: "public" | "restricted" | "confidential"): string {
  const kind = level === "public" ? "event" : "detail";
  return `function (newDoc, oldDoc, userCtx, secObj) {${DESIGN_GUARD}${IMMUTABLE("The case record")}${AUTHOR("by")}
  var match = /^case\\/([^\\/]+)\\/(event|detail)\\/(\\d{15}-[A-Za-z0-9]{1,16})$/.exec(newDoc._id);
  if (!match || match[2] !== "${kind}" || newDoc.kind !== "${kind}" || newDoc.key !== match[3]) throw({ forbidden: "This database holds ${level} case ${kind}s (case/<case>/${kind}/<key>); " + newDoc._id + " is not one." });
  if (["public", "restricted", "confidential"].indexOf(newDoc.level) === -1) throw({ forbidden: "A case record needs its level: public, restricted or confidential." });
  ${
    level === "public"
      ? `if (newDoc.level !== "public" && newDoc.event !== undefined) throw({ forbidden: "The content of a " + newDoc.level + " event belongs in the " + newDoc.level + " database, not the public one." });`
      : `if (newDoc.level !== "${level}") throw({ forbidden: "This database holds ${level} details only." });`
  }
}`;
}

/**
 * The body of a document without CouchDB's own fields, keys sorted: SOP versions and bundle records are named by
 * their content's hash, so two devices that write the same one write the same body, and that is no change.
 */
const SAME_BODY = `
  function body(doc) {
    var keys = [], out = [], k, i;
    for (k in doc) if (k.charAt(0) !== "_") keys.push(k);
    keys.sort();
    for (i = 0; i < keys.length; i++) out.push(JSON.stringify(keys[i]) + ":" + JSON.stringify(doc[keys[i]]));
    return out.join(",");
  }
  var same = oldDoc && !oldDoc._deleted && !newDoc._deleted && body(oldDoc) === body(newDoc);`;

/** The rules of the SOP library: versions and drafts by policy staff, immutable versions and bundle records. */
export function libraryRules(policyRole: string): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {${DESIGN_GUARD}${SAME_BODY}
  var staff = userCtx.roles.indexOf("${policyRole}") !== -1 || userCtx.roles.indexOf("_admin") !== -1;
  var id = newDoc._id;
  if (id.indexOf("sopver:") === 0) {
    if (!staff) throw({ forbidden: "Only policy staff publish SOP versions." });
    if (same) return;${IMMUTABLE("The published SOP version")}
    return;
  }
  if (id.indexOf("bundle:") === 0) {
    if (same) return;${IMMUTABLE("The SOP bundle record")}
    return;
  }
  if (id.indexOf("draft:") === 0) {
    if (!staff) throw({ forbidden: "Only policy staff write SOP drafts." });
    if (id.indexOf("draft:" + userCtx.name + ":") !== 0 && userCtx.roles.indexOf("_admin") === -1) throw({ forbidden: "A draft belongs to its author: " + id + " is not " + userCtx.name + "'s." });
    return;
  }
  throw({ forbidden: "The library holds SOP versions (sopver:), bundle records (bundle:) and drafts (draft:); " + id + " is none of them." });
}`;
}

/** The rules of an append-only database of records authored by the signed-in user (training results). */
export function authoredRules(field: string): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {${DESIGN_GUARD}${IMMUTABLE("The record")}
  if (newDoc.${field} !== undefined) {${AUTHOR(field)}
  }
}`;
}

/** The rules of the device registry: a code, once claimed, stays with the device that claimed it. */
export function deviceRules(): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {${DESIGN_GUARD}${IMMUTABLE("The device code")}${AUTHOR("by")}
  if (!/^device\\/[A-Z]{3,6}$/.test(newDoc._id)) throw({ forbidden: "A device code is device/ and 3 to 6 capital letters." });
}`;
}

/** The rules of a key database: only a server administrator writes keys. */
export function adminOnlyRules(): string {
  return `function (newDoc, oldDoc, userCtx, secObj) {
  if (userCtx.roles.indexOf("_admin") === -1) throw({ forbidden: "Only a server administrator writes here." });
}`;
}

/** The design document carrying `rules`. */
export function designDoc(rules: string): { _id: string; language: "javascript"; validate_doc_update: string } {
  return { _id: DESIGN_ID, language: "javascript", validate_doc_update: rules };
}
