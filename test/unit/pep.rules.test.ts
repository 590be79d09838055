import { describe, expect, it } from "vitest";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { compileCalendar } from "../../core/calendar/school-days.js";
import {
  ageOn,
  careReviewSchedule,
  initialPepDue,
  type PepRecord,
  type PepStatusInput,
  pepStatus,
} from "../../core/peps/pep.rules.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

const cal = compileCalendar(demoCalendar);
const holidays = englandBankHolidaySet(2024, 2027);

const pep = (term: string, meetingDate: string | null, status: PepRecord["status"] = "complete"): PepRecord => ({
  term,
  dueDate: meetingDate ?? "2025-12-19",
  meetingDate,
  status,
  rag: null,
});

const input = (over: Partial<PepStatusInput>): PepStatusInput => ({
  lookedAfterSince: "2025-11-03",
  peps: [],
  reviews: [],
  today: "2025-11-05",
  calendar: cal,
  bankHolidays: holidays,
  policy: defaultPolicy,
  ...over,
});

describe("initialPepDue (10 working days)", () => {
  it.each([
    ["2025-09-05", defaultPolicy, "2025-09-19"],
    ["2025-09-06", defaultPolicy, "2025-09-19"],
    ["2025-04-14", defaultPolicy, "2025-04-30"],
    ["2025-12-19", defaultPolicy, "2026-01-07"],
    ["2025-09-05", policySchema.parse({ pepInitialWorkingDays: 20 }), "2025-10-03"],
  ])("looked after from %s → %s", (since, policy, due) => {
    expect(initialPepDue(since, holidays, policy)).toBe(due);
  });
});

describe("careReviewSchedule", () => {
  const monthly = policySchema.parse({ secondReviewMonths: 1 });
  it.each([
    ["first within 20 working days", "2025-09-05", [], defaultPolicy, "2025-10-03"],
    ["second 3 months after the first", "2025-09-05", ["2025-10-01"], defaultPolicy, "2026-01-01"],
    ["then 6 months after the last", "2025-09-05", ["2025-10-01", "2025-12-15"], defaultPolicy, "2026-06-15"],
    ["in any order", "2025-09-05", ["2025-12-15", "2025-10-01"], defaultPolicy, "2026-06-15"],
    ["30 Nov + 3 months is 28 Feb", "2025-11-01", ["2025-11-30"], defaultPolicy, "2026-02-28"],
    ["30 Nov + 3 months is 29 Feb in a leap year", "2023-11-01", ["2023-11-30"], defaultPolicy, "2024-02-29"],
    ["31 Aug + 6 months is 28 Feb", "2025-05-01", ["2025-06-01", "2025-08-31"], defaultPolicy, "2026-02-28"],
    ["31 Jan + 1 month is 28 Feb", "2026-01-02", ["2026-01-31"], monthly, "2026-02-28"],
    ["31 Jan + 1 month is 29 Feb in 2028", "2028-01-03", ["2028-01-31"], monthly, "2028-02-29"],
    ["reviews from an earlier period of care are ignored", "2025-09-05", ["2024-03-01"], defaultPolicy, "2025-10-03"],
  ] as [string, string, string[], typeof defaultPolicy, string][])("%s", (_name, since, held, policy, due) => {
    expect(careReviewSchedule(since, held, holidays, policy)).toBe(due);
  });
});

describe("pepStatus", () => {
  it.each([
    ["not looked after", input({ lookedAfterSince: null })],
    ["looked after only from next month", input({ lookedAfterSince: "2025-12-01" })],
    ["18 today", input({ dateOfBirth: "2007-11-05" })],
  ])("no PEP is required: %s", (_name, given) => {
    expect(pepStatus(given)).toMatchObject({ required: false, nextDue: null, overdue: false, dueSoon: false });
  });

  it("is required the day before the 18th birthday", () => {
    expect(pepStatus(input({ dateOfBirth: "2007-11-06" })).required).toBe(true);
  });

  it("a child new to care: initial PEP due soon, first review in 20 working days", () => {
    expect(pepStatus(input({}))).toEqual({
      required: true,
      initialPep: { due: "2025-11-17", done: false, heldOn: null, onTime: null, daysLate: 0 },
      current: false,
      inDate: true,
      notInDateBecause: null,
      lastCompleted: null,
      nextDue: "2025-11-17",
      nextDueFor: "initial",
      overdue: false,
      daysOverdue: 0,
      dueSoon: true,
      nextReviewDue: "2025-12-01",
      nextReviewPlanned: null,
      pepNeededForReviewBy: "2025-11-26",
      reviewOverdue: false,
      booked: null,
    });
  });

  it.each(["held", "submitted", "returned", "complete", "quality_assured"] as const)(
    "a %s PEP counts as held for the due date",
    (status) => {
      expect(pepStatus(input({ peps: [pep("Autumn 2025", "2025-11-12", status)], today: "2025-11-20" }))).toMatchObject(
        { initialPep: { done: true, heldOn: "2025-11-12" }, overdue: false },
      );
    },
  );

  it("a booked PEP is shown, not counted", () => {
    const status = pepStatus(input({ peps: [pep("Autumn 2025", "2025-11-24", "booked")], today: "2025-11-20" }));
    expect(status).toMatchObject({ booked: "2025-11-24", overdue: true, initialPep: { done: false } });
  });

  it("a review booked but not recorded as held does not restart the review clock", () => {
    // First review statutorily due 1 Dec 2025; booked for 28 Nov, and now it is 3 Dec.
    const booked = pepStatus(input({ plannedReviews: ["2025-11-28"], today: "2025-12-03" }));
    expect(booked).toMatchObject({ nextReviewDue: "2025-12-01", reviewOverdue: true, nextReviewPlanned: null });
    const held = pepStatus(input({ reviews: ["2025-11-28"], today: "2025-12-03" }));
    expect(held).toMatchObject({ nextReviewDue: "2026-02-28", reviewOverdue: false });
  });

  it("a booked review later than today is the next review planned", () => {
    const status = pepStatus(input({ plannedReviews: ["2025-11-28"], today: "2025-11-20" }));
    expect(status).toMatchObject({
      nextReviewPlanned: "2025-11-28",
      nextReviewDue: "2025-12-01",
      reviewOverdue: false,
    });
  });

  it.each([
    ["on the due day", "2025-11-17", false, 0, true],
    ["the day after", "2025-11-18", true, 1, false],
    ["three school days after", "2025-11-20", true, 3, false],
  ])("initial PEP %s: overdue %s by %i, due soon %s", (_name, today, overdue, days, soon) => {
    expect(pepStatus(input({ today }))).toMatchObject({ overdue, daysOverdue: days, dueSoon: soon });
  });

  it("overdue on the Saturday after a Friday due date, by no school days yet", () => {
    expect(pepStatus(input({ lookedAfterSince: "2025-09-05", today: "2025-09-20" }))).toMatchObject({
      nextDue: "2025-09-19",
      overdue: true,
      daysOverdue: 0,
    });
  });

  it.each(["complete", "quality_assured"] as const)(
    "a %s initial PEP makes the next one due at the end of next term",
    (status) => {
      const held = pep("Autumn 2025", "2025-11-12", status);
      expect(pepStatus(input({ peps: [held], today: "2025-11-20" }))).toMatchObject({
        initialPep: { due: "2025-11-17", done: true, heldOn: "2025-11-12" },
        current: true,
        lastCompleted: held,
        nextDue: "2026-03-27",
        nextDueFor: "Spring 2026",
        overdue: false,
        dueSoon: false,
      });
    },
  );

  it.each(["draft", "booked", "not_started"] as const)("a %s PEP does not count", (status) => {
    expect(pepStatus(input({ peps: [pep("Autumn 2025", "2025-11-12", status)], today: "2025-11-20" }))).toMatchObject({
      initialPep: { done: false },
      nextDueFor: "initial",
      overdue: true,
    });
  });

  it("a care-plan review in the owed term brings the PEP forward", () => {
    const status = pepStatus(
      input({ peps: [pep("Autumn 2025", "2025-11-12")], reviews: ["2025-11-28"], today: "2025-12-10" }),
    );
    expect(status).toMatchObject({
      nextReviewDue: "2026-02-28",
      nextDue: "2026-02-25",
      pepNeededForReviewBy: "2026-02-25",
    });
  });

  it("a review booked earlier than the statutory date brings it further forward", () => {
    const status = pepStatus(
      input({ peps: [pep("Autumn 2025", "2025-11-12")], reviews: ["2025-11-28", "2026-02-10"], today: "2025-12-10" }),
    );
    expect(status).toMatchObject({
      nextReviewDue: "2026-02-28",
      nextReviewPlanned: "2026-02-10",
      nextDue: "2026-02-05",
      pepNeededForReviewBy: "2026-02-05",
    });
  });

  it("a missed summer PEP is overdue into the autumn, counted in school days", () => {
    const peps = [pep("Autumn 2024", "2024-10-10"), pep("Spring 2025", "2025-03-01")];
    expect(pepStatus(input({ lookedAfterSince: "2024-05-01", peps, today: "2025-09-15" }))).toMatchObject({
      current: false,
      nextDue: "2025-07-22",
      nextDueFor: "Summer 2025",
      overdue: true,
      daysOverdue: 10,
    });
  });

  it("a late PEP labelled for last term still leaves this term's owed", () => {
    const status = pepStatus(
      input({ lookedAfterSince: "2025-09-10", peps: [pep("autumn 2025", "2026-01-08")], today: "2026-01-12" }),
    );
    expect(status).toMatchObject({ current: false, nextDue: "2026-03-27", nextDueFor: "Spring 2026", overdue: false });
  });

  it("a PEP held in the summer holiday covers summer, not the autumn term ahead", () => {
    const status = pepStatus(
      input({ lookedAfterSince: "2025-07-01", peps: [pep("Summer hols", "2025-08-20")], today: "2025-09-10" }),
    );
    expect(status).toMatchObject({ current: false, nextDueFor: "Autumn 2025", nextDue: "2025-12-19" });
  });

  it("when the calendar data ends, nothing is due rather than guessed", () => {
    const status = pepStatus(
      input({ lookedAfterSince: "2025-09-01", peps: [pep("Summer 2026", "2026-05-12")], today: "2026-06-01" }),
    );
    expect(status).toMatchObject({ current: true, nextDue: null, nextDueFor: null, overdue: false, dueSoon: false });
  });

  it("ignores PEPs from an earlier period of care", () => {
    const status = pepStatus(
      input({ lookedAfterSince: "2025-09-01", peps: [pep("Spring 2025", "2025-03-01")], today: "2025-09-02" }),
    );
    expect(status).toMatchObject({ initialPep: { done: false }, lastCompleted: null });
  });

  it("counts a PEP held just before a planned entry to care", () => {
    const status = pepStatus(
      input({ lookedAfterSince: "2025-09-15", peps: [pep("Autumn 2025", "2025-09-08")], today: "2025-09-16" }),
    );
    expect(status).toMatchObject({ initialPep: { done: true, heldOn: "2025-09-08" }, current: true });
  });

  it.each([
    ["2026-03-13", true],
    ["2026-03-12", false],
  ])("due soon means within 10 school days: on %s, %s", (today, soon) => {
    expect(pepStatus(input({ peps: [pep("Autumn 2025", "2025-11-12")], today })).dueSoon).toBe(soon);
  });

  it("uses the authority's due-soon window", () => {
    const policy = policySchema.parse({ pepDueSoonSchoolDays: 15 });
    expect(pepStatus(input({ peps: [pep("Autumn 2025", "2025-11-12")], today: "2026-03-06", policy })).dueSoon).toBe(
      true,
    );
    expect(pepStatus(input({ peps: [pep("Autumn 2025", "2025-11-12")], today: "2026-03-05", policy })).dueSoon).toBe(
      false,
    );
  });

  it.each([
    ["2025-12-22", true],
    ["2026-01-06", false],
  ])("an initial PEP from last term is current within its window: on %s, %s", (today, current) => {
    const status = pepStatus(
      input({ lookedAfterSince: "2025-12-10", peps: [pep("Autumn 2025", "2025-12-12")], today }),
    );
    expect(status.initialPep?.due).toBe("2025-12-24");
    expect(status.current).toBe(current);
  });
});

describe("ageOn", () => {
  it.each([
    ["2008-02-29", "2026-02-28", 17],
    ["2008-02-29", "2026-03-01", 18],
    ["2024-02-29", "2028-02-29", 4],
    ["2010-09-01", "2026-08-31", 15],
    ["2010-09-01", "2026-09-01", 16],
    ["2010-12-31", "2011-01-01", 0],
  ])("born %s, on %s: %i", (dob, date, age) => {
    expect(ageOn(dob, date)).toBe(age);
  });
});
