/**
 * Who is looked after (core/children/care.ts) at its edges: a period of care ending
 * yesterday, today and tomorrow, short breaks in the ways a legal status is written, care
 * starting later, and the duty's start. The database filters that select the same
 * children are checked against this rule on a real database in
 * test/integration/care-agreement.test.ts.
 */
import { describe, expect, it } from "vitest";
import { type CareRecord, careStatus, dutySince, inCohort, isShortBreaks } from "../../core/children/care.js";

const TODAY = "2026-11-23";
const record = (over: Partial<CareRecord> = {}): CareRecord => ({
  lookedAfterSince: "2024-01-15",
  careStartKnown: true,
  ceasedLookedAfter: null,
  legalStatus: "C2",
  ...over,
});

/** No reason for leaving recorded: not previously looked after (test/unit/care-ceased-reason.test.ts has the reasons). */
const NO_REASON = { reason: null, previouslyLookedAfter: false } as const;

describe("careStatus", () => {
  it.each([
    ["on a care order (C2)", {}, { kind: "looked_after", since: "2024-01-15", startKnown: true }],
    [
      "care ended yesterday",
      { ceasedLookedAfter: "2026-11-22" },
      { kind: "left_care", since: "2024-01-15", ceasedOn: "2026-11-22", ...NO_REASON },
    ],
    [
      "care ended today",
      { ceasedLookedAfter: TODAY },
      { kind: "left_care", since: "2024-01-15", ceasedOn: TODAY, ...NO_REASON },
    ],
    [
      "care ends tomorrow: still looked after today",
      { ceasedLookedAfter: "2026-11-24" },
      { kind: "looked_after", since: "2024-01-15", startKnown: true },
    ],
    [
      "an end on record before a later start: left care (the record to correct)",
      { lookedAfterSince: "2026-03-01", ceasedLookedAfter: "2025-06-30" },
      { kind: "left_care", since: "2026-03-01", ceasedOn: "2025-06-30", ...NO_REASON },
    ],
    ["short breaks (V3)", { legalStatus: "V3" }, { kind: "short_breaks", since: "2024-01-15" }],
    ["short breaks (V4)", { legalStatus: "V4" }, { kind: "short_breaks", since: "2024-01-15" }],
    ["short breaks typed in lower case (v3)", { legalStatus: "v3" }, { kind: "short_breaks", since: "2024-01-15" }],
    [
      "accommodated, not for short breaks (V2)",
      { legalStatus: "V2" },
      { kind: "looked_after", since: "2024-01-15", startKnown: true },
    ],
    [
      "no legal status recorded",
      { legalStatus: null },
      { kind: "looked_after", since: "2024-01-15", startKnown: true },
    ],
    [
      "short breaks that ended: left care",
      { legalStatus: "V3", ceasedLookedAfter: "2026-10-01" },
      { kind: "left_care", since: "2024-01-15", ceasedOn: "2026-10-01", ...NO_REASON },
    ],
    [
      "the period began before the records",
      { careStartKnown: false },
      { kind: "looked_after", since: "2024-01-15", startKnown: false },
    ],
    ["care starting tomorrow", { lookedAfterSince: "2026-11-24" }, { kind: "not_looked_after" }],
    ["care starting today", { lookedAfterSince: TODAY }, { kind: "looked_after", since: TODAY, startKnown: true }],
    ["never looked after", { lookedAfterSince: null }, { kind: "not_looked_after" }],
  ] as [string, Partial<CareRecord>, ReturnType<typeof careStatus>][])("%s", (_name, over, expected) => {
    expect(careStatus(record(over), TODAY)).toEqual(expected);
  });

  it("an unknown careStartKnown is a known start", () => {
    const { careStartKnown: _unset, ...old } = record();
    expect(careStatus(old, TODAY)).toMatchObject({ startKnown: true });
  });
});

describe("the cohort and the duty's start", () => {
  it.each([
    [{}, true, "2024-01-15"],
    [{ ceasedLookedAfter: TODAY }, false, null],
    [{ ceasedLookedAfter: "2026-11-24" }, true, "2024-01-15"],
    [{ legalStatus: "V4" }, false, null],
    [{ legalStatus: "C2", careStartKnown: false }, true, "2024-01-15"],
  ] as [Partial<CareRecord>, boolean, string | null][])(
    "%o: in the cohort %s, duty since %s",
    (over, cohort, since) => {
      expect(inCohort(record(over), TODAY)).toBe(cohort);
      expect(dutySince(record(over), TODAY)).toBe(since);
    },
  );

  it.each([
    ["V3", true],
    ["v4", true],
    [" V3 ", true],
    ["V2", false],
    ["C2", false],
    [null, false],
  ] as const)("legal status %o is short breaks: %s", (legalStatus, expected) => {
    expect(isShortBreaks(legalStatus)).toBe(expected);
  });
});
