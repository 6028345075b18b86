import { type Command, type Io, parseArgs, UsageError } from "./command";
import { bench } from "./commands/bench";
import { compile } from "./commands/compile";
import { diagram } from "./commands/diagram";
import { test } from "./commands/test";
import { validate } from "./commands/validate";

/** Every command, in the order `senda --help` lists them. */
export const COMMANDS: Command[] = [validate, test, compile, diagram, bench];

const OPTIONS_WITH_VALUE = ["locale", "sizes", "out", "budget"];

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

/** Runs the CLI and returns the exit code: 0 fine, 1 problems found, 2 bad usage. Never prints a stack trace for bad input. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`senda: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}. Run senda --help.`);
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
    throw error;
  }
}
