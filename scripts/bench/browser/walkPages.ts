import type { Page } from "playwright-core";
import type { Scenario } from "../../../src/engine/index";
import { messagesEs as es } from "../../../src/ui/shared/i18n/messagesEs";
import { playAction, setUpOfficer } from "../../../test/browser/officer";
import type { ShippedLibrary } from "../../../test/browser/readLibrary";
import { waitForSamples } from "./benchBrowser";

/** The question number a heading shows ("Pregunta 12", "Question 12") as an index into the answers (11). */
function indexOfTitle(title: string): number {
  const match = /(\d+)/.exec(title);
  if (!match) throw new Error(`no question number in the heading "${title}"`);
  return Number(match[1]) - 1;
}

/** What each page shows and takes: its heading, its yes and no choices, its continue button. */
interface PageShape {
  heading: string;
  choose: (page: Page, answer: boolean) => Promise<void>;
  next: (page: Page) => ReturnType<Page["locator"]>;
}

export const SENDA_SHAPE: PageShape = {
  heading: "h2.step-title",
  choose: (p, answer) =>
    p
      .locator(".step-card")
      .getByRole("radio", { name: answer ? es["answer.yes"] : es["answer.no"], exact: true })
      .check(),
  next: (p) => p.locator(".step-card button[type=submit]"),
};

export const SURVEYJS_SHAPE: PageShape = {
  heading: ".sd-question__title",
  // SurveyJS draws its own radio over a hidden input: click the choice's text, as a person does.
  choose: (p, answer) =>
    p
      .locator(".sd-item__control-label")
      .getByText(answer ? "Yes" : "No", { exact: true })
      .click(),
  next: (p) => p.locator(".sd-navigation__next-btn"),
};

export const XSTATE_SHAPE: PageShape = {
  heading: "h2.q-title",
  choose: (p, answer) => p.getByRole("radio", { name: answer ? "Yes" : "No", exact: true }).check(),
  next: (p) => p.locator("button[type=submit]"),
};

/**
 * Answers `steps` questions of the questionnaire on a page of the given shape, as a person with a mouse: picks yes
 * or no from the seeded answers, clicks continue, and waits until the next question's heading is painted.
 */
export async function walkQuestionnaire(
  page: Page,
  shape: PageShape,
  answers: readonly boolean[],
  steps: number,
): Promise<void> {
  const heading = page.locator(shape.heading).first();
  for (let i = 0; i < steps; i++) {
    const title = (await heading.textContent()) ?? "";
    const answer = answers[indexOfTitle(title)];
    await shape.choose(page, answer);
    await shape.next(page).click();
    await waitForSamples(page, i + 1);
  }
}

/** Opens a new case on an SOP from the queue, as an officer does, and waits for its first step. */
export async function openSendaCase(page: Page, sop: string): Promise<void> {
  await setUpOfficer(page, { officer: "OF-BENCH", sop });
  await page.getByRole("button", { name: es["newCase.start"], exact: true }).click();
  await page.locator(".step-card h2").first().waitFor();
}

/**
 * Plays a shipped scenario on Senda's officer screen (the browser tests' own officer), from a new case. Returns
 * false, having played what it could, when the officer cannot play a step (an action the browser tests do not
 * know yet): the steps before it are still measured.
 */
export async function playSendaScenario(page: Page, library: ShippedLibrary, scenario: Scenario): Promise<boolean> {
  try {
    for (const action of scenario.steps) {
      if (!("step" in action) || Object.keys(action).some((k) => !["step", "answer", "afterMinutes"].includes(k)))
        return false;
      await playAction(page, library, scenario, action, "mouse");
    }
    return true;
  } catch {
    return false;
  }
}
