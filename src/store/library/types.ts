import type { SopDefinition } from "../../engine/index";

/** A published SOP version: immutable once written, replicated like case events. */
export interface PublishedVersion {
  /** `sopver:<sop id>:<content hash>`: two devices publishing the same text write the same document. */
  _id: string;
  type: "sop-version";
  sop: string;
  version: string;
  /** The content hash of `definition` (the engine's `hashJson`). */
  hash: string;
  /** What changed and why, in the author's words. */
  note: string;
  author: string;
  /** ISO time of publication. */
  at: string;
  /** "shipped" for the versions that came with the app, "published" for those published on a device. */
  origin: "shipped" | "published";
  definition: SopDefinition;
}

/** A draft of one author on one SOP: the JSON text as last typed (it may not parse), saved as it is typed. */
export interface SopDraft {
  /** `draft:<author>:<sop id>` */
  _id: string;
  type: "sop-draft";
  sop: string;
  author: string;
  /** The hash of the published version the draft started from, to tell what the author changed. */
  base?: string;
  text: string;
  /** ISO time of the last save. */
  updatedAt: string;
}

/**
 * The exact SOP versions a compiled bundle (an SOP and the SOPs it runs) was made of, by its bundle hash, which is
 * what a case's `CASE_OPENED` event pins. Written when a case is opened; immutable.
 */
export interface BundleRecord {
  /** `bundle:<bundle hash>` */
  _id: string;
  type: "sop-bundle";
  hash: string;
  /** The content hash of each member's version, by SOP id. */
  members: Record<string, string>;
}

/** One SOP of the library, with its versions newest first and its drafts. */
export interface LibraryEntry {
  sop: string;
  versions: PublishedVersion[];
  drafts: SopDraft[];
}
