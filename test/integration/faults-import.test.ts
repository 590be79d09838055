/**
 * Faults, issue 13 item 7: the server killed with SIGKILL in the middle of an import, then
 * started again and the same file imported again. Attendance is written in transactions of
 * MARKS_PER_BATCH marks, each all or nothing, by upsert: the killed run leaves whole
 * batches and no half-written one, the database is sound, the audit chain unbroken, and
 * the re-run stores what is missing and duplicates nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../core/access/audit-chain.js";
import { signDevToken } from "../../core/access/tokens.js";
import { MARKS_PER_BATCH } from "../../core/imports/attendance-write.js";
import { addDays } from "../../core/platform/dates.js";
import { sqlitePath } from "../../core/platform/migrate.js";
import { TEST_SECRET } from "../support/app.js";
import { createTestDb, TEST_ENGINE, type TestDb } from "../support/db.js";
import { addBareChildren } from "../support/factories.js";
import { type Spawned, spawnTs } from "../support/faults-spawn.js";
import { uniquePrefix } from "../support/redis.js";
import { until } from "../support/wait.js";

const CHILDREN = 400;
const DAYS = 200;
const ROWS = CHILDREN * DAYS * 2;
const VSH = "vsh@faults.local";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the server killed with SIGKILL mid-import", () => {
  let database: TestDb;
  let server: Spawned | null = null;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), "vs-faults-import-"));
  const feed = join(dir, "feed.csv");
  const prefix = uniquePrefix();

  beforeAll(async () => {
    database = await createTestDb("faults-import");
    const { db } = database;
    await db.professional.create({ data: { email: VSH, role: "vsh", name: "Head", aadObjectId: "aad-vsh" } });
    const localIds = [...(await addBareChildren(db, CHILDREN, "K")).keys()].sort();
    // Child by child, as a register export for a year: many batches.
    const lines = ["child,date,session,code"];
    for (const localId of localIds)
      for (let d = 0; d < DAYS; d++) {
        const date = addDays("2025-09-01", d);
        lines.push(`${localId},${date},AM,/`, `${localId},${date},PM,\\`);
      }
    writeFileSync(feed, `${lines.join("\n")}\n`);
    port = await freePort();
  });
  afterAll(async () => {
    await server?.kill();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () =>
    spawnTs(
      "api/server.ts",
      {
        NODE_ENV: "test",
        ROLE: "api",
        PORT: String(port),
        DATABASE_URL: database.url,
        QUEUE_PREFIX: prefix,
        DEV_AUTH_SECRET: TEST_SECRET,
        SEED_DEMO: "false",
        LOG_LEVEL: "info",
      },
      "Virtual School in Teams is at",
    );

  const upload = async () => {
    const form = new FormData();
    form.append("file", new Blob([readFileSync(feed)], { type: "text/csv" }), "feed.csv");
    const token = await signDevToken(new TextEncoder().encode(TEST_SECRET), VSH);
    return fetch(`http://127.0.0.1:${port}/api/imports/attendance`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  };

  it("leaves whole batches only, a sound database and audit chain, and a re-run that completes without duplicates", {
    timeout: 90_000,
  }, async () => {
    server = await start();
    // SQLite: a reader of its own beside the server's writer. PostgreSQL: Prisma's pool.
    const peek = TEST_ENGINE === "sqlite" ? new Database(sqlitePath(database.url), { readonly: true }) : null;
    const marks = async () =>
      peek
        ? (peek.prepare(`SELECT COUNT(*) AS n FROM "AttendanceMark"`).get() as { n: number }).n
        : await database.db.attendanceMark.count();
    const first = upload().catch(() => null);
    // Killed once the first batch has landed, while later ones are still to come.
    const started = performance.now();
    await until("the first batch to land", async () => (await marks()) > 0, 30_000);
    const killedAfterMs = performance.now() - started;
    await server.kill("SIGKILL");
    await first;
    const atKill = await marks();
    peek?.close();

    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(ROWS);
    // Whole batches only: never part of one.
    expect(atKill % MARKS_PER_BATCH).toBe(0);
    if (TEST_ENGINE === "sqlite") {
      const integrity = await database.db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
      expect(integrity[0]?.integrity_check).toBe("ok");
    }
    expect((await verifyAuditChain(database.db)).broken).toBeNull();

    server = await start();
    const rerunStarted = performance.now();
    const again = await upload();
    const rerunMs = performance.now() - rerunStarted;
    expect(again.status).toBe(200);
    const report = (await again.json()) as { summary: { tables: { marks: object } } };
    expect(report.summary.tables.marks).toMatchObject({
      created: ROWS - atKill,
      unchanged: atKill,
      updated: 0,
      rejected: 0,
    });

    const stored = await database.db.attendanceMark.count();
    const distinct = await database.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT COUNT(*) AS n FROM (SELECT DISTINCT "childId", "date", "session" FROM "AttendanceMark") AS d`,
    );
    expect(stored).toBe(ROWS);
    expect(Number(distinct[0]?.n)).toBe(ROWS);
    expect((await verifyAuditChain(database.db)).broken).toBeNull();
    // Each child audited once, by the run that wrote their marks: a child's 400 marks never
    // straddle a batch (MARKS_PER_BATCH is a multiple of 400), so no child is in both runs.
    expect(MARKS_PER_BATCH % (DAYS * 2)).toBe(0);
    const audits = await database.db.auditEvent.groupBy({ by: ["childId"], where: { action: "import" }, _count: true });
    expect(audits).toHaveLength(CHILDREN);
    expect(audits.every((a) => a._count === 1)).toBe(true);
    console.log(
      `faults: server killed mid-import after ${Math.round(killedAfterMs)} ms: ${atKill} of ${ROWS} marks stored (whole batches of ${MARKS_PER_BATCH}), database and audit chain sound; re-run after restart in ${Math.round(rerunMs)} ms: ${ROWS - atKill} created, ${atKill} unchanged, 0 duplicated, 0 lost`,
    );
  });
});
