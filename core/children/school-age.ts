/**
 * Compulsory school age in England (Education Act 1996 s.8): it starts on the first
 * prescribed day (31 August, 31 December or 31 March) on or after the fifth birthday,
 * and ends on the last Friday in June of the school year in which the child turns 16.
 * A looked-after child outside it is not "without a school place" (early years and
 * post-16 are tracked, but not as missing school).
 */
import { addDays, dayOfWeek, type IsoDate } from "../platform/dates.js";

/** The day a child born on `dateOfBirth` reaches compulsory school age. */
export function compulsorySchoolAgeStarts(dateOfBirth: IsoDate): IsoDate {
  const fifth = `${Number(dateOfBirth.slice(0, 4)) + 5}${dateOfBirth.slice(4)}`.replace(/-02-29$/, "-03-01");
  const year = Number(fifth.slice(0, 4));
  const prescribed = [`${year}-03-31`, `${year}-08-31`, `${year}-12-31`];
  return prescribed.find((d) => d >= fifth) ?? `${year + 1}-03-31`;
}

/** The last Friday in June of the school year in which the child turns 16. */
export function compulsorySchoolAgeEnds(dateOfBirth: IsoDate): IsoDate {
  const sixteenth = `${Number(dateOfBirth.slice(0, 4)) + 16}${dateOfBirth.slice(4)}`.replace(/-02-29$/, "-03-01");
  // Here the school year runs 1 September – 31 August (a birthday on 31 August ends the year).
  const year = Number(sixteenth.slice(0, 4));
  const june30 = `${sixteenth.slice(5) >= "09-01" ? year + 1 : year}-06-30`;
  return addDays(june30, -((dayOfWeek(june30) - 5 + 7) % 7));
}

export function isOfCompulsorySchoolAge(dateOfBirth: IsoDate, date: IsoDate): boolean {
  return date >= compulsorySchoolAgeStarts(dateOfBirth) && date <= compulsorySchoolAgeEnds(dateOfBirth);
}
