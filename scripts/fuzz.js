// `npm run fuzz`: the property tests (*.property.test.ts) with random seeds and many more runs than `npm test`.
// Each round draws a seed, runs every property from it, and prints the seed of any failure with the command that
// replays it. Turn each failing seed into a fixture of the broken corpus (test/fixtures/broken/).
//
//   npm run fuzz                          rounds until 10 minutes have passed, 20 times the runs of `npm test`
//   npm run fuzz -- --minutes 60 --scale 50
//   npm run fuzz -- --rounds 3 --seed 12345 (the first round from a given seed)
import { spawnSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rounds: { type: "string" },
    scale: { type: "string", default: "20" },
    seed: { type: "string" },
    files: { type: "string", default: "property.test.ts" },
  },
});
const deadline = Date.now() + Number(values.minutes) * 60_000;
const maxRounds = values.rounds === undefined ? Number.POSITIVE_INFINITY : Number(values.rounds);
const failures = [];
let round = 0;
while (round < maxRounds && (values.rounds !== undefined || Date.now() < deadline)) {
  const seed = round === 0 && values.seed !== undefined ? Number(values.seed) : randomInt(-(2 ** 31), 2 ** 31 - 1);
  round++;
  const started = Date.now();
  const run = spawnSync("npx", ["vitest", "run", values.files], {
    env: { ...process.env, SENDA_FUZZ_SEED: String(seed), SENDA_PROPERTY_SCALE: values.scale, NO_COLOR: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (run.status === 0) {
    console.log(`round ${round}: seed ${seed} passed (${seconds} s)`);
    continue;
  }
  failures.push(seed);
  const output = `${run.stdout}\n${run.stderr}`;
  const failed = [...output.matchAll(/FAIL\s+(\S+) > (.+)/g)].map((m) => `  ${m[1]} > ${m[2]}`);
  const counterexamples = [...output.matchAll(/Counterexample: (.*)/g)].map(
    (m) => `  counterexample: ${m[1].slice(0, 2000)}`,
  );
  console.log(`round ${round}: seed ${seed} FAILED (${seconds} s)`);
  console.log([...new Set(failed)].join("\n"));
  console.log(counterexamples.join("\n"));
  console.log(`  replay: SENDA_FUZZ_SEED=${seed} SENDA_PROPERTY_SCALE=${values.scale} npx vitest run ${values.files}`);
}
console.log(
  `${round} round${round === 1 ? "" : "s"}, ${failures.length} failed${failures.length ? `: seeds ${failures.join(", ")}` : ""}`,
);
process.exit(failures.length ? 1 : 0);
