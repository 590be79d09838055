/**
 * Checks on the two dates of a logged action: when it happened (today or before, within a
 * year) and the follow-up. A follow-up in the past, on a weekend, in the child's school
 * holidays (their school's calendar: calendar.repo.ts forSchool) or more than a term away
 * is questioned on the card before it is saved, never saved silently.
 */
import type { Actor } from "../access/roles.js";
import type { CalendarRepo } from "../calendar/calendar.repo.js";
import { childCalendars } from "../calendar/child-calendars.js";
import type { CompiledCalendar } from "../calendar/school-days.js";
import type { ChildService } from "../children/child.service.js";
import { addDays, formatDateWithWeekday, type IsoDate, isWeekend } from "../platform/dates.js";
import type { Db } from "../platform/db.js";

/** About a term: a follow-up further off than this is questioned. */
export const FOLLOW_UP_HORIZON_DAYS = 98;
/** How far back an action may be dated. */
export const ACTION_DATE_LIMIT_DAYS = 365;

/** Why an action date cannot be saved, or null. */
export function actionDateProblem(date: IsoDate, today: IsoDate): string | null {
  if (date > today) return "The action date is in the future: say when it happened.";
  if (date < addDays(today, -ACTION_DATE_LIMIT_DAYS)) return "The action date is more than a year ago.";
  return null;
}

/** The calendar knows this date: it lies between its first term's start and its last term's end. */
const covers = (calendar: CompiledCalendar, date: IsoDate): boolean =>
  calendar.terms.length > 0 && (calendar.terms[0]?.start ?? "") <= date && calendar.terms.some((t) => t.end >= date);

/**
 * Questions about a follow-up date, in plain English ("Sat 28 Nov 2026 is a Saturday"),
 * empty when it is a school day within a term. Pure.
 */
export function followUpQuestions(date: IsoDate, today: IsoDate, calendar: CompiledCalendar): string[] {
  const day = formatDateWithWeekday(date);
  const out: string[] = [];
  if (date < today) out.push(`The follow-up, ${day}, is in the past.`);
  if (isWeekend(date)) out.push(`The follow-up, ${day}, is on a weekend.`);
  else if (covers(calendar, date) && !calendar.dayIndex.has(date)) {
    const inTerm = calendar.terms.some((t) => t.start <= date && date <= t.end);
    out.push(`The follow-up, ${day}, is ${inTerm ? "a school closure day" : "in the school holidays"}.`);
  }
  if (date > addDays(today, FOLLOW_UP_HORIZON_DAYS)) out.push(`The follow-up, ${day}, is more than a term away.`);
  return out;
}

type Deps = { db: Db; calendars: CalendarRepo; children: Pick<ChildService, "assertInScope"> };

/** The questions for a child's follow-up, on the calendar of the school they attend (checked in scope first). */
export async function followUpQuestionsFor(
  deps: Deps,
  actor: Actor,
  childId: number,
  date: IsoDate,
  today: IsoDate,
): Promise<string[]> {
  await deps.children.assertInScope(actor, childId);
  const calendarOf = await childCalendars(deps.db, deps.calendars, [childId], today);
  return followUpQuestions(date, today, calendarOf(childId));
}
