/**
 * What a scan treats as news (core/alerts/digest-plan.ts), and how a rerouted copy reads:
 * severe absence supersedes persistent absence; a suspension over before today is not
 * alerted; the card names whose copy went to the Virtual School, never "the recipient".
 */
import { describe, expect, it } from "vitest";
import { EVENTS, whose } from "../../cards/views/alert-texts.js";
import { alertCandidates } from "../../core/alerts/alert.rules.js";
import { newsOnly } from "../../core/alerts/digest-plan.js";
import { englandBankHolidaySet } from "../../core/calendar/bank-holidays.js";
import { defaultPolicy } from "../../core/policy.js";
import { absence, calendar2026, scanFacts } from "./scan-facts.fixture.js";

const ctx = {
  today: "2026-11-23",
  calendar: calendar2026,
  bankHolidays: englandBankHolidaySet(2025, 2028),
  policy: defaultPolicy,
  registersClosed: { am: true, pm: true },
};
const news = (facts: ReturnType<typeof scanFacts>, severeOpen = false) =>
  newsOnly(alertCandidates(facts, ctx), facts, ctx, severeOpen)
    .map((c) => c.rule)
    .filter((rule) => !rule.startsWith("pep_")); // the fixture child has no PEP: not this file's business

describe("severe absence supersedes persistent absence", () => {
  const severe = absence([
    ["/", 20],
    ["I", 30],
  ]);
  const persistent = absence([
    ["/", 80],
    ["I", 20],
  ]);
  it("both crossed in the same scan: severe only", () => {
    expect(alertCandidates(scanFacts({ attendance: severe }), ctx).map((c) => c.rule)).toContain("persistent_absence");
    expect(news(scanFacts({ attendance: severe }))).toEqual(["severe_absence"]);
  });
  it("severe already open: persistent is not news", () => {
    expect(news(scanFacts({ attendance: persistent }), true)).toEqual([]);
  });
  it("no severe alert: persistent is news", () => {
    expect(news(scanFacts({ attendance: persistent }))).toEqual(["persistent_absence"]);
  });
});

describe("suspensions over before today are not news", () => {
  const suspension = (id: number, startDate: string, days: number) => ({
    id,
    kind: "suspension" as const,
    startDate,
    days,
  });
  it("ended Friday: none; last day today: alerted; starting Wednesday: alerted", () => {
    expect(news(scanFacts({ exclusions: [suspension(1, "2026-11-19", 2)] }))).toEqual([]);
    expect(news(scanFacts({ exclusions: [suspension(2, "2026-11-20", 2)] }))).toEqual(["suspension"]);
    expect(news(scanFacts({ exclusions: [suspension(3, "2026-11-25", 1)] }))).toEqual(["suspension"]);
  });
  it("a half day ended last week is over too; a permanent exclusion always stands", () => {
    expect(news(scanFacts({ exclusions: [suspension(4, "2026-11-16", 0.5)] }))).toEqual([]);
    const permanent = { id: 5, kind: "permanent" as const, startDate: "2026-11-10", days: 0 };
    expect(news(scanFacts({ exclusions: [permanent] }))).toEqual(["permanent_exclusion"]);
  });
});

describe("a rerouted copy says whose it was", () => {
  it("names the person and their role", () => {
    expect(whose({ name: "Sam Patel", role: "social_worker" })).toBe("Sam Patel (social worker)");
    expect(whose({ name: "Dee Ahmed", role: "designated_teacher" })).toBe("Dee Ahmed (designated teacher)");
    const line = EVENTS.rerouted?.("Sam Patel (social worker)") ?? "";
    expect(line).toBe("Sam Patel (social worker) was not reachable in Teams: their copy went to the Virtual School");
  });
  it("never says it could not reach the recipient", () => {
    for (const d of [null, "Sam Patel (social worker)"]) expect(EVENTS.rerouted?.(d)).not.toMatch(/recipient/i);
  });
});
