/**
 * The record routes over real HTTP (the app `npm start` runs, a temp SQLite file, the real
 * queue): care-plan reviews, exclusions, part-time timetables, school places and SEN. For
 * each route: who may (201/200 with the shape the contract gives), who may not (403 in
 * scope, 404 outside it, nothing written, nothing audited as recorded), bad input as
 * problem+json naming the field, and the audit row of every change and every list read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestResponse } from "../support/app.js";
import { buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;
const db = () => t.database.db;

const EA = "ea@test.local";
let eaId: number;
const AS = { ...PEOPLE, ea: EA } as const;
type Who = keyof typeof AS;

/** Rows made for the routes addressed by a record's own id. */
let jordanReviewId: number;
let jordanPartTimeId: number;
let jordanPlaceId: number;

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(db());
  // An education adviser with Amira allocated (the fixture has none).
  const ea = await db().professional.create({ data: { email: EA, name: "ea", role: "education_adviser" } });
  eaId = ea.id;
  await db().allocation.create({
    data: { childId: f.amira.id, professionalId: ea.id, role: "education_adviser", fromDate: "2024-01-15" },
  });
  jordanReviewId = (
    await db().careReview.create({ data: { childId: f.jordan.id, date: "2026-12-17", status: "planned" } })
  ).id;
  jordanPartTimeId = (
    await db().partTimeTimetable.create({
      data: {
        childId: f.jordan.id,
        schoolId: f.schoolA.id,
        startDate: "2026-09-07",
        plannedEndDate: "2026-10-23",
        reviewDate: "2026-10-02",
        endedOn: "2026-10-23",
      },
    })
  ).id;
  jordanPlaceId = (await db().enrolment.findFirstOrThrow({ where: { childId: f.jordan.id } })).id;
});
afterAll(() => t.close());

const call = (who: Who, method: string, path: string, body?: unknown) => t.call(method, path, { as: AS[who], body });

/** The audit rows written after `since`, as [action, actor, child, channel]. */
async function auditSince(since: number) {
  const rows = await db().auditEvent.findMany({ where: { id: { gt: since } }, orderBy: { id: "asc" } });
  return rows.map((r) => [r.action, r.actorId, r.childId, r.channel]);
}
const lastAuditId = async () => (await db().auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;

/** Every row the record routes write, counted: a refusal must leave them as they were. */
const written = async () => ({
  reviews: await db().careReview.count(),
  exclusions: await db().exclusion.count(),
  partTime: await db().partTimeTimetable.count(),
  places: await db().enrolment.count(),
  sen: await db().senChange.count(),
  openPlaces: await db().enrolment.count({ where: { toDate: null } }),
  reviewDates: (await db().careReview.findMany({ orderBy: { id: "asc" } })).map((r) => `${r.date}:${r.status}`),
  partTimeReviews: (await db().partTimeTimetable.findMany({ orderBy: { id: "asc" } })).map((r) => r.reviewDate),
});

async function problem(res: TestResponse, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = await res.json();
  expect(body).toMatchObject({ status, type: "about:blank" });
  return body;
}

describe("who may not: 403 in scope, 404 outside it, nothing written or recorded", () => {
  const J = () => f.jordan.id;
  /** [what, method, path, body (or how to make it once the fixture exists), 403 for, 404 for] */
  const refusals: [string, string, () => string, unknown, Who[], Who[]][] = [
    [
      "book a review",
      "POST",
      () => `/api/children/${J()}/reviews`,
      { plannedDate: "2026-12-10" },
      ["dtA"],
      ["sw2", "dtB", "ea"],
    ],
    [
      "record a review held",
      "POST",
      () => `/api/children/${J()}/reviews/held`,
      { heldOn: TODAY },
      ["dtA"],
      ["sw2", "dtB", "ea"],
    ],
    [
      "hold a booked review",
      "POST",
      () => `/api/reviews/${jordanReviewId}/held`,
      { heldOn: TODAY },
      ["dtA"],
      ["sw2", "dtB", "ea"],
    ],
    [
      "record an exclusion",
      "POST",
      () => `/api/children/${J()}/exclusions`,
      { kind: "suspension", startDate: TODAY, schoolDays: 1 },
      ["sw1", "iro1"],
      ["sw2", "dtB", "ea"],
    ],
    [
      "start a part-time timetable",
      "POST",
      () => `/api/children/${J()}/part-time`,
      { startDate: TODAY, plannedEndDate: "2026-12-18", reviewDate: "2026-12-04" },
      ["sw1", "iro1"],
      ["sw2", "dtB", "ea"],
    ],
    [
      "change a part-time timetable",
      "PATCH",
      () => `/api/part-time/${jordanPartTimeId}`,
      { reviewDate: "2026-12-04" },
      ["sw1", "iro1"],
      ["sw2", "dtB", "ea"],
    ],
    [
      "start a school place",
      "POST",
      () => `/api/children/${J()}/enrolments`,
      () => ({ schoolId: f.schoolB.id, fromDate: TODAY }),
      ["dtA", "iro1"],
      ["sw2", "dtB", "ea"],
    ],
    [
      "end a school place",
      "POST",
      () => `/api/enrolments/${jordanPlaceId}/end`,
      { toDate: TODAY },
      ["dtA", "iro1"],
      ["sw2", "dtB", "ea"],
    ],
    [
      "change SEN",
      "POST",
      () => `/api/children/${J()}/sen`,
      { status: "ehcp", fromDate: TODAY },
      ["dtA", "iro1"],
      ["sw2", "dtB", "ea"],
    ],
  ];
  for (const [label, method, path, body, forbidden, outside] of refusals) {
    it.each([...forbidden.map((w) => [w, 403] as const), ...outside.map((w) => [w, 404] as const)])(
      `${label} as %s is %i`,
      async (who, status) => {
        const before = await written();
        const since = await lastAuditId();
        const sent = typeof body === "function" ? body() : body;
        const detail = (await problem(await call(who, method, path(), sent), status)).detail;
        if (status === 403) expect(detail).toBe("Your role does not allow this.");
        else expect(detail).toMatch(/^No (child|care-plan review|part-time timetable|school place) found\.$/);
        expect(await written()).toEqual(before);
        expect((await auditSince(since)).filter(([action]) => String(action).startsWith("record_"))).toEqual([]);
      },
    );
  }

  it.each(["reviews", "exclusions", "part-time"])(
    "GET /children/:id/%s outside the scope is 404, and needs a token",
    async (list) => {
      for (const who of ["sw2", "dtB", "ea"] as const)
        await problem(await call(who, "GET", `/api/children/${J()}/${list}`), 404);
      await problem(await t.call("GET", `/api/children/${J()}/${list}`), 401);
      await problem(await call("vsh", "GET", `/api/children/99999/${list}`), 404);
    },
  );

  it("a record addressed by an id nobody has is 404 for everyone", async () => {
    expect((await problem(await call("vsh", "POST", "/api/reviews/99999/held", { heldOn: TODAY }), 404)).detail).toBe(
      "No care-plan review found.",
    );
    await problem(await call("vsh", "PATCH", "/api/part-time/99999", { reviewDate: "2026-12-04" }), 404);
    await problem(await call("vsh", "POST", "/api/enrolments/99999/end", { toDate: TODAY }), 404);
  });
});

describe("care-plan reviews", () => {
  it("the IRO books, the social worker moves the booking: 201 with the booking, audited", async () => {
    await db().careReview.delete({ where: { id: jordanReviewId } });
    const since = await lastAuditId();
    const res = await call("iro1", "POST", `/api/children/${f.jordan.id}/reviews`, { plannedDate: "2026-12-10" });
    expect(res.status).toBe(201);
    const booked = await res.json();
    expect(booked).toEqual({
      id: expect.any(Number),
      childId: f.jordan.id,
      status: "planned",
      date: "2026-12-10",
      plannedDate: "2026-12-10",
      heldOn: null,
      code: null,
      previousDate: null,
    });
    const moved = await call("sw1", "POST", `/api/children/${f.jordan.id}/reviews`, { plannedDate: "2026-12-14" });
    expect(moved.status).toBe(201);
    expect(await moved.json()).toMatchObject({ id: booked.id, plannedDate: "2026-12-14", previousDate: "2026-12-10" });
    expect(await auditSince(since)).toEqual([
      ["record_review", f.iro1.id, f.jordan.id, "api"],
      ["record_review", f.sw1.id, f.jordan.id, "api"],
    ]);
    expect(await db().careReview.count({ where: { childId: f.jordan.id } })).toBe(1);
  });

  it("the list shows the booking beside the statutory date, for anyone who sees the child (audited as a read)", async () => {
    const since = await lastAuditId();
    const res = await call("dtA", "GET", `/api/children/${f.jordan.id}/reviews`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      asOf: TODAY,
      nextReviewPlanned: "2026-12-14",
      nextReviewDue: "2024-02-12",
      reviewOverdue: true,
      items: [{ status: "planned", plannedDate: "2026-12-14" }],
    });
    expect(await auditSince(since)).toEqual([["read_child", f.dtA.id, f.jordan.id, "api"]]);
  });

  it("the status and the brief show the booked date, the statutory one, and the review overdue", async () => {
    const status = await (await call("iro1", "GET", `/api/children/${f.jordan.id}/status`)).json();
    expect(status.pep).toMatchObject({
      nextReviewPlanned: "2026-12-14",
      nextReviewDue: "2024-02-12",
      reviewOverdue: true,
    });
    expect(status.flags).toContainEqual({
      code: "review_overdue",
      severity: "red",
      text: "Care-plan review overdue: it was due on 12 Feb 2024; one is booked for 14 Dec 2026.",
    });
    // The brief (the bot's `brief Jordan`) reads the same service the bot calls.
    const iro = { id: f.iro1.id, role: "iro" as const, schoolId: null, name: "iro1", channel: "bot" as const };
    const brief = await t.runtime.services.children.brief(iro, f.jordan.id);
    expect(brief).toMatchObject({
      since: null,
      nextReview: "2026-12-14",
      reviewBooked: "2026-12-14",
      reviewDue: "2024-02-12",
      reviewOverdue: true,
    });
  });

  it("held by its id: 200, the booking becomes the review held, and the overdue flag goes", async () => {
    const [booking] = await db().careReview.findMany({ where: { childId: f.jordan.id } });
    const since = await lastAuditId();
    const res = await call("iro1", "POST", `/api/reviews/${booking?.id}/held`, { heldOn: TODAY, code: "PN1" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: booking?.id,
      status: "held",
      heldOn: TODAY,
      plannedDate: null,
      code: "PN1",
    });
    expect(await auditSince(since)).toEqual([["record_review", f.iro1.id, f.jordan.id, "api"]]);
    const status = await (await call("sw1", "GET", `/api/children/${f.jordan.id}/status`)).json();
    // The second review is due three months after the first.
    expect(status.pep).toMatchObject({ reviewOverdue: false, nextReviewDue: "2027-02-23", nextReviewPlanned: null });
    expect(status.flags.map((x: { code: string }) => x.code)).not.toContain("review_overdue");
  });

  it("a review held that was never booked: 201 when added, 200 when it was already there", async () => {
    const body = { heldOn: "2026-11-02", code: "PN0" };
    const first = await call("vsh", "POST", `/api/children/${f.tyler.id}/reviews/held`, body);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      childId: f.tyler.id,
      status: "held",
      heldOn: "2026-11-02",
      code: "PN0",
    });
    expect((await call("sw1", "POST", `/api/children/${f.tyler.id}/reviews/held`, body)).status).toBe(200);
    expect(await db().careReview.count({ where: { childId: f.tyler.id } })).toBe(1);
  });

  it("an education adviser books for a child allocated to them", async () => {
    const res = await call("ea", "POST", `/api/children/${f.amira.id}/reviews`, { plannedDate: TODAY });
    expect(res.status).toBe(201);
    expect((await db().auditEvent.findFirst({ orderBy: { id: "desc" } }))?.actorId).toBe(eaId);
  });

  it.each([
    ["a booking in the past", "reviews", { plannedDate: "2026-11-20" }, 422, "plannedDate", /today or later/],
    ["a review held in the future", "reviews/held", { heldOn: "2026-11-24" }, 422, "heldOn", /today or earlier/],
    ["a date that does not exist", "reviews", { plannedDate: "2026-02-30" }, 400, "plannedDate", /real date/],
    ["no date", "reviews", {}, 400, "plannedDate", /.+/],
    ["a review code that is not SSDA903's", "reviews/held", { heldOn: TODAY, code: "X9" }, 400, "code", /PN0 to PN7/],
  ])("%s is refused, naming the field", async (_, route, body, status, field, message) => {
    const res = await call("vsh", "POST", `/api/children/${f.leah.id}/${route}`, body);
    const p = await problem(res, status);
    expect(p.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(p.detail).toContain(status === 400 ? `${field}:` : "");
  });

  it("a booking on a day a review is already recorded held is a conflict", async () => {
    const p = await problem(
      await call("vsh", "POST", `/api/children/${f.jordan.id}/reviews`, { plannedDate: TODAY }),
      409,
    );
    expect(p.detail).toBe("A care-plan review is already recorded as held on 23 Nov 2026.");
  });
});

describe("exclusions", () => {
  it("the DT records a suspension: 201, its school, audited; status owes education from day 6; the alert is out", async () => {
    const since = await lastAuditId();
    const res = await call("dtA", "POST", `/api/children/${f.jordan.id}/exclusions`, {
      kind: "suspension",
      startDate: TODAY,
      schoolDays: 6,
      reason: "Persistent disruptive behaviour",
    });
    expect(res.status).toBe(201);
    const x = await res.json();
    expect(x).toEqual({
      id: expect.any(Number),
      childId: f.jordan.id,
      kind: "suspension",
      startDate: TODAY,
      schoolDays: 6,
      sessions: null,
      reason: "Persistent disruptive behaviour",
      school: { id: f.schoolA.id, name: "Oakfield Primary" },
    });
    expect(await auditSince(since)).toEqual([["record_exclusion", f.dtA.id, f.jordan.id, "api"]]);

    const status = await (await call("sw1", "GET", `/api/children/${f.jordan.id}/status`)).json();
    expect(status.exclusions).toMatchObject({
      educationDueFromDay6: true,
      suspensionsThisYear: 1,
      activeSuspension: { startDate: TODAY, endDate: "2026-11-30", educationFrom: "2026-11-30" },
    });
    const alerts = (await (await call("sw1", "GET", "/api/alerts")).json()).items;
    expect(alerts).toContainEqual(
      expect.objectContaining({
        rule: "suspension",
        status: "open",
        child: expect.objectContaining({ id: f.jordan.id }),
      }),
    );
  });

  it("the same suspension again is 409 with a clear message", async () => {
    const p = await problem(
      await call("vsh", "POST", `/api/children/${f.jordan.id}/exclusions`, {
        kind: "suspension",
        startDate: TODAY,
        sessions: 4,
      }),
      409,
    );
    expect(p.detail).toBe("A suspension starting on 23 Nov 2026 is already recorded for this child.");
  });

  it("a length in sessions is kept, and counted as half days", async () => {
    const res = await call("vsh", "POST", `/api/children/${f.jordan.id}/exclusions`, {
      kind: "suspension",
      startDate: "2026-11-09",
      sessions: 3,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ schoolDays: 1.5, sessions: 3 });
  });

  it("an education adviser records a permanent exclusion for their child (no length)", async () => {
    const res = await call("ea", "POST", `/api/children/${f.amira.id}/exclusions`, {
      kind: "permanent",
      startDate: TODAY,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ kind: "permanent", schoolDays: null, school: { id: f.schoolB.id } });
    const status = await (await call("vsh", "GET", `/api/children/${f.amira.id}/status`)).json();
    expect(status.exclusions).toMatchObject({ permanent: true, permanentExclusionDate: TODAY });
  });

  it("the list is latest first, for anyone who sees the child, audited as a read", async () => {
    const since = await lastAuditId();
    const res = await call("iro1", "GET", `/api/children/${f.jordan.id}/exclusions`);
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((x: { startDate: string }) => x.startDate)).toEqual([TODAY, "2026-11-09"]);
    expect(await auditSince(since)).toEqual([["read_child", f.iro1.id, f.jordan.id, "api"]]);
  });

  it.each([
    ["neither days nor sessions", { kind: "suspension", startDate: TODAY }, "schoolDays", /needs its length/],
    ["both", { kind: "suspension", startDate: TODAY, schoolDays: 1, sessions: 2 }, "sessions", /not both/],
    ["a third of a day", { kind: "suspension", startDate: TODAY, schoolDays: 0.3 }, "schoolDays", /half days/],
    ["46 days", { kind: "suspension", startDate: TODAY, schoolDays: 46 }, "schoolDays", /at most 45/],
    ["no days", { kind: "suspension", startDate: TODAY, schoolDays: 0 }, "schoolDays", /more than 0/],
    ["half a session", { kind: "suspension", startDate: TODAY, sessions: 1.5 }, "sessions", /whole number/],
    [
      "a permanent exclusion with a length",
      { kind: "permanent", startDate: TODAY, schoolDays: 5 },
      "schoolDays",
      /no length/,
    ],
    ["another kind", { kind: "expelled", startDate: TODAY }, "kind", /.+/],
    ["a long reason", { kind: "permanent", startDate: TODAY, reason: "x".repeat(501) }, "reason", /500/],
  ])("%s is 400 naming the field", async (_, body, field, message) => {
    const p = await problem(await call("vsh", "POST", `/api/children/${f.jordan.id}/exclusions`, body), 400);
    expect(p.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it("a DT records their own school's exclusions only: one from the child's last school is 403", async () => {
    const mover = await db().child.create({
      data: {
        localId: "T099",
        firstName: "Mo",
        lastName: "Mover",
        dateOfBirth: "2015-02-01",
        placingAuthority: "999",
        lookedAfterSince: "2024-01-15",
      },
    });
    await db().enrolment.createMany({
      data: [
        { childId: mover.id, schoolId: f.schoolB.id, fromDate: "2024-09-01", toDate: "2026-10-30" },
        { childId: mover.id, schoolId: f.schoolA.id, fromDate: "2026-11-02" },
      ],
    });
    const body = (startDate: string) => ({ kind: "suspension", startDate, schoolDays: 1 });
    const p = await problem(await call("dtA", "POST", `/api/children/${mover.id}/exclusions`, body("2026-10-15")), 403);
    expect(p.detail).toBe("You can record an exclusion only for your own school.");
    expect((await call("dtA", "POST", `/api/children/${mover.id}/exclusions`, body("2026-11-16"))).status).toBe(201);
  });

  it("a child with no school place that day, or a date too far ahead, is 422 naming the start date", async () => {
    const none = await problem(
      await call("vsh", "POST", `/api/children/${f.tyler.id}/exclusions`, {
        kind: "permanent",
        startDate: "2026-10-01",
      }),
      422,
    );
    expect(none.errors).toEqual([{ field: "startDate", message: "the child had no school place on this date" }]);
    const ahead = await problem(
      await call("vsh", "POST", `/api/children/${f.jordan.id}/exclusions`, {
        kind: "permanent",
        startDate: "2027-01-04",
      }),
      422,
    );
    expect(ahead.errors).toEqual([{ field: "startDate", message: "must be within 31 days from today" }]);
  });
});

describe("part-time timetables", () => {
  let id: number;
  it("the DT starts one: 201; the status shows it, amber until its review date", async () => {
    const since = await lastAuditId();
    const res = await call("dtA", "POST", `/api/children/${f.jordan.id}/part-time`, {
      startDate: "2026-11-16",
      plannedEndDate: "2026-12-18",
      reviewDate: "2026-12-04",
      hoursPerWeek: 15,
      reason: "Anxiety after a move",
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    id = body.id;
    expect(body).toEqual({
      id: expect.any(Number),
      childId: f.jordan.id,
      startDate: "2026-11-16",
      plannedEndDate: "2026-12-18",
      reviewDate: "2026-12-04",
      endedOn: null,
      hoursPerWeek: 15,
      reason: "Anxiety after a move",
      school: { id: f.schoolA.id, name: "Oakfield Primary" },
    });
    expect(await auditSince(since)).toEqual([["record_part_time", f.dtA.id, f.jordan.id, "api"]]);
    const status = await (await call("sw1", "GET", `/api/children/${f.jordan.id}/status`)).json();
    expect(status.partTime).toEqual({
      startDate: "2026-11-16",
      plannedEndDate: "2026-12-18",
      reviewDate: "2026-12-04",
      hoursPerWeek: 15,
      reviewOverdue: false,
    });
    expect(status.flags).toContainEqual({
      code: "part_time_timetable",
      severity: "amber",
      text: "On a part-time timetable since 16 Nov 2026 (15 hours a week): review on 4 Dec 2026, planned to end 18 Dec 2026.",
    });
  });

  it("a second one while it is open is 409", async () => {
    const body = { startDate: TODAY, plannedEndDate: "2026-12-18", reviewDate: "2026-12-04" };
    const p = await problem(await call("vsh", "POST", `/api/children/${f.jordan.id}/part-time`, body), 409);
    expect(p.detail).toMatch(/^A part-time timetable since 16 Nov 2026 is still open/);
  });

  it.each([
    [
      "a review after the planned end",
      { startDate: TODAY, plannedEndDate: "2026-12-18", reviewDate: "2026-12-21" },
      "reviewDate",
    ],
    [
      "an end before the start",
      { startDate: TODAY, plannedEndDate: "2026-11-20", reviewDate: TODAY },
      "plannedEndDate",
    ],
    [
      "40 hours",
      { startDate: TODAY, plannedEndDate: "2026-12-18", reviewDate: TODAY, hoursPerWeek: 40 },
      "hoursPerWeek",
    ],
  ])("%s is 400 naming the field", async (_, body, field) => {
    const p = await problem(await call("vsh", "POST", `/api/children/${f.amira.id}/part-time`, body), 400);
    expect(p.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });

  it("the VSH moves its review: 200; the list shows it; an empty change is 400", async () => {
    const res = await call("vsh", "PATCH", `/api/part-time/${id}`, { reviewDate: "2026-12-11" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, reviewDate: "2026-12-11", endedOn: null });
    const p = await problem(await call("vsh", "PATCH", `/api/part-time/${id}`, {}), 400);
    expect(p.errors[0].field).toBe("reviewDate");
    const past = await problem(await call("vsh", "PATCH", `/api/part-time/${id}`, { reviewDate: "2026-11-20" }), 422);
    expect(past.errors).toEqual([{ field: "reviewDate", message: "must be today or later" }]);
    const list = await (await call("iro1", "GET", `/api/children/${f.jordan.id}/part-time`)).json();
    expect(list.items.map((x: { id: number; reviewDate: string }) => [x.id, x.reviewDate])).toEqual([
      [id, "2026-12-11"],
      [jordanPartTimeId, "2026-10-02"],
    ]);
  });

  it("the DT records the day it ended: 200, audited; the flag goes; ending it again is 409", async () => {
    const since = await lastAuditId();
    const res = await call("dtA", "PATCH", `/api/part-time/${id}`, { endedOn: TODAY });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, endedOn: TODAY });
    expect(await auditSince(since)).toEqual([["record_part_time", f.dtA.id, f.jordan.id, "api"]]);
    const status = await (await call("sw1", "GET", `/api/children/${f.jordan.id}/status`)).json();
    expect(status.partTime).toBeNull();
    await problem(await call("dtA", "PATCH", `/api/part-time/${id}`, { endedOn: TODAY }), 409);
  });
});

describe("school places", () => {
  let first: number;
  it("the social worker records a place for a child without one: 201, audited; no school place goes", async () => {
    const since = await lastAuditId();
    const res = await call("sw1", "POST", `/api/children/${f.tyler.id}/enrolments`, {
      schoolId: f.schoolA.id,
      fromDate: TODAY,
      yearGroup: "6",
    });
    expect(res.status).toBe(201);
    const place = await res.json();
    first = place.id;
    expect(place).toEqual({
      id: expect.any(Number),
      childId: f.tyler.id,
      fromDate: TODAY,
      toDate: null,
      yearGroup: "6",
      school: { id: f.schoolA.id, name: "Oakfield Primary" },
      ended: [],
    });
    expect(await auditSince(since)).toEqual([["record_enrolment", f.sw1.id, f.tyler.id, "api"]]);
    const status = await (await call("sw1", "GET", `/api/children/${f.tyler.id}/status`)).json();
    expect(status.school).toMatchObject({ schoolId: f.schoolA.id, yearGroup: "6" });
    expect(status.daysWithoutSchoolPlace).toBe(0);
    expect(status.flags.map((x: { code: string }) => x.code)).not.toContain("no_school_place");
    // The school's DT now sees the child.
    expect((await call("dtA", "GET", `/api/children/${f.tyler.id}/status`)).status).toBe(200);
  });

  it("a place at another school ends the open one the day before", async () => {
    const res = await call("vsh", "POST", `/api/children/${f.tyler.id}/enrolments`, {
      schoolId: f.schoolB.id,
      fromDate: "2026-11-30",
      yearGroup: "r",
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      school: { id: f.schoolB.id },
      yearGroup: "R",
      ended: [{ id: first, toDate: "2026-11-29", school: { id: f.schoolA.id } }],
    });
  });

  it("a place ended by its id: 200, audited; ending it again on another day is 409, on the same day 200", async () => {
    const place = await db().enrolment.findFirstOrThrow({ where: { childId: f.tyler.id, schoolId: f.schoolB.id } });
    const since = await lastAuditId();
    const res = await call("sw1", "POST", `/api/enrolments/${place.id}/end`, { toDate: "2026-12-18" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: place.id, fromDate: "2026-11-30", toDate: "2026-12-18" });
    expect(await auditSince(since)).toEqual([["record_enrolment", f.sw1.id, f.tyler.id, "api"]]);
    await problem(await call("sw1", "POST", `/api/enrolments/${place.id}/end`, { toDate: "2026-12-19" }), 409);
    // The place the new one ended, ended again on the same day: the same record, 200.
    expect((await call("sw1", "POST", `/api/enrolments/${first}/end`, { toDate: "2026-11-29" })).status).toBe(200);
  });

  it.each([
    ["a school nobody has", { schoolId: 99999, fromDate: TODAY }, 422, "schoolId"],
    ["year 15", { schoolId: 1, fromDate: TODAY, yearGroup: "15" }, 400, "yearGroup"],
    ["a school id as text", { schoolId: "one", fromDate: TODAY }, 400, "schoolId"],
    ["no start date", { schoolId: 1 }, 400, "fromDate"],
  ])("%s is refused naming the field", async (_, body, status, field) => {
    const p = await problem(await call("vsh", "POST", `/api/children/${f.leah.id}/enrolments`, body), status);
    expect(p.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});

describe("SEN", () => {
  it("the VSH records an EHCP: 201, audited; the status shows it", async () => {
    const since = await lastAuditId();
    const res = await call("vsh", "POST", `/api/children/${f.amira.id}/sen`, {
      status: "ehcp",
      fromDate: "2026-11-02",
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      id: expect.any(Number),
      childId: f.amira.id,
      status: "ehcp",
      fromDate: "2026-11-02",
      current: { status: "ehcp", since: "2026-11-02" },
    });
    expect(await auditSince(since)).toEqual([["record_sen", f.vsh.id, f.amira.id, "api"]]);
    const status = await (await call("dtB", "GET", `/api/children/${f.amira.id}/status`)).json();
    expect(status.sen).toEqual({ status: "ehcp", ehcp: true });
  });

  it("an earlier change is history: the current status stays the later one", async () => {
    const res = await call("ea", "POST", `/api/children/${f.amira.id}/sen`, {
      status: "sen_support",
      fromDate: "2025-09-01",
    });
    expect(res.status).toBe(201);
    expect((await res.json()).current).toEqual({ status: "ehcp", since: "2026-11-02" });
    expect(await db().senChange.count({ where: { childId: f.amira.id } })).toBe(2);
  });

  it.each([
    ["a date ahead", { status: "ehcp", fromDate: "2026-12-01" }, 422, "fromDate"],
    ["an unknown status", { status: "statement", fromDate: TODAY }, 400, "status"],
  ])("%s is refused naming the field", async (_, body, status, field) => {
    const p = await problem(await call("vsh", "POST", `/api/children/${f.amira.id}/sen`, body), status);
    expect(p.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});

it("every record route is in the OpenAPI document", async () => {
  const doc = await (await t.call("GET", "/docs/json")).json();
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      "/api/children/{id}/reviews",
      "/api/children/{id}/reviews/held",
      "/api/reviews/{id}/held",
      "/api/children/{id}/exclusions",
      "/api/children/{id}/part-time",
      "/api/part-time/{id}",
      "/api/children/{id}/enrolments",
      "/api/enrolments/{id}/end",
      "/api/children/{id}/enrolments/end",
      "/api/children/{id}/sen",
    ]),
  );
});

it("the current place ended through the child (no enrolment id needed): 200, audited; not someone else's child", async () => {
  // Amira is on roll at school B; sw1 does not work with her, sw2 does.
  await problem(await call("sw1", "POST", `/api/children/${f.amira.id}/enrolments/end`, { toDate: "2026-12-18" }), 404);
  const since = await lastAuditId();
  const res = await call("sw2", "POST", `/api/children/${f.amira.id}/enrolments/end`, { toDate: "2026-12-18" });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ school: { id: f.schoolB.id }, toDate: "2026-12-18" });
  expect(await auditSince(since)).toEqual([["record_enrolment", f.sw2.id, f.amira.id, "api"]]);
  const open = await db().enrolment.count({ where: { childId: f.amira.id, toDate: null } });
  expect(open).toBe(0);
});
