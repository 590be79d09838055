/**
 * A whole-school job that meets a busy database is tried again, not lost (issue 14: a
 * scan of 10,000 children failed for good on DatabaseBusy). On the real Redis: the alerts
 * queue's jobs, added or scheduled, carry attempts and a backoff; and a scan whose first
 * run meets another writer's lock past the busy wait runs again and writes its alerts once.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import { DatabaseBusy } from "../../core/platform/db.js";
import { defaultPolicy } from "../../core/policy.js";
import { upsertSchedules } from "../../jobs/schedules.js";
import { startWorker } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { buildSmallAuthority, TODAY } from "../support/factories.js";
import { until } from "../support/wait.js";

let t: TestApp;

beforeAll(async () => {
  // The API alone: nothing takes a job until a test starts a worker.
  t = await startTestApp({ today: TODAY, env: { DATABASE_BUSY_WAIT_MS: "300" } });
  await buildSmallAuthority(t.database.db);
});
afterAll(() => t.close());

/**
 * Another connection keeps alerts from being written until released: SQLite's write lock
 * (the app's connection never waits synchronously, so holding it here freezes nothing), or
 * on PostgreSQL a lock on the Alert table that lets reads through.
 */
async function holdAlertWrites(url: string): Promise<{ release(): Promise<void> }> {
  if (url.startsWith("file:")) {
    const sqlite = new Database(url.slice("file:".length));
    sqlite.exec("BEGIN IMMEDIATE");
    return {
      async release() {
        sqlite.exec("COMMIT");
        sqlite.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`LOCK TABLE "Alert" IN SHARE ROW EXCLUSIVE MODE`);
  return {
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

describe("the alerts queue's jobs", () => {
  it("are retried with a backoff, whether added or scheduled", async () => {
    const alerts = t.runtime.queues.alerts;
    const added = await alerts.add("reconcile", {});
    try {
      expect(added.opts.attempts).toBeGreaterThan(1);
      expect(added.opts.backoff).toMatchObject({ type: "exponential" });
      await upsertSchedules(alerts, defaultPolicy);
      const scheduled = await alerts.getJobScheduler("scan-school-days");
      expect(scheduled?.template?.opts?.attempts).toBe(added.opts.attempts);
      expect(scheduled?.template?.opts?.backoff).toEqual(added.opts.backoff);
    } finally {
      await added.remove();
      for (const s of await alerts.getJobSchedulers()) await alerts.removeJobScheduler(s.key);
    }
  });

  it("a scan that meets DatabaseBusy runs again and writes its alerts once", async () => {
    const db = t.database.db;
    const worker = await startWorker(t, fixedClock(TODAY));
    const lock = await holdAlertWrites(t.database.url);
    // The lock lasts until the first run has met it and failed.
    const failures: unknown[] = [];
    let released: Promise<void> | undefined;
    worker.workers?.alerts.on("failed", (_job, err) => {
      failures.push(err);
      released ??= lock.release();
    });
    try {
      // The queue's attempts; a short backoff, so that the test need not wait the real one.
      const job = await t.runtime.queues.alerts.add(
        "scan",
        { registersClosed: true },
        { backoff: { type: "fixed", delay: 400 } },
      );
      const state = await until("the scan to finish", async () => {
        const s = await t.runtime.queues.alerts.getJobState(job.id ?? "");
        return s === "completed" || s === "failed" ? s : undefined;
      });
      await released;
      const done = await t.runtime.queues.alerts.getJob(job.id ?? "");
      expect(state, done?.failedReason).toBe("completed");
      // A retry may still meet the lock while it is being released: each failure was the busy wait.
      expect(failures.length).toBeGreaterThan(0);
      for (const err of failures) expect(err).toBeInstanceOf(DatabaseBusy);
      expect(done?.attemptsMade).toBe(failures.length + 1);
      // The run that met the lock wrote nothing: the one that ran through wrote every alert.
      // (Deliveries are not counted: the worker goes on to reroute those nobody can receive.)
      const result = done?.returnvalue as { created: number };
      expect(result.created).toBeGreaterThan(0);
      expect(await db.alert.count()).toBe(result.created);
    } finally {
      await (released ?? lock.release());
      await worker.close();
    }
  });
});
