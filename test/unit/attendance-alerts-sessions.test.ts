/**
 * The scan's attendance alerts, two findings of review: "absent today" is keyed session by
 * session (the morning's alert by the day, the afternoon's by the day's afternoon, at most
 * one each, one for a day whose morning and afternoon both concern), and a stretch of blank
 * school days inside a run of unexplained absence (a feed outage) restarts the run for the
 * missing-education alert as it does on the card (attendance-runs.test.ts).
 */
import { describe, expect, it } from "vitest";
import { type AlertContext, alertCandidates } from "../../core/alerts/alert.rules.js";
import type { ScanFacts } from "../../core/alerts/alert.types.js";
import { BOTH_REGISTERS_CLOSED, type MarkGap, type RegistersClosed } from "../../core/attendance/attendance.rules.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, type Policy, policySchema } from "../../core/policy.js";
import { calendar2026 as calendar, one, scanFacts } from "./scan-facts.fixture.js";

const ctx = (today: IsoDate, registersClosed: RegistersClosed, policy: Policy = defaultPolicy): AlertContext => ({
  today,
  calendar,
  bankHolidays: englandBankHolidaySet(2025, 2028),
  policy,
  registersClosed,
});

const MONDAY = "2026-11-23";
const MORNING: RegistersClosed = { am: true, pm: false };

/** The key of the absence alert a scan at `registers` raises for today's marks (null: none). */
function absenceKey(am: string | null, pm: string | null, registers: RegistersClosed): string | null {
  const facts = scanFacts({ today: { am, pm }, lastMarkDate: "2026-11-20" });
  return one(alertCandidates(facts, ctx(MONDAY, registers)), "unexplained_absence_today")?.dedupeKey ?? null;
}

describe("absent today: one alert a session", () => {
  it.each([
    ["N this morning, at 10:15", "N", null, MORNING, `7:unexplained_absence_today:${MONDAY}`],
    [
      "N this morning, the afternoon blank at 14:30: the morning's alert only",
      "N",
      null,
      BOTH_REGISTERS_CLOSED,
      `7:unexplained_absence_today:${MONDAY}`,
    ],
    [
      "put in school this morning, gone at lunch (PM blank at 14:30)",
      "/",
      null,
      BOTH_REGISTERS_CLOSED,
      `7:unexplained_absence_today:${MONDAY}:PM`,
    ],
    ["put in school this morning, the afternoon's register still open", "/", null, MORNING, null],
    ["U this morning, O this afternoon", "U", "O", BOTH_REGISTERS_CLOSED, `7:unexplained_absence_today:${MONDAY}:PM`],
    [
      "late this morning, N this afternoon",
      "L",
      "N",
      BOTH_REGISTERS_CLOSED,
      `7:unexplained_absence_today:${MONDAY}:PM`,
    ],
    [
      "blank all day at 14:30: one alert, the morning's",
      null,
      null,
      BOTH_REGISTERS_CLOSED,
      `7:unexplained_absence_today:${MONDAY}`,
    ],
    ["in school all day", "/", "\\", BOTH_REGISTERS_CLOSED, null],
  ] as [string, string | null, string | null, RegistersClosed, string | null][])(
    "%s",
    (_name, am, pm, registers, key) => {
      expect(absenceKey(am, pm, registers)).toBe(key);
    },
  );

  it("the afternoon's alert says the day and both marks, as the morning's does", () => {
    const facts = scanFacts({ today: { am: "/", pm: null }, lastMarkDate: "2026-11-20" });
    const found = one(alertCandidates(facts, ctx(MONDAY, BOTH_REGISTERS_CLOSED)), "unexplained_absence_today");
    expect(found).toMatchObject({
      period: `${MONDAY}:PM`,
      severity: "amber",
      details: { date: MONDAY, am: "/", pm: "none" },
    });
  });
});

describe("missing education: a feed outage inside the run restarts it", () => {
  const blank = { am: null, pm: null };
  /** A run whose first mark is Mon 2 Nov 2026 (after half-term), its latest `lastMark`. */
  const run = (lastMarkDate: IsoDate, gaps: MarkGap[]): ScanFacts =>
    scanFacts({
      lastExplainedDate: "2026-10-23",
      firstMarkSinceExplained: "2026-11-02",
      lastMarkDate,
      gapsSinceExplained: gaps,
      today: blank,
    });
  const scanFactsGaps = (facts: ScanFacts, today: IsoDate, policy: Policy = defaultPolicy) =>
    one(alertCandidates(facts, ctx(today, BOTH_REGISTERS_CLOSED, policy)), "missing_education")?.details ?? null;

  it.each([
    // O on 2 Nov, nothing 3–13 Nov (9 school days), N on Mon 16 Nov: a run of one day, not 11.
    ["an outage of 9 school days", "2026-11-16", [{ before: "2026-11-02", after: "2026-11-16" }], defaultPolicy, null],
    [
      "the same under a 10-day policy: 9 blank days still count",
      "2026-11-16",
      [{ before: "2026-11-02", after: "2026-11-16" }],
      policySchema.parse({ attendanceDataGapSchoolDays: 10 }),
      { from: "2026-11-02", to: "2026-11-16", schoolDays: 11 },
    ],
    // N every day but Wed 4 Nov, and only weekends otherwise: 10 days from 2 Nov.
    [
      "one blank school day and the weekend",
      "2026-11-13",
      [
        { before: "2026-11-03", after: "2026-11-05" },
        { before: "2026-11-06", after: "2026-11-09" },
      ],
      defaultPolicy,
      { from: "2026-11-02", to: "2026-11-13", schoolDays: 10 },
    ],
    // Blank Wed 4 and Thu 5: the run restarts on Fri 6 and has 6 days by Fri 13.
    [
      "two blank school days (the threshold)",
      "2026-11-13",
      [
        { before: "2026-11-03", after: "2026-11-06" },
        { before: "2026-11-06", after: "2026-11-09" },
      ],
      defaultPolicy,
      null,
    ],
    [
      "two blank school days, and the run after them long enough on its own",
      "2026-11-19",
      [
        { before: "2026-11-03", after: "2026-11-06" },
        { before: "2026-11-06", after: "2026-11-09" },
        { before: "2026-11-13", after: "2026-11-16" },
      ],
      defaultPolicy,
      { from: "2026-11-06", to: "2026-11-19", schoolDays: 10 },
    ],
  ] as [string, IsoDate, MarkGap[], Policy, object | null][])("%s", (_name, today, gaps, policy, expected) => {
    expect(scanFactsGaps(run(today, gaps), today, policy)).toEqual(expected);
  });
});
