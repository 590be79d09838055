/**
 * Out-of-area schools keep their own authority's term dates: the status card, the
 * caseload and the scan all count a child's school days on the calendar of the school the
 * child attends, falling back to the home authority's only when none is loaded for it
 * (and the card says so). The card over real HTTP, the scan in process over the same
 * database, on Monday 7 December 2026.
 *
 * | child | school                      | calendar                 | autumn PEP due (last school day) |
 * | Kai   | Riverside (LA 886)          | 886's: autumn ends Wed 16 Dec | 16 Dec 2026                 |
 * | Mia   | Oakfield (home LA 999)      | 999's: autumn ends Fri 18 Dec | 18 Dec 2026                 |
 * | Noah  | Hillside (LA 888, no dates) | 999's standing in        | 18 Dec 2026, with a note          |
 * | Ola   | Brookside (LA 887, only 2025-26 loaded: stale) | 999's standing in | 18 Dec 2026, with a note |
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../core/alerts/scan.js";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import { fixedClock } from "../../core/platform/clock.js";
import { defaultPolicy } from "../../core/policy.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { recordingQueue } from "../support/queue-stub.js";

const TODAY = "2026-12-07";
const HOME = "999";
const EMAIL = { vsh: "vsh@terms.local" };

let t: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp({ today: TODAY, env: { AUTHORITY_LA_CODE: HOME } });
  const db = t.database.db;
  const terms = (la: string, autumnStart: string, autumnEnd: string, halfTerm: [string, string]) => [
    { laCode: la, kind: "term", name: "2026-summer-prev", startDate: "2026-04-13", endDate: "2026-07-22" },
    { laCode: la, kind: "term", name: "2026-autumn", startDate: autumnStart, endDate: autumnEnd },
    { laCode: la, kind: "term", name: "2026-spring", startDate: "2027-01-05", endDate: "2027-03-26" },
    { laCode: la, kind: "closure", name: "October half-term", startDate: halfTerm[0], endDate: halfTerm[1] },
  ];
  await db.schoolCalendar.createMany({
    data: [
      ...terms(HOME, "2026-09-02", "2026-12-18", ["2026-10-26", "2026-10-30"]),
      ...terms("886", "2026-09-03", "2026-12-16", ["2026-10-19", "2026-10-23"]),
      // Last school year's dates only: no school day from today on, so they cannot be the count.
      { laCode: "887", kind: "term", name: "2025-autumn", startDate: "2025-09-03", endDate: "2025-12-19" },
      { laCode: "887", kind: "term", name: "2026-summer-prev", startDate: "2026-04-13", endDate: "2026-07-22" },
    ],
  });
  await db.professional.create({ data: { email: EMAIL.vsh, name: "Helen Akande", role: "vsh" } });
  const school = (urn: string, name: string, la: string) =>
    db.school.create({ data: { urn, name, phase: "secondary", localAuthority: la, outOfArea: la !== HOME } });
  const schools = {
    riverside: await school("300001", "Riverside Academy", "886"),
    oakfield: await school("300002", "Oakfield Academy", HOME),
    hillside: await school("300003", "Hillside Academy", "888"),
    brookside: await school("300004", "Brookside Academy", "887"),
  };
  const child = async (firstName: string, schoolId: number) => {
    const c = await db.child.create({
      data: {
        localId: firstName.toUpperCase(),
        firstName,
        lastName: "Test",
        dateOfBirth: "2013-05-01",
        placingAuthority: HOME,
        lookedAfterSince: "2024-01-15",
        legalStatus: "C2",
      },
    });
    await db.enrolment.create({ data: { childId: c.id, schoolId, fromDate: "2024-09-01", yearGroup: "8" } });
    // The summer PEP held on time: the autumn PEP is owed by the autumn term's last school day.
    await db.pep.create({
      data: {
        childId: c.id,
        term: "2026-summer-prev",
        dueDate: "2026-07-10",
        meetingDate: "2026-06-20",
        status: "complete",
      },
    });
    // Reviews held on time, the next statutorily due after the term ends.
    await db.careReview.createMany({
      data: ["2024-02-12", "2024-05-10", "2024-11-05", "2025-05-01", "2025-10-30", "2026-07-01"].map((date) => ({
        childId: c.id,
        date,
      })),
    });
    ids[firstName] = c.id;
  };
  await child("Kai", schools.riverside.id);
  await child("Mia", schools.oakfield.id);
  await child("Noah", schools.hillside.id);
  await child("Ola", schools.brookside.id);
});
afterAll(() => t.close());

const status = async (name: string) => {
  const res = await t.call("GET", `/api/children/${ids[name]}/status`, { as: EMAIL.vsh });
  expect(res.status).toBe(200);
  return res.json();
};

describe("a child's school days are counted on their school's own term dates", () => {
  it.each([
    ["Kai", "2026-12-16"],
    ["Mia", "2026-12-18"],
    ["Noah", "2026-12-18"],
    ["Ola", "2026-12-18"],
  ])("%s's status card owes the autumn PEP by %s, the last school day of the school's term", async (name, due) => {
    const s = await status(name);
    expect(s.pep.nextDue).toBe(due);
  });

  it("says when the home authority's dates stand in for a school whose authority's are not loaded", async () => {
    expect((await status("Noah")).notes).toEqual([expect.stringContaining("(LA 888) are not loaded")]);
    expect((await status("Ola")).notes).toEqual([expect.stringContaining("(LA 887) are not loaded")]);
    expect((await status("Kai")).notes).toEqual([]);
    expect((await status("Mia")).notes).toEqual([]);
  });

  it("raises the PEP alert on the same due date as the card, per school calendar", async () => {
    const result = await runScan({
      db: t.database.db,
      calendars: createCalendarRepo(t.database.db, HOME),
      policy: defaultPolicy,
      clock: fixedClock(TODAY, "10:30"),
      queue: recordingQueue().queue,
    });
    expect(result.children).toBe(4);
    const alerts = await t.database.db.alert.findMany({
      where: { rule: { in: ["pep_review_due", "pep_overdue"] } },
      select: { childId: true, period: true },
    });
    const periodOf = (name: string) => alerts.find((a) => a.childId === ids[name])?.period;
    for (const name of ["Kai", "Mia", "Noah", "Ola"]) expect(periodOf(name)).toBe((await status(name)).pep.nextDue);
    expect(periodOf("Kai")).toBe("2026-12-16");
  });
});
