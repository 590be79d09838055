/**
 * Which term a meeting covers when it is recorded (core/peps/pep.workflow.ts coveredTerm,
 * and core/peps/pep.owed.ts coveredTermOf over a child's facts): a termly PEP met after
 * the term owed has ended is the PEP of the term it was met in, and a meeting in a school
 * holiday covers the term before it, so a summer PEP met in August stays summer's (late),
 * as pepStatus reads it. Calendar for coveredTermOf: test/unit/calendar.fixture.ts.
 */
import { describe, expect, it } from "vitest";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { coveredTermOf } from "../../core/peps/pep.owed.js";
import { coveredTerm, planRecord } from "../../core/peps/pep.workflow.js";
import { defaultPolicy } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

describe("a PEP met after the term it was owed for", () => {
  const summer = { term: "Summer 2026", dueDate: "2026-07-22" };
  const autumnTerm = { name: "Autumn 2026", start: "2026-09-02", due: "2026-12-18" };

  it("covers the term of its meeting: the late summer PEP held in November is autumn's", () => {
    expect(coveredTerm(summer, "2026-07-22", autumnTerm)).toEqual({ term: "Autumn 2026", dueDate: "2026-12-18" });
  });

  it("met within the term owed, or on its last day, it is that term's", () => {
    expect(coveredTerm(summer, "2026-07-22", { name: "Summer 2026", start: "2026-04-13", due: "2026-07-22" })).toBe(
      summer,
    );
  });

  it("an initial PEP stays the initial PEP however late; no calendar, no change", () => {
    const initial = { term: "initial", dueDate: "2026-06-01" };
    expect(coveredTerm(initial, null, autumnTerm)).toBe(initial);
    expect(coveredTerm(summer, null, autumnTerm)).toBe(summer);
    expect(coveredTerm(summer, "2026-07-22", null)).toBe(summer);
  });

  it("the booking made for the summer PEP becomes the autumn PEP held", () => {
    const rows = [{ id: 4, term: "Summer 2026", status: "booked", meetingDate: "2026-07-10" }];
    const late = coveredTerm(summer, "2026-07-22", autumnTerm);
    expect(planRecord("held", "2026-11-20", late, rows, null, "2024-01-15", "Summer 2026")).toEqual({
      term: "Autumn 2026",
      dueDate: "2026-12-18",
      existingId: 4,
    });
    // Without the owed term named, the booking is left alone and a new row is written.
    expect(planRecord("held", "2026-11-20", late, rows, null, "2024-01-15").existingId).toBeNull();
  });
});

describe("coveredTermOf: the meeting's term over the child's calendar and reviews", () => {
  const facts = (reviews: string[] = []) => ({
    calendar: demoCalendar,
    bankHolidays: englandBankHolidaySet(2024, 2027),
    reviews,
    plannedReviews: [],
  });
  const summer = { term: "Summer 2025", dueDate: "2025-07-22" };
  const noReview = { nextReviewDue: null };
  it.each([
    ["in the summer term: summer's", "2025-07-10", [], { term: "Summer 2025", dueDate: "2025-07-22" }],
    ["on summer's last day: summer's", "2025-07-22", [], { term: "Summer 2025", dueDate: "2025-07-22" }],
    [
      "in the summer holiday: still summer's, held late",
      "2025-08-20",
      [],
      { term: "Summer 2025", dueDate: "2025-07-22" },
    ],
    ["on autumn's first day: autumn's", "2025-09-01", [], { term: "Autumn 2025", dueDate: "2025-12-19" }],
    [
      "in autumn, a review on 10 Dec: due 3 working days before",
      "2025-09-10",
      ["2025-12-10"],
      { term: "Autumn 2025", dueDate: "2025-12-05" },
    ],
    [
      "in autumn, a review in its first days: served, not pulled",
      "2025-09-10",
      ["2025-09-05"],
      { term: "Autumn 2025", dueDate: "2025-12-19" },
    ],
  ])("summer's PEP met %s (%s)", (_name, meetingDate, reviews, covered) => {
    expect(coveredTermOf(facts(reviews), summer, meetingDate, noReview, defaultPolicy)).toEqual(covered);
  });

  it.each([
    ["by its record key", { term: "2022-summer", dueDate: "2023-07-31" }],
    ["named with its calendar year", { term: "Summer 2023", dueDate: "2023-07-31" }],
  ])(
    "owed for summer 2023, before the data (%s), met in autumn 2025: autumn's, not summer's held late",
    (_name, owed) => {
      expect(coveredTermOf(facts(), owed, "2025-10-01", noReview, defaultPolicy)).toEqual({
        term: "Autumn 2025",
        dueDate: "2025-12-19",
      });
    },
  );
});
