import type { Page } from "playwright-core";
import type { Scenario, ScenarioAction, Step } from "../../src/engine/index";
import { caseMessagesEs as caseEs } from "../../src/ui/runner/i18n/caseMessages";
import { messagesEs as es } from "../../src/ui/shared/i18n/messagesEs";
import { findStep, type ShippedLibrary } from "./readLibrary";

/** How the officer works: with the mouse (clicks and taps) or the keyboard alone (number keys, Tab, Enter). */
export type Hands = "mouse" | "keyboard";

/** A catalog role that sees every level: what an officer picks to check everything the engine produced. */
export const ROLE_SEEING_ALL = "iom-protection-officer";

/**
 * Goes to the queue and fills in the officer's code (and the entry SOP and the role, when given) in the remembered
 * settings. Without a role, the device keeps its default: the least privileged one.
 */
export async function setUpOfficer(
  page: Page,
  options: { officer: string; sop?: string; role?: string },
): Promise<void> {
  await page.getByRole("heading", { level: 1, name: es["queue.title"] }).waitFor();
  const officer = page.getByLabel(es["newCase.officer"]);
  if (!(await officer.isVisible())) await page.getByText(es["newCase.change"]).click();
  await officer.fill(options.officer);
  if (options.sop) await page.getByLabel(es["newCase.sop"]).selectOption(options.sop);
  if (options.role) await page.getByLabel(es["newCase.role"]).selectOption(options.role);
}

/** Presses "New case" and waits for the case's first screen; returns the case id from the URL. */
export async function startNewCase(page: Page): Promise<string> {
  await page.getByRole("button", { name: es["newCase.start"], exact: true }).click();
  await page.waitForURL(/#\/cases\/[^/]+$/);
  await page.locator(".step-card h2").first().waitFor();
  return decodeURIComponent(page.url().split("#/cases/")[1]);
}

/** The Spanish title of the step at `path` of the scenario's SOP. */
export function titleOf(library: ShippedLibrary, scenario: Scenario, path: string | undefined): string {
  const step = findStep(library, scenario.sop, path);
  return "title" in step && step.title ? step.title.es : (path ?? "");
}

/**
 * Does what the scenario says at one step, as an officer would on the screen: checks the step shown is the one
 * expected, answers it, continues, and waits until the card shows the next step (or the end is shown) and the answer
 * is acknowledged as saved.
 */
export async function playAction(
  page: Page,
  library: ShippedLibrary,
  scenario: Scenario,
  action: ScenarioAction,
  hands: Hands,
): Promise<void> {
  await playActionUnacknowledged(page, library, scenario, action, hands);
  // On a case, the next step shows at once and the answer is acknowledged once it is stored on the device. A
  // screen that stores nothing (the trainer's practice) has no save indicator.
  if ((await page.locator(".save-state").count()) > 0) await waitUntilSaved(page);
}

/** `playAction` up to the next step on screen, without waiting for the answer to be acknowledged as saved. */
export async function playActionUnacknowledged(
  page: Page,
  library: ShippedLibrary,
  scenario: Scenario,
  action: ScenarioAction,
  hands: Hands = "mouse",
): Promise<void> {
  const step = findStep(library, scenario.sop, action.step);
  const title = titleOf(library, scenario, action.step);
  const card = page.locator(".step-card").filter({ has: page.locator("h2.step-title", { hasText: title }) });
  await card
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(async () => {
      const shown = await page.locator("h2").allInnerTexts();
      throw new Error(
        `Scenario ${scenario.id}: expected step "${action.step}" ("${title}"), the screen shows ${JSON.stringify(shown)}.`,
      );
    });
  const before = await shownStep(page);
  if (hands === "keyboard") await answerByKeyboard(page, step, action.answer);
  else await answerByMouse(page, step, action.answer);
  await waitForNextStep(page, before).catch(async () => {
    const problem = await page.locator(".step-card .problem").allInnerTexts();
    throw new Error(`Scenario ${scenario.id}: step "${action.step}" was not accepted: ${problem.join(" ")}`);
  });
}

/**
 * Which showing of a step the step card holds (its `data-step`: the step's path and how many steps were done before
 * it), or null when no step card is shown. The card is reused from step to step: this, not the element, changes.
 */
export async function shownStep(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector(".step-card")?.getAttribute("data-step") ?? null);
}

/**
 * Waits until the answer to the step shown as `before` was accepted: the card shows another step (or the same step
 * again, after going back), or the case's end panel took its place. A refused answer leaves the card as it was.
 */
export async function waitForNextStep(page: Page, before: string | null): Promise<void> {
  await page.waitForFunction(
    (shown) => document.querySelector(".step-card")?.getAttribute("data-step") !== shown,
    before,
    { timeout: 10_000 },
  );
}

/** Waits until the case screen says every change is stored on the device (its save indicator reads "saved"). */
export async function waitUntilSaved(page: Page): Promise<void> {
  await page.locator(".save-state[data-state=saved]").waitFor({ timeout: 10_000 });
}

/**
 * Plays every action of a scenario. The case runs on the device's clock: the scenario's `afterMinutes` are not
 * waited for (Playwright's fake clock replaces `Date`, which the engine's timestamps rely on).
 */
export async function playScenario(
  page: Page,
  library: ShippedLibrary,
  scenario: Scenario,
  hands: Hands,
): Promise<void> {
  for (const action of scenario.steps) await playAction(page, library, scenario, action, hands);
}

function choiceLabels(step: Step, answer: unknown): string[] {
  switch (step.kind) {
    case "referral":
      return [answer === false ? referralDeclineLabel(step) : es["referral.consents"]];
    case "checklist": {
      const ids = Array.isArray(answer) ? answer : step.items.filter((i) => i.required).map((i) => i.id);
      return ids.map((id) => step.items.find((i) => i.id === id)!.text.es);
    }
    case "question":
      switch (step.answer.type) {
        case "yes-no":
          return [answer ? es["answer.yes"] : es["answer.no"]];
        case "consent":
          return [answer ? es["answer.consentYes"] : es["answer.consentNo"]];
        case "one-of":
          return [step.answer.options.find((o) => o.value === answer)!.label.es];
        case "several-of": {
          const options = step.answer.options;
          return (answer as string[]).map((v) => options.find((o) => o.value === v)!.label.es);
        }
        default:
          return [];
      }
    default:
      return [];
  }
}

/** How the step card words "no" at a referral: a mandatory notification is made even so. */
function referralDeclineLabel(step: Extract<Step, { kind: "referral" }>): string {
  return step.requiresConsent === false ? caseEs["referral.declinesMandatory"] : es["referral.declines"];
}

function choiceIndexes(step: Step, answer: unknown): number[] {
  switch (step.kind) {
    case "referral":
      return [answer === false ? 2 : 1];
    case "checklist": {
      const ids = Array.isArray(answer) ? answer : step.items.filter((i) => i.required).map((i) => i.id);
      return ids.map((id) => step.items.findIndex((i) => i.id === id) + 1);
    }
    case "question":
      switch (step.answer.type) {
        case "yes-no":
        case "consent":
          return [answer ? 1 : 2];
        case "one-of":
          return [step.answer.options.findIndex((o) => o.value === answer) + 1];
        case "several-of": {
          const options = step.answer.options;
          return (answer as string[]).map((v) => options.findIndex((o) => o.value === v) + 1);
        }
        default:
          return [];
      }
    default:
      return [];
  }
}

/** The text typed for a typed answer: numbers as they are, a date and time in the device's (UTC) zone. */
function typedValue(step: Step, answer: unknown): string | undefined {
  if (step.kind !== "question") return undefined;
  const type = step.answer.type;
  if (type === "number" || type === "duration" || type === "text" || type === "date") return String(answer);
  if (type === "datetime") return new Date(String(answer)).toISOString().slice(0, 16);
  return undefined;
}

async function answerByMouse(page: Page, step: Step, answer: unknown): Promise<void> {
  const card = page.locator(".step-card");
  const typed = typedValue(step, answer);
  if (typed !== undefined) await card.locator("input.answer-input").fill(typed);
  // A referral to a service the case already has a referral to asks to add to it instead (same places, 1 and 2).
  const adding =
    step.kind === "referral" && (await card.getByRole("radio", { name: es["referral.add"], exact: true }).count()) > 0;
  const labels = adding
    ? [answer === false ? es["referral.doNotAdd"] : es["referral.add"]]
    : choiceLabels(step, answer);
  for (const label of labels)
    await card
      .getByRole(step.kind === "checklist" || isSeveral(step) ? "checkbox" : "radio", { name: exactly(label) })
      .check();
  await card.locator("button[type=submit]").click();
}

/** An option's accessible name: its label, with the "required" note a checklist item may carry after it. */
function exactly(label: string): RegExp {
  const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${quote(label)}(\\s*\\(${quote(es["checklist.required"])}\\))?$`);
}

async function answerByKeyboard(page: Page, step: Step, answer: unknown): Promise<void> {
  // The new step's heading has the focus: number keys pick options from there, Tab reaches a text field.
  await page.waitForFunction(() => document.activeElement?.matches("h2.step-title") === true);
  const typed = typedValue(step, answer);
  if (typed !== undefined) {
    await page.keyboard.press("Tab");
    if (step.kind === "question" && step.answer.type === "datetime")
      await page.locator(".step-card input.answer-input").fill(typed);
    else await page.keyboard.type(typed);
  }
  for (const index of choiceIndexes(step, answer)) await page.keyboard.press(String(index));
  await page.keyboard.press("Enter");
}

function isSeveral(step: Step): boolean {
  return step.kind === "question" && step.answer.type === "several-of";
}

/** Opens the case summary from the case screen (its header link, or the end panel's). */
export async function openSummary(page: Page): Promise<void> {
  await page.locator(`a[href$="/summary"]`).first().click();
  await page.getByRole("heading", { level: 1, name: /^Resumen del caso / }).waitFor();
}

/**
 * What the summary shows of a scenario's expectations, as differences (empty when all is shown as expected):
 * flags raised and not raised, referrals made (service and urgency) and not made, and the outcome. The officer's role
 * must see every level (`ROLE_SEEING_ALL`), or the summary rightly names less than the engine produced.
 */
export async function compareWithSummary(page: Page, library: ShippedLibrary, scenario: Scenario): Promise<string[]> {
  const differences: string[] = [];
  // A flag with a standing instruction is named in the instructions banner, not again as a chip.
  const chips = [
    ...(await page.locator(".flags .chip").allInnerTexts()).map((c) => c.trim()),
    ...(await page.locator(".instructions .instruction strong").allInnerTexts()).map((c) => c.trim().replace(/:$/, "")),
  ];
  const expect = scenario.expect;
  for (const flag of expect.flags ?? []) {
    const label = library.flags.get(flag)!.label.es;
    if (!chips.includes(label)) differences.push(`flag "${label}" not shown (shown: ${chips.join(", ")})`);
  }
  for (const flag of expect.notFlags ?? []) {
    const label = library.flags.get(flag)?.label.es;
    if (label && chips.includes(label)) differences.push(`flag "${label}" shown but must not be`);
  }
  const referrals = (await page.locator(".referral-list .referral-line").allInnerTexts()).map((r) =>
    r.replace(/\s+/g, " ").trim(),
  );
  for (const expected of expect.referrals ?? []) {
    const name = library.services.get(expected.service)!.name.es;
    // A referral superseded after its handover says whether the corrected path may still reach it.
    const statuses =
      expected.status === "superseded"
        ? [
            caseEs["referralStatus.superseded"],
            caseEs["referralStatus.supersededPending"],
            caseEs["referralStatus.supersededWithdraw"],
          ]
        : [caseEs[`referralStatus.${expected.status ?? "made"}`]];
    const status = statuses.join(" / ");
    const urgency = expected.urgency ? es[`urgency.${expected.urgency}`] : "";
    const found = referrals.some(
      (r) => r.startsWith(`${name} ·`) && r.includes(urgency) && statuses.some((text) => r.endsWith(text)),
    );
    if (!found) differences.push(`referral "${name}" ${urgency} ${status} not shown (shown: ${referrals.join(" | ")})`);
  }
  for (const service of expect.noReferrals ?? []) {
    const name = library.services.get(service)?.name.es;
    if (name && referrals.some((r) => r.startsWith(`${name} ·`) && r.endsWith(caseEs["referralStatus.made"])))
      differences.push(`referral "${name}" made but must not be`);
  }
  if (expect.outcome) {
    const outcome =
      (await page
        .locator(".facts dt", { hasText: es["summary.outcome"] })
        .locator("xpath=following-sibling::dd[1]")
        .textContent()) ?? "";
    if (outcome.trim() !== es[`outcome.${expect.outcome}`])
      differences.push(`outcome "${outcome.trim()}", expected "${es[`outcome.${expect.outcome}`]}"`);
  }
  return differences;
}
