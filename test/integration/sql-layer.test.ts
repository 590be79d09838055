/**
 * The SQL layer (core/platform/sql) on both engines, whatever TEST_DATABASE says: each
 * statement prepared once and reused, values swapped into a query compiled once, the
 * engines' differences read back the same, and a writer's lock met with DatabaseBusy
 * after the busy wait, never a frozen event loop.
 */
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { recordedAtText } from "../../core/platform/clock.js";
import { DatabaseBusy } from "../../core/platform/db.js";
import { type Engine, openEngine } from "../../core/platform/sql/dialect/index.js";
import { sqlOf } from "../../core/platform/sql/index.js";
import { prepared } from "../../core/platform/sql/prepared.js";
import { instant, jsonArray } from "../../core/platform/sql/values.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { holdWriteLock } from "../support/faults-lock.js";

const byName = prepared<{ first: string; limit: number }, { id: number; lastName: string }>((db, p) =>
  db.selectFrom("Child").select(["id", "lastName"]).where("firstName", "=", p.first).orderBy("id").limit(p.limit),
);

describe.each(["sqlite", "postgres"] as const)("the SQL layer on %s", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(`sql-layer-${engine}`, { engine, busyWaitMs: 300 });
    const child = (id: number, firstName: string) => ({
      localId: `L${id}`,
      firstName,
      lastName: `Last${id}`,
      dateOfBirth: "2015-01-01",
      placingAuthority: "999",
    });
    await t.db.child.createMany({ data: [child(1, "Ada"), child(2, "Ada"), child(3, "Ben"), child(4, "Ada")] });
  });
  afterAll(async () => t?.close());

  it("swaps each call's values into the query compiled once", async () => {
    const e = sqlOf(t.db);
    expect(await byName(e, { first: "Ada", limit: 2 })).toEqual([
      { id: 1, lastName: "Last1" },
      { id: 2, lastName: "Last2" },
    ]);
    expect(await byName(e, { first: "Ben", limit: 10 })).toEqual([{ id: 3, lastName: "Last3" }]);
    expect(await byName(e, { first: "Ada", limit: 10 })).toHaveLength(3);
    await expect(byName(e, { first: "Ada" } as never)).rejects.toThrow('No value for the query\'s "limit"');
  });

  it("prepares a statement once and reuses it", async () => {
    // One connection, so what it holds is everything the calls prepared.
    const e = await openEngine(t.url, { busyWaitMs: 300, poolSize: 1 });
    try {
      for (let i = 0; i < 20; i++) await byName(e, { first: i % 2 ? "Ada" : "Ben", limit: i + 1 });
      if (engine === "postgres") {
        // One named statement for the query, not one per call (unnamed ones are not listed at all).
        const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM pg_prepared_statements
          WHERE statement LIKE '%"firstName" = $1%' AND statement NOT LIKE '%pg_prepared_statements%'`.execute(e.db);
        expect(rows[0]?.n).toBe(1);
      } else {
        expect(e.preparedStatements()).toBe(1);
      }
    } finally {
      await e.close();
    }
  });

  it("reads JSON, booleans and instants the same on either engine", async () => {
    const e = sqlOf(t.db);
    const at = "2026-11-30T09:15:00.123+00:00";
    await t.db.professional.create({ data: { email: "p@x", role: "vsh", name: "P", createdAt: new Date(at) } });
    const rows = await e.db
      .selectFrom("Child as c")
      .where("c.id", "=", 1)
      .select((eb) => [
        e.jsonArrayFrom(eb.selectFrom("Professional as p").select(["p.active", "p.createdAt"])).as("people"),
      ])
      .execute();
    const people = jsonArray(z.object({ active: z.union([z.boolean(), z.number()]), createdAt: instant })).parse(
      rows[0]?.people,
    );
    expect(people).toEqual([{ active: expect.anything(), createdAt: "2026-11-30T09:15:00.123Z" }]);
    expect(Boolean(people[0]?.active)).toBe(true);
    // Written as text through the layer, read back the same through Prisma.
    await e.db.updateTable("Professional").set({ updatedAt: recordedAtText() }).execute();
    const direct = await e.db.selectFrom("Professional").select("createdAt").executeTakeFirstOrThrow();
    expect(instant.parse(direct.createdAt)).toBe("2026-11-30T09:15:00.123Z");
  });

  it("adds days and counts them between dates", async () => {
    const e = sqlOf(t.db);
    const { rows } = await sql<{ later: string; days: number }>`SELECT ${e.addDays(sql.lit("2026-02-27"), 2)} AS later,
      ${e.daysBetween(sql.lit("2026-03-27"), sql.lit("2026-03-30"))} AS days`.execute(e.db);
    expect(rows[0]).toEqual({ later: "2026-03-01", days: 3 });
  });

  it("holds connections side by side as far as the pool can spare them, never waiting on itself", async () => {
    // PostgreSQL: the server process behind each connection; SQLite has one connection.
    const backend = (one: Engine) =>
      (engine === "postgres"
        ? sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`
        : sql<{ pid: number }>`SELECT 1 AS pid`
      )
        .execute(one.db)
        .then(({ rows }) => rows[0]?.pid);
    for (const [poolSize, apart] of [
      [3, 2],
      [2, 1],
      [1, 1],
    ] as const) {
      const e = await openEngine(t.url, { busyWaitMs: 300, poolSize });
      try {
        const pids = await e.onConnections(2, async (engines) => {
          expect(engines).toHaveLength(2);
          return Promise.all(engines.map(backend));
        });
        expect(new Set(pids).size).toBe(engine === "postgres" ? apart : 1);
      } finally {
        await e.close();
      }
    }
  });

  it("reads a batch of rows from one bound JSON value, in order, texts as written", async () => {
    const e = sqlOf(t.db);
    const batch = [
      [7, 'it\'s "quoted"', '{"a":[1,2]}'],
      [-3, "Zoë 🙂", "[]"],
      [12, "", "null"],
    ];
    const read = (rows: unknown[][]) =>
      sql<{ n: number; words: string; json: string }>`SELECT "n", "words", "json" FROM ${e.rowsFrom(
        JSON.stringify(rows),
        [
          ["n", "int"],
          ["words", "text"],
          ["json", "text"],
        ],
      )} AS "r"`.execute(e.db);
    expect((await read(batch)).rows).toEqual(batch.map(([n, words, json]) => ({ n, words, json })));
    expect((await read([])).rows).toEqual([]);
  });

  it.runIf(engine === "sqlite")(
    "meets another process's write lock with DatabaseBusy after the busy wait, the loop free",
    async () => {
      const e = sqlOf(t.db);
      const { released } = await holdWriteLock(t.url, 1_500);
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const started = performance.now();
      const write = e.patiently(() =>
        e.db.updateTable("Child").set({ lastName: "Changed" }).where("id", "=", 1).execute(),
      );
      await expect(write).rejects.toBeInstanceOf(DatabaseBusy);
      const waited = performance.now() - started;
      clearInterval(ticker);
      expect(waited).toBeGreaterThanOrEqual(290);
      expect(waited).toBeLessThan(1_400);
      // The wait was asynchronous: timers kept firing through it.
      expect(ticks).toBeGreaterThan(waited / 10 / 4);
      await released;
      await e.patiently(() => e.db.updateTable("Child").set({ lastName: "Changed" }).where("id", "=", 1).execute());
      expect((await t.db.child.findUniqueOrThrow({ where: { id: 1 } })).lastName).toBe("Changed");
    },
  );

  it.runIf(engine === "postgres")(
    "meets another session's row lock with DatabaseBusy after the busy wait",
    async () => {
      const e = sqlOf(t.db);
      const other = new pg.Client({ connectionString: t.url });
      await other.connect();
      try {
        await other.query("BEGIN");
        await other.query(`UPDATE "Child" SET "lastName" = 'Held' WHERE id = 2`);
        const started = performance.now();
        const write = e.patiently(() =>
          e.db.updateTable("Child").set({ lastName: "Mine" }).where("id", "=", 2).execute(),
        );
        await expect(write).rejects.toBeInstanceOf(DatabaseBusy);
        expect(performance.now() - started).toBeGreaterThanOrEqual(290);
        await other.query("ROLLBACK");
        await e.patiently(() => e.db.updateTable("Child").set({ lastName: "Mine" }).where("id", "=", 2).execute());
        expect((await t.db.child.findUniqueOrThrow({ where: { id: 2 } })).lastName).toBe("Mine");
      } finally {
        await other.end();
      }
    },
  );

  it("runs work exclusively: one holder of the lock at a time, and work that throws writes nothing", async () => {
    const e = sqlOf(t.db);
    const order: string[] = [];
    const holder = (name: string) =>
      e.exclusively(7, async (trx) => {
        order.push(`${name} in`);
        await trx.updateTable("Child").set({ localId: name }).where("id", "=", 3).execute();
        await new Promise((done) => setTimeout(done, 50));
        order.push(`${name} out`);
      });
    await Promise.all([holder("A"), holder("B")]);
    // Either may take the lock first (on PostgreSQL, whichever pooled connection asks first);
    // what must not happen is the other coming in before the first is out.
    const first = order[0]?.slice(0, 1);
    const second = first === "A" ? "B" : "A";
    expect(order).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
    const failing = e.exclusively(7, async (trx) => {
      await trx.updateTable("Child").set({ localId: "Gone" }).where("id", "=", 3).execute();
      throw new Error("refused");
    });
    await expect(failing).rejects.toThrow("refused");
    // The second holder's write is the one left; the failed work's is rolled back.
    expect((await t.db.child.findUniqueOrThrow({ where: { id: 3 } })).localId).toBe(second);
  });
});
