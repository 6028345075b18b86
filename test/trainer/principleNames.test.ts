import { isTrainerKey, trainerText } from "../../src/ui/trainer/i18n/trainerMessages";
import { shippedLibrary } from "./shippedLibrary";

describe("the principles a trainer filters scenarios by", () => {
  it("names every principle a shipped scenario is tagged with, in Spanish and English", () => {
    const tagged = new Set<string>();
    for (const { scenario } of shippedLibrary().scenarios)
      for (const tag of scenario.tags ?? []) {
        const match = /^principle-(\d+)$/.exec(tag);
        if (match) tagged.add(match[1]);
      }
    expect(tagged.size).toBeGreaterThan(0);
    for (const n of tagged) {
      const key = `library.principle.${n}`;
      expect(isTrainerKey(key), key).toBe(true);
      if (!isTrainerKey(key)) continue;
      for (const locale of ["es", "en"] as const)
        expect(trainerText(locale)(key)).toMatch(new RegExp(`^\\D+ ${n}: \\S`));
    }
  });

  it("knows no name it was not given", () => {
    expect(isTrainerKey("library.principle.99")).toBe(false);
    expect(isTrainerKey("toString")).toBe(false);
  });
});

describe("numbers in the Train area's texts", () => {
  it("are written the interface language's way, and still pick the plural form", () => {
    expect(trainerText("es")("unscripted.found", { count: 1793058 })).toBe("1.793.058 caminos encontrados");
    expect(trainerText("en")("unscripted.found", { count: 1793058 })).toBe("1,793,058 paths found");
    expect(trainerText("en")("unscripted.found", { count: 1 })).toBe("1 path found");
  });
});
