/**
 * The brief's weeks: a past week shows its rate or "no school" (half-term); the week of
 * the brief's day is still being written, so it says what its rate rests on.
 */
import { describe, expect, it } from "vitest";
import { weekRate } from "../../cards/views/child-views.js";

const week = (weekStart: string, possible: number, attended: number) => ({
  weekStart,
  possibleSessions: possible,
  attendedSessions: attended,
  attendanceRate: possible > 0 ? attended / possible : null,
});

describe("a week's rate on the IRO brief", () => {
  it.each([
    // Mon 30 Nov 2026; the week began that day.
    ["a past week", week("2026-11-23", 10, 8), "2026-11-30", "80.0%"],
    ["a past week without school (half-term)", week("2026-10-26", 0, 0), "2026-11-30", "no school"],
    ["this week, one session absent", week("2026-11-30", 1, 0), "2026-11-30", "0.0% so far, 1 session"],
    ["this week, Wednesday", week("2026-11-30", 5, 4), "2026-12-02", "80.0% so far, 5 sessions"],
    ["this week, before the first register", week("2026-11-30", 0, 0), "2026-11-30", "no marks yet"],
    ["a Sunday still belongs to its week", week("2026-11-30", 10, 10), "2026-12-06", "100.0% so far, 10 sessions"],
  ])("%s", (_what, w, asOf, shown) => {
    expect(weekRate(w, asOf)).toBe(shown);
  });
});
