import { describe, expect, it } from "vitest";
import {
  compulsorySchoolAgeEnds,
  compulsorySchoolAgeStarts,
  isOfCompulsorySchoolAge,
} from "../../core/children/school-age.js";

describe("compulsory school age", () => {
  it.each([
    // fifth birthday → first prescribed day on or after it
    ["2021-01-01", "2026-03-31"],
    ["2021-03-31", "2026-03-31"], // a birthday on a prescribed day starts that day
    ["2021-04-01", "2026-08-31"],
    ["2021-08-31", "2026-08-31"],
    ["2021-09-01", "2026-12-31"],
    ["2021-12-31", "2026-12-31"],
    ["2020-02-29", "2025-03-31"], // leap-day birthday: 1 March in a common year
  ])("born %s: starts %s", (dob, starts) => {
    expect(compulsorySchoolAgeStarts(dob)).toBe(starts);
  });

  it.each([
    // turns 16 in school year Y/Y+1 → last Friday of June Y+1
    ["2010-09-01", "2027-06-25"], // turns 16 on 1 Sep 2026: school year 2026/27
    ["2010-08-31", "2026-06-26"], // turns 16 on 31 Aug 2026: school year 2025/26
    ["2011-05-10", "2027-06-25"],
    ["2012-02-29", "2028-06-30"], // 30 June 2028 is itself a Friday
  ])("born %s: ends %s", (dob, ends) => {
    expect(compulsorySchoolAgeEnds(dob)).toBe(ends);
  });

  it.each([
    ["2021-06-01", "2026-11-23", true],
    ["2022-06-01", "2026-11-23", false], // four years old
    ["2021-09-01", "2026-12-30", false], // five, but not until the prescribed day
    ["2021-09-01", "2026-12-31", true],
    ["2010-08-31", "2026-06-26", true], // last day
    ["2010-08-31", "2026-06-27", false],
    ["2008-01-01", "2026-11-23", false], // 18
  ])("born %s on %s: %s", (dob, date, expected) => {
    expect(isOfCompulsorySchoolAge(dob, date)).toBe(expected);
  });
});
