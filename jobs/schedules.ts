/**
 * When the whole-school jobs run (England's time). Upserted at start-up: idempotent, so
 * every instance may call it. The scan runs twice on weekdays, after each register has
 * closed (the policy's defaults, 09:30 and 13:45, are the latest a school may close them:
 * 30 minutes into each session); it raises attendance alerts only on school days (the
 * calendar decides, not the cron). Neither job says which registers have closed: the scan
 * reads the clock when it runs, so a job held up in the queue judges the hour it runs at.
 * The afternoon scan finds the afternoon's concerns; absence today alerts once a child a
 * day, so a child the morning scan found is not alerted again.
 */
import type { Queue } from "bullmq";

const tz = "Europe/London";

export async function upsertSchedules(alerts: Queue): Promise<void> {
  await alerts.upsertJobScheduler("scan-school-days", { pattern: "30 10 * * 1-5", tz }, { name: "scan", data: {} });
  await alerts.upsertJobScheduler("scan-afternoons", { pattern: "15 14 * * 1-5", tz }, { name: "scan", data: {} });
  await alerts.upsertJobScheduler(
    "escalate-afternoons",
    { pattern: "0 16 * * 1-5", tz },
    { name: "escalate", data: {} },
  );
  await alerts.upsertJobScheduler("reconcile", { every: 5 * 60_000 }, { name: "reconcile", data: {} });
}
