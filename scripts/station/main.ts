import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseServer } from "./couchRequest";
import { startEmbeddedServer } from "./embeddedServer";
import { readCatalogRoles } from "./readCatalogRoles";
import { putUser, type StationUser, setupStation } from "./setupStation";

const USAGE = `Usage:
  npm run station -- setup --url http://ADMIN:PASSWORD@HOST:5984 [--users users.json]
      Creates or updates Senda's databases, security objects, validate_doc_update design documents and sealing keys
      on any CouchDB 3.x server (or pouchdb-server), and the users in users.json:
      [{ "name": "ana", "password": "…", "roles": ["snm-officer"] }] (roles are the catalog's role ids).
  npm run station -- user --url http://ADMIN:PASSWORD@HOST:5984 --name NAME --password PASSWORD --role ROLE [--role …]
      Creates a user, or changes an existing user's password and roles.
  npm run station -- bench [--quick]
      The station at scale (50 devices, 2,000 arrivals a day for 30 days) on loopback: replication lag, a fresh
      device receiving 10,000 cases, server disk per case. Also a section of \`npm run bench\`.
  npm run station -- start [--dir .station] [--port 5173]
      What \`npm start\` runs: the embedded server (pouchdb-server, data in --dir) on loopback, set up, and the built
      app served by vite preview on --port, with /db proxied to the server so that both share one origin.`;

/** Runs the station command; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "setup") return await setup(rest);
    if (command === "user") return await user(rest);
    if (command === "start") return await start(rest);
    if (command === "bench") return await bench(rest);
    console.log(USAGE);
    return command === undefined || command === "--help" ? 0 : 2;
  } catch (error) {
    console.error(`station ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function setup(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { url: { type: "string" }, users: { type: "string" } } });
  if (!values.url) return usageError("setup needs --url with an administrator's name and password.");
  const users = values.users ? (JSON.parse(readFileSync(values.users, "utf8")) as StationUser[]) : [];
  const report = await setupStation(parseServer(values.url), readCatalogRoles(), users);
  console.log(`Set up ${report.databases.join(", ")}; users: ${report.users.join(", ") || "none"}.`);
  return 0;
}

async function user(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      role: { type: "string", multiple: true },
    },
  });
  if (!values.url || !values.name || !values.password || !values.role?.length)
    return usageError("user needs --url, --name, --password and at least one --role.");
  const known = new Set(readCatalogRoles().map((r) => r.id));
  const unknown = values.role.filter((r) => !known.has(r));
  if (unknown.length)
    return usageError(`unknown role ${unknown.join(", ")}; the catalog has ${[...known].join(", ")}.`);
  await putUser(parseServer(values.url), { name: values.name, password: values.password, roles: values.role });
  console.log(`User ${values.name} has roles ${values.role.join(", ")}.`);
  return 0;
}

async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { dir: { type: "string", default: ".station" }, port: { type: "string", default: "5173" } },
  });
  const dir = resolve(values.dir ?? ".station");
  mkdirSync(dir, { recursive: true });
  const server = await startEmbeddedServer({ dir });
  const roles = readCatalogRoles();
  // The first start makes one account per role, with random passwords written to the data folder (never committed).
  const usersFile = join(dir, "users.json");
  const firstStart = !existsSync(usersFile);
  const users: StationUser[] = firstStart
    ? roles.map((role) => ({ name: `${role.id}-1`, password: randomBytes(6).toString("base64url"), roles: [role.id] }))
    : (JSON.parse(readFileSync(usersFile, "utf8")) as StationUser[]);
  await setupStation(server.admin, roles, firstStart ? users : []);
  if (firstStart) writeFileSync(usersFile, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  const { preview } = await import("vite");
  const port = Number(values.port);
  const app = await preview({
    configFile: false,
    logLevel: "warn",
    build: { outDir: resolve("dist") },
    preview: {
      host: "127.0.0.1",
      port,
      strictPort: true,
      proxy: { "/db": { target: server.url, rewrite: (path: string) => path.replace(/^\/db/, "") || "/" } },
    },
  });
  console.log(`Senda station: http://127.0.0.1:${port}  (database ${server.url}, data in ${dir})`);
  console.log(`Accounts (in ${usersFile}):`);
  for (const u of users) console.log(`  ${u.name.padEnd(32)} ${u.password}   ${u.roles.join(", ")}`);
  const stop = async () => {
    await app.close();
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await new Promise(() => undefined);
  return 0;
}

async function bench(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { quick: { type: "boolean" }, json: { type: "boolean" } } });
  const { benchStation, STATION_BENCH_DEFAULTS, STATION_BENCH_QUICK, formatStationTables } = await import(
    "../bench/station/benchStation"
  );
  const options = values.quick ? STATION_BENCH_QUICK : STATION_BENCH_DEFAULTS;
  const { result, tables } = await benchStation({ ...options, log: (line) => console.error(line) });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatStationTables(tables));
  return 0;
}

function usageError(message: string): number {
  console.error(`station: ${message}\n\n${USAGE}`);
  return 2;
}
