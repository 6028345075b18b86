// The devices run PouchDB's browser build on IndexedDB: in Node, fake-indexeddb's, installed globally by this import.
import "fake-indexeddb/auto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaseEvent } from "../../../src/engine/index";
import type { CaseSummary } from "../../../src/store/index";
import { type CouchServer, couchExpect } from "../../station/couchRequest";
import { startEmbeddedServer } from "../../station/embeddedServer";
import { readCatalogRoles } from "../../station/readCatalogRoles";
import { setupStation } from "../../station/setupStation";

/** How big a station to simulate. */
export interface StationBenchOptions {
  devices: number;
  arrivalsPerDay: number;
  days: number;
  /** Cases a fresh device receives. */
  freshCases: number;
  /** Events per second the devices write together while replication lag is measured, and for how long. */
  lagRate: number;
  lagSeconds: number;
  log(line: string): void;
}

/** The issue's station: 50 devices, 2,000 arrivals a day for 30 days; a fresh device receives 10,000 cases. */
export const STATION_BENCH_DEFAULTS: Omit<StationBenchOptions, "log"> = {
  devices: 50,
  arrivalsPerDay: 2000,
  days: 30,
  freshCases: 10_000,
  lagRate: 20,
  lagSeconds: 20,
};

/** A shorter run (3 days, 2,000 cases to a fresh device) for a quick look. */
export const STATION_BENCH_QUICK: Omit<StationBenchOptions, "log"> = {
  ...STATION_BENCH_DEFAULTS,
  days: 3,
  freshCases: 2000,
  lagSeconds: 10,
};

/** The tables as Markdown. */
export function formatStationTables(tables: readonly StationBenchTable[]): string {
  return tables
    .map((t) =>
      [
        `${t.caption}`,
        "",
        `| ${t.head.join(" | ")} |`,
        `|${t.head.map(() => "---").join("|")}|`,
        ...t.rows.map((r) => `| ${r.join(" | ")} |`),
      ].join("\n"),
    )
    .join("\n\n");
}

/** The figures, as numbers. */
export interface StationBenchResult {
  cases: number;
  events: number;
  loadSeconds: number;
  docsPerSecond: number;
  diskBytes: number;
  diskPerCaseBytes: number;
  freshCases: number;
  freshSeconds: number;
  /** Then deriving every received case's summary in the device's store. */
  freshDeriveSeconds: number;
  lagSamples: number;
  lagP50Ms: number;
  lagP95Ms: number;
  lagMaxMs: number;
}

/** A table for the report: a caption, a head and rows of text. */
export interface StationBenchTable {
  caption: string;
  head: string[];
  rows: string[][];
}

// A screening interview's events, as the officers' client records them: opening, then answers and acknowledgements.
const STEPS = [
  ["introduce", undefined],
  ["ask-age", 16],
  ["ask-nationality", "VE"],
  ["ask-travelling-with", "alone"],
  ["ask-family-separated", true],
  ["observe-signs", ["tired", "injured-feet"]],
  ["ask-wellbeing", "distressed"],
  ["consent-health", true],
  ["ask-health-need", "medication"],
] as const;
const EVENTS_PER_CASE = STEPS.length + 1;

function pad(stamp: number, device: string): string {
  return `${String(stamp).padStart(15, "0")}-${device}`;
}

function deviceCode(i: number): string {
  const letters = "ABCDEFGHJKMNPQRSTUVWXYZ";
  return `${letters[Math.floor(i / 23 / 23) % 23]}${letters[Math.floor(i / 23) % 23]}${letters[i % 23]}`;
}

/** The event documents of one case, as the store writes them (public events; a digest on the last). */
function caseDocs(device: string, by: string, caseId: string, start: number): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  const seen: Record<string, string> = {};
  for (let i = 0; i < EVENTS_PER_CASE; i++) {
    const at = new Date(start + i * 45_000).toISOString();
    const key = pad(start + i * 45_000, device);
    const event: CaseEvent =
      i === 0
        ? {
            type: "CASE_OPENED",
            at,
            by,
            caseId,
            site: "lajas-blancas",
            sop: { id: "screening", version: "1.0.0", hash: "6f1c2d3e4a5b6c7d" },
          }
        : STEPS[i - 1][1] === undefined
          ? { type: "ACKNOWLEDGED", at, by, step: STEPS[i - 1][0] }
          : Array.isArray(STEPS[i - 1][1])
            ? { type: "CHECKED", at, by, step: STEPS[i - 1][0], items: [...(STEPS[i - 1][1] as unknown as string[])] }
            : ({ type: "ANSWERED", at, by, step: STEPS[i - 1][0], value: STEPS[i - 1][1] } as CaseEvent);
    const doc: Record<string, unknown> = {
      _id: `case/${encodeURIComponent(caseId)}/event/${key}`,
      kind: "event",
      caseId,
      key,
      by,
      at,
      level: "public",
      seen: { ...seen },
      event,
    };
    if (i === EVENTS_PER_CASE - 1) {
      const digest: CaseSummary = {
        caseId,
        sop: { id: "screening", version: "1.0.0", hash: "6f1c2d3e4a5b6c7d" },
        site: "lajas-blancas",
        openedAt: new Date(start).toISOString(),
        updatedAt: at,
        status: "active",
        current: [{ path: "refer-health", title: { es: "Derivar a salud", en: "Refer to health" } }],
        flags: ["uasc"],
        priority: 1,
        referrals: [],
        eventCount: EVENTS_PER_CASE,
      };
      doc.digest = digest;
    }
    seen[device] = key;
    docs.push(doc);
  }
  return docs;
}

function asUser(server: CouchServer, name: string): CouchServer {
  return { url: server.url, authorization: `Basic ${Buffer.from(`${name}:bench-${name}`).toString("base64")}` };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * A station at scale on loopback, against the embedded server (pouchdb-server, LevelDB on disk):
 * 1. `days` of `arrivalsPerDay` cases, written by `devices` officers' devices as the store writes them (ten event
 *    documents each), through CouchDB's `_bulk_docs` as each officer (the server's rules checking every document);
 * 2. the server's disk per case;
 * 3. a fresh device (PouchDB over IndexedDB, fake-indexeddb in Node) receiving `freshCases` cases by replication;
 * 4. replication lag: devices write `lagRate` events a second for `lagSeconds`, and a device following the
 *    server with PouchDB's live replication records when each arrives.
 * Every loop is bounded by the counts given; nothing leaves 127.0.0.1.
 */
export async function benchStation(options: StationBenchOptions): Promise<{
  result: StationBenchResult;
  tables: StationBenchTable[];
}> {
  const dir = mkdtempSync(join(tmpdir(), "senda-bench-station-"));
  const server = await startEmbeddedServer({ dir });
  try {
    const officers = Array.from({ length: options.devices }, (_, i) => ({
      name: `officer-${i + 1}`,
      password: `bench-officer-${i + 1}`,
      roles: ["snm-officer"],
      device: deviceCode(i),
    }));
    await setupStation(server.admin, readCatalogRoles(), officers);
    const { log } = options;

    // 1. Load: each day's arrivals, spread over the devices, written in batches as devices push them.
    const totalCases = options.arrivalsPerDay * options.days;
    const day0 = Date.parse("2026-01-05T06:00:00Z");
    const counters = new Array(options.devices).fill(0);
    let events = 0;
    let freshSeq: string | number | undefined;
    const loadStart = performance.now();
    for (let day = 0; day < options.days; day++) {
      const perDevice: Record<string, unknown>[][] = officers.map(() => []);
      for (let n = 0; n < options.arrivalsPerDay; n++) {
        const d = (n * 7 + day) % options.devices;
        const officer = officers[d];
        counters[d]++;
        const caseId = `${officer.device}-${String(counters[d]).padStart(4, "0")}`;
        const start = day0 + day * 86_400_000 + Math.floor((n / options.arrivalsPerDay) * 14 * 3_600_000);
        perDevice[d].push(...caseDocs(officer.device, officer.name, caseId, start));
      }
      await Promise.all(
        officers.map(async (officer, d) => {
          const docs = perDevice[d];
          for (let i = 0; i < docs.length; i += 500) {
            const answer = await couchExpect(
              asUser(server.admin, officer.name),
              "POST",
              "/senda-cases/_bulk_docs",
              [201],
              {
                docs: docs.slice(i, i + 500),
              },
            );
            void answer;
          }
          events += docs.length;
        }),
      );
      const casesSoFar = (day + 1) * options.arrivalsPerDay;
      if (freshSeq === undefined && casesSoFar >= options.freshCases) {
        const info = await couchExpect(server.admin, "GET", "/senda-cases", [200]);
        freshSeq = info.body.update_seq as string | number;
      }
      log(`  day ${day + 1}/${options.days}: ${casesSoFar} cases, ${events} events`);
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const diskBytes = Number(execFileSync("du", ["-sb", join(dir, "data")], { encoding: "utf8" }).split("\t")[0]);

    // 3. A fresh device receives the first `freshCases` cases (the server as it stood then: a checkpointed copy).
    const fresh = await timeFreshDevice(server.url, officers[0], options.freshCases, log);

    // 4. Lag under a steady stream of writes.
    const lags = await measureLag(server.url, server.admin, officers, options, log);
    const sorted = [...lags].sort((a, b) => a - b);
    const result: StationBenchResult = {
      cases: totalCases,
      events,
      loadSeconds,
      docsPerSecond: events / loadSeconds,
      diskBytes,
      diskPerCaseBytes: diskBytes / totalCases,
      freshCases: options.freshCases,
      freshSeconds: fresh.seconds,
      freshDeriveSeconds: fresh.deriveSeconds,
      lagSamples: lags.length,
      lagP50Ms: percentile(sorted, 50),
      lagP95Ms: percentile(sorted, 95),
      lagMaxMs: sorted[sorted.length - 1] ?? Number.NaN,
    };
    void freshSeq;
    return { result, tables: tablesOf(result, options) };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** PouchDB's browser build over fake-indexeddb, as the store's tests run it (Node has no IndexedDB). */
async function loadPouch() {
  const g = globalThis as { self?: unknown; navigator?: unknown };
  g.self ??= globalThis;
  g.navigator ??= { userAgent: "node" };
  return (await import("pouchdb-browser")).default;
}

async function timeFreshDevice(
  url: string,
  officer: { name: string; password: string },
  cases: number,
  log: (line: string) => void,
): Promise<{ seconds: number; deriveSeconds: number; listed: number }> {
  const PouchDB = await loadPouch();
  const remote = new PouchDB(`${url}/senda-cases`, {
    skip_setup: true,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set("Authorization", `Basic ${Buffer.from(`${officer.name}:${officer.password}`).toString("base64")}`);
      return fetch(input, { ...init, headers });
    },
  } as never);
  const local = new PouchDB(`bench-fresh-${process.pid}-${Date.now()}`);
  const wanted = cases * EVENTS_PER_CASE;
  const start = performance.now();
  let received = 0;
  await new Promise<void>((resolve, reject) => {
    const replication = local.replicate.from(remote, { live: true, batch_size: 500, batches_limit: 4 });
    replication
      .on("change", (info) => {
        received = info.docs_written ?? received;
        if (received >= wanted) {
          replication.cancel();
          resolve();
        }
      })
      .on("error", reject)
      .on("complete", () => resolve());
  });
  const seconds = (performance.now() - start) / 1000;
  log(`  fresh device: ${received} documents in ${seconds.toFixed(1)} s`);
  // Then the device's store derives a summary for every case received (here the public digests: no SOP replays).
  await local.close();
  const { CaseStore } = await import("../../../src/store/index");
  const deriveStart = performance.now();
  const store = await CaseStore.open({ name: local.name, device: "BENCH" });
  await store.settled();
  const deriveSeconds = (performance.now() - deriveStart) / 1000;
  log(`  fresh device: ${store.size} summaries derived in ${deriveSeconds.toFixed(1)} s`);
  await store.deleteAll();
  await store.close();
  return { seconds, deriveSeconds, listed: store.size };
}

async function measureLag(
  url: string,
  admin: CouchServer,
  officers: { name: string; password: string; device: string }[],
  options: StationBenchOptions,
  log: (line: string) => void,
): Promise<number[]> {
  const PouchDB = await loadPouch();
  const observer = officers[officers.length - 1];
  const remote = new PouchDB(`${url}/senda-cases`, {
    skip_setup: true,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set("Authorization", `Basic ${Buffer.from(`${observer.name}:${observer.password}`).toString("base64")}`);
      return fetch(input, { ...init, headers });
    },
  } as never);
  const local = new PouchDB(`bench-observer-${process.pid}-${Date.now()}`);
  const info = await couchExpect(admin, "GET", "/senda-cases", [200]);
  const written = new Map<string, number>();
  const lags: number[] = [];
  const replication = local.replicate.from(remote, { live: true, since: info.body.update_seq as string } as never);
  replication.on("change", (change) => {
    const t = performance.now();
    for (const doc of (change as { docs?: { _id: string }[] }).docs ?? []) {
      const at = written.get(doc._id);
      if (at !== undefined) lags.push(t - at);
    }
  });
  const total = options.lagRate * options.lagSeconds;
  const interval = 1000 / options.lagRate;
  const start = performance.now();
  const counters = new Array(officers.length).fill(10_000);
  for (let n = 0; n < total; n++) {
    const wait = start + n * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const d = n % (officers.length - 1);
    const officer = officers[d];
    counters[d]++;
    const [doc] = caseDocs(officer.device, officer.name, `${officer.device}-${counters[d]}`, Date.now());
    written.set(doc._id as string, performance.now());
    void couchExpect(
      asUser(admin, officer.name),
      "PUT",
      `/senda-cases/${encodeURIComponent(doc._id as string)}`,
      [201],
      doc,
    );
  }
  const deadline = performance.now() + 30_000;
  while (lags.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  replication.cancel();
  await local.destroy();
  log(`  lag: ${lags.length} of ${total} events seen by the observing device`);
  return lags;
}

function tablesOf(r: StationBenchResult, o: StationBenchOptions): StationBenchTable[] {
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  return [
    {
      caption: `A station of ${o.devices} devices, ${o.arrivalsPerDay.toLocaleString("en")} arrivals a day for ${o.days} days (embedded server, LevelDB, loopback)`,
      head: ["figure", "value"],
      rows: [
        ["cases / event documents on the server", `${r.cases.toLocaleString("en")} / ${r.events.toLocaleString("en")}`],
        [
          "load through _bulk_docs, server rules on",
          `${r.loadSeconds.toFixed(1)} s (${r.docsPerSecond.toFixed(0)} documents/s)`,
        ],
        ["server disk", `${mb(r.diskBytes)} (${(r.diskPerCaseBytes / 1024).toFixed(2)} KB per case)`],
        [
          `fresh device receives ${r.freshCases.toLocaleString("en")} cases (replication)`,
          `${r.freshSeconds.toFixed(1)} s`,
        ],
        ["… then derives their summaries (listed in the queue)", `${r.freshDeriveSeconds.toFixed(1)} s`],
        [
          `replication lag at ${o.lagRate} events/s (${r.lagSamples} events)`,
          `p50 ${r.lagP50Ms.toFixed(0)} ms, p95 ${r.lagP95Ms.toFixed(0)} ms, max ${r.lagMaxMs.toFixed(0)} ms`,
        ],
      ],
    },
  ];
}
