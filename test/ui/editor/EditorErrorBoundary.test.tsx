// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { EditorErrorBoundary } from "../../../src/ui/editor/EditorErrorBoundary";
import { editorEn, editorEs } from "../../../src/ui/editor/i18n/editorMessages";
import { I18nProvider, loadMessages } from "../../../src/ui/shared/i18n/I18nProvider";

function Broken(): never {
  throw new Error("steps is not iterable");
}

describe("a crash in the editor", () => {
  it("says what happened in the interface language and that the draft is safe", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { unmount } = render(
      <I18nProvider initial="es">
        <EditorErrorBoundary resetKey="uasc">
          <Broken />
        </EditorErrorBoundary>
      </I18nProvider>,
    );
    expect(screen.getByRole("alert").textContent).toContain(editorEs["crash.draftSafe"]);
    expect(screen.getByRole("heading", { name: editorEs["crash.title"] })).toBeDefined();
    expect(screen.getByText("steps is not iterable")).toBeDefined();
    unmount();
    // As the app does before its first render: English is a chunk of its own.
    await loadMessages("en");
    render(
      <I18nProvider initial="en">
        <EditorErrorBoundary resetKey="uasc">
          <Broken />
        </EditorErrorBoundary>
      </I18nProvider>,
    );
    expect(screen.getByRole("button", { name: editorEn["crash.reopen"] as string })).toBeDefined();
  });
});
