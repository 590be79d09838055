/**
 * Alerts: what the daily scan may raise about a child, to whom, and the key that stops
 * the same condition alerting twice. Types only; the rules are in alert.rules.ts.
 */
import type { AttendanceSummary, MarkGap } from "../attendance/attendance.rules.js";
import type { PepRecord } from "../peps/pep.rules.js";
import type { IsoDate } from "../platform/dates.js";

export const ALERT_RULES = [
  "pep_initial_due",
  "pep_initial_overdue",
  "pep_review_due",
  "pep_overdue",
  "pep_before_review",
  "unexplained_absence_today",
  "missing_education",
  "no_school_place",
  "persistent_absence",
  "severe_absence",
  "suspension",
  "permanent_exclusion",
  "review_overdue",
  "part_time_review_overdue",
  "pep_quality_assurance",
  "pep_qa_outcome",
  "follow_up",
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** Who hears about it, by their role in the child's life. */
export type RecipientRole = "designated_teacher" | "social_worker" | "iro" | "vsh" | "education_adviser";

export type AlertCandidate = {
  childId: number;
  rule: AlertRule;
  /** What makes this occurrence distinct: a date, a term, a school year, an exclusion id. */
  period: string;
  /** `${childId}:${rule}:${period}`: unique in the database, so a second scan adds nothing. */
  dedupeKey: string;
  severity: "red" | "amber";
  recipients: RecipientRole[];
  /** Facts for the card: dates, counts and ids only (no names, no free text). */
  details: Record<string, string | number | boolean | null>;
};

/** What the scan knows about one child, computed in bulk (aggregates, not raw marks). */
export type ScanFacts = {
  childId: number;
  dateOfBirth: IsoDate;
  lookedAfterSince: IsoDate | null;
  /** False when care began before the records (core/children/care.ts). */
  careStartKnown: boolean;
  /** The current school place, if any. */
  onRoll: { schoolId: number; fromDate: IsoDate; laCode: string } | null;
  /** The day the last school place ended before today. */
  lastPlaceEnded: IsoDate | null;
  /** The day the next agreed place starts (after today), if any. */
  nextPlaceFrom: IsoDate | null;
  /** This school year to date, from counts per code. */
  attendance: AttendanceSummary;
  /** Today's register as stored (raw codes, null when not marked). */
  today: { am: string | null; pm: string | null };
  /**
   * The three dates the run of unexplained absence is judged from (attendance.runs.ts):
   * the last day this school year with a mark that explains it (null: none), the first day
   * with any mark since then (on roll, this school year; null: none), and the latest day
   * with any mark (today included). The latest mark also tells whether the school's feed
   * has gone quiet (attendance.feed.ts).
   */
  lastExplainedDate: IsoDate | null;
  firstMarkSinceExplained: IsoDate | null;
  lastMarkDate: IsoDate | null;
  /**
   * Consecutive marked days since `firstMarkSinceExplained` that lie more than
   * `attendanceDataGapSchoolDays` calendar days apart: the only ones that may hold a
   * stretch of blank school days long enough to break the run (runStart decides).
   */
  gapsSinceExplained: MarkGap[];
  peps: PepRecord[];
  /** Care-plan reviews held (see pepStatus), and booked. */
  reviews: IsoDate[];
  plannedReviews: IsoDate[];
  /** This school year's suspensions and exclusions. */
  exclusions: { id: number; kind: "suspension" | "permanent"; startDate: IsoDate; days: number }[];
  /** Part-time timetables not yet ended. */
  partTime: { id: number; startDate: IsoDate; plannedEndDate: IsoDate; reviewDate: IsoDate }[];
};
