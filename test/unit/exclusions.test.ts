/**
 * Suspensions and permanent exclusions judged once (core/children/exclusions.ts): runs of
 * back-to-back suspensions for the sixth-day duty, the day-6 date of a permanent
 * exclusion, the colours, and which exclusions count. Dates on the demo calendar: autumn
 * 2025 from Tue 2 Sep, half-term 27–31 Oct; the summer term 2026 ends Tue 21 Jul, the
 * last day of the calendar data.
 */
import { describe, expect, it } from "vitest";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { type ExclusionRecord, exclusionWindow, judgeExclusions } from "../../core/children/exclusions.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { cal, TODAY } from "./child-facts.fixture.js";

const bankHolidays = englandBankHolidaySet(2024, 2027);
let nextId = 1;
const suspension = (startDate: IsoDate, days: number): ExclusionRecord => ({
  id: nextId++,
  kind: "suspension",
  startDate,
  days,
});
const permanent = (startDate: IsoDate): ExclusionRecord => ({ id: nextId++, kind: "permanent", startDate, days: 0 });
const judge = (
  exclusions: ExclusionRecord[],
  today: IsoDate = TODAY,
  over: { placeFrom?: IsoDate | null; policy?: typeof defaultPolicy } = {},
) =>
  judgeExclusions(exclusions, {
    today,
    calendar: cal,
    bankHolidays,
    policy: over.policy ?? defaultPolicy,
    placeFrom: over.placeFrom ?? null,
  });
/** Per exclusion: [its last school day, the day education is owed from, the colour]. */
const dates = (exclusions: ExclusionRecord[], today: IsoDate = TODAY) =>
  judge(exclusions, today).map((x) => [x.lastDay, x.educationFrom, x.severity]);

describe("a run of back-to-back suspensions counts together for the sixth day", () => {
  it.each([
    [
      "two 3-day suspensions back to back (Mon–Wed, Thu–Mon): education owed from the 6th day, Mon 17 Nov",
      [suspension("2025-11-10", 3), suspension("2025-11-13", 3)],
      [
        ["2025-11-12", null, "amber"],
        ["2025-11-17", "2025-11-17", "red"],
      ],
    ],
    [
      "the same with a school day in school between (Thu 13 Nov): two counts, neither reaches 6",
      [suspension("2025-11-10", 3), suspension("2025-11-14", 3)],
      [
        ["2025-11-12", null, "amber"],
        ["2025-11-18", null, "amber"],
      ],
    ],
    [
      "the second starting on the Saturday after the first ended: still back to back",
      [suspension("2025-11-12", 3), suspension("2025-11-15", 3)],
      [
        ["2025-11-14", null, "amber"],
        ["2025-11-19", "2025-11-19", "red"],
      ],
    ],
    [
      "across half-term: Wed–Fri before it, Mon–Wed after it",
      [suspension("2025-10-22", 3), suspension("2025-11-03", 3)],
      [
        ["2025-10-24", null, "amber"],
        ["2025-11-05", "2025-11-05", "red"],
      ],
    ],
    [
      "three 2-day suspensions back to back: the third reaches day 6",
      [suspension("2025-11-10", 2), suspension("2025-11-12", 2), suspension("2025-11-14", 2)],
      [
        ["2025-11-11", null, "amber"],
        ["2025-11-13", null, "amber"],
        ["2025-11-17", "2025-11-17", "red"],
      ],
    ],
    ["one 5-day suspension: not yet", [suspension("2025-11-10", 5)], [["2025-11-14", null, "amber"]]],
    [
      "one 6-day suspension: from its 6th school day",
      [suspension("2025-11-10", 6)],
      [["2025-11-17", "2025-11-17", "red"]],
    ],
    [
      "listed out of order: judged in start order",
      [suspension("2025-11-13", 3), suspension("2025-11-10", 3)],
      [
        ["2025-11-12", null, "amber"],
        ["2025-11-17", "2025-11-17", "red"],
      ],
    ],
  ] as [string, ExclusionRecord[], (string | null)[][]][])("%s", (_name, exclusions, expected) => {
    expect(dates(exclusions)).toEqual(expected);
  });

  it("carries the run's start, length and days on each suspension", () => {
    const [, second] = judge([suspension("2025-11-10", 3), suspension("2025-11-13", 3)]);
    expect(second).toMatchObject({ runStart: "2025-11-10", runLength: 2, runDays: 6 });
  });

  it("follows the authority's day", () => {
    const policy = policySchema.parse({ suspensionEducationFromDay: 4 });
    const [, second] = judge([suspension("2025-11-10", 2), suspension("2025-11-12", 2)], TODAY, { policy });
    expect(second).toMatchObject({ educationFrom: "2025-11-13", severity: "red" });
  });

  it("counts working days where the calendar data runs out (after Tue 21 Jul 2026)", () => {
    expect(dates([suspension("2026-07-20", 6)], "2026-07-20")).toEqual([["2026-07-27", "2026-07-27", "red"]]);
  });
});

describe("a permanent exclusion", () => {
  it.each([
    ["on the Friday before half-term: day 6 is the Friday after it", [permanent("2025-10-24")], "2025-11-07"],
    ["on a Monday: day 6 is the next Monday", [permanent("2025-11-10")], "2025-11-17"],
    [
      "straight after a suspension: the count began with the suspension",
      [suspension("2025-11-10", 2), permanent("2025-11-12")],
      "2025-11-17",
    ],
    [
      "after a school day back in school: its own count",
      [suspension("2025-11-10", 2), permanent("2025-11-13")],
      "2025-11-20",
    ],
  ])("%s", (_name, exclusions, educationFrom) => {
    const last = judge(exclusions).at(-1);
    expect(last).toMatchObject({ kind: "permanent", lastDay: null, educationFrom, severity: "red" });
  });

  it.each([
    ["no place", null, "red"],
    ["still on the excluding school's roll (a place from before)", "2023-09-01", "red"],
    ["a new place that began the week after", "2025-11-03", "amber"],
  ] as const)("with %s: %s", (_name, placeFrom, severity) => {
    expect(judge([permanent("2025-10-24")], TODAY, { placeFrom })[0]?.severity).toBe(severity);
  });

  it("ends the run: a suspension at the new school starts a count of its own", () => {
    const [, later] = judge([permanent("2025-10-24"), suspension("2025-11-03", 3)], TODAY, { placeFrom: "2025-11-03" });
    expect(later).toMatchObject({ runStart: "2025-11-03", runLength: 1, educationFrom: null, severity: "amber" });
  });
});

describe("the school year's total", () => {
  /** Ten 4-day suspensions, Monday to Thursday, each week from 8 Sep: 40 days, none reaching day 6. */
  const mondays = ["09-08", "09-15", "09-22", "09-29", "10-06", "10-13", "10-20", "11-03", "11-10", "11-17"];
  const fortyDays = () => mondays.map((d) => suspension(`2025-${d}`, 4));
  it.each([
    ["reaching 45 days: the suspension that brings it there is red", 5, "red"],
    ["at 44 days: amber", 4, "amber"],
  ] as const)("%s", (_name, days, severity) => {
    const judged = judge([...fortyDays(), suspension("2025-12-01", days)], "2025-12-02");
    expect(judged.slice(0, -1).map((x) => x.severity)).toEqual(mondays.map(() => "amber"));
    expect(judged.at(-1)).toMatchObject({ yearSuspensionDays: 40 + days, educationFrom: null, severity });
  });

  it("restarts on 1 August: a suspension recorded in July for September counts in its own year", () => {
    const judged = judge([suspension("2026-06-01", 40), suspension("2026-08-10", 5)], "2026-07-20");
    expect(judged.map((x) => x.yearSuspensionDays)).toEqual([40, 5]);
  });
});

describe("which exclusions count: the same set for the card and the scan", () => {
  it("from 1 August of this school year to 31 days ahead", () => {
    expect(exclusionWindow(TODAY)).toEqual({ from: "2025-08-01", to: "2025-12-20" });
    const judged = judge([
      suspension("2025-07-22", 1),
      suspension("2025-08-01", 1),
      suspension("2025-12-20", 1),
      suspension("2025-12-21", 1),
    ]);
    expect(judged.map((x) => x.startDate)).toEqual(["2025-08-01", "2025-12-20"]);
  });

  it("judges last year's record the same, whether it was loaded or not", () => {
    const thisYear = [suspension("2025-09-10", 2), suspension("2025-11-12", 3)];
    expect(judge([suspension("2025-06-03", 20), ...thisYear])).toEqual(judge(thisYear));
  });
});
