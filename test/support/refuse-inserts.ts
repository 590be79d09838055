/**
 * A table that refuses every insert for the length of a call, on either engine: a trigger
 * that raises (SQLite: RAISE(ABORT); PostgreSQL: a plpgsql function that raises), dropped
 * again afterwards whatever the call did. Tests use it to prove a change is atomic: with
 * one of its writes refused, nothing of it may be left behind.
 */
import type { Db } from "../../core/platform/db.js";
import { sqlOf } from "../../core/platform/sql/index.js";

/** The trigger's (and on PostgreSQL its function's) name, from the table's. */
const triggerOf = (table: string) => `refuse_inserts_${table.toLowerCase()}`;

async function create(db: Db, table: string): Promise<void> {
  const name = triggerOf(table);
  if (sqlOf(db).name === "postgres") {
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'insert into % refused (test)', TG_TABLE_NAME; END $$`,
    );
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${name}"()`,
    );
    return;
  }
  await db.$executeRawUnsafe(
    `CREATE TRIGGER "${name}" BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, 'insert into ${table} refused (test)'); END`,
  );
}

async function drop(db: Db, table: string): Promise<void> {
  const name = triggerOf(table);
  if (sqlOf(db).name === "postgres") {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}" ON "${table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${name}"()`);
    return;
  }
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${name}"`);
}

/** Runs `call` while every insert into `table` fails; resolves (or rejects) as it does, the trigger dropped. */
export async function withInsertsRefused<T>(db: Db, table: string, call: () => Promise<T>): Promise<T> {
  await create(db, table);
  try {
    return await call();
  } finally {
    await drop(db, table);
  }
}
