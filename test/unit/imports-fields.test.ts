/** Parsing helpers the importers share: dates, SSDA903 SEX codes, yes/no, register marks. */
import { describe, expect, it } from "vitest";
import { attendanceRow } from "../../core/imports/attendance.js";
import { parseDate, parseSex, parseYesNo } from "../../core/imports/fields.js";

describe("parseDate", () => {
  it.each([
    ["27/03/2008", "2008-03-27"],
    ["1/9/2026", "2026-09-01"],
    ["29/02/2016", "2016-02-29"],
    ["29/02/2000", "2000-02-29"],
    ["2026-11-23", "2026-11-23"],
    ["31/12/2025", "2025-12-31"],
  ])("%s → %s", (text, iso) => {
    expect(parseDate(text)).toEqual({ ok: true, date: iso });
  });

  it.each([
    ["29/02/2017", "is not a real date"],
    ["29/02/1900", "is not a real date"],
    ["31/04/2020", "is not a real date"],
    ["2017-02-29", "is not a real date"],
    ["00/01/2020", "is not a real date"],
    ["13/13/2020", "is not a real date"],
    ["2020/01/01", "should be a date written dd/mm/yyyy"],
    ["27-03-2008", "should be a date written dd/mm/yyyy"],
    ["27/03/08", "should be a date written dd/mm/yyyy"],
    ["tomorrow", "should be a date written dd/mm/yyyy"],
  ])("%s is refused: %s", (text, reason) => {
    expect(parseDate(text)).toEqual({ ok: false, reason });
  });
});

describe("parseSex (SSDA903: 1/2 up to 2023-24, M/F/U from 2024-25)", () => {
  it.each([
    ["1", "M"],
    ["2", "F"],
    ["M", "M"],
    ["f", "F"],
    ["U", "U"],
    [" 2 ", "F"],
    ["0", null],
    ["9", null],
    ["X", null],
    ["", null],
  ])("%j → %j", (text, sex) => {
    expect(parseSex(text)).toBe(sex);
  });
});

describe("parseYesNo", () => {
  it.each([
    ["yes", true],
    ["Y", true],
    ["1", true],
    ["TRUE", true],
    ["no", false],
    ["n", false],
    ["0", false],
    ["", null],
    ["maybe", null],
  ])("%j → %j", (text, value) => {
    expect(parseYesNo(text)).toBe(value);
  });
});

describe("attendance rows", () => {
  const row = (code: string, extra: Record<string, string> = {}) =>
    attendanceRow.safeParse({ child: "C1", date: "23/11/2026", session: "am", code, ...extra });

  it.each([
    ["/", "/"],
    ["\\", "\\"],
    ["<", "C1"],
    [">", "C2"],
    ["?", "J1"],
    ["J", "J1"],
    ["a", "Y2"],
    ["n", "N"],
    ["Y7", "Y7"],
    ["#", "#"],
  ])("code %j is stored as %j", (code, stored) => {
    const parsed = row(code);
    expect(parsed.success && parsed.data).toEqual({ child: "C1", date: "2026-11-23", session: "AM", code: stored });
  });

  it.each(["XX", "-", "", "A"])("code %j is refused", (code) => {
    const parsed = row(code);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["code"]);
  });

  it("names every failing column", () => {
    const parsed = row("/", { child: "", date: "31/02/2026", session: "eve" });
    expect(parsed.error?.issues.map((i) => i.path[0]).sort()).toEqual(["child", "date", "session"]);
  });
});
