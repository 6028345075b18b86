// PouchDB names the IndexedDB database of a PouchDB called "x" "_pouch_x".
const POUCH_PREFIX = "_pouch_";
const strict = new Set<string>();
let installed = false;

/**
 * Makes every read-write IndexedDB transaction on the named PouchDB database ask for `strict` durability, so that a
 * write counts as done only once the disk has it. Since Chrome 121 the default is `relaxed` (as in Firefox and
 * Safari): the transaction completes when the data reaches the OS, which survives a killed tab but not a phone whose
 * battery dies a second later. PouchDB opens its transactions itself with no options, hence the wrapper; it
 * touches only the databases named here, and only calls that give no options of their own.
 */
export function requireStrictDurability(pouchName: string): void {
  strict.add(POUCH_PREFIX + pouchName);
  if (installed || typeof IDBDatabase === "undefined") return;
  installed = true;
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (
    this: IDBDatabase,
    stores: string | string[],
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ): IDBTransaction {
    const wanted = mode === "readwrite" && options === undefined && strict.has(this.name);
    return transaction.call(this, stores, mode, wanted ? { durability: "strict" } : options);
  };
}
