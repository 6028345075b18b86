/** How long typing into the same field counts as one change for undo. */
const COALESCE_MS = 1200;

/**
 * The texts a draft went through, for undo and redo. A change tagged like the one before it, soon after, replaces
 * it instead of adding a step (typing a sentence is undone as one change, not letter by letter). Pure: time is
 * passed in.
 */
export class DraftHistory {
  private texts: string[];
  private index = 0;
  private lastTag?: string;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(initial: string) {
    this.texts = [initial];
  }

  get text(): string {
    return this.texts[this.index];
  }

  get canUndo(): boolean {
    return this.index > 0;
  }

  get canRedo(): boolean {
    return this.index < this.texts.length - 1;
  }

  /** Records a new text; returns false when it equals the current one. */
  push(text: string, at: number, tag?: string): boolean {
    if (text === this.text) return false;
    this.texts.length = this.index + 1;
    const coalesce = tag !== undefined && tag === this.lastTag && at - this.lastAt < COALESCE_MS && this.index > 0;
    if (coalesce) this.texts[this.index] = text;
    else {
      this.texts.push(text);
      this.index++;
    }
    this.lastTag = tag;
    this.lastAt = at;
    return true;
  }

  undo(): string | undefined {
    if (!this.canUndo) return undefined;
    this.index--;
    this.lastTag = undefined;
    return this.text;
  }

  redo(): string | undefined {
    if (!this.canRedo) return undefined;
    this.index++;
    this.lastTag = undefined;
    return this.text;
  }
}
