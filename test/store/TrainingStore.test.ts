// @vitest-environment jsdom
import "fake-indexeddb/auto";
import { type TrainingResult, TrainingStore } from "../../src/store/training/index";

const result: Omit<TrainingResult, "_id"> = {
  kind: "training-result",
  at: "2024-03-01T10:00:00.000Z",
  session: "Grupo 3",
  trainee: "Ana",
  sop: "trafficking",
  sopVersion: "1.0.0",
  scenario: "trafficking-woman-22-chooses-to-report",
  scenarioTitle: { es: "La misma mujer decide denunciar", en: "The same woman chooses to report" },
  unscripted: false,
  percent: 21,
  earned: 5,
  possible: 24,
  misses: [{ kind: "missed-flag", subject: "trafficking-indicators", text: { es: "…", en: "…" } }],
};

describe("training results on the device", () => {
  it("keeps each result as its own document, listed oldest first, and two results at the same moment apart", async () => {
    const store = await TrainingStore.open(`senda-training-test-${Date.now()}`);
    let n = 0;
    const random = () => [0.25, 0.75, 0.5][n++];
    const later = await store.add({ ...result, at: "2024-03-01T11:00:00.000Z", trainee: "Luis" }, random);
    const first = await store.add(result, random);
    const same = await store.add({ ...result, trainee: "Eva" }, random);
    expect(first._id).toMatch(/^result:2024-03-01T10:00:00.000Z:[0-9a-z]{6}$/);
    expect(same._id).not.toBe(first._id);
    const listed = await store.list();
    expect(listed.map((r) => r._id)).toEqual([first._id, same._id, later._id].sort());
    expect(listed.at(-1)?.trainee).toBe("Luis");
    expect(listed.find((r) => r.trainee === "Ana")).toMatchObject({ percent: 21, misses: result.misses });
  });
});
