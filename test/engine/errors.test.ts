import { issue } from "../../src/engine/definition/issueMessages";
import { hasErrors, pointerSegment, SendaError, toPointer } from "../../src/engine/errors";

describe("errors and issues", () => {
  it("builds JSON pointers, escaping ~ and / (RFC 6901)", () => {
    expect(toPointer("steps", "a/b", "next", 0)).toBe("/steps/a~1b/next/0");
    expect(pointerSegment("x~y/z")).toBe("x~0y~1z");
    expect(toPointer()).toBe("");
  });

  it("builds an error issue by default, a warning when asked, with its English message written from its params", () => {
    expect(issue("dead-end", { step: "a" }, "/steps/a")).toEqual({
      code: "dead-end",
      severity: "error",
      message: 'Step "a" leads nowhere: no path from it reaches an end step, so a case would be stuck there.',
      params: { step: "a" },
      pointer: "/steps/a",
    });
    expect(issue("unreachable-step", { step: "a" }, "").severity).toBe("error");
    expect(issue("unreachable-step", { step: "a" }, "", "warning").severity).toBe("warning");
  });

  it("tells errors from warnings", () => {
    const warning = issue("missing-translation", { missing: ["en"] }, "", "warning");
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([warning])).toBe(false);
    expect(hasErrors([warning, issue("schema", { rule: "empty" }, "")])).toBe(true);
  });

  it("throws SendaError with a code and a path", () => {
    const error = new SendaError("unknown-name", "Unknown guard", "case.a");
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "SendaError", code: "unknown-name", path: "case.a", message: "Unknown guard" });
  });
});
