import { describe, expect, it } from "vitest";
import { defaultPolicy, policySchema } from "../../core/policy.js";

describe("policy defaults (DOMAIN.md)", () => {
  it.each([
    ["pepInitialWorkingDays", 10],
    ["pepBeforeReviewWorkingDays", 3],
    ["firstReviewWorkingDays", 20],
    ["secondReviewMonths", 3],
    ["laterReviewMonths", 6],
    ["pepDueSoonSchoolDays", 10],
    ["persistentAbsencePercent", 10],
    ["severeAbsencePercent", 50],
    ["missingEducationSchoolDays", 10],
    ["rollRemovalSchoolDays", 20],
    ["noPlaceSchoolDays", 20],
    ["unauthorisedResolveSchoolDays", 5],
    ["suspensionMaxSchoolDays", 45],
    ["suspensionEducationFromDay", 6],
    ["pepMaxAge", 18],
    ["alertEscalateSchoolDays", 2],
    ["absenceAlertMinimumSessions", 20],
    ["pupilPremiumPlusRatePence", 257_000],
    ["pupilPremiumPlusRetainedPercent", 0],
  ] as const)("%s defaults to %i", (field, value) => {
    expect(defaultPolicy[field]).toBe(value);
    expect(policySchema.parse({})[field]).toBe(value);
  });

  it("releases Pupil Premium Plus termly unless set otherwise", () => {
    expect(defaultPolicy.pupilPremiumPlusRelease).toBe("termly");
    expect(policySchema.parse({ pupilPremiumPlusRelease: "annual" }).pupilPremiumPlusRelease).toBe("annual");
    expect(policySchema.safeParse({ pupilPremiumPlusRelease: "monthly" }).success).toBe(false);
    expect(policySchema.parse({ pupilPremiumPlusRetainedPercent: "12.5" }).pupilPremiumPlusRetainedPercent).toBe(12.5);
  });

  it("has exactly the twenty documented settings", () => {
    expect(Object.keys(defaultPolicy)).toHaveLength(20);
  });
});

describe("policy parsing from environment strings", () => {
  it.each([
    [{ pepInitialWorkingDays: "20" }, "pepInitialWorkingDays", 20],
    [{ noPlaceSchoolDays: " 15 " }, "noPlaceSchoolDays", 15],
    [{ persistentAbsencePercent: "12.5" }, "persistentAbsencePercent", 12.5],
    [{ severeAbsencePercent: "100" }, "severeAbsencePercent", 100],
    [{ pepMaxAge: 25 }, "pepMaxAge", 25],
    [{ pepInitialWorkingDays: "" }, "pepInitialWorkingDays", 10],
    [{ pepInitialWorkingDays: "   " }, "pepInitialWorkingDays", 10],
    [{ pepInitialWorkingDays: undefined }, "pepInitialWorkingDays", 10],
  ] as const)("%o gives %s = %s", (input, field, value) => {
    expect(policySchema.parse(input)[field]).toBe(value);
  });

  it.each([
    [{ pepInitialWorkingDays: "ten" }],
    [{ pepInitialWorkingDays: "0" }],
    [{ pepInitialWorkingDays: "-3" }],
    [{ pepInitialWorkingDays: "1.5" }],
    [{ persistentAbsencePercent: "0" }],
    [{ severeAbsencePercent: "101" }],
  ])("rejects %o", (input) => {
    const result = policySchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([Object.keys(input)[0]]);
  });
});
