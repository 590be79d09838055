import { describe, expect, it } from "vitest";
import type { Mark } from "../../core/attendance/attendance.rules.js";
import { englandBankHolidays } from "../../core/calendar/bank-holidays.js";
import { schoolDaysInRange } from "../../core/calendar/school-days.js";
import { iroBrief } from "../../core/children/brief.js";
import { currentOf, educationStatus } from "../../core/children/status.js";
import { formatDate } from "../../core/platform/dates.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";
import { demoCalendar } from "./calendar.fixture.js";
import { both, cal, codes, DOB, facts, pep, presentUntil, school, TODAY, UPN } from "./child-facts.fixture.js";

describe("educationStatus: a settled child", () => {
  const status = educationStatus(facts(), TODAY, defaultPolicy);

  it("raises no flags", () => {
    expect(status.flags).toEqual([]);
  });

  it("shows the school, the placement and full attendance", () => {
    expect(status.school).toEqual({
      schoolId: 1,
      schoolName: "Riverside Academy",
      urn: "100001",
      phase: "secondary",
      outOfArea: false,
      fromDate: "2023-09-01",
      yearGroup: "8",
    });
    expect(status.daysWithoutSchoolPlace).toBe(0);
    expect(status.placement).toMatchObject({ placementType: "U1", outOfArea: true });
    expect(status.attendance).toMatchObject({ possibleSessions: 104, attendanceRate: 1, currentUnexplainedRun: null });
    expect(status.pep).toMatchObject({ required: true, current: true, nextDue: "2026-03-27", overdue: false });
    expect(status.lookedAfter).toBe(true);
  });

  it("accepts raw calendar data and a set of bank holidays alike", () => {
    const raw = facts({ calendar: demoCalendar, bankHolidays: new Set(englandBankHolidays(2025)) });
    expect(educationStatus(raw, TODAY, defaultPolicy)).toEqual(status);
  });

  it.each([
    ["none", false],
    ["sen_support", false],
    ["ehcp", true],
  ] as const)("SEN %s: EHCP %s", (senStatus, ehcp) => {
    expect(educationStatus(facts({}, { senStatus }), TODAY, defaultPolicy).sen).toEqual({ status: senStatus, ehcp });
  });
});

describe("attendance flags", () => {
  const absentDays = (dates: string[], code: string): Mark[] => dates.flatMap((d) => both(d, code));
  const autumnDays = schoolDaysInRange(cal, "2025-09-01", TODAY);

  it("persistent absence at 10.6%", () => {
    const marks = [
      ...presentUntil(TODAY),
      ...absentDays(autumnDays.slice(0, 5), "I"),
      { date: autumnDays[5] ?? "", session: "AM" as const, code: "I" },
    ];
    const status = educationStatus(facts({ marks }), TODAY, defaultPolicy);
    expect(status.flags).toEqual([
      {
        code: "persistent_absence",
        severity: "amber",
        text: "Persistent absence: 10.6% of possible sessions missed this school year (10% or more).",
      },
    ]);
  });

  it("severe absence raises both, red first", () => {
    const marks = [...presentUntil(TODAY), ...absentDays(autumnDays.slice(0, 26), "M")];
    expect(codes(facts({ marks }))).toEqual(["severe_absence:red", "persistent_absence:amber"]);
  });

  it("ignores marks from last school year", () => {
    const marks = [...absentDays(["2025-07-01", "2025-07-02", "2025-07-03"], "O"), ...presentUntil(TODAY)];
    expect(educationStatus(facts({ marks }), TODAY, defaultPolicy).attendance.possibleSessions).toBe(104);
  });

  it("unexplained absence today", () => {
    const marks = [...presentUntil("2025-11-18"), { date: TODAY, session: "AM" as const, code: "N" }];
    const status = educationStatus(facts({ marks }), TODAY, defaultPolicy);
    expect(status.flags).toContainEqual({
      code: "unexplained_absence_today",
      severity: "amber",
      text: "Unexplained absence today (AM N).",
    });
    expect(status.attendance.currentUnexplainedRun).toEqual({ days: 1, from: TODAY, to: TODAY });
  });

  it("13 school days unexplained: possibly missing education", () => {
    const marks = [...presentUntil("2025-10-24"), ...absentDays(schoolDaysInRange(cal, "2025-11-03", TODAY), "N")];
    const status = educationStatus(facts({ marks }), TODAY, defaultPolicy);
    expect(status.attendance.currentUnexplainedRun).toEqual({ days: 13, from: "2025-11-03", to: TODAY });
    expect(status.flags).toContainEqual({
      code: "missing_education",
      severity: "red",
      text: "Possibly missing education: 13 school days in a row of unexplained absence since 3 Nov 2025; schools report after 10.",
    });
    expect(codes(facts({ marks }))).not.toContain("roll_removal_risk:red");
  });

  it("22 school days unexplained: also at risk of removal from roll", () => {
    const marks = [
      ...presentUntil("2025-10-10"),
      ...absentDays(schoolDaysInRange(cal, "2025-10-13", "2025-11-18"), "O"),
    ];
    expect(educationStatus(facts({ marks }), TODAY, defaultPolicy).attendance.currentUnexplainedRun?.days).toBe(22);
    expect(codes(facts({ marks }))).toEqual(expect.arrayContaining(["missing_education:red", "roll_removal_risk:red"]));
  });

  it("9 school days is below the line, unless the authority sets 8", () => {
    const marks = [
      ...presentUntil("2025-11-05"),
      ...absentDays(schoolDaysInRange(cal, "2025-11-06", "2025-11-18"), "N"),
    ];
    expect(codes(facts({ marks }), "2025-11-18")).not.toContain("missing_education:red");
    expect(codes(facts({ marks }), "2025-11-18", policySchema.parse({ missingEducationSchoolDays: 8 }))).toContain(
      "missing_education:red",
    );
  });

  it("looks for runs only since joining the current school", () => {
    const joined = { ...school, fromDate: "2025-11-17" };
    const marks = both("2025-11-17", "/").concat(both("2025-11-18", "/"), both(TODAY, "/"));
    const status = educationStatus(facts({ enrolments: [joined], marks }), TODAY, defaultPolicy);
    expect(status.attendance.longestUnexplainedRun).toBeNull();
  });

  it("an N left unresolved for more than 5 school days", () => {
    const marks = [...presentUntil(TODAY), { date: "2025-11-03", session: "AM" as const, code: "N" }];
    expect(educationStatus(facts({ marks }), TODAY, defaultPolicy).flags).toContainEqual({
      code: "unresolved_absence",
      severity: "amber",
      text: "1 session still marked N (no reason established) after 5 school days.",
    });
  });
});

describe("PEP flags", () => {
  it("a missed summer PEP is overdue", () => {
    const status = educationStatus(
      facts({ peps: [pep("Spring 2025", "2025-03-01")], reviews: [] }),
      TODAY,
      defaultPolicy,
    );
    expect(status.flags).toEqual([
      {
        code: "pep_overdue",
        severity: "red",
        text: "PEP for Summer 2025 overdue: it was due on 22 Jul 2025 (52 school days ago).",
      },
    ]);
  });

  it("a care-plan review on 1 June brought the summer PEP forward to before half-term", () => {
    const status = educationStatus(facts({ peps: [pep("Spring 2025", "2025-03-01")] }), TODAY, defaultPolicy);
    expect(status.flags[0]?.text).toBe("PEP for Summer 2025 overdue: it was due on 23 May 2025 (89 school days ago).");
  });

  it("the initial PEP is named as such", () => {
    const f = facts({ peps: [], reviews: [] }, { lookedAfterSince: "2025-11-03" });
    expect(educationStatus(f, TODAY, defaultPolicy).flags).toContainEqual({
      code: "pep_overdue",
      severity: "red",
      text: "Initial PEP overdue: it was due on 17 Nov 2025 (2 school days ago).",
    });
  });

  it("due soon near the end of term", () => {
    const f = facts({ peps: [pep("Summer 2025", "2025-06-10")], reviews: [], marks: presentUntil("2025-12-08") });
    expect(educationStatus(f, "2025-12-08", defaultPolicy).flags).toEqual([
      {
        code: "pep_due_soon",
        severity: "amber",
        text: "PEP for Autumn 2025 due by 19 Dec 2025 (within 10 school days).",
      },
    ]);
  });

  it("a PEP rated red by the Virtual School", () => {
    expect(codes(facts({ peps: [pep("Autumn 2025", "2025-10-01", "red")] }))).toEqual(["pep_rated_red:amber"]);
  });

  it("no PEP flags from the 18th birthday", () => {
    expect(codes(facts({ peps: [] }, { dateOfBirth: "2007-10-01" }))).toEqual([]);
  });
});

describe("recent actions and privacy", () => {
  it("keeps the latest five actions, newest first", () => {
    const actions = [1, 5, 3, 7, 2, 6, 4].map((n) => ({
      at: `2025-11-${String(n).padStart(2, "0")}T09:00:00.000Z`,
      text: `action ${n}`,
      category: "other",
      followUpDate: null,
      by: "Officer",
    }));
    const status = educationStatus(facts({ actions }), TODAY, defaultPolicy);
    expect(status.recentActions.map((a) => a.text)).toEqual([
      "action 7",
      "action 6",
      "action 5",
      "action 4",
      "action 3",
    ]);
  });

  it("never puts a name, date of birth or UPN in a flag", () => {
    const f = facts(
      {
        enrolments: [{ ...school, toDate: "2025-10-10" }],
        marks: presentUntil("2025-10-10"),
        peps: [pep("Spring 2025", "2025-03-01", "red")],
        exclusions: [{ kind: "permanent", startDate: "2025-10-10", days: 0 }],
      },
      { senStatus: "ehcp" },
    );
    const flags = educationStatus(f, TODAY, defaultPolicy).flags;
    expect(flags.length).toBeGreaterThan(2);
    for (const { text } of flags) {
      for (const secret of [DOB, formatDate(DOB), UPN, "Amira", "Testcase"]) expect(text).not.toContain(secret);
    }
    const severities = flags.map((x) => x.severity);
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === "red" ? -1 : 1)));
  });
});

describe("currentOf", () => {
  const r = (fromDate: string, toDate: string | null) => ({ fromDate, toDate });
  it.each([
    [[r("2025-01-01", null)], "2025-01-01", 0],
    [[r("2025-01-01", "2025-06-30")], "2025-06-30", 0],
    [[r("2025-01-01", "2025-06-30")], "2025-07-01", null],
    [[r("2025-01-01", null), r("2025-09-01", null)], "2025-10-01", 1],
    [[r("2025-09-01", null), r("2025-01-01", null)], "2025-10-01", 0],
    [[r("2026-01-01", null)], "2025-10-01", null],
    [[], "2025-10-01", null],
  ])("%o on %s → record %s", (records, today, index) => {
    expect(currentOf(records, today)).toBe(index === null ? null : records[index]);
  });
});

describe("the IRO brief's actions since the last review (15 Oct 2025, in British Summer Time)", () => {
  const action = (at: string) => ({ at, text: at, category: "other", followUpDate: null, by: "Officer" });
  it.each([
    ["2025-10-14T23:30:00.000Z", true, "00:30 BST on the review day"],
    ["2025-10-14T22:59:00.000Z", false, "23:59 BST the day before"],
    ["2025-11-19T09:00:00.000Z", true, "today"],
  ])("an action logged at %s counts: %s (%s)", (at, counts) => {
    const brief = iroBrief(facts({ actions: [action(at)] }), TODAY, defaultPolicy);
    expect(brief.since).toBe("2025-10-15");
    expect(brief.actionsSince.map((a) => a.at)).toEqual(counts ? [at] : []);
  });
});
