import { describe, expect, it } from "vitest";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import {
  addSchoolDays,
  addWorkingDays,
  asCompiledCalendar,
  compileCalendar,
  currentTermBounds,
  isSchoolDay,
  isWorkingDay,
  nextSchoolDay,
  previousSchoolDay,
  schoolCalendarSchema,
  schoolDayOnOrBefore,
  schoolDaysBetween,
  schoolDaysInRange,
  termAfter,
  termBounds,
  termOf,
} from "../../core/calendar/school-days.js";
import { demoCalendar } from "./calendar.fixture.js";

const cal = compileCalendar(demoCalendar);

describe("isSchoolDay", () => {
  it.each([
    ["2024-09-02", false, "INSET day on the first day of term"],
    ["2024-09-03", true, "first teaching day"],
    ["2024-09-07", false, "Saturday in term"],
    ["2024-10-25", true, "Friday before half-term"],
    ["2024-10-28", false, "half-term Monday"],
    ["2024-11-01", false, "half-term Friday"],
    ["2024-11-04", true, "back after half-term"],
    ["2024-12-20", true, "last day of autumn term"],
    ["2024-12-23", false, "Christmas holiday"],
    ["2025-04-21", false, "Easter Monday, in the holiday"],
    ["2025-04-22", true, "first day of summer term"],
    ["2025-05-05", false, "bank holiday inside summer term"],
    ["2025-07-22", true, "last day of the school year"],
    ["2025-07-31", false, "31 July, summer holiday"],
    ["2025-08-01", false, "1 August, new school year, still holiday"],
    ["2024-08-30", false, "before the calendar data"],
    ["2026-07-22", false, "after the calendar data"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(isSchoolDay(cal, date)).toBe(expected);
  });
});

describe("schoolDaysBetween (both ends included)", () => {
  it.each([
    ["2024-09-02", "2024-09-06", 4],
    ["2024-09-03", "2024-09-03", 1],
    ["2024-09-07", "2024-09-08", 0],
    ["2024-09-06", "2024-09-03", 0],
    ["2024-10-21", "2024-11-08", 10],
    ["2024-09-01", "2024-12-31", 74],
    ["2024-12-21", "2025-01-05", 0],
    ["2024-12-20", "2025-01-06", 2],
    ["2025-05-01", "2025-05-09", 6],
    ["2025-08-01", "2026-07-31", 195],
    ["2024-08-01", "2025-07-31", 194],
    ["2020-01-01", "2030-01-01", 389],
  ])("%s to %s: %i", (from, to, expected) => {
    expect(schoolDaysBetween(cal, from, to)).toBe(expected);
    expect(schoolDaysInRange(cal, from, to)).toHaveLength(expected);
  });

  it("lists the days in order", () => {
    expect(schoolDaysInRange(cal, "2024-10-24", "2024-11-05")).toEqual([
      "2024-10-24",
      "2024-10-25",
      "2024-11-04",
      "2024-11-05",
    ]);
  });
});

describe("addSchoolDays", () => {
  it.each([
    ["2024-09-03", 0, "2024-09-03"],
    ["2024-09-02", 0, "2024-09-03"],
    ["2024-09-07", 0, "2024-09-09"],
    ["2024-09-06", 1, "2024-09-09"],
    ["2024-09-07", 1, "2024-09-09"],
    ["2024-09-07", 2, "2024-09-10"],
    ["2024-09-03", 10, "2024-09-17"],
    ["2024-09-03", 73, "2024-12-20"],
    ["2024-10-25", 1, "2024-11-04"],
    ["2024-10-30", 1, "2024-11-04"],
    ["2024-12-20", 1, "2025-01-06"],
    ["2024-12-25", 1, "2025-01-06"],
    ["2024-12-25", -1, "2024-12-20"],
    ["2024-11-04", -1, "2024-10-25"],
    ["2024-09-10", -5, "2024-09-03"],
    ["2025-07-22", 1, "2025-09-02"],
    ["2020-01-01", 0, "2024-09-03"],
    ["2024-09-03", -1, null],
    ["2026-07-21", 1, null],
    ["2026-07-20", 1, "2026-07-21"],
    ["2030-01-01", 0, null],
  ])("%s + %i → %s", (date, n, expected) => {
    expect(addSchoolDays(cal, date, n)).toBe(expected);
  });

  it("is the inverse of schoolDaysBetween across a whole year", () => {
    for (let n = 1; n < 195; n++) {
      const day = addSchoolDays(cal, "2025-09-02", n);
      expect(day).not.toBeNull();
      expect(schoolDaysBetween(cal, "2025-09-03", day ?? "")).toBe(n);
    }
  });
});

describe("next and previous school days", () => {
  it.each([
    ["nextSchoolDay", "2024-10-25", "2024-11-04", nextSchoolDay],
    ["nextSchoolDay", "2024-09-03", "2024-09-04", nextSchoolDay],
    ["nextSchoolDay", "2026-07-21", null, nextSchoolDay],
    ["previousSchoolDay", "2025-01-06", "2024-12-20", previousSchoolDay],
    ["previousSchoolDay", "2024-09-03", null, previousSchoolDay],
    ["schoolDayOnOrBefore", "2024-10-30", "2024-10-25", schoolDayOnOrBefore],
    ["schoolDayOnOrBefore", "2024-10-25", "2024-10-25", schoolDayOnOrBefore],
  ])("%s(%s) → %s", (_name, date, expected, fn) => {
    expect(fn(cal, date)).toBe(expected);
  });
});

describe("terms", () => {
  it.each([
    ["2024-09-02", "Autumn 2024"],
    ["2024-10-30", "Autumn 2024"],
    ["2024-12-20", "Autumn 2024"],
    ["2024-12-25", "Spring 2025"],
    ["2025-04-21", "Summer 2025"],
    ["2025-07-31", "Autumn 2025"],
    ["2025-08-01", "Autumn 2025"],
    ["2020-01-01", "Autumn 2024"],
    ["2026-07-22", null],
  ])("termOf(%s) is %s", (date, name) => {
    expect(termOf(cal, date)?.name ?? null).toBe(name);
  });

  it.each([
    ["2025-08-15", "Autumn 2025", "2025-09-02", "2025-12-19"],
    ["2025-06-10", "Summer 2025", "2025-04-22", "2025-07-22"],
    ["2026-02-17", "Spring 2026", "2026-01-05", "2026-03-27"],
  ])("currentTermBounds(%s) is %s, %s to %s", (date, name, first, last) => {
    expect(currentTermBounds(cal, date)).toEqual({
      term: expect.objectContaining({ name }),
      firstSchoolDay: first,
      lastSchoolDay: last,
    });
  });

  it("has no current term after the calendar data", () => {
    expect(currentTermBounds(cal, "2026-09-01")).toBeNull();
  });

  it("finds the term after a term, and none after the last", () => {
    const autumn = termOf(cal, "2024-10-01");
    expect(autumn && termAfter(cal, autumn)?.name).toBe("Spring 2025");
    const last = termOf(cal, "2026-06-01");
    expect(last && termAfter(cal, last)).toBeNull();
  });
});

describe("compileCalendar", () => {
  it("sorts terms given out of order and tolerates overlapping closures", () => {
    const c = compileCalendar({
      terms: [
        { name: "B", start: "2025-01-06", end: "2025-01-10" },
        { name: "A", start: "2024-12-16", end: "2024-12-20" },
      ],
      closures: [
        { name: "x", start: "2024-12-18", end: "2024-12-19" },
        { name: "y", start: "2024-12-19", end: "2024-12-19" },
      ],
    });
    expect(c.terms.map((t) => t.name)).toEqual(["A", "B"]);
    expect(c.schoolDays).toHaveLength(8);
    expect(c.dayIndex.get("2024-12-20")).toBe(2);
  });

  it("an empty calendar has no school days, terms or answers", () => {
    const empty = compileCalendar({ terms: [], closures: [] });
    expect(isSchoolDay(empty, "2025-01-06")).toBe(false);
    expect(schoolDaysBetween(empty, "2025-01-01", "2025-12-31")).toBe(0);
    expect(addSchoolDays(empty, "2025-01-06", 0)).toBeNull();
    expect(termOf(empty, "2025-01-06")).toBeNull();
  });

  it("a term closed throughout has no first or last school day", () => {
    const c = compileCalendar({
      terms: [{ name: "T", start: "2025-01-06", end: "2025-01-10" }],
      closures: [{ name: "snow", start: "2025-01-06", end: "2025-01-10" }],
    });
    expect(termBounds(c, c.terms[0] ?? { name: "", start: "", end: "" })).toMatchObject({
      firstSchoolDay: null,
      lastSchoolDay: null,
    });
  });

  it("asCompiledCalendar passes a compiled calendar through and compiles raw data", () => {
    expect(asCompiledCalendar(cal)).toBe(cal);
    expect(asCompiledCalendar(demoCalendar).schoolDays).toEqual(cal.schoolDays);
  });

  it.each([
    ["2028-02-29", true],
    ["2028-02-28", true],
    ["2028-03-01", true],
    ["2028-02-18", false],
  ])("leap year 2028: %s is a school day: %s", (date, expected) => {
    const leap = compileCalendar({
      terms: [{ name: "Spring 2028", start: "2028-01-04", end: "2028-03-31" }],
      closures: [{ name: "Half-term", start: "2028-02-14", end: "2028-02-18" }],
    });
    expect(isSchoolDay(leap, date)).toBe(expected);
    expect(addSchoolDays(leap, "2028-02-28", 1)).toBe("2028-02-29");
    expect(schoolDaysBetween(leap, "2028-02-28", "2028-03-01")).toBe(3);
  });

  it("leap year 2024: Thursday 29 February is counted", () => {
    const leap = compileCalendar({
      terms: [{ name: "Spring 2024", start: "2024-02-26", end: "2024-03-01" }],
      closures: [],
    });
    expect(leap.schoolDays).toEqual(["2024-02-26", "2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
  });
});

describe("schoolCalendarSchema", () => {
  it("accepts the demo calendar", () => {
    expect(schoolCalendarSchema.safeParse(demoCalendar).success).toBe(true);
  });

  it.each([
    [{ name: "Autumn", start: "2025-09-01", end: "2025-08-31" }, "end"],
    [{ name: "Autumn", start: "2025-02-30", end: "2025-03-31" }, "start"],
    [{ name: "", start: "2025-09-01", end: "2025-12-19" }, "name"],
  ])("rejects the term %o at %s", (term, field) => {
    const result = schoolCalendarSchema.safeParse({ terms: [term], closures: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["terms", 0, field]);
  });
});

describe("working days", () => {
  const holidays = englandBankHolidaySet(2024, 2028);

  it.each([
    ["2025-12-24", true],
    ["2025-12-25", false],
    ["2025-08-16", false],
    ["2025-10-28", true], // school half-term is still a working day
    ["2025-04-18", false],
  ])("isWorkingDay(%s) is %s", (date, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });

  it.each([
    ["2025-09-05", 10, "2025-09-19", "Friday + 10 is the Friday two weeks later"],
    ["2025-09-19", -10, "2025-09-05", "and back again"],
    ["2025-04-17", 1, "2025-04-22", "over Good Friday and Easter Monday"],
    ["2025-04-18", 0, "2025-04-22", "0 from Good Friday is the next working day"],
    ["2025-04-19", 0, "2025-04-22", "0 from Easter Saturday"],
    ["2025-09-03", 0, "2025-09-03", "0 from a working day is that day"],
    ["2025-06-01", 1, "2025-06-02", "Sunday + 1 is Monday"],
    ["2025-05-02", 1, "2025-05-06", "over the early May bank holiday"],
    ["2026-12-24", 1, "2026-12-29", "over Christmas and the Boxing Day substitute"],
    ["2026-12-24", 10, "2027-01-12", "over Christmas and New Year"],
    ["2025-12-31", 20, "2026-01-29", "20 working days from New Year's Eve"],
    ["2028-02-25", 2, "2028-02-29", "to a leap day"],
    ["2024-02-28", 1, "2024-02-29", "to the 2024 leap day"],
  ])("%s + %i → %s (%s)", (date, n, expected) => {
    expect(addWorkingDays(date, n, holidays)).toBe(expected);
  });

  it("ignores bank holidays it is not given", () => {
    expect(addWorkingDays("2025-04-17", 1, new Set())).toBe("2025-04-18");
  });
});
