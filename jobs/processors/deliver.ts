/**
 * deliver / updateCard: one alert card to one recipient, proactively, through the stored
 * conversation reference. The database says what is still to do (a delivery not
 * `pending` is never sent again), the pacer keeps within Teams' limits, and Teams'
 * answers steer the job: 429 → wait Retry-After (a delay, not a failed attempt);
 * 412/5xx/no answer → retry with backoff; 403/404 → retire the reference and reroute
 * the alert to the Virtual School; any other refusal for good (413) → the delivery failed.
 */
import { type Job, UnrecoverableError } from "bullmq";
import { alertCard } from "../../cards/index.js";
import { alertCardView, viewerFor } from "../../cards/views/alert-views.js";
import { loadAlertForCard } from "../../core/alerts/alert.service.js";
import { msUntilDue } from "../../core/alerts/queue.port.js";
import type { ProactiveReference } from "../../core/alerts/sender.port.js";
import { recordedAt } from "../../core/platform/clock.js";
import { updatePost } from "./deliver-post.js";
import { rerouteToHeads } from "./reroute.js";
import {
  cardMessage,
  type DeliverDeps,
  later,
  onRefused,
  recordAccepted,
  replaceAndRecord,
  replaceCard,
  reserveSlot,
  shownAudit,
  usableReference,
} from "./send.js";

export type { DeliverDeps } from "./send.js";

async function cardActivity(
  { db, links, clock }: Pick<DeliverDeps, "db" | "links" | "clock">,
  alertId: number,
  professionalId: number | null,
) {
  const alert = await loadAlertForCard(db, alertId);
  if (!alert) throw new UnrecoverableError(`alert ${alertId} is gone`);
  const role = alert.roleOf(professionalId) ?? "other";
  // Today bounds the card's date inputs (a PEP "held on" cannot be after it).
  return cardMessage(alertCard(alertCardView(alert, viewerFor(role, true), alert.teamsUserIds, links, clock.today())));
}

export async function deliver(deps: DeliverDeps, job: Job<{ deliveryId: number }>, token?: string): Promise<string> {
  const { db, sender, pacer } = deps;
  const delivery = await db.alertDelivery.findUnique({ where: { id: job.data.deliveryId } });
  if (!delivery) throw new UnrecoverableError(`delivery ${job.data.deliveryId} does not exist`);
  if (delivery.status !== "pending") return `already ${delivery.status}`;
  // A copy inside a digest is the digest's to send (deliver-post.ts).
  if (delivery.postId !== null) return "in a digest";
  // A reminder not yet due (its follow-up date's morning) waits again, without using an attempt.
  const wait = msUntilDue(delivery.dueAt, deps.clock.now());
  if (wait > 0) await later(job, wait, token);
  const ref = await usableReference(db, delivery.professionalId);
  if (!ref) {
    await rerouteToHeads(deps, [delivery], "no Teams conversation with the recipient");
    return "rerouted";
  }
  // The card and its audit first, so the send follows the granted slot at once.
  const activity = await cardActivity(deps, delivery.alertId, delivery.professionalId);
  await (await shownAudit(deps, delivery.professionalId, [delivery.alertId]))();
  const slot = await reserveSlot(pacer, job, token, ref.conversationId);
  const result = await sender.send(JSON.parse(ref.reference) as ProactiveReference, activity);
  if (!result.ok) {
    await onRefused(deps, job, token, ref.conversationId, slot, result, {
      attempted: async (error) => {
        await db.alertDelivery.update({
          where: { id: delivery.id },
          data: { attempts: { increment: 1 }, lastError: error },
        });
      },
      reroute: (why) => rerouteToHeads(deps, [delivery], why),
      failed: async () => {
        await db.alertDelivery.update({ where: { id: delivery.id }, data: { status: "failed" } });
      },
    });
    return "rerouted";
  }
  await recordAccepted(slot, () =>
    db.alertDelivery.update({
      where: { id: delivery.id },
      data: {
        status: "sent",
        activityId: result.activityId,
        conversationId: ref.conversationId,
        sentAt: recordedAt(),
        attempts: { increment: 1 },
        lastError: null,
      },
    }),
  );
  return "sent";
}

export async function updateCard(deps: DeliverDeps, job: Job<{ deliveryId: number }>, token?: string): Promise<string> {
  // The card is built from the record as it is from here on: staleness up to now is cured.
  const since = recordedAt();
  const delivery = await deps.db.alertDelivery.findUnique({ where: { id: job.data.deliveryId } });
  // A copy inside a digest is the digest's to show.
  if (delivery?.postId != null) return updatePost(deps, job, token, delivery.postId);
  if (!delivery?.activityId || !delivery.conversationId) return "nothing sent to update";
  const { activityId, conversationId } = delivery;
  const audited = await shownAudit(deps, delivery.professionalId, [delivery.alertId]);
  return replaceAndRecord(deps, { deliveryId: delivery.id }, since, () =>
    replaceCard(
      deps,
      job,
      token,
      { activityId, conversationId },
      () => cardActivity(deps, delivery.alertId, delivery.professionalId),
      audited,
    ),
  );
}
