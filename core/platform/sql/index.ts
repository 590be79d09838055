/**
 * The SQL layer beside Prisma. Prisma keeps the schema, the migrations and ordinary reads
 * and writes; the hot paths (status facts, the scan's aggregate, the outbox, the stats)
 * are Kysely queries on the engine attached to the Prisma client they were given, with
 * statements prepared once and reused (see dialect/). Nothing here knows which engine it
 * is on; the dialect does.
 */
import type { Db } from "../db.js";
import { type Engine, type EngineOptions, openEngine } from "./dialect/index.js";

export type { Column, Engine, Statement } from "./dialect/index.js";

const engines = new WeakMap<object, Engine>();

/**
 * Opens the SQL layer's engine for `url` and ties it to `db`: `sqlOf(db)` finds it, and
 * `db.$disconnect()` closes it too.
 */
export async function attachSql(db: Db, url: string, options: EngineOptions): Promise<Engine> {
  const engine = await openEngine(url, options);
  engines.set(db, engine);
  const disconnect = db.$disconnect.bind(db);
  Object.assign(db, {
    $disconnect: async () => {
      engines.delete(db);
      await engine.close();
      await disconnect();
    },
  });
  return engine;
}

/** The engine attached to `db`, if any (`createDb` attaches one to every client it makes). */
export const attachedSql = (db: Db): Engine | undefined => engines.get(db);

/** The SQL layer's engine for a client made by `createDb` (not a transaction's client). */
export function sqlOf(db: Db): Engine {
  const engine = attachedSql(db);
  if (!engine) throw new Error("No SQL engine is attached to this database client (make it with createDb).");
  return engine;
}
