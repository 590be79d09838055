/**
 * One child's facts for the status rules (educationStatus), shared by the status card's
 * tests by subject: Amira, 13, in care since May 2024, at Riverside Academy since 2023,
 * present every school day of the autumn term 2025 to "today", Wednesday 19 November 2025,
 * with the autumn PEP held. Each test overrides what it is about.
 */
import type { Mark } from "../../core/attendance/attendance.rules.js";
import { englandBankHolidays } from "../../core/calendar/bank-holidays.js";
import { compileCalendar, schoolDaysInRange } from "../../core/calendar/school-days.js";
import { type ChildFacts, educationStatus } from "../../core/children/status.js";
import type { PepRecord } from "../../core/peps/pep.rules.js";
import { defaultPolicy } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

export const cal = compileCalendar(demoCalendar);
export const TODAY = "2025-11-19"; // a Wednesday in autumn term 2025
export const DOB = "2012-03-14";
export const UPN = "T004199988970";

export const both = (date: string, code: string): Mark[] => [
  { date, session: "AM", code },
  { date, session: "PM", code },
];
/** Present for every school day from the start of term to `to`. */
export const presentUntil = (to: string): Mark[] =>
  schoolDaysInRange(cal, "2025-09-01", to).flatMap((d) => both(d, "/"));
export const pep = (term: string, meetingDate: string, rag: PepRecord["rag"] = "green"): PepRecord => ({
  term,
  dueDate: meetingDate,
  meetingDate,
  status: "complete",
  rag,
});

export const school = {
  schoolId: 1,
  schoolName: "Riverside Academy",
  urn: "100001",
  phase: "secondary",
  outOfArea: false,
  fromDate: "2023-09-01",
  toDate: null,
  yearGroup: "8",
};

export function facts(over: Partial<ChildFacts> = {}, child: Partial<ChildFacts["child"]> = {}): ChildFacts {
  return {
    child: {
      id: 7,
      firstName: "Amira",
      lastName: "Testcase",
      senStatus: "none",
      lookedAfterSince: "2024-05-01",
      legalStatus: "C2",
      dateOfBirth: DOB,
      ...child,
    },
    enrolments: [school],
    placements: [
      { placementType: "U4", fromDate: "2024-05-01", toDate: "2025-01-10", outOfArea: false },
      { placementType: "U1", fromDate: "2025-01-11", toDate: null, outOfArea: true },
    ],
    marks: presentUntil(TODAY),
    peps: [pep("Autumn 2025", "2025-10-01")],
    exclusions: [],
    reviews: ["2025-06-01", "2025-10-15"],
    actions: [],
    calendar: cal,
    bankHolidays: [...englandBankHolidays(2025), ...englandBankHolidays(2026)],
    ...over,
  };
}

/** The flags as "code:severity". */
export const codes = (f: ChildFacts, today = TODAY, policy = defaultPolicy) =>
  educationStatus(f, today, policy).flags.map((x) => `${x.code}:${x.severity}`);
