/**
 * What every proactive send shares (deliver.ts: an alert's own copy; deliver-post.ts: a
 * digest or an alert put to the school): the deps, Teams' pacing, the stored conversation,
 * what a refusal does, and replacing a sent card.
 */
import { DelayedError, type Job, UnrecoverableError } from "bullmq";
import type { TabLinks } from "../../cards/views/tab-links.js";
import type { AuditLog } from "../../core/access/audit.js";
import { cardShown } from "../../core/alerts/posts.js";
import type { AlertQueue } from "../../core/alerts/queue.port.js";
import type { ProactiveReference, SendResult, TeamsSender } from "../../core/alerts/sender.port.js";
import { type Clock, elapsedMs } from "../../core/platform/clock.js";
import type { Db } from "../../core/platform/db.js";
import type { Pacer, Reservation } from "../pacer.js";

export type DeliverDeps = {
  db: Db;
  sender: TeamsSender;
  pacer: Pacer;
  links: TabLinks;
  queue: AlertQueue;
  clock: Clock;
  audit: AuditLog;
};

/** Writes the audit of what a card shows; called just before each send or replacement. */
export type ShownAudit = () => Promise<void>;

/**
 * A card sent to a person, or replaced in their chat, shows them the children its alerts
 * are about: audited as their read (`read_alerts`, channel `bot`), as the cards they ask
 * the bot for are. Ids only. The row is written before the card goes (`audited()` just
 * before the send), outside the send's record: through the audit's grouped path (audit.ts:
 * on PostgreSQL the rows of every send then waiting go under one take of the chain's lock,
 * on SQLite synchronous appends on the SQL layer's connection), so sends do not queue one by one on the chain's
 * lock, and a card in a chat is never without its row, even when the worker dies between
 * Teams' answer and the record. An audit that fails fails the job before anything is sent.
 * A send Teams then refuses (429, 5xx, 403), or one postponed past a long pacing wait,
 * leaves a row for an attempt not shown: it can overstate what a recipient of the card
 * was shown, by an attempt; it never understates.
 */
export async function shownAudit(
  { db, audit }: Pick<DeliverDeps, "db" | "audit">,
  professionalId: number | null,
  alertIds: readonly number[],
): Promise<ShownAudit> {
  if (professionalId === null || alertIds.length === 0) return async () => undefined;
  const [person, alerts] = await Promise.all([
    db.professional.findUnique({ where: { id: professionalId }, select: { role: true } }),
    db.alert.findMany({ where: { id: { in: [...alertIds] } }, select: { childId: true } }),
  ]);
  const childIds = [...new Set(alerts.map((a) => a.childId))].sort((a, b) => a - b);
  const actor = { id: professionalId, role: person?.role ?? "unknown", channel: "bot" };
  return () => audit.record(actor, "read_alerts", childIds);
}

/**
 * Replaces a sent card (`replace`: replaceCard, which audits it first), then records it
 * as no longer stale as of `since`. A card Teams refuses for good is no longer stale either
 * (nothing will replace it), so the reconciler stops asking.
 */
export async function replaceAndRecord(
  deps: Pick<DeliverDeps, "db">,
  card: { deliveryId: number } | { postId: number },
  since: Date,
  replace: () => Promise<string>,
): Promise<string> {
  let outcome: string;
  try {
    outcome = await replace();
  } catch (err) {
    if (err instanceof UnrecoverableError) await cardShown(deps.db, card, since);
    throw err;
  }
  if (outcome === "updated") await recordSent(() => cardShown(deps.db, card, since));
  else await cardShown(deps.db, card, since);
  return outcome;
}

/**
 * After Teams took a card: records it (`write`, which keeps trying: recordSent) at once,
 * the pacer's settle beside it rather than before it, so the moment a worker's death would
 * leave a sent card unrecorded (to be sent again) is as short as one write.
 */
export async function recordAccepted<T>(slot: Reservation, write: () => Promise<T>): Promise<T> {
  const [result] = await Promise.all([recordSent(write), settle(slot)]);
  return result;
}

/** Waits without using an attempt: BullMQ's documented way to postpone the running job. */
export async function later(job: Job, ms: number, token: string | undefined): Promise<never> {
  await job.moveToDelayed(elapsedMs() + Math.max(ms, 1), token);
  throw new DelayedError();
}

/** Waits shorter than this are slept inside the job: a slot frees within the second, and a
 * round trip through BullMQ's delayed set would cost more than the wait (bench/fanout.ts). */
const SLEEP_WITHIN_JOB_MS = 2_000;

/** Reserves a Teams slot for `conversationId`, sleeping through short waits. */
export async function reserveSlot(
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

/** How long recording a send that Teams accepted keeps trying before it gives up. */
const RECORD_SENT_FOR_MS = 30_000;

/**
 * Records a send Teams has accepted. The card cannot be taken back, so a failure here (the
 * database locked by an import or another process for longer than its busy wait) must not
 * fail the job: the retry would find the row still pending and send the card again. It
 * is tried again, with growing pauses, for up to RECORD_SENT_FOR_MS.
 */
export async function recordSent<T>(write: () => Promise<T>, forMs = RECORD_SENT_FOR_MS): Promise<T> {
  const until = elapsedMs() + forMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
    try {
      return await write();
    } catch (err) {
      if (elapsedMs() + pause > until) throw err;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Counts an answered send from now (pacer.ts SETTLE); only pacing depends on it, so a failure is not the job's. */
export const settle = (slot: Reservation) => slot.settle().catch(() => undefined);

export async function usableReference(db: Db, professionalId: number | null) {
  if (professionalId === null) return null;
  return db.conversationReference.findFirst({
    where: { professionalId, usable: true, scope: "personal" },
    orderBy: { updatedAt: "desc" },
  });
}

/** A proactive message carrying one Adaptive Card. */
export const cardMessage = (content: object) => ({
  type: "message",
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content }],
});

/** What a refused send does to the thing being sent (a delivery, or a post: deliver-post.ts). */
export type Refusal = {
  /** Counts the attempt and keeps Teams' answer. */
  attempted(error: string): Promise<void>;
  /** The person cannot be reached: the Virtual School gets it instead. */
  reroute(why: string): Promise<void>;
  /** Refused for good: not pending any more, so the reconciler leaves it. */
  failed(): Promise<void>;
};

/** What to do with a refused send; returns only when the job is finished. */
export async function onRefused(
  deps: Pick<DeliverDeps, "db">,
  job: Job,
  token: string | undefined,
  conversationId: string,
  slot: Reservation,
  result: Extract<SendResult, { ok: false }>,
  refusal: Refusal,
): Promise<void> {
  await slot.release();
  await refusal.attempted(`${result.status} ${result.code ?? ""}`.trim());
  if (result.status === 429) await later(job, result.retryAfterMs ?? 1_000, token);
  if (result.status === 403 || result.status === 404) {
    await deps.db.conversationReference.update({ where: { conversationId }, data: { usable: false } });
    await refusal.reroute(`Teams answered ${result.status} ${result.code ?? ""}`.trim());
    return;
  }
  if (result.permanent) {
    await refusal.failed();
    throw new UnrecoverableError(`Teams refused the card: ${result.status} ${result.code ?? ""}`);
  }
  throw new Error(`Teams answered ${result.status || "nothing"}; will retry`);
}

/** Replaces a sent card (`activityId` in the conversation `conversationId`) with `activity`, audited first (`audited`). */
export async function replaceCard(
  deps: DeliverDeps,
  job: Job,
  token: string | undefined,
  sent: { activityId: string; conversationId: string },
  activity: () => Promise<object>,
  audited: ShownAudit,
): Promise<string> {
  const { db, sender, pacer } = deps;
  const ref = await db.conversationReference.findUnique({ where: { conversationId: sent.conversationId } });
  if (!ref?.usable) return "conversation no longer usable";
  const card = await activity();
  await audited();
  const slot = await reserveSlot(pacer, job, token, ref.conversationId);
  const result = await sender.update(JSON.parse(ref.reference) as ProactiveReference, sent.activityId, card);
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
