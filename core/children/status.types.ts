/**
 * What the education status summary reads (ChildFacts) and returns (EducationStatus).
 * Kept apart from the rules so repositories and cards can import the shapes alone.
 */
import type {
  AttendanceDataGap,
  AttendanceSummary,
  Mark,
  RegistersClosed,
  TodaySessions,
  UnexplainedRun,
} from "../attendance/attendance.rules.js";
import type { CompiledCalendar, SchoolCalendar } from "../calendar/school-days.js";
import type { PepRecord, PepStatus } from "../peps/pep.rules.js";
import type { IsoDate } from "../platform/dates.js";
import type { CareStatus } from "./care.js";

export type SenStatus = "none" | "sen_support" | "ehcp";

export type Enrolment = {
  schoolId: number;
  schoolName: string;
  urn: string;
  phase: string;
  outOfArea: boolean;
  fromDate: IsoDate;
  toDate: IsoDate | null;
  yearGroup: string | null;
};

export type Placement = { placementType: string; fromDate: IsoDate; toDate: IsoDate | null; outOfArea: boolean };

export type Exclusion = { kind: "suspension" | "permanent"; startDate: IsoDate; days: number };

/** A part-time (reduced) timetable as recorded. */
export type PartTimeTimetable = {
  id: number;
  startDate: IsoDate;
  plannedEndDate: IsoDate;
  reviewDate: IsoDate;
  /** The day it ended (back to full time), once recorded. */
  endedOn: IsoDate | null;
  hoursPerWeek: number | null;
};

export type LoggedAction = { at: string; text: string; category: string; followUpDate: IsoDate | null; by: string };

/** Everything known about one child that the status rules need, loaded in one go. */
export type ChildFacts = {
  child: {
    id: number;
    firstName: string;
    lastName: string;
    senStatus: SenStatus;
    lookedAfterSince: IsoDate | null;
    /** False when the period of care began before the records (see core/children/care.ts). */
    careStartKnown?: boolean;
    /** The day the last period of care ended, when the child has left care. */
    ceasedLookedAfter?: IsoDate | null;
    /** SSDA903 REC of the episode that ended it: whether the child is previously looked after. */
    ceasedReason?: string | null;
    legalStatus: string | null;
    /** Only used for the PEP age limit; never shown in flags. */
    dateOfBirth?: IsoDate | null;
  };
  enrolments: Enrolment[];
  placements: Placement[];
  /** This school year's marks (others are ignored). */
  marks: Mark[];
  peps: PepRecord[];
  exclusions: Exclusion[];
  /** Care-plan reviews held (see pepStatus), and booked. */
  reviews: IsoDate[];
  plannedReviews?: IsoDate[];
  /** Part-time timetables, ended or not. */
  partTime?: PartTimeTimetable[];
  actions: LoggedAction[];
  calendar: SchoolCalendar | CompiledCalendar;
  /** Whose term dates `calendar` is: the school's authority's, or the home authority's standing in (`fallback`). */
  termDates?: { schoolLaCode: string | null; fallback: boolean };
  bankHolidays: readonly IsoDate[] | ReadonlySet<IsoDate>;
  /** Which of today's registers have closed (registersClosedAt(clock.now(), policy)); none when left out. */
  registersClosed?: RegistersClosed;
};

export type FlagCode =
  | "no_school_place"
  | "no_attendance_data"
  | "severe_absence"
  | "persistent_absence"
  | "unexplained_absence_today"
  | "missing_education"
  | "roll_removal_risk"
  | "unresolved_absence"
  | "pep_overdue"
  | "pep_due_soon"
  | "pep_rated_red"
  | "review_overdue"
  | "part_time_timetable"
  | "suspension"
  | "suspension_limit"
  | "permanent_exclusion";

/** Something a Virtual School officer should act on. Text carries no name, DOB or UPN. */
export type StatusFlag = { code: FlagCode; severity: "red" | "amber"; text: string };

export type CurrentSchool = Omit<Enrolment, "toDate">;

/** Judged in core/children/exclusions.ts, the same judgement as the scan's alerts. */
export type ExclusionSummary = {
  suspensionsThisYear: number;
  suspensionDaysThisYear: number;
  permanent: boolean;
  /** Start of this school year's permanent exclusion, if any. */
  permanentExclusionDate: IsoDate | null;
  /** The school day education is owed from after that permanent exclusion (the alert's date). */
  permanentEducationFrom: IsoDate | null;
  /** Red until the child holds a place that began on or after it, then amber (the alert's colour). */
  permanentSeverity: "red" | "amber" | null;
  /** The current or coming run of suspensions lasts long enough that education is owed from day 6. */
  educationDueFromDay6: boolean;
  /**
   * The current or next run of back-to-back suspensions (one suspension, or several with no
   * school day between): its first start, last school day, total days, how many, the day
   * education is owed from, and the colour the alert for its latest suspension has.
   */
  activeSuspension: {
    startDate: IsoDate;
    endDate: IsoDate;
    days: number;
    educationFrom: IsoDate | null;
    suspensions: number;
    severity: "red" | "amber";
  } | null;
};

/** The part-time timetable running today (started, not ended). */
export type PartTimeStatus = {
  startDate: IsoDate;
  plannedEndDate: IsoDate;
  reviewDate: IsoDate;
  hoursPerWeek: number | null;
  /** Its review date has passed and it is still running. */
  reviewOverdue: boolean;
};

export type AttendanceStatus = AttendanceSummary & {
  today: TodaySessions;
  longestUnexplainedRun: UnexplainedRun | null;
  currentUnexplainedRun: UnexplainedRun | null;
  /** Sessions still marked N after the time allowed to establish a reason. */
  unresolvedSessions: number;
  /** The school has sent no marks for a while: "no attendance data since …" (attendance.feed.ts). */
  dataGap: AttendanceDataGap | null;
};

/** The status before its flags and notes are judged: what the flag rules read. */
export type StatusBasis = Omit<EducationStatus, "flags" | "notes">;

export type EducationStatus = {
  childId: number;
  /** In the Virtual School's cohort today (looked after, not for short breaks). */
  lookedAfter: boolean;
  /** Where the child stands: looked after (since when, and whether that is the real start), left care (on which day), short breaks. */
  care: CareStatus;
  school: CurrentSchool | null;
  /** A school place agreed but not started yet. */
  nextSchool: { schoolName: string; fromDate: IsoDate } | null;
  /**
   * 0 on roll; school days without a place otherwise (core/children/school-place.ts); null
   * when the child is not counted as without a place: not in the cohort, outside compulsory
   * school age, or the next place starts by the next school day.
   */
  daysWithoutSchoolPlace: number | null;
  attendance: AttendanceStatus;
  pep: PepStatus;
  sen: { status: SenStatus; ehcp: boolean };
  exclusions: ExclusionSummary;
  /** A part-time timetable running today, if any. */
  partTime: PartTimeStatus | null;
  recentActions: LoggedAction[];
  placement: Placement | null;
  /** Red first, then amber. */
  flags: StatusFlag[];
  /** Things the reader should know about the figures themselves (no action on the child): e.g. whose term dates count. */
  notes: string[];
};
