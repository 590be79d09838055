/** The status card's words for a year group and for where the child stands in care. */
import { describe, expect, it } from "vitest";
import { careText, pepSummary, reviewText, yearGroupText } from "../../cards/views/child-views.js";
import type { PepStatus } from "../../core/peps/pep.rules.js";

describe("year groups read as words", () => {
  it.each([
    ["9", "Year 9"],
    [" 12 ", "Year 12"],
    ["R", "Reception"],
    ["r", "Reception"],
    ["N1", "N1"],
    ["n2", "N2"],
    ["", null],
    [null, null],
  ])("%j → %j", (year, text) => {
    expect(yearGroupText(year)).toBe(text);
  });
});

describe("where the child stands in care", () => {
  it.each([
    [{ kind: "looked_after", since: "2025-01-10", startKnown: true } as const, "Looked after since 10 Jan 2025"],
    [
      { kind: "looked_after", since: "2015-04-01", startKnown: false } as const,
      "Looked after since 1 Apr 2015 or earlier (the start is before our records)",
    ],
    [
      {
        kind: "left_care",
        since: "2024-01-15",
        ceasedOn: "2026-10-01",
        reason: null,
        previouslyLookedAfter: false,
      } as const,
      "Left care on 1 Oct 2026: no PEP duty; the record is kept",
    ],
    [
      {
        kind: "left_care",
        since: "2024-01-15",
        ceasedOn: "2026-10-01",
        reason: { code: "E45", text: "special guardianship order" },
        previouslyLookedAfter: true,
      } as const,
      "Left care on 1 Oct 2026 (special guardianship order): previously looked after — the Virtual School gives information and advice",
    ],
    [
      {
        kind: "left_care",
        since: "2024-01-15",
        ceasedOn: "2026-10-01",
        reason: { code: "E11", text: "adopted" },
        previouslyLookedAfter: true,
      } as const,
      "Left care on 1 Oct 2026 (adopted): previously looked after — the Virtual School gives information and advice",
    ],
    [
      {
        kind: "left_care",
        since: "2024-01-15",
        ceasedOn: "2026-10-01",
        reason: { code: "E4A", text: "returned home" },
        previouslyLookedAfter: false,
      } as const,
      "Left care on 1 Oct 2026 (returned home): no PEP duty; the record is kept",
    ],
    [
      {
        kind: "left_care",
        since: "2024-01-15",
        ceasedOn: "2026-10-01",
        reason: { code: "E15", text: "E15" },
        previouslyLookedAfter: false,
      } as const,
      "Left care on 1 Oct 2026 (E15): no PEP duty; the record is kept",
    ],
    [
      { kind: "short_breaks", since: "2026-01-05" } as const,
      "Short breaks (not in the Virtual School's cohort; no PEP)",
    ],
    [{ kind: "not_looked_after" } as const, "Not looked after"],
  ])("%j", (care, text) => {
    expect(careText(care)).toBe(text);
  });
});

describe("the PEP line says what the VSH's measure says", () => {
  const base = { required: true, overdue: false, daysOverdue: 0, dueSoon: false, inDate: false, lastCompleted: null };
  const pep = (over: Partial<PepStatus>) => ({ ...base, ...over }) as PepStatus;
  it.each([
    [{ required: false }, "Not required"],
    [{ overdue: true, daysOverdue: 1 }, "Overdue by 1 school day"],
    [{ overdue: true, daysOverdue: 4 }, "Overdue by 4 school days"],
    [{ dueSoon: true, inDate: true }, "Due soon"],
    [{ inDate: true }, "In date"],
    [{ notInDateBecause: "last_held_late" }, "Not in date: the last PEP was held late"],
    [{ notInDateBecause: "none_on_record" }, "Not in date: no PEP on record yet"],
    // A PEP on record, held on time, but no term dates for today: the judgement's reason, not a guess from the record.
    [
      {
        notInDateBecause: "no_term_dates",
        lastCompleted: {
          term: "2026-summer",
          dueDate: "2026-07-10",
          meetingDate: "2026-06-20",
          status: "held",
          rag: null,
        },
      },
      "Not in date: no term dates are loaded for today",
    ],
  ] as [Partial<PepStatus>, string][])("%j → %s", (over, text) => {
    expect(pepSummary(pep(over))).toBe(text);
  });
});

describe("the next review never shows a past date as still to come", () => {
  const today = "2026-11-23";
  it.each([
    // Held or booked before: the core counts a passed statutory date as overdue.
    [{ booked: null, due: "2026-11-20", overdue: true }, "Overdue since 20 Nov 2026; not booked"],
    [{ booked: "2026-12-02", due: "2026-11-20", overdue: true }, "Overdue since 20 Nov 2026; booked for 2 Dec 2026"],
    // No review on record at all, long past the first's date: a gap in the records (pepStatus), said as that.
    [{ booked: null, due: "2024-02-12", overdue: false }, "No review on record (the first was due by 12 Feb 2024)"],
    [{ booked: null, due: "2026-12-02", overdue: false }, "Due by 2 Dec 2026, not booked yet"],
    [{ booked: null, due: today, overdue: false }, "Due by 23 Nov 2026, not booked yet"],
    [{ booked: "2026-11-30", due: "2026-12-02", overdue: false }, "30 Nov 2026 (booked; statutory date 2 Dec 2026)"],
    [
      { booked: "2026-12-09", due: "2026-12-02", overdue: false },
      "9 Dec 2026 (booked, after the statutory date 2 Dec 2026)",
    ],
    [{ booked: "2026-12-09", due: null, overdue: false }, "9 Dec 2026 (booked)"],
    [{ booked: null, due: null, overdue: false }, null],
  ] as const)("%j → %s", (review, text) => {
    expect(reviewText(review, today)).toBe(text);
  });
});
