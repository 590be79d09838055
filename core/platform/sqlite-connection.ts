/**
 * Prisma's SQLite driver adapter, made patient and safe on one connection.
 *
 * Two things the stock adapter (@prisma/adapter-better-sqlite3) does that this one does not:
 *
 * 1. **It waits for a lock synchronously.** better-sqlite3 is synchronous: with a busy
 *    timeout, a write that meets another process's lock (an import, the worker) stops the
 *    whole event loop until the lock is free, so health checks, static files and every
 *    other request freeze with it. Here the connection never waits (`timeout: 0`): a busy
 *    statement is retried after a short asynchronous pause, until a deadline, and then
 *    fails with `DatabaseBusy` (the API answers 503 with Retry-After).
 *
 * 2. **A query outside a transaction ran inside whichever transaction was open.** The
 *    adapter has one connection; while one request's interactive transaction was open
 *    (BEGIN … awaits … COMMIT), another request's plain write ran on the same connection,
 *    inside it, and was rolled back with it after being acknowledged (measured: an
 *    acknowledged insert gone). Here a plain query waits, asynchronously, for the open
 *    transaction to end, and transactions queue for the connection one at a time.
 *
 * And a transaction takes the write lock when it starts (the first thing it runs is a
 * write that changes nothing), not at its first write after some reads: in WAL mode a
 * reader that later tries to write after another process committed can only fail
 * (SQLITE_BUSY_SNAPSHOT); waiting at the start, before anything is read, can always succeed.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Adapter["queryRaw"]>[0];

/** The database stayed locked by another writer past the deadline: try again shortly. */
export class DatabaseBusy extends Error {
  override readonly name = "DatabaseBusy";
  constructor(waitedMs: number) {
    super(`The database stayed busy (locked by another writer) for ${waitedMs} ms.`);
  }
}

/** The stock adapter reports SQLITE_BUSY* as a driver error of kind SocketTimeout. */
function isBusy(err: unknown): boolean {
  const e = err as { name?: string; cause?: { kind?: string } };
  return e?.name === "DriverAdapterError" && e.cause?.kind === "SocketTimeout";
}

/** How long to pause before attempt `n` (from 0): 2 ms doubling to 50 ms, never past the deadline. */
const pause = (attempt: number, left: number) => Math.min(2 ** attempt * 2, 50, Math.max(1, left));

/**
 * A connection shared with the SQL layer is inside one of its transactions (open across
 * awaits), so synchronous work that needs a transaction of its own must wait, as for a lock.
 */
export class ConnectionInTransaction extends Error {
  override readonly name = "ConnectionInTransaction";
  /** Retried by `whenLockFree` as SQLite's own busy is. */
  readonly code = "SQLITE_BUSY";
  constructor() {
    super("The connection is inside another transaction.");
  }
}

/** better-sqlite3's SQLITE_BUSY (and its extended codes), from a connection of our own. */
const isSqliteBusy = (err: unknown) => (err as { code?: string }).code?.startsWith("SQLITE_BUSY") === true;

/**
 * For the project's own better-sqlite3 connections (the importers', the audit's), opened
 * with `timeout: 0` so they never wait synchronously: runs `work` (synchronous, e.g. an
 * IMMEDIATE transaction) until SQLite's lock is free, pausing asynchronously between
 * tries, and throws DatabaseBusy after `waitMs`, as Prisma's connection does. `work` may
 * also be asynchronous (a query of the SQL layer's): a busy rejection is retried the same way.
 */
export async function whenLockFree<T>(work: () => T | Promise<T>, waitMs: number): Promise<T> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isSqliteBusy(err)) throw err;
      const waited = performance.now() - started;
      if (waited >= waitMs) throw new DatabaseBusy(Math.round(waited));
      await sleep(pause(attempt, waitMs - waited));
    }
  }
}

/**
 * Turns on the connection, first come first served: a transaction holds its turn from
 * BEGIN to COMMIT; a plain query holds one while it runs (better-sqlite3 runs it at once).
 */
function turns() {
  let last: Promise<void> = Promise.resolve();
  return async function take(): Promise<() => void> {
    let end!: () => void;
    const mine = new Promise<void>((resolve) => {
      end = resolve;
    });
    const before = last;
    last = before.then(() => mine);
    await before;
    return end;
  };
}

/** `target` with some members replaced; the rest still called on `target` (it has private fields). */
export function overlay<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(t, key) {
      if (Object.hasOwn(replaced, key)) return replaced[key as keyof T];
      const value = Reflect.get(t, key, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

/** A write that changes nothing, so the transaction holds the write lock from its start. */
const TAKE_WRITE_LOCK: Query = { sql: `DELETE FROM "_prisma_migrations" WHERE 0`, args: [], argTypes: [] };
const ROLLBACK: Query = { sql: "ROLLBACK", args: [], argTypes: [] };

function patient(adapter: Adapter, waitMs: number): Adapter {
  const take = turns();

  /**
   * Runs `attempt` in turns until it is not busy. Between attempts the turn is given back,
   * so others (reads above all, which WAL lets through) are not held up by the wait.
   */
  async function inTurns<R>(attempt: (end: () => void) => Promise<R>): Promise<R> {
    const started = performance.now();
    for (let n = 0; ; n++) {
      const end = await take();
      try {
        return await attempt(end);
      } catch (err) {
        end();
        const waited = performance.now() - started;
        if (!isBusy(err)) throw err;
        if (waited >= waitMs) throw new DatabaseBusy(Math.round(waited));
        await sleep(pause(n, waitMs - waited));
      }
    }
  }

  const plain =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      inTurns(async (end) => {
        const result = await run(...args);
        end();
        return result;
      });

  const startTransaction = (isolationLevel?: Parameters<Adapter["startTransaction"]>[0]): Promise<Tx> =>
    inTurns(async (end) => {
      const tx = await adapter.startTransaction(isolationLevel);
      try {
        await tx.executeRaw(TAKE_WRITE_LOCK);
      } catch (err) {
        await tx.executeRaw(ROLLBACK).catch(() => undefined);
        await tx.rollback().catch(() => undefined);
        throw err;
      }
      // The turn ends when Prisma ends the transaction (after its COMMIT or ROLLBACK).
      return overlay(tx, {
        commit: () => tx.commit().finally(end),
        rollback: () => tx.rollback().finally(end),
      });
    });

  return overlay(adapter, {
    queryRaw: plain((q: Query) => adapter.queryRaw(q)),
    executeRaw: plain((q: Query) => adapter.executeRaw(q)),
    executeScript: plain((script: string) => adapter.executeScript(script)),
    startTransaction,
  });
}

/**
 * The adapter factory for `new PrismaClient({ adapter })`: SQLite at `path`, waiting at
 * most `waitMs` for another writer's lock before `DatabaseBusy`.
 */
export function patientSqlite(
  path: string,
  waitMs: number,
): Pick<PrismaBetterSqlite3, "provider" | "adapterName" | "connect" | "connectToShadowDb"> {
  const stock = new PrismaBetterSqlite3({ url: path, timeout: 0 });
  return {
    provider: stock.provider,
    adapterName: stock.adapterName,
    connect: async () => patient(await stock.connect(), waitMs),
    connectToShadowDb: async () => patient(await stock.connectToShadowDb(), waitMs),
  };
}
