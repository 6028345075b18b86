import { benchStation, STATION_BENCH_DEFAULTS, STATION_BENCH_QUICK } from "./benchStation";

/**
 * The station's section of `npm run bench`, shaped as the harness's `BenchSection` (id, title, order, method, run):
 * registered with one line, `registerBenchSection(stationSection)`, in the harness's section list.
 */
export const stationSection = {
  id: "station",
  title: "Station: replication at scale",
  order: 70,
  method:
    "The embedded server (pouchdb-server, LevelDB on disk) on loopback, set up as for a real CouchDB (the rules " +
    "check every document). 50 devices' officers write 2,000 arrivals a day for 30 days, ten event documents per " +
    "case as the store writes them, through `_bulk_docs`; then a fresh device (PouchDB over fake-indexeddb) " +
    "replicates 10,000 cases and its store derives their summaries; then devices write 20 events a second for 20 s " +
    "while a device follows the server with PouchDB's live replication, and the lag from each write to its arrival " +
    "is recorded. Quick mode: three days, 2,000 cases to the fresh device.",
  async run(context: { quick: boolean; log(line: string): void }) {
    const options = context.quick ? STATION_BENCH_QUICK : STATION_BENCH_DEFAULTS;
    const { result, tables } = await benchStation({ ...options, log: context.log });
    return { tables, data: result };
  },
};
