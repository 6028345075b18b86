import { type TrainingResult, TrainingStore } from "../../../store/training/index";

let opening: Promise<TrainingStore> | undefined;

/** The device's training results, opened once per page. */
export function openTrainingResults(): Promise<TrainingStore> {
  if (!opening) {
    opening = TrainingStore.open();
    opening.catch(() => {
      opening = undefined;
    });
  }
  return opening;
}

export type { TrainingResult };

const TRAINEE_KEY = "senda-trainee";

/** Who practises on this phone, remembered between practices. */
export function readTrainee(): { name: string; session: string } {
  try {
    const stored = JSON.parse(localStorage.getItem(TRAINEE_KEY) ?? "{}") as { name?: unknown; session?: unknown };
    return {
      name: typeof stored.name === "string" ? stored.name : "",
      session: typeof stored.session === "string" ? stored.session : "",
    };
  } catch {
    return { name: "", session: "" };
  }
}

/** Remembers who practises on this phone. */
export function saveTrainee(trainee: { name: string; session: string }): void {
  try {
    localStorage.setItem(TRAINEE_KEY, JSON.stringify(trainee));
  } catch {
    // A phone with no storage left still lets the trainee practise.
  }
}
