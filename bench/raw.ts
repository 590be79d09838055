/**
 * A raw SQL connection for the benchmarks' data writers, on either engine: better-sqlite3
 * for file: URLs, pg for postgresql:// URLs. Statements here are the benchmarks' own bulk
 * copies (identifiers double-quoted, no engine-specific functions), so one text runs on both.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { sqlitePath } from "../core/platform/migrate.js";
import { engineOf } from "../core/platform/sql/dialect/index.js";

export type RawSql = {
  engine: "sqlite" | "postgres";
  run(sql: string): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
  /** The columns of `table`, in order. */
  columns(table: string): Promise<string[]>;
  /** Runs `work` in one transaction. */
  transaction(work: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
};

export async function openRaw(url: string): Promise<RawSql> {
  if (engineOf(url) === "postgres") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = async <T>(sql: string) => (await client.query(sql)).rows as T[];
    return {
      engine: "postgres",
      run: async (sql) => void (await client.query(sql)),
      rows,
      columns: async (table) =>
        (
          await rows<{ column_name: string }>(
            `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '${table}' ORDER BY ordinal_position`,
          )
        ).map((c) => c.column_name),
      async transaction(work) {
        await client.query("BEGIN");
        try {
          await work();
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      },
      close: () => client.end(),
    };
  }
  const db = new Database(sqlitePath(url));
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = ON");
  return {
    engine: "sqlite",
    run: async (sql) => void db.prepare(sql).run(),
    rows: async <T>(sql: string) => db.prepare(sql).all() as T[],
    columns: async (table) => (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name),
    async transaction(work) {
      db.exec("BEGIN");
      try {
        await work();
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
    async close() {
      db.pragma("synchronous = NORMAL");
      db.close();
    },
  };
}
