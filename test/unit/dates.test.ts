/**
 * The date helpers (core/platform/dates.ts) work on the characters and on day numbers
 * rather than through Date objects, for speed; here they are held to what Date says, day
 * by day over two centuries, and England's UTC offset (remembered per hour) to what Intl
 * says, hour by hour, minute by minute around the changes of the clocks.
 */
import { describe, expect, it } from "vitest";
import {
  addDays,
  dayOfWeek,
  daysBetween,
  isIsoDate,
  londonDateOf,
  londonInstant,
  londonOffsetMinutes,
  londonTimeOfDayMs,
} from "../../core/platform/dates.js";

const DAY_MS = 86_400_000;

/** What Date says: the ISO date of an instant, and whether a string round-trips as a real date. */
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
function realByDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** England's offset as Intl gives it, worked out afresh for every instant. */
const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
});
function offsetByIntl(at: Date): number {
  const parts = PARTS.formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

describe("dates as strings, against Date", () => {
  it("addDays, daysBetween and dayOfWeek agree with Date every day from 1900 to 2100", () => {
    const start = Date.UTC(1900, 0, 1);
    const end = Date.UTC(2100, 11, 31);
    const wrong: unknown[] = [];
    for (let ms = start; ms <= end; ms += DAY_MS) {
      const date = dateOf(ms);
      const ours = [
        addDays("1900-01-01", (ms - start) / DAY_MS),
        addDays(date, 1),
        addDays(date, -1),
        daysBetween("2000-01-01", date),
        dayOfWeek(date),
      ];
      const dates = [date, dateOf(ms + DAY_MS), dateOf(ms - DAY_MS), (ms - Date.UTC(2000, 0, 1)) / DAY_MS];
      if (ours.join() !== [...dates, new Date(ms).getUTCDay()].join()) wrong.push({ date, ours });
    }
    expect(wrong).toEqual([]);
  });

  it("years outside four digits are written as Date writes them", () => {
    expect(addDays("9999-12-31", 1)).toBe(dateOf(Date.UTC(9999, 11, 31) + DAY_MS));
    expect(addDays("0100-01-01", 0)).toBe("0100-01-01");
    expect(addDays("1000-01-01", -1)).toBe("0999-12-31");
  });

  it("isIsoDate accepts exactly the strings Date reads back as the same date", () => {
    const samples = [
      "2024-02-29",
      "2025-02-29",
      "2000-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-12-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
      "2026-1-01",
      "2026-01-1",
      " 2026-01-01",
      "2026-01-01 ",
      "2026/01/01",
      "0099-01-01",
      "0100-01-01",
      "9999-12-31",
      "abcd-ef-gh",
      "",
    ];
    for (let month = 1; month <= 12; month++)
      for (let day = 27; day <= 32; day++) samples.push(`2023-${String(month).padStart(2, "0")}-${day}`);
    for (const s of samples) expect([s, isIsoDate(s)]).toEqual([s, realByDate(s)]);
  });

  it("refuses what is not a date, as before", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => daysBetween("x", "2026-01-01")).toThrow(RangeError);
  });
});

describe("England's offset, remembered per hour", () => {
  it("agrees with Intl every hour from 2024 to 2027, and every minute around each change", () => {
    const instants: Date[] = [];
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 3_600_000) instants.push(new Date(ms));
    // The clocks change at 01:00 UTC on the last Sundays of March and October.
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
      for (let ms = change - 3_600_000; ms < change + 3_600_000; ms += 60_000)
        instants.push(new Date(ms), new Date(ms + 59_999));
    }
    const wrong = instants
      .map((at) => [at.toISOString(), londonOffsetMinutes(at), offsetByIntl(at)])
      .filter(([, ours, intl]) => ours !== intl);
    expect(wrong).toEqual([]);
    expect(instants.length).toBeGreaterThan(35_000);
  });

  it("dates and times of day in England follow it", () => {
    expect(londonOffsetMinutes(new Date("2026-03-29T00:59:59.999Z"))).toBe(0);
    expect(londonOffsetMinutes(new Date("2026-03-29T01:00:00.000Z"))).toBe(60);
    expect(londonOffsetMinutes(new Date("2026-10-25T00:59:59.999Z"))).toBe(60);
    expect(londonOffsetMinutes(new Date("2026-10-25T01:00:00.000Z"))).toBe(0);
    expect(londonDateOf(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(londonTimeOfDayMs(new Date("2026-06-30T23:30:00Z"))).toBe(30 * 60_000);
    expect(londonInstant("2026-07-01", 9 * 3_600_000).toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(londonInstant("2026-12-01", 9 * 3_600_000).toISOString()).toBe("2026-12-01T09:00:00.000Z");
  });
});
