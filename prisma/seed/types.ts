/**
 * The demo authority as plain data, before it is written. Rows refer to children,
 * schools and professionals by their natural keys (list position, e-mail), because
 * database ids exist only once the rows are written (see write.ts).
 */
import type { Role } from "../../core/access/roles.js";
import type { IsoDate } from "../../core/platform/dates.js";
import type { CalendarRow } from "./calendar.js";

export type SchoolPhase =
  | "nursery"
  | "primary"
  | "secondary"
  | "special"
  | "alternative_provision"
  | "all_through"
  | "post16";

export type SchoolPlan = {
  urn: string;
  laestab: string;
  name: string;
  phase: SchoolPhase;
  localAuthority: string;
  outOfArea: boolean;
};

export type ProfessionalPlan = {
  name: string;
  email: string;
  role: Role;
  aadObjectId: string;
  /** Position in the schools list (designated teachers only). */
  school: number | null;
};

export type ChildPlan = {
  localId: string;
  upn: string | null;
  upnIssue: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  sex: "M" | "F";
  legalStatus: string;
  lookedAfterSince: IsoDate;
  /** False when care began before the records: `lookedAfterSince` is then when they begin. */
  careStartKnown: boolean;
  /** The day the period of care ended (the child has left care; the record is kept). */
  ceasedLookedAfter: IsoDate | null;
  /** SSDA903 REC of the episode that ended care, when it has. */
  ceasedReason: string | null;
  placingAuthority: string;
  senStatus: "none" | "sen_support" | "ehcp";
};

/** Rows that belong to one child, by its position in the children list. */
type OfChild = { child: number };

export type EnrolmentPlan = OfChild & { school: number; fromDate: IsoDate; toDate: IsoDate | null; yearGroup: string };
export type PlacementPlan = OfChild & {
  placementType: string;
  fromDate: IsoDate;
  toDate: IsoDate | null;
  outOfArea: boolean;
  placementUrn: string | null;
};
export type AllocationPlan = OfChild & {
  email: string;
  role: "social_worker" | "iro" | "education_adviser";
  fromDate: IsoDate;
};
export type PepPlan = OfChild & {
  term: string;
  dueDate: IsoDate;
  meetingDate: IsoDate | null;
  status: "not_started" | "booked" | "draft" | "submitted" | "complete" | "quality_assured";
  rag: "red" | "amber" | "green" | null;
  ppPlusPence: number | null;
  targets: string | null;
};
export type ReviewPlan = OfChild & { date: IsoDate; code: string | null; status: "planned" | "held" };
export type PartTimePlan = OfChild & {
  school: number;
  startDate: IsoDate;
  reviewDate: IsoDate;
  plannedEndDate: IsoDate;
  hoursPerWeek: number;
  reason: string;
};
export type MarkPlan = OfChild & { date: IsoDate; session: "AM" | "PM"; code: string; school: number };
export type ExclusionPlan = OfChild & {
  school: number;
  kind: "suspension" | "permanent";
  startDate: IsoDate;
  days: number;
  reason: string;
};
export type ActionPlan = OfChild & {
  email: string;
  at: Date;
  text: string;
  category: string;
  followUpDate: IsoDate | null;
  source: "api" | "bot" | "tab";
};

export type SeedPlan = {
  calendar: CalendarRow[];
  schools: SchoolPlan[];
  professionals: ProfessionalPlan[];
  children: ChildPlan[];
  enrolments: EnrolmentPlan[];
  placements: PlacementPlan[];
  allocations: AllocationPlan[];
  peps: PepPlan[];
  reviews: ReviewPlan[];
  marks: MarkPlan[];
  exclusions: ExclusionPlan[];
  partTime: PartTimePlan[];
  actions: ActionPlan[];
};
