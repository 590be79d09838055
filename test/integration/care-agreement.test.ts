/**
 * The status card (over HTTP), the caseload, the VSH's figures and the scan's alerts say
 * the same about the same child: who is looked after (left care, short breaks), who is
 * without a school place and past the line, and back-to-back suspensions. Monday 23
 * November 2026; autumn term from Wed 2 Sep, half-term 26–30 Oct. Every child is born
 * 1 May 2015 (11, of compulsory school age) and in care since 15 Jan 2024 unless said.
 *
 * | child | care | school | expected |
 * |---|---|---|---|
 * | Ada | C2 | on roll | nothing |
 * | Lee | left care yesterday (22 Nov), returned home (E4A) | left school 18 Sep | left care, not "without a place", no alert, not in the cohort, not previously looked after |
 * | Lia | left care today, special guardianship order (E45) | left school 18 Sep | the same, but previously looked after |
 * | Tom | care ends tomorrow | left school 18 Sep | looked after: no place for 41 school days, red, alerted |
 * | Sue | short breaks (V3) | left school 18 Sep | not in the cohort: no flag, no alert |
 * | Val | short breaks typed "v4" | left school 18 Sep | the same |
 * | Nia | C2 | last day Mon 19 Oct | day 20 without a place: red, alerted |
 * | Ned | C2 | last day Tue 20 Oct | day 19: amber, no alert yet |
 * | Kit | C2 | on roll | suspended Wed–Fri 18–20 Nov and Mon–Wed 23–25 Nov: one run, education owed from Wed 25 Nov |
 * | Kim | C2 | on roll | suspended Wed–Fri 18–20 Nov and Tue–Thu 24–26 Nov: a school day between, two counts of 3 |
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../core/alerts/scan.js";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import {
  careStatus,
  cohortWhere,
  leftCareWhere,
  previouslyLookedAfterWhere,
  shortBreaksWhere,
} from "../../core/children/care.js";
import { fixedClock } from "../../core/platform/clock.js";
import { defaultPolicy } from "../../core/policy.js";
import { careFigures } from "../../core/stats/care-figures.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { recordingQueue } from "../support/queue-stub.js";

const TODAY = "2026-11-23";
const LA = "999";
const VSH = "vsh@care.local";

let t: TestApp;
const ids: Record<string, number> = {};
const nameOf = (id: number) => Object.entries(ids).find(([, v]) => v === id)?.[0];

beforeAll(async () => {
  t = await startTestApp({ today: TODAY, env: { AUTHORITY_LA_CODE: LA } });
  const db = t.database.db;
  await db.schoolCalendar.createMany({
    data: [
      { laCode: LA, kind: "term", name: "2026-summer", startDate: "2026-04-13", endDate: "2026-07-22" },
      { laCode: LA, kind: "term", name: "2026-autumn", startDate: "2026-09-02", endDate: "2026-12-18" },
      { laCode: LA, kind: "term", name: "2027-spring", startDate: "2027-01-04", endDate: "2027-03-26" },
      { laCode: LA, kind: "closure", name: "October half-term", startDate: "2026-10-26", endDate: "2026-10-30" },
    ],
  });
  await db.professional.create({ data: { email: VSH, name: "Helen Akande", role: "vsh" } });
  const school = await db.school.create({
    data: { urn: "400001", name: "Oakfield Primary", phase: "primary", localAuthority: LA },
  });
  const child = async (firstName: string, extra: Record<string, string | null>, placeEnded: string | null) => {
    const c = await db.child.create({
      data: {
        localId: firstName.toUpperCase(),
        firstName,
        lastName: "Test",
        dateOfBirth: "2015-05-01",
        placingAuthority: LA,
        lookedAfterSince: "2024-01-15",
        legalStatus: "C2",
        ...extra,
      },
    });
    await db.enrolment.create({
      data: { childId: c.id, schoolId: school.id, fromDate: "2022-09-01", toDate: placeEnded },
    });
    ids[firstName] = c.id;
    return c.id;
  };
  await child("Ada", {}, null);
  await child("Lee", { ceasedLookedAfter: "2026-11-22", ceasedReason: "E4A" }, "2026-09-18");
  await child("Lia", { ceasedLookedAfter: TODAY, ceasedReason: "E45" }, "2026-09-18");
  await child("Tom", { ceasedLookedAfter: "2026-11-24" }, "2026-09-18");
  await child("Sue", { legalStatus: "V3" }, "2026-09-18");
  await child("Val", { legalStatus: "v4" }, "2026-09-18");
  await child("Nia", {}, "2026-10-19");
  await child("Ned", {}, "2026-10-20");
  const kit = await child("Kit", {}, null);
  const kim = await child("Kim", {}, null);
  const suspension = (childId: number, startDate: string) => ({
    childId,
    schoolId: school.id,
    kind: "suspension",
    startDate,
    days: 3,
  });
  await db.exclusion.createMany({
    data: [
      suspension(kit, "2026-11-18"),
      suspension(kit, "2026-11-23"),
      suspension(kim, "2026-11-18"),
      suspension(kim, "2026-11-24"),
      // Lee left care: his record keeps the suspension, the scan does not alert on it.
      suspension(ids.Lee ?? 0, "2026-11-16"),
    ],
  });
  await runScan({
    db,
    calendars: createCalendarRepo(db, LA),
    policy: defaultPolicy,
    clock: fixedClock(TODAY, "10:30"),
    queue: recordingQueue().queue,
  });
});
afterAll(() => t.close());

const get = async (path: string): Promise<Json> => {
  const res = await t.call("GET", path, { as: VSH });
  expect(res.status).toBe(200);
  return res.json();
};
const status = (name: string) => get(`/api/children/${ids[name]}/status`);
const flagsOf = async (name: string) => ((await status(name)).flags as Json[]).map((f) => `${f.code}:${f.severity}`);
/** The child's alerts as "rule:severity:period"; by default those this file is about (PEP alerts are not). */
const alertsOf = async (name: string, rules = ["no_school_place", "suspension", "permanent_exclusion"]) =>
  (
    await t.database.db.alert.findMany({
      where: { childId: ids[name], ...(rules.length > 0 ? { rule: { in: rules } } : {}) },
      orderBy: { id: "asc" },
    })
  ).map((a) => `${a.rule}:${a.severity}:${a.period}`);
/** Every alert about the child, of any rule. */
const anyAlertOf = (name: string) => alertsOf(name, []);

describe("who is looked after", () => {
  it.each([
    ["Lee", "2026-11-22", { code: "E4A", text: "returned home" }, false],
    ["Lia", TODAY, { code: "E45", text: "special guardianship order" }, true],
  ])(
    "%s left care on %s: the card says so, no place flag, no alert, record kept",
    async (name, ceasedOn, reason, pla) => {
      const s = await status(name);
      expect(s).toMatchObject({
        lookedAfter: false,
        care: { kind: "left_care", ceasedOn, reason, previouslyLookedAfter: pla },
        daysWithoutSchoolPlace: null,
      });
      expect((s.flags as Json[]).map((f) => f.code)).not.toContain("no_school_place");
      expect(s.exclusions.suspensionsThisYear).toBe(name === "Lee" ? 1 : 0);
      expect(await anyAlertOf(name)).toEqual([]);
    },
  );

  it("Tom's care ends tomorrow: looked after today, without a place and alerted, as the card says", async () => {
    const s = await status("Tom");
    expect(s).toMatchObject({ lookedAfter: true, care: { kind: "looked_after" }, daysWithoutSchoolPlace: 41 });
    expect(await flagsOf("Tom")).toContain("no_school_place:red");
    expect(await alertsOf("Tom")).toEqual(["no_school_place:red:2026-09-19"]);
  });

  it.each(["Sue", "Val"])("%s is on short breaks: not in the cohort, no flag, no alert", async (name) => {
    const s = await status(name);
    expect(s).toMatchObject({ lookedAfter: false, care: { kind: "short_breaks" }, daysWithoutSchoolPlace: null });
    expect(s.flags).toEqual([]);
    expect(await anyAlertOf(name)).toEqual([]);
  });

  it("the database filters select exactly the children careStatus puts in each case", async () => {
    const db = t.database.db;
    const children = await db.child.findMany();
    const kinds = new Map(children.map((c) => [c.id, careStatus(c, TODAY).kind]));
    const selected = async (where: object) =>
      (await db.child.findMany({ where, select: { id: true } })).map((c) => nameOf(c.id)).sort();
    const expected = (kind: string) =>
      children
        .filter((c) => kinds.get(c.id) === kind)
        .map((c) => nameOf(c.id))
        .sort();
    expect(await selected(cohortWhere(TODAY))).toEqual(expected("looked_after"));
    expect(await selected(shortBreaksWhere(TODAY))).toEqual(["Sue", "Val"]);
    expect(await selected(leftCareWhere(TODAY))).toEqual(["Lee", "Lia"]);
    expect(expected("left_care")).toEqual(["Lee", "Lia"]);
    const pla = children.filter((c) => {
      const care = careStatus(c, TODAY);
      return care.kind === "left_care" && care.previouslyLookedAfter;
    });
    expect(await selected(previouslyLookedAfterWhere(TODAY))).toEqual(pla.map((c) => nameOf(c.id)));
    expect(pla.map((c) => nameOf(c.id))).toEqual(["Lia"]);
  });

  it("the VSH's figures count the cohort, and those on short breaks and who left care apart", async () => {
    const stats = await get("/api/stats");
    // Ada, Tom, Nia, Ned, Kit, Kim.
    expect(stats.children.lookedAfter).toBe(6);
    expect(stats.children.leftCare).toEqual({ thisSchoolYear: 2, latest: TODAY, previouslyLookedAfter: 1 });
    expect(await careFigures(t.database.db, {}, TODAY)).toEqual({
      lookedAfter: 6,
      shortBreaks: 2,
      // Lee returned home; Lia, under a special guardianship order, is previously looked after.
      leftCare: { thisSchoolYear: 2, latest: TODAY, previouslyLookedAfter: 1 },
    });
  });
});

describe("without a school place: one count, one line", () => {
  it.each([
    ["Nia", 20, "red", ["no_school_place:red:2026-10-20"]],
    ["Ned", 19, "amber", []],
  ])("%s: %s school days, %s on the card; the alert as the card", async (name, days, severity, alerts) => {
    expect((await status(name)).daysWithoutSchoolPlace).toBe(days);
    expect(await flagsOf(name)).toContain(`no_school_place:${severity}`);
    expect(await alertsOf(name)).toEqual(alerts);
  });

  it("the caseload shows the card's colour, marks who left care, and nobody else as without a place", async () => {
    const items = (await get("/api/caseload")).items as Json[];
    const badge = (name: string, code: string) =>
      items.find((c) => c.id === ids[name])?.badges.find((b: Json) => b.code === code)?.severity ?? null;
    expect(badge("Nia", "no_school_place")).toBe("red");
    expect(badge("Ned", "no_school_place")).toBe("amber");
    expect(badge("Tom", "no_school_place")).toBe("red");
    for (const name of ["Ada", "Lee", "Lia", "Sue", "Val", "Kit", "Kim"])
      expect(badge(name, "no_school_place")).toBeNull();
    expect(items.find((c) => c.id === ids.Lee)?.badges).toContainEqual({
      code: "left_care",
      text: "Left care 22 Nov 2026",
      severity: "amber",
    });
  });

  it("the figures count the same children: Tom, Nia and Ned without a place, Tom and Nia past the line", async () => {
    const { children } = await get("/api/stats");
    expect(children).toMatchObject({ withoutSchoolPlace: 3, withoutSchoolPlaceOverdue: 2 });
  });
});

describe("back-to-back suspensions", () => {
  it("Kit: one run of 6 days, education owed from its 6th day; the card and the alert both red", async () => {
    expect((await status("Kit")).exclusions).toMatchObject({
      educationDueFromDay6: true,
      activeSuspension: {
        startDate: "2026-11-18",
        endDate: "2026-11-25",
        days: 6,
        suspensions: 2,
        educationFrom: "2026-11-25",
        severity: "red",
      },
    });
    expect(await flagsOf("Kit")).toContain("suspension:red");
    const alerts = await t.database.db.alert.findMany({
      where: { childId: ids.Kit, rule: "suspension" },
      orderBy: { id: "asc" },
    });
    // The first suspension ended on Friday, before the scan: not news (issue 12). The running one is.
    expect(alerts.map((a) => [a.rule, a.severity, JSON.parse(a.details ?? "{}").educationFrom])).toEqual([
      ["suspension", "red", "2026-11-25"],
    ]);
  });

  it("Kim: a school day between, so two counts of 3: amber on the card and in the alert", async () => {
    expect((await status("Kim")).exclusions).toMatchObject({
      educationDueFromDay6: false,
      activeSuspension: { startDate: "2026-11-24", days: 3, suspensions: 1, educationFrom: null, severity: "amber" },
    });
    expect(await flagsOf("Kim")).toContain("suspension:amber");
    // The suspension that ended on Friday is not news; the one starting tomorrow is.
    expect((await alertsOf("Kim")).map((a) => a.split(":").slice(0, 2).join(":"))).toEqual(["suspension:amber"]);
  });
});
