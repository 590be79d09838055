/**
 * Who is looked after on a given day: the one answer every part of the product takes
 * (the status card, the caseload, the brief, the scan, the stats), so a child who has
 * left care is never alerted on in one place and counted in another. Pure, with the
 * database filters that select the same children (each case below has one).
 *
 * - A period of care runs from `lookedAfterSince` until `ceasedLookedAfter` (the day it
 *   ended, SSDA903 DEC). From that day the child is no longer looked after: no PEP duty, no
 *   looked-after alerts, counted apart as having left care, the record kept. An end dated
 *   after today is planned: the child is still looked after until it comes.
 * - An end on or before today always means "left care", even beside a later start. The
 *   import clears the end when a new period begins (core/imports/ssda903/periods.ts), so
 *   an end before the start is a record to correct, not a return to care; and the database
 *   filters below cannot compare two columns, so reading it any other way would let the
 *   card and the scan disagree about the child.
 * - Short breaks (legal status V3, V4: accommodated for respite) carry no care plan in the
 *   usual sense, hence no PEP; such children are not in the Virtual School's cohort. A
 *   status typed in lower case (v3) is the same status.
 * - `careStartKnown` false: the period began before the records (an SSDA903 file whose
 *   first episode continues a period), so `lookedAfterSince` is "on or before", and no
 *   deadline counted from the start of care (the initial PEP) may be invented from it.
 */
import type { IsoDate } from "../platform/dates.js";
import type { Prisma } from "../platform/db.js";

/** SSDA903 legal statuses for short breaks: not in the cohort, no PEP. */
export const SHORT_BREAK_STATUSES: readonly string[] = ["V3", "V4"];

/** As stored: upper case from imports, as typed from the API (trimmed, case kept). */
const SHORT_BREAKS_AS_STORED = SHORT_BREAK_STATUSES.flatMap((s) => [s, s.toLowerCase()]);

export type CareRecord = {
  lookedAfterSince: IsoDate | null;
  /** False when the period began before the records (see the file comment). Default true. */
  careStartKnown?: boolean;
  ceasedLookedAfter: IsoDate | null;
  legalStatus: string | null;
};

export type CareStatus =
  | { kind: "looked_after"; since: IsoDate; startKnown: boolean }
  | { kind: "short_breaks"; since: IsoDate }
  | { kind: "left_care"; since: IsoDate | null; ceasedOn: IsoDate }
  | { kind: "not_looked_after" };

export const isShortBreaks = (legalStatus: string | null): boolean =>
  legalStatus !== null && SHORT_BREAK_STATUSES.includes(legalStatus.trim().toUpperCase());

/** Where the child stands on `today` (see the file comment for each case). */
export function careStatus(record: CareRecord, today: IsoDate): CareStatus {
  const { lookedAfterSince: since, ceasedLookedAfter: ceased } = record;
  if (ceased !== null && ceased <= today) return { kind: "left_care", since, ceasedOn: ceased };
  if (since === null || since > today) return { kind: "not_looked_after" };
  if (isShortBreaks(record.legalStatus)) return { kind: "short_breaks", since };
  return { kind: "looked_after", since, startKnown: record.careStartKnown ?? true };
}

/** In the Virtual School's cohort today: looked after, not for short breaks. */
export const inCohort = (record: CareRecord, today: IsoDate): boolean =>
  careStatus(record, today).kind === "looked_after";

/**
 * The start of care the PEP and review rules count from, or null when the child is not
 * in the cohort today (no PEP duty).
 */
export function dutySince(record: CareRecord, today: IsoDate): IsoDate | null {
  const status = careStatus(record, today);
  return status.kind === "looked_after" ? status.since : null;
}

/** A period of care running today (started, not ended): the cohort and short breaks alike. */
const inCareWhere = (today: IsoDate): Prisma.ChildWhereInput => ({
  lookedAfterSince: { not: null, lte: today },
  OR: [{ ceasedLookedAfter: null }, { ceasedLookedAfter: { gt: today } }],
});

/** The same children as `inCohort`, as a database filter (combine it with a scope by AND). */
export function cohortWhere(today: IsoDate): Prisma.ChildWhereInput {
  return {
    AND: [inCareWhere(today), { OR: [{ legalStatus: null }, { legalStatus: { notIn: SHORT_BREAKS_AS_STORED } }] }],
  };
}

/** Children accommodated for short breaks today (`careStatus` kind "short_breaks"). */
export function shortBreaksWhere(today: IsoDate): Prisma.ChildWhereInput {
  return { AND: [inCareWhere(today), { legalStatus: { in: SHORT_BREAKS_AS_STORED } }] };
}

/** Children who have left care (the record kept): `careStatus` kind "left_care". */
export function leftCareWhere(today: IsoDate): Prisma.ChildWhereInput {
  return { ceasedLookedAfter: { not: null, lte: today } };
}

/** The care fields of a child's loaded facts. */
export function careRecordOf(facts: {
  child: Pick<CareRecord, "lookedAfterSince" | "careStartKnown" | "legalStatus"> & {
    ceasedLookedAfter?: IsoDate | null;
  };
}): CareRecord {
  const { lookedAfterSince, careStartKnown, legalStatus, ceasedLookedAfter } = facts.child;
  return {
    lookedAfterSince,
    careStartKnown: careStartKnown ?? true,
    legalStatus,
    ceasedLookedAfter: ceasedLookedAfter ?? null,
  };
}
