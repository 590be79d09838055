/**
 * Prisma's PostgreSQL driver adapter (@prisma/adapter-pg) with the SQLite connection's
 * busy semantics (sqlite-connection.ts): waiting for another writer's lock is bounded by
 * DATABASE_BUSY_WAIT_MS and then fails with `DatabaseBusy`, which the API answers with
 * 503 and Retry-After.
 *
 * PostgreSQL waits for row and table locks itself (asynchronously: the event loop is never
 * held), so the bound is the session's `lock_timeout`; a statement that times out fails
 * with SQLSTATE 55P03, turned here into DatabaseBusy. Waiting for a free connection of the
 * pool is bounded the same way (pg's `connectionTimeoutMillis`).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { DatabaseBusy, overlay } from "./sqlite-connection.js";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** pg's own error when no pooled connection came free within connectionTimeoutMillis. */
const POOL_TIMEOUT = "timeout exceeded when trying to connect";

/** A lock wait past lock_timeout (55P03, lock_not_available) or a pool wait past its deadline. */
export function isPgBusy(err: unknown): boolean {
  const e = err as { name?: string; code?: string; message?: string; cause?: { kind?: string; code?: string } };
  if (e?.code === "55P03") return true;
  if (e?.name === "DriverAdapterError" && e.cause?.kind === "postgres" && e.cause.code === "55P03") return true;
  return e?.message === POOL_TIMEOUT;
}

/** Runs `work`, turning a busy failure into DatabaseBusy (`waitMs`: the bound it met). */
async function busyAs<T>(work: () => Promise<T>, waitMs: number): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isPgBusy(err)) throw new DatabaseBusy(waitMs);
    throw err;
  }
}

function patientTx(tx: Tx, waitMs: number): Tx {
  return overlay(tx, {
    queryRaw: (q) => busyAs(() => tx.queryRaw(q), waitMs),
    executeRaw: (q) => busyAs(() => tx.executeRaw(q), waitMs),
  });
}

function patient(adapter: Adapter, waitMs: number): Adapter {
  return overlay(adapter, {
    queryRaw: (q) => busyAs(() => adapter.queryRaw(q), waitMs),
    executeRaw: (q) => busyAs(() => adapter.executeRaw(q), waitMs),
    executeScript: (script) => busyAs(() => adapter.executeScript(script), waitMs),
    startTransaction: async (level) => patientTx(await busyAs(() => adapter.startTransaction(level), waitMs), waitMs),
  });
}

/** Settings of the pool behind Prisma's client; `poolSize`: most connections it opens. */
export function pgPoolConfig(url: string, waitMs: number, poolSize: number) {
  // lock_timeout = 0 would mean "wait for ever": the shortest bound is 1 ms.
  const lockTimeoutMs = Math.max(1, Math.round(waitMs));
  return {
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: lockTimeoutMs,
    options: `-c lock_timeout=${lockTimeoutMs}`,
  };
}

/**
 * The adapter factory for `new PrismaClient({ adapter })`: PostgreSQL at `url`, a pool of
 * at most `poolSize` connections, waiting at most `waitMs` for a lock or a connection.
 */
export function patientPg(
  url: string,
  waitMs: number,
  poolSize: number,
): Pick<PrismaPg, "provider" | "adapterName" | "connect" | "connectToShadowDb"> {
  const stock = new PrismaPg(pgPoolConfig(url, waitMs, poolSize));
  return {
    provider: stock.provider,
    adapterName: stock.adapterName,
    connect: async () => patient(await stock.connect(), waitMs),
    connectToShadowDb: async () => patient(await stock.connectToShadowDb(), waitMs),
  };
}
