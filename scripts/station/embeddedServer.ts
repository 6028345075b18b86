import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { CouchServer } from "./couchRequest";

/** The embedded CouchDB-compatible server (pouchdb-server), running on loopback. */
export interface EmbeddedServer {
  /** `http://127.0.0.1:<port>`, without credentials. */
  url: string;
  port: number;
  /** The server as its administrator. */
  admin: CouchServer;
  /** Stops the server and waits for it to exit; an in-memory server's data is gone, a folder's stays. */
  stop(): Promise<void>;
  /** Kills the server at once (SIGKILL), as a crash would; for fault tests. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data after a stop or a kill. */
  restart(): Promise<void>;
}

/** How to start it. */
export interface EmbeddedServerOptions {
  /** A folder for the data (LevelDB) and the administrator's password; in memory when absent. */
  dir?: string;
  /** The port; a free one when absent. */
  port?: number;
  /** Called with each line the server writes, for debugging. */
  onLog?: (line: string) => void;
}

const require = createRequire(import.meta.url);
const BIN = join(dirname(require.resolve("pouchdb-server/package.json")), "bin", "pouchdb-server");
const ADMIN = "senda-admin";
/**
 * Cookie sessions: a kept secret, and a shift's length (12 h) before an officer must sign in again to sync; each
 * request renews it. The device's own lock screen guards the phone meanwhile. CouchDB: [chttpd_auth] timeout.
 */
const SESSION_CONFIG = (secret: string) => ({ secret, timeout: "43200" });

/**
 * Starts pouchdb-server on 127.0.0.1 and makes sure it has an administrator: on first start a random password is
 * made and kept in `<dir>/admin.json` (or in memory), so that the server never runs as an "admin party" where
 * anyone is administrator. Nothing here depends on pouchdb-server beyond CouchDB's HTTP API.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const port = options.port ?? (await findFreePort());
  const dir = options.dir ? resolve(options.dir) : undefined;
  const workDir = dir ?? mkdtempSync(join(tmpdir(), "senda-couch-"));
  mkdirSync(workDir, { recursive: true });
  const secretFile = join(workDir, "admin.json");
  const stored = existsSync(secretFile)
    ? (JSON.parse(readFileSync(secretFile, "utf8")) as { password: string; cookieSecret?: string })
    : undefined;
  const password = stored?.password ?? randomBytes(18).toString("base64url");
  // The secret that signs session cookies: kept, so that a restarted server still honours the officers' sessions
  // (CouchDB keeps its own in its configuration).
  const cookieSecret = stored?.cookieSecret ?? randomBytes(24).toString("hex");
  const url = `http://127.0.0.1:${port}`;
  const admin: CouchServer = {
    url,
    authorization: `Basic ${Buffer.from(`${ADMIN}:${password}`).toString("base64")}`,
  };
  let child: ChildProcess | undefined;

  const launch = async () => {
    const args = [BIN, "--port", String(port), "--host", "127.0.0.1", "--no-stdout-logs", "--no-color"];
    args.push("--config", join(workDir, "config.json"));
    if (dir) args.push("--dir", join(dir, "data"));
    else args.push("--in-memory");
    if (dir) mkdirSync(join(dir, "data"), { recursive: true });
    child = spawn(process.execPath, args, { cwd: workDir, stdio: ["ignore", "pipe", "pipe"] });
    // The server never outlives the process that started it (a test runner, npm start).
    const spawned = child;
    process.once("exit", () => spawned.kill("SIGKILL"));
    const log = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) options.onLog?.(line);
    };
    child.stdout?.on("data", log);
    child.stderr?.on("data", log);
    await waitUntilAnswering(url, child);
    // First start: no administrator yet (an "admin party"); create ours.
    const session = await fetch(`${url}/_session`).then((r) => r.json() as Promise<{ userCtx: { roles: string[] } }>);
    if (session.userCtx.roles.includes("_admin")) {
      const made = await fetch(`${url}/_config/admins/${ADMIN}`, { method: "PUT", body: JSON.stringify(password) });
      if (!made.ok) throw new Error(`pouchdb-server refused to create its administrator: ${await made.text()}`);
      writeFileSync(secretFile, JSON.stringify({ name: ADMIN, password, cookieSecret }), { mode: 0o600 });
    }
    for (const [key, value] of Object.entries(SESSION_CONFIG(cookieSecret))) {
      const set = await fetch(`${url}/_config/couch_httpd_auth/${key}`, {
        method: "PUT",
        headers: { Authorization: admin.authorization! },
        body: JSON.stringify(value),
      });
      if (!set.ok) throw new Error(`pouchdb-server refused its session settings: ${await set.text()}`);
    }
  };

  const exit = (signal: NodeJS.Signals) =>
    new Promise<void>((done) => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return done();
      running.once("exit", () => done());
      running.kill(signal);
    });

  await launch();
  return {
    url,
    port,
    admin,
    stop: async () => {
      await exit("SIGTERM");
      if (!dir) rmSync(workDir, { recursive: true, force: true });
    },
    kill: () => exit("SIGKILL"),
    restart: async () => {
      await exit("SIGTERM");
      await launch();
    },
  };
}

/** A free TCP port on loopback, found by binding port 0. */
export function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited with code ${child.exitCode} before answering.`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server did not answer at ${url} within 30 s.`);
}
