import { DraftHistory } from "../../../src/ui/editor/draft/DraftHistory";

describe("undo and redo of a draft", () => {
  it("undoes and redoes whole changes, and a new change after an undo drops the redo", () => {
    const history = new DraftHistory("a");
    history.push("ab", 0);
    history.push("abc", 5000);
    expect(history.undo()).toBe("ab");
    expect(history.undo()).toBe("a");
    expect(history.undo()).toBeUndefined();
    expect(history.redo()).toBe("ab");
    history.push("abX", 9000);
    expect(history.canRedo).toBe(false);
    expect(history.text).toBe("abX");
  });

  it("counts typing into one field, moments apart, as one change, and another field as another", () => {
    const history = new DraftHistory("");
    history.push("H", 0, "/title/es");
    history.push("Ho", 200, "/title/es");
    history.push("Hol", 400, "/title/es");
    history.push("Hola", 600, "/title/en");
    expect(history.undo()).toBe("Hol");
    expect(history.undo()).toBe("");
  });

  it("starts a new undo step after a pause, even in the same field", () => {
    const history = new DraftHistory("");
    history.push("a", 0, "/x");
    history.push("ab", 5000, "/x");
    expect(history.undo()).toBe("a");
  });

  it("ignores a change that changes nothing", () => {
    const history = new DraftHistory("same");
    expect(history.push("same", 0)).toBe(false);
    expect(history.canUndo).toBe(false);
  });
});
