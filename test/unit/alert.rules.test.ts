import { describe, expect, it } from "vitest";
import { type AlertContext, alertCandidates, dedupeKey } from "../../core/alerts/alert.rules.js";
import { ALERT_RULES, type AlertCandidate, type AlertRule, type ScanFacts } from "../../core/alerts/alert.types.js";
import { BOTH_REGISTERS_CLOSED } from "../../core/attendance/attendance.rules.js";
import { ATTENDANCE_CODES } from "../../core/attendance/codes.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import type { PepRecord } from "../../core/peps/pep.rules.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, type Policy, policySchema } from "../../core/policy.js";
import { absence, calendar2026 as calendar, ofRules, one, scanFacts } from "./scan-facts.fixture.js";

const bankHolidays = englandBankHolidaySet(2025, 2028);

const ctx = (today: IsoDate, over: Partial<AlertContext> = {}): AlertContext => ({
  today,
  calendar,
  bankHolidays,
  policy: defaultPolicy,
  registersClosed: BOTH_REGISTERS_CLOSED,
  ...over,
});

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
const child = (over: Partial<ScanFacts> = {}): ScanFacts =>
  scanFacts({ peps: [autumnPep], reviews: heldReviews, ...over });

const scan = (today: IsoDate, facts: ScanFacts, over: Partial<AlertContext> = {}): AlertCandidate[] =>
  alertCandidates(facts, ctx(today, over));

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
      "termly: a review in summer's first 10 school days is served by spring's PEP: nothing due",
      "2027-04-13",
      { peps: [autumnPep, springPep] },
      defaultPolicy,
      null,
    ],
    [
      "termly: a review after the carry-over window makes summer's PEP due 3 working days before it",
      "2027-05-10",
      { peps: [autumnPep, springPep], reviews: [...heldReviews, "2027-05-12"] },
      defaultPolicy,
      ["pep_overdue", "2027-05-07"],
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
  /** The last review on 20 Nov 2026: the next is statutorily due Thu 20 May 2027, the PEP by Mon 17 May. */
  const laterStatutory: Partial<ScanFacts> = {
    peps: [autumnPep, springPep],
    reviews: [...heldReviews.slice(0, -1), "2026-11-20"],
  };
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
      "nothing booked: the statutory date on summer's 4th school day is served by spring's PEP",
      "2027-04-12",
      { peps: [autumnPep, springPep] },
      null,
    ],
    ["nothing booked: after the carry-over window, on its cut-off", "2027-05-17", laterStatutory, "2027-05-20"],
    ["nothing booked: before its cut-off", "2027-05-14", laterStatutory, null],
    ["nothing booked: on the statutory date itself", "2027-05-20", laterStatutory, null],
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
    ["19 school days without a place", "2026-11-12", offRoll, null, 0],
    ["20 school days: the line the card turns red at", "2026-11-13", offRoll, "2026-10-10", 20],
    ["21 school days", "2026-11-16", offRoll, "2026-10-10", 21],
    ["the Saturday after the 20th is still 20", "2026-11-14", offRoll, "2026-10-10", 20],
    [
      "a place booked from next week is not a place",
      "2026-11-16",
      { ...offRoll, onRoll: { schoolId: 4, fromDate: "2026-11-23" } },
      "2026-10-10",
      21,
    ],
    ["on roll", "2026-11-16", { lastPlaceEnded: "2026-10-09" }, null, 0],
    ["counted from becoming looked after: 19 days", "2026-11-26", newInCare, null, 0],
    ["counted from becoming looked after: 20 days", "2026-11-27", newInCare, "2026-11-02", 20],
    ["counted from becoming looked after: 21 days", "2026-11-30", newInCare, "2026-11-02", 21],
    ["counted from compulsory school age: 19 days", "2027-01-28", turnsFive, null, 0],
    ["counted from compulsory school age: 20 days", "2027-01-29", turnsFive, "2026-12-31", 20],
    ["counted from compulsory school age: 21 days", "2027-02-01", turnsFive, "2026-12-31", 21],
    ["past compulsory school age (16 in March)", "2026-11-16", { ...offRoll, dateOfBirth: "2010-03-01" }, null, 0],
    ["not looked after", "2026-11-16", { ...offRoll, lookedAfterSince: null }, null, 0],
    [
      "a place agreed from the next school day, in the summer holiday: nothing missed",
      "2027-08-20",
      { ...offRoll, lastPlaceEnded: "2027-07-21", nextPlaceFrom: "2027-09-01" },
      null,
      0,
    ],
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
    ["6 days: education owed from the 6th school day", [suspension(12, "2026-11-09", 6)], "red", true, "2026-11-16"],
    ["6 days across half-term", [suspension(12, "2026-10-22", 6)], "red", true, "2026-11-05"],
    [
      "two 3-day suspensions back to back: owed from the run's 6th day",
      [suspension(11, "2026-11-09", 3), suspension(12, "2026-11-12", 3)],
      "red",
      true,
      "2026-11-16",
    ],
    [
      "the same with a school day between: two counts of 3",
      [suspension(11, "2026-11-09", 3), suspension(12, "2026-11-13", 3)],
      "amber",
      false,
      null,
    ],
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
    // Ten 4-day suspensions, Monday to Thursday, none reaching day 6; then 5 days from 1 Dec.
    const mondays = ["09-07", "09-14", "09-21", "09-28", "10-05", "10-12", "10-19", "11-02", "11-09", "11-16"];
    const exclusions = [suspension(12, "2026-12-01", 5), ...mondays.map((d, i) => suspension(i + 1, `2026-${d}`, 4))];
    for (const today of ["2026-12-02", "2026-12-10"]) {
      const found = ofRules(scan(today, child({ exclusions })), ["suspension"]);
      expect(found.map((c) => [c.period, c.severity])).toEqual([
        ...mondays.map((_, i) => [`x${i + 1}`, "amber"]),
        ["x12", "red"],
      ]);
    }
  });

  it("a permanent exclusion after a new place began is amber, its day-6 date the same", () => {
    const exclusions: Exclusion[] = [{ id: 30, kind: "permanent", startDate: "2026-11-09", days: 0 }];
    const newPlace = { schoolId: 4, fromDate: "2026-11-16", laCode: "999" };
    expect(one(scan("2026-11-23", child({ exclusions, onRoll: newPlace })), "permanent_exclusion")).toMatchObject({
      severity: "amber",
      details: expect.objectContaining({ educationOwed: true, educationFrom: "2026-11-16" }),
    });
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
    firstMarkSinceExplained: "2027-01-25",
    lastMarkDate: "2027-02-09",
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

  const run = child({
    lastExplainedDate: "2026-11-13",
    firstMarkSinceExplained: "2026-11-16",
    lastMarkDate: "2026-11-27",
    today: { am: null, pm: null },
  });
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
      [
        child({
          lastExplainedDate: "2026-11-30",
          firstMarkSinceExplained: "2026-12-01",
          lastMarkDate: "2026-12-14",
          today: { am: null, pm: null },
        }),
        "2026-12-14",
      ],
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
      [child({ peps: [autumnPep, springPep], reviews: [...heldReviews, "2027-05-12"] }), "2027-05-10"],
      "7:pep_overdue:2027-05-07",
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
