import { readFileSync } from "node:fs";
import {
  insertAt,
  locate,
  moveStep,
  parseDraft,
  pointerToPath,
  renameStep,
  setAt,
} from "../../../src/ui/editor/draft/editText";

const uasc = readFileSync("sop/uasc.sop.json", "utf8");

describe("editing an SOP's text", () => {
  it("changes only the value edited, keeping the author's layout everywhere else", () => {
    const text = [
      "{",
      '  "id": "tiny",',
      '  "steps": {',
      '    "ask-age": { "kind": "question", "say": { "es": "¿Cuántos años tiene?", "en": "How old are you?" } },',
      '    "done": {',
      '      "kind": "end",',
      '      "outcome": "closed"',
      "    }",
      "  }",
      "}",
      "",
    ].join("\n");
    const next = setAt(text, ["steps", "ask-age", "say", "es"], "¿Qué edad tiene?");
    const before = text.split("\n");
    const after = next.split("\n");
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual([
      '    "ask-age": { "kind": "question", "say": { "es": "¿Qué edad tiene?", "en": "How old are you?" } },',
    ]);
  });

  it("removes a value given undefined and inserts into arrays", () => {
    const removed = setAt(uasc, ["steps", "ask-age", "say"], undefined);
    const parsed = parseDraft(removed);
    expect(parsed.ok && (parsed.value.steps as Record<string, Record<string, unknown>>)["ask-age"].say).toBeUndefined();
    const inserted = insertAt('{"a": [1, 3]}', ["a"], 1, 2);
    expect(JSON.parse(inserted)).toEqual({ a: [1, 2, 3] });
  });

  it("renames a step and every reference to it: routes, start, estimates, invariants", () => {
    const renamed = renameStep(uasc, "notify-senniaf", "notify-child-protection");
    expect(renamed).toBeDefined();
    const parsed = parseDraft(renamed!);
    if (!parsed.ok) throw new Error("parse");
    const text = renamed!;
    expect(text).not.toContain('"notify-senniaf"');
    const steps = parsed.value.steps as Record<string, { next?: unknown }>;
    expect(Object.keys(steps)).toContain("notify-child-protection");
    expect(steps["mark-unaccompanied"].next).toEqual([{ to: "notify-child-protection" }]);
    // The order of the steps is kept.
    expect(Object.keys(steps).indexOf("notify-child-protection")).toBe(
      Object.keys(JSON.parse(uasc).steps).indexOf("notify-senniaf"),
    );
  });

  it("refuses to rename a step onto an id in use", () => {
    expect(renameStep(uasc, "ask-age", "ask-nationality")).toBeUndefined();
  });

  it("moves a step up in the order of steps", () => {
    const moved = parseDraft(moveStep(uasc, "ask-nationality", -1));
    if (!moved.ok) throw new Error("parse");
    expect(Object.keys(moved.value.steps as object).slice(0, 2)).toEqual(["ask-nationality", "ask-age"]);
  });

  it("reports where the JSON breaks, and finds a pointer's text", () => {
    const broken = parseDraft('{"id": "x",,}');
    expect(broken.ok).toBe(false);
    const path = pointerToPath("/steps/ask-age/next", JSON.parse(uasc));
    const place = locate(uasc, path)!;
    expect(uasc.slice(place.offset, place.offset + place.length)).toBe('"ask-nationality"');
  });
});
