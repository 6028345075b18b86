import { didYouMean } from "../../src/engine/index";

/** One CLI command: a name, a line of help, its usage text, and what it does. Returns the exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: ParsedArgs, io: Io): Promise<number> | number;
}

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/** Where a command writes: standard output and error, swappable in tests. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
}

/** A problem the user can fix (a missing file, bad arguments): printed without a stack trace, exit 2. */
export class UsageError extends Error {}

/** Splits arguments into positionals, `--flag`s and `--option value`s (only the names in `withValue` take one). */
export function parseArgs(argv: string[], withValue: readonly string[] = []): ParsedArgs {
  const parsed: ParsedArgs = { positional: [], flags: new Set(), options: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2);
      if (withValue.includes(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith("--")))
          throw new UsageError(`--${name} needs a value`);
        parsed.options.set(name, value);
      } else parsed.flags.add(name);
    } else if (arg === "-h") parsed.flags.add("help");
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}; options start with --`);
    else parsed.positional.push(arg);
  }
  return parsed;
}

/** Refuses flags and options a command does not know, so that a typo is not silently ignored. */
export function allowFlags(args: ParsedArgs, allowed: readonly string[]) {
  const given = [...args.flags, ...args.options.keys()];
  for (const name of given)
    if (name !== "help" && !allowed.includes(name)) {
      const near = didYouMean(name, allowed);
      throw new UsageError(
        `unknown option --${name}${near ? `; did you mean --${near}?` : allowed.length ? `; options: ${allowed.map((a) => `--${a}`).join(", ")}` : ""}`,
      );
    }
}

/** Refuses more positional arguments than a command takes. */
export function allowPositionals(args: ParsedArgs, max: number, what: string) {
  if (args.positional.length > max)
    throw new UsageError(`takes ${what}; got ${args.positional.length}: ${args.positional.join(" ")}`);
}
