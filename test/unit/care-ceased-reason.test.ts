/**
 * Why a period of care ended (SSDA903 REC) and who is therefore *previously looked after*
 * (DOMAIN.md "Who is looked after, and who was"): adopted (E11, E12), a special
 * guardianship order (E43–E48) or a child arrangements order (E41), and nobody else — a
 * child who returned home or left care at 18 has left care, but is not previously looked
 * after. The import keeps the REC of the episode that ended the last period and clears it
 * when a new period begins (core/imports/ssda903/periods.ts).
 */
import { describe, expect, it } from "vitest";
import {
  type CareRecord,
  careStatus,
  ceasedReasonOf,
  isPreviouslyLookedAfter,
  PREVIOUSLY_LOOKED_AFTER_REASONS,
} from "../../core/children/care.js";
import { careHistory, type Episode } from "../../core/imports/ssda903/periods.js";

const TODAY = "2026-11-23";
const record = (over: Partial<CareRecord> = {}): CareRecord => ({
  lookedAfterSince: "2024-01-15",
  careStartKnown: true,
  ceasedLookedAfter: "2026-10-01",
  legalStatus: "C2",
  ceasedReason: null,
  ...over,
});

describe("previously looked after: only adoption, special guardianship and child arrangements orders", () => {
  it.each([
    ["E11", true, "adopted"],
    ["E12", true, "adopted"],
    ["E41", true, "child arrangements order"],
    ["E43", true, "special guardianship order"],
    ["E44", true, "special guardianship order"],
    ["E45", true, "special guardianship order"],
    ["E46", true, "special guardianship order"],
    ["E47", true, "special guardianship order"],
    ["E48", true, "special guardianship order"],
    ["E4A", false, "returned home"],
    ["E4B", false, "returned home, not as planned"],
    ["E13", false, "to live with parents or relatives"],
    ["E5", false, "independent living"],
    ["E6", false, "independent living"],
    ["E8", false, "care ended for another reason"],
    ["E17", false, "aged 18, stayed with their carers"],
    ["E3", false, "care taken over by another local authority"],
    ["E16", false, "moved abroad"],
    // Not in the labels: shown as the code, never guessed.
    ["E15", false, "E15"],
  ])("%s: previously looked after %s, read as %j", (code, pla, text) => {
    expect(isPreviouslyLookedAfter(code)).toBe(pla);
    expect(ceasedReasonOf(code)).toEqual({ code, text });
  });

  it.each([
    [" e45 ", { code: "E45", text: "special guardianship order" }, true],
    ["e4a", { code: "E4A", text: "returned home" }, false],
    // X1 only says a new episode followed the same day: not a reason for leaving care.
    ["X1", null, false],
    ["", null, false],
    [null, null, false],
  ] as const)("%j is read as %j", (code, reason, pla) => {
    expect(ceasedReasonOf(code)).toEqual(reason);
    expect(isPreviouslyLookedAfter(code)).toBe(pla);
  });

  it("the list holds the nine order codes and no other", () => {
    expect([...PREVIOUSLY_LOOKED_AFTER_REASONS].sort()).toEqual(
      ["E11", "E12", "E41", "E43", "E44", "E45", "E46", "E47", "E48"].sort(),
    );
  });
});

describe("careStatus carries the reason for leaving care", () => {
  it.each([
    ["adopted", "E11", { code: "E11", text: "adopted" }, true],
    ["special guardianship order", "E45", { code: "E45", text: "special guardianship order" }, true],
    ["returned home", "E4A", { code: "E4A", text: "returned home" }, false],
    ["left care at 18 to live independently", "E6", { code: "E6", text: "independent living" }, false],
    ["no reason recorded", null, null, false],
  ] as const)("%s", (_name, ceasedReason, reason, previouslyLookedAfter) => {
    expect(careStatus(record({ ceasedReason }), TODAY)).toEqual({
      kind: "left_care",
      since: "2024-01-15",
      ceasedOn: "2026-10-01",
      reason,
      previouslyLookedAfter,
    });
  });

  it("an end planned for tomorrow: looked after today, whatever the reason it will carry", () => {
    const status = careStatus(record({ ceasedLookedAfter: "2026-11-24", ceasedReason: "E11" }), TODAY);
    expect(status).toEqual({ kind: "looked_after", since: "2024-01-15", startKnown: true });
  });

  it("a record without the field (older callers) has no reason", () => {
    const { ceasedReason: _unset, ...old } = record();
    expect(careStatus(old, TODAY)).toMatchObject({ reason: null, previouslyLookedAfter: false });
  });
});

let line = 1;
const ep = (start: string, end: string | null, extra: Partial<Episode> = {}): Episode => ({
  line: ++line,
  start,
  end,
  rne: "P",
  rec: end === null ? "" : "X1",
  legalStatus: "C2",
  place: "U1",
  urn: null,
  ...extra,
});

describe("the import keeps the REC of the episode that ended the last period", () => {
  it.each<[string, Episode[], string | null, string | null]>([
    [
      "adopted after a placement change",
      [ep("2016-01-01", "2016-06-01"), ep("2016-06-01", "2017-02-28", { rec: "E11" })],
      "2017-02-28",
      "E11",
    ],
    ["an SGO", [ep("2016-01-01", "2018-03-31", { rne: "S", rec: "E45" })], "2018-03-31", "E45"],
    ["returned home", [ep("2016-01-01", "2016-09-30", { rne: "S", rec: "E4A" })], "2016-09-30", "E4A"],
    ["still looked after: no reason", [ep("2016-01-01", "2016-06-01"), ep("2016-06-01", null)], null, null],
    [
      "back in care after an adoption disrupted: the new period clears it",
      [ep("2015-01-05", "2016-06-30", { rne: "S", rec: "E11" }), ep("2020-02-03", null, { rne: "S" })],
      null,
      null,
    ],
    [
      "left care twice: the last period's reason",
      [
        ep("2015-01-05", "2016-06-30", { rne: "S", rec: "E4A" }),
        ep("2020-02-03", "2021-05-01", { rne: "S", rec: "E41" }),
      ],
      "2021-05-01",
      "E41",
    ],
    ["a period ended by a gap after X1: no reason", [ep("2016-01-01", "2016-06-01")], "2016-06-01", null],
    [
      "overlapping episodes: the one that ended the period",
      [ep("2016-01-01", "2016-06-01", { rne: "S" }), ep("2016-05-01", "2017-05-01", { rec: "E45" })],
      "2017-05-01",
      "E45",
    ],
  ])("%s", (_name, episodes, ceased, reason) => {
    const h = careHistory(episodes);
    expect(h.ceasedLookedAfter).toBe(ceased);
    expect(h.ceasedReason).toBe(reason);
  });
});
