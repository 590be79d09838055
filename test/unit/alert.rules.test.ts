import { describe, expect, it } from "vitest";
import { type AlertContext, alertCandidates, dedupeKey } from "../../core/alerts/alert.rules.js";
import { ALERT_RULES, type AlertCandidate, type AlertRule, type ScanFacts } from "../../core/alerts/alert.types.js";
import { summariseCodeCounts } from "../../core/attendance/attendance.rules.js";
import { ATTENDANCE_CODES } from "../../core/attendance/codes.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { compileCalendar, type SchoolCalendar } from "../../core/calendar/school-days.js";
import type { PepRecord } from "../../core/peps/pep.rules.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, type Policy, policySchema } from "../../core/policy.js";

/**
 * 2026/27 by hand (with the terms either side, so PEPs held last summer and owed next
 * autumn have a term to belong to). Good Friday falls on the last day of the spring term
 * and the early May bank holiday inside the summer term: both close the school.
 * Counts in the cases below were checked against a wall calendar.
 */
const calendar2026: SchoolCalendar = {
  terms: [
    { name: "Summer 2026", start: "2026-04-13", end: "2026-07-21" },
    { name: "Autumn 2026", start: "2026-09-02", end: "2026-12-18" },
    { name: "Spring 2027", start: "2027-01-04", end: "2027-03-26" },
    { name: "Summer 2027", start: "2027-04-12", end: "2027-07-21" },
    { name: "Autumn 2027", start: "2027-09-01", end: "2027-12-17" },
  ],
  closures: [
    { name: "Autumn half-term", start: "2026-10-26", end: "2026-10-30" },
    { name: "Spring half-term", start: "2027-02-15", end: "2027-02-19" },
    { name: "Good Friday", start: "2027-03-26", end: "2027-03-26" },
    { name: "Early May bank holiday", start: "2027-05-03", end: "2027-05-03" },
    { name: "Summer half-term", start: "2027-05-31", end: "2027-06-04" },
  ],
};
const calendar = compileCalendar(calendar2026);
const bankHolidays = englandBankHolidaySet(2025, 2028);

const ctx = (today: IsoDate, over: Partial<AlertContext> = {}): AlertContext => ({
  today,
  calendar,
  bankHolidays,
  policy: defaultPolicy,
  registersClosed: true,
  ...over,
});

const absence = (counts: [string, number][], policy: Policy = defaultPolicy) =>
  summariseCodeCounts(new Map(counts), policy);

const pep = (term: string, meetingDate: IsoDate, status: PepRecord["status"] = "complete"): PepRecord => ({
  term,
  dueDate: meetingDate,
  meetingDate,
  status,
  rag: null,
  targets: "Read with Jamie Smith every evening",
});
const autumnPep = pep("Autumn 2026", "2026-10-01");
const springPep = pep("Spring 2027", "2027-03-10");
/** Reviews held on time: the next one is statutorily due on 15 Apr 2027. */
const heldReviews = ["2025-02-05", "2025-05-01", "2025-10-20", "2026-04-20", "2026-10-15"];

/** A 12-year-old in care since January 2025, on roll, present, with the autumn PEP held. */
const child = (over: Partial<ScanFacts> = {}): ScanFacts => ({
  childId: 7,
  dateOfBirth: "2014-05-10",
  lookedAfterSince: "2025-01-10",
  careStartKnown: true,
  onRoll: { schoolId: 3, fromDate: "2025-09-01", laCode: "999" },
  lastPlaceEnded: null,
  nextPlaceFrom: null,
  attendance: absence([["/", 100]]),
  today: { am: "/", pm: "/" },
  lastExplainedDate: null,
  peps: [autumnPep],
  reviews: heldReviews,
  plannedReviews: [],
  exclusions: [],
  partTime: [],
  ...over,
});

const scan = (today: IsoDate, facts: ScanFacts, over: Partial<AlertContext> = {}): AlertCandidate[] =>
  alertCandidates(facts, ctx(today, over));

const ofRules = (candidates: AlertCandidate[], rules: readonly AlertRule[]): AlertCandidate[] =>
  candidates.filter((c) => rules.includes(c.rule));

/** The one candidate of `rule`, or undefined; two of the same rule would be a bug. */
function one(candidates: AlertCandidate[], rule: AlertRule): AlertCandidate | undefined {
  const found = ofRules(candidates, [rule]);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

describe("dedupeKey", () => {
  it.each([
    [7, "suspension", "x12", "7:suspension:x12"],
    [1042, "persistent_absence", "2026", "1042:persistent_absence:2026"],
    [3, "missing_education", "2026-11-16", "3:missing_education:2026-11-16"],
  ] as [number, AlertRule, string, string][])("%i %s %s → %s", (childId, rule, period, key) => {
    expect(dedupeKey(childId, rule, period)).toBe(key);
  });

  it("is the key every candidate carries", () => {
    const candidates = scan("2027-02-09", busyChild());
    expect(candidates.length).toBeGreaterThan(5);
    for (const c of candidates) expect(c.dedupeKey).toBe(`${c.childId}:${c.rule}:${c.period}`);
  });
});

const PEP_DEADLINES = ["pep_initial_due", "pep_initial_overdue", "pep_review_due", "pep_overdue"] as const;
/** Looked after from Mon 2 Nov 2026: initial PEP due 10 working days later, Mon 16 Nov. */
const newToCare: Partial<ScanFacts> = { lookedAfterSince: "2026-11-02", peps: [], reviews: [] };
const soon5 = policySchema.parse({ pepDueSoonSchoolDays: 5 });

describe("PEP deadlines (to the social worker and the designated teacher)", () => {
  it.each([
    ["initial: 6 school days away is not yet due soon", "2026-11-06", newToCare, soon5, null],
    ["initial: 5 school days away is due soon", "2026-11-09", newToCare, soon5, ["pep_initial_due", "2026-11-16"]],
    ["initial: on its due date it is still due", "2026-11-16", newToCare, soon5, ["pep_initial_due", "2026-11-16"]],
    ["initial: the next day it is overdue", "2026-11-17", newToCare, soon5, ["pep_initial_overdue", "2026-11-16"]],
    [
      "initial: a draft does not count",
      "2026-11-17",
      { ...newToCare, peps: [pep("Autumn 2026", "2026-11-12", "draft")] },
      soon5,
      ["pep_initial_overdue", "2026-11-16"],
    ],
    ["initial: held, nothing", "2026-11-17", { ...newToCare, peps: [pep("Autumn 2026", "2026-11-12")] }, soon5, null],
    [
      "initial: a 17-year-old still needs one",
      "2026-11-17",
      { ...newToCare, dateOfBirth: "2008-11-18" },
      soon5,
      ["pep_initial_overdue", "2026-11-16"],
    ],
    ["initial: an 18-year-old needs none", "2026-11-17", { ...newToCare, dateOfBirth: "2008-11-17" }, soon5, null],
    ["not looked after: none", "2026-11-17", { ...newToCare, lookedAfterSince: null }, soon5, null],
    ["termly: 11 school days away is not yet due soon", "2027-03-10", {}, defaultPolicy, null],
    ["termly: 10 school days away is due soon", "2027-03-11", {}, defaultPolicy, ["pep_review_due", "2027-03-25"]],
    ["termly: overdue on Good Friday", "2027-03-26", {}, defaultPolicy, ["pep_overdue", "2027-03-25"]],
    ["termly: still overdue in the Easter holiday", "2027-04-01", {}, defaultPolicy, ["pep_overdue", "2027-03-25"]],
    [
      "termly: the spring PEP held, the summer PEP is owed 3 working days before the review",
      "2027-04-13",
      { peps: [autumnPep, springPep] },
      defaultPolicy,
      ["pep_overdue", "2027-04-12"],
    ],
  ] as [string, IsoDate, Partial<ScanFacts>, Policy, [AlertRule, IsoDate] | null][])(
    "%s",
    (_name, today, over, policy, expected) => {
      const found = ofRules(scan(today, child(over), { policy }), PEP_DEADLINES);
      if (expected === null) return expect(found).toEqual([]);
      const [rule, period] = expected;
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        rule,
        period,
        severity: rule.endsWith("overdue") ? "red" : "amber",
        recipients: ["social_worker", "designated_teacher"],
        details: { dueDate: period },
      });
    },
  );
});

describe("PEP not current before a care-plan review (to the IRO)", () => {
  /** A review booked for Wed 10 Feb 2027: the IRO needs the PEP by Fri 5 Feb. */
  const booked: Partial<ScanFacts> = { reviews: [...heldReviews, "2027-02-10"] };
  it.each([
    ["the day before the cut-off", "2027-02-04", booked, null],
    ["on the cut-off, 3 working days before", "2027-02-05", booked, "2027-02-10"],
    ["the day before the review", "2027-02-09", booked, "2027-02-10"],
    ["on the review day the review is held", "2027-02-10", booked, null],
    ["the spring PEP is held", "2027-02-05", { ...booked, peps: [autumnPep, pep("Spring 2027", "2027-02-01")] }, null],
    [
      "a review on the second day of term is served by last term's PEP",
      "2027-01-04",
      { reviews: [...heldReviews, "2027-01-05"] },
      null,
    ],
    [
      "nothing booked: the statutory date, on its cut-off",
      "2027-04-12",
      { peps: [autumnPep, springPep] },
      "2027-04-15",
    ],
    ["nothing booked: before its cut-off", "2027-04-09", { peps: [autumnPep, springPep] }, null],
    ["nothing booked: on the statutory date itself", "2027-04-15", { peps: [autumnPep, springPep] }, null],
  ] as [string, IsoDate, Partial<ScanFacts>, IsoDate | null][])("%s", (_name, today, over, review) => {
    const found = one(scan(today, child(over)), "pep_before_review");
    if (review === null) return expect(found).toBeUndefined();
    expect(found).toMatchObject({
      period: review,
      severity: "amber",
      recipients: ["iro", "social_worker"],
      details: { reviewDate: review },
    });
  });
});

describe("unexplained absence or no mark today", () => {
  it.each([
    ["N in the morning", "2026-11-10", "N", "/", false, { am: "N", pm: "/" }],
    ["O in the afternoon", "2026-11-10", "/", "O", false, { am: "/", pm: "O" }],
    ["G all day", "2026-11-10", "G", "G", false, { am: "G", pm: "G" }],
    ["U: after the register closed", "2026-11-10", "U", "/", false, { am: "U", pm: "/" }],
    ["a lower-case n from an old feed", "2026-11-10", "n", null, false, { am: "N", pm: "none" }],
    ["present all day", "2026-11-10", "/", "\\", true, null],
    ["late before the register closed", "2026-11-10", "L", "\\", true, null],
    ["authorised illness", "2026-11-10", "I", "I", true, null],
    ["no mark while registers are open", "2026-11-10", null, null, false, null],
    ["no mark once registers have closed", "2026-11-10", null, null, true, { am: "none", pm: "none" }],
    ["the afternoon unmarked after close", "2026-11-10", "/", null, true, { am: "/", pm: "none" }],
    ["a dash is no mark", "2026-11-10", "-", "\\", true, { am: "none", pm: "\\" }],
    ["the first school day of the year", "2026-09-02", "N", "N", true, { am: "N", pm: "N" }],
    ["the day after half-term", "2026-11-02", "O", null, false, { am: "O", pm: "none" }],
    ["the day before term starts", "2026-09-01", null, null, true, null],
    ["in half-term", "2026-10-28", null, null, true, null],
    ["a Saturday, even with a stray N", "2026-11-07", "N", null, true, null],
    ["the early May bank holiday", "2027-05-03", null, null, true, null],
  ] as [string, IsoDate, string | null, string | null, boolean, { am: string; pm: string } | null][])(
    "%s",
    (_name, today, am, pm, registersClosed, expected) => {
      const found = one(scan(today, child({ today: { am, pm } }), { registersClosed }), "unexplained_absence_today");
      if (expected === null) return expect(found).toBeUndefined();
      expect(found).toMatchObject({
        period: today,
        severity: "amber",
        recipients: ["designated_teacher", "social_worker"],
        details: { date: today, ...expected },
      });
    },
  );
});

describe("missing education: consecutive school days of unexplained absence", () => {
  const blank = { am: null, pm: null };
  const since2025 = "2025-09-01";
  const fiveDays = policySchema.parse({ missingEducationSchoolDays: 5 });
  it.each([
    ["the 10th school day, registers closed", "2026-11-27", "2026-11-13", since2025, true, "2026-11-16", 10],
    ["the 9th school day", "2026-11-26", "2026-11-13", since2025, true, null, 0],
    ["the 10th day with its registers open and blank", "2026-11-27", "2026-11-13", since2025, false, null, 0],
    ["the Saturday after counts to the Friday", "2026-11-28", "2026-11-13", since2025, false, "2026-11-16", 10],
    ["the next Monday before its registers", "2026-11-30", "2026-11-13", since2025, false, "2026-11-16", 10],
    ["across half-term", "2026-11-06", "2026-10-16", since2025, true, "2026-10-19", 10],
    ["across the early May bank holiday", "2027-05-10", "2027-04-23", since2025, true, "2027-04-26", 10],
    ["one short of that", "2027-05-07", "2027-04-23", since2025, true, null, 0],
    ["nothing explained this year: from its first school day", "2026-09-15", null, since2025, true, "2026-09-02", 10],
    ["nothing explained, 9 school days in", "2026-09-14", null, since2025, true, null, 0],
    ["only since joining the roll", "2026-12-01", "2026-11-13", "2026-11-18", true, "2026-11-18", 10],
    ["joined the roll 9 school days ago", "2026-11-30", "2026-11-13", "2026-11-18", true, null, 0],
  ] as [string, IsoDate, IsoDate | null, IsoDate, boolean, IsoDate | null, number][])(
    "%s",
    (_name, today, lastExplainedDate, fromDate, registersClosed, from, days) => {
      const facts = child({ lastExplainedDate, onRoll: { schoolId: 3, fromDate, laCode: "999" }, today: blank });
      const found = one(scan(today, facts, { registersClosed }), "missing_education");
      if (from === null) return expect(found).toBeUndefined();
      expect(found).toMatchObject({
        period: from,
        severity: "red",
        recipients: ["designated_teacher", "social_worker", "vsh"],
        details: { from, schoolDays: days },
      });
    },
  );

  it("counts today once it carries a mark, even with registers open", () => {
    const facts = child({ lastExplainedDate: "2026-11-13", today: { am: "N", pm: null } });
    expect(one(scan("2026-11-27", facts, { registersClosed: false }), "missing_education")?.period).toBe("2026-11-16");
  });

  it.each([
    [4, "2026-11-19", null],
    [5, "2026-11-20", "2026-11-16"],
  ] as [number, IsoDate, IsoDate | null][])("follows the policy: %i days under a 5-day policy", (_n, today, from) => {
    const facts = child({ lastExplainedDate: "2026-11-13", today: blank });
    expect(one(scan(today, facts, { policy: fiveDays }), "missing_education")?.period ?? null).toBe(from);
  });
});

describe("no school place (to the VSH and the social worker)", () => {
  /** Off roll since Fri 9 Oct 2026: Sat 10 Oct is the first day without a place. */
  const offRoll: Partial<ScanFacts> = { onRoll: null, lastPlaceEnded: "2026-10-09" };
  const newInCare: Partial<ScanFacts> = { onRoll: null, lookedAfterSince: "2026-11-02", lastPlaceEnded: "2026-07-17" };
  /** Fifth birthday 1 Dec 2026: compulsory school age from 31 Dec 2026. */
  const turnsFive: Partial<ScanFacts> = {
    onRoll: null,
    dateOfBirth: "2021-12-01",
    lookedAfterSince: "2026-01-05",
    peps: [],
  };
  it.each([
    ["20 school days without a place", "2026-11-13", offRoll, null, 0],
    ["21 school days", "2026-11-16", offRoll, "2026-10-10", 21],
    ["the Saturday after the 20th is still 20", "2026-11-14", offRoll, null, 0],
    [
      "a place booked from next week is not a place",
      "2026-11-16",
      { ...offRoll, onRoll: { schoolId: 4, fromDate: "2026-11-23" } },
      "2026-10-10",
      21,
    ],
    ["on roll", "2026-11-16", { lastPlaceEnded: "2026-10-09" }, null, 0],
    ["counted from becoming looked after: 20 days", "2026-11-27", newInCare, null, 0],
    ["counted from becoming looked after: 21 days", "2026-11-30", newInCare, "2026-11-02", 21],
    ["counted from compulsory school age: 20 days", "2027-01-29", turnsFive, null, 0],
    ["counted from compulsory school age: 21 days", "2027-02-01", turnsFive, "2026-12-31", 21],
    ["past compulsory school age (16 in March)", "2026-11-16", { ...offRoll, dateOfBirth: "2010-03-01" }, null, 0],
    ["not looked after", "2026-11-16", { ...offRoll, lookedAfterSince: null }, null, 0],
  ] as [string, IsoDate, Partial<ScanFacts>, IsoDate | null, number][])("%s", (_name, today, over, since, days) => {
    const found = one(scan(today, child(over)), "no_school_place");
    if (since === null) return expect(found).toBeUndefined();
    expect(found).toMatchObject({
      period: since,
      severity: "red",
      recipients: ["vsh", "social_worker"],
      details: { since, schoolDays: days },
    });
  });
});

describe("persistent and severe absence", () => {
  it.each([
    [
      "exactly 10% absent",
      [
        ["/", 90],
        ["I", 10],
      ],
      ["persistent_absence"],
    ],
    [
      "9% absent",
      [
        ["/", 91],
        ["N", 9],
      ],
      [],
    ],
    [
      "exactly 50% absent",
      [
        ["/", 50],
        ["O", 50],
      ],
      ["persistent_absence", "severe_absence"],
    ],
    [
      "49% absent",
      [
        ["/", 51],
        ["O", 49],
      ],
      ["persistent_absence"],
    ],
    [
      "unable to attend is not absence",
      [
        ["/", 9],
        ["Y1", 91],
      ],
      [],
    ],
  ] as [string, [string, number][], AlertRule[]][])("%s", (_name, counts, rules) => {
    const found = ofRules(scan("2026-11-10", child({ attendance: absence(counts) })), [
      "persistent_absence",
      "severe_absence",
    ]);
    expect(found.map((c) => c.rule)).toEqual(rules);
    for (const c of found) {
      expect(c.period).toBe("2026");
      expect(c).toMatchObject(
        c.rule === "severe_absence"
          ? { severity: "red", recipients: ["vsh", "designated_teacher", "social_worker"] }
          : { severity: "amber", recipients: ["designated_teacher", "social_worker"] },
      );
    }
  });
});

describe("suspensions and permanent exclusions", () => {
  type Exclusion = ScanFacts["exclusions"][number];
  const suspension = (id: number, startDate: IsoDate, days: number): Exclusion => ({
    id,
    kind: "suspension",
    startDate,
    days,
  });
  it.each([
    ["a 3-day suspension", [suspension(12, "2026-11-09", 3)], "amber", false, null],
    ["5 days: education not yet owed", [suspension(12, "2026-11-09", 5)], "amber", false, null],
    ["6 days: education owed from the 6th school day", [suspension(12, "2026-11-09", 6)], "amber", true, "2026-11-16"],
    ["6 days across half-term", [suspension(12, "2026-10-22", 6)], "amber", true, "2026-11-05"],
    [
      "the year reaching 45 days",
      [suspension(1, "2026-09-14", 40), suspension(12, "2026-12-01", 5)],
      "red",
      false,
      null,
    ],
    ["the year at 44 days", [suspension(1, "2026-09-14", 40), suspension(12, "2026-12-01", 4)], "amber", false, null],
    ["listed out of order", [suspension(12, "2026-12-01", 5), suspension(1, "2026-09-14", 40)], "red", false, null],
  ] as [string, Exclusion[], "red" | "amber", boolean, IsoDate | null][])(
    "%s",
    (_name, exclusions, severity, educationOwed, educationFrom) => {
      const found = ofRules(scan("2026-12-02", child({ exclusions })), ["suspension"]);
      expect(found.map((c) => c.period).sort()).toEqual(exclusions.map((x) => `x${x.id}`).sort());
      expect(found.find((c) => c.period === "x12")).toMatchObject({
        severity,
        recipients: ["social_worker", "vsh", "designated_teacher"],
        details: { exclusionId: 12, educationOwed, educationFrom },
      });
    },
  );

  it("only the suspension that brings the year to 45 days is red, whatever day the scan runs", () => {
    const exclusions = [suspension(12, "2026-12-01", 5), suspension(1, "2026-09-14", 40)];
    const severities = ofRules(scan("2026-12-02", child({ exclusions })), ["suspension"]).map((c) => [
      c.period,
      c.severity,
    ]);
    expect(severities).toEqual([
      ["x1", "amber"],
      ["x12", "red"],
    ]);
  });

  it("a permanent exclusion is red, to the social worker and the VSH, with education owed", () => {
    const exclusions: Exclusion[] = [{ id: 30, kind: "permanent", startDate: "2026-11-09", days: 0 }];
    expect(scan("2026-11-10", child({ exclusions }))).toContainEqual(
      expect.objectContaining({
        rule: "permanent_exclusion",
        period: "x30",
        severity: "red",
        recipients: ["social_worker", "vsh"],
        details: expect.objectContaining({ educationOwed: true, educationFrom: "2026-11-16" }),
      }),
    );
  });
});

/** Everything at once on Tue 9 Feb 2027: PEPs, absence today, a run, thresholds, exclusions. */
function busyChild(): ScanFacts {
  return child({
    reviews: [...heldReviews, "2027-02-10"],
    today: { am: "N", pm: null },
    lastExplainedDate: "2027-01-22",
    attendance: absence([
      ["/", 40],
      ["N", 40],
    ]),
    exclusions: [
      { id: 12, kind: "suspension", startDate: "2027-01-11", days: 3 },
      { id: 13, kind: "permanent", startDate: "2027-02-01", days: 0 },
    ],
  });
}

describe("dedupe: the same condition alerts once, a new occurrence again", () => {
  it("two scans of the same facts give the same candidates", () => {
    expect(scan("2027-02-09", busyChild())).toEqual(scan("2027-02-09", busyChild()));
  });

  const run = child({ lastExplainedDate: "2026-11-13", today: { am: null, pm: null } });
  const pa = child({
    attendance: absence([
      ["/", 85],
      ["O", 15],
    ]),
  });
  const offRoll = child({ onRoll: null, lastPlaceEnded: "2026-10-09" });
  const suspended = child({ exclusions: [{ id: 12, kind: "suspension", startDate: "2026-11-09", days: 3 }] });
  const review = child({ reviews: [...heldReviews, "2027-02-10"] });
  it.each([
    ["persistent_absence", pa, "2026-11-09", "2026-11-10", "7:persistent_absence:2026"],
    ["persistent_absence", pa, "2026-11-10", "2027-03-01", "7:persistent_absence:2026"],
    ["missing_education", run, "2026-11-27", "2026-11-30", "7:missing_education:2026-11-16"],
    ["pep_overdue", child(), "2027-03-26", "2027-04-01", "7:pep_overdue:2027-03-25"],
    ["pep_before_review", review, "2027-02-05", "2027-02-09", "7:pep_before_review:2027-02-10"],
    ["no_school_place", offRoll, "2026-11-16", "2026-11-17", "7:no_school_place:2026-10-10"],
    ["suspension", suspended, "2026-11-10", "2026-11-11", "7:suspension:x12"],
  ] as [AlertRule, ScanFacts, IsoDate, IsoDate, string][])(
    "%s on %s and on %s has one key",
    (rule, facts, day1, day2, key) => {
      expect(one(scan(day1, facts), rule)?.dedupeKey).toBe(key);
      expect(one(scan(day2, facts), rule)?.dedupeKey).toBe(key);
    },
  );

  it.each([
    [
      "a new run of absence after an explained day",
      "missing_education",
      [run, "2026-11-27"],
      [child({ lastExplainedDate: "2026-11-30", today: { am: null, pm: null } }), "2026-12-14"],
      "7:missing_education:2026-12-01",
    ],
    [
      "a new exclusion",
      "suspension",
      [suspended, "2026-11-11"],
      [
        child({
          exclusions: [
            { id: 12, kind: "suspension", startDate: "2026-11-09", days: 3 },
            { id: 13, kind: "suspension", startDate: "2026-11-16", days: 1 },
          ],
        }),
        "2026-11-17",
      ],
      "7:suspension:x13",
    ],
    [
      "a new PEP due date",
      "pep_overdue",
      [child(), "2027-04-01"],
      [child({ peps: [autumnPep, springPep] }), "2027-04-13"],
      "7:pep_overdue:2027-04-12",
    ],
    ["a new school year", "persistent_absence", [pa, "2027-07-01"], [pa, "2027-09-06"], "7:persistent_absence:2027"],
    [
      "unexplained absence on another day",
      "unexplained_absence_today",
      [child({ today: { am: "N", pm: "N" } }), "2026-11-10"],
      [child({ today: { am: "N", pm: "N" } }), "2026-11-11"],
      "7:unexplained_absence_today:2026-11-11",
    ],
  ] as [string, AlertRule, [ScanFacts, IsoDate], [ScanFacts, IsoDate], string][])(
    "%s gets a new key",
    (_name, rule, [factsBefore, before], [factsAfter, after], newKey) => {
      const keysBefore = ofRules(scan(before, factsBefore), [rule]).map((c) => c.dedupeKey);
      const keysAfter = ofRules(scan(after, factsAfter), [rule]).map((c) => c.dedupeKey);
      expect(keysBefore).toHaveLength(1);
      expect(keysBefore).not.toContain(newKey);
      expect(keysAfter).toContain(newKey);
    },
  );
});

describe("who gets nothing", () => {
  it("a settled child on an ordinary day raises nothing", () => {
    expect(scan("2026-11-10", child({ lastExplainedDate: "2026-11-10" }))).toEqual([]);
  });

  it.each([
    ["not on roll", null],
    ["on roll only from tomorrow", { schoolId: 3, fromDate: "2026-11-11" }],
  ] as [string, ScanFacts["onRoll"]][])("%s: no attendance alerts, whatever the marks", (_name, onRoll) => {
    const facts = child({
      onRoll,
      lastPlaceEnded: "2026-09-30",
      today: { am: "N", pm: "O" },
      lastExplainedDate: "2026-09-01",
      attendance: absence([
        ["/", 10],
        ["N", 90],
      ]),
    });
    const rules = scan("2026-11-10", facts).map((c) => c.rule);
    expect(rules).toContain("no_school_place");
    for (const rule of ["unexplained_absence_today", "missing_education", "persistent_absence", "severe_absence"]) {
      expect(rules).not.toContain(rule);
    }
  });

  it("an 18-year-old gets no PEP alerts, though the same child at 17 would", () => {
    const pepRules = ALERT_RULES.filter((r) => r.startsWith("pep_"));
    const at17 = child({ dateOfBirth: "2009-02-10", reviews: [...heldReviews, "2027-02-10"] });
    const at18 = child({ dateOfBirth: "2009-02-09", reviews: [...heldReviews, "2027-02-10"] });
    expect(ofRules(scan("2027-02-09", at17), pepRules).map((c) => c.rule)).toEqual([
      "pep_overdue",
      "pep_before_review",
    ]);
    expect(ofRules(scan("2027-02-09", at18), pepRules)).toEqual([]);
  });
});

describe("details", () => {
  const codes = new Set<string>(ATTENDANCE_CODES.map((c) => c.code));
  const allowed = (value: string | number | boolean | null): boolean =>
    typeof value !== "string" || /^\d{4}(-\d{2}-\d{2})?$/.test(value) || value === "none" || codes.has(value);

  it("carry dates, counts, codes and ids only: no names, no free text", () => {
    const candidates = [...scan("2027-02-09", busyChild()), ...scan("2026-11-16", child({ onRoll: null }))];
    expect(new Set(candidates.map((c) => c.rule))).toEqual(
      new Set([
        "pep_overdue",
        "pep_before_review",
        "unexplained_absence_today",
        "missing_education",
        "persistent_absence",
        "severe_absence",
        "suspension",
        "permanent_exclusion",
        "no_school_place",
      ]),
    );
    for (const c of candidates) {
      for (const [key, value] of Object.entries(c.details)) expect([key, allowed(value)]).toEqual([key, true]);
    }
    expect(JSON.stringify(candidates)).not.toMatch(/Jamie|Smith|Spring|Autumn/);
  });

  it("never raise follow-ups: those come from logged actions", () => {
    expect(scan("2027-02-09", busyChild()).map((c) => c.rule)).not.toContain("follow_up");
  });
});

describe("data gaps and early-year noise", () => {
  it("a school that sent no register at all is a data gap: no missing-education alert", () => {
    const noFeed = child({ attendance: absence([]), lastExplainedDate: null, today: { am: null, pm: null } });
    expect(ofRules(scan("2026-09-30", noFeed), ["missing_education"])).toEqual([]);
    // One unexplained mark is a register: then the run counts.
    const oneMark = child({ attendance: absence([["N", 1]]), lastExplainedDate: null, today: { am: null, pm: null } });
    expect(ofRules(scan("2026-09-30", oneMark), ["missing_education"])).toHaveLength(1);
  });

  it.each([
    [
      "one day off in the first week (2 of 8 sessions)",
      [
        ["/", 6],
        ["I", 2],
      ],
      [],
    ],
    [
      "19 possible sessions, a third missed",
      [
        ["/", 13],
        ["N", 6],
      ],
      [],
    ],
    [
      "20 possible sessions, 3 missed",
      [
        ["/", 17],
        ["I", 3],
      ],
      ["persistent_absence"],
    ],
    [
      "20 possible sessions, half missed",
      [
        ["/", 10],
        ["O", 10],
      ],
      ["persistent_absence", "severe_absence"],
    ],
  ] as const)("%s → %j", (_, counts, rules) => {
    const facts = child({ attendance: absence(counts.map(([c, n]) => [c, n])) });
    const found = ofRules(scan("2026-09-14", facts), ["persistent_absence", "severe_absence"]).map((a) => a.rule);
    expect(found.sort()).toEqual([...rules].sort());
  });
});
