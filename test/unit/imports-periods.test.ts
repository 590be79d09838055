/** Periods of care from SSDA903 episodes: the rules in core/imports/ssda903/periods.ts. */
import { describe, expect, it } from "vitest";
import { careHistory, type Episode, periodsOfCare, startsNewPeriod } from "../../core/imports/ssda903/periods.js";

let line = 1;
/** An episode from `start` to `end` (null = open); REC X1 by default, as in a continuing period. */
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

describe("startsNewPeriod", () => {
  const prev = ep("2016-01-01", "2016-06-01");
  it.each<[string, Episode, Episode, boolean]>([
    ["a same-day change (X1) continues", prev, ep("2016-06-01", null), false],
    ["a gap starts a new period", prev, ep("2016-06-02", null), true],
    ["a leaving reason (E-code) starts a new period", { ...prev, rec: "E11" }, ep("2016-06-01", null), true],
    ["RNE S (started to be looked after) starts a new period", prev, ep("2016-06-01", null, { rne: "S" }), true],
    ["a closed episode without REC, same day, continues", { ...prev, rec: "" }, ep("2016-06-01", null), false],
    ["an overlap continues", prev, ep("2016-05-01", null), false],
  ])("%s", (_label, a, b, expected) => {
    expect(startsNewPeriod(a, b)).toBe(expected);
  });
});

describe("careHistory", () => {
  it("one open episode: looked after since it began", () => {
    const h = careHistory([ep("2017-08-14", null, { legalStatus: "V2" })]);
    expect(h).toMatchObject({ lookedAfterNow: true, lookedAfterSince: "2017-08-14", ceasedLookedAfter: null });
    expect(h.legalStatus).toBe("V2");
  });

  it("a chain of same-day changes is one period; the first episode dates it", () => {
    const h = careHistory([ep("2017-05-09", null), ep("2016-04-26", "2017-05-09", { legalStatus: "L1" })]);
    expect(h.periods).toHaveLength(1);
    expect(h).toMatchObject({ lookedAfterNow: true, lookedAfterSince: "2016-04-26", legalStatus: "C2" });
    expect(h.episodes.map((e) => e.start)).toEqual(["2016-04-26", "2017-05-09"]);
  });

  it("a return to care after leaving starts the current period", () => {
    const h = careHistory([
      ep("2015-02-01", "2015-12-01", { rec: "E11" }),
      ep("2016-03-01", "2016-09-01"),
      ep("2016-09-01", null),
    ]);
    expect(h.periods.map((p) => [p.start, p.end])).toEqual([
      ["2015-02-01", "2015-12-01"],
      ["2016-03-01", null],
    ]);
    expect(h).toMatchObject({ lookedAfterNow: true, lookedAfterSince: "2016-03-01", ceasedLookedAfter: null });
  });

  it("no open episode: ceased when the last period ended", () => {
    const h = careHistory([ep("2016-01-01", "2016-06-01"), ep("2016-06-01", "2017-02-28", { rec: "E4A" })]);
    expect(h).toMatchObject({ lookedAfterNow: false, lookedAfterSince: "2016-01-01", ceasedLookedAfter: "2017-02-28" });
  });

  it("two open episodes: the latest is kept, the earlier refused by line", () => {
    const earlier = ep("2017-06-23", null);
    const later = ep("2018-03-25", null);
    const h = careHistory([ep("2015-11-01", "2017-06-23"), earlier, ep("2018-02-14", "2018-03-25"), later]);
    expect(h.episodes).not.toContain(earlier);
    expect(h.issues).toEqual([
      expect.objectContaining({
        line: earlier.line,
        field: "dec",
        rejected: true,
        message: expect.stringMatching(/another open episode/),
      }),
    ]);
    expect(h).toMatchObject({ lookedAfterNow: true, lookedAfterSince: "2018-02-14" });
  });

  it("an open episode followed by a closed one is kept and flagged: still looked after", () => {
    const open = ep("2017-08-30", null);
    const h = careHistory([open, ep("2017-12-16", "2018-03-01")]);
    expect(h.episodes).toContain(open);
    expect(h.issues).toEqual([expect.objectContaining({ line: open.line, rejected: false })]);
    expect(h).toMatchObject({ lookedAfterNow: true, lookedAfterSince: "2017-08-30", ceasedLookedAfter: null });
  });

  it("two episodes starting the same day: the later line is refused", () => {
    const first = ep("2017-01-01", "2017-02-01");
    const second = ep("2017-01-01", null);
    const h = careHistory([second, first]);
    expect(h.episodes).toEqual([first]);
    expect(h.issues).toEqual([expect.objectContaining({ line: second.line, field: "decom", rejected: true })]);
  });

  it("an episode starting before the previous one ended is flagged, not refused", () => {
    const next = ep("2018-01-11", "2018-03-25", { rne: "S" });
    const h = careHistory([ep("2017-03-11", "2018-03-10", { rec: "E14" }), next]);
    expect(h.episodes).toHaveLength(2);
    expect(h.issues).toEqual([expect.objectContaining({ line: next.line, field: "decom", rejected: false })]);
    expect(periodsOfCare(h.episodes)).toHaveLength(2);
  });

  it("no episodes: nothing known", () => {
    expect(careHistory([])).toMatchObject({ lookedAfterNow: false, lookedAfterSince: null, legalStatus: null });
  });
});

describe("careHistory: whether the file holds the start of care", () => {
  it.each<[string, Episode[], string | null, boolean]>([
    [
      "the first episode starts care (RNE S): the start is known",
      [ep("2017-01-09", null, { rne: "S" })],
      "2017-01-09",
      true,
    ],
    [
      "the first episode continues a period (RNE P): on or before its DECOM",
      [ep("2017-01-09", "2017-05-01"), ep("2017-05-01", null)],
      "2017-01-09",
      false,
    ],
    ["a change of legal status only (RNE L) first", [ep("2017-01-09", null, { rne: "L" })], "2017-01-09", false],
    [
      "a return to care after leaving, later in the file: dated by the file",
      [ep("2015-02-01", "2015-12-01", { rec: "E11" }), ep("2016-03-01", null, { rne: "S" })],
      "2016-03-01",
      true,
    ],
    [
      "a return to care after a gap, even without RNE S",
      [ep("2015-02-01", "2015-12-01"), ep("2016-03-01", null)],
      "2016-03-01",
      true,
    ],
    [
      "left care in the file, the period begun before it",
      [ep("2016-01-01", "2016-06-01"), ep("2016-06-01", "2017-02-28", { rec: "E4A" })],
      "2016-01-01",
      false,
    ],
    [
      "the first line refused (same day as another): the kept episode decides",
      [ep("2017-01-09", null, { rne: "P" }), ep("2017-01-09", "2017-03-01", { rne: "S" })],
      "2017-01-09",
      false,
    ],
    ["no episodes kept", [], null, true],
  ])("%s", (_label, episodes, since, known) => {
    expect(careHistory(episodes)).toMatchObject({ lookedAfterSince: since, careStartKnown: known });
  });
});
