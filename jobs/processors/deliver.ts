/**
 * deliver / updateCard: one alert card to one recipient, proactively, through the stored
 * conversation reference. The database says what is still to do (a delivery not
 * `pending` is never sent again), the pacer keeps within Teams' limits, and Teams'
 * answers steer the job: 429 → wait Retry-After (a delay, not a failed attempt);
 * 412/5xx/no answer → retry with backoff; 403/404 → retire the reference and reroute
 * the alert to the Virtual School; any other refusal for good (413) → the delivery failed.
 */
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import { alertCardView, viewerFor } from "../../bot/alert-views.js";
import type { ProactiveReference, SendResult, TeamsSender } from "../../bot/proactive.js";
import type { TabLinks } from "../../bot/views.js";
import { alertCard } from "../../cards/index.js";
import { ROLE_NAMES, type Role } from "../../core/access/roles.js";
import { loadAlertForCard } from "../../core/alerts/alert.service.js";
import type { AlertQueue } from "../../core/alerts/queue.port.js";
import { type Clock, recordedAt } from "../../core/platform/clock.js";
import type { Db } from "../../core/platform/db.js";
import type { Pacer, Reservation } from "../pacer.js";

export type DeliverDeps = {
  db: Db;
  sender: TeamsSender;
  pacer: Pacer;
  links: TabLinks;
  queue: AlertQueue;
  clock: Clock;
};

/** Waits without using an attempt: BullMQ's documented way to postpone the running job. */
async function later(job: Job, ms: number, token: string | undefined): Promise<never> {
  await job.moveToDelayed(Date.now() + Math.max(ms, 1), token);
  throw new DelayedError();
}

/** Waits shorter than this are slept inside the job: a slot frees within the second, and a
 * round trip through BullMQ's delayed set would cost more than the wait (bench/fanout.ts). */
const SLEEP_WITHIN_JOB_MS = 2_000;

/** Reserves a Teams slot for `conversationId`, sleeping through short waits. */
async function reserveSlot(
  pacer: Pacer,
  job: Job,
  token: string | undefined,
  conversationId: string,
): Promise<Reservation> {
  for (;;) {
    const slot = await pacer.take(conversationId);
    if (slot.wait === 0) return slot;
    if (slot.wait > SLEEP_WITHIN_JOB_MS) await later(job, slot.wait, token);
    await new Promise((resolve) => setTimeout(resolve, slot.wait));
  }
}

/** Counts an answered send from now (pacer.ts SETTLE); only pacing depends on it, so a failure is not the job's. */
const settle = (slot: Reservation) => slot.settle().catch(() => undefined);

async function cardActivity(
  { db, links, clock }: Pick<DeliverDeps, "db" | "links" | "clock">,
  alertId: number,
  professionalId: number | null,
) {
  const alert = await loadAlertForCard(db, alertId);
  if (!alert) throw new UnrecoverableError(`alert ${alertId} is gone`);
  const role = alert.roleOf(professionalId) ?? "other";
  // Today bounds the card's date inputs (a PEP "held on" cannot be after it).
  const card = alertCard(alertCardView(alert, viewerFor(role, true), alert.teamsUserIds, links, clock.today()));
  return {
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: card }],
  };
}

async function usableReference(db: Db, professionalId: number | null) {
  if (professionalId === null) return null;
  return db.conversationReference.findFirst({
    where: { professionalId, usable: true, scope: "personal" },
    orderBy: { updatedAt: "desc" },
  });
}

/** "Sam Patel (social worker)": whose copy of the card a rerouted one is. */
export const whose = (p: { name: string; role: string }): string => {
  const role = ROLE_NAMES[p.role as Role];
  return role ? `${p.name} (${role.toLowerCase()})` : p.name;
};

/** The recipient cannot be reached in Teams: the Virtual School (the VSH) gets the alert. */
async function reroute(
  deps: DeliverDeps,
  delivery: { id: number; alertId: number; professionalId: number | null },
  why: string,
) {
  const { db } = deps;
  const heads = await db.professional.findMany({ where: { role: "vsh", active: true }, select: { id: true } });
  const others = heads.filter((h) => h.id !== delivery.professionalId);
  const owner =
    delivery.professionalId === null
      ? null
      : await db.professional.findUnique({
          where: { id: delivery.professionalId },
          select: { name: true, role: true },
        });
  await db.alertDelivery.update({
    where: { id: delivery.id },
    data: { status: others.length > 0 ? "rerouted" : "failed", lastError: why },
  });
  if (others.length === 0) throw new UnrecoverableError(`alert ${delivery.alertId}: nobody reachable (${why})`);
  const created = await Promise.all(
    others.map((h) =>
      db.alertDelivery.upsert({
        where: { alertId_professionalId: { alertId: delivery.alertId, professionalId: h.id } },
        create: { alertId: delivery.alertId, professionalId: h.id },
        update: {},
      }),
    ),
  );
  await db.alertEvent.create({
    // Whose copy it was: the card names them, never "the recipient" (bot/alert-texts.ts).
    data: { alertId: delivery.alertId, action: "rerouted", detail: owner && whose(owner), at: deps.clock.now() },
  });
  await deps.queue.deliver(created.filter((d) => d.status === "pending").map((d) => d.id));
}

/** What to do with a refused send; returns only when the job is finished. */
async function onRefused(
  deps: DeliverDeps,
  job: Job,
  token: string | undefined,
  delivery: { id: number; alertId: number; professionalId: number | null },
  conversationId: string,
  slot: Reservation,
  result: Extract<SendResult, { ok: false }>,
): Promise<void> {
  await slot.release();
  await deps.db.alertDelivery.update({
    where: { id: delivery.id },
    data: { attempts: { increment: 1 }, lastError: `${result.status} ${result.code ?? ""}`.trim() },
  });
  if (result.status === 429) await later(job, result.retryAfterMs ?? 1_000, token);
  if (result.status === 403 || result.status === 404) {
    await deps.db.conversationReference.update({ where: { conversationId }, data: { usable: false } });
    await reroute(deps, delivery, `Teams answered ${result.status} ${result.code ?? ""}`.trim());
    return;
  }
  if (result.permanent) {
    // Sending it again would be refused again: not pending any more, so the reconciler leaves it.
    await deps.db.alertDelivery.update({ where: { id: delivery.id }, data: { status: "failed" } });
    throw new UnrecoverableError(`Teams refused the card: ${result.status} ${result.code ?? ""}`);
  }
  throw new Error(`Teams answered ${result.status || "nothing"}; will retry`);
}

export async function deliver(deps: DeliverDeps, job: Job<{ deliveryId: number }>, token?: string): Promise<string> {
  const { db, sender, pacer } = deps;
  const delivery = await db.alertDelivery.findUnique({ where: { id: job.data.deliveryId } });
  if (!delivery) throw new UnrecoverableError(`delivery ${job.data.deliveryId} does not exist`);
  if (delivery.status !== "pending") return `already ${delivery.status}`;
  const ref = await usableReference(db, delivery.professionalId);
  if (!ref) {
    await reroute(deps, delivery, "no Teams conversation with the recipient");
    return "rerouted";
  }
  // The card first, so the send follows the granted slot at once.
  const activity = await cardActivity(deps, delivery.alertId, delivery.professionalId);
  const slot = await reserveSlot(pacer, job, token, ref.conversationId);
  const result = await sender.send(JSON.parse(ref.reference) as ProactiveReference, activity);
  if (!result.ok) {
    await onRefused(deps, job, token, delivery, ref.conversationId, slot, result);
    return "rerouted";
  }
  await settle(slot);
  await db.alertDelivery.update({
    where: { id: delivery.id },
    data: {
      status: "sent",
      activityId: result.activityId,
      conversationId: ref.conversationId,
      sentAt: recordedAt(),
      attempts: { increment: 1 },
      lastError: null,
    },
  });
  return "sent";
}

export async function updateCard(deps: DeliverDeps, job: Job<{ deliveryId: number }>, token?: string): Promise<string> {
  const { db, sender, pacer } = deps;
  const delivery = await db.alertDelivery.findUnique({ where: { id: job.data.deliveryId } });
  if (!delivery?.activityId || !delivery.conversationId) return "nothing sent to update";
  const ref = await db.conversationReference.findUnique({ where: { conversationId: delivery.conversationId } });
  if (!ref?.usable) return "conversation no longer usable";
  const activity = await cardActivity(deps, delivery.alertId, delivery.professionalId);
  const slot = await reserveSlot(pacer, job, token, ref.conversationId);
  const result = await sender.update(JSON.parse(ref.reference) as ProactiveReference, delivery.activityId, activity);
  if (result.ok) {
    await settle(slot);
    return "updated";
  }
  await slot.release();
  if (result.status === 429) await later(job, result.retryAfterMs ?? 1_000, token);
  if (result.status === 403 || result.status === 404) {
    await db.conversationReference.update({ where: { conversationId: ref.conversationId }, data: { usable: false } });
    return "conversation gone";
  }
  if (result.permanent) throw new UnrecoverableError(`Teams refused the update: ${result.status}`);
  throw new Error(`Teams answered ${result.status || "nothing"}; will retry`);
}
