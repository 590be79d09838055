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
    ["pepMinAge", 3],
    ["pepCarryOverSchoolDays", 10],
    ["attendanceDataGapSchoolDays", 2],
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

  it("closes the registers at 09:30 and 13:45 unless set otherwise, and refuses a time that is not HH:MM", () => {
    expect(defaultPolicy.registerMorningClosesAt).toBe("09:30");
    expect(defaultPolicy.registerAfternoonClosesAt).toBe("13:45");
    expect(policySchema.parse({ registerAfternoonClosesAt: "14:10" }).registerAfternoonClosesAt).toBe("14:10");
    for (const bad of ["9:30", "24:00", "13:60", "noon"])
      expect(policySchema.safeParse({ registerMorningClosesAt: bad }).success).toBe(false);
  });

  it("takes early-years PEPs from 2 when an authority chooses, never below 0 or above 5", () => {
    expect(policySchema.parse({ pepMinAge: "2" }).pepMinAge).toBe(2);
    expect(policySchema.parse({ pepMinAge: "0" }).pepMinAge).toBe(0);
    expect(policySchema.safeParse({ pepMinAge: "6" }).success).toBe(false);
  });

  it("has exactly the twenty-five documented settings", () => {
    expect(Object.keys(defaultPolicy)).toHaveLength(25);
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
