import { COMMANDS, main } from "../../scripts/cli/main";
import { ROOT, runCli } from "./runCli";

describe("senda", () => {
  it("lists the commands with --help and exits 0; without a command it also exits 2", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out[0]).toMatch(/^senda: /);
    for (const command of COMMANDS) expect(help.stdout).toContain(`  ${command.name}`);
    expect((await runCli(["-h"])).stdout).toBe(help.stdout);
    const none = await runCli([]);
    expect(none).toMatchObject({ code: 2, stdout: help.stdout });
  });

  it.each(COMMANDS.map((c) => c.name))("prints the usage of %s with --help, -h and help <command>", async (name) => {
    const command = COMMANDS.find((c) => c.name === name)!;
    const run = await runCli([name, "--help"]);
    expect(run).toMatchObject({ code: 0, err: [] });
    expect(run.stdout).toBe(command.usage);
    expect(run.out[0]).toMatch(new RegExp(`^senda ${name}\\b`));
    expect((await runCli([name, "-h"])).stdout).toBe(command.usage);
    expect((await runCli(["help", name])).stdout).toBe(command.usage);
    // --help wins over anything else on the line, even a bad path.
    expect((await runCli([name, "no/such/path", "--help"])).code).toBe(0);
  });

  it("refuses an unknown command, suggesting the near one", async () => {
    expect(await runCli(["valdiate", "sop"])).toMatchObject({
      code: 2,
      out: [],
      err: [
        'senda: unknown command "valdiate". Did you mean "validate"? Commands: validate, test, format, compile, diagram, bench, paths, check, coverage, diff, surge. Run senda --help.',
      ],
    });
    expect((await runCli(["publish"])).err[0]).toBe(
      'senda: unknown command "publish". Commands: validate, test, format, compile, diagram, bench, paths, check, coverage, diff, surge. Run senda --help.',
    );
  });

  it("refuses an unknown option, and an option of another command, instead of ignoring it", async () => {
    expect(await runCli(["validate", "test/fixtures/library", "--jsn"])).toMatchObject({
      code: 2,
      err: ["senda validate: unknown option --jsn; did you mean --json?"],
    });
    expect(await runCli(["validate", "test/fixtures/library", "--locale", "es"])).toMatchObject({
      code: 2,
      err: ["senda validate: unknown option --locale; options: --json"],
    });
    expect(await runCli(["test", "-j"])).toMatchObject({
      code: 2,
      err: ["senda test: unknown option -j; options start with --"],
    });
  });

  it("reports an unexpected failure in one line, without a stack trace, and exits 3", async () => {
    const err: string[] = [];
    const failingOut = () => {
      throw new Error("EPIPE: the terminal went away");
    };
    const code = await main(["validate", "test/fixtures/library", "--json"], {
      out: failingOut,
      err: (l) => err.push(l),
      cwd: ROOT,
    });
    expect(code).toBe(3);
    expect(err).toEqual([
      "senda validate: unexpected failure: EPIPE: the terminal went away",
      "This is a bug in senda, not in your files; please report it with the command and files that caused it.",
    ]);
  });
});
