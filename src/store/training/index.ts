/**
 * Trainees' results, a door of its own (as `sync/` is) so that the officers' initial bundle, which imports the
 * store's main door, does not carry it: only the Train area opens it.
 */
export { type TrainingResult, TrainingStore } from "./TrainingStore";
