/** Values the two engines hand back differently, read the same (core/platform/sql/values.ts). */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flag, instant, jsonArray } from "../../core/platform/sql/values.js";

describe("instant", () => {
  it.each([
    ["SQLite's Prisma text", "2026-11-30T09:15:00.123+00:00", "2026-11-30T09:15:00.123Z"],
    ["an offset elsewhere", "2026-06-30T10:15:00.000+01:00", "2026-06-30T09:15:00.000Z"],
    ["PostgreSQL JSON, no zone: UTC", "2026-06-30T09:15:00.5", "2026-06-30T09:15:00.500Z"],
    ["PostgreSQL read as UTC", "2026-03-29T00:59:00.000Z", "2026-03-29T00:59:00.000Z"],
    ["epoch milliseconds", Date.UTC(2027, 0, 1), "2027-01-01T00:00:00.000Z"],
    ["a Date", new Date(Date.UTC(2026, 11, 31, 23, 59)), "2026-12-31T23:59:00.000Z"],
  ])("reads %s", (_, value, iso) => {
    expect(instant.parse(value)).toBe(iso);
  });
  it("refuses what is not an instant", () => {
    expect(() => instant.parse(null)).toThrow();
  });
});

describe("jsonArray and flag", () => {
  const rows = jsonArray(z.object({ a: z.number(), on: flag }));
  it("parses SQLite's text and takes PostgreSQL's parsed value alike", () => {
    expect(rows.parse('[{"a":1,"on":1},{"a":2,"on":0}]')).toEqual([
      { a: 1, on: true },
      { a: 2, on: false },
    ]);
    expect(rows.parse([{ a: 1, on: true }])).toEqual([{ a: 1, on: true }]);
    expect(rows.parse("[]")).toEqual([]);
  });
  it("says what is wrong with bad JSON or a wrong shape", () => {
    expect(() => rows.parse("[{")).toThrow(/not JSON/);
    expect(() => rows.parse('[{"a":"x","on":1}]')).toThrow();
  });
});
