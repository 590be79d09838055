/**
 * `npm run bench -- scan`: the daily alert scan over 10,000 children with a whole school
 * year of register marks (~3.7 M rows) and the demo's PEPs, care reviews, exclusions,
 * placements and actions, against one raw SQL aggregate over the same marks
 * (the engine's own driver, no ORM) in the same run. The alerts, deliveries and queued jobs it
 * reports are counted in the database and in Redis. Goal: ≤ 3× the aggregate, ≤ 10 s.
 * `--engine=postgres` (or BENCH_DATABASE=postgres) runs it on a fresh PostgreSQL database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScan } from "../core/alerts/scan.js";
import { createCalendarRepo } from "../core/calendar/calendar.repo.js";
import { fixedClock } from "../core/platform/clock.js";
import { createDb } from "../core/platform/db.js";
import { defaultPolicy } from "../core/policy.js";
import { createQueues, redisConnection } from "../jobs/queues.js";
import { describeAuthority, writeBenchAuthority } from "./data.js";
import { benchDatabase, benchEngine } from "./import-db.js";
import { fmt } from "./load.js";
import { openRaw } from "./raw.js";

export async function benchScan({ quick }: { quick: boolean }) {
  const children = quick ? 1_000 : 10_000;
  // The last week of the summer term: a whole school year of marks.
  const today = "2027-07-19";
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-scan-"));
  const engine = benchEngine(process.argv.slice(2));
  const database = await benchDatabase(engine, dir, "scan");
  const { url } = database;
  const prefix = `vs-bench-${process.pid}`;
  const connection = redisConnection("redis://127.0.0.1:6379");
  const queues = createQueues(connection, prefix);
  try {
    console.log(`engine: ${engine}`);
    let started = performance.now();
    console.log(describeAuthority(await writeBenchAuthority(url, { children, today }), performance.now() - started));

    // The floor: one aggregate over the same marks on the engine's own driver, no ORM.
    const raw = await openRaw(url);
    await raw.rows(`SELECT COUNT(*) AS n FROM "AttendanceMark"`); // warm the cache
    started = performance.now();
    const groups = await raw.rows(
      `SELECT "childId", "code", COUNT(*) AS n FROM "AttendanceMark" GROUP BY "childId", "code"`,
    );
    const aggregateMs = performance.now() - started;
    await raw.close();

    const db = await createDb(url);
    const deps = {
      db,
      calendars: createCalendarRepo(db, "999"),
      policy: defaultPolicy,
      clock: fixedClock(today),
      queue: queues.port,
    };
    started = performance.now();
    const first = await runScan(deps, { registersClosed: true });
    const scanMs = performance.now() - started;
    started = performance.now();
    const second = await runScan(deps, { registersClosed: true });
    const againMs = performance.now() - started;
    // What the runs left behind, counted where it lives rather than taken from runScan's answer.
    const alerts = await db.alert.count();
    const deliveries = await db.alertDelivery.count();
    // Each person's alerts go on one digest; a child absent today, or a single alert, alone.
    const alone = await db.alertDelivery.count({ where: { postId: null } });
    const digests = await db.alertPost.count();
    const byRule = await db.alert.groupBy({ by: ["rule"], _count: { _all: true }, orderBy: { rule: "asc" } });
    const jobs = Object.values(await queues.deliveries.getJobCounts("waiting", "delayed", "prioritized")).reduce(
      (a, b) => a + b,
      0,
    );
    await db.$disconnect();

    console.log(`raw aggregate (${fmt(groups.length)} groups): ${fmt(aggregateMs)} ms`);
    console.log(
      `scan: ${fmt(scanMs)} ms  (${fmt(first.candidates)} conditions, ${fmt(first.created)} alerts, ${fmt(first.deliveries)} deliveries queued)`,
    );
    console.log(`scan again (all deduplicated, ${second.created} new): ${fmt(againMs)} ms`);
    console.log(
      `counted after both runs: ${fmt(alerts)} alerts and ${fmt(deliveries)} deliveries in the database, sent as ${fmt(digests)} digests and ${fmt(alone)} cards alone: ${fmt(jobs)} delivery jobs in Redis`,
    );
    console.log(`  alerts by rule: ${byRule.map((r) => `${r.rule} ${fmt(r._count._all)}`).join(", ")}`);
    if (
      alerts !== first.created ||
      deliveries !== first.deliveries ||
      digests !== first.digests ||
      jobs !== alone + digests ||
      second.created > 0
    )
      throw new Error("the scan's counts do not match what it wrote and queued");
    console.log(`ratio scan/aggregate: ${fmt(scanMs / aggregateMs, 2)}×  (goal ≤ 3×, ≤ 10 s)`);
  } finally {
    await queues.alerts.obliterate({ force: true }).catch(() => {});
    await queues.deliveries.obliterate({ force: true }).catch(() => {});
    await queues.close();
    await connection.quit();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
