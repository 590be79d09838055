/**
 * PEP timing at its edges (core/peps/pep.terms.ts): which term a meeting covers (a
 * holiday meeting covers the term before, a meeting outside the calendar data none), the
 * carry-over window that lets last term's PEP serve a review early in the next term,
 * and the due dates that follow. Calendar: test/unit/calendar.fixture.ts (2024-25, 2025-26).
 */
import { describe, expect, it } from "vitest";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { compileCalendar, type SchoolPeriod } from "../../core/calendar/school-days.js";
import { type PepRecord, pepStatus, pepTermOf, termlyPepDue } from "../../core/peps/pep.rules.js";
import {
  carryOverEnds,
  pepTermAt,
  reviewPepDeadline,
  reviewServedBy,
  termlyPepDueFor,
} from "../../core/peps/pep.terms.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";

const cal = compileCalendar(demoCalendar);
const holidays = englandBankHolidaySet(2018, 2027);
const term = (name: string): SchoolPeriod => {
  const found = cal.terms.find((t) => t.name === name);
  if (!found) throw new Error(`no term ${name} in the fixture`);
  return found;
};
const fiveDays = policySchema.parse({ pepBeforeReviewWorkingDays: 5 });
const pep = (name: string, meetingDate: string): PepRecord => ({
  term: name,
  dueDate: meetingDate,
  meetingDate,
  status: "complete",
  rag: null,
});

describe("pepTermAt: the term a meeting covers", () => {
  it.each([
    ["the first day of a term (an INSET day)", "2025-09-01", "Autumn 2025"],
    ["the first school day", "2025-09-02", "Autumn 2025"],
    ["the first day of a half-term (inside the term)", "2025-10-27", "Autumn 2025"],
    ["the last day of a term", "2025-12-19", "Autumn 2025"],
    ["the first day of the Christmas holiday: the term before", "2025-12-20", "Autumn 2025"],
    ["the day before the next term: still the term before", "2026-01-04", "Autumn 2025"],
    ["the first day of the next term", "2026-01-05", "Spring 2026"],
    ["the summer holiday: summer, not the autumn ahead", "2025-08-20", "Summer 2025"],
    ["before the first loaded term: none", "2024-09-01", null],
    ["years before the calendar data: none", "2019-10-10", null],
    ["after the last loaded term: none", "2026-07-22", null],
  ])("%s (%s) → %s", (_name, date, expected) => {
    expect(pepTermAt(cal, date)?.name ?? null).toBe(expected);
  });
});

describe("pepTermOf: the term a record covers", () => {
  it.each([
    ["named, held in it", pep("Autumn 2025", "2025-10-01"), "Autumn 2025"],
    ["named, held late in the next term: keeps its name", pep("Autumn 2025", "2026-01-08"), "Autumn 2025"],
    ["named for autumn, met in the summer holiday: summer's", pep("Autumn 2025", "2025-08-20"), "Summer 2025"],
    ["named for spring, met in autumn: autumn's", pep("Spring 2026", "2025-12-10"), "Autumn 2025"],
    ["an initial PEP: its meeting's term", pep("initial", "2025-11-12"), "Autumn 2025"],
    ["a 2019 PEP with a calendar from 2024: its census term", pep("Autumn 2019", "2019-10-10"), "2019-autumn"],
    ["named with other case and spaces", pep(" autumn  2025 ", "2026-01-08"), "Autumn 2025"],
    ["a name that is no calendar term: its meeting's term", pep("T1", "2025-10-01"), "Autumn 2025"],
    ["no meeting date: by its due date", { ...pep("unknown", "2025-12-19"), meetingDate: null }, "Autumn 2025"],
    ["after the calendar data: none", pep("unknown", "2026-08-01"), null],
  ])("%s → %s", (_name, record, expected) => {
    expect(pepTermOf(cal, record)?.name ?? null).toBe(expected);
  });
});

describe("termlyPepDue: one review in view", () => {
  const spring = term("Spring 2026");
  const summer = term("Summer 2025");
  it.each([
    ["no review: the last school day", spring, null, defaultPolicy, "2026-03-27"],
    ["review mid-term: 3 working days before", spring, "2026-03-10", defaultPolicy, "2026-03-05"],
    ["review in half-term", spring, "2026-02-18", defaultPolicy, "2026-02-13"],
    ["review on the second day: last term's PEP serves", spring, "2026-01-06", defaultPolicy, "2026-03-27"],
    ["review on the 10th school day, the window's last", spring, "2026-01-16", defaultPolicy, "2026-03-27"],
    ["review the day after the window, its cut-off in it: served", spring, "2026-01-19", defaultPolicy, "2026-03-27"],
    ["review with its cut-off on the window's last day: served", spring, "2026-01-21", defaultPolicy, "2026-03-27"],
    ["review with its cut-off the day after the window", spring, "2026-01-22", defaultPolicy, "2026-01-19"],
    ["review after the term: no effect", spring, "2026-04-01", defaultPolicy, "2026-03-27"],
    ["review before the term: no effect", spring, "2025-12-10", defaultPolicy, "2026-03-27"],
    ["over a bank holiday", term("Summer 2026"), "2026-05-06", defaultPolicy, "2026-04-30"],
    ["its cut-off back over a bank holiday into the window: served", summer, "2025-05-08", defaultPolicy, "2025-07-22"],
    ["a date in half-term moves back to the last school day", summer, "2025-06-02", defaultPolicy, "2025-05-23"],
    ["5 working days when the authority says so", spring, "2026-03-10", fiveDays, "2026-03-03"],
  ] as const)("%s", (_name, t, review, policy, due) => {
    expect(termlyPepDue(cal, t, review, holidays, policy)).toBe(due);
  });
});

describe("carryOverEnds: the last day last term's PEP serves a review", () => {
  it.each([
    ["spring: the 10th school day", "Spring 2026", defaultPolicy, "2026-01-16"],
    ["autumn, whose first day is an INSET day", "Autumn 2025", defaultPolicy, "2025-09-15"],
    ["summer", "Summer 2026", defaultPolicy, "2026-04-24"],
    [
      "a window of 1: the first school day",
      "Spring 2026",
      policySchema.parse({ pepCarryOverSchoolDays: 1 }),
      "2026-01-05",
    ],
    [
      "longer than the term: the whole term",
      "Spring 2026",
      policySchema.parse({ pepCarryOverSchoolDays: 90 }),
      "2026-03-27",
    ],
  ] as const)("%s → %s", (_name, name, policy, end) => {
    expect(carryOverEnds(cal, term(name), policy)).toBe(end);
  });
});

describe("reviewPepDeadline: when a review pulls the spring 2026 PEP's date", () => {
  const oneDay = policySchema.parse({ pepCarryOverSchoolDays: 1 });
  it.each([
    ["on the first school day: in the window", "2026-01-05", defaultPolicy, null],
    ["on the 10th school day, the window's last", "2026-01-16", defaultPolicy, null],
    ["on the 11th school day, its cut-off (Wed 14 Jan) in the window", "2026-01-19", defaultPolicy, null],
    ["with its cut-off on the window's last day (Fri 16 Jan)", "2026-01-21", defaultPolicy, null],
    ["with its cut-off the day after the window (Mon 19 Jan)", "2026-01-22", defaultPolicy, "2026-01-19"],
    ["on the first day of half-term", "2026-02-16", defaultPolicy, "2026-02-11"],
    ["the Monday after half-term: back to the school day before it", "2026-02-23", defaultPolicy, "2026-02-13"],
    ["on the last school day", "2026-03-27", defaultPolicy, "2026-03-24"],
    ["the day after the term", "2026-03-28", defaultPolicy, null],
    ["before the term", "2025-12-10", defaultPolicy, null],
    ["a window of 1, a cut-off in the holiday: not pulled", "2026-01-07", oneDay, null],
    ["a window of 1, on the 5th school day: pulled", "2026-01-09", oneDay, "2026-01-06"],
  ] as const)("a review %s (%s) → %s", (_name, review, policy, due) => {
    expect(reviewPepDeadline(cal, term("Spring 2026"), review, holidays, policy)).toBe(due);
  });
});

describe("termlyPepDueFor: the first review that pulls", () => {
  it.each([
    ["no review: the last school day", [], "2026-03-27"],
    ["only a review in the window: the last school day", ["2026-01-09"], "2026-03-27"],
    ["one in the window, one later: the later pulls", ["2026-01-09", "2026-03-10"], "2026-03-05"],
    ["in any order: the earliest that pulls", ["2026-03-10", "2026-02-23"], "2026-02-13"],
  ])("%s", (_name, reviews, due) => {
    expect(termlyPepDueFor(cal, term("Spring 2026"), reviews, holidays, defaultPolicy)).toBe(due);
  });
});

describe("reviewServedBy: a PEP held serves a review", () => {
  it.each([
    ["in the term it covers", "Autumn 2025", "2025-12-10", true],
    ["in the holiday after it", "Autumn 2025", "2026-01-02", true],
    ["on the last day of the next term's window", "Autumn 2025", "2026-01-16", true],
    ["the day after the window, its cut-off in it", "Autumn 2025", "2026-01-19", true],
    ["its cut-off on the window's last day", "Autumn 2025", "2026-01-21", true],
    ["its cut-off the day after the window", "Autumn 2025", "2026-01-22", false],
    ["two terms on", "Autumn 2025", "2026-04-14", false],
    ["the last loaded term, on its last day", "Summer 2026", "2026-07-21", true],
    ["the last loaded term, after it: not known", "Summer 2026", "2026-07-25", false],
    ["a statutory date passed before the term it covers", "Autumn 2025", "2025-07-10", false],
  ] as const)("%s (%s, review %s) → %s", (_name, covered, review, served) => {
    expect(reviewServedBy(cal, term(covered), review, holidays, defaultPolicy)).toBe(served);
  });

  it("no term covered (a PEP outside the calendar data) serves nothing", () => {
    expect(reviewServedBy(cal, null, "2025-09-10", holidays, defaultPolicy)).toBe(false);
  });
});

describe("pepStatus: the timing rules together", () => {
  const base = {
    lookedAfterSince: "2024-05-01",
    peps: [pep("Autumn 2025", "2025-10-08")],
    // Reviews held in July and October: the next statutory date is 10 Apr 2026.
    reviews: ["2025-07-10", "2025-10-10"],
    calendar: cal,
    bankHolidays: holidays,
    policy: defaultPolicy,
  };

  it.each([
    ["in the window: served, spring's due at term end", "2026-01-09", null, "2026-03-27"],
    ["the window's last day: served", "2026-01-16", null, "2026-03-27"],
    ["the day after the window, its cut-off in it: served", "2026-01-19", null, "2026-03-27"],
    [
      "with its cut-off the day after the window: a PEP is needed, and due, 3 working days before",
      "2026-01-22",
      "2026-01-19",
      "2026-01-19",
    ],
  ])("a review booked %s (%s)", (_name, review, neededBy, nextDue) => {
    const status = pepStatus({ ...base, plannedReviews: [review], today: "2026-01-06" });
    expect(status).toMatchObject({ nextReviewPlanned: review, pepNeededForReviewBy: neededBy, nextDue });
  });

  it("a PEP met in the summer holiday leaves the autumn term's owed", () => {
    const status = pepStatus({ ...base, peps: [pep("Autumn 2025", "2025-08-20")], reviews: [], today: "2025-12-22" });
    expect(status).toMatchObject({ nextDueFor: "Autumn 2025", nextDue: "2025-12-19", overdue: true, current: false });
  });

  it.each([
    // School days are known only from the calendar data: from Tue 3 Sep 2024, after the INSET day.
    ["while the first loaded term runs", "2024-10-01", 21],
    // Autumn 2024's 74 school days and 6 to 10 Jan 2025.
    ["after it ended", "2025-01-10", 79],
  ])("a PEP in 2019 with a calendar from 2024, %s: spring 2020's was missed, overdue", (_name, today, days) => {
    const status = pepStatus({
      ...base,
      lookedAfterSince: "2018-01-08",
      peps: [pep("Autumn 2019", "2019-10-10")],
      today,
    });
    expect(status).toMatchObject({
      current: false,
      inDate: false,
      notInDateBecause: "overdue",
      nextDueFor: "2019-spring",
      nextDue: "2020-04-12",
      overdue: true,
      daysOverdue: days,
    });
  });
});
