// @vitest-environment jsdom
import { act, render, screen } from "@testing-library/react";
import { lazy, Suspense } from "react";
import { casePageComponent, loadCasePage, resolvedNow } from "../../src/ui/runner/casePageModule";

describe("the case screen's chunk", () => {
  it("is handed over at once once loaded", async () => {
    await loadCasePage();
    let given: unknown;
    void casePageComponent().then((module) => {
      given = module.default;
    });
    // Called back before anything else runs: no microtask in between.
    expect(given).toBe((await import("../../src/ui/runner/CasePage")).CasePage);
  });

  it("so React's lazy renders it in its first render, without showing the fallback", () => {
    const Ready = lazy(() => resolvedNow({ default: () => <p>el caso</p> }));
    const Later = lazy(() => Promise.resolve({ default: () => <p>el otro caso</p> }));
    act(() => {
      render(
        <>
          <Suspense fallback={<p>cargando uno</p>}>
            <Ready />
          </Suspense>
          <Suspense fallback={<p>cargando otro</p>}>
            <Later />
          </Suspense>
        </>,
      );
    });
    expect(screen.getByText("el caso")).toBeDefined();
    // A promise already resolved still suspends the first render: the fallback shows.
    expect(screen.getByText("cargando otro")).toBeDefined();
  });
});
