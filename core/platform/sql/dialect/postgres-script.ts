/**
 * PostgreSQL's `exclusivelyInTwo` (engine.ts): a locked transaction in two round trips
 * where Kysely's transaction takes one per statement (BEGIN, the lock, each statement,
 * COMMIT: six for an audit append, the most of a bot's status turn on PostgreSQL).
 *
 * Several statements in one simple-protocol message run in order, each with a snapshot
 * of its own (READ COMMITTED), so a statement after the lock reads what was committed
 * before the lock was granted, as when each is sent alone. The simple protocol binds no
 * values: they are written into the text as literals, and only numbers, text and null
 * are accepted (pg's escapeLiteral quotes text whatever standard_conforming_strings says).
 */
import pg from "pg";
import type { Statement } from "./engine.js";
import { advisoryLock } from "./postgres-dialect.js";

/** `value` as a literal of the statement's text. */
export function literal(value: unknown): string {
  if (value === null) return "NULL";
  if (typeof value === "string") return pg.escapeLiteral(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new TypeError(`A ${typeof value} cannot be written into a statement as a literal.`);
}

/** The statement with each `$n` replaced by its value's literal. */
export function inlined({ sql, params }: Statement): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= params.length) throw new RangeError(`The statement has no value for $${n}.`);
    return literal(params[index]);
  });
}

/** The rows of each statement of a message, in order (pg gives one result alone, not in a list). */
const resultsOf = (result: pg.QueryResult | pg.QueryResult[]) => (Array.isArray(result) ? result : [result]);

/**
 * BEGIN, the lock and `first` in one message; then `then(first's rows)` and COMMIT in a
 * second. If anything fails, the transaction is rolled back (a connection that cannot do
 * even that is dropped from the pool) and the error thrown.
 */
export async function inTwoRoundTrips<R>(
  pool: pg.Pool,
  lock: number,
  first: readonly Statement[],
  then: (rows: R[]) => readonly Statement[],
): Promise<void> {
  const client = await pool.connect();
  try {
    const opening = ["BEGIN", advisoryLock(lock), ...first.map(inlined)];
    const opened = resultsOf(await client.query(opening.join(";\n")));
    const rows = opened.slice(2).flatMap((r) => r.rows as R[]);
    await client.query([...then(rows).map(inlined), "COMMIT"].join(";\n"));
  } catch (err) {
    await client.query("ROLLBACK").then(
      () => client.release(),
      (lost: Error) => client.release(lost),
    );
    throw err;
  }
  client.release();
}
