/**
 * When the whole-school jobs run (England's time). Upserted at start-up: idempotent, so
 * every instance may call it. The scan runs on weekdays after registers close; it raises
 * attendance alerts only on school days (the calendar decides, not the cron).
 */
import type { Queue } from "bullmq";

const tz = "Europe/London";

export async function upsertSchedules(alerts: Queue): Promise<void> {
  await alerts.upsertJobScheduler(
    "scan-school-days",
    { pattern: "30 10 * * 1-5", tz },
    { name: "scan", data: { registersClosed: true } },
  );
  await alerts.upsertJobScheduler(
    "escalate-afternoons",
    { pattern: "0 16 * * 1-5", tz },
    { name: "escalate", data: {} },
  );
  await alerts.upsertJobScheduler("reconcile", { every: 5 * 60_000 }, { name: "reconcile", data: {} });
}
