/**
 * The local authority's policy: every statutory threshold the rules use, with the
 * national default from DOMAIN.md. Authorities differ (some give 20 school days for an
 * initial PEP, some chase absence earlier), so nothing in `core` hard-codes these numbers:
 * rules take a `Policy` and tests can vary it.
 *
 * Values are coerced from strings so the same schema parses environment variables or a
 * settings row; a blank string counts as "not set" and falls back to the default.
 */
import { z } from "zod";

const blankAsMissing = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** A whole count (days, months, years) greater than zero. */
const count = (fallback: number) => z.preprocess(blankAsMissing, z.coerce.number().int().positive().default(fallback));

/** A percentage threshold, 0 < p ≤ 100 (decimals allowed, e.g. 12.5). */
const percent = (fallback: number) =>
  z.preprocess(blankAsMissing, z.coerce.number().positive().max(100).default(fallback));

/** A time of day in England, "HH:MM" (24-hour). */
const timeOfDay = (fallback: string) =>
  z.preprocess(
    blankAsMissing,
    z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "should be a time of day as HH:MM, e.g. 09:30")
      .default(fallback),
  );

/** A percentage that may be zero (e.g. nothing retained centrally). */
const share = (fallback: number) => z.preprocess(blankAsMissing, z.coerce.number().min(0).max(100).default(fallback));

export const policySchema = z.object({
  /** Initial PEP within this many working days of becoming looked after (emergency placement). */
  pepInitialWorkingDays: count(10),
  /** The IRO should have the current PEP this many working days before a care-plan review. */
  pepBeforeReviewWorkingDays: count(3),
  /** First care-plan review within this many working days of becoming looked after. */
  firstReviewWorkingDays: count(20),
  /** Second review within this many months of the first. */
  secondReviewMonths: count(3),
  /** Later reviews at most this many months apart. */
  laterReviewMonths: count(6),
  /** A PEP is "due soon" when its due date is within this many school days. */
  pepDueSoonSchoolDays: count(10),
  /** Persistent absence: missed at least this percentage of possible sessions. */
  persistentAbsencePercent: percent(10),
  /** Severe absence: missed at least this percentage of possible sessions. */
  severeAbsencePercent: percent(50),
  /** Schools must report this many consecutive school days of unexplained absence (CME). */
  missingEducationSchoolDays: count(10),
  /** A pupil may leave the roll only after this many school days of unexplained absence. */
  rollRemovalSchoolDays: count(20),
  /** A looked-after child without a school place should have one within this many school days. */
  noPlaceSchoolDays: count(20),
  /** An N ("reason not yet established") mark should be resolved within this many school days. */
  unauthorisedResolveSchoolDays: count(5),
  /** Suspensions may total at most this many school days in a school year. */
  suspensionMaxSchoolDays: count(45),
  /** Education must be provided from this day of a suspension. */
  suspensionEducationFromDay: count(6),
  /** PEPs are required until this birthday. */
  pepMaxAge: count(18),
  /**
   * PEPs are required from this birthday (the guidance leaves early-years PEPs to the
   * authority: commonly from 2 or 3). Below it no PEP is due and nothing is overdue.
   */
  pepMinAge: z.preprocess(blankAsMissing, z.coerce.number().int().min(0).max(5).default(3)),
  /**
   * A PEP held last term still counts as current for a care-plan review in the first this
   * many school days of the next term, so a review in the first week of term does not
   * demand a new PEP in its first days.
   */
  pepCarryOverSchoolDays: count(10),
  /** The morning register closes at this time (England), school by school no later than 30 minutes into the session. */
  registerMorningClosesAt: timeOfDay("09:30"),
  /** The afternoon register closes at this time: schools take it after lunch. */
  registerAfternoonClosesAt: timeOfDay("13:45"),
  /**
   * A child on roll whose school has sent no marks for this many school days before today
   * is "no attendance data since …" (a feed for the Virtual School to chase), not a child
   * missing education.
   */
  attendanceDataGapSchoolDays: count(2),
  /** An alert nobody has answered after this many school days goes to the VSH (local practice). */
  alertEscalateSchoolDays: count(2),
  /** Persistent/severe absence alerts wait for this many possible sessions (two weeks) in the year. */
  absenceAlertMinimumSessions: count(20),
  /** Pupil Premium Plus: the year's rate per eligible child, in pence (DfE, about £2,570 in 2024-25). */
  pupilPremiumPlusRatePence: count(257_000),
  /** The share of PP+ the Virtual School keeps centrally (tutoring, training, ...), in percent. */
  pupilPremiumPlusRetainedPercent: share(0),
  /** How the rest is released to schools: a third per term against each termly PEP, or once a year. */
  pupilPremiumPlusRelease: z.preprocess(blankAsMissing, z.enum(["termly", "annual"]).default("termly")),
});

export type Policy = z.infer<typeof policySchema>;

/** The national defaults, used when an authority has set nothing. */
export const defaultPolicy: Policy = policySchema.parse({});
