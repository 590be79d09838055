/**
 * registersClosedAt: an unmarked register counts as a concern from REGISTERS_CLOSED_HOUR
 * (10:00) on England's clock, to the millisecond on both sides, in GMT and in BST, and on
 * the days the clocks change.
 */
import { describe, expect, it } from "vitest";
import { REGISTERS_CLOSED_HOUR, registersClosedAt } from "../../core/alerts/scan.js";

describe("registersClosedAt", () => {
  it("closes at 10:00", () => {
    expect(REGISTERS_CLOSED_HOUR).toBe(10);
  });

  it.each([
    // Winter, GMT: England's clock is UTC.
    ["2026-11-23T09:59:59.999Z", false, "09:59:59.999 GMT"],
    ["2026-11-23T10:00:00.000Z", true, "10:00 GMT"],
    ["2026-11-23T23:59:59.999Z", true, "23:59 GMT"],
    ["2026-11-24T00:00:00.000Z", false, "midnight GMT: a new day, not yet closed"],
    // Summer, BST: England is an hour ahead of UTC.
    ["2027-06-14T08:59:59.999Z", false, "09:59:59.999 BST"],
    ["2027-06-14T09:00:00.000Z", true, "10:00 BST (09:00 UTC)"],
    ["2027-06-14T09:30:00.000Z", true, "10:30 BST (09:30 UTC)"],
    ["2027-06-14T23:30:00.000Z", false, "00:30 BST the next day (23:30 UTC)"],
    // The clocks go forward at 01:00 GMT on 28 Mar 2027 and back at 01:00 GMT on 31 Oct 2027.
    ["2027-03-28T08:59:59.999Z", false, "09:59 BST on the day the clocks go forward"],
    ["2027-03-28T09:00:00.000Z", true, "10:00 BST on the day the clocks go forward"],
    ["2027-10-31T09:59:59.999Z", false, "09:59 GMT on the day the clocks go back"],
    ["2027-10-31T10:00:00.000Z", true, "10:00 GMT on the day the clocks go back"],
  ])("%s → %s (%s)", (instant, closed) => {
    expect(registersClosedAt(new Date(instant))).toBe(closed);
  });
});
