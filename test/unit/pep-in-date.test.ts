/**
 * "PEP in date", the VSH's headline measure, and the judgements it rests on, at their
 * edges: across a term's last day, the holiday and the next term's first days (stable,
 * where `current` falls); the previous PEP held on time or late; the initial PEP against
 * its own deadline (working days late); care begun before the records; the PEP age.
 * Calendar: test/unit/calendar.fixture.ts (2024-25, 2025-26).
 */
import { describe, expect, it } from "vitest";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { addWorkingDays, compileCalendar, isWorkingDay } from "../../core/calendar/school-days.js";
import { pepDutyStart, workingDaysAfter } from "../../core/peps/pep.initial.js";
import { birthdayAt } from "../../core/peps/pep.record.js";
import { type PepRecord, type PepStatusInput, pepStatus } from "../../core/peps/pep.rules.js";
import { eachDay } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

const cal = compileCalendar(demoCalendar);
const holidays = englandBankHolidaySet(2024, 2027);
const pep = (term: string, meetingDate: string): PepRecord => ({
  term,
  dueDate: meetingDate,
  meetingDate,
  status: "complete",
  rag: null,
});
const status = (over: Partial<PepStatusInput>) =>
  pepStatus({
    lookedAfterSince: "2024-05-01",
    peps: [],
    reviews: [],
    today: "2025-11-05",
    calendar: cal,
    bankHolidays: holidays,
    policy: defaultPolicy,
    ...over,
  });

describe("in date across a term's end, the holiday and the next term", () => {
  const onTime = [pep("Summer 2025", "2025-06-10")];
  it.each([
    ["the last school day of summer", "2025-07-22", true, true],
    ["the first day of the summer holiday", "2025-07-23", false, true],
    ["the first day of autumn (an INSET day)", "2025-09-01", false, true],
    ["the first school day of autumn", "2025-09-02", false, true],
    ["the first day of half-term", "2025-10-27", false, true],
    ["autumn's due date, its last school day", "2025-12-19", false, true],
    ["the day after: autumn's PEP is overdue", "2025-12-20", false, false],
  ])("summer's PEP held on time, on %s (%s): current %s, in date %s", (_name, today, current, inDate) => {
    expect(status({ peps: onTime, today })).toMatchObject({ current, inDate });
  });

  it.each([
    ["held on summer's last day", "Summer 2025", "2025-07-22", true],
    ["held the day after, in the holiday: late", "Summer 2025", "2025-07-23", false],
    ["met in the holiday with no term named: summer's, late", "PEP", "2025-08-20", false],
  ])("the previous PEP %s: in date on the first school day of autumn %s", (_name, term, meetingDate, inDate) => {
    const s = status({ peps: [pep(term, meetingDate)], today: "2025-09-02" });
    expect(s).toMatchObject({ inDate, overdue: false, nextDueFor: "Autumn 2025" });
  });

  it.each([
    ["on the day a review pulled it to", "2026-03-05", true],
    ["the day after", "2026-03-06", false],
  ])("spring's PEP held %s (%s): in date in summer %s", (_name, meetingDate, inDate) => {
    // The review on Tue 10 Mar 2026 made spring's PEP due 3 working days before: Thu 5 Mar.
    const given = { peps: [pep("Spring 2026", meetingDate)], reviews: ["2025-10-10", "2026-03-10"] };
    expect(status({ ...given, today: "2026-04-13" })).toMatchObject({ inDate, nextDueFor: "Summer 2026" });
  });

  it("last term's PEP held late leaves the child out of date; this term's PEP held puts them in date", () => {
    expect(status({ peps: [pep("Autumn 2025", "2026-01-08")], today: "2026-01-08" }).inDate).toBe(false);
    expect(status({ peps: [pep("Spring 2026", "2026-01-08")], today: "2026-01-08" })).toMatchObject({
      current: true,
      inDate: true,
    });
  });
});

describe("why a child is not in date (notInDateBecause: the card's words come from it)", () => {
  it.each([
    ["in date: no reason", { peps: [pep("Summer 2025", "2025-06-10")], today: "2025-09-02" }, true, null],
    [
      "autumn's PEP past its due date",
      { peps: [pep("Summer 2025", "2025-06-10")], today: "2025-12-20" },
      false,
      "overdue",
    ],
    [
      "autumn's PEP held late",
      { peps: [pep("Autumn 2025", "2026-01-08")], today: "2026-01-08" },
      false,
      "last_held_late",
    ],
    [
      "care begun before the records, none on record",
      { lookedAfterSince: "2025-11-03", careStartKnown: false, today: "2025-11-20" },
      false,
      "none_on_record",
    ],
    // After the last loaded term no term's PEP can be owed or held: the data, not the child.
    [
      "summer's PEP held on time, after the term dates end",
      { peps: [pep("Summer 2026", "2026-05-12")], today: "2026-08-03" },
      false,
      "no_term_dates",
    ],
  ] as [string, Partial<PepStatusInput>, boolean, string | null][])("%s", (_name, over, inDate, because) => {
    expect(status(over)).toMatchObject({ inDate, notInDateBecause: because });
  });

  it("no PEP required: no reason", () => {
    expect(status({ lookedAfterSince: null })).toMatchObject({ required: false, notInDateBecause: null });
  });
});

describe("the initial PEP against its own deadline (10 working days from Mon 3 Nov 2025: Mon 17 Nov)", () => {
  const newToCare = { lookedAfterSince: "2025-11-03", today: "2025-12-01" };
  it.each([
    ["held on the due day", [pep("initial", "2025-11-17")], true, 0],
    ["held the day after", [pep("initial", "2025-11-18")], false, 1],
    ["held the Monday after: 5 working days late", [pep("initial", "2025-11-24")], false, 5],
    ["held before care began, inside the window (planned entry)", [pep("initial", "2025-10-21")], true, 0],
    ["named for this term, held late: still the initial PEP", [pep("Autumn 2025", "2025-11-20")], false, 3],
    ["named for next term but held by the deadline: the initial PEP", [pep("Spring 2026", "2025-11-14")], true, 0],
  ])("%s: on time %s, %i working days late", (_name, peps, onTime, daysLate) => {
    expect(status({ ...newToCare, peps }).initialPep).toMatchObject({
      due: "2025-11-17",
      done: true,
      onTime,
      daysLate,
    });
  });

  it.each([
    ["not held, on the due day", "2025-11-17", null, 0],
    ["not held, the day after", "2025-11-18", false, 1],
    ["not held, over Christmas: bank holidays do not count", "2026-01-02", false, 31],
  ])("%s (%s): on time %s, %i working days late", (_name, today, onTime, daysLate) => {
    expect(status({ ...newToCare, today }).initialPep).toEqual({
      due: "2025-11-17",
      done: false,
      heldOn: null,
      onTime,
      daysLate,
    });
  });

  it("a PEP held before the window is from before care: it does not count", () => {
    expect(status({ ...newToCare, peps: [pep("initial", "2025-10-17")] })).toMatchObject({
      initialPep: { done: false },
      lastCompleted: null,
    });
  });

  it("a PEP for a later term, held after the deadline, is that term's: the initial PEP was never held", () => {
    const s = status({ ...newToCare, peps: [pep("Spring 2026", "2026-01-08")], today: "2026-01-12" });
    expect(s).toMatchObject({
      initialPep: { done: false, heldOn: null, onTime: false },
      current: true,
      inDate: true,
      nextDueFor: "Summer 2026",
    });
  });

  it.each([
    ["the day before it is due", "2025-11-16", true],
    ["on the due day", "2025-11-17", true],
    ["the day after, not held", "2025-11-18", false],
  ])("new to care, %s: in date %s", (_name, today, inDate) => {
    expect(status({ lookedAfterSince: "2025-11-03", today }).inDate).toBe(inDate);
  });
});

describe("care begun before the records (careStartKnown false)", () => {
  const unknown = { lookedAfterSince: "2025-11-03", careStartKnown: false };
  it.each([
    ["in the term the records begin: that term's PEP, not an initial one", "2025-11-20", "Autumn 2025", false],
    ["that term ended without one: still owed, overdue", "2026-01-06", "Autumn 2025", true],
  ])("no PEP on record, %s", (_name, today, owed, overdue) => {
    expect(status({ ...unknown, today })).toMatchObject({
      required: true,
      initialPep: null,
      nextDueFor: owed,
      nextDue: "2025-12-19",
      overdue,
      inDate: false,
    });
  });

  it("records beginning in a holiday owe the term ahead's PEP", () => {
    expect(status({ ...unknown, lookedAfterSince: "2025-12-22", today: "2025-12-23" })).toMatchObject({
      nextDueFor: "Spring 2026",
      overdue: false,
    });
  });

  it("a PEP held before the known start counts (the period began earlier)", () => {
    const s = status({ ...unknown, peps: [pep("Summer 2025", "2025-06-10")], today: "2025-11-20" });
    expect(s).toMatchObject({ initialPep: null, nextDueFor: "Autumn 2025", inDate: true });
  });

  it("no first-review deadline is invented: none until a review is on record", () => {
    expect(status({ ...unknown, today: "2026-03-01" })).toMatchObject({ nextReviewDue: null, reviewOverdue: false });
    expect(status({ ...unknown, reviews: ["2025-12-01"], today: "2026-03-01" }).nextReviewDue).toBe("2026-06-01");
  });
});

describe("the PEP age (pepMinAge 3)", () => {
  // Born Wed 10 Dec 2022, in care since 2024: the duty starts on the 3rd birthday, Wed 10 Dec 2025.
  const toddler = { dateOfBirth: "2022-12-10", lookedAfterSince: "2024-05-01" };
  it.each([
    ["the day before the 3rd birthday", "2025-12-09", false, null],
    ["the birthday", "2025-12-10", true, "2025-12-24"],
    ["the day after", "2025-12-11", true, "2025-12-24"],
  ])("%s (%s): required %s, initial PEP due %s", (_name, today, required, due) => {
    const s = status({ ...toddler, today });
    expect(s).toMatchObject({ required, overdue: false, nextDue: due, nextDueFor: required ? "initial" : null });
  });

  it("below the age, reviews are still tracked (the care plan's, not the PEP's)", () => {
    const s = status({ ...toddler, reviews: ["2024-05-20", "2024-08-20"], today: "2025-12-09" });
    expect(s).toMatchObject({ required: false, inDate: false, nextReviewDue: "2025-02-20", reviewOverdue: true });
  });

  it("a child who comes into care after the birthday counts from care", () => {
    expect(status({ ...toddler, lookedAfterSince: "2026-01-05", today: "2026-01-06" }).nextDue).toBe("2026-01-19");
  });

  it("an authority's early-years PEPs from 2", () => {
    const policy = policySchema.parse({ pepMinAge: 2 });
    expect(status({ ...toddler, today: "2025-12-09", policy })).toMatchObject({
      required: true,
      nextDueFor: "initial",
    });
  });

  it.each([
    ["care starts after the birthday", "2026-01-05", "2022-12-10", { from: "2026-01-05", known: false }],
    ["the birthday comes after care starts", "2024-05-01", "2022-12-10", { from: "2025-12-10", known: true }],
    ["no date of birth", "2024-05-01", null, { from: "2024-05-01", known: false }],
  ])("pepDutyStart when %s (start unknown)", (_name, since, dob, expected) => {
    expect(pepDutyStart(since, false, dob, defaultPolicy)).toEqual(expected);
  });
});

describe("working days and birthdays", () => {
  it.each([
    ["the same day", "2025-11-17", "2025-11-17", 0],
    ["a Friday to the Monday after", "2025-11-21", "2025-11-24", 1],
    ["a whole week", "2025-11-17", "2025-11-24", 5],
    ["over Christmas and New Year (25, 26 Dec, 1 Jan)", "2025-12-19", "2026-01-02", 7],
    ["backwards", "2025-11-24", "2025-11-17", 0],
    // 313 weeks and a Wednesday, less the nine bank holidays the set holds (2024's and 1 Jan 2025).
    ["across years, by arithmetic", "2019-01-01", "2025-01-01", 1557],
  ])("%s: %s to %s is %i", (_name, from, to, n) => {
    expect(workingDaysAfter(from, to, holidays)).toBe(n);
  });

  it("counts back exactly what addWorkingDays counts forward, from every working day of two winters", () => {
    const starts = eachDay("2024-12-01", "2026-01-31").filter((d) => isWorkingDay(d, holidays));
    for (const from of starts) {
      for (const n of [1, 5, 10, 23])
        expect([from, n, workingDaysAfter(from, addWorkingDays(from, n, holidays), holidays)]).toEqual([from, n, n]);
    }
  });

  it.each([
    ["2022-12-10", 3, "2025-12-10"],
    ["2020-02-29", 3, "2023-03-01"],
    ["2020-02-29", 4, "2024-02-29"],
  ])("born %s, aged %i on %s", (dob, years, day) => {
    expect(birthdayAt(dob, years)).toBe(day);
  });
});
