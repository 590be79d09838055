/**
 * A child's facts carry this school year's register marks up to today exactly as stored,
 * in session order. The statement sends each mark as one text (date, session and code:
 * child.facts.sql.ts), so a code that is blank, a symbol, lower case, retired, or holds the
 * separator itself must come back unchanged, on both engines; and the rules read the
 * same marks as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/access/roles.js";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import { loadChildFacts } from "../../core/children/child.facts.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { buildSmallAuthority, type Fixture, TODAY } from "../support/factories.js";

/** Odd codes on summer-holiday days the fixture leaves unmarked (1 August starts the school year). */
const ODD = [
  { date: "2026-08-03", session: "AM", code: "" },
  { date: "2026-08-03", session: "PM", code: " " },
  { date: "2026-08-04", session: "AM", code: "-" },
  { date: "2026-08-04", session: "PM", code: "n" },
  { date: "2026-08-05", session: "AM", code: "J" },
  { date: "2026-08-05", session: "PM", code: "a|b|c" },
  { date: "2026-08-06", session: "AM", code: 'Y7"\\é' },
  { date: "2026-08-06", session: "PM", code: "|" },
];

describe("the register marks in a child's facts", () => {
  let t: TestDb;
  let f: Fixture;
  beforeAll(async () => {
    t = await createTestDb("facts-marks");
    f = await buildSmallAuthority(t.db);
    // Stored out of session order, so only the statement's order can put them in it.
    for (const mark of [...ODD].reverse())
      await t.db.attendanceMark.create({ data: { childId: f.jordan.id, ...mark } });
    // Ordinary marks in term, and two outside the range: last school year's, and tomorrow's.
    for (const [date, session, code] of [
      ["2026-11-03", "PM", "\\"],
      ["2026-11-02", "AM", "/"],
      ["2026-11-02", "PM", "N"],
      ["2026-07-20", "AM", "/"],
      ["2026-11-24", "AM", "/"],
    ] as const)
      await t.db.attendanceMark.create({ data: { childId: f.jordan.id, date, session, code } });
  });
  afterAll(async () => t?.close());

  const facts = () => {
    const vsh: Actor = { id: f.vsh.id, role: "vsh", schoolId: null, name: f.vsh.name, channel: "api" };
    return loadChildFacts(t.db, createCalendarRepo(t.db, "999"), vsh, f.jordan.id, TODAY);
  };

  it("come back as stored, whatever the code holds, in session order", async () => {
    const marks = (await facts())?.marks ?? [];
    expect(marks.filter((m) => m.date < "2026-08-07")).toEqual(ODD);
  });

  it("are every stored mark of the school year up to today, each once, in session order", async () => {
    const marks = (await facts())?.marks ?? [];
    const stored = await t.db.attendanceMark.findMany({
      where: { childId: f.jordan.id, date: { gte: "2026-08-01", lte: TODAY } },
      select: { date: true, session: true, code: true },
      orderBy: [{ date: "asc" }, { session: "asc" }],
    });
    expect(stored).toHaveLength(ODD.length + 3);
    expect(marks).toEqual(stored);
  });
});
