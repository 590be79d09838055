/**
 * Exclusions on the status card (`exclusions` in the status and its flags), and the card
 * and the scan's alerts giving the same dates and colours for the same facts. Dates on the
 * demo calendar: autumn 2025 from Tue 2 Sep, half-term 27–31 Oct; today Wed 19 Nov 2025.
 */
import { describe, expect, it } from "vitest";
import { exclusionAlerts } from "../../core/alerts/alert.rules.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { type ChildFacts, currentOf, type Exclusion, educationStatus } from "../../core/children/status.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy } from "../../core/policy.js";
import { cal, facts, presentUntil, school, TODAY } from "./child-facts.fixture.js";

const EXCLUSION_FLAGS = ["suspension", "suspension_limit", "permanent_exclusion"];
const exclusionFlags = (f: ChildFacts, today: IsoDate) =>
  educationStatus(f, today, defaultPolicy).flags.filter((x) => EXCLUSION_FLAGS.includes(x.code));
const s = (startDate: IsoDate, days: number): Exclusion => ({ kind: "suspension", startDate, days });
const p = (startDate: IsoDate): Exclusion => ({ kind: "permanent", startDate, days: 0 });

describe("the card's exclusion flags", () => {
  it.each([
    [
      "a 3-day suspension running today",
      [s("2025-11-17", 3)],
      TODAY,
      "suspension:amber",
      "Suspended from 17 Nov 2025 to 19 Nov 2025 (3 school days).",
    ],
    [
      "7 days over half-term: education owed from day 6",
      [s("2025-10-24", 7)],
      "2025-11-05",
      "suspension:red",
      "Suspended from 24 Oct 2025 to 10 Nov 2025 (7 school days): education must be provided from 7 Nov 2025.",
    ],
    [
      "starting on a Saturday counts from Monday",
      [s("2025-11-15", 2)],
      "2025-11-18",
      "suspension:amber",
      "Suspended from 15 Nov 2025 to 18 Nov 2025 (2 school days).",
    ],
    [
      "two 3-day suspensions back to back: one run, education owed from its 6th day",
      [s("2025-11-10", 3), s("2025-11-13", 3)],
      "2025-11-11",
      "suspension:red",
      "Suspended from 10 Nov 2025 to 17 Nov 2025 (6 school days, 2 suspensions back to back): education must be provided from 17 Nov 2025.",
    ],
    [
      "the same with a school day between: only the current one, amber",
      [s("2025-11-10", 3), s("2025-11-14", 3)],
      "2025-11-11",
      "suspension:amber",
      "Suspended from 10 Nov 2025 to 12 Nov 2025 (3 school days).",
    ],
    [
      "permanently excluded on the Friday before half-term: education from the Friday after it",
      [p("2025-10-24")],
      TODAY,
      "permanent_exclusion:red",
      "Permanently excluded on 24 Oct 2025: education must be provided from 7 Nov 2025; no new school place yet.",
    ],
  ] as const)("%s", (_name, exclusions, today, flag, text) => {
    const flags = exclusionFlags(facts({ exclusions: [...exclusions], marks: presentUntil(today) }), today);
    expect(flags.map((f) => `${f.code}:${f.severity}`)).toEqual([flag]);
    expect(flags[0]?.text).toBe(text);
  });

  it.each([
    ["a suspension already over", [s("2025-10-01", 2)], TODAY, []],
    [
      "45 days this year reaches the limit",
      [s("2025-09-03", 20), s("2025-10-08", 25)],
      "2025-12-18",
      ["suspension_limit:red"],
    ],
    ["last school year's suspensions do not count", [s("2025-06-03", 20), s("2025-10-08", 25)], "2025-12-18", []],
  ] as const)("%s", (_name, exclusions, today, expected) => {
    const flags = exclusionFlags(facts({ exclusions: [...exclusions], marks: presentUntil(today) }), today);
    expect(flags.map((f) => `${f.code}:${f.severity}`)).toEqual(expected);
  });

  it("a permanent exclusion with no new place is red; with a new place, amber and saying where", () => {
    const exclusions = [p("2025-10-10")];
    const excluded = { ...school, toDate: "2025-10-10" };
    expect(exclusionFlags(facts({ exclusions, enrolments: [excluded], marks: [] }), TODAY)).toEqual([
      {
        code: "permanent_exclusion",
        severity: "red",
        text: "Permanently excluded on 10 Oct 2025: education must be provided from 17 Oct 2025; no new school place yet.",
      },
    ]);
    const newPlace = { ...school, schoolId: 3, schoolName: "Hillside School", fromDate: "2025-11-03" };
    expect(exclusionFlags(facts({ exclusions, enrolments: [excluded, newPlace] }), TODAY)).toEqual([
      {
        code: "permanent_exclusion",
        severity: "amber",
        text: "Permanently excluded on 10 Oct 2025; at Hillside School since 3 Nov 2025.",
      },
    ]);
  });

  it("summarises this year's suspensions", () => {
    const exclusions = [s("2025-09-10", 2), s("2025-11-12", 1.5), s("2025-03-10", 5)];
    expect(educationStatus(facts({ exclusions }), TODAY, defaultPolicy).exclusions).toEqual({
      suspensionsThisYear: 2,
      suspensionDaysThisYear: 3.5,
      permanent: false,
      permanentExclusionDate: null,
      permanentEducationFrom: null,
      permanentSeverity: null,
      educationDueFromDay6: false,
      activeSuspension: null,
    });
  });

  it("shows a permanent exclusion's day-6 date and a coming run's in the summary", () => {
    const exclusions = [s("2025-11-20", 3), s("2025-11-25", 3), p("2025-09-12")];
    expect(educationStatus(facts({ exclusions }), TODAY, defaultPolicy).exclusions).toMatchObject({
      permanentExclusionDate: "2025-09-12",
      permanentEducationFrom: "2025-09-19",
      educationDueFromDay6: true,
      activeSuspension: {
        startDate: "2025-11-20",
        endDate: "2025-11-27",
        days: 6,
        educationFrom: "2025-11-27",
        suspensions: 2,
        severity: "red",
      },
    });
  });
});

describe("the card and the scan's alerts agree", () => {
  const bankHolidays = englandBankHolidaySet(2024, 2027);
  /** The scan's alerts for the same child: ids in start order, this year's window only (as the scan loads). */
  function alertsFor(f: ChildFacts, today: IsoDate) {
    const held = currentOf(f.enrolments, today);
    const exclusions = f.exclusions.filter((x) => x.startDate >= "2025-08-01").map((x, i) => ({ ...x, id: i + 1 }));
    return exclusionAlerts(
      { onRoll: held ? { schoolId: held.schoolId, fromDate: held.fromDate, laCode: "999" } : null, exclusions },
      { today, calendar: cal, bankHolidays, policy: defaultPolicy },
    );
  }

  it.each([
    ["two 3-day suspensions back to back", [s("2025-11-10", 3), s("2025-11-13", 3)], "2025-11-13", []],
    ["the same with a school day between", [s("2025-11-10", 3), s("2025-11-14", 3)], "2025-11-14", []],
    ["one 7-day suspension over half-term", [s("2025-10-24", 7)], "2025-11-05", []],
    ["after last year's", [s("2025-07-14", 5), s("2025-09-08", 3)], "2025-09-08", []],
    ["a permanent exclusion, no new place", [p("2025-10-24")], TODAY, [{ ...school, toDate: "2025-10-24" }]],
    [
      "a permanent exclusion, then a new place",
      [p("2025-10-24")],
      TODAY,
      [
        { ...school, toDate: "2025-10-24" },
        { ...school, schoolId: 3, fromDate: "2025-11-10" },
      ],
    ],
  ] as const)("%s", (_name, exclusions, today, enrolments) => {
    const f = facts({
      exclusions: [...exclusions],
      marks: presentUntil(today),
      ...(enrolments.length > 0 ? { enrolments: [...enrolments] } : {}),
    });
    const card = educationStatus(f, today, defaultPolicy).exclusions;
    const alerts = alertsFor(f, today);
    const latest = alerts.at(-1);
    if (card.permanentExclusionDate) {
      expect(latest).toMatchObject({
        rule: "permanent_exclusion",
        severity: card.permanentSeverity,
        details: expect.objectContaining({ educationFrom: card.permanentEducationFrom }),
      });
    } else {
      expect(latest).toMatchObject({
        rule: "suspension",
        severity: card.activeSuspension?.severity,
        details: expect.objectContaining({ educationFrom: card.activeSuspension?.educationFrom }),
      });
    }
  });
});
