/**
 * deliverPost / updatePost: a digest (a scan's alerts for one person) or an alert put to
 * the school by "Ask school", sent proactively like an alert's own copy (deliver.ts: the
 * same pacing, the same answers to Teams' refusals). A digest sent marks its deliveries
 * sent with it, so every answer updates it; a digest whose reader cannot be reached goes
 * to the Virtual School as a digest saying whose it was; an unreachable school is said on
 * the asker's card.
 */
import { type Job, UnrecoverableError } from "bullmq";
import { alertCard, digestCard } from "../../cards/index.js";
import { whose } from "../../cards/views/alert-texts.js";
import { alertCardView, viewerFor } from "../../cards/views/alert-views.js";
import { digestCardView } from "../../cards/views/digest-views.js";
import { loadAlertForCard } from "../../core/alerts/alert.service.js";
import { loadPost } from "../../core/alerts/digest.repo.js";
import { updateCardsShowing } from "../../core/alerts/posts.js";
import type { ProactiveReference } from "../../core/alerts/sender.port.js";
import { recordedAt } from "../../core/platform/clock.js";
import { rerouteToHeads } from "./reroute.js";
import {
  cardMessage,
  type DeliverDeps,
  onRefused,
  recordAccepted,
  replaceAndRecord,
  replaceCard,
  reserveSlot,
  shownAudit,
  usableReference,
} from "./send.js";

type Post = {
  id: number;
  kind: string;
  key: string;
  professionalId: number;
  alertId: number | null;
  createdAt: Date;
};

/** The post's card as its reader sees it now. */
async function postActivity(deps: DeliverDeps, postId: number): Promise<object> {
  const post = await loadPost(deps.db, postId);
  if (!post) throw new UnrecoverableError(`post ${postId} is gone`);
  if (post.kind === "digest") return cardMessage(digestCard(digestCardView(post)));
  const alert = post.alertId === null ? null : await loadAlertForCard(deps.db, post.alertId);
  if (!alert) throw new UnrecoverableError(`post ${postId}: its alert is gone`);
  const view = alertCardView(
    alert,
    viewerFor("designated_teacher", true),
    [...new Set([...alert.teamsUserIds, ...post.teamsUserIds])],
    deps.links,
    deps.clock.today(),
  );
  const asker = post.onBehalfOf ? whose(post.onBehalfOf) : "The Virtual School";
  return cardMessage(
    alertCard({ ...view, askedBy: `${asker} asks the school about this. Your answer reaches them and the alert.` }),
  );
}

/** A digest nobody can read goes to each Virtual School Head as a digest of its own; an unreachable school is told to the asker. */
async function reroutePost(deps: DeliverDeps, post: Post, why: string): Promise<void> {
  const { db, clock, queue } = deps;
  const owner = await db.professional.findUnique({
    where: { id: post.professionalId },
    select: { name: true, role: true },
  });
  if (post.kind !== "digest") {
    await db.alertPost.update({ where: { id: post.id }, data: { status: "failed", lastError: why } });
    if (post.alertId === null) return;
    await db.alertEvent.create({
      data: { alertId: post.alertId, action: "ask_unreachable", detail: owner && whose(owner), at: clock.now() },
    });
    await updateCardsShowing(db, queue, [post.alertId]);
    return;
  }
  const copies = await db.alertDelivery.findMany({
    where: { postId: post.id, status: "pending" },
    select: { id: true, alertId: true, professionalId: true },
  });
  // Marked only once its copies have moved (one transaction, reroute.ts): a failure on the way
  // leaves it pending, for the retry or the reconciler.
  try {
    await rerouteToHeads(deps, copies, why);
  } catch (error) {
    // Nobody else to send them to: the copies were marked failed, and so is the digest.
    if (error instanceof UnrecoverableError)
      await db.alertPost.update({ where: { id: post.id }, data: { status: "failed", lastError: why } });
    throw error;
  }
  await db.alertPost.update({ where: { id: post.id }, data: { status: "rerouted", lastError: why } });
}

export async function deliverPost(deps: DeliverDeps, job: Job<{ postId: number }>, token?: string): Promise<string> {
  const { db, sender, pacer } = deps;
  const post = await db.alertPost.findUnique({ where: { id: job.data.postId } });
  if (!post) throw new UnrecoverableError(`post ${job.data.postId} does not exist`);
  if (post.status !== "pending") return `already ${post.status}`;
  const ref = await usableReference(db, post.professionalId);
  if (!ref) {
    await reroutePost(deps, post, "no Teams conversation with the recipient");
    return "rerouted";
  }
  // The copies on the card as rendered now; any joining later are shown by an update.
  const shown = (
    await db.alertDelivery.findMany({ where: { postId: post.id, status: "pending" }, select: { id: true } })
  ).map((d) => d.id);
  const activity = await postActivity(deps, post.id);
  await (await shownAudit(deps, post.professionalId, await alertsOn(db, post)))();
  const slot = await reserveSlot(pacer, job, token, ref.conversationId);
  const result = await sender.send(JSON.parse(ref.reference) as ProactiveReference, activity);
  if (!result.ok) {
    await onRefused(deps, job, token, ref.conversationId, slot, result, {
      attempted: async (error) => {
        await db.alertPost.update({ where: { id: post.id }, data: { attempts: { increment: 1 }, lastError: error } });
      },
      reroute: (why) => reroutePost(deps, post, why),
      // Refused for good (too big, say): its copies leave it and go alone, so none is lost.
      failed: async () => {
        const copies = await db.alertDelivery.findMany({
          where: { postId: post.id, status: "pending" },
          select: { id: true },
        });
        await db.$transaction([
          db.alertPost.update({ where: { id: post.id }, data: { status: "failed" } }),
          db.alertDelivery.updateMany({ where: { id: { in: copies.map((c) => c.id) } }, data: { postId: null } }),
        ]);
        await deps.queue.deliver(copies.map((c) => c.id));
      },
    });
    return "rerouted";
  }
  const sent = { activityId: result.activityId, conversationId: ref.conversationId, sentAt: recordedAt() };
  const late = await recordAccepted(slot, () =>
    db.$transaction(async (tx) => {
      await tx.alertPost.update({
        where: { id: post.id },
        data: { ...sent, status: "sent", attempts: { increment: 1 }, lastError: null },
      });
      // Its alerts were sent with it: an answer anywhere now updates this card.
      await tx.alertDelivery.updateMany({ where: { id: { in: shown } }, data: { ...sent, status: "sent" } });
      // Copies that joined while it was on its way (a reroute): on the card by its update.
      return tx.alertDelivery.updateMany({
        where: { postId: post.id, status: "pending" },
        data: { ...sent, status: "sent" },
      });
    }),
  );
  if (late.count > 0) await deps.queue.updatePosts([post.id]);
  return "sent";
}

/** The alerts a post's card shows: the one it asks about, or its digest's copies'. */
async function alertsOn(db: DeliverDeps["db"], post: { id: number; alertId: number | null }): Promise<number[]> {
  if (post.alertId !== null) return [post.alertId];
  const copies = await db.alertDelivery.findMany({ where: { postId: post.id }, select: { alertId: true } });
  return copies.map((c) => c.alertId);
}

/** Replaces a sent post's card with the card as it now is. */
export async function updatePost(
  deps: DeliverDeps,
  job: Job,
  token: string | undefined,
  postId: number,
): Promise<string> {
  const since = recordedAt();
  const post = await deps.db.alertPost.findUnique({ where: { id: postId } });
  if (!post?.activityId || !post.conversationId) return "nothing sent to update";
  const { activityId, conversationId } = post;
  const audited = await shownAudit(deps, post.professionalId, await alertsOn(deps.db, post));
  return replaceAndRecord(deps, { postId }, since, () =>
    replaceCard(deps, job, token, { activityId, conversationId }, () => postActivity(deps, postId), audited),
  );
}
