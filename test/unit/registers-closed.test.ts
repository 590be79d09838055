/**
 * registersClosedAt: each register closes at its own time on England's clock (the policy's
 * registerMorningClosesAt 09:30 and registerAfternoonClosesAt 13:45 by default), to the
 * millisecond on both sides, in GMT and in BST, and on the days the clocks change; an
 * authority's own times move them. The scan's input (true, false or by session) reads as
 * the same two facts.
 */
import { describe, expect, it } from "vitest";
import { asRegistersClosed, registersClosedAt, registersClosedInput } from "../../core/attendance/registers.js";
import { defaultPolicy, policySchema } from "../../core/policy.js";

describe("registersClosedAt", () => {
  it("reads the policy's defaults: 09:30 and 13:45", () => {
    expect([defaultPolicy.registerMorningClosesAt, defaultPolicy.registerAfternoonClosesAt]).toEqual([
      "09:30",
      "13:45",
    ]);
  });

  it.each([
    // Winter, GMT: England's clock is UTC.
    ["2026-11-23T00:00:00.000Z", false, false, "midnight GMT: a new day, nothing closed"],
    ["2026-11-23T09:29:59.999Z", false, false, "09:29:59.999 GMT"],
    ["2026-11-23T09:30:00.000Z", true, false, "09:30 GMT: the morning closes"],
    ["2026-11-23T13:44:59.999Z", true, false, "13:44:59.999 GMT"],
    ["2026-11-23T13:45:00.000Z", true, true, "13:45 GMT: the afternoon closes"],
    ["2026-11-23T23:59:59.999Z", true, true, "23:59 GMT"],
    // Summer, BST: England is an hour ahead of UTC.
    ["2027-06-14T08:29:59.999Z", false, false, "09:29:59.999 BST"],
    ["2027-06-14T08:30:00.000Z", true, false, "09:30 BST (08:30 UTC)"],
    ["2027-06-14T12:44:59.999Z", true, false, "13:44:59.999 BST"],
    ["2027-06-14T12:45:00.000Z", true, true, "13:45 BST (12:45 UTC)"],
    ["2027-06-14T23:30:00.000Z", false, false, "00:30 BST the next day (23:30 UTC)"],
    // A Saturday: the clock does not know the calendar (the rules ask it whether today is a school day).
    ["2026-11-28T14:00:00.000Z", true, true, "14:00 on a Saturday"],
    // The clocks go forward at 01:00 GMT on 28 Mar 2027 and back at 01:00 GMT on 31 Oct 2027.
    ["2027-03-28T08:29:59.999Z", false, false, "09:29 BST on the day the clocks go forward"],
    ["2027-03-28T08:30:00.000Z", true, false, "09:30 BST on the day the clocks go forward"],
    ["2027-10-31T13:44:59.999Z", true, false, "13:44 GMT on the day the clocks go back"],
    ["2027-10-31T13:45:00.000Z", true, true, "13:45 GMT on the day the clocks go back"],
  ])("%s → am %s, pm %s (%s)", (instant, am, pm) => {
    expect(registersClosedAt(new Date(instant), defaultPolicy)).toEqual({ am, pm });
  });

  it.each([
    ["2026-11-23T08:59:59.999Z", false, false],
    ["2026-11-23T09:00:00.000Z", true, false],
    ["2026-11-23T13:14:59.999Z", true, false],
    ["2026-11-23T13:15:00.000Z", true, true],
  ])("an authority's own times (09:00, 13:15): %s → am %s, pm %s", (instant, am, pm) => {
    const policy = policySchema.parse({ registerMorningClosesAt: "09:00", registerAfternoonClosesAt: "13:15" });
    expect(registersClosedAt(new Date(instant), policy)).toEqual({ am, pm });
  });
});

describe("the scan's input", () => {
  it.each([
    [true, { am: true, pm: true }],
    [false, { am: false, pm: false }],
    [
      { am: true, pm: false },
      { am: true, pm: false },
    ],
  ])("%j reads as %j", (input, closed) => {
    expect(asRegistersClosed(registersClosedInput.parse(input))).toEqual(closed);
  });

  it.each([["yes"], [{ am: true }], [{ am: true, pm: false, evening: true }]])("refuses %j", (input) => {
    expect(registersClosedInput.safeParse(input).success).toBe(false);
  });
});
