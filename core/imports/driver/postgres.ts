/**
 * The importers' driver on PostgreSQL: one `pg` connection of the import's own (imports
 * run one at a time), so a write's statements share its transaction. The importers' `?`
 * placeholders become `$1…$n` here; short statements (the repeated per-row ones) go as
 * named prepared statements, parsed once per connection. Rows come back as SQLite's
 * driver returns them (booleans 0/1, counts as numbers), so the importers' comparisons
 * hold on both engines. A write that meets another writer's row lock waits up to the
 * busy wait (lock_timeout), then DatabaseBusy. Marks are merged through COPY
 * (pg-marks.ts); audit rows are appended under the chain's advisory lock.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import {
  type AuditRow,
  chainLockSql,
  INSERT_BATCH,
  type Inserted,
  insertParams,
  insertSql,
  sealInsert,
} from "../../access/audit-chain.js";
import { isPgBusy } from "../../platform/pg-connection.js";
import { postgresDialect } from "../../platform/sql/dialect/index.js";
import { DatabaseBusy } from "../../platform/sqlite-connection.js";
import { BUSY_WAIT_MS, type ImportDb, oneAtATime, type SqlValue } from "../import-db.js";
import { mergeMarksPg } from "./pg-marks.js";

/** The chain's lock (audit-chain.ts): PostgreSQL's advisory lock, held to COMMIT. */
const CHAIN_LOCK = chainLockSql(postgresDialect);

const BOOL = 16;
const INT8 = 20;
const NUMERIC = 1700;

/** Values as SQLite hands them back: booleans 0/1, counts and numerics as numbers. */
export const importTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === BOOL) return (v: string) => (v === "t" ? 1 : 0);
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

const texts = new Map<string, string>();
/** `sql` with each `?` outside quotes numbered ($1, $2, …), as PostgreSQL takes parameters. */
export function numbered(sql: string): string {
  let out = texts.get(sql);
  if (out !== undefined) return out;
  out = "";
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  if (texts.size >= 500) texts.clear();
  texts.set(sql, out);
  return out;
}

/** The server ended the session (admin or crash shutdown, a terminated backend), or the socket closed under it. */
function serverEnded(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return ["57P01", "57P02", "57P03"].includes(e?.code ?? "") || /^Connection terminated/.test(e?.message ?? "");
}

/** Statements up to this long are prepared by name (per-row statements); longer ones are one-off batches. */
const NAMED_UP_TO = 2_000;
const nameOf = (text: string) => `vi_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;

export function openPgImportDb(databaseUrl: string): ImportDb {
  let current: Promise<pg.Client> | null = null;
  /** The import's connection; one the server ended (a restart, a killed backend) is replaced at the next statement. */
  function connection(): Promise<pg.Client> {
    if (!current) {
      const client = new pg.Client({
        connectionString: databaseUrl,
        types: importTypes,
        application_name: "vs-import",
        options: `-c lock_timeout=${BUSY_WAIT_MS}`,
      });
      const opened = client.connect().then(() => client);
      const forget = () => {
        if (current === opened) current = null;
      };
      // Listening also keeps an ended connection's 'error' from being thrown unhandled.
      client.on("error", forget);
      client.on("end", forget);
      opened.catch(forget);
      current = opened;
    }
    return current;
  }
  /** A write's connection: every statement of the transaction goes to it, never to a replacement. */
  let pinned: pg.Client | null = null;
  const turn = oneAtATime();

  async function query(
    sql: string,
    params: readonly SqlValue[],
    rowMode?: "array",
    again = false,
  ): Promise<pg.QueryResult> {
    const client = pinned ?? (await connection());
    const text = numbered(sql);
    const started = performance.now();
    try {
      return await client.query({
        text,
        values: params as unknown[],
        ...(rowMode ? { rowMode } : {}),
        ...(text.length <= NAMED_UP_TO ? { name: nameOf(text) } : {}),
      });
    } catch (err) {
      if (isPgBusy(err)) throw new DatabaseBusy(Math.round(performance.now() - started));
      // The server ended the connection before its notice reached us (a restart): a statement
      // outside a write runs once more on a new one. A write's never does (it would run
      // outside its transaction): the write fails whole.
      if (!pinned && !again && serverEnded(err)) {
        current = null;
        client.end().catch(() => undefined);
        return query(sql, params, rowMode, true);
      }
      throw err;
    }
  }

  return {
    engine: postgresDialect.name,
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rows as T[],
    rows: async (sql, params = []) => (await query(sql, params, "array")).rows as SqlValue[][],
    run: async (sql, params = []) => (await query(sql, params)).rowCount ?? 0,
    write: (work) =>
      turn(async () => {
        pinned = await connection();
        try {
          await query("BEGIN", []);
          try {
            const done = await work();
            await query("COMMIT", []);
            return done;
          } catch (err) {
            await query("ROLLBACK", []).catch(() => undefined);
            throw err;
          }
        } finally {
          pinned = null;
        }
      }),
    async mergeMarks(batch) {
      // The staging table empties at COMMIT: outside a transaction it would be empty before the merge.
      if (!pinned) throw new Error("mergeMarks runs inside write()");
      try {
        return await mergeMarksPg(pinned, batch);
      } catch (err) {
        if (isPgBusy(err)) throw new DatabaseBusy(BUSY_WAIT_MS);
        throw err;
      }
    },
    // Appends wait for (and hold to COMMIT) the chain's lock: nobody else appends in between.
    async appendAudit(rows: readonly AuditRow[]) {
      if (rows.length === 0) return;
      if (CHAIN_LOCK) await query(CHAIN_LOCK, []);
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const batch = rows.slice(i, i + INSERT_BATCH);
        const returned = (await query(insertSql(batch.length, postgresDialect), insertParams(batch)))
          .rows as Inserted[];
        for (const { sql, params } of sealInsert(batch, returned, postgresDialect)) await query(sql, params);
      }
    },
    close: async () => {
      const open = current;
      current = null;
      const client = await open?.catch(() => null);
      await client?.end().catch(() => undefined);
    },
  };
}
