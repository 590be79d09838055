/**
 * Issue 13, item 4, the audit's cost: a read's audit row is appended outside the change
 * transactions, on SQLite through the SQL layer's connection in one synchronous
 * transaction, which never waits on SQLite's busy timeout (that would stop the event
 * loop), on PostgreSQL through the SQL layer's pool, reads arriving together in one
 * transaction (audit-appender.ts). While another writer holds the chain's lock an append
 * waits asynchronously, and at its deadline it gives up with DatabaseBusy (a 503) having
 * written nothing. Appended alongside changes (whose rows go through their own Prisma
 * transaction) and other processes, the chain stays one unbroken line.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { type AuditLog, auditHash, createAuditLog, verifyAuditChain } from "../../core/access/audit.js";
import { chainLockSql } from "../../core/access/audit-chain.js";
import { createDb, DatabaseBusy } from "../../core/platform/db.js";
import { sqlitePath } from "../../core/platform/migrate.js";
import { postgresDialect } from "../../core/platform/sql/dialect/index.js";
import { TEST_ENGINE } from "../support/db.js";
import { PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const run = promisify(execFile);

const { t, f } = useSmallAuthority();
const db = () => t.database.db;
const onPg = TEST_ENGINE === "postgres";

const reader = { id: 1, role: "vsh", channel: "api" } as const;

/**
 * Another connection holding the chain's lock until released: SQLite's write lock (as an
 * import or the worker would), or on PostgreSQL the chain's advisory lock (as a change's
 * transaction appending its row would).
 */
async function holdChainLock(): Promise<() => Promise<void>> {
  if (onPg) {
    const other = new pg.Client({ connectionString: t.database.url });
    await other.connect();
    await other.query("BEGIN");
    await other.query(chainLockSql(postgresDialect) ?? "");
    return async () => {
      await other.query("COMMIT");
      await other.end();
    };
  }
  const other = new Database(sqlitePath(t.database.url), { timeout: 0 });
  other.prepare("BEGIN IMMEDIATE").run();
  return async () => {
    other.prepare("COMMIT").run();
    other.close();
  };
}

/**
 * An audit log that waits at most `deadlineMs` for the lock: SQLite's writer takes it as
 * an option; PostgreSQL's appender waits as long as its client's busy wait.
 */
async function auditWaiting(deadlineMs: number): Promise<{ audit: AuditLog; close(): Promise<void> }> {
  if (!onPg) {
    return { audit: createAuditLog(db(), { deadlineMs }), close: async () => undefined };
  }
  const own = await createDb(t.database.url, { busyWaitMs: deadlineMs, poolSize: 2 });
  return { audit: createAuditLog(own), close: () => own.$disconnect() };
}

/** The chain's head, to prove an append that failed moved nothing. */
const head = () => db().auditHead.findUnique({ where: { id: 1 } });

/** Counts event-loop turns (a 5 ms interval) while `work` runs. */
async function ticksDuring<T>(work: Promise<T>): Promise<{ ticks: number; result: T }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    const result = await work;
    return { ticks, result };
  } finally {
    clearInterval(timer);
  }
}

describe("an append meets a database another writer has locked", () => {
  it("waits without stopping the event loop, and appends once the lock is free", async () => {
    const audit = createAuditLog(db());
    const release = await holdChainLock();
    setTimeout(() => void release(), 300);
    const started = performance.now();
    const { ticks } = await ticksDuring(audit.record(reader, "read_child", [f.jordan.id]));
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    // Blocked synchronously, the interval could not have run at all (a tick at most); on a
    // loaded machine a 5 ms interval over 300 ms fires about 20 times, not 60.
    expect(ticks).toBeGreaterThan(5);
    expect((await verifyAuditChain(db())).broken).toBeNull();
  });

  it("gives up at its deadline with DatabaseBusy (the API's 503), appending nothing", async () => {
    const { audit, close } = await auditWaiting(150);
    await audit.record(reader, "read_child", [f.jordan.id]);
    const before = { count: await db().auditEvent.count(), head: await head() };
    const release = await holdChainLock();
    try {
      const started = performance.now();
      const { ticks, result } = await ticksDuring(
        Promise.all(
          // Several at once: on PostgreSQL they wait in one transaction, and all fail with it.
          Array.from({ length: 5 }, () =>
            audit.record(reader, "read_child", [f.jordan.id, f.amira.id]).then(
              () => null,
              (err: unknown) => err,
            ),
          ),
        ),
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      for (const err of result) expect(err).toBeInstanceOf(DatabaseBusy);
      // Blocked synchronously, the interval could not have run at all (a tick at most); a
      // loaded machine fires a 5 ms interval over 150 ms far fewer than 30 times (8 seen).
      expect(ticks).toBeGreaterThan(3);
    } finally {
      await release();
      await close();
    }
    expect({ count: await db().auditEvent.count(), head: await head() }).toEqual(before);
    expect((await verifyAuditChain(db())).broken).toBeNull();
  });

  it.skipIf(!onPg)("on PostgreSQL a process waits for the lock with one connection, not its whole pool", async () => {
    const own = await createDb(t.database.url, { poolSize: 4 });
    const audit = createAuditLog(own);
    const watcher = new pg.Client({ connectionString: t.database.url });
    await watcher.connect();
    const release = await holdChainLock();
    try {
      const appends = Promise.all(Array.from({ length: 20 }, (_, i) => audit.record(reader, "read_child", [i + 1])));
      await new Promise((done) => setTimeout(done, 300));
      const { rows } = await watcher.query<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(rows[0]?.n).toBe(1);
      // The pool's other connections are free for the process's other queries meanwhile.
      expect(await own.child.count()).toBeGreaterThan(0);
      await release();
      await appends;
    } finally {
      await watcher.end();
      await own.$disconnect();
    }
    expect((await verifyAuditChain(db())).broken).toBeNull();
  });
});

/**
 * Counts the chain's transactions from now on: each moves the head once (audit-chain.ts),
 * so a trigger on the head counts them. Test-only SQL, in each engine's own words.
 */
async function countTransactions(): Promise<{ count(): Promise<number>; drop(): Promise<void> }> {
  const statements = onPg
    ? [
        `CREATE TABLE "HeadMoves" ("n" INTEGER)`,
        `CREATE FUNCTION head_moved() RETURNS trigger AS $$ BEGIN INSERT INTO "HeadMoves" VALUES (1); RETURN NEW; END $$ LANGUAGE plpgsql`,
        `CREATE TRIGGER head_moved AFTER INSERT OR UPDATE ON "AuditHead" FOR EACH ROW EXECUTE FUNCTION head_moved()`,
      ]
    : [
        `CREATE TABLE "HeadMoves" ("n" INTEGER)`,
        `CREATE TRIGGER head_updated AFTER UPDATE ON "AuditHead" BEGIN INSERT INTO "HeadMoves" VALUES (1); END`,
        `CREATE TRIGGER head_inserted AFTER INSERT ON "AuditHead" BEGIN INSERT INTO "HeadMoves" VALUES (1); END`,
      ];
  for (const text of statements) await db().$executeRawUnsafe(text);
  return {
    count: async () =>
      Number((await db().$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "HeadMoves"`))[0]?.n),
    drop: async () => {
      const drops = onPg
        ? [`DROP TRIGGER head_moved ON "AuditHead"`, `DROP FUNCTION head_moved()`, `DROP TABLE "HeadMoves"`]
        : [`DROP TRIGGER head_updated`, `DROP TRIGGER head_inserted`, `DROP TABLE "HeadMoves"`];
      for (const text of drops) await db().$executeRawUnsafe(text);
    },
  };
}

describe("group commit: reads that reach the audit together share one transaction", () => {
  it("ten reads arriving in one turn of the event loop (ten callbacks, as ten requests): one transaction, rows in arrival order", async () => {
    const audit = createAuditLog(db());
    await audit.record(reader, "read_child", [f.jordan.id]);
    const transactions = await countTransactions();
    const first = (await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    try {
      const ids = Array.from({ length: 10 }, (_, i) => i + 1);
      // Each from its own macrotask, as requests are (a microtask's grouping would not join
      // them), all in one turn: immediates queued together run in one check phase (timers
      // may not: a loaded machine's clock can tick between two setTimeout calls).
      await Promise.all(
        ids.map(
          (id) =>
            new Promise<void>((done, failed) =>
              setImmediate(() => audit.record(reader, "read_status", [id]).then(done, failed)),
            ),
        ),
      );
      expect(await transactions.count()).toBe(1);
      const rows = await db().auditEvent.findMany({ where: { id: { gt: first } }, orderBy: { id: "asc" } });
      expect(rows.map((r) => r.childId)).toEqual(ids);
      // Later reads, once those are written: a transaction of their own.
      await Promise.all([audit.record(reader, "read_status", [1]), audit.record(reader, "read_status", [2])]);
      expect(await transactions.count()).toBe(2);
    } finally {
      await transactions.drop();
    }
    expect((await verifyAuditChain(db())).broken).toBeNull();
  });
});

describe("reads (the audit's connection) and changes (their own transactions) append to one chain", () => {
  it("40 reads and 20 actions logged at once: every row links to the one before, no fork", async () => {
    const first = (await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    await Promise.all([
      ...Array.from({ length: 40 }, () => t.call("GET", `/api/children/${f.jordan.id}/status`, { as: PEOPLE.sw1 })),
      ...Array.from({ length: 20 }, (_, i) =>
        t.call("POST", `/api/children/${f.tyler.id}/actions`, { as: PEOPLE.sw1, body: { text: `Call ${i}` } }),
      ),
    ]).then((answers) =>
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(40).fill(200), ...Array(20).fill(201)].sort()),
    );
    const rows = await db().auditEvent.findMany({ where: { id: { gt: first } }, orderBy: { id: "asc" } });
    expect(rows.filter((r) => r.action === "read_status")).toHaveLength(40);
    expect(rows.filter((r) => r.action === "log_action")).toHaveLength(20);
    for (const [i, r] of rows.entries()) {
      if (i > 0) expect(r.prevHash).toBe(rows[i - 1]?.hash);
      expect(r.hash).toBe(auditHash(r, r.prevHash));
    }
    expect(await verifyAuditChain(db())).toMatchObject({ broken: null });
  });

  it("two more processes and this one appending at once, the default busy wait: no DatabaseBusy, no lost row, no fork", async () => {
    const first = (await db().auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
    const dir = mkdtempSync(join(tmpdir(), "vs-audit-procs-"));
    const script = join(dir, "appender.mts");
    writeFileSync(
      script,
      `import { createAuditLog } from ${JSON.stringify(resolve("core/access/audit.ts"))};
       import { createDb } from ${JSON.stringify(resolve("core/platform/db.ts"))};
       const url = process.env.DATABASE_URL ?? "";
       const db = await createDb(url);
       const log = createAuditLog(db);
       await Promise.all(Array.from({ length: 50 }, (_, i) =>
         log.record({ id: 1, role: "vsh", channel: "job" }, "read_child", i % 5 === 0 ? [1, 2, 3] : [1])));
       await db.$disconnect();`,
    );
    const audit = createAuditLog(db());
    try {
      const env = { ...process.env, DATABASE_URL: t.database.url };
      await Promise.all([
        run("npx", ["tsx", script], { env }),
        run("npx", ["tsx", script], { env }),
        (async () => {
          // While the others start: this process appends in rounds until they are done.
          for (let round = 0; round < 5; round++) {
            await Promise.all(
              Array.from({ length: 50 }, (_, i) => audit.record(reader, "read_child", i % 5 === 0 ? [1, 2, 3] : [1])),
            );
          }
        })(),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const rows = await db().auditEvent.findMany({ where: { id: { gt: first } }, orderBy: { id: "asc" } });
    expect(rows.filter((r) => r.channel === "job")).toHaveLength(2 * 70);
    expect(rows.filter((r) => r.channel === "api")).toHaveLength(5 * 70);
    for (const [i, r] of rows.entries()) {
      if (i > 0) expect(r.prevHash).toBe(rows[i - 1]?.hash);
      expect(r.hash).toBe(auditHash(r, r.prevHash));
    }
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
    expect(await verifyAuditChain(db())).toMatchObject({ broken: null });
  }, 90_000);
});
