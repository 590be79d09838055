/**
 * The audit log: one row per child whose record was read or changed (or whose read was
 * refused), naming who, how and when. Ids only; never names or content.
 *
 * Tamper-evident: each row carries the hash of the row before it (`prevHash`) and its own
 * `hash`, sha256 over its fields and `prevHash`. Editing a row breaks its own hash;
 * deleting one breaks the next row's link. `npm run audit:verify` walks the chain.
 * Appends are serialised: the insert takes SQLite's write lock, and the previous hash is
 * read and the new rows sealed under it, in one transaction, so two writers never fork it.
 */
import { createHash } from "node:crypto";
import { recordedAt } from "../platform/clock.js";
import type { Db, Prisma } from "../platform/db.js";

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
): { sql: string; params: (number | string | null)[] }[] {
  const out: { sql: string; params: (number | string | null)[] }[] = [];
  for (let i = 0; i < sealed.length; i += SEAL_BATCH) {
    const batch = sealed.slice(i, i + SEAL_BATCH);
    out.push({
      sql: `UPDATE "AuditEvent" SET "prevHash" = v.column2, "hash" = v.column3
            FROM (VALUES ${batch.map(() => "(?, ?, ?)").join(", ")}) AS v WHERE "AuditEvent"."id" = v.column1`,
      params: batch.flat(),
    });
  }
  return out;
}

const PREVIOUS_HASH = `SELECT "hash" FROM "AuditEvent" WHERE "id" < ? ORDER BY "id" DESC LIMIT 1`;

/** The synchronous connection the importers write through (inside their IMMEDIATE transaction). */
type SyncSql = {
  all<T>(sql: string, params?: readonly (string | number | bigint | null)[]): T[];
  run(sql: string, params?: readonly (string | number | bigint | null)[]): number;
};

/**
 * Chains rows a raw writer has just inserted (ids `from`..`to`, inclusive) while holding
 * the write lock, e.g. an import inside `write()`. `at` is the instant they were given.
 */
export function sealInsertedSync(sql: SyncSql, inserted: readonly AuditFields[]): void {
  if (inserted.length === 0) return;
  const rows = [...inserted].sort((a, b) => a.id - b.id);
  const prev = sql.all<{ hash: string | null }>(PREVIOUS_HASH, [rows[0]?.id ?? 0])[0]?.hash ?? null;
  for (const { sql: text, params } of sealStatements(sealRows(rows, prev))) sql.run(text, params);
}

type AuditTx = Prisma.TransactionClient;

async function append(tx: AuditTx, data: Omit<AuditFields, "id">[]): Promise<void> {
  // The insert comes first: it takes the write lock (waiting its turn), so the previous
  // row read next is the chain's true last one, and nobody appends in between.
  const created = await tx.auditEvent.createManyAndReturn({
    data,
    select: {
      id: true,
      at: true,
      actorId: true,
      actorRole: true,
      action: true,
      childId: true,
      channel: true,
      outcome: true,
    },
  });
  created.sort((a, b) => a.id - b.id);
  const first = created[0];
  if (!first) return;
  const previous = await tx.auditEvent.findFirst({
    where: { id: { lt: first.id } },
    orderBy: { id: "desc" },
    select: { hash: true },
  });
  for (const { sql, params } of sealStatements(sealRows(created, previous?.hash ?? null))) {
    await tx.$executeRawUnsafe(sql, ...params);
  }
}

export type AuditLog = ReturnType<typeof createAuditLog>;

export function createAuditLog(db: Db) {
  return {
    /**
     * Records `action` by `actor` on each child; an empty list records nothing. Pass `tx`
     * to write the row in the same transaction as the change it records.
     */
    async record(
      actor: { id: number | null; role: string; channel: string },
      action: AuditAction,
      childIds: readonly (number | null)[],
      options: { outcome?: AuditOutcome; tx?: AuditTx } = {},
    ): Promise<void> {
      if (childIds.length === 0) return;
      // When it was recorded: the real instant, as every record's (clock.ts recordedAt).
      const at = recordedAt();
      const data = childIds.map((childId) => ({
        at,
        actorId: actor.id,
        actorRole: actor.role,
        action,
        childId,
        channel: actor.channel,
        outcome: options.outcome ?? "allowed",
      }));
      if (options.tx) await append(options.tx, data);
      else await db.$transaction((tx) => append(tx, data));
    },
  };
}

export type ChainBreak = { id: number; why: string };
export type ChainReport = { checked: number; unchained: number; broken: ChainBreak | null };

/**
 * Walks the chain in id order and names the first broken link. Rows from before the chain
 * (no hash, all before the first sealed row) are counted as `unchained`, not checked.
 * A deleted last row is caught by SQLite's AUTOINCREMENT counter running past the last id.
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
  const seq = await db.$queryRawUnsafe<{ seq: number | bigint }[]>(
    `SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'AuditEvent'`,
  );
  const last = Number(seq[0]?.seq ?? 0);
  if (last > after) {
    return {
      checked,
      unchained,
      broken: { id: last, why: `rows after ${after} up to ${last} were deleted (the end of the log)` },
    };
  }
  return { checked, unchained, broken: null };
}
