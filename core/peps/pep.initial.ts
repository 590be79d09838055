/**
 * When the PEP duty starts, and the initial PEP measured against its own deadline. Pure.
 *
 * - The duty starts when the child became looked after, or at their `pepMinAge` birthday
 *   if that is later (early years: the authority sets the age). The initial PEP is due
 *   `pepInitialWorkingDays` working days after the duty starts, so a child in care who
 *   turns 3 gets the same ten working days as a child who comes into care at 3.
 * - When care began before the records (`careStartKnown` false) and the duty did not start
 *   at a birthday, the start is not known: no initial-PEP deadline is invented (the PEP
 *   owed is a termly one: see pep.rules.ts).
 * - The initial PEP is the first PEP held in this period of care, from
 *   `pepInitialWorkingDays` working days before the duty starts (a planned entry to care:
 *   the PEP may come first). A first PEP for a term beginning after the initial deadline,
 *   held after that deadline, is that term's PEP, not the initial one: the initial PEP was
 *   then never held, and is not treated as done on that PEP's date or a later one's. The
 *   term is the one its record names, else the one it was held in (a holiday meeting: the
 *   term before). A name that is no loaded term, or a meeting before the loaded calendar,
 *   is read as its school-census term (pep.census.ts): last summer's PEP at a school whose
 *   authority has only this year's dates loaded is summer's, not an initial PEP held a year
 *   late. A PEP named "initial" is always the initial PEP.
 * - On time means held on or before the deadline. Days late are working days (the unit of
 *   the deadline itself): from the day after the deadline to the meeting, or to today
 *   while it has not been held.
 */
import { addWorkingDays, type CompiledCalendar } from "../calendar/school-days.js";
import type { IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { censusTermNamed, standInTermAt } from "./pep.census.js";
import { birthdayAt, type PepRecord, pepHeldOn } from "./pep.record.js";
import { namedTerm, pepTermAt } from "./pep.terms.js";

/** The start of the PEP duty, and whether it is a known date an initial deadline can count from. */
export function pepDutyStart(
  lookedAfterSince: IsoDate,
  careStartKnown: boolean,
  dateOfBirth: IsoDate | null,
  policy: Policy,
): { from: IsoDate; known: boolean } {
  const birthday = dateOfBirth ? birthdayAt(dateOfBirth, policy.pepMinAge) : null;
  if (birthday !== null && birthday > lookedAfterSince) return { from: birthday, known: true };
  return { from: lookedAfterSince, known: careStartKnown };
}

/** Initial PEP: `pepInitialWorkingDays` working days after the duty starts. */
export function initialPepDue(dutyFrom: IsoDate, bankHolidays: ReadonlySet<IsoDate>, policy: Policy): IsoDate {
  return addWorkingDays(dutyFrom, policy.pepInitialWorkingDays, bankHolidays);
}

const INITIAL_NAME = /^initial(-|$)/i;

/** Whether the first PEP held in the period of care is the initial one (see the file comment). */
export function mayBeInitial(cal: CompiledCalendar, pep: PepRecord, initialDue: IsoDate): boolean {
  if (INITIAL_NAME.test(pep.term.trim())) return true;
  const heldOn = pepHeldOn(pep);
  const term = namedTerm(cal, pep) ?? censusTermNamed(pep.term) ?? pepTermAt(cal, heldOn) ?? standInTermAt(cal, heldOn);
  return !(term && term.start > initialDue && heldOn > initialDue);
}

/** The PEP record that counts as the initial PEP: the first held, when it may be (see the file comment). */
export function initialRecordOf(
  cal: CompiledCalendar,
  completed: readonly PepRecord[],
  initialDue: IsoDate | null,
): PepRecord | null {
  const first = completed[0];
  return initialDue !== null && first !== undefined && mayBeInitial(cal, first, initialDue) ? first : null;
}

const DAY_MS = 86_400_000;

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`):
 * weekdays by arithmetic, less the bank holidays among them, so a PEP years late costs no more.
 */
export function workingDaysAfter(from: IsoDate, to: IsoDate, bankHolidays: ReadonlySet<IsoDate>): number {
  if (to <= from) return 0;
  const weekdaysTo = (date: IsoDate): number => {
    // Days since Monday 5 January 1970; five weekdays in every whole week.
    const days = (Date.parse(date) - Date.parse("1970-01-05")) / DAY_MS;
    const weeks = Math.floor(days / 7);
    return weeks * 5 + Math.min(days - weeks * 7 + 1, 5);
  };
  let count = weekdaysTo(to) - weekdaysTo(from);
  for (const day of weekdayHolidays(bankHolidays)) if (day > from && day <= to) count--;
  return count;
}

/** The bank holidays of a set that fall on a weekday, worked out once per set (the scan asks for every child). */
const weekdaysOf = new WeakMap<ReadonlySet<IsoDate>, readonly IsoDate[]>();
function weekdayHolidays(bankHolidays: ReadonlySet<IsoDate>): readonly IsoDate[] {
  let days = weekdaysOf.get(bankHolidays);
  if (!days) {
    days = [...bankHolidays].filter((day) => {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    });
    weekdaysOf.set(bankHolidays, days);
  }
  return days;
}

export type InitialPep = {
  due: IsoDate;
  /** The initial PEP has been held. */
  done: boolean;
  heldOn: IsoDate | null;
  /** Held by the deadline; false when held late or the deadline passed without it; null while not yet due. */
  onTime: boolean | null;
  /** Working days after the deadline until it was held (or until today, not held yet); 0 when on time. */
  daysLate: number;
};

/** The initial PEP judged against its deadline on `today`, given the record that counts as it (or none). */
export function initialPepJudgement(
  due: IsoDate,
  record: PepRecord | null,
  today: IsoDate,
  bankHolidays: ReadonlySet<IsoDate>,
): InitialPep {
  if (record === null) {
    const late = today > due;
    return {
      due,
      done: false,
      heldOn: null,
      onTime: late ? false : null,
      daysLate: workingDaysAfter(due, today, bankHolidays),
    };
  }
  const heldOn = pepHeldOn(record);
  return {
    due,
    done: true,
    heldOn,
    onTime: heldOn <= due,
    daysLate: workingDaysAfter(due, heldOn, bankHolidays),
  };
}

/** The window before the duty starts in which a PEP held counts (a planned entry to care). */
export const countsFromDate = (dutyFrom: IsoDate, bankHolidays: ReadonlySet<IsoDate>, policy: Policy): IsoDate =>
  addWorkingDays(dutyFrom, -policy.pepInitialWorkingDays, bankHolidays);
