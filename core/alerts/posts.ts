/**
 * Posts: cards about alerts that are not one alert's own copy.
 * - A digest: a scan's new alerts for one person on one card (digest-plan.ts planPosts).
 *   Its deliveries point at it (`AlertDelivery.postId`) and are marked sent with it, so an
 *   answer anywhere updates the digest as it updates every other copy.
 * - An "asked" post: one alert put to the school's designated teacher by "Ask school";
 *   the DT answers on it, and the answer reaches the asker's copy and the alert.
 * Like deliveries, a post is written before it is queued: the database is the outbox.
 */
import { sql } from "kysely";
import { activeOn } from "../access/scope.js";
import { recordedAt } from "../platform/clock.js";
import { type IsoDate, instantText } from "../platform/dates.js";
import { DatabaseBusy, type Db } from "../platform/db.js";
import { DomainError } from "../platform/errors.js";
import { type Column, type Engine, sqlOf } from "../platform/sql/index.js";
import { type NewDelivery, planPosts } from "./digest-plan.js";
import type { AlertQueue } from "./queue.port.js";

/**
 * Sends a batch of new deliveries the way planPosts says: digests written (one per
 * person), then everything queued. A digest is keyed by its first delivery, which no other
 * digest can hold, so sending the same batch again writes nothing twice, whatever the
 * clock says (a replayed day's clock may stand still). `run` names what sent it.
 */
export async function sendAsDigests(
  db: Db,
  queue: AlertQueue,
  deliveryIds: readonly number[],
  run: "scan" | "escalate",
  /** The clock's now: the day the digest's card names. */
  at: Date,
): Promise<{ alone: number; digests: number }> {
  if (deliveryIds.length === 0) return { alone: 0, digests: 0 };
  const rows = await db.alertDelivery.findMany({
    where: { id: { in: [...deliveryIds] } },
    select: { id: true, professionalId: true, alert: { select: { rule: true } } },
    orderBy: { id: "asc" },
  });
  return sendDeliveries(
    db,
    queue,
    rows.map((r): NewDelivery => ({ id: r.id, professionalId: r.professionalId, rule: r.alert.rule })),
    run,
    at,
  );
}

/**
 * As sendAsDigests, for deliveries whose person and rule the caller has in hand (it has just
 * written them: writeAlerts), in order of id: nothing to read back.
 */
export async function sendDeliveries(
  db: Db,
  queue: AlertQueue,
  deliveries: readonly NewDelivery[],
  run: "scan" | "escalate",
  at: Date,
): Promise<{ alone: number; digests: number }> {
  if (deliveries.length === 0) return { alone: 0, digests: 0 };
  const plan = planPosts(deliveries);
  // The cards alone need no digest: queued while the digests are written (the database's
  // wait and Redis's overlap), each digest once it is written.
  const [postIds] = await Promise.all([
    writeDigests(db, plan.digests, run, at).then(async (ids) => {
      await queue.deliverPosts(ids);
      return ids;
    }),
    queue.deliver(plan.alone),
  ]);
  return { alone: plan.alone.length, digests: postIds.length };
}

/**
 * A batch's statements, each with its rows as one bound JSON value (the text never
 * changes, so each is prepared once). `WHERE true`: SQLite reads an upsert's INSERT …
 * SELECT only with a WHERE.
 */
const digestStatements = (engine: Engine) => ({
  insert: (posts: unknown[][], createdAt: string) =>
    sql`INSERT INTO "AlertPost" ("key", "kind", "professionalId", "status", "attempts", "createdAt")
    SELECT "key", ${"digest"}, "professionalId", ${"pending"}, ${0}, ${createdAt}
    FROM ${engine.rowsFrom(JSON.stringify(posts), POST_COLUMNS)} AS "r" WHERE true
    ON CONFLICT ("key") DO NOTHING`,
  find: (keys: string[][]) =>
    sql<{ id: number; key: string }>`SELECT "id", "key" FROM "AlertPost"
    WHERE "key" IN (SELECT "key" FROM ${engine.rowsFrom(JSON.stringify(keys), KEY_COLUMNS)} AS "k")`,
  // A copy already sent alone (a reconcile got there first) stays out of the digest. Each
  // pair finds its row by id: through the status index SQLite would try every pair on
  // every pending row (a scan's thousand deliveries: 140 ms against 1 ms).
  point: (pairs: number[][]) =>
    sql`UPDATE "AlertDelivery" SET "postId" = "r"."postId"
    FROM ${engine.rowsFrom(JSON.stringify(pairs), POINT_COLUMNS)} AS "r"
    WHERE "AlertDelivery"."id" = "r"."deliveryId" AND ${engine.unindexed("AlertDelivery.status")} = ${"pending"}`,
});
const POST_COLUMNS: readonly Column[] = [
  ["key", "text"],
  ["professionalId", "int"],
];
const KEY_COLUMNS: readonly Column[] = [["key", "text"]];
const POINT_COLUMNS: readonly Column[] = [
  ["deliveryId", "int"],
  ["postId", "int"],
];

/**
 * Writes the digests and points their deliveries at them, in one transaction per batch of
 * people (the engine's `outboxBatch`: 200 on SQLite, a whole scan on PostgreSQL; three
 * statements a batch, as writeAlerts writes alerts: a scan of a thousand children is not a
 * thousand round trips). A copy already sent alone (a reconcile got there
 * first) stays out of the digest.
 */
async function writeDigests(
  db: Db,
  digests: readonly { professionalId: number; deliveryIds: number[] }[],
  run: string,
  at: Date,
): Promise<number[]> {
  const ids: number[] = [];
  const engine = sqlOf(db);
  const statements = digestStatements(engine);
  for (let i = 0; i < digests.length; i += engine.outboxBatch) {
    const batch = digests.slice(i, i + engine.outboxBatch).map((d) => ({
      ...d,
      key: `digest:${run}:${Math.min(...d.deliveryIds)}:${d.professionalId}`,
    }));
    const written = await engine.patiently(() =>
      engine.db.transaction().execute(async (trx) => {
        await statements
          .insert(
            batch.map((d) => [d.key, d.professionalId]),
            instantText(at),
          )
          .execute(trx);
        // Written now or by an earlier run of the same batch: the key finds it either way.
        const { rows: posts } = await statements.find(batch.map((d) => [d.key])).execute(trx);
        const idOf = new Map(posts.map((p) => [p.key, Number(p.id)]));
        const pairs = batch.flatMap((d) => d.deliveryIds.map((deliveryId) => [deliveryId, idOf.get(d.key) as number]));
        await statements.point(pairs).execute(trx);
        return batch.map((d) => idOf.get(d.key) as number);
      }),
    );
    ids.push(...written);
  }
  return ids;
}

/** The sent cards that show an alert: its own copies, the digests holding it, the posts asking about it. */
export async function cardsShowing(db: Db, alertIds: readonly number[]) {
  const [deliveries, asked] = await Promise.all([
    db.alertDelivery.findMany({
      where: { alertId: { in: [...alertIds] }, status: "sent" },
      select: { id: true, postId: true },
    }),
    db.alertPost.findMany({ where: { alertId: { in: [...alertIds] }, status: "sent" }, select: { id: true } }),
  ]);
  return {
    deliveryIds: deliveries.filter((d) => d.postId === null).map((d) => d.id),
    postIds: [
      ...new Set([...deliveries.flatMap((d) => (d.postId === null ? [] : [d.postId])), ...asked.map((p) => p.id)]),
    ],
  };
}

/**
 * Queues the update of every sent card that shows these alerts. The cards are marked stale
 * first, in the database: an update Redis never took (it was away) is queued again by the
 * reconciler, and the mark is cleared once the card is replaced (`cardShown`).
 */
export async function updateCardsShowing(db: Db, queue: AlertQueue, alertIds: readonly number[]): Promise<void> {
  if (alertIds.length === 0) return;
  const { deliveryIds, postIds } = await cardsShowing(db, alertIds);
  const at = recordedAt();
  try {
    await Promise.all([
      deliveryIds.length > 0 &&
        db.alertDelivery.updateMany({ where: { id: { in: deliveryIds } }, data: { cardStaleAt: at } }),
      postIds.length > 0 && db.alertPost.updateMany({ where: { id: { in: postIds } }, data: { cardStaleAt: at } }),
    ]);
  } catch (err) {
    // The answer has committed; only the mark waits on a busy database. The queue still
    // takes the updates (it is the usual path; the mark covers Redis being away too).
    if (!(err instanceof DatabaseBusy)) throw err;
  }
  await queue.updateCards(deliveryIds);
  await queue.updatePosts(postIds);
}

/**
 * A card was replaced with what it showed at `since` (or cannot be any more): it is no
 * longer stale, unless it went stale again after `since` (a later answer's update is due).
 */
export async function cardShown(
  db: Pick<Db, "alertDelivery" | "alertPost">,
  card: { deliveryId: number } | { postId: number },
  since: Date,
): Promise<void> {
  const where = { cardStaleAt: { lte: since } };
  if ("deliveryId" in card) {
    await db.alertDelivery.updateMany({ where: { id: card.deliveryId, ...where }, data: { cardStaleAt: null } });
  } else {
    await db.alertPost.updateMany({ where: { id: card.postId, ...where }, data: { cardStaleAt: null } });
  }
}

/**
 * "Ask school", first half: the designated teachers of the school the child is on roll at
 * today. None registered (or no school) is the asker's to hear, with what to do instead.
 */
export async function teachersToAsk(db: Db, childId: number, today: IsoDate): Promise<number[]> {
  const place = await db.enrolment.findFirst({
    where: { ...activeOn(today), childId },
    // The latest-starting place, as the card's currentOf.
    orderBy: [{ fromDate: "desc" }, { id: "desc" }],
    select: { schoolId: true },
  });
  if (!place) throw new DomainError("conflict", "The child has no school place today, so there is no school to ask.");
  const teachers = await db.professional.findMany({
    where: { role: "designated_teacher", active: true, schoolId: place.schoolId },
    select: { id: true },
  });
  if (teachers.length === 0) {
    throw new DomainError(
      "conflict",
      "No designated teacher at the child's school is registered with the Virtual School: call the school, and tell the Virtual School who their DT is.",
    );
  }
  return teachers.map((t) => t.id);
}

/**
 * "Ask school", second half: the alert goes to each teacher as a card of its own saying
 * who asks (`eventId`: the alert event that records the asking, so asking again sends
 * again). Written in the answer's transaction (`tx`), so an answer saved is never without
 * its asking; the caller queues the returned posts after the commit (and the reconciler
 * sends any the queue never took: they wait as pending).
 */
export async function askTheSchool(
  tx: Pick<Db, "alertPost">,
  ask: { alertId: number; teacherIds: readonly number[]; askedById: number; eventId: number; at: Date },
): Promise<number[]> {
  const ids: number[] = [];
  for (const professionalId of ask.teacherIds) {
    const key = `asked:${ask.alertId}:${professionalId}:${ask.eventId}`;
    const post = await tx.alertPost.upsert({
      where: { key },
      create: {
        key,
        kind: "asked",
        professionalId,
        alertId: ask.alertId,
        onBehalfOfId: ask.askedById,
        createdAt: ask.at,
      },
      update: {},
      select: { id: true },
    });
    ids.push(post.id);
  }
  return ids;
}

/** Whether `professionalId` was asked about this alert by "Ask school" (they may answer it). */
export async function wasAsked(db: Db, alertId: number, professionalId: number): Promise<boolean> {
  return (await db.alertPost.count({ where: { alertId, professionalId, kind: "asked" } })) > 0;
}
