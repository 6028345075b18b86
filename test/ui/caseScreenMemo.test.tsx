// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import type { CaseView, InstructionView } from "../../src/engine/index";
import { sameFlags, sameInstructions, sameNotes, sameText } from "../../src/ui/runner/sameProps";
import { useAfterPaint } from "../../src/ui/runner/useAfterPaint";
import { useFixedRows } from "../../src/ui/runner/useFixedRows";

const text = (es: string) => ({ es, en: `${es} (en)` });
const instruction = (over: Partial<InstructionView> = {}): InstructionView => ({
  flag: "no-return",
  label: text("No devolver"),
  instruction: text("No incluir en listas de retorno."),
  level: "public",
  ...over,
});

describe("the case screen's memo comparisons", () => {
  it("take a new view of the same facts as unchanged", () => {
    expect(sameInstructions([instruction()], [instruction()])).toBe(true);
    expect(sameText(text("a"), text("a"))).toBe(true);
    const note = { at: "2024-03-01T08:00:00Z", by: "OF-7", text: "Llamó la madre", level: "public" as const };
    expect(sameNotes([note], [{ ...note }])).toBe(true);
    expect(
      sameFlags([{ id: "f", label: text("F"), priority: 1, level: "public" }], [
        { id: "f", label: text("F"), priority: 1, level: "public" },
      ] as CaseView["flags"]),
    ).toBe(true);
  });

  it("see every change a part shows", () => {
    const manual = { by: "OF-7", at: "2024-03-01T08:00:00Z", reason: "riesgo" };
    expect(sameInstructions([instruction()], [])).toBe(false);
    expect(sameInstructions([instruction()], [instruction({ flag: "no-consular-contact" })])).toBe(false);
    expect(sameInstructions([instruction()], [instruction({ manual })])).toBe(false);
    expect(sameInstructions([instruction({ manual })], [instruction({ manual: { ...manual, reason: "otro" } })])).toBe(
      false,
    );
    // Two hidden instructions keep no flag id: only their neutral words tell them apart.
    const hidden = (words: string) =>
      instruction({ flag: "", label: {}, instruction: {}, hidden: true, publicLabel: text(words) });
    expect(sameInstructions([hidden("No entregar")], [hidden("Necesidad de salud")])).toBe(false);
    expect(sameText(text("a"), { es: "a" })).toBe(false);
    const note = { at: "2024-03-01T08:00:00Z", by: "OF-7", text: "Llamó la madre", level: "public" as const };
    expect(sameNotes([note], [note, { ...note, at: "2024-03-01T09:00:00Z" }])).toBe(false);
    expect(sameNotes([note], [{ ...note, hidden: true }])).toBe(false);
    const flag = { id: "f", label: text("F"), priority: 1, level: "public" as const };
    expect(sameFlags([flag], [{ ...flag, id: "g" }])).toBe(false);
    expect(sameFlags([flag], [{ ...flag, hidden: true }])).toBe(false);
  });
});

describe("useFixedRows", () => {
  function box(height: number) {
    const element = document.createElement("div");
    Object.defineProperty(element, "clientHeight", { configurable: true, get: () => height });
    return element;
  }

  it("puts the rows in view and a few either side in the page, following the scroll", () => {
    const element = box(640);
    const { result } = renderHook(() => useFixedRows({ current: element }, 10_000, 132, 6, 640));
    // 640 px show rows 0 to 4 (the fifth cut): with 6 more after them.
    expect(result.current).toEqual({ first: 0, last: 11 });
    act(() => {
      element.scrollTop = 132 * 100;
      element.dispatchEvent(new Event("scroll"));
    });
    expect(result.current).toEqual({ first: 94, last: 111 });
  });

  it("shows the end of a list that got shorter while scrolled far down", () => {
    const element = box(640);
    const { result, rerender } = renderHook(({ count }) => useFixedRows({ current: element }, count, 132, 6, 640), {
      initialProps: { count: 10_000 },
    });
    act(() => {
      element.scrollTop = 132 * 500;
      element.dispatchEvent(new Event("scroll"));
    });
    rerender({ count: 3 });
    expect(result.current).toEqual({ first: 0, last: 3 });
  });

  it("never passes the end of the list, and assumes a phone's height without layout", () => {
    const { result } = renderHook(() => useFixedRows({ current: box(0) }, 3, 132, 6, 640));
    expect(result.current).toEqual({ first: 0, last: 3 });
    const empty = renderHook(() => useFixedRows({ current: null }, 0, 132, 6, 640));
    expect(empty.result.current).toEqual({ first: 0, last: 0 });
  });
});

describe("the case screen's second frame (useAfterPaint)", () => {
  it("is false on the first render and turns true after the first frame, and stays so", async () => {
    vi.useFakeTimers();
    try {
      const { result, rerender } = renderHook(() => useAfterPaint());
      expect(result.current).toBe(false);
      rerender();
      expect(result.current).toBe(false);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(100);
      });
      expect(result.current).toBe(true);
      rerender();
      expect(result.current).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
