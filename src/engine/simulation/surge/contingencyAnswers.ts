import type { ContingencyAnswer } from "./playContingency";

/** A day's figures from the simulation, as the contingency SOP's questions need them. */
export interface DayFigures {
  capacity: number;
  /** Arrivals per day so far, the day itself included. */
  arrivals: ArrayLike<number>;
  /** 0 for the first day. */
  day: number;
  occupancyPeak: number;
}

/**
 * The contingency questions the simulation answers from its own figures, by the variable each one sets, with how
 * many first days it cannot answer (the arrivals of the days before the first are the plan's to give).
 */
export const DERIVED_ANSWERS: Record<string, { figure: string; unknownOnFirstDays: number }> = {
  capacity: { figure: "the beds' capacity", unknownOnFirstDays: 0 },
  occupancy: { figure: "the day's peak number of people on site", unknownOnFirstDays: 0 },
  arrivals_today: { figure: "the day's arrivals", unknownOnFirstDays: 0 },
  arrivals_yesterday: { figure: "the previous day's arrivals", unknownOnFirstDays: 1 },
  arrivals_2_days_ago: { figure: "the arrivals two days before", unknownOnFirstDays: 2 },
};

/** The simulation's answer to a contingency question on a day, or undefined when it has none. */
export function deriveAnswer(variable: string, figures: DayFigures): ContingencyAnswer | undefined {
  const { day, arrivals } = figures;
  switch (variable) {
    case "capacity":
      return figures.capacity;
    case "occupancy":
      return figures.occupancyPeak;
    case "arrivals_today":
      return arrivals[day];
    case "arrivals_yesterday":
      return day >= 1 ? arrivals[day - 1] : undefined;
    case "arrivals_2_days_ago":
      return day >= 2 ? arrivals[day - 2] : undefined;
    default:
      return undefined;
  }
}
