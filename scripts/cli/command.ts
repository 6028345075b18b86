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
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        parsed.options.set(name, value);
      } else parsed.flags.add(name);
    } else if (arg === "-h") parsed.flags.add("help");
    else parsed.positional.push(arg);
  }
  return parsed;
}

/** Refuses flags a command does not know, so that a typo is not silently ignored. */
export function allowFlags(args: ParsedArgs, allowed: readonly string[]) {
  for (const flag of args.flags)
    if (flag !== "help" && !allowed.includes(flag)) throw new UsageError(`unknown option --${flag}`);
}
