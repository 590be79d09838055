/**
 * A child's facts carry the most recent actions, newest first (ties on the instant: the
 * later written first), as many as asked: 5 by default (the status), 50 (the IRO brief),
 * 0 (a review's checks). The number is written into the statement (child.facts.sql.ts),
 * one variant per number, so each must still stop where asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/roles.js";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import { loadChildFacts } from "../../core/children/child.facts.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { buildSmallAuthority, type Fixture, TODAY } from "../support/factories.js";

describe("the recent actions in a child's facts", () => {
  let t: TestDb;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestDb("facts-actions");
    f = await buildSmallAuthority(t.db);
    // Seven actions; the 3rd and 4th at the same instant.
    const at = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06"];
    for (const [i, day] of at.entries()) {
      await t.db.actionLog.create({
        data: {
          childId: f.jordan.id,
          professionalId: f.sw1.id,
          at: new Date(`${day}T10:00:00Z`),
          text: `action ${i + 1}`,
          category: "note",
        },
      });
    }
  });
  afterAll(async () => t?.close());

  const facts = (actions?: number) => {
    const vsh: Actor = { id: f.vsh.id, role: "vsh", schoolId: null, name: f.vsh.name, channel: "api" };
    const options = actions === undefined ? {} : { actions };
    return loadChildFacts(t.db, createCalendarRepo(t.db, "999"), vsh, f.jordan.id, TODAY, options);
  };
  const texts = async (actions?: number) => (await facts(actions))?.actions.map((a) => a.text);

  it("stops where asked, newest first, the later written first on a tie", async () => {
    expect(await texts()).toEqual(["action 7", "action 6", "action 5", "action 4", "action 3"]);
    expect(await texts(2)).toEqual(["action 7", "action 6"]);
    expect(await texts(50)).toEqual([
      "action 7",
      "action 6",
      "action 5",
      "action 4",
      "action 3",
      "action 2",
      "action 1",
    ]);
    expect(await texts(0)).toEqual([]);
    // Again, after the other numbers: each number keeps its own statement.
    expect(await texts()).toHaveLength(5);
  });

  it("refuses a number of actions that is not a whole number", async () => {
    await expect(facts(1.5)).rejects.toThrow(RangeError);
    await expect(facts(-1)).rejects.toThrow(RangeError);
  });
});
