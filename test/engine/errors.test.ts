import { hasErrors, issue, pointerSegment, SendaError, toPointer } from "../../src/engine/errors";

describe("errors and issues", () => {
  it("builds JSON pointers, escaping ~ and / (RFC 6901)", () => {
    expect(toPointer("steps", "a/b", "next", 0)).toBe("/steps/a~1b/next/0");
    expect(pointerSegment("x~y/z")).toBe("x~0y~1z");
    expect(toPointer()).toBe("");
  });

  it("builds an error issue by default, a warning when asked", () => {
    expect(issue("dead-end", "m", "/steps/a")).toEqual({
      code: "dead-end",
      severity: "error",
      message: "m",
      pointer: "/steps/a",
    });
    expect(issue("unreachable-step", "m", "").severity).toBe("error");
    expect(issue("unreachable-step", "m", "", "warning").severity).toBe("warning");
  });

  it("tells errors from warnings", () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([issue("missing-translation", "m", "", "warning")])).toBe(false);
    expect(hasErrors([issue("missing-translation", "m", "", "warning"), issue("schema", "m", "")])).toBe(true);
  });

  it("throws SendaError with a code and a path", () => {
    const error = new SendaError("unknown-name", "Unknown guard", "case.a");
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "SendaError", code: "unknown-name", path: "case.a", message: "Unknown guard" });
  });
});
