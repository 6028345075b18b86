import { didYouMean } from "../../src/engine/index";
import { type Command, type Io, parseArgs, UsageError } from "./command";
import { bench } from "./commands/bench";
import { check } from "./commands/check";
import { compile } from "./commands/compile";
import { coverage } from "./commands/coverage";
import { diagram } from "./commands/diagram";
import { diff } from "./commands/diff";
import { format } from "./commands/format";
import { paths } from "./commands/paths";
import { surge } from "./commands/surge";
import { test } from "./commands/test";
import { validate } from "./commands/validate";

/** Every command, in the order `senda --help` lists them. */
export const COMMANDS: Command[] = [
  validate,
  test,
  format,
  compile,
  diagram,
  bench,
  paths,
  check,
  coverage,
  diff,
  surge,
];

const OPTIONS_WITH_VALUE = [
  "locale",
  "sizes",
  "out",
  "budget",
  "limit",
  "save-counterexample",
  // senda bench
  "runs",
  "only",
  "skip",
  "merge",
  "from",
  // senda surge
  "seed",
  "library",
  "arrivals-per-hour",
  "servers",
  "service-minutes",
  "hours",
];

const defaultIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l), cwd: process.cwd() };

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "senda: validate, lint, test, analyse and diagram standard operating procedures.",
    "",
    "Usage: senda <command> [options]",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `senda <command> --help` for a command's options.",
  ].join("\n");
}

/**
 * Runs the CLI and returns the exit code: 0 fine, 1 problems found, 2 bad usage, 3 an unexpected failure (a bug in
 * senda). Never prints a stack trace for bad input; SENDA_DEBUG=1 prints one for an unexpected failure.
 */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const asked = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(asked ? asked.usage : help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const near = didYouMean(
      name,
      COMMANDS.map((c) => c.name),
    );
    io.err(
      `senda: unknown command "${name}".${near ? ` Did you mean "${near}"?` : ""} Commands: ${COMMANDS.map((c) => c.name).join(", ")}. Run senda --help.`,
    );
    return 2;
  }
  try {
    const args = parseArgs(rest, OPTIONS_WITH_VALUE);
    if (args.flags.has("help")) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`senda ${name}: ${error.message}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`senda ${name}: unexpected failure: ${message}`);
    io.err("This is a bug in senda, not in your files; please report it with the command and files that caused it.");
    if (process.env.SENDA_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 3;
  }
}
