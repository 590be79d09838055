/**
 * The audit log's hash chain: each row carries the hash of the row before it (`prevHash`)
 * and its own `hash`, sha256 over its fields and `prevHash`. Editing a row breaks its own
 * hash; deleting one breaks the next row's link. `npm run audit:verify` walks the chain.
 *
 * The chain's head (table AuditHead, one row) holds the id and hash of its last row. Every
 * writer appends the same way, under the chain's lock and in one transaction: insert the
 * rows (their RETURNING reads the head's hash, which nobody else can move while the lock is
 * held), then seal them with one UPDATE and move the head to the last of them. Three
 * statements an append, whoever runs them (audit-writer.ts, audit-appender.ts, a change's
 * Prisma transaction, an import's connection). A new row links to the head's hash, not to
 * whatever row is last in the table: a deleted or truncated tail is found by audit:verify
 * (the head names a row that is gone), and stays found after later appends (the next row
 * links to the gone row). The lock is SQLite's write lock (the insert, or BEGIN IMMEDIATE,
 * takes it) or, where the dialect has one, a transaction-level lock taken first
 * (`chainLockSql`: PostgreSQL's advisory lock), held to COMMIT, across processes.
 *
 * The SQL is the same on both engines but for its placeholders, given by the `dialect`.
 */
import { createHash } from "node:crypto";
import type { Db } from "../platform/db.js";
import type { Dialect } from "../platform/sql/dialect/index.js";

/** What the chain's SQL needs of a dialect: its placeholders. */
export type Placeholders = Pick<Dialect, "placeholder">;

/** The chain's lock: the key of the dialect's transaction lock, where it has one (SQLite has one write lock). */
export const CHAIN_LOCK = 7369000001;

/** The first statement of an append, if the dialect needs one: waits for (and holds to COMMIT) the chain's own lock. */
export const chainLockSql = (dialect: Pick<Dialect, "transactionLock">): string | null =>
  dialect.transactionLock(CHAIN_LOCK);

/** `count` placeholders from the (0-based) `from`th, in `dialect`. */
function marks(dialect: Placeholders, count: number, from: number): string[] {
  return Array.from({ length: count }, (_, i) => dialect.placeholder(from + i));
}

/** The fields a row's hash covers, besides `prevHash`. */
export type AuditFields = {
  id: number;
  at: Date;
  actorId: number | null;
  actorRole: string;
  action: string;
  childId: number | null;
  channel: string;
  outcome: string;
};

/** A row to append: everything but the id the database gives it. */
export type AuditRow = Omit<AuditFields, "id">;

type SqlValue = string | number | null;

/** sha256 (hex) over a canonical JSON array of the row's fields, in a fixed order, and `prevHash`. */
export function auditHash(row: AuditFields, prevHash: string | null): string {
  const canonical = JSON.stringify([
    row.id,
    row.at.toISOString(),
    row.actorId,
    row.actorRole,
    row.action,
    row.childId,
    row.channel,
    row.outcome,
    prevHash,
  ]);
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

/** Seals `rows` (new, in id order) onto the chain after `prevHash`: each row's [id, prevHash, hash]. */
export function sealRows(rows: readonly AuditFields[], prevHash: string | null): [number, string | null, string][] {
  const sealed: [number, string | null, string][] = [];
  let prev = prevHash;
  for (const row of rows) {
    const hash = auditHash(row, prev);
    sealed.push([row.id, prev, hash]);
    prev = hash;
  }
  return sealed;
}

/** 3 values a row; well under SQLite's 32,766 bound values a statement. */
const SEAL_BATCH = 5_000;

/** One UPDATE … FROM (VALUES …) per batch: the seals of many rows in one statement. */
export function sealStatements(
  sealed: readonly [number, string | null, string][],
  dialect: Placeholders,
): { sql: string; params: SqlValue[] }[] {
  const out: { sql: string; params: SqlValue[] }[] = [];
  for (let i = 0; i < sealed.length; i += SEAL_BATCH) {
    const batch = sealed.slice(i, i + SEAL_BATCH);
    // The id typed, so PostgreSQL compares it with an integer column (its VALUES are text otherwise).
    const rows = batch.map((_, r) => {
      const [id, prev, hash] = marks(dialect, 3, r * 3);
      return `(CAST(${id} AS INTEGER), ${prev}, ${hash})`;
    });
    out.push({
      sql: `UPDATE "AuditEvent" SET "prevHash" = v.column2, "hash" = v.column3
            FROM (VALUES ${rows.join(", ")}) AS v WHERE "AuditEvent"."id" = v.column1`,
      params: batch.flat(),
    });
  }
  return out;
}

/** 7 values a row: one INSERT holds at most this many rows. */
export const INSERT_BATCH = 4_000;

const insertTexts = new Map<string, string>();
const placeholderKey = (dialect: Placeholders) => dialect.placeholder(1);

/** INSERT of `n` rows, RETURNING each new id and the head's hash (the same for each: the first new row's link). */
export function insertSql(n: number, dialect: Placeholders): string {
  const key = `${placeholderKey(dialect)}:${n}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    const rows = Array.from({ length: n }, (_, r) => `(${marks(dialect, 7, r * 7).join(", ")})`);
    text = `INSERT INTO "AuditEvent" ("at", "actorId", "actorRole", "action", "childId", "channel", "outcome")
      VALUES ${rows.join(", ")}
      RETURNING "id", (SELECT h."hash" FROM "AuditHead" h WHERE h."id" = 1) AS "prevHash"`;
    // Lists of many sizes would each add one; single rows and short lists are the usual.
    if (insertTexts.size >= 64) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}

/** The INSERT's values, `at` as SQLite's instant text (as Prisma writes it; PostgreSQL reads it as UTC). */
export const insertParams = (rows: readonly AuditRow[]): SqlValue[] =>
  rows.flatMap((r) => [
    r.at.toISOString().replace("Z", "+00:00"),
    r.actorId,
    r.actorRole,
    r.action,
    r.childId,
    r.channel,
    r.outcome,
  ]);

/** What the INSERT returned (ids may come back as bigint through Prisma). */
export type Inserted = { id: number | bigint; prevHash: string | null };

/** The head moved to row `id` with hash `hash` (made on the chain's first append). */
function headStatement([id, , hash]: [number, string | null, string], dialect: Placeholders) {
  const [lastId, last] = marks(dialect, 2, 0);
  return {
    sql: `INSERT INTO "AuditHead" ("id", "lastId", "hash") VALUES (1, ${lastId}, ${last})
          ON CONFLICT ("id") DO UPDATE SET "lastId" = excluded."lastId", "hash" = excluded."hash"`,
    params: [id, hash],
  };
}

/** The statements sealing `rows` (new, in id order) after `prevHash`, and moving the head to the last. */
function sealAndMoveHead(rows: readonly AuditFields[], prevHash: string | null, dialect: Placeholders) {
  const sealed = sealRows(rows, prevHash);
  const last = sealed.at(-1);
  return last ? [...sealStatements(sealed, dialect), headStatement(last, dialect)] : [];
}

/** The inserted rows, in id order, sealed after the head (the first row's `prevHash`), and the head moved. */
export function sealInsert(rows: readonly AuditRow[], returned: readonly Inserted[], dialect: Placeholders) {
  const ids = returned.map((r) => ({ id: Number(r.id), prevHash: r.prevHash })).sort((a, b) => a.id - b.id);
  // One statement's rows take ids in the order given (AUTOINCREMENT or a sequence, under the lock).
  const fields = ids.map(({ id }, i) => ({ ...(rows[i] as AuditRow), id }));
  return sealAndMoveHead(fields, ids[0]?.prevHash ?? null, dialect);
}

/** A synchronous connection (better-sqlite3) inside its write transaction. */
export type SyncSql = {
  all<T>(sql: string, params?: readonly (string | number | bigint | null)[]): T[];
  run(sql: string, params?: readonly (string | number | bigint | null)[]): number;
};

/**
 * Appends `rows` through a synchronous connection that holds the write lock (an IMMEDIATE
 * transaction), in its `dialect`'s placeholders.
 */
export function appendSync(sql: SyncSql, rows: readonly AuditRow[], dialect: Placeholders): void {
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    const returned = sql.all<Inserted>(insertSql(batch.length, dialect), insertParams(batch));
    for (const { sql: text, params } of sealInsert(batch, returned, dialect)) sql.run(text, params);
  }
}

const HEAD_HASH = `SELECT "hash" FROM "AuditHead" WHERE "id" = 1`;

/**
 * Chains rows a raw writer has just inserted (ids `from`..`to`, inclusive) while holding
 * the write lock, e.g. an import inside `write()`. `at` is the instant they were given.
 */
export function sealInsertedSync(sql: SyncSql, inserted: readonly AuditFields[], dialect: Placeholders): void {
  if (inserted.length === 0) return;
  const rows = [...inserted].sort((a, b) => a.id - b.id);
  const prev = sql.all<{ hash: string }>(HEAD_HASH)[0]?.hash ?? null;
  for (const { sql: text, params } of sealAndMoveHead(rows, prev, dialect)) sql.run(text, params);
}

export type ChainBreak = { id: number; why: string };
export type ChainReport = { checked: number; unchained: number; broken: ChainBreak | null };

/**
 * Walks the chain in id order and names the first broken link. Rows from before the chain
 * (no hash, all before the first sealed row) are counted as `unchained`, not checked.
 * Then the last row must be the one the head names, with its hash: a deleted last row (or
 * tail) leaves the head naming a row that is gone, on either engine.
 */
export async function verifyAuditChain(db: Db, batch = 5_000): Promise<ChainReport> {
  let checked = 0;
  let unchained = 0;
  let prev: { id: number; hash: string } | null = null;
  let after = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: batch });
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.id;
      if (row.hash === null && prev === null && row.prevHash === null) {
        unchained++;
        continue;
      }
      checked++;
      const expectedPrev = prev?.hash ?? null;
      if (row.prevHash !== expectedPrev) {
        const why =
          prev === null
            ? "it links to a row that is not there (a row before it was deleted)"
            : `its link does not match row ${prev.id}'s hash (a row between them was deleted, or row ${prev.id} was altered)`;
        return { checked, unchained, broken: { id: row.id, why } };
      }
      if (row.hash !== auditHash(row, row.prevHash)) {
        return {
          checked,
          unchained,
          broken: { id: row.id, why: "its fields do not match its hash (the row was altered)" },
        };
      }
      prev = { id: row.id, hash: row.hash };
    }
  }
  return { checked, unchained, broken: headBreak(prev, await db.auditHead.findUnique({ where: { id: 1 } })) };
}

/** What is wrong between the chain's last row, as walked, and its head, if anything. */
function headBreak(last: { id: number; hash: string } | null, head: { lastId: number; hash: string } | null) {
  if (head === null) {
    return last && { id: last.id, why: "the chain's head (its last row's id and hash) is missing" };
  }
  if (last === null || last.id < head.lastId) {
    const from = last ? `after ${last.id} ` : "";
    return { id: head.lastId, why: `rows ${from}up to ${head.lastId} were deleted (the end of the log)` };
  }
  if (last.id > head.lastId) {
    return { id: last.id, why: `it is after the chain's head (row ${head.lastId}): it was not appended by the log` };
  }
  if (last.hash !== head.hash) {
    return { id: last.id, why: "its hash is not the one the head holds (the row was altered)" };
  }
  return null;
}
