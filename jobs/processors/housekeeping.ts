/**
 * escalate: alerts nobody answered within N school days go to the Virtual School Head
 * (not reminders, nor notices that ask for no answer).
 * reconcile: deliveries the database says are unsent are queued again, so a Redis that
 * lost its jobs (restart, flush, failover) loses no alert, and a delivery whose job failed
 * after all its retries is tried again; delivery ids make it exact (a job still waiting or
 * delayed is left to run once). A reminder not yet due is queued to wait for its day.
 */
import { sendAsDigests } from "../../core/alerts/posts.js";
import { type AlertQueue, dueDelays } from "../../core/alerts/queue.port.js";
import type { CalendarRepo } from "../../core/calendar/calendar.repo.js";
import { childCalendars } from "../../core/calendar/child-calendars.js";
import { schoolDaysBetween } from "../../core/calendar/school-days.js";
import { type Clock, recordedAt } from "../../core/platform/clock.js";
import { addDays, londonDateOf } from "../../core/platform/dates.js";
import type { Db } from "../../core/platform/db.js";
import type { Policy } from "../../core/policy.js";

type Deps = { db: Db; calendars: CalendarRepo; policy: Policy; clock: Clock; queue: AlertQueue };

/**
 * Alerts nobody escalates: a person's own reminder, and a notice that needs no answer
 * (a PEP's quality-assurance outcome, sent to the DT and social worker to read).
 */
export const NOT_ESCALATED = ["follow_up", "pep_qa_outcome"];

export async function escalate({ db, calendars, policy, clock, queue }: Deps) {
  const today = clock.today();
  const open = await db.alert.findMany({
    where: { status: "open", rule: { notIn: NOT_ESCALATED } },
    select: { id: true, childId: true, raisedAt: true, deliveries: { select: { professionalId: true } } },
  });
  // School days on the child's school's calendar, as the card and the scan count them.
  const calendarOf = await childCalendars(
    db,
    calendars,
    open.map((a) => a.childId),
    today,
  );
  const overdue = open.filter(
    (a) =>
      schoolDaysBetween(calendarOf(a.childId), addDays(londonDateOf(a.raisedAt), 1), today) >=
      policy.alertEscalateSchoolDays,
  );
  const heads = await db.professional.findMany({ where: { role: "vsh", active: true }, select: { id: true } });
  const queued: number[] = [];
  for (const alert of overdue) {
    await db.$transaction(async (tx) => {
      await tx.alert.update({ where: { id: alert.id }, data: { status: "escalated", escalatedAt: clock.now() } });
      await tx.alertEvent.create({ data: { alertId: alert.id, action: "escalated", at: clock.now() } });
      for (const head of heads) {
        if (alert.deliveries.some((d) => d.professionalId === head.id)) continue;
        const d = await tx.alertDelivery.create({ data: { alertId: alert.id, professionalId: head.id } });
        queued.push(d.id);
      }
    });
  }
  // The Head gets one card for the day's escalations, not one each.
  await sendAsDigests(db, queue, queued, "escalate", clock.now());
  return { escalated: overdue.length, deliveries: queued.length };
}

/** A card stale for longer than this had its update lost (an update normally lands in seconds). */
export const STALE_CARD_MS = 60_000;
/** A card still stale after a day has failed every update since: it is left, not asked for forever. */
const GIVE_UP_ON_CARD_MS = 24 * 60 * 60_000;

export async function reconcile(
  { db, queue, clock }: Pick<Deps, "db" | "queue" | "clock">,
  { staleCardMs = STALE_CARD_MS }: { staleCardMs?: number } = {},
) {
  const now = recordedAt().getTime();
  const stale = {
    cardStaleAt: { lte: new Date(now - staleCardMs), gte: new Date(now - GIVE_UP_ON_CARD_MS) },
    status: "sent",
  };
  // A delivery inside a digest goes with its digest.
  const [pending, posts, staleCopies, stalePosts] = await Promise.all([
    db.alertDelivery.findMany({ where: { status: "pending", postId: null }, select: { id: true, dueAt: true } }),
    db.alertPost.findMany({ where: { status: "pending" }, select: { id: true } }),
    db.alertDelivery.findMany({ where: { ...stale, postId: null }, select: { id: true } }),
    db.alertPost.findMany({ where: stale, select: { id: true } }),
  ]);
  // A reminder not yet due is queued delayed until its day, never sent early.
  await queue.redeliver(
    pending.map((d) => d.id),
    dueDelays(pending, clock.now()),
  );
  await queue.redeliverPosts(posts.map((p) => p.id));
  // Cards whose update Redis never took (it was away when someone answered).
  await queue.updateCards(staleCopies.map((d) => d.id));
  await queue.updatePosts(stalePosts.map((p) => p.id));
  return { requeued: pending.length + posts.length, cardsUpdated: staleCopies.length + stalePosts.length };
}
