/**
 * Issue 14: the application on PostgreSQL. createDb takes postgresql:// (and postgres://)
 * URLs with one Db API; a lock held by another session past DATABASE_BUSY_WAIT_MS is
 * DatabaseBusy, so the API answers 503 with Retry-After as on SQLite; the pool is as large
 * as the settings say; audit appends from several sessions at once make one chain; health
 * answers. Runs against the PostgreSQL server at TEST_PG_URL, whatever TEST_DATABASE says;
 * skipped, saying so, when there is none.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog, verifyAuditChain } from "../../core/access/audit.js";
import { createDb, DatabaseBusy } from "../../core/platform/db.js";
import { sqlOf } from "../../core/platform/sql/index.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { createTestDb } from "../support/db.js";
import { buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { pgAvailable } from "../support/pg.js";

const hasPg = await pgAvailable();

/** Another session (as another process would hold it) on the database at `url`. */
async function session(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe.skipIf(!hasPg)("the application on PostgreSQL", () => {
  let t: TestApp;
  let f: Fixture;
  beforeAll(async () => {
    const database = await createTestDb("pg-engine", { engine: "postgres", busyWaitMs: 600 });
    t = await startTestApp({ today: TODAY, database, env: { DATABASE_BUSY_WAIT_MS: "600" } });
    f = await buildSmallAuthority(t.database.db);
  });
  afterAll(async () => {
    await t?.close();
    await t?.database.close();
  });

  it("createDb takes postgresql:// and postgres:// URLs: one Db API, transactions included", async () => {
    expect(t.database.url).toMatch(/^postgresql:\/\//);
    expect(sqlOf(t.database.db).name).toBe("postgres");
    const short = await createDb(t.database.url.replace(/^postgresql:/, "postgres:"));
    try {
      const child = await short.child.findUniqueOrThrow({ where: { id: f.jordan.id }, include: { enrolments: true } });
      expect(child.enrolments.length).toBeGreaterThan(0);
      const made = await short.$transaction(async (tx) => {
        const school = await tx.school.create({
          data: { urn: "990001", name: "PG Academy", phase: "secondary", localAuthority: "999" },
        });
        return tx.school.findUniqueOrThrow({ where: { id: school.id } });
      });
      expect(made.createdAt).toBeInstanceOf(Date);
      await expect(
        short.$transaction(async (tx) => {
          await tx.school.update({ where: { id: made.id }, data: { name: "Renamed" } });
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect((await short.school.findUniqueOrThrow({ where: { id: made.id } })).name).toBe("PG Academy");
    } finally {
      await short.$disconnect();
    }
  });

  it("finds children and schools by name in any case, as on SQLite (ILIKE, not LIKE)", async () => {
    const children = await (await t.call("GET", "/api/children?q=jordan%20SMITH", { as: PEOPLE.vsh })).json();
    expect(children.items.map((c: { id: number }) => c.id)).toEqual([f.jordan.id]);
    const school = await t.database.db.school.findUniqueOrThrow({ where: { id: f.schoolA.id } });
    const schools = await (
      await t.call("GET", `/api/schools?q=${encodeURIComponent(school.name.toUpperCase())}`, { as: PEOPLE.vsh })
    ).json();
    expect(schools.items.map((s: { id: number }) => s.id)).toContain(school.id);
  });

  it("answers /health with the database ok", async () => {
    const res = await t.call("GET", "/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ database: "ok" });
  });

  it("a lock held past DATABASE_BUSY_WAIT_MS is DatabaseBusy: 503 with Retry-After, nothing changed; then it goes through", async () => {
    const other = await session(t.database.url);
    try {
      await other.query("BEGIN");
      await other.query(`LOCK TABLE "ActionLog" IN EXCLUSIVE MODE`);
      const start = performance.now();
      const refused = await t.call("POST", `/api/children/${f.jordan.id}/actions`, {
        as: PEOPLE.sw1,
        body: { text: "Rang the carer about the PEP meeting" },
      });
      const waited = performance.now() - start;
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("2");
      expect(((await refused.json()) as Json).detail).toMatch(/busy being updated.*try again/);
      expect(waited).toBeGreaterThanOrEqual(550);
      expect(waited).toBeLessThan(3_000);
      // Health keeps answering meanwhile.
      expect((await t.call("GET", "/health")).status).toBe(200);
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }
    const taken = await t.call("POST", `/api/children/${f.jordan.id}/actions`, {
      as: PEOPLE.sw1,
      body: { text: "Rang the carer about the PEP meeting" },
    });
    expect(taken.status).toBe(201);
    expect(
      await t.database.db.actionLog.count({
        where: { childId: f.jordan.id, text: "Rang the carer about the PEP meeting" },
      }),
    ).toBe(1);
  });

  it("a plain query meeting a row lock is DatabaseBusy too", async () => {
    const db = await createDb(t.database.url, { busyWaitMs: 300 });
    const other = await session(t.database.url);
    try {
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "Child" WHERE id = $1 FOR UPDATE`, [f.tyler.id]);
      await expect(db.child.update({ where: { id: f.tyler.id }, data: { upnIssue: "x" } })).rejects.toBeInstanceOf(
        DatabaseBusy,
      );
    } finally {
      await other.query("ROLLBACK");
      await other.end();
      await db.$disconnect();
    }
  });

  it("opens at most DATABASE_POOL_SIZE connections", async () => {
    const db = await createDb(t.database.url, { poolSize: 2, busyWaitMs: 5_000 });
    const watcher = await session(t.database.url);
    try {
      const tag = `pool_${process.pid}`;
      const start = performance.now();
      const running = Promise.all(
        Array.from({ length: 4 }, () => db.$executeRawUnsafe(`SELECT pg_sleep(0.4), '${tag}'`)),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { rows } = await watcher.query<{ n: string }>(
        `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state = 'active' AND query LIKE $1`,
        [`%${tag}%`],
      );
      await running;
      // Four 0.4 s queries through two connections: two at a time, two rounds.
      expect(Number(rows[0]?.n)).toBe(2);
      expect(performance.now() - start).toBeGreaterThanOrEqual(780);
    } finally {
      await watcher.end();
      await db.$disconnect();
    }
  });

  it("audit appends from several sessions at once make one unbroken chain", async () => {
    // Patient clients: this is about the chain, not busy answers (appends queue on the lock,
    // which takes a while on a loaded machine).
    const own = await createTestDb("pg-audit", { engine: "postgres", busyWaitMs: 30_000 });
    const second = await createDb(own.url, { poolSize: 4, busyWaitMs: 30_000 });
    try {
      const logs = [createAuditLog(own.db), createAuditLog(second)];
      const actor = { id: 1, role: "vsh", channel: "api" };
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          logs[i % 2]!.record(actor, "read_child", i % 5 === 0 ? [i, i + 1000, i + 2000] : [i]),
        ),
      );
      const rows = await own.db.auditEvent.findMany({ orderBy: { id: "asc" } });
      expect(rows).toHaveLength(60 + 12 * 2);
      expect(rows.every((r) => r.hash !== null)).toBe(true);
      expect(await verifyAuditChain(own.db)).toEqual({ checked: rows.length, unchained: 0, broken: null });
    } finally {
      await second.$disconnect();
      await own.close();
    }
  });
});
