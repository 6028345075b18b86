import { StoreError } from "../../../src/store/index";
import { editorEn, editorEs } from "../../../src/ui/editor/i18n/editorMessages";
import { describePublishFailure } from "../../../src/ui/editor/publish/describePublishFailure";

const es = (key: string) => editorEs[key as keyof typeof editorEs] as string;
const en = (key: string) => editorEn[key as keyof typeof editorEn] as string;

describe("why publishing failed reads in the policy officer's language, chosen by the store's code", () => {
  const taken = new StoreError(
    "conflict",
    "uasc 1.3.0 is already published with other content; give this text a new version number.",
  );

  it("a version number already published with other text", () => {
    const shown = describePublishFailure(taken, es);
    expect(shown.text).toBe(es("publish.versionTaken"));
    expect(shown.text).not.toContain("already published");
    expect(shown.detail).toContain("uasc 1.3.0 is already published");
  });

  it("a full device, and an error without a code", () => {
    expect(describePublishFailure(new StoreError("storage-full", "full"), es).text).toBe(es("publish.storageFull"));
    const shown = describePublishFailure(new TypeError("x is undefined"), es);
    expect(shown.text).toBe(es("publish.failed"));
    expect(shown.detail).toBe("TypeError: x is undefined");
  });

  it("in English with the English table", () => {
    expect(describePublishFailure(taken, en).text).toBe(en("publish.versionTaken"));
  });
});
