/**
 * The station's second door, loaded lazily after the first screen: replication with CouchDB. Sign-in, keys and the
 * few HTTP calls are small and come through the store's main door (`src/store/index.ts`).
 */
export { StationSync, type StationSyncOptions, type SyncStatus } from "./StationSync";
