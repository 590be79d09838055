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
 * - Why care ended (`ceasedReason`, the SSDA903 REC of the episode that ended the period)
 *   says whether the child is *previously looked after* (DOMAIN.md): adopted, or under a
 *   special guardianship or child arrangements order, for whom the Virtual School's duty is
 *   information and advice. Any other reason (returned home, independent living at 18…)
 *   or none recorded: left care, and nothing more is owed. A reason is never guessed from
 *   the dates: a child without one is not counted as previously looked after.
 */
import type { IsoDate } from "../platform/dates.js";
import type { Prisma } from "../platform/db.js";

/** SSDA903 legal statuses for short breaks: not in the cohort, no PEP. */
export const SHORT_BREAK_STATUSES: readonly string[] = ["V3", "V4"];

/** As stored: upper case from imports, as typed from the API (trimmed, case kept). */
export const SHORT_BREAKS_AS_STORED = SHORT_BREAK_STATUSES.flatMap((s) => [s, s.toLowerCase()]);

/**
 * SSDA903 REC codes after which the child is previously looked after: adopted (E11, E12),
 * a child arrangements order (E41; a residence order before April 2014), a special
 * guardianship order (E45–E48 since the 2015–16 return; E43, E44 in older returns).
 */
export const PREVIOUSLY_LOOKED_AFTER_REASONS: readonly string[] = [
  "E11",
  "E12",
  "E41",
  "E43",
  "E44",
  "E45",
  "E46",
  "E47",
  "E48",
];

/**
 * Words for the common REC codes, only where the SSDA903 guide's meaning is certain; any
 * other code is shown as itself rather than guessed.
 */
const REASON_TEXT: Readonly<Record<string, string>> = {
  E11: "adopted",
  E12: "adopted",
  E41: "child arrangements order",
  E43: "special guardianship order",
  E44: "special guardianship order",
  E45: "special guardianship order",
  E46: "special guardianship order",
  E47: "special guardianship order",
  E48: "special guardianship order",
  E4A: "returned home",
  E4B: "returned home, not as planned",
  E13: "to live with parents or relatives",
  E5: "independent living",
  E6: "independent living",
  E7: "adult social care",
  E8: "care ended for another reason",
  E2: "died",
  E3: "care taken over by another local authority",
  E9: "sentenced to custody",
  E14: "accommodation on remand ended",
  E16: "moved abroad",
  E17: "aged 18, stayed with their carers",
};

/** Why care ended: the REC code and its words (the code itself when it has none). */
export type CeasedReason = { code: string; text: string };

/** REC as stored or typed, read once: X1 (a new episode the same day) and blank are no reason. */
function reasonCode(rec: string | null | undefined): string | null {
  const code = rec?.trim().toUpperCase() ?? "";
  return code === "" || code === "X1" ? null : code;
}

export function ceasedReasonOf(rec: string | null | undefined): CeasedReason | null {
  const code = reasonCode(rec);
  return code === null ? null : { code, text: REASON_TEXT[code] ?? code };
}

export function isPreviouslyLookedAfter(rec: string | null | undefined): boolean {
  const code = reasonCode(rec);
  return code !== null && PREVIOUSLY_LOOKED_AFTER_REASONS.includes(code);
}

export type CareRecord = {
  lookedAfterSince: IsoDate | null;
  /** False when the period began before the records (see the file comment). Default true. */
  careStartKnown?: boolean;
  ceasedLookedAfter: IsoDate | null;
  /** SSDA903 REC of the episode that ended the last period; null (or absent) when not recorded. */
  ceasedReason?: string | null;
  legalStatus: string | null;
};

export type CareStatus =
  | { kind: "looked_after"; since: IsoDate; startKnown: boolean }
  | { kind: "short_breaks"; since: IsoDate }
  | {
      kind: "left_care";
      since: IsoDate | null;
      ceasedOn: IsoDate;
      reason: CeasedReason | null;
      /** Adopted, or under a special guardianship or child arrangements order: information and advice. */
      previouslyLookedAfter: boolean;
    }
  | { kind: "not_looked_after" };

export const isShortBreaks = (legalStatus: string | null): boolean =>
  legalStatus !== null && SHORT_BREAK_STATUSES.includes(legalStatus.trim().toUpperCase());

/** Where the child stands on `today` (see the file comment for each case). */
export function careStatus(record: CareRecord, today: IsoDate): CareStatus {
  const { lookedAfterSince: since, ceasedLookedAfter: ceased } = record;
  if (ceased !== null && ceased <= today) {
    const rec = record.ceasedReason;
    const reason = ceasedReasonOf(rec);
    return { kind: "left_care", since, ceasedOn: ceased, reason, previouslyLookedAfter: isPreviouslyLookedAfter(rec) };
  }
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

/** REC as stored: upper case from imports; lower case matched as `careStatus` reads it. */
const PREVIOUSLY_LOOKED_AFTER_AS_STORED = PREVIOUSLY_LOOKED_AFTER_REASONS.flatMap((r) => [r, r.toLowerCase()]);

/** Children who left care and are previously looked after: `careStatus` `previouslyLookedAfter`. */
export function previouslyLookedAfterWhere(today: IsoDate): Prisma.ChildWhereInput {
  return { AND: [leftCareWhere(today), { ceasedReason: { in: PREVIOUSLY_LOOKED_AFTER_AS_STORED } }] };
}

/** The care fields of a child's loaded facts. */
export function careRecordOf(facts: {
  child: Pick<CareRecord, "lookedAfterSince" | "careStartKnown" | "legalStatus" | "ceasedReason"> & {
    ceasedLookedAfter?: IsoDate | null;
  };
}): CareRecord {
  const { lookedAfterSince, careStartKnown, legalStatus, ceasedLookedAfter, ceasedReason } = facts.child;
  return {
    lookedAfterSince,
    careStartKnown: careStartKnown ?? true,
    legalStatus,
    ceasedLookedAfter: ceasedLookedAfter ?? null,
    ceasedReason: ceasedReason ?? null,
  };
}
