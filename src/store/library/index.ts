/**
 * The SOP library on the device: published versions, drafts and the bundles cases were opened on. Its code is
 * loaded on first use, so that the officers' first screen does not carry it.
 */
import type { LibraryOptions, SopLibraryStore } from "./SopLibraryStore";

export { compareVersions, parseVersion } from "./compareVersions";
export type { LibraryOptions, PublishInput, SopLibraryStore } from "./SopLibraryStore";
export type { BundleRecord, LibraryEntry, PublishedVersion, SopDraft } from "./types";

/** The library database's name when none is given. */
export const DEFAULT_LIBRARY_NAME = "senda-library";

/** Opens (or creates) the SOP library. Fails with a `StoreError`. */
export async function openSopLibraryStore(options: LibraryOptions = {}): Promise<SopLibraryStore> {
  const { SopLibraryStore } = await import("./SopLibraryStore");
  return SopLibraryStore.open({ name: DEFAULT_LIBRARY_NAME, ...options });
}
