import { StoreError } from "../../../store/index";
import type { ShownProblem } from "../../shared/ProblemAlert";
import { detailOf } from "../../shared/ProblemAlert";

/**
 * Why publishing failed, in the policy officer's language, chosen by the library store's code (a version number
 * already published with other text, a full device); the error's own English is the technical detail.
 */
export function describePublishFailure(
  error: unknown,
  t: (key: "publish.failed" | "publish.versionTaken" | "publish.storageFull") => string,
): ShownProblem {
  const code = error instanceof StoreError ? error.code : "unknown";
  const key =
    code === "conflict" ? "publish.versionTaken" : code === "storage-full" ? "publish.storageFull" : "publish.failed";
  return { text: t(key), detail: detailOf(error) };
}
