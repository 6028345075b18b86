/** The SOP library on the device: published versions, drafts and the bundles cases were opened on. */
export { compareVersions, parseVersion } from "./compareVersions";
export { DEFAULT_LIBRARY_NAME, type LibraryOptions, type PublishInput, SopLibraryStore } from "./SopLibraryStore";
export type { BundleRecord, LibraryEntry, PublishedVersion, SopDraft } from "./types";
