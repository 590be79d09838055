/**
 * The VSH's PEP figures (core/stats/pep-figures.ts) at their edges: "in date" is the
 * children's own judgement; initial PEPs count once their deadline has passed this school
 * year; quality assurance counts this school year's; the backlog's age is in working days.
 * Today is Monday 5 January 2027: the school year began on 1 August 2026.
 */
import { describe, expect, it } from "vitest";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import type { InitialPep } from "../../core/peps/pep.initial.js";
import type { PepStatus } from "../../core/peps/pep.rules.js";
import { pepFigures, pepYearFigures } from "../../core/stats/pep-figures.js";

const TODAY = "2027-01-05";
const holidays = englandBankHolidaySet(2025, 2028);
const none = { assured: [], waiting: [] };

const child = (over: Partial<PepStatus> = {}): { pep: PepStatus } => ({
  pep: {
    required: true,
    initialPep: null,
    current: false,
    inDate: false,
    notInDateBecause: null,
    lastCompleted: null,
    nextDue: "2027-03-26",
    nextDueFor: "2026-spring",
    overdue: false,
    daysOverdue: 0,
    dueSoon: false,
    nextReviewDue: null,
    nextReviewPlanned: null,
    pepNeededForReviewBy: null,
    reviewOverdue: false,
    booked: null,
    ...over,
  },
});
const initial = (due: string, onTime: boolean | null): InitialPep => ({
  due,
  done: onTime !== null,
  heldOn: onTime === null ? null : due,
  onTime,
  daysLate: onTime === false ? 1 : 0,
});

describe("pepFigures", () => {
  it("counts in date from each child's judgement, not from `current`", () => {
    const children = [
      child({ inDate: true, current: false }),
      child({ inDate: false, current: true }),
      child({ inDate: true, current: true }),
      child({ required: false, inDate: false }),
    ];
    expect(pepFigures(children)).toEqual({ required: 3, inDate: 2, inDatePercent: 66.7, overdue: 0, dueSoon: 0 });
  });

  it("no one requiring a PEP: no percentage", () => {
    expect(pepFigures([child({ required: false })]).inDatePercent).toBeNull();
  });
});

describe("initial PEPs held on time this school year", () => {
  it.each([
    ["due on the school year's first day", "2026-08-01", true, 1],
    ["due the day before it: last year's", "2026-07-31", true, 0],
    ["due yesterday", "2027-01-04", false, 1],
    ["due today: not yet decided", "2027-01-05", null, 0],
  ])("%s (%s): counted %i", (_name, due, onTime, counted) => {
    const figures = pepYearFigures([child({ initialPep: initial(due, onTime) })], none, TODAY, holidays);
    expect(figures.initialOnTime.due).toBe(counted);
  });

  it("of those due, the share held by the deadline; a child not requiring a PEP is left out", () => {
    const children = [
      child({ initialPep: initial("2026-09-15", true) }),
      child({ initialPep: initial("2026-10-01", false) }),
      child({ initialPep: initial("2026-12-01", false) }),
      child({ initialPep: null }),
      child({ required: false, initialPep: initial("2026-11-01", true) }),
    ];
    expect(pepYearFigures(children, none, TODAY, holidays).initialOnTime).toEqual({ due: 3, onTime: 1, percent: 33.3 });
  });
});

describe("quality assurance", () => {
  it("counts PEPs assured this school year up to today, and the green ones", () => {
    const assured = [
      { rag: "green" as const, on: "2026-08-01" },
      { rag: "amber" as const, on: "2026-12-01" },
      { rag: "red" as const, on: TODAY },
      { rag: "green" as const, on: "2026-07-31" },
      { rag: "green" as const, on: "2027-01-06" },
    ];
    expect(pepYearFigures([], { assured, waiting: [] }, TODAY, holidays).qualityAssured).toEqual({
      total: 3,
      green: 1,
      greenPercent: 33.3,
    });
  });

  it.each([
    ["nothing waiting", [], { waiting: 0, oldestSubmittedOn: null, oldestWaitingWorkingDays: null }],
    ["submitted today", [TODAY], { waiting: 1, oldestSubmittedOn: TODAY, oldestWaitingWorkingDays: 0 }],
    [
      "the oldest over Christmas (25, 28 Dec and 1 Jan are bank holidays)",
      ["2027-01-04", "2026-12-18"],
      { waiting: 2, oldestSubmittedOn: "2026-12-18", oldestWaitingWorkingDays: 9 },
    ],
  ])("the backlog: %s", (_name, since, backlog) => {
    const waiting = since.map((d) => ({ since: d }));
    expect(pepYearFigures([], { assured: [], waiting }, TODAY, holidays).qaBacklog).toEqual(backlog);
  });
});
