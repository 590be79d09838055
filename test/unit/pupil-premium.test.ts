/**
 * Pupil Premium Plus, worked by hand. The national rate in the policy default is
 * £2,570.00 (257,000p) per eligible child; school year 2026 runs 1 Aug 2026 – 31 Jul 2027
 * and judges age on 31 Aug 2026. Terms as in the test authority: autumn from 2 Sep 2026,
 * spring from 4 Jan 2027, summer from 12 Apr 2027.
 */
import { describe, expect, it } from "vitest";
import {
  childPpPlus,
  figuresOf,
  isPpPlusEligible,
  type PpPlusChildRow,
  ppPlusAllocation,
  ppPlusReport,
  ppPlusSettings,
  releaseDates,
  sumFigures,
  thirdsOf,
  thirdsReleased,
} from "../../core/funding/pupil-premium.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";

const TERMS = ["2025-09-03", "2026-01-05", "2026-04-13", "2026-09-02", "2027-01-04", "2027-04-12"];
const policy = (over: Record<string, unknown> = {}) => policySchema.parse(over);

describe("eligibility: looked after at least a day this school year, aged 4 to 15 on 31 August", () => {
  const child = (
    dateOfBirth: string,
    lookedAfterSince: string | null = "2024-01-15",
    ceased: string | null = null,
  ) => ({
    dateOfBirth,
    lookedAfterSince,
    ceasedLookedAfter: ceased,
  });
  it.each([
    ["4 on 31 Aug 2026 (born 31 Aug 2022)", child("2022-08-31"), true],
    ["3 on 31 Aug 2026 (born 1 Sep 2022): a year too young", child("2022-09-01"), false],
    ["15 on 31 Aug 2026 (born 1 Sep 2010, 16 the day after)", child("2010-09-01"), true],
    ["16 on 31 Aug 2026 (born 31 Aug 2010)", child("2010-08-31"), false],
    ["born on a leap day (29 Feb 2012): 14", child("2012-02-29"), true],
    ["came into care today", child("2015-05-01", "2026-11-23"), true],
    ["comes into care tomorrow: not yet", child("2015-05-01", "2026-11-24"), false],
    ["never looked after", child("2015-05-01", null), false],
    [
      "left care on 1 Aug 2026, the year's first day: a day counts",
      child("2015-05-01", "2024-01-15", "2026-08-01"),
      true,
    ],
    ["left care on 31 Jul 2026, before the year began", child("2015-05-01", "2024-01-15", "2026-07-31"), false],
    ["left care in 2025 and came back in Oct 2026", child("2015-05-01", "2026-10-01", "2025-03-01"), true],
  ])("%s", (_, c, eligible) => {
    expect(isPpPlusEligible(c, 2026, "2026-11-23")).toBe(eligible);
  });
});

describe("allocation: the rate less the share kept centrally, rounded down to the penny", () => {
  it.each([
    [0, 257_000, 0],
    [10, 231_300, 25_700],
    [12.5, 224_875, 32_125],
    // 257,000 × 67% = 172,190 exactly.
    [33, 172_190, 84_810],
    [100, 0, 257_000],
  ])("%s%% retained: %ip to the school, %ip kept", (retained, perChild, kept) => {
    expect(ppPlusAllocation(policy({ pupilPremiumPlusRetainedPercent: retained }))).toEqual({
      ratePence: 257_000,
      perChildPence: perChild,
      retainedPerChildPence: kept,
    });
  });

  it("a penny that does not divide stays with the Virtual School (100,001p at 50%: 50,000p out, 50,001p kept)", () => {
    const odd = policy({ pupilPremiumPlusRatePence: 100_001, pupilPremiumPlusRetainedPercent: 50 });
    expect(ppPlusAllocation(odd)).toEqual({ ratePence: 100_001, perChildPence: 50_000, retainedPerChildPence: 50_001 });
  });
});

describe("release: a third at the start of each term, or the whole year at once", () => {
  it("thirds from the year's start, the first term from 1 January and the first from 1 April", () => {
    expect(releaseDates(2026, TERMS)).toEqual(["2026-08-01", "2027-01-04", "2027-04-12"]);
  });

  it("six-term calendars: spring and summer are still the first terms from January and April", () => {
    const six = ["2026-09-02", "2026-11-02", "2027-01-04", "2027-02-22", "2027-04-12", "2027-06-07"];
    expect(releaseDates(2026, six)).toEqual(["2026-08-01", "2027-01-04", "2027-04-12"]);
  });

  it("without term dates: 1 January and 1 April", () => {
    expect(releaseDates(2026, [])).toEqual(["2026-08-01", "2027-01-01", "2027-04-01"]);
  });

  it.each([
    ["2026-08-01", 1],
    ["2026-11-23", 1],
    ["2027-01-03", 1],
    ["2027-01-04", 2],
    ["2027-04-11", 2],
    ["2027-04-12", 3],
    ["2027-07-31", 3],
  ])("termly, on %s: %i thirds released", (today, thirds) => {
    expect(thirdsReleased("termly", 2026, today, TERMS)).toBe(thirds);
  });

  it("annually: the whole year from 1 August", () => {
    expect(thirdsReleased("annual", 2026, "2026-08-01", TERMS)).toBe(3);
    expect(thirdsReleased("annual", 2026, "2026-07-31", TERMS)).toBe(0);
  });

  it("thirds of £2,570.00: £856.66, £1,713.33, then exactly £2,570.00", () => {
    expect([0, 1, 2, 3].map((n) => thirdsOf(257_000, n))).toEqual([0, 85_666, 171_333, 257_000]);
  });

  it("the settings a report shows", () => {
    expect(ppPlusSettings(defaultPolicy, 2026, "2026-11-23", TERMS)).toEqual({
      schoolYear: 2026,
      ratePence: 257_000,
      retainedPercent: 0,
      release: "termly",
      perChildPence: 257_000,
      retainedPerChildPence: 0,
      thirdsReleased: 1,
    });
  });
});

describe("a child's year", () => {
  const spring = { perChildPence: 257_000, thirdsReleased: 2 };

  it("approved counts once quality-assured; requests waiting for a decision hold their amount", () => {
    const peps = [
      // Autumn: asked £600, the Virtual School approved £500.
      { status: "quality_assured", ppPlusPence: 50_000, requestedPence: 60_000 },
      // Spring: asked £400, submitted, not yet decided.
      { status: "submitted", ppPlusPence: null, requestedPence: 40_000 },
    ];
    // Released two thirds: 171,333. Remaining 171,333 − 50,000 − 40,000 = 81,333.
    expect(childPpPlus(true, spring, peps)).toEqual({
      allocated: 257_000,
      released: 171_333,
      requested: 100_000,
      approved: 50_000,
      pending: 40_000,
      remaining: 81_333,
    });
  });

  it("a returned PEP still holds its request; an imported PEP's approved amount counts", () => {
    const peps = [
      { status: "returned", ppPlusPence: null, requestedPence: 25_000 },
      { status: "complete", ppPlusPence: 30_000, requestedPence: 0 },
    ];
    // 171,333 − 30,000 − 25,000 = 116,333.
    expect(childPpPlus(true, spring, peps)).toMatchObject({ approved: 30_000, pending: 25_000, remaining: 116_333 });
  });

  it("a child not eligible has nothing allocated, whatever was asked", () => {
    expect(childPpPlus(false, spring, [{ status: "held", ppPlusPence: null, requestedPence: 10_000 }])).toEqual({
      allocated: 0,
      released: 0,
      requested: 10_000,
      approved: 0,
      pending: 10_000,
      remaining: 0,
    });
  });

  it("remaining never goes below zero (the rate was lowered after approval)", () => {
    const autumn = { perChildPence: 257_000, thirdsReleased: 1 };
    expect(
      childPpPlus(true, autumn, [{ status: "quality_assured", ppPlusPence: 90_000, requestedPence: 90_000 }]),
    ).toMatchObject({ released: 85_666, approved: 90_000, remaining: 0 });
  });
});

describe("the report: per child, per school, the Virtual School", () => {
  // 10% kept: 231,300 to each school a year, 25,700 kept; autumn: a third, 77,100.
  const settings = ppPlusSettings(policy({ pupilPremiumPlusRetainedPercent: 10 }), 2026, "2026-11-23", TERMS);
  const oak = { id: 1, name: "Oakfield Primary" };
  const hill = { id: 2, name: "Hillside Academy" };
  const row = (
    childId: number,
    school: PpPlusChildRow["school"],
    eligible: boolean,
    requested: number,
    approved = 0,
  ) => ({
    childId,
    firstName: `C${childId}`,
    lastName: "Test",
    eligible,
    school,
    ...childPpPlus(eligible, settings, [
      approved > 0
        ? { status: "quality_assured", ppPlusPence: approved, requestedPence: requested }
        : { status: "held", ppPlusPence: null, requestedPence: requested },
    ]),
  });
  const children = [
    row(1, oak, true, 30_000, 25_000), // remaining 77,100 − 25,000 = 52,100
    row(2, oak, true, 10_000), // remaining 77,100 − 10,000 = 67,100
    row(3, hill, true, 0), // remaining 77,100
    row(4, null, false, 0), // 17 on 31 Aug: nothing
  ];

  it("adds up as worked by hand", () => {
    const report = ppPlusReport(settings, children);
    expect(report.virtualSchool).toEqual({
      eligibleChildren: 3,
      retainedCentrally: 77_100,
      allocated: 693_900,
      released: 231_300,
      requested: 40_000,
      approved: 25_000,
      pending: 10_000,
      remaining: 196_300,
    });
    expect(report.schools).toEqual([
      {
        school: hill,
        eligibleChildren: 1,
        allocated: 231_300,
        released: 77_100,
        requested: 0,
        approved: 0,
        pending: 0,
        remaining: 77_100,
      },
      {
        school: oak,
        eligibleChildren: 2,
        allocated: 462_600,
        released: 154_200,
        requested: 40_000,
        approved: 25_000,
        pending: 10_000,
        remaining: 119_200,
      },
      // Children without a school place come last.
      {
        school: null,
        eligibleChildren: 0,
        allocated: 0,
        released: 0,
        requested: 0,
        approved: 0,
        pending: 0,
        remaining: 0,
      },
    ]);
    expect(report.children).toBe(children);
  });

  it("figures of nobody are zeros; a row's figures drop who the child is", () => {
    expect(sumFigures([])).toEqual({ allocated: 0, released: 0, requested: 0, approved: 0, pending: 0, remaining: 0 });
    expect(figuresOf(undefined)).toMatchObject({ eligible: false, remaining: 0 });
    expect(figuresOf(children[0])).toEqual({
      eligible: true,
      allocated: 231_300,
      released: 77_100,
      requested: 30_000,
      approved: 25_000,
      pending: 0,
      remaining: 52_100,
    });
  });
});
