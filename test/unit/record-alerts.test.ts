/**
 * The two alerts a record people keep raises when a date passes without the record
 * moving on: a care-plan review past its statutory date with none held (to the IRO and the
 * social worker), and a part-time timetable past its review date (to the social worker
 * and the VSH). Edge days: the day of, the day after, across the October half-term (it
 * does not pause either clock, nor alert twice), and a new date alerting again.
 */
import { describe, expect, it } from "vitest";
import { type AlertContext, alertCandidates } from "../../core/alerts/alert.rules.js";
import type { AlertCandidate, AlertRule, ScanFacts } from "../../core/alerts/alert.types.js";
import { NO_REGISTER_CLOSED } from "../../core/attendance/attendance.rules.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { addDays, eachDay, type IsoDate } from "../../core/platform/dates.js";
import { defaultPolicy } from "../../core/policy.js";
import { calendar2026 as calendar, scanFacts } from "./scan-facts.fixture.js";

const ctx = (today: IsoDate): AlertContext => ({
  today,
  calendar,
  bankHolidays: englandBankHolidaySet(2025, 2028),
  policy: defaultPolicy,
  registersClosed: NO_REGISTER_CLOSED,
});

/** In care since January 2025, reviews held on time: the next is due on Tue 20 Oct 2026. */
const HELD = ["2025-02-05", "2025-05-01", "2025-10-20", "2026-04-20"];

const child = (over: Partial<ScanFacts> = {}): ScanFacts => scanFacts({ reviews: HELD, ...over });

const found = (today: IsoDate, facts: ScanFacts, rule: AlertRule): AlertCandidate[] =>
  alertCandidates(facts, ctx(today)).filter((c) => c.rule === rule);

/** The distinct dedupe keys `rule` gives over every day from `from` to `to`: what the daily scan would store. */
const keysOver = (from: IsoDate, to: IsoDate, facts: ScanFacts, rule: AlertRule): string[] => [
  ...new Set(eachDay(from, to).flatMap((d) => found(d, facts, rule).map((c) => c.dedupeKey))),
];

describe("review_overdue", () => {
  it("not on the statutory day itself", () => {
    expect(found("2026-10-20", child(), "review_overdue")).toEqual([]);
  });

  it("the day after, to the IRO and the social worker, red, once for that statutory date", () => {
    expect(found("2026-10-21", child(), "review_overdue")).toEqual([
      {
        childId: 7,
        rule: "review_overdue",
        period: "2026-10-20",
        dedupeKey: "7:review_overdue:2026-10-20",
        severity: "red",
        recipients: ["iro", "social_worker"],
        details: { reviewDue: "2026-10-20", reviewBooked: null },
      },
    ]);
  });

  it("through the half-term and after it: the same alert, not a second", () => {
    expect(keysOver("2026-10-21", "2026-11-13", child(), "review_overdue")).toEqual(["7:review_overdue:2026-10-20"]);
  });

  it("a booking does not stop it (only a review held does); the card shows the booked date", () => {
    const booked = child({ plannedReviews: ["2026-11-27"] });
    const [alert] = found("2026-11-23", booked, "review_overdue");
    expect(alert).toMatchObject({
      period: "2026-10-20",
      details: { reviewDue: "2026-10-20", reviewBooked: "2026-11-27" },
    });
  });

  it("a booking that passed without being recorded held does not count as held", () => {
    const lapsed = child({ plannedReviews: ["2026-10-15"] });
    expect(found("2026-10-21", lapsed, "review_overdue").map((c) => c.period)).toEqual(["2026-10-20"]);
  });

  it("a review held clears it; the next statutory date (six months on) alerts again, under a new key", () => {
    const held = child({ reviews: [...HELD, "2026-11-10"] });
    expect(found("2026-11-11", held, "review_overdue")).toEqual([]);
    expect(found("2027-05-10", held, "review_overdue")).toEqual([]);
    expect(found("2027-05-11", held, "review_overdue").map((c) => c.dedupeKey)).toEqual([
      "7:review_overdue:2027-05-10",
    ]);
  });

  it("the first review counts working days: a half-term does not pause the clock", () => {
    // In care on Mon 12 Oct 2026: 20 working days, half-term included, end on Mon 9 Nov.
    const newcomer = child({ lookedAfterSince: "2026-10-12", reviews: [] });
    expect(found("2026-11-09", newcomer, "review_overdue")).toEqual([]);
    expect(found("2026-11-10", newcomer, "review_overdue").map((c) => c.period)).toEqual(["2026-11-09"]);
  });

  it("no review on record after a whole cycle is missing data, not an overdue review", () => {
    // In care since Jan 2025: first review due 7 Feb 2025; six months on is 7 Aug 2025.
    const noneOnRecord = child({ reviews: [] });
    expect(found("2025-08-07", noneOnRecord, "review_overdue").map((c) => c.period)).toEqual(["2025-02-07"]);
    expect(found("2025-08-08", noneOnRecord, "review_overdue")).toEqual([]);
    // One review on record, however old, makes a lapse real.
    expect(found("2026-11-23", child({ reviews: ["2025-02-05"] }), "review_overdue")).toHaveLength(1);
    // A booking counts as on record too.
    expect(found("2026-11-23", child({ reviews: [], plannedReviews: ["2026-12-01"] }), "review_overdue")).toHaveLength(
      1,
    );
  });

  it("nothing for a child no longer needing one (18 or over)", () => {
    expect(found("2026-10-21", child({ dateOfBirth: "2008-10-01" }), "review_overdue")).toEqual([]);
  });
});

describe("part_time_review_overdue", () => {
  /** Reviewed on Fri 23 Oct 2026, the last day before half-term; planned to end with the term. */
  const timetable = { id: 5, startDate: "2026-10-05", plannedEndDate: "2026-12-18", reviewDate: "2026-10-23" };
  const onPartTime = (over: Partial<typeof timetable> = {}) => child({ partTime: [{ ...timetable, ...over }] });

  it("not on the review day itself", () => {
    expect(found("2026-10-23", onPartTime(), "part_time_review_overdue")).toEqual([]);
  });

  it("the day after, to the social worker and the VSH, amber while before its planned end", () => {
    expect(found("2026-10-24", onPartTime(), "part_time_review_overdue")).toEqual([
      {
        childId: 7,
        rule: "part_time_review_overdue",
        period: "t5:2026-10-23",
        dedupeKey: "7:part_time_review_overdue:t5:2026-10-23",
        severity: "amber",
        recipients: ["social_worker", "vsh"],
        details: { partTimeId: 5, since: "2026-10-05", reviewDate: "2026-10-23", plannedEnd: "2026-12-18" },
      },
    ]);
  });

  it("through the half-term and after it: one alert for that review date", () => {
    expect(keysOver("2026-10-24", "2026-11-20", onPartTime(), "part_time_review_overdue")).toEqual([
      "7:part_time_review_overdue:t5:2026-10-23",
    ]);
  });

  it("red once it has outrun its planned end too", () => {
    expect(found("2026-12-18", onPartTime(), "part_time_review_overdue")[0]?.severity).toBe("amber");
    expect(found("2026-12-19", onPartTime(), "part_time_review_overdue")[0]?.severity).toBe("red");
  });

  it("a new review date clears the old one's finding and alerts again when it passes", () => {
    const moved = onPartTime({ reviewDate: "2026-11-20" });
    expect(found("2026-11-20", moved, "part_time_review_overdue")).toEqual([]);
    expect(found(addDays("2026-11-20", 1), moved, "part_time_review_overdue").map((c) => c.dedupeKey)).toEqual([
      "7:part_time_review_overdue:t5:2026-11-20",
    ]);
  });

  it("each open timetable is judged on its own", () => {
    const two = child({
      partTime: [timetable, { id: 9, startDate: "2026-11-02", plannedEndDate: "2026-12-18", reviewDate: "2026-12-01" }],
    });
    expect(found("2026-11-23", two, "part_time_review_overdue").map((c) => c.period)).toEqual(["t5:2026-10-23"]);
  });
});
