/**
 * The invented children the conversation screenshots are about, as the facts the status
 * rules read (ChildFacts), on the demo day, Monday 23 Nov 2026. Each is written for what
 * its picture shows; the rules (educationStatus, iroBrief) then say the rest, so a picture
 * shows what the bot would answer, not what someone typed into a card.
 */
import type { Mark } from "../../core/attendance/attendance.rules.js";
import { englandBankHolidays } from "../../core/calendar/bank-holidays.js";
import { compileCalendar, schoolDaysInRange } from "../../core/calendar/school-days.js";
import type { ChildFacts, Enrolment, LoggedAction } from "../../core/children/status.js";
import type { ChildTeam } from "../../core/children/team.js";
import type { PepRecord } from "../../core/peps/pep.rules.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { demoCalendar } from "../../prisma/seed/calendar.js";

/** The demo day, as the tab's screenshots (tab.ts TAB_DAY): a Monday of the autumn term. */
export const DAY: IsoDate = "2026-11-23";

// Last school year's terms too: the reviews and PEPs before this one are judged on them.
const last = demoCalendar(2025);
const current = demoCalendar(2026);
const calendar = compileCalendar({
  terms: [...last.terms, ...current.terms],
  closures: [...last.closures, ...current.closures],
});
const bankHolidays = [...englandBankHolidays(2025), ...englandBankHolidays(2026), ...englandBankHolidays(2027)];

const schoolDays = (from: IsoDate, to: IsoDate) => schoolDaysInRange(calendar, from, to);
const both = (date: IsoDate, code: string): Mark[] => [
  { date, session: "AM", code },
  { date, session: "PM", code },
];

/** Present every school day from `from` to `to`, except the days given their own codes. */
function register(from: IsoDate, to: IsoDate, codes: Record<IsoDate, string> = {}): Mark[] {
  return schoolDays(from, to).flatMap((d) => both(d, codes[d] ?? "/"));
}

function school(id: number, name: string, fromDate: IsoDate, yearGroup: string, toDate: IsoDate | null = null) {
  const phase = name.includes("Primary") ? "primary" : "secondary";
  const urn = `1${String(id).padStart(5, "0")}`;
  return {
    schoolId: id,
    schoolName: name,
    urn,
    phase,
    outOfArea: false,
    fromDate,
    toDate,
    yearGroup,
  } satisfies Enrolment;
}

/** Reviews held to the end of 2024, for a child in care since April 2023 (the cast's default). */
const EARLY_REVIEWS = ["2023-04-28", "2023-07-14", "2024-01-12", "2024-07-05", "2024-12-13"];

const OAKFIELD = 1;
const RIVERSIDE = 2;
const HILLSIDE_PRIMARY = 3;

const pep = (term: string, meetingDate: IsoDate, targets?: string): PepRecord => ({
  term,
  dueDate: meetingDate,
  meetingDate,
  status: "complete",
  rag: "green",
  ...(targets ? { targets } : {}),
});

const logged = (at: string, by: string, text: string, category = "general"): LoggedAction => ({
  at,
  by,
  text,
  category,
  followUpDate: null,
});

function facts(child: Partial<ChildFacts["child"]> & { id: number; firstName: string; lastName: string }) {
  return (over: Partial<ChildFacts>): ChildFacts => ({
    child: { senStatus: "none", lookedAfterSince: "2023-04-03", legalStatus: "C2", ...child },
    enrolments: [],
    placements: [{ placementType: "U1", fromDate: "2023-04-03", toDate: null, outOfArea: false }],
    marks: [],
    peps: [],
    exclusions: [],
    reviews: [],
    actions: [],
    calendar,
    bankHolidays,
    registersClosed: { am: true, pm: true },
    ...over,
  });
}

/** Absent without a reason today and the two school days before: "is Jordan in school today?". */
export const jordan = facts({ id: 7, firstName: "Jordan", lastName: "Smith", senStatus: "sen_support" })({
  enrolments: [school(OAKFIELD, "Oakfield Academy", "2024-09-03", "10")],
  marks: register("2026-09-03", DAY, { "2026-11-19": "N", "2026-11-20": "N", [DAY]: "N", "2026-10-06": "I" }),
  peps: [pep("2025-summer", "2026-05-12")],
  reviews: [...EARLY_REVIEWS, "2025-06-13", "2025-11-20", "2026-05-20"],
  plannedReviews: ["2026-12-02"],
});

/**
 * "brief Amira": moved up to secondary school in September (so the registers since the
 * review start then), an EHCP, no exclusions, and an autumn PEP that serves the review booked
 * for 9 Dec. Her next PEP, the spring term's, is booked for January.
 */
export const amira = facts({ id: 8, firstName: "Amira", lastName: "Khan", senStatus: "ehcp" })({
  enrolments: [
    school(HILLSIDE_PRIMARY, "Hillside Primary School", "2019-09-04", "6", "2026-07-22"),
    school(OAKFIELD, "Oakfield Academy", "2026-09-03", "7"),
  ],
  marks: register("2026-09-03", DAY, { "2026-09-24": "I", "2026-10-14": "M", "2026-11-10": "I" }),
  peps: [
    pep("2025-summer", "2026-05-06"),
    pep(
      "2026-autumn",
      "2026-10-07",
      "Settle into Year 7 with a named key adult\nRead for 20 minutes each evening\nJoin the after-school science club",
    ),
    { term: "2026-spring", dueDate: "2027-01-19", meetingDate: "2027-01-19", status: "booked", rag: null },
  ],
  reviews: [...EARLY_REVIEWS, "2025-06-13", "2025-12-12", "2026-06-10"],
  plannedReviews: ["2026-12-09"],
  actions: [
    logged(
      "2026-11-18T10:15:00Z",
      "Sam Patel",
      "Visited Amira at home. She is proud of her science club project and wants to keep it up.",
    ),
    logged(
      "2026-10-07T14:00:00Z",
      "Priya Shah",
      "PEP held: Amira has settled well; key adult in place; EHCP review set for March.",
      "pep",
    ),
    logged(
      "2026-09-10T09:30:00Z",
      "Sam Patel",
      "Rang the carer: Amira started at Oakfield on 3 Sept, travel by school bus is working.",
    ),
  ],
});

/** Reviews coming up with no date booked: "who is Tyler's designated teacher?". */
export const tyler = facts({
  id: 9,
  firstName: "Tyler",
  lastName: "Brooks",
  lookedAfterSince: "2026-08-24",
  legalStatus: "C1",
})({
  enrolments: [school(RIVERSIDE, "Riverside Academy", "2025-09-03", "9")],
  marks: register("2026-09-03", DAY),
  peps: [pep("initial", "2026-09-16")],
  reviews: ["2026-09-18"],
});

/** Her last review, on Thursday 12 Nov, with what was logged that day: "what happened at Leah's last review?". */
export const leah = facts({
  id: 10,
  firstName: "Leah",
  lastName: "Morgan",
  senStatus: "ehcp",
  lookedAfterSince: "2021-10-01",
})({
  placements: [{ placementType: "U1", fromDate: "2021-10-01", toDate: null, outOfArea: false }],
  enrolments: [school(OAKFIELD, "Oakfield Academy", "2022-09-05", "11")],
  marks: register("2026-09-03", DAY, { "2026-10-01": "I", "2026-11-05": "M" }),
  peps: [pep("2025-summer", "2026-05-14"), pep("2026-autumn", "2026-10-20")],
  reviews: [...EARLY_REVIEWS, "2025-06-13", "2025-12-04", "2026-05-13", "2026-11-12"],
  actions: [
    logged(
      "2026-11-12T11:40:00Z",
      "Dana Reeves",
      "Review held. Leah wants to stay at Oakfield for sixth form; the school will arrange a taster day before Easter.",
    ),
    logged(
      "2026-11-12T12:05:00Z",
      "Dana Reeves",
      "Asked the social worker to confirm the tutoring funded by the PEP continues through her GCSEs.",
    ),
    logged("2026-11-16T09:20:00Z", "Sam Patel", "Rang the carer: Leah's tutoring is booked for Wednesdays."),
  ],
});

/** Off school today with no reason given: with Jordan, the answer to "who is absent today?". */
export const noah = facts({ id: 11, firstName: "Noah", lastName: "Walsh", lookedAfterSince: "2025-02-10" })({
  enrolments: [school(RIVERSIDE, "Riverside Academy", "2025-02-17", "8")],
  marks: register("2026-09-03", DAY, { [DAY]: "N", "2026-11-02": "I" }),
  peps: [pep("2025-summer", "2026-06-09"), pep("2026-autumn", "2026-10-15")],
  reviews: ["2025-03-07", "2025-05-30", "2025-11-27", "2026-05-21", "2026-11-05"],
});

/** Tyler's team: the school, its designated teacher, and his social worker and IRO. */
export const tylerTeam: ChildTeam = {
  child: { id: 9, firstName: "Tyler", lastName: "Brooks" },
  school: { id: RIVERSIDE, name: "Riverside Academy" },
  designatedTeachers: [{ name: "Priya Shah", email: "priya.shah@riverside.example.org" }],
  socialWorkers: [{ name: "Sam Patel", email: "sam.patel@council.example.gov.uk" }],
  iros: [{ name: "Dana Reeves", email: "dana.reeves@council.example.gov.uk" }],
  educationAdvisers: [],
};
