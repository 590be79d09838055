/**
 * PEPs held before the first loaded term (core/peps/pep.census.ts): judged by their own
 * dates against the school-census terms, at the census edges (31 Jul / 1 Aug, 31 Dec /
 * 1 Jan, Easter Sunday / Easter Monday) and the gap before the loaded calendar. The case
 * the review found: Amira, in care since 1 May 2024, her summer PEP held on time on
 * 20 Jun 2025 at an out-of-area school whose authority has only 2025-26 dates loaded, is
 * in date on the first days of autumn 2025, and that PEP is not an initial PEP a year late.
 * Calendar: the 2025-26 half of test/unit/calendar.fixture.ts (autumn starts Mon 1 Sep,
 * an INSET day).
 */
import { describe, expect, it } from "vitest";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { compileCalendar } from "../../core/calendar/school-days.js";
import { censusTermAt, censusTermNamed, standInTermAt, termAfterStandIn } from "../../core/peps/pep.census.js";
import { type PepRecord, type PepStatusInput, pepStatus } from "../../core/peps/pep.rules.js";
import { defaultPolicy } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

const full = compileCalendar(demoCalendar);
const oneYear = compileCalendar({
  terms: demoCalendar.terms.filter((t) => t.start >= "2025-09-01"),
  closures: demoCalendar.closures.filter((c) => c.start >= "2025-09-01"),
});
const holidays = englandBankHolidaySet(2023, 2027);
const pep = (term: string, meetingDate: string, dueDate = meetingDate): PepRecord => ({
  term,
  dueDate,
  meetingDate,
  status: "complete",
  rag: null,
});
const amira = (over: Partial<PepStatusInput>) =>
  pepStatus({
    lookedAfterSince: "2024-05-01",
    peps: [],
    reviews: [],
    today: "2025-09-03",
    calendar: oneYear,
    bankHolidays: holidays,
    policy: defaultPolicy,
    ...over,
  });

describe("censusTermAt: the census term a date falls in", () => {
  it.each([
    ["31 Jul: summer", "2025-07-31", "2024-summer", "2025-04-21", "2025-07-31"],
    ["1 Aug: autumn", "2025-08-01", "2025-autumn", "2025-08-01", "2025-12-31"],
    ["31 Dec: autumn", "2025-12-31", "2025-autumn", "2025-08-01", "2025-12-31"],
    ["1 Jan: spring", "2026-01-01", "2025-spring", "2026-01-01", "2026-04-05"],
    ["Easter Sunday 2025: spring", "2025-04-20", "2024-spring", "2025-01-01", "2025-04-20"],
    ["Easter Monday 2025: summer", "2025-04-21", "2024-summer", "2025-04-21", "2025-07-31"],
    ["Easter Sunday 2024, 31 Mar: spring", "2024-03-31", "2023-spring", "2024-01-01", "2024-03-31"],
    ["Easter Monday 2024, 1 Apr: summer", "2024-04-01", "2023-summer", "2024-04-01", "2024-07-31"],
  ])("%s (%s) → %s", (_name, date, name, start, end) => {
    expect(censusTermAt(date)).toEqual({ name, start, end });
  });
});

describe("censusTermNamed: the census term a record's name gives", () => {
  it.each([
    ["the record's key: the school year first", "2024-summer", "2024-summer"],
    ["a season and its calendar year", "Summer 2025", "2024-summer"],
    ["autumn's calendar year is its school year", "Autumn 2025", "2025-autumn"],
    ["spring of 2026 is 2025-26's", "spring term 2026", "2025-spring"],
    ["case and spaces ignored", "  2025   AUTUMN ", "2025-autumn"],
    ["an initial PEP names no term", "initial", null],
    ["nor does a made-up name", "T1", null],
  ])("%s: %j → %s", (_name, text, name) => {
    expect(censusTermNamed(text)?.name ?? null).toBe(name);
  });
});

describe("standInTermAt: the term a meeting before the loaded calendar covers", () => {
  it.each([
    ["in census summer", "2025-06-20", "2024-summer"],
    ["on census summer's last day", "2025-07-31", "2024-summer"],
    ["in the gap before the first loaded term: a holiday meeting, summer's", "2025-08-20", "2024-summer"],
    ["the day before the first loaded term", "2025-08-31", "2024-summer"],
    ["the first loaded term's first day: none (the calendar's)", "2025-09-01", null],
    ["years before", "2019-10-10", "2019-autumn"],
  ])("%s (%s) → %s", (_name, date, name) => {
    expect(standInTermAt(oneYear, date)?.name ?? null).toBe(name);
  });

  it("no term loaded at all: none", () => {
    expect(standInTermAt(compileCalendar({ terms: [], closures: [] }), "2025-06-20")).toBeNull();
  });

  it.each([
    ["summer 2025 → the first loaded term", "2025-06-20", "Autumn 2025"],
    ["spring 2025 → census summer 2025, before the data", "2025-03-10", "2024-summer"],
    ["autumn 2019 → census spring 2020", "2019-10-10", "2019-spring"],
  ])("the term after %s", (_name, date, next) => {
    const term = standInTermAt(oneYear, date);
    expect(term && termAfterStandIn(oneYear, term)?.name).toBe(next);
  });
});

describe("Amira: last summer's PEP at a school with only 2025-26 dates loaded", () => {
  it.each([
    ["named by the record's key", pep("2024-summer", "2025-06-20")],
    ["named with the calendar year", pep("Summer 2025", "2025-06-20")],
    ["with no term named", pep("PEP", "2025-06-20")],
  ])("%s: in date on 3 Sep 2025, autumn's PEP owed", (_name, record) => {
    expect(amira({ peps: [record] })).toMatchObject({
      inDate: true,
      notInDateBecause: null,
      overdue: false,
      nextDueFor: "Autumn 2025",
      nextDue: "2025-12-19",
    });
  });

  it("a PEP named for a term before the data is not an initial PEP held a year late", () => {
    expect(amira({ peps: [pep("2024-summer", "2025-06-20")] }).initialPep).toMatchObject({
      due: "2024-05-16",
      done: false,
      heldOn: null,
    });
  });

  it.each([
    ["the day before term (a Sunday)", "2025-08-31"],
    ["the first day of term, an INSET day", "2025-09-01"],
    ["the first school day", "2025-09-02"],
    ["autumn's last school day, its due date", "2025-12-19"],
  ])("stable across the term's start: in date on %s (%s)", (_name, today) => {
    expect(amira({ peps: [pep("2024-summer", "2025-06-20")], today }).inDate).toBe(true);
  });

  it("the day after autumn's due date: overdue", () => {
    expect(amira({ peps: [pep("2024-summer", "2025-06-20")], today: "2025-12-20" })).toMatchObject({
      inDate: false,
      overdue: true,
      notInDateBecause: "overdue",
    });
  });

  it.each([
    ["on census summer's last day", pep("PEP", "2025-07-31"), true, null],
    [
      "the day after, in the holiday before the data: summer's, late",
      pep("PEP", "2025-08-01"),
      false,
      "last_held_late",
    ],
    [
      "in the holiday, though its record gives a later due date",
      pep("PEP", "2025-08-01", "2025-08-05"),
      false,
      "last_held_late",
    ],
    ["by the school's own due date its record gives", pep("2024-summer", "2025-07-10", "2025-07-10"), true, null],
    [
      "in census summer, after the school's due date",
      pep("2024-summer", "2025-07-20", "2025-07-10"),
      false,
      "last_held_late",
    ],
    [
      "named for summer, held late in autumn: summer's, late",
      pep("2024-summer", "2025-09-10"),
      false,
      "last_held_late",
    ],
  ])("the summer PEP held %s: in date %s on 3 Sep", (_name, record, inDate, because) => {
    // Held late in autumn, it is the last PEP but not autumn's: on 10 Sep autumn's is still owed.
    const today = record.meetingDate && record.meetingDate > "2025-09-03" ? "2025-09-10" : "2025-09-03";
    expect(amira({ peps: [record], today })).toMatchObject({ inDate, notInDateBecause: because });
  });

  it("a summer PEP missed before the data is overdue from census summer's end", () => {
    expect(amira({ peps: [pep("2024-spring", "2025-03-10")] })).toMatchObject({
      inDate: false,
      overdue: true,
      notInDateBecause: "overdue",
      nextDueFor: "2024-summer",
      nextDue: "2025-07-31",
      // School days on the loaded calendar: Tue 2 and Wed 3 Sep (Mon 1 Sep is an INSET day).
      daysOverdue: 2,
    });
  });
});

describe("which PEP is the initial one", () => {
  // In care from Mon 2 Jun 2025: the initial PEP is due Mon 16 Jun.
  const newToCare = { lookedAfterSince: "2025-06-02", today: "2025-09-03" };
  it.each([
    ["named for a term before the data, held by the deadline", pep("2024-summer", "2025-06-12"), true, 0],
    ["named for the census term the deadline falls in, held after it", pep("Summer 2025", "2025-06-20"), false, 4],
  ])("%s: the initial PEP, on time %s, %i working days late", (_name, record, onTime, daysLate) => {
    expect(amira({ ...newToCare, peps: [record] }).initialPep).toMatchObject({
      due: "2025-06-16",
      done: true,
      onTime,
      daysLate,
    });
  });

  it("only the first PEP held can be the initial one, never a later PEP's date", () => {
    // In care from 1 May 2025 (initial PEP due 16 May, after the early May bank holiday); autumn's PEP is the first held.
    const peps = [pep("Autumn 2025", "2025-10-01"), pep("PEP", "2025-11-10")];
    const s = pepStatus({
      lookedAfterSince: "2025-05-01",
      peps,
      reviews: [],
      today: "2025-11-20",
      calendar: full,
      bankHolidays: holidays,
      policy: defaultPolicy,
    });
    expect(s.initialPep).toMatchObject({ due: "2025-05-16", done: false, heldOn: null, onTime: false });
  });
});
