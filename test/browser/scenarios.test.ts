import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { launchPhone, RESULTS_DIR, readCspViolations, readLatencies } from "./launchBrowser";
import {
  compareWithSummary,
  type Hands,
  openSummary,
  playScenario,
  ROLE_SEEING_ALL,
  setUpOfficer,
  startNewCase,
} from "./officer";
import { pickScenario, readLibrary } from "./readLibrary";

const library = readLibrary();
const baseUrl = inject("baseUrl");

// One scenario entering each of the SOPs officers meet first, by the ids their authors gave them.
const PLAYS: { ids: string[]; hands: Hands }[] = [
  { ids: ["screening-carlos-15-alone", "screening-woman-26-debt-and-documents"], hands: "mouse" },
  {
    ids: ["uasc-carlos-15-alone", "uasc-carlos-15-alone-fears-return", "uasc-girl-13-doubtful-cousin"],
    hands: "keyboard",
  },
  { ids: ["gbv-disclosure-woman-24-36h", "gbv-disclosure-girl-17-unsafe"], hands: "mouse" },
];
const latencies: Record<string, number[]> = {};

/** The Spanish label of a deadline as the SOP (or one it runs) declares it. */
function deadlineLabel(sopId: string, id: string): string {
  for (const sop of library.sops.values())
    for (const step of Object.values(sop.steps))
      for (const effect of step.effects ?? [])
        if ("deadline" in effect && effect.deadline === id) return effect.label.es;
  throw new Error(`No SOP of ${sopId}'s library declares the deadline "${id}".`);
}

afterAll(() => {
  const all = Object.values(latencies)
    .flat()
    .sort((a, b) => a - b);
  if (all.length === 0) return;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const median = all[Math.floor(all.length / 2)];
  writeFileSync(
    join(RESULTS_DIR, "step-latency.json"),
    `${JSON.stringify({ medianMs: median, maxMs: all[all.length - 1], steps: all.length, byScenario: latencies }, null, 2)}\n`,
  );
});

describe("an officer plays shipped scenarios through the Cases screens", () => {
  for (const play of PLAYS) {
    const scenario = pickScenario(library, play.ids);
    const name = scenario ? `${scenario.id} (${play.hands})` : `one of ${play.ids.join(", ")}`;
    it.skipIf(!scenario)(`${name}: reaches the expected flags, referrals and outcome`, async () => {
      const phone = await launchPhone();
      try {
        const { page } = phone;
        await page.goto(baseUrl);
        await setUpOfficer(page, { officer: "OF-101", sop: scenario!.sop, role: ROLE_SEEING_ALL });
        await startNewCase(page);
        await playScenario(page, library, scenario!, play.hands);
        latencies[scenario!.id] = await readLatencies(page);
        await openSummary(page);
        expect(await compareWithSummary(page, library, scenario!)).toEqual([]);
        // The case runs on the device's clock, not the scenario's minutes, so the hours left differ from the
        // scenario's; that each expected deadline is counting down is what is checked here.
        const deadlines = await page.locator(".deadline-list li").allInnerTexts();
        for (const deadline of scenario!.expect.deadlines ?? []) {
          const label = deadlineLabel(scenario!.sop, deadline.id);
          expect(
            deadlines.some((d) => d.startsWith(`${label}:`) && /quedan \d+ (h|min)$/.test(d)),
            `deadline ${deadline.id} in ${deadlines.join(" | ")}`,
          ).toBe(true);
        }
        expect(await readCspViolations(page)).toEqual([]);
      } finally {
        await phone.close();
      }
    });
  }
});
