/**
 * The scan's attendance alerts (unexplained_absence_today, missing_education,
 * persistent_absence, severe_absence) over ScanFacts, at their edges: each session's
 * register closing, U, a feed gone quiet, the run's three dates, and the minimum of
 * possible sessions. The judgements are the status card's (core/attendance); these check
 * the scan asks them the same questions.
 */
import { describe, expect, it } from "vitest";
import { type AlertContext, alertCandidates } from "../../core/alerts/alert.rules.js";
import type { AlertCandidate, AlertRule, ScanFacts } from "../../core/alerts/alert.types.js";
import {
  asRegistersClosed,
  BOTH_REGISTERS_CLOSED,
  type RegistersClosedInput,
} from "../../core/attendance/attendance.rules.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { addDays, type IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { absence, calendar2026 as calendar, ofRules, one, scanFacts } from "./scan-facts.fixture.js";

const ctx = (today: IsoDate, over: Partial<AlertContext> = {}): AlertContext => ({
  today,
  calendar,
  bankHolidays: englandBankHolidaySet(2025, 2028),
  policy: defaultPolicy,
  registersClosed: BOTH_REGISTERS_CLOSED,
  ...over,
});

/** A 12-year-old on roll since September 2025, present today. */
const child = (over: Partial<ScanFacts> = {}): ScanFacts => scanFacts({ ...over });

const scan = (today: IsoDate, facts: ScanFacts, over: Partial<AlertContext> = {}): AlertCandidate[] =>
  alertCandidates(facts, ctx(today, over));

describe("unexplained absence or no mark today", () => {
  const morningOnly = { am: true, pm: false };
  it.each([
    ["N in the morning", "2026-11-10", "N", "/", false, { am: "N", pm: "/" }],
    ["O in the afternoon", "2026-11-10", "/", "O", false, { am: "/", pm: "O" }],
    ["G all day", "2026-11-10", "G", "G", false, { am: "G", pm: "G" }],
    ["U: in school, after the register closed", "2026-11-10", "U", "\\", true, null],
    ["U alone, both registers closed", "2026-11-10", "U", "U", true, null],
    ["U with an N in the afternoon: the N", "2026-11-10", "U", "N", true, { am: "U", pm: "N" }],
    ["a lower-case n from an old feed", "2026-11-10", "n", null, false, { am: "N", pm: "none" }],
    ["present all day", "2026-11-10", "/", "\\", true, null],
    ["late before the register closed", "2026-11-10", "L", "\\", true, null],
    ["authorised illness", "2026-11-10", "I", "I", true, null],
    ["no mark while registers are open", "2026-11-10", null, null, false, null],
    ["no mark once the morning register has closed", "2026-11-10", null, null, morningOnly, { am: "none", pm: "none" }],
    ["no mark once both have closed", "2026-11-10", null, null, true, { am: "none", pm: "none" }],
    ["present AM, the afternoon not yet closed", "2026-11-10", "/", null, morningOnly, null],
    ["present AM, the afternoon unmarked after its close", "2026-11-10", "/", null, true, { am: "/", pm: "none" }],
    [
      "the morning unmarked: a concern whatever the afternoon",
      "2026-11-10",
      null,
      "\\",
      morningOnly,
      { am: "none", pm: "\\" },
    ],
    ["a dash is no mark", "2026-11-10", "-", "\\", true, { am: "none", pm: "\\" }],
    ["the first school day of the year", "2026-09-02", "N", "N", true, { am: "N", pm: "N" }],
    ["the day after half-term", "2026-11-02", "O", null, false, { am: "O", pm: "none" }],
    ["the day before term starts", "2026-09-01", null, null, true, null],
    ["in half-term", "2026-10-28", null, null, true, null],
    ["a Saturday, even with a stray N", "2026-11-07", "N", null, true, null],
    ["the early May bank holiday", "2027-05-03", null, null, true, null],
  ] as [string, IsoDate, string | null, string | null, RegistersClosedInput, { am: string; pm: string } | null][])(
    "%s",
    (_name, today, am, pm, closed, expected) => {
      // Marked yesterday: the school's feed is live.
      const facts = child({ today: { am, pm }, lastMarkDate: addDays(today, -1) });
      const found = one(
        scan(today, facts, { registersClosed: asRegistersClosed(closed) }),
        "unexplained_absence_today",
      );
      if (expected === null) return expect(found).toBeUndefined();
      // The morning's alert when the morning concerns, the afternoon's when only it does.
      const morning = ["G", "N", "O", "none"].includes(expected.am);
      expect(found).toMatchObject({
        period: morning ? today : `${today}:PM`,
        severity: "amber",
        recipients: ["designated_teacher", "social_worker"],
        details: { date: today, ...expected },
      });
    },
  );

  // Tue 17 Nov 2026, registers closed and blank: the school last marked on `lastMark`.
  it.each([
    ["marked yesterday", "2026-11-16", true],
    ["a gap of 1 school day", "2026-11-13", true],
    ["a gap of 2 school days: the feed, not the child", "2026-11-12", false],
    ["never marked since joining the roll", null, false],
  ] as [string, IsoDate | null, boolean][])("blank today, %s", (_name, lastMarkDate, alerts) => {
    const facts = child({ today: { am: null, pm: null }, lastMarkDate });
    expect(one(scan("2026-11-17", facts), "unexplained_absence_today") !== undefined).toBe(alerts);
  });

  it("an N today is chased even when the marks before it were missing", () => {
    const facts = child({ today: { am: "N", pm: null }, lastMarkDate: "2026-11-12" });
    expect(one(scan("2026-11-17", facts), "unexplained_absence_today")?.details).toEqual({
      date: "2026-11-17",
      am: "N",
      pm: "none",
    });
  });
});

describe("missing education: consecutive school days of unexplained absence", () => {
  const blank = { am: null, pm: null };
  const fiveDays = policySchema.parse({ missingEducationSchoolDays: 5 });
  // The run's three dates as the scan reads them: from the first mark since the last
  // explained day to the latest mark; blank days inside count, blank days after do not.
  it.each([
    ["the 10th school day", "2026-11-27", "2026-11-16", "2026-11-27", "2026-11-16", 10],
    ["the 9th school day", "2026-11-26", "2026-11-16", "2026-11-26", null, 9],
    ["the 10th day not yet marked: not yet", "2026-11-27", "2026-11-16", "2026-11-26", null, 9],
    ["the Saturday after counts to the Friday", "2026-11-28", "2026-11-16", "2026-11-27", "2026-11-16", 10],
    ["blank days inside the run count", "2026-11-27", "2026-11-16", "2026-11-27", "2026-11-16", 10],
    ["across half-term", "2026-11-06", "2026-10-19", "2026-11-06", "2026-10-19", 10],
    ["across the early May bank holiday", "2027-05-10", "2027-04-26", "2027-05-10", "2027-04-26", 10],
    ["one short of that", "2027-05-07", "2027-04-26", "2027-05-07", null, 9],
    ["a first mark on a Sunday starts on the Monday", "2026-11-27", "2026-11-15", "2026-11-27", "2026-11-16", 10],
    ["the feed stopped after 3 days: no run beyond them", "2026-12-04", "2026-11-16", "2026-11-18", null, 3],
    ["no mark since the last explained day", "2026-12-04", null, "2026-11-13", null, 0],
  ] as [string, IsoDate, IsoDate | null, IsoDate, IsoDate | null, number][])(
    "%s",
    (_name, today, firstMarkSinceExplained, lastMarkDate, from, days) => {
      const facts = child({ lastExplainedDate: "2026-09-01", firstMarkSinceExplained, lastMarkDate, today: blank });
      const found = one(scan(today, facts), "missing_education");
      if (from === null) return expect(found).toBeUndefined();
      expect(found).toMatchObject({
        period: from,
        severity: "red",
        recipients: ["designated_teacher", "social_worker", "vsh"],
        details: { from, to: schoolDayOf(lastMarkDate), schoolDays: days },
      });
    },
  );

  it("today joins the run once it carries a mark, whatever the registers", () => {
    const facts = child({
      firstMarkSinceExplained: "2026-11-16",
      lastMarkDate: "2026-11-26",
      today: { am: "N", pm: null },
    });
    const found = one(scan("2026-11-27", facts, { registersClosed: asRegistersClosed(false) }), "missing_education");
    expect(found?.details).toMatchObject({ from: "2026-11-16", to: "2026-11-27", schoolDays: 10 });
  });

  it.each([
    [4, "2026-11-19", null],
    [5, "2026-11-20", "2026-11-16"],
  ] as [number, IsoDate, IsoDate | null][])("follows the policy: %i days under a 5-day policy", (_n, today, from) => {
    const facts = child({ firstMarkSinceExplained: "2026-11-16", lastMarkDate: today, today: blank });
    expect(one(scan(today, facts, { policy: fiveDays }), "missing_education")?.period ?? null).toBe(from);
  });
});

/** The last school day on or before `date` in the fixture's weeks (weekends only). */
function schoolDayOf(date: IsoDate): IsoDate {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  const back = day === 6 ? 1 : day === 0 ? 2 : 0;
  return new Date(Date.parse(`${date}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
}

describe("persistent and severe absence, from the 20th possible session", () => {
  it.each([
    ["exactly 10% absent", 90, "I", 10, ["persistent_absence"]],
    ["9% absent", 91, "N", 9, []],
    ["exactly 50% absent", 50, "O", 50, ["persistent_absence", "severe_absence"]],
    ["49% absent", 51, "O", 49, ["persistent_absence"]],
    ["unable to attend is not absence", 9, "Y1", 91, []],
    ["one day off in the first week (2 of 8 sessions)", 6, "I", 2, []],
    ["19 possible sessions, a third missed", 13, "N", 6, []],
    ["20 possible sessions, 3 missed", 17, "I", 3, ["persistent_absence"]],
    ["20 possible sessions, half missed", 10, "O", 10, ["persistent_absence", "severe_absence"]],
  ] as [string, number, string, number, AlertRule[]][])("%s", (_name, present, code, n, rules) => {
    const facts = child({
      attendance: absence([
        ["/", present],
        [code, n],
      ]),
    });
    const found = ofRules(scan("2026-11-10", facts), ["persistent_absence", "severe_absence"]);
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

describe("a missing feed is not a missing child", () => {
  const blank = { am: null, pm: null };
  it("a school that sent no register at all is a data gap: no missing-education or absence alert", () => {
    const noFeed = child({ attendance: absence([]), today: blank });
    expect(ofRules(scan("2026-09-30", noFeed), ["missing_education", "unexplained_absence_today"])).toEqual([]);
  });

  it("one N and then silence is a run of one day, not a missing child", () => {
    const oneMark = child({
      attendance: absence([["N", 1]]),
      firstMarkSinceExplained: "2026-09-02",
      lastMarkDate: "2026-09-02",
      today: blank,
    });
    expect(ofRules(scan("2026-09-30", oneMark), ["missing_education", "unexplained_absence_today"])).toEqual([]);
  });

  it("N marks every school day: the run counts from the first", () => {
    const everyDay = child({
      attendance: absence([["N", 20]]),
      firstMarkSinceExplained: "2026-09-02",
      lastMarkDate: "2026-09-15",
      today: blank,
    });
    expect(one(scan("2026-09-15", everyDay), "missing_education")?.details).toMatchObject({
      from: "2026-09-02",
      to: "2026-09-15",
      schoolDays: 10,
    });
  });
});
