/** The status card's words for a year group and for where the child stands in care. */
import { describe, expect, it } from "vitest";
import { careText, pepSummary, yearGroupText } from "../../bot/views.js";
import type { PepStatus } from "../../core/peps/pep.rules.js";

describe("year groups read as words", () => {
  it.each([
    ["9", "Year 9"],
    [" 12 ", "Year 12"],
    ["R", "Reception"],
    ["r", "Reception"],
    ["N1", "Nursery (N1)"],
    ["n2", "Nursery (N2)"],
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
      { kind: "left_care", since: "2024-01-15", ceasedOn: "2026-10-01" } as const,
      "Left care on 1 Oct 2026: no PEP duty; the record is kept",
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
    [
      {
        lastCompleted: {
          term: "2026-summer",
          dueDate: "2026-07-10",
          meetingDate: "2026-09-20",
          status: "held",
          rag: null,
        },
      },
      "Not in date: the last PEP was held late",
    ],
    [{}, "Not in date: no PEP on record yet"],
  ] as [Partial<PepStatus>, string][])("%j → %s", (over, text) => {
    expect(pepSummary(pep(over))).toBe(text);
  });
});
