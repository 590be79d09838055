/**
 * Appends outside a change's transaction (every audited read) through the SQL layer
 * (core/platform/sql/), where the engine has no synchronous connection of the audit's own
 * (audit-writer.ts is SQLite's): one transaction on one pooled connection, the chain's lock
 * its first statement (Engine.exclusively), then the same statements as every append
 * (audit-chain.ts), then COMMIT.
 *
 * Group commit: while one transaction is on its way, the appends that arrive in this
 * process wait for it and then go together in the next one, in arrival order. Under load a
 * process so holds the chain's lock once for many reads, not once for each, and waits
 * for it with one connection, not with every connection of its pool (which starved the
 * other queries of connections: DatabaseBusy after the pool wait). If a transaction fails,
 * every append in it fails with its error (DatabaseBusy past the busy wait) and none of
 * its rows is written.
 */
import { CompiledQuery, type Kysely } from "kysely";
import type { DB } from "../platform/generated/kysely/types.js";
import type { Engine } from "../platform/sql/index.js";
import {
  type AuditRow,
  CHAIN_LOCK,
  INSERT_BATCH,
  type Inserted,
  insertParams,
  insertSql,
  sealInsert,
} from "./audit-chain.js";
import type { AuditWriter } from "./audit-writer.js";

type Waiting = { rows: readonly AuditRow[]; done: () => void; failed: (err: unknown) => void };

/** The same statements as every append, in the engine's placeholders, on `trx` (which holds the lock). */
async function appendOn(trx: Kysely<DB>, rows: readonly AuditRow[], engine: Engine): Promise<void> {
  const run = <R>(sql: string, params: readonly unknown[]) => trx.executeQuery<R>(CompiledQuery.raw(sql, [...params]));
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    const returned = await run<Inserted>(insertSql(batch.length, engine.dialect), insertParams(batch));
    for (const { sql, params } of sealInsert(batch, returned.rows, engine.dialect)) await run(sql, params);
  }
}

export function openAuditAppender(engine: Engine): AuditWriter {
  let waiting: Waiting[] = [];
  let flushing = false;

  const flush = async () => {
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        await engine.exclusively(CHAIN_LOCK, (trx) =>
          appendOn(
            trx,
            group.flatMap((w) => w.rows),
            engine,
          ),
        );
        for (const w of group) w.done();
      } catch (err) {
        for (const w of group) w.failed(err);
      }
    }
    flushing = false;
  };

  return {
    append(rows) {
      if (rows.length === 0) return Promise.resolve();
      return new Promise<void>((done, failed) => {
        waiting.push({ rows, done, failed });
        if (flushing) return;
        flushing = true;
        // After this turn's other appends (say, a Promise.all of reads), so they go together.
        queueMicrotask(() => void flush());
      });
    },
    // The connections are the SQL layer's, closed with its client.
    close: () => undefined,
  };
}
