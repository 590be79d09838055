import { describe, expect, it } from "vitest";
import { easterSunday, englandBankHolidaySet, englandBankHolidays } from "../../core/calendar/bank-holidays.js";

/** England and Wales bank holidays as published on gov.uk/bank-holidays. */
const GOV_UK: Record<number, string[]> = {
  2019: [
    "2019-01-01",
    "2019-04-19",
    "2019-04-22",
    "2019-05-06",
    "2019-05-27",
    "2019-08-26",
    "2019-12-25",
    "2019-12-26",
  ],
  2020: [
    "2020-01-01",
    "2020-04-10",
    "2020-04-13",
    "2020-05-08",
    "2020-05-25",
    "2020-08-31",
    "2020-12-25",
    "2020-12-28",
  ],
  2021: [
    "2021-01-01",
    "2021-04-02",
    "2021-04-05",
    "2021-05-03",
    "2021-05-31",
    "2021-08-30",
    "2021-12-27",
    "2021-12-28",
  ],
  2022: [
    "2022-01-03",
    "2022-04-15",
    "2022-04-18",
    "2022-05-02",
    "2022-06-02",
    "2022-06-03",
    "2022-08-29",
    "2022-09-19",
    "2022-12-26",
    "2022-12-27",
  ],
  2023: [
    "2023-01-02",
    "2023-04-07",
    "2023-04-10",
    "2023-05-01",
    "2023-05-08",
    "2023-05-29",
    "2023-08-28",
    "2023-12-25",
    "2023-12-26",
  ],
  2024: [
    "2024-01-01",
    "2024-03-29",
    "2024-04-01",
    "2024-05-06",
    "2024-05-27",
    "2024-08-26",
    "2024-12-25",
    "2024-12-26",
  ],
  2025: [
    "2025-01-01",
    "2025-04-18",
    "2025-04-21",
    "2025-05-05",
    "2025-05-26",
    "2025-08-25",
    "2025-12-25",
    "2025-12-26",
  ],
  2026: [
    "2026-01-01",
    "2026-04-03",
    "2026-04-06",
    "2026-05-04",
    "2026-05-25",
    "2026-08-31",
    "2026-12-25",
    "2026-12-28",
  ],
  2027: [
    "2027-01-01",
    "2027-03-26",
    "2027-03-29",
    "2027-05-03",
    "2027-05-31",
    "2027-08-30",
    "2027-12-27",
    "2027-12-28",
  ],
};

describe("englandBankHolidays", () => {
  it.each(Object.entries(GOV_UK))("%s matches gov.uk", (year, expected) => {
    expect(englandBankHolidays(Number(year))).toEqual(expected);
  });

  it("2012: spring holiday moved to 4 June and the Diamond Jubilee on 5 June", () => {
    const days = englandBankHolidays(2012);
    expect(days).toContain("2012-06-04");
    expect(days).toContain("2012-06-05");
    expect(days).not.toContain("2012-05-28");
  });

  it.each([
    ["2020-05-04", 2020],
    ["2022-05-30", 2022],
    ["2023-05-08", 2024],
    ["2022-09-19", 2023],
  ])("%s is not a holiday in %i", (date, year) => {
    expect(englandBankHolidays(year)).not.toContain(date);
  });

  it.each([
    [2010, "2010-12-27", "2010-12-28"], // Christmas on Saturday: both move to Monday and Tuesday
    [2016, "2016-12-26", "2016-12-27"], // Christmas on Sunday: Boxing Day Monday, substitute Tuesday
    [2015, "2015-12-25", "2015-12-28"], // Boxing Day on Saturday moves to Monday
  ])("%i Christmas holidays are %s and %s", (year, christmas, boxing) => {
    expect(englandBankHolidays(year).slice(-2)).toEqual([christmas, boxing]);
  });

  it.each([
    [2017, "2017-01-02"],
    [2011, "2011-01-03"],
    [2028, "2028-01-03"],
  ])("%i New Year holiday is %s", (year, date) => {
    expect(englandBankHolidays(year)[0]).toBe(date);
  });

  it("returns sorted dates without duplicates", () => {
    for (let year = 2000; year <= 2040; year++) {
      const days = englandBankHolidays(year);
      expect([...days].sort()).toEqual(days);
      expect(new Set(days).size).toBe(days.length);
    }
  });

  it("a set over several years holds each year's holidays", () => {
    const set = englandBankHolidaySet(2024, 2026);
    expect(set.size).toBe(24);
    expect(set.has("2024-03-29")).toBe(true);
    expect(set.has("2026-12-28")).toBe(true);
    expect(set.has("2027-01-01")).toBe(false);
  });

  it("a span's set is built once and shared, and other spans stay apart", () => {
    const first = englandBankHolidaySet(2025, 2028);
    expect(englandBankHolidaySet(2025, 2028)).toBe(first);
    const other = englandBankHolidaySet(2024, 2026);
    expect(other).not.toBe(first);
    expect([...other].sort()).toEqual([2024, 2025, 2026].flatMap(englandBankHolidays));
    expect([...first].sort()).toEqual([2025, 2026, 2027, 2028].flatMap(englandBankHolidays));
  });
});

describe("easterSunday", () => {
  it.each([
    [1818, "1818-03-22"], // earliest possible
    [1943, "1943-04-25"], // latest possible
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2020, "2020-04-12"],
    [2021, "2021-04-04"],
    [2022, "2022-04-17"],
    [2023, "2023-04-09"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2038, "2038-04-25"],
  ])("%i: %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});
