/**
 * Care-plan reviews: booked (the next review's planned date) and held. The IRO chairs
 * them, the social worker arranges them, and the Virtual School may record either; a
 * designated teacher sees them but does not record them.
 *
 * Decisions:
 * - A child has at most one booking from today on: booking again MOVES that booking to the
 *   new date (the answer says from when) rather than adding a second. Bookings that passed
 *   without being recorded held stay as they were, shown as not held.
 * - Booking the date already booked changes nothing (the same answer, no new alert).
 * - A review recorded held fulfils the booking it names (`reviewId`), else the booking on
 *   that day, else the nearest booking within `BOOKING_MATCH_DAYS` days of it (a review
 *   brought forward or put back a little); a booking further away is a later review's and
 *   is kept. With none, a held review is added.
 * - Each change re-decides the child's review and PEP alerts at once (record-sync): a
 *   review held clears "review overdue"; a booking moves the PEP-before-review date.
 */
import { createAuditLog } from "../access/audit.js";
import type { Actor, Role } from "../access/roles.js";
import { syncRecordAlerts } from "../alerts/record-sync.js";
import { loadChildFacts } from "../children/child.facts.js";
import { educationStatus } from "../children/status.js";
import { daysBetween, formatDate, type IsoDate } from "../platform/dates.js";
import { notFound } from "../platform/errors.js";
import type { RecordDeps } from "./deps.js";
import { childFor, conflict, invalid, isUniqueViolation, parseInput } from "./record-access.js";
import { type BookReview, bookReviewSchema, type ReviewHeld, reviewHeldSchema } from "./records.schema.js";

export const REVIEW_ROLES: readonly Role[] = ["iro", "social_worker", "vsh", "education_adviser"];

/** A held review fulfils a booking at most this many days either side of it. */
export const BOOKING_MATCH_DAYS = 31;

type ReviewRow = { id: number; childId: number; date: IsoDate; status: string; code: string | null };

export type ReviewView = {
  id: number;
  childId: number;
  status: "planned" | "held";
  date: IsoDate;
  /** The date booked, while only booked. */
  plannedDate: IsoDate | null;
  heldOn: IsoDate | null;
  /** SSDA903 REVIEW_CODE, when known. */
  code: string | null;
};

const select = { id: true, childId: true, date: true, status: true, code: true } as const;

export function reviewView(r: ReviewRow): ReviewView {
  const held = r.status !== "planned";
  return {
    id: r.id,
    childId: r.childId,
    status: held ? "held" : "planned",
    date: r.date,
    plannedDate: held ? null : r.date,
    heldOn: held ? r.date : null,
    code: r.code,
  };
}

/** The booking a review held on `heldOn` fulfils, when nothing names it (see the file comment). */
function bookingFor(rows: readonly ReviewRow[], heldOn: IsoDate): ReviewRow | null {
  const distance = (r: ReviewRow) => Math.abs(daysBetween(heldOn, r.date));
  const near = rows
    .filter((r) => r.status === "planned" && distance(r) <= BOOKING_MATCH_DAYS)
    .sort((a, b) => distance(a) - distance(b) || (a.date < b.date ? -1 : 1));
  return near[0] ?? null;
}

export function createReviewService(deps: RecordDeps) {
  const { db, clock, calendars, policy, audit = createAuditLog(deps.db) } = deps;
  const recordedOn = (day: IsoDate) =>
    conflict(`A care-plan review is already recorded as held on ${formatDate(day)}.`);

  async function recordHeldFor(actor: Actor, childId: number, input: ReviewHeld) {
    const today = clock.today();
    await childFor(db, actor, childId, today, REVIEW_ROLES);
    if (input.heldOn > today)
      throw invalid(
        "heldOn",
        "must be today or earlier",
        "A review is recorded as held on the day it took place, today or earlier: book a later one instead.",
      );
    const rows = await db.careReview.findMany({ where: { childId }, select });
    const onTheDay = rows.find((r) => r.date === input.heldOn) ?? null;
    let target: ReviewRow | null;
    if (input.reviewId !== undefined) {
      target = rows.find((r) => r.id === input.reviewId) ?? null;
      if (!target) throw notFound("care-plan review");
      if (onTheDay && onTheDay.id !== target.id) throw recordedOn(input.heldOn);
      if (target.status !== "planned" && target.date !== input.heldOn)
        throw conflict(`This review is already recorded as held on ${formatDate(target.date)}.`);
    } else {
      target = onTheDay ?? bookingFor(rows, input.heldOn);
    }
    const data = { date: input.heldOn, status: "held", code: input.code ?? target?.code ?? null };
    let saved: ReviewRow;
    try {
      saved = await db.$transaction(async (tx) => {
        const row = target
          ? await tx.careReview.update({ where: { id: target.id }, data, select })
          : await tx.careReview.create({ data: { childId, ...data }, select });
        await audit.record(actor, "record_review", [childId], { tx });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw recordedOn(input.heldOn);
      throw err;
    }
    await syncRecordAlerts(deps, childId, "review", "review_held", actor);
    return { ...reviewView(saved), created: target === null };
  }

  return {
    /**
     * Books the child's next review for `plannedDate` (today or later), or moves the booking
     * already made. `previousDate` is the date it moved from (null when new or unchanged).
     */
    async book(actor: Actor, childId: number, raw: BookReview) {
      const input = parseInput(bookReviewSchema, raw);
      const today = clock.today();
      await childFor(db, actor, childId, today, REVIEW_ROLES);
      if (input.plannedDate < today)
        throw invalid(
          "plannedDate",
          "must be today or later",
          "A review is booked for today or a later date: record a review that has taken place as held.",
        );
      const rows = await db.careReview.findMany({ where: { childId }, select, orderBy: { date: "asc" } });
      const onTheDay = rows.find((r) => r.date === input.plannedDate);
      if (onTheDay && onTheDay.status !== "planned") throw recordedOn(input.plannedDate);
      const booked = rows.find((r) => r.status === "planned" && r.date >= today);
      let saved: ReviewRow;
      let previousDate: IsoDate | null = null;
      if (booked && !onTheDay) previousDate = booked.date;
      try {
        saved = await db.$transaction(async (tx) => {
          const row = onTheDay
            ? onTheDay
            : booked
              ? await tx.careReview.update({
                  where: { id: booked.id },
                  data: { date: input.plannedDate, bookedById: actor.id },
                  select,
                })
              : await tx.careReview.create({
                  data: { childId, date: input.plannedDate, status: "planned", bookedById: actor.id },
                  select,
                });
          await audit.record(actor, "record_review", [childId], { tx });
          return row;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict("Another review was recorded on that date at the same moment.");
        throw err;
      }
      await syncRecordAlerts(deps, childId, "review", "review_booked", actor);
      return { ...reviewView(saved), previousDate };
    },

    /**
     * Records a review held on `heldOn` (today or earlier): the booking it fulfils becomes
     * held, or a held review is added (`created`).
     */
    async recordHeld(actor: Actor, childId: number, raw: ReviewHeld) {
      return recordHeldFor(actor, childId, parseInput(reviewHeldSchema, raw));
    },

    /** The same, for the review with this id (a booking, or a held review being corrected). */
    async recordHeldById(actor: Actor, reviewId: number, raw: Omit<ReviewHeld, "reviewId">) {
      const input = parseInput(reviewHeldSchema, { ...raw, reviewId });
      const review = await db.careReview.findUnique({ where: { id: reviewId }, select: { childId: true } });
      if (!review) throw notFound("care-plan review");
      // Out of scope reads as the review not existing, like a child.
      await childFor(db, actor, review.childId, clock.today(), REVIEW_ROLES, "care-plan review");
      return recordHeldFor(actor, review.childId, input);
    },

    /**
     * Every review on record, latest first, with where the schedule stands: the statutory
     * date of the next one, the booking, and whether it is overdue. Anyone who may see the
     * child may read it.
     */
    async list(actor: Actor, childId: number) {
      const today = clock.today();
      const facts = await loadChildFacts(db, calendars, actor, childId, today, { marksFrom: today, actions: 0 });
      if (!facts) throw notFound("child");
      const rows = await db.careReview.findMany({ where: { childId }, select, orderBy: { date: "desc" } });
      await audit.record(actor, "read_child", [childId]);
      const { pep } = educationStatus(facts, today, policy);
      return {
        asOf: today,
        nextReviewDue: pep.nextReviewDue,
        nextReviewPlanned: pep.nextReviewPlanned,
        reviewOverdue: pep.reviewOverdue,
        items: rows.map(reviewView),
      };
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
