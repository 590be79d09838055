/**
 * The scan's outbox on PostgreSQL after a database-wide ANALYZE that found the alert tables
 * empty (as the scan bench's fresh database has it, or an operator's ANALYZE before the
 * first scan): a delivery's foreign-key check finds its alert by the primary key. Written
 * in batches of 200, the check's plan, made on the first batch and kept by the connection,
 * read the whole Alert table for every delivery: 22 M rows read for a 10,000-child scan's
 * 9,559 deliveries, seconds (bench/scan.ts). Run on PostgreSQL whatever TEST_DATABASE says
 * (SQLite has no planner statistics to go stale).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAlerts } from "../../core/alerts/outbox.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { childAndWorkers, plannedAlert } from "../support/outbox-rows.js";
import { until } from "../support/wait.js";

const ALERTS = 1_000;

describe("the scan's outbox on PostgreSQL, its tables analyzed empty", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("outbox-plans", { engine: "postgres" });
  });
  afterAll(async () => t?.close());

  it("checks each delivery's alert by its key, not by reading every alert", async () => {
    const { childId, workerIds } = await childAndWorkers(t.db, ["sw@x", "dt@x"]);
    await t.db.$executeRawUnsafe("ANALYZE");
    const planned = Array.from({ length: ALERTS }, (_, i) => plannedAlert(childId, i, workerIds));
    const written = await writeAlerts(t.db, planned, new Date("2026-11-30T07:00:00Z"));
    expect(written.alerts).toBe(ALERTS);
    expect(written.deliveries).toHaveLength(ALERTS * 2);

    // The pool's sessions end, so each sends the server its statistics of the rows it read.
    await t.db.$disconnect();
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      const alertTable = async () =>
        (
          await client.query<{ inserted: string; read: string }>(
            `SELECT n_tup_ins AS inserted, seq_tup_read AS read FROM pg_stat_user_tables WHERE relname = 'Alert'`,
          )
        ).rows[0];
      await until("the sessions' statistics", async () => Number((await alertTable())?.inserted) === ALERTS);
      // Batches of 200 read ~1,000,000 rows here (each delivery's check scanned the table so far).
      expect(Number((await alertTable())?.read)).toBeLessThan(ALERTS);
    } finally {
      await client.end();
    }
  });
});
