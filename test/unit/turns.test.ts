/** Long synchronous work lets the event loop turn between batches (core/platform/turns.ts). */
import { describe, expect, it } from "vitest";
import { forEachInTurns } from "../../core/platform/turns.js";

describe("forEachInTurns", () => {
  it("visits every item in order and lets waiting callbacks run between batches, not within one", async () => {
    const seen: string[] = [];
    // Queued before the work starts: runs at the loop's first turn.
    setImmediate(() => seen.push("turn"));
    await forEachInTurns([1, 2, 3, 4, 5], 2, (item, index) => seen.push(`${index}:${item}`));
    expect(seen).toEqual(["0:1", "1:2", "turn", "2:3", "3:4", "4:5"]);
  });

  it("does not wait for a turn when all fits in one batch", async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push("turn"));
    await forEachInTurns(["a", "b"], 2, (item) => seen.push(item));
    expect(seen).toEqual(["a", "b"]);
  });
});
