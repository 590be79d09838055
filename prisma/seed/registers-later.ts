/**
 * Today's registers that close after the demo was seeded. The seed writes no mark for a
 * register still open (a school sends a session's marks once its register has closed),
 * so a demo seeded at 08:15 would show every child unmarked once 09:30 passes. Called at
 * or after each closing time on the day the demo was seeded, this writes the marks the
 * seed would have written had it run then: the same plan, so the same codes. A mark
 * already there (a school's, or one a designated teacher gave on an alert card) is kept.
 */
import type { IsoDate } from "../../core/platform/dates.js";
import type { Db } from "../../core/platform/db.js";
import type { Policy } from "../../core/policy.js";
import { planDemo } from "./plan.js";

export type LaterRegisterOptions = {
  /** The day the demo was seeded for (its `today`): the plan must be the seeded one. */
  today: IsoDate;
  laCode: string;
  /** The Clock's `now()`: the sessions whose register has closed by then are written. */
  now: Date;
  policy?: Policy;
};

/** Writes today's marks for the registers closed by `now`; returns how many were new. */
export async function writeClosedRegisters(db: Db, opts: LaterRegisterOptions): Promise<number> {
  const plan = planDemo(opts.today, opts.laCode, { now: opts.now, policy: opts.policy });
  const marks = plan.marks.filter((m) => m.date === opts.today);
  if (marks.length === 0) return 0;
  const children = await db.child.findMany({ select: { id: true, localId: true } });
  const schools = await db.school.findMany({ select: { id: true, urn: true } });
  const childId = new Map(children.map((c) => [c.localId, c.id]));
  const schoolId = new Map(schools.map((s) => [s.urn, s.id]));
  return db.$transaction(async (tx) => {
    let written = 0;
    for (const m of marks) {
      const child = childId.get(plan.children[m.child]?.localId ?? "");
      const school = schoolId.get(plan.schools[m.school]?.urn ?? "");
      if (child === undefined || school === undefined) continue;
      // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a mark already given stands.
      written += await tx.$executeRaw`
        INSERT INTO "AttendanceMark" ("childId", "date", "session", "code", "schoolId")
        VALUES (${child}, ${m.date}, ${m.session}, ${m.code}, ${school}) ON CONFLICT DO NOTHING`;
    }
    return written;
  });
}
