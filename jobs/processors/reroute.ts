/**
 * Copies nobody can read go to the Virtual School Head(s), on one card per check: every
 * copy rerouted from alerts raised together (one scan's `raisedAt`) joins the same digest
 * for each Head, whoever it was for, so a morning when ten people have not installed the
 * app is one card for the Head, not ten. Each copy says whose it was
 * (`AlertDelivery.forProfessionalId`); a Head who already has an alert keeps their own copy.
 * A digest already sent grows: its new copies are marked sent with it and the card updated.
 */
import { UnrecoverableError } from "bullmq";
import { whose } from "../../cards/views/alert-texts.js";
import { londonDateOf } from "../../core/platform/dates.js";
import type { DeliverDeps } from "./send.js";

type Copy = { id: number; alertId: number; professionalId: number | null };

export async function rerouteToHeads(deps: DeliverDeps, copies: readonly Copy[], why: string): Promise<void> {
  const { db, clock, queue } = deps;
  if (copies.length === 0) return;
  const owners = [...new Set(copies.flatMap((c) => (c.professionalId === null ? [] : [c.professionalId])))];
  const [heads, people, alerts] = await Promise.all([
    db.professional.findMany({ where: { role: "vsh", active: true }, select: { id: true } }),
    db.professional.findMany({ where: { id: { in: owners } }, select: { id: true, name: true, role: true } }),
    db.alert.findMany({ where: { id: { in: copies.map((c) => c.alertId) } }, select: { id: true, raisedAt: true } }),
  ]);
  const raisedAt = new Map(alerts.map((a) => [a.id, a.raisedAt]));
  const person = new Map(people.map((p) => [p.id, p]));
  // A copy goes to every Head but its own reader; a Head's own copy with no other Head fails.
  const moved = copies.filter((c) => heads.some((h) => h.id !== c.professionalId));
  const stuck = copies.filter((c) => heads.every((h) => h.id === c.professionalId));
  const toSend = new Set<number>();
  const toUpdate = new Set<number>();
  // One transaction: the copies leave their reader and reach the Heads together, or not at all.
  await db.$transaction(async (tx) => {
    await tx.alertDelivery.updateMany({
      where: { id: { in: stuck.map((c) => c.id) }, status: "pending" },
      data: { status: "failed", lastError: why },
    });
    const done = await tx.alertDelivery.updateMany({
      where: { id: { in: moved.map((c) => c.id) }, status: "pending" },
      data: { status: "rerouted", lastError: why },
    });
    if (done.count === 0) return; // another attempt got there first
    for (const head of heads) {
      // One digest per Head per check: the check is the alerts' raisedAt.
      const byCheck = new Map<number, Copy[]>();
      for (const c of moved.filter((c) => c.professionalId !== head.id)) {
        const at = raisedAt.get(c.alertId)?.getTime() ?? 0;
        byCheck.set(at, [...(byCheck.get(at) ?? []), c]);
      }
      for (const [at, group] of byCheck) {
        const post = await postToJoin(tx, `rerouted:${at}:${head.id}`, head.id, new Date(at), clock.today());
        // A digest already sent takes the copies as sent with it; its card is then updated.
        const sent =
          post.status === "sent"
            ? { status: "sent", activityId: post.activityId, conversationId: post.conversationId, sentAt: post.sentAt }
            : {};
        let added = 0;
        for (const copy of group) {
          const created = await tx.alertDelivery.upsert({
            where: { alertId_professionalId: { alertId: copy.alertId, professionalId: head.id } },
            create: {
              alertId: copy.alertId,
              professionalId: head.id,
              postId: post.id,
              forProfessionalId: copy.professionalId,
              ...sent,
            },
            update: {},
          });
          if (created.postId === post.id) added++;
        }
        if (added > 0) (post.status === "sent" ? toUpdate : toSend).add(post.id);
      }
    }
    await tx.alertEvent.createMany({
      // Whose copy it was: the card names them, never "the recipient" (cards/views/alert-texts.ts).
      data: moved.map((c) => {
        const owner = c.professionalId === null ? undefined : person.get(c.professionalId);
        return { alertId: c.alertId, action: "rerouted", detail: owner ? whose(owner) : null, at: clock.now() };
      }),
    });
  });
  await queue.deliverPosts([...toSend]);
  await queue.updatePosts([...toUpdate]);
  if (stuck.length > 0) throw new UnrecoverableError(`nobody reachable for ${stuck.length} alert copies (${why})`);
}

type Tx = Parameters<Parameters<DeliverDeps["db"]["$transaction"]>[0]>[0];

/**
 * The Head's digest for this check that copies may join: one still to be sent, or one sent
 * today (its card is updated); never one rerouted or failed (nobody would send the copies),
 * nor an old card (an edit does not notify). Otherwise a new digest, keyed after the last.
 */
async function postToJoin(tx: Tx, key: string, headId: number, createdAt: Date, today: string) {
  for (let k = key; ; ) {
    // An update that changes nothing, but makes Prisma's upsert one statement (INSERT … ON
    // CONFLICT DO UPDATE) that locks the card: a reroute of the same check at the same time
    // (PostgreSQL runs them at once) waits for this one instead of failing on the key, and a
    // send of the card in flight either shows these copies or finds them late and updates
    // it. An empty update is a read, then an insert: both races open.
    const post = await tx.alertPost.upsert({
      where: { key: k },
      create: { key: k, kind: "digest", professionalId: headId, createdAt },
      update: { key: k },
    });
    if (post.status === "pending") return post;
    // The check's own day, on the Clock (the post is dated by its check).
    if (post.status === "sent" && londonDateOf(post.createdAt) === today) return post;
    k = `${key}:${post.id}`;
  }
}
