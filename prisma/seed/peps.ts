/**
 * PEPs laid out so the rules in core/peps see a realistic caseload on `today`: an
 * initial PEP for children who came into care in the last two school years, most held by
 * its deadline and a few some working days late, one PEP a term since, past terms mostly
 * complete or quality assured, this term's a mix. Due dates follow the same rule as
 * core/peps (end of term, or 3 working days before a review in the term) on the calendar
 * of the child's school, so "overdue" in the data is overdue in the product too. No PEP
 * for a child below policy `pepMinAge`, on short breaks, or after leaving care.
 *
 * Meetings are on school days of the child's school: a PEP is held with the school, and
 * the rules read a termly meeting in a holiday as the term before's, held late. An initial
 * PEP planned in a holiday moves to the nearest school day that keeps its deadline. When
 * none does (care began in the summer holiday), it is held in the holiday all the same:
 * its deadline is in working days, the rules judge it by that alone, and a Virtual School
 * meets without the school rather than let a third of an autumn's initial PEPs run late
 * (one already late waits for term). Children whose care began before the records have
 * no initial PEP (the rules ask none of them) and one PEP a term, held on time, like any
 * child long in care: they are in date, as most are.
 */
import {
  addWorkingDays,
  type CompiledCalendar,
  isSchoolDay,
  nextSchoolDay,
  type SchoolPeriod,
  schoolDayOnOrBefore,
  schoolDaysInRange,
  termOf,
} from "../../core/calendar/school-days.js";
import { countsFromDate } from "../../core/peps/pep.initial.js";
import { ageOn, initialPepDue, termlyPepDue } from "../../core/peps/pep.rules.js";
import { addDays, type IsoDate, minDate, schoolYearOf } from "../../core/platform/dates.js";
import { calendarOf, initialPepWindowStart, type SeedContext } from "./context.js";
import { ppPlusFor, ragFor, targetsFor } from "./pep-content.js";
import type { Rng } from "./random.js";
import type { SeedChild } from "./traits.js";
import type { PepPlan, ReviewPlan } from "./types.js";

type Status = PepPlan["status"];

/** One school's calendar as the PEPs use it: the term `today` is in and the terms PEPs are laid out for. */
type TermsView = { cal: CompiledCalendar; currentTerm: SchoolPeriod; terms: readonly SchoolPeriod[] };

export function planPeps(
  rng: Rng,
  ctx: SeedContext,
  children: readonly SeedChild[],
  reviews: readonly ReviewPlan[],
  schoolLa: ReadonlyMap<number, string>,
): PepPlan[] {
  const windowStart = initialPepWindowStart(ctx);
  const views = new Map<string, TermsView>();
  const viewOf = (la: string): TermsView => {
    const known = views.get(la);
    if (known) return known;
    const cal = calendarOf(ctx, la);
    const currentTerm = termOf(cal, ctx.today) ?? ctx.currentTerm;
    const terms = cal.terms.filter((t) => t.start >= windowStart && t.start <= currentTerm.start);
    const view = { cal, currentTerm, terms };
    views.set(la, view);
    return view;
  };
  const reviewsOf = new Map<number, IsoDate[]>();
  for (const r of reviews) reviewsOf.set(r.child, [...(reviewsOf.get(r.child) ?? []), r.date]);
  const out: PepPlan[] = [];

  for (const child of children) {
    const t = child.traits;
    if (t.care === "short_breaks") continue;
    const pep = (term: string, dueDate: IsoDate, status: Status, meetingDate: IsoDate | null): void => {
      // PP+ is for children aged 4 to 15 on the 31 August that starts the school year.
      const age = ageOn(child.dateOfBirth, `${schoolYearOf(dueDate)}-08-31`);
      const eligible = age >= 4 && age <= 15;
      out.push({
        child: child.index,
        term,
        dueDate,
        meetingDate,
        status,
        rag: ragFor(rng, status),
        ppPlusPence: ppPlusFor(rng, status, eligible),
        targets: status === "not_started" || status === "booked" ? null : targetsFor(rng, child.yearOffset),
      });
    };
    const ofPepAge = (date: IsoDate) => ageOn(child.dateOfBirth, date) >= ctx.policy.pepMinAge;
    const { cal, currentTerm, terms } = viewOf(schoolLa.get(child.index) ?? ctx.laCode);

    const since = child.lookedAfterSince;
    let coveredUntil = since;
    const initialDue = initialPepDue(since, ctx.bankHolidays, ctx.policy);
    if (since >= windowStart && ofPepAge(initialDue)) {
      // One recent entrant has had the initial PEP meeting already (a planned entry to care).
      const early = t.recentEntrant && child.index % 5 === 0 ? plannedEntryMeeting(ctx, cal, since) : null;
      const pending = (t.recentEntrant || t.noPlace === "never") && early === null;
      const planned = t.initialPepLate
        ? addWorkingDays(initialDue, rng.int(2, 12), ctx.bankHolidays)
        : addWorkingDays(since, rng.int(3, 9), ctx.bankHolidays);
      // A late one waits for term when a holiday outlasts its window; one on time is held in
      // the holiday by the Virtual School when no school day falls between care and deadline.
      const meeting =
        early ??
        (t.initialPepLate
          ? (onSchoolDay(cal, planned, addDays(initialDue, 1), addDays(initialDue, 21)) ??
            nextSchoolDay(cal, planned) ??
            planned)
          : (onSchoolDay(cal, planned, since, initialDue) ?? planned));
      // A late meeting that waits for a term not yet begun is still to come.
      const held = !pending && meeting < ctx.today;
      if (held) pep("initial", initialDue, "complete", meeting);
      else pep("initial", initialDue, rng.chance(0.5) ? "draft" : "not_started", null);
      coveredUntil = held ? meeting : ctx.today;
    }
    if (t.recentEntrant || t.noPlace === "never") continue;

    const childReviews = (reviewsOf.get(child.index) ?? []).sort();
    const ceased = child.ceasedLookedAfter;
    const owed = terms.filter(
      (term) => term.start > coveredUntil && ofPepAge(minDate(term.end, ctx.today)) && (!ceased || term.start < ceased),
    );
    owed.forEach((term, i) => {
      const review = childReviews.find((d) => d >= term.start && d <= term.end) ?? null;
      const due = termlyPepDue(cal, term, review, ctx.bankHolidays, ctx.policy);
      const isCurrent = term.start === currentTerm.start;
      const lastPast = !isCurrent && owed[i + 1]?.start === currentTerm.start;
      const held = (latest: IsoDate) => meetingBefore(rng, ctx, cal, term, minDate(latest, due));
      if (ceased) {
        // Held while still in care; a term that began just before care ended has none.
        const meeting = held(addDays(ceased, -1));
        if (meeting) pep(term.name, due, rng.chance(0.55) ? "quality_assured" : "complete", meeting);
        return;
      }
      if (!isCurrent) {
        if (t.pepOverdue && lastPast) {
          // Never held: a submitted PEP would count as held.
          pep(term.name, due, rng.pick(["draft", "not_started", "not_started"] as const), null);
        } else pep(term.name, due, rng.chance(0.55) ? "quality_assured" : "complete", held(ctx.today));
        return;
      }
      const meeting = held(ctx.today);
      if (t.pepOverdue || t.reviewSoon) pep(term.name, due, t.pepOverdue ? "not_started" : "draft", null);
      // The named children other than Amira must not show a PEP concern in a demo, and the
      // children whose care began before the records keep to time (see the file comment).
      else if ((t.exemplary || ((child.named || !child.careStartKnown) && due <= ctx.today)) && meeting) {
        pep(term.name, due, t.exemplary ? "quality_assured" : "complete", meeting);
      } else pep(term.name, due, ...currentTermState(rng, ctx, cal, term, due, meeting));
    });
  }
  return out;
}

/** This term's PEP: more likely held the further into term we are. */
function currentTermState(
  rng: Rng,
  ctx: SeedContext,
  cal: CompiledCalendar,
  term: SchoolPeriod,
  due: IsoDate,
  meeting: IsoDate | null,
): [Status, IsoDate | null] {
  const all = schoolDaysInRange(cal, term.start, term.end).length;
  const done = schoolDaysInRange(cal, term.start, ctx.today).length;
  const progress = all > 0 ? done / all : 0;
  if (meeting && (due <= ctx.today ? rng.chance(0.96) : rng.chance(0.7 * progress))) {
    return [rng.chance(0.4) ? "quality_assured" : "complete", meeting];
  }
  // Not held yet: the meeting may be booked (on a school day before the due date).
  const bookable = schoolDaysInRange(cal, addDays(ctx.today, 1), due);
  const status = rng.weighted([
    ["draft", 30],
    ["not_started", 30],
    ["booked", bookable.length > 0 ? 30 : 0],
    ["submitted", meeting ? 10 : 0],
  ] as const);
  if (status === "booked") return [status, bookable[rng.int(0, bookable.length - 1)] ?? null];
  return [status, status === "submitted" ? meeting : null];
}

/**
 * The initial PEP meeting on a school day of the child's school, held with the school as
 * the termly ones are: `planned` when it is one; else the first school day after it, if
 * by `latest`; else the last school day before it, if from `earliest`; null when a
 * holiday covers the whole window.
 */
function onSchoolDay(cal: CompiledCalendar, planned: IsoDate, earliest: IsoDate, latest: IsoDate): IsoDate | null {
  if (isSchoolDay(cal, planned)) return planned;
  const after = nextSchoolDay(cal, planned);
  if (after !== null && after <= latest) return after;
  const before = schoolDayOnOrBefore(cal, planned);
  return before !== null && before >= earliest ? before : null;
}

/**
 * A planned entry to care: the initial PEP met with the school on the last school day by
 * the day care began, within the window before it in which the rules count it; null when
 * a holiday covers that window (the meeting is then still to come).
 */
function plannedEntryMeeting(ctx: SeedContext, cal: CompiledCalendar, since: IsoDate): IsoDate | null {
  const day = schoolDayOnOrBefore(cal, since);
  return day !== null && day >= countsFromDate(since, ctx.bankHolidays, ctx.policy) ? day : null;
}

/** A school day of `term` on or before `latest` for the meeting, or null if term has not started. */
function meetingBefore(
  rng: Rng,
  ctx: SeedContext,
  cal: CompiledCalendar,
  term: SchoolPeriod,
  latest: IsoDate,
): IsoDate | null {
  const days = schoolDaysInRange(cal, term.start, minDate(latest, addWorkingDays(ctx.today, -1, ctx.bankHolidays)));
  if (days.length === 0) return null;
  return days[Math.max(0, days.length - 1 - rng.int(0, Math.min(15, days.length - 1)))] ?? null;
}
