/**
 * Case storage: each case an append-only log of immutable event documents in PouchDB (IndexedDB in the browser),
 * merged from every device that wrote to it, beside a small summary per case that the queue lists, searches,
 * filters and sorts from memory. The same documents replicate to CouchDB with no protocol of our own. No React
 * here; this file is the store's only door.
 */

export { type AppendOptions, CaseStore, type CaseStoreOptions, DEFAULT_STORE_NAME } from "./CaseStore";
export { CASE_STATUSES, type CaseStatus, type CaseSummary, type SummaryStep } from "./CaseSummary";
export { digestOf, type SummaryDeriver } from "./DerivedSummaries";
export { LEVELS, type Level, levelOfEvent, levelOfStep, publicDigest } from "./eventLevel";
export { type ConflictingAnswer, findConflicts, type LogConflict } from "./findConflicts";
export {
  type BundleRecord,
  compareVersions,
  DEFAULT_LIBRARY_NAME,
  type LibraryEntry,
  openSopLibraryStore,
  type PublishedVersion,
  parseVersion,
  type SopDraft,
  type SopLibraryStore,
} from "./library/index";
export { type MergedReplay, replayLog, type SetAsideEvent } from "./replayLog";
export { type ConflictDetails, ConflictError, StorageFullError, StoreError, type StoreErrorCode } from "./StoreError";
export type { SummaryQuery } from "./SummaryIndex";
export { createSealer, type Sealed, type Sealer } from "./sealing";
export type { CaseLog, LogEntry } from "./storedDocuments";
export { summarizeCase } from "./summarizeCase";
export { type Account, createAccount, hashPin, isAccount, type LevelKeys, unlockAccount } from "./sync/keyring";
export {
  claimDeviceCode,
  closeSession,
  databaseBase,
  detectStation,
  openSession,
  readLevelKeys,
  readSession,
} from "./sync/stationApi";
export {
  CASE_DATABASES,
  DATABASE_PATH,
  DEVICES_DATABASE,
  KEY_DATABASES,
  KEY_DOC_ID,
  LIBRARY_DATABASE,
  POLICY_STAFF_ROLE,
  TRAINING_DATABASE,
} from "./sync/stationDatabases";
