/** A register mark on a card (cards/views/session-marks.ts): present as a word, any other code with its meaning. */
import { describe, expect, it } from "vitest";
import { sessionMark } from "../../cards/views/session-marks.js";

describe("sessionMark", () => {
  it.each([
    ["AM", "/", "AM present"],
    ["PM", "\\", "PM present"],
    ["AM", "N", "AM N (reason not yet established)"],
    ["PM", "L", "PM L (late, arrived before the register closed)"],
    ["AM", "I", "AM I (illness (not a medical or dental appointment))"],
    // Not a code of the national set: shown as it came.
    ["PM", "9", "PM 9"],
  ])("%s %s → %s", (session, code, shown) => {
    expect(sessionMark(session, code)).toBe(shown);
  });
});
