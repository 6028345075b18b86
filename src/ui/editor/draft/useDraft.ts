import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SopLibraryStore } from "../../../store/index";
import { detailOf } from "../../shared/ProblemAlert";
import { DraftHistory } from "./DraftHistory";
import { type ParsedDraft, parseDraft } from "./editText";

/** Whether the draft's last text is on the disk. */
export type SaveState = "unchanged" | "saving" | "saved" | "failed";

/** One author's draft of one SOP, as the editor's views share it. */
export interface Draft {
  text: string;
  parsed: ParsedDraft;
  /** Counts every change, so that analysis results can be matched to the text they were computed for. */
  version: number;
  canUndo: boolean;
  canRedo: boolean;
  save: SaveState;
  saveError?: string;
  /** Replaces the text (from a form field, the JSON view, a rename); `tag` groups typing into one undo step. */
  change(text: string, tag?: string): void;
  undo(): void;
  redo(): void;
}

/**
 * Holds a draft's text with its undo history and saves every change to the device's library as it is made (the
 * library writes the last text first when changes outrun the disk), so a reload, a crash or a lost connection
 * loses nothing.
 */
export function useDraft(options: {
  library: SopLibraryStore;
  author: string;
  sop: string;
  initial: string;
  base?: string;
  now: () => Date;
}): Draft {
  const { library, author, sop, base, now } = options;
  const history = useRef<DraftHistory>(null as unknown as DraftHistory);
  if (!history.current) history.current = new DraftHistory(options.initial);
  const [version, setVersion] = useState(0);
  const [save, setSave] = useState<SaveState>("unchanged");
  const [saveError, setSaveError] = useState<string>();
  const text = history.current.text;
  const parsed = useMemo(() => parseDraft(text), [text]);

  const persist = useCallback(
    (next: string) => {
      setSave("saving");
      library.saveDraft({ author, sop, text: next, base, at: now().toISOString() }).then(
        () => {
          if (history.current.text === next) setSave("saved");
        },
        (error: unknown) => {
          setSave("failed");
          setSaveError(detailOf(error));
        },
      );
    },
    [library, author, sop, base, now],
  );

  const change = useCallback(
    (next: string, tag?: string) => {
      if (!history.current.push(next, performance.now(), tag)) return;
      setVersion((v) => v + 1);
      persist(next);
    },
    [persist],
  );
  const undo = useCallback(() => {
    const next = history.current.undo();
    if (next === undefined) return;
    setVersion((v) => v + 1);
    persist(next);
  }, [persist]);
  const redo = useCallback(() => {
    const next = history.current.redo();
    if (next === undefined) return;
    setVersion((v) => v + 1);
    persist(next);
  }, [persist]);

  // Leaving the page while a save runs: the browser is asked to wait.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (save === "saving") event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [save]);

  return {
    text,
    parsed,
    version,
    canUndo: history.current.canUndo,
    canRedo: history.current.canRedo,
    save,
    saveError,
    change,
    undo,
    redo,
  };
}
