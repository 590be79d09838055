/**
 * Appends outside a change's transaction (every audited read) through the SQL layer
 * (core/platform/sql/), where the engine has no synchronous connection of the audit's own
 * (audit-writer.ts is SQLite's): one transaction on one pooled connection, the chain's lock
 * its first statement (Engine.exclusively), then the same statements as every append
 * (audit-chain.ts), then COMMIT.
 *
 * Group commit (audit-group.ts): the appends that arrive together, or while one transaction
 * is on its way, go together in the next one. Under load a
 * process so waits for the chain's lock with one connection, not with every connection of
 * its pool (which starved the other queries of connections: DatabaseBusy after the pool
 * wait).
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
import { groupCommits } from "./audit-group.js";
import type { AuditWriter } from "./audit-writer.js";

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
  return {
    append: groupCommits((rows) => engine.exclusively(CHAIN_LOCK, (trx) => appendOn(trx, rows, engine))),
    // The connections are the SQL layer's, closed with its client.
    close: () => undefined,
  };
}
