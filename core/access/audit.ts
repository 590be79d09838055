/**
 * The audit log: one row per child whose record was read or changed (or whose read was
 * refused), naming who, how and when. Ids only; never names or content.
 *
 * Tamper-evident: each row is chained to the one before it (audit-chain.ts). A change's
 * row is written in the change's own transaction (`tx`), so the change and its audit
 * commit or roll back together; a read's row is appended outside it, through the SQL
 * layer: on SQLite on its one connection, synchronously (audit-writer.ts); on PostgreSQL
 * through its pool (audit-appender.ts); either way appends made at once in one transaction.
 */
import { recordedAt } from "../platform/clock.js";
import type { Db, Prisma } from "../platform/db.js";
import type { Dialect } from "../platform/sql/dialect/index.js";
import { sqlOf } from "../platform/sql/index.js";
import { openAuditAppender } from "./audit-appender.js";
import {
  type AuditRow,
  chainLockSql,
  INSERT_BATCH,
  type Inserted,
  insertParams,
  insertSql,
  sealInsert,
} from "./audit-chain.js";
import { type AuditWriter, type AuditWriterOptions, openAuditWriter } from "./audit-writer.js";

export {
  type AuditFields,
  auditHash,
  type ChainBreak,
  type ChainReport,
  sealInsertedSync,
  sealRows,
  verifyAuditChain,
} from "./audit-chain.js";

export type AuditAction =
  | "read_child"
  | "read_status"
  | "read_actions"
  | "read_brief"
  | "read_attendance"
  | "read_peps"
  | "read_caseload"
  | "read_alerts"
  | "read_audit"
  /** A request the API refused (403, or 404 on a child out of scope): outcome `refused`. */
  | "access"
  | "answer_alert"
  | "import"
  | "search"
  | "log_action"
  | "create_child"
  | "read_pep"
  | "record_pep"
  | "quality_assure_pep"
  | "record_review"
  | "record_exclusion"
  | "record_part_time"
  | "record_enrolment"
  | "record_sen";

/** `allowed`: the read or change happened. `refused`: it was asked for and refused (403, out of scope). */
export type AuditOutcome = "allowed" | "refused";

type AuditTx = Prisma.TransactionClient;

/**
 * The same two statements as every append (audit-chain.ts), through a change's own
 * transaction, after the chain's lock where the dialect has one (SQLite's insert takes its
 * write lock).
 */
async function appendIn(tx: AuditTx, rows: readonly AuditRow[], dialect: Dialect): Promise<void> {
  const lock = chainLockSql(dialect);
  if (lock) await tx.$executeRawUnsafe(lock);
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    const returned = await tx.$queryRawUnsafe<Inserted[]>(insertSql(batch.length, dialect), ...insertParams(batch));
    for (const { sql, params } of sealInsert(batch, returned, dialect)) await tx.$executeRawUnsafe(sql, ...params);
  }
}

export type AuditActor = { id: number | null; role: string; channel: string };

export type AuditLogOptions = AuditWriterOptions;

export type AuditLog = {
  /**
   * Records `action` by `actor` on each child; an empty list records nothing. A change
   * passes its transaction (`tx`): the row is then written, and rolled back, with it.
   */
  record(
    actor: AuditActor,
    action: AuditAction,
    childIds: readonly (number | null)[],
    options?: { outcome?: AuditOutcome; tx?: AuditTx },
  ): Promise<void>;
  /**
   * Records several reads of one request in one append, in the order given (the bot's status
   * card is the record's read and then the status's): one transaction instead of one each.
   */
  recordEach(
    actor: AuditActor,
    reads: readonly (readonly [AuditAction, readonly (number | null)[]])[],
    options?: { outcome?: AuditOutcome; tx?: AuditTx },
  ): Promise<void>;
};

/** One row per child of each read, all at the same instant (clock.ts recordedAt: the real one, as every record's). */
function rowsOf(
  actor: AuditActor,
  reads: readonly (readonly [AuditAction, readonly (number | null)[]])[],
  outcome: AuditOutcome,
): AuditRow[] {
  const at = recordedAt();
  return reads.flatMap(([action, childIds]) =>
    childIds.map((childId) => ({
      at,
      actorId: actor.id,
      actorRole: actor.role,
      action,
      childId,
      channel: actor.channel,
      outcome,
    })),
  );
}

export function createAuditLog(db: Db, options: AuditLogOptions = {}): AuditLog {
  const engine = sqlOf(db);
  const { dialect } = engine;
  // SQLite: the SQL layer's one connection, synchronously. PostgreSQL: the SQL layer's pool
  // (its waits are asynchronous already), appends grouped under the chain's advisory lock.
  const writer: AuditWriter = dialect.ownSyncConnection ? openAuditWriter(engine, options) : openAuditAppender(engine);
  const append = async (rows: AuditRow[], tx: AuditTx | undefined) => {
    if (rows.length === 0) return;
    if (tx) await appendIn(tx, rows, dialect);
    else await writer.append(rows);
  };
  return {
    async record(actor, action, childIds, { outcome = "allowed", tx } = {}) {
      await append(rowsOf(actor, [[action, childIds]], outcome), tx);
    },
    async recordEach(actor, reads, { outcome = "allowed", tx } = {}) {
      await append(rowsOf(actor, reads, outcome), tx);
    },
  };
}
