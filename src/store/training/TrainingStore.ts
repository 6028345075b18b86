import type PouchDB from "pouchdb-browser";
import type { PouchDoc } from "pouchdb-browser";
import type { Text } from "../../engine/index";
import { requireStrictDurability } from "../requireStrictDurability";
import { TRAINING_DATABASE } from "../sync/stationDatabases";
import { toStoreError } from "../toStoreError";

const PREFIX = "result:";

/** One trainee's scored practice of one scenario (or analysis path), as kept on the device and replicated. */
export interface TrainingResult {
  /** Set by the store: `result:` and the time, then a random part, so results sort by time and never collide. */
  _id?: string;
  kind: "training-result";
  at: string;
  /** The class or session the practice belongs to, as the trainer named it. */
  session: string;
  trainee: string;
  /** The signed-in user on a station (the station's rules require it to be the author); absent on a standalone device. */
  by?: string;
  sop: string;
  sopVersion: string;
  scenario: string;
  scenarioTitle: Text;
  /** Practised on a persona generated from an analysis path rather than a written scenario. */
  unscripted: boolean;
  percent: number;
  earned: number;
  possible: number;
  /** Each miss in words, in every interface language (so that the CSV reads the same whoever exports it). */
  misses: { kind: string; subject: string; text: Text }[];
}

/**
 * Trainees' results on this device: immutable documents in `senda-training`, the database a station replicates
 * both ways (docs/station.md), so that a trainer's device receives every trainee's results.
 */
export class TrainingStore {
  private constructor(private readonly db: PouchDB) {}

  /** Opens (or creates) the results database. Needs IndexedDB (in Node tests: `fake-indexeddb/auto`). */
  static async open(name: string = TRAINING_DATABASE): Promise<TrainingStore> {
    requireStrictDurability(name);
    try {
      const Pouch = (await import("pouchdb-browser")).default;
      const db = new Pouch(name);
      await db.info();
      return new TrainingStore(db);
    } catch (error) {
      throw toStoreError(error, name, "opening the training results");
    }
  }

  /** Keeps a result; returns it with its id. Results are never changed afterwards. */
  async add(result: Omit<TrainingResult, "_id">, random: () => number = Math.random): Promise<TrainingResult> {
    const _id = `${PREFIX}${result.at}:${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, "0")}`;
    const doc = { ...result, _id };
    let written: Awaited<ReturnType<PouchDB["bulkDocs"]>>;
    try {
      written = await this.db.bulkDocs([doc as unknown as PouchDoc]);
    } catch (error) {
      throw toStoreError(error, "senda-training", "saving a training result");
    }
    const refused = written.find((r) => r.error);
    if (refused?.error) throw toStoreError(refused, "senda-training", "saving a training result");
    return doc;
  }

  /** Every result on the device (its own and those replicated from others), oldest first. */
  async list(): Promise<TrainingResult[]> {
    try {
      const page = await this.db.allDocs({ include_docs: true, startkey: PREFIX, endkey: `${PREFIX}\uffff` });
      return page.rows.flatMap((row) => {
        const doc = row.doc as unknown as TrainingResult | undefined;
        return doc?.kind === "training-result" ? [doc] : [];
      });
    } catch (error) {
      throw toStoreError(error, "senda-training", "reading the training results");
    }
  }
}
