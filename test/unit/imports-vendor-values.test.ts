/** How vendors' words for terms, statuses, ratings, money and exclusion categories are read. */
import { describe, expect, it } from "vitest";
import { looseName } from "../../core/imports/columns.js";
import { parseExclusionCategory } from "../../core/imports/exclusion-rows.js";
import { parsePence, parsePepRag, parsePepStatus, parsePepTerm, splitTargets } from "../../core/imports/pep-values.js";

describe("PEP terms", () => {
  it.each([
    ["2026-autumn", "2026-autumn"],
    ["2026 Spring", "2026-spring"],
    ["Autumn 2026", "2026-autumn"],
    ["Spring 2027", "2026-spring"],
    ["Summer Term 2027", "2026-summer"],
    ["autumn term 2026 PEP", "2026-autumn"],
    ["Spring 2026/27", "2026-spring"],
    ["2026-27 Summer", "2026-summer"],
    ["Aut 2026", "2026-autumn"],
    ["Initial", "initial"],
    ["initial PEP", "initial"],
  ])("%s is %s", (text, term) => {
    expect(parsePepTerm(text)).toBe(term);
  });

  it.each(["", "Autumn", "2026", "Spring 2026/28", "Autumn 2026 review", "Winter 2026", "Spring 1"])(
    "%j is not a term",
    (text) => {
      expect(parsePepTerm(text)).toBeNull();
    },
  );
});

describe("PEP statuses and ratings", () => {
  it.each([
    ["Quality Assured", "quality_assured"],
    ["quality_assured", "quality_assured"],
    ["QA'd", "quality_assured"],
    ["Not Started", "not_started"],
    ["not_started", "not_started"],
    ["Meeting booked", "booked"],
    ["In progress", "draft"],
    ["Awaiting QA", "submitted"],
    ["Returned for changes", "returned"],
    ["COMPLETED", "complete"],
    ["held", "held"],
  ])("%s is %s", (text, status) => {
    expect(parsePepStatus(text)).toBe(status);
  });

  it("an unknown status is null", () => {
    expect(parsePepStatus("Awaiting sign-off")).toBeNull();
    expect(parsePepStatus("")).toBeNull();
  });

  it.each([
    ["Green", "green"],
    ["G", "green"],
    ["amber", "amber"],
    ["Requires improvement", "amber"],
    ["R", "red"],
    ["Purple", null],
  ])("rating %s is %s", (text, rag) => {
    expect(parsePepRag(text)).toBe(rag);
  });
});

describe("money and targets", () => {
  it.each([
    ["£1,250.00", 125_000],
    ["1250.5", 125_050],
    ["£ 300", 30_000],
    ["0", 0],
    ["12,345,678", 1_234_567_800],
    ["12.345", null],
    ["-50", null],
    ["1,25", null],
    ["fifty", null],
    ["", null],
  ])("%j is %s pence", (text, pence) => {
    expect(parsePence(text)).toBe(pence);
  });

  it("splits targets on semicolons and line breaks, dropping bullets and blanks", () => {
    expect(splitTargets("Read daily; Times tables\n- Join a club\r\n• Attend 96%;;")).toBe(
      "Read daily\nTimes tables\nJoin a club\nAttend 96%",
    );
    expect(splitTargets(" ; ")).toBeNull();
  });
});

describe("exclusion categories and column names", () => {
  it.each([
    ["FIXD", "suspension"],
    ["Fixed term", "suspension"],
    ["suspension", "suspension"],
    ["LNCH", "suspension"],
    ["PERM", "permanent"],
    ["Permanent exclusion", "permanent"],
  ])("%s is a %s", (text, kind) => {
    expect(parseExclusionCategory(text)?.kind).toBe(kind);
  });

  it("an unknown category is null", () => {
    expect(parseExclusionCategory("expelled")).toBeNull();
  });

  it("column names match whatever their case, spacing and punctuation", () => {
    expect(looseName("PP+ Amount (£)")).toBe(looseName("pp+ amount"));
    expect(looseName("StartDate")).toBe(looseName("start date"));
    expect(looseName("LA_CHILD_ID")).toBe(looseName("la child id"));
    expect(looseName("UPN")).not.toBe(looseName("URN"));
  });
});
