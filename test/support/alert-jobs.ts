/**
 * Helpers for alert tests on the real queues: write an alert to the outbox, start a worker
 * process on a clock of its own, run a whole-school job to its end, wait until a queue has
 * nothing left to do, answer a card as Teams posts an Action.Execute, and read which alert
 * a card sent to the stub is about.
 */
import type { Queue } from "bullmq";
import { createRuntime, type Runtime } from "../../api/runtime.js";
import type { AlertRule } from "../../core/alerts/alert.types.js";
import { writeAlerts } from "../../core/alerts/outbox.js";
import type { Clock } from "../../core/platform/clock.js";
import { loadConfig } from "../../core/platform/config.js";
import type { Db } from "../../core/platform/db.js";
import type { Json, TestApp } from "./app.js";
import type { ConnectorCall } from "./connector-stub.js";
import { message, post, type TeamsUser } from "./teams.js";
import { until } from "./wait.js";

let serial = 0;

export type OutboxAlert = { alertId: number; deliveryIds: number[] };

/**
 * An alert about `childId` for `recipientIds`, written to the outbox (alert and pending
 * deliveries) as the scan writes it, raised at `raisedAt`; nothing is queued.
 */
export async function outboxAlert(
  db: Db,
  opts: {
    childId: number;
    recipientIds: number[];
    raisedAt: Date;
    rule?: AlertRule;
    details?: Record<string, string | number | boolean | null>;
  },
): Promise<OutboxAlert> {
  serial += 1;
  const rule = opts.rule ?? "pep_review_due";
  const period = `test-${serial}`;
  const dedupeKey = `${opts.childId}:${rule}:${period}`;
  const { deliveryIds } = await writeAlerts(
    db,
    [
      {
        childId: opts.childId,
        rule,
        period,
        dedupeKey,
        severity: "amber",
        recipients: ["social_worker"],
        details: opts.details ?? { dueDate: "2026-12-18" },
        recipientIds: opts.recipientIds,
      },
    ],
    opts.raisedAt,
  );
  const alert = await db.alert.findUniqueOrThrow({ where: { dedupeKey } });
  expectLength(deliveryIds, opts.recipientIds.length, "deliveries written");
  return { alertId: alert.id, deliveryIds };
}

function expectLength(list: readonly unknown[], n: number, what: string): void {
  if (list.length !== n) throw new Error(`${what}: expected ${n}, got ${list.length}`);
}

/** A worker-only process (ROLE=worker) over the test app's database and queues, on `clock`. */
export function startWorker(t: TestApp, clock: Clock, schedules = false): Promise<Runtime> {
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: t.database.url,
    QUEUE_PREFIX: t.prefix,
    LOG_LEVEL: "silent",
    ROLE: "worker",
    SEED_DEMO: "false",
  });
  return createRuntime({ config, db: t.database.db, clock, schedules });
}

/** Adds a whole-school job (scan, escalate, reconcile) and resolves with its result once it completed. */
export async function runJob(queue: Queue, name: string, data: object = {}): Promise<Json> {
  const added = await queue.add(name, data);
  const id = added.id ?? "";
  const state = await until(`the ${name} job to finish`, async () => {
    const s = await queue.getJobState(id);
    return s === "completed" || s === "failed" ? s : undefined;
  });
  const job = await queue.getJob(id);
  if (state === "failed") throw new Error(`the ${name} job failed: ${job?.failedReason}`);
  return job?.returnvalue;
}

/** Resolves once `queue` has no job waiting, running or delayed: nothing more will be sent. */
export function quiet(queue: Queue, timeoutMs?: number): Promise<true> {
  return until(
    `the ${queue.name} queue to go quiet`,
    async () => {
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
      return Object.values(counts).every((n) => n === 0);
    },
    timeoutMs,
  );
}

/** The alert a card sent or updated at the stub is about (its refresh action names it). */
export function alertIdOf(call: ConnectorCall): number | undefined {
  const card = call.body.attachments?.[0]?.content as { refresh?: { action?: { data?: { alertId?: unknown } } } };
  const id = card?.refresh?.action?.data?.alertId;
  return id === undefined ? undefined : Number(id);
}

/** Whether a sent card shows this alert: its own card, or a digest holding it (a button names it). */
export function showsAlert(call: ConnectorCall, alertId: number): boolean {
  if (alertIdOf(call) === alertId) return true;
  const card = call.body.attachments?.[0]?.content;
  return JSON.stringify(card ?? {}).includes(`"verb":"alert.open","data":{"alertId":${alertId},`);
}

/** The digest a sent card is (its refresh names it), if it is one. */
export function postIdOf(call: ConnectorCall): number | undefined {
  const card = call.body.attachments?.[0]?.content as { refresh?: { action?: { data?: { postId?: unknown } } } };
  const id = card?.refresh?.action?.data?.postId;
  return id === undefined ? undefined : Number(id);
}

/**
 * Answers an alert card as Teams posts an Action.Execute (Universal Actions): an invoke
 * `adaptiveCard/action` whose data holds the card's data and the inputs, as strings.
 */
export async function answerCard(
  base: string,
  serviceUrl: string,
  who: TeamsUser,
  verb: string,
  data: Record<string, string | number | boolean>,
): Promise<{ status: number; body: Json }> {
  const { text: _text, ...activity } = message(who, serviceUrl, "");
  const res = await post(base, {
    ...activity,
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data } },
  });
  return { status: res.status, body: res.status === 200 ? await res.json() : undefined };
}
