/**
 * The scan's PEP alerts read the same PepStatus as the card, at the new rules' edges:
 * pep_before_review fires exactly while `pepNeededForReviewBy` says a PEP is needed (never
 * for a review served by last term's PEP in the carry-over window), the PEP age, a
 * holiday meeting, and care begun before the records. Calendar: calendar.fixture.ts.
 */
import { describe, expect, it } from "vitest";
import { type PepAlertFacts, pepAlerts } from "../../core/alerts/pep-alerts.rules.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { compileCalendar } from "../../core/calendar/school-days.js";
import { type PepRecord, pepStatus } from "../../core/peps/pep.rules.js";
import { defaultPolicy } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

const calendar = compileCalendar(demoCalendar);
const bankHolidays = englandBankHolidaySet(2024, 2027);
const ctx = (today: string) => ({ today, calendar, bankHolidays, policy: defaultPolicy });
const pep = (term: string, meetingDate: string): PepRecord => ({
  term,
  dueDate: meetingDate,
  meetingDate,
  status: "complete",
  rag: null,
});
/** In care since 2024, autumn 2025's PEP held; reviews in July and October: next statutorily 10 Apr 2026. */
const child = (over: Partial<PepAlertFacts> = {}): PepAlertFacts => ({
  lookedAfterSince: "2024-05-01",
  careStartKnown: true,
  dateOfBirth: "2014-05-10",
  peps: [pep("Autumn 2025", "2025-10-08")],
  reviews: ["2025-07-10", "2025-10-10"],
  plannedReviews: [],
  ...over,
});
const rules = (facts: PepAlertFacts, today: string) => pepAlerts(facts, ctx(today)).map((a) => `${a.rule} ${a.period}`);

describe("pep_before_review agrees with the card's pepNeededForReviewBy", () => {
  const springPep = [pep("Autumn 2025", "2025-10-08"), pep("Spring 2026", "2026-01-12")];
  it.each([
    ["a review on spring's 5th school day: served", "2026-01-09", "2026-01-06", undefined, null],
    ["on the window's last day: served", "2026-01-16", "2026-01-13", undefined, null],
    [
      "the day after the window, its cut-off (Wed 14 Jan) inside it: served",
      "2026-01-19",
      "2026-01-14",
      undefined,
      null,
    ],
    ["its cut-off on the window's last day (Fri 16 Jan): served", "2026-01-21", "2026-01-16", undefined, null],
    ["its cut-off the day after the window, the day before it", "2026-01-22", "2026-01-16", undefined, "2026-01-19"],
    ["its cut-off the day after the window, on it", "2026-01-22", "2026-01-19", undefined, "2026-01-19"],
    [
      "its cut-off the day after the window, the day before the review",
      "2026-01-22",
      "2026-01-21",
      undefined,
      "2026-01-19",
    ],
    ["its cut-off the day after the window, on the review day", "2026-01-22", "2026-01-22", undefined, "2026-01-19"],
    ["spring's PEP held: served", "2026-01-22", "2026-01-19", springPep, null],
  ])("%s (review %s, on %s)", (_name, review, today, peps, neededBy) => {
    const facts = child({ plannedReviews: [review], ...(peps ? { peps } : {}) });
    const status = pepStatus({ ...facts, ...ctx(today), calendar, bankHolidays });
    expect(status.pepNeededForReviewBy).toBe(neededBy);
    const alert = pepAlerts(facts, ctx(today)).find((a) => a.rule === "pep_before_review");
    const due = neededBy !== null && today >= neededBy && today < review;
    expect(alert?.details.pepNeededBy ?? null).toBe(due ? neededBy : null);
    if (due) expect(alert).toMatchObject({ period: review, details: { reviewDate: review } });
  });
});

describe("the PEP age", () => {
  // Born 10 Dec 2022: 3 on Wed 10 Dec 2025; the initial PEP is then due Wed 24 Dec.
  const toddler = child({ dateOfBirth: "2022-12-10", peps: [], reviews: ["2024-05-20", "2024-08-20"] });
  it.each([
    ["the day before the 3rd birthday: a review overdue, no PEP alert", "2025-12-09", ["review_overdue 2025-02-20"]],
    [
      "the birthday: the initial PEP is due soon",
      "2025-12-10",
      ["pep_initial_due 2025-12-24", "review_overdue 2025-02-20"],
    ],
    ["the day after", "2025-12-11", ["pep_initial_due 2025-12-24", "review_overdue 2025-02-20"]],
    ["the day after it was due", "2025-12-25", ["pep_initial_overdue 2025-12-24", "review_overdue 2025-02-20"]],
  ])("%s (%s)", (_name, today, expected) => {
    expect(rules(toddler, today)).toEqual(expected);
  });
});

describe("which PEP is owed", () => {
  it("a PEP met in the summer holiday, though named for autumn, leaves autumn's owed", () => {
    const facts = child({ peps: [pep("Autumn 2025", "2025-08-20")], reviews: [] });
    expect(rules(facts, "2025-12-08")).toEqual(["pep_review_due 2025-12-19"]);
    expect(rules(facts, "2025-12-22")).toEqual(["pep_overdue 2025-12-19"]);
  });

  it("care begun before the records, no PEP on record: the termly PEP, never an initial one", () => {
    const facts = child({ lookedAfterSince: "2025-11-03", careStartKnown: false, peps: [], reviews: [] });
    expect(rules(facts, "2025-11-20")).toEqual([]);
    expect(rules(facts, "2025-12-08")).toEqual(["pep_review_due 2025-12-19"]);
    expect(rules(facts, "2026-01-06")).toEqual(["pep_overdue 2025-12-19"]);
  });
});
