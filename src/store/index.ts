/**
 * Case storage: each case an append-only log of immutable event documents in PouchDB (IndexedDB in the browser),
 * beside a small summary per case that the queue lists, searches, filters and sorts from memory. The same
 * documents replicate to CouchDB with no protocol of our own. No React here; this file is the store's only door.
 */

export { CaseStore, type CaseStoreOptions, DEFAULT_STORE_NAME } from "./CaseStore";
export { CASE_STATUSES, type CaseStatus, type CaseSummary, type SummaryStep } from "./CaseSummary";
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
export { type ConflictDetails, ConflictError, StorageFullError, StoreError, type StoreErrorCode } from "./StoreError";
export type { SummaryQuery } from "./SummaryIndex";
export { summarizeCase } from "./summarizeCase";
