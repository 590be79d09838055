/**
 * Appends outside a change's transaction (every audited read) through the SQL layer
 * (core/platform/sql/), where the engine has no synchronous connection of the audit's own
 * (audit-writer.ts is SQLite's): one transaction on one pooled connection, the chain's lock
 * its first statement, then the same statements as every append (audit-chain.ts), then
 * COMMIT, in two round trips (Engine.exclusivelyInTwo).
 *
 * Group commit (audit-group.ts): the appends that arrive together, or while one transaction
 * is on its way, go together in the next one. Under load a
 * process so waits for the chain's lock with one connection, not with every connection of
 * its pool (which starved the other queries of connections: DatabaseBusy after the pool
 * wait).
 */
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

/**
 * The same statements as every append, in the engine's placeholders, under the chain's
 * lock: every batch's INSERT first (each RETURNING the head's hash, which nothing has moved
 * yet: the first new row's link), then the seals and the head from what they returned.
 * On PostgreSQL that is two round trips, BEGIN and the lock going with the INSERTs and
 * COMMIT with the seals (Engine.exclusivelyInTwo).
 */
function append(engine: Engine, rows: readonly AuditRow[]): Promise<void> {
  const inserts = [];
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    inserts.push({ sql: insertSql(batch.length, engine.dialect), params: insertParams(batch) });
  }
  // One sequence under the lock: the batches' ids rise in the order the rows were given.
  return engine.exclusivelyInTwo<Inserted>(CHAIN_LOCK, inserts, (returned) =>
    sealInsert(rows, returned, engine.dialect),
  );
}

export function openAuditAppender(engine: Engine): AuditWriter {
  return {
    // The connections are the SQL layer's, closed with its client.
    append: groupCommits((rows) => append(engine, rows)),
  };
}
