/**
 * When the whole-school jobs run (England's time). Upserted at start-up: idempotent, so
 * every instance may call it, and a changed policy moves the scans at the next start. The
 * scan runs twice on weekdays, `SCAN_AFTER_CLOSE_MINUTES` after each register closes
 * (the policy's `registerMorningClosesAt` and `registerAfternoonClosesAt`: by default
 * 09:30 and 13:45, so 10:15 and 14:30), giving a school time to send the register it has
 * just closed; it raises attendance alerts only on school days (the calendar decides, not
 * the cron). Neither job says which registers have closed: the scan reads the clock when
 * it runs, so a job held up in the queue judges the hour it runs at. The afternoon scan
 * finds the afternoon's concerns: a child whose morning already raised an alert is not
 * alerted again, one put in school this morning and missing this afternoon is
 * (core/alerts/absence-alerts.rules.ts).
 */
import type { Queue } from "bullmq";
import { Redis } from "ioredis";
import { msOfDay } from "../core/attendance/registers.js";
import type { Policy } from "../core/policy.js";

const tz = "Europe/London";

/** How long after a register closes the scan reads it. */
export const SCAN_AFTER_CLOSE_MINUTES = 45;

/**
 * The weekday cron pattern `SCAN_AFTER_CLOSE_MINUTES` after `closesAt` ("HH:MM", England).
 * A register closing after 23:14 is scanned at 23:59, on its own day, not the next.
 */
export function scanPattern(closesAt: string): string {
  const at = Math.min(msOfDay(closesAt) / 60_000 + SCAN_AFTER_CLOSE_MINUTES, 24 * 60 - 1);
  return `${at % 60} ${Math.floor(at / 60)} * * 1-5`;
}

/** Queues whose schedules are put back after Redis comes back (once per queue). */
const kept = new WeakSet<Queue>();

/**
 * Upserts the schedules, and again whenever the queue's Redis connection comes back after
 * being lost: a Redis restarted without persistence forgets its job schedulers, and the
 * scans would otherwise stop until the next start-up.
 */
export async function upsertSchedules(alerts: Queue, policy: Policy): Promise<void> {
  await upsertAll(alerts, policy);
  const connection = alerts.opts.connection;
  if (kept.has(alerts) || !(connection instanceof Redis)) return;
  kept.add(alerts);
  let lost = false;
  connection.on("close", () => {
    lost = true;
  });
  connection.on("ready", () => {
    if (!lost) return;
    lost = false;
    // The next reconnection tries again; the queue reports its own errors.
    upsertAll(alerts, policy).catch((err: unknown) => alerts.emit("error", err as Error));
  });
}

async function upsertAll(alerts: Queue, policy: Policy): Promise<void> {
  const scan = { name: "scan", data: {} };
  await alerts.upsertJobScheduler(
    "scan-school-days",
    { pattern: scanPattern(policy.registerMorningClosesAt), tz },
    scan,
  );
  await alerts.upsertJobScheduler(
    "scan-afternoons",
    { pattern: scanPattern(policy.registerAfternoonClosesAt), tz },
    scan,
  );
  await alerts.upsertJobScheduler(
    "escalate-afternoons",
    { pattern: "0 16 * * 1-5", tz },
    { name: "escalate", data: {} },
  );
  await alerts.upsertJobScheduler("reconcile", { every: 5 * 60_000 }, { name: "reconcile", data: {} });
}
