/**
 * A demo seeded before the registers close gets today's marks as each register closes
 * (writeClosedRegisters): the marks the seed would have written had it run then, none
 * before, none twice, and a mark already given is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import type { Db } from "../../core/platform/db.js";
import { seedDemo, writeClosedRegisters } from "../../prisma/seed/index.js";
import { createTestDb, type TestDb } from "../support/db.js";

const LA = "999";
const TODAY = "2026-11-23"; // a Monday in the autumn term
const at = (time: string) => fixedClock(TODAY, time).now();
const open: TestDb[] = [];

async function seeded(name: string, time: string): Promise<Db> {
  const t = await createTestDb(name);
  open.push(t);
  await seedDemo(t.db, { today: TODAY, laCode: LA, now: at(time) });
  return t.db;
}

/** Today's marks as comparable text, in a fixed order. */
async function todays(db: Db, session: "AM" | "PM"): Promise<string[]> {
  const rows = await db.attendanceMark.findMany({
    where: { date: TODAY, session },
    orderBy: { childId: "asc" },
    select: { childId: true, code: true, schoolId: true },
  });
  return rows.map((r) => `${r.childId}:${r.code}@${r.schoolId}`);
}

afterAll(async () => {
  await Promise.all(open.map((t) => t.close()));
});

describe("today's registers after a demo seeded before they close", () => {
  let early: Db;
  let late: Db;
  beforeAll(async () => {
    early = await seeded("seed-early", "08:15");
    late = await seeded("seed-late", "14:00");
  }, 60_000);

  it("writes nothing while the morning register is open", async () => {
    const before = await early.attendanceMark.count({ where: { date: TODAY } });
    expect(await writeClosedRegisters(early, { today: TODAY, laCode: LA, now: at("09:29") })).toBe(0);
    expect(await early.attendanceMark.count({ where: { date: TODAY } })).toBe(before);
  });

  it("writes each session once its register has closed, as a seed run then would have, once only", async () => {
    const lateAm = await todays(late, "AM");
    expect(lateAm.length).toBeGreaterThan(200);
    // A designated teacher's answer before the feed arrived stands.
    const [first] = await early.child.findMany({ orderBy: { id: "asc" }, take: 1, include: { enrolments: true } });
    const schoolId = first?.enrolments.find((e) => e.toDate === null)?.schoolId ?? null;
    await early.attendanceMark.create({
      data: { childId: first?.id ?? 0, date: TODAY, session: "AM", code: "L", schoolId },
    });

    expect(await writeClosedRegisters(early, { today: TODAY, laCode: LA, now: at("09:30") })).toBe(lateAm.length - 1);
    const am = await todays(early, "AM");
    expect(am.filter((m) => !lateAm.includes(m))).toEqual([`${first?.id}:L@${schoolId}`]);
    expect(await todays(early, "PM")).toEqual([]);

    expect(await writeClosedRegisters(early, { today: TODAY, laCode: LA, now: at("12:00") })).toBe(0);
    const written = await writeClosedRegisters(early, { today: TODAY, laCode: LA, now: at("13:45") });
    expect(written).toBe((await todays(late, "PM")).length);
    expect(await todays(early, "PM")).toEqual(await todays(late, "PM"));
  });
});
