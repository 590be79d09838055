/**
 * The record closes its own alerts, against the real SQLite: the record services (as the
 * API, the bot and the tab call them) raise an exclusion's alerts at once and resolve the
 * alerts a new place or a review held no longer supports, writing "cleared" to the
 * alert's history and queueing an update of every sent card; the daily scan does the same
 * for a record that arrived another way; and the same record twice raises nothing new.
 * The queue is a recording fake of the AlertQueue port (the HTTP tests use the real one).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusCard } from "../../cards/index.js";
import { statusView } from "../../cards/views/child-views.js";
import { tabLinksFor } from "../../cards/views/tab-links.js";
import type { Actor } from "../../core/access/roles.js";
import type { AlertRule } from "../../core/alerts/alert.types.js";
import { syncRecordAlerts } from "../../core/alerts/record-sync.js";
import { runScan } from "../../core/alerts/scan.js";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import { createChildService } from "../../core/children/child.service.js";
import { fixedClock } from "../../core/platform/clock.js";
import { defaultPolicy } from "../../core/policy.js";
import type { RecordDeps } from "../../core/records/deps.js";
import { createExclusionService } from "../../core/records/exclusion.service.js";
import { createPlaceService } from "../../core/records/place.service.js";
import { createReviewService } from "../../core/records/review.service.js";
import { createTestDb, type TestDb } from "../support/db.js";
import { buildSmallAuthority, createTestChild, type Fixture, LA, TODAY } from "../support/factories.js";
import { recordingQueue } from "../support/queue-stub.js";

let database: TestDb;
let f: Fixture;
let deps: RecordDeps;
let q: ReturnType<typeof recordingQueue>;
const db = () => database.db;

const actor = (p: { id: number; role: string; schoolId: number | null; name: string }): Actor =>
  ({ id: p.id, role: p.role, schoolId: p.schoolId, name: p.name, channel: "api" }) as Actor;

beforeAll(async () => {
  database = await createTestDb("record-sync");
  f = await buildSmallAuthority(db());
  q = recordingQueue();
  deps = {
    db: db(),
    clock: fixedClock(TODAY, "11:00"),
    calendars: createCalendarRepo(db(), LA),
    policy: defaultPolicy,
    queue: q.queue,
  };
});
afterAll(() => database.close());

const services = () => ({
  exclusions: createExclusionService(deps),
  places: createPlaceService(deps),
  reviews: createReviewService(deps),
});

let serial = 100;
/** A looked-after 11-year-old of sw1's (and iro1's), on roll at `schoolId` when given. */
async function newChild(schoolId?: number) {
  serial += 1;
  const child = await createTestChild(db(), {
    localId: `RS${serial}`,
    firstName: "Robin",
    lastName: `Case${serial}`,
    serial,
    legalStatus: null,
  });
  await db().allocation.createMany({
    data: [
      { childId: child.id, professionalId: f.sw1.id, role: "social_worker", fromDate: "2024-01-15" },
      { childId: child.id, professionalId: f.iro1.id, role: "iro", fromDate: "2024-01-15" },
    ],
  });
  if (schoolId) await db().enrolment.create({ data: { childId: child.id, schoolId, fromDate: "2024-09-01" } });
  return child.id;
}

const alertsOf = (childId: number, rule: AlertRule) =>
  db().alert.findMany({
    where: { childId, rule },
    include: { deliveries: true, events: true },
    orderBy: { id: "asc" },
  });

/** Marks every copy of the alert as sent to Teams (as the delivery worker does); returns their ids. */
async function sent(alertId: number): Promise<number[]> {
  await db().alertDelivery.updateMany({ where: { alertId }, data: { status: "sent", activityId: "a" } });
  return (await db().alertDelivery.findMany({ where: { alertId } })).map((d) => d.id).sort((a, b) => a - b);
}

/** Where the queue's updates stood. */
const mark = () => ({ cards: q.updated.length, posts: q.updatedPosts.length });

/** The copies (of `copies`) whose card was queued for an update since `before`: their own, or the digest holding them. */
async function updatedSince(before: ReturnType<typeof mark>, copies: readonly number[]): Promise<number[]> {
  const posts = q.updatedPosts.slice(before.posts);
  const inPosts = await db().alertDelivery.findMany({
    where: { id: { in: [...copies] }, postId: { in: posts } },
    select: { id: true },
  });
  const own = q.updated.slice(before.cards).filter((id) => copies.includes(id));
  return [...new Set([...own, ...inPosts.map((d) => d.id)])].sort((a, b) => a - b);
}

const scan = () => runScan(deps, { registersClosed: false });

describe("raised at once", () => {
  it("a suspension recorded by the DT reaches the social worker, the VSH and the DT straight away", async () => {
    const childId = await newChild(f.schoolA.id);
    const queuedBefore = q.delivered.length;
    const x = await services().exclusions.record(actor(f.dtA), childId, {
      kind: "suspension",
      startDate: TODAY,
      schoolDays: 6,
      reason: "Assault on a pupil",
    });
    const [alert, ...more] = await alertsOf(childId, "suspension");
    expect(more).toEqual([]);
    // Education is owed from its 6th day: red, as on the status card (core/children/exclusions.ts).
    expect(alert).toMatchObject({ period: `x${x.id}`, status: "open", severity: "red" });
    expect(JSON.parse(alert?.details ?? "{}")).toMatchObject({
      exclusionId: x.id,
      startDate: TODAY,
      schoolDays: 6,
      educationOwed: true,
      educationFrom: "2026-11-30",
    });
    const to = alert?.deliveries.map((d) => d.professionalId).sort();
    expect(to).toEqual([f.sw1.id, f.vsh.id, f.dtA.id].sort());
    expect(q.delivered.slice(queuedBefore).sort()).toEqual(alert?.deliveries.map((d) => d.id).sort());
  });

  it("a suspension recorded a week ahead alerts when it is recorded, not on its first day", async () => {
    const childId = await newChild(f.schoolA.id);
    const x = await services().exclusions.record(actor(f.dtA), childId, {
      kind: "suspension",
      startDate: "2026-11-30",
      sessions: 3,
    });
    const alerts = await alertsOf(childId, "suspension");
    expect(alerts.map((a) => [a.period, a.status])).toEqual([[`x${x.id}`, "open"]]);
    expect(JSON.parse(alerts[0]?.details ?? "{}")).toMatchObject({ startDate: "2026-11-30", schoolDays: 1.5 });
    // The scan on the day before, and on the day, finds it already raised.
    await scan();
    expect(await alertsOf(childId, "suspension")).toHaveLength(1);
  });

  it("a suspension recorded after its last day raises nothing, and the status card keeps it as history", async () => {
    const childId = await newChild(f.schoolA.id);
    const queued = q.delivered.length;
    // Thursday and Friday last week, recorded on Monday: over before anyone could act on it.
    const x = await services().exclusions.record(actor(f.dtA), childId, {
      kind: "suspension",
      startDate: "2026-11-19",
      schoolDays: 2,
    });
    expect(await db().exclusion.findUnique({ where: { id: x.id } })).toMatchObject({
      childId,
      startDate: "2026-11-19",
    });
    expect(await alertsOf(childId, "suspension")).toEqual([]);
    expect(q.delivered.length).toBe(queued);
    // The daily scan agrees: still no alert.
    await scan();
    expect(await alertsOf(childId, "suspension")).toEqual([]);

    const children = createChildService({ ...deps, homeLaCode: LA });
    const status = await children.status(actor(f.sw1), childId);
    expect(status.exclusions).toMatchObject({
      suspensionsThisYear: 1,
      suspensionDaysThisYear: 2,
      activeSuspension: null,
    });
    expect(status.flags.map((fl) => fl.code)).not.toContain("suspension");
    const card = statusCard(statusView(status.child, status, TODAY, tabLinksFor(undefined)));
    expect(JSON.stringify(card)).toContain("1 this year, 2 days");
  });

  it("a suspension running today, or starting later, recorded now still alerts at once", async () => {
    const running = await newChild(f.schoolA.id);
    const later = await newChild(f.schoolA.id);
    const { exclusions } = services();
    // Friday, today and tomorrow: its last day is still to come.
    const a = await exclusions.record(actor(f.dtA), running, {
      kind: "suspension",
      startDate: "2026-11-20",
      schoolDays: 3,
    });
    const b = await exclusions.record(actor(f.dtA), later, {
      kind: "suspension",
      startDate: "2026-12-01",
      schoolDays: 1,
    });
    expect((await alertsOf(running, "suspension")).map((al) => [al.period, al.status])).toEqual([[`x${a.id}`, "open"]]);
    expect((await alertsOf(later, "suspension")).map((al) => [al.period, al.status])).toEqual([[`x${b.id}`, "open"]]);
  });

  it("a permanent exclusion goes to the social worker and the VSH", async () => {
    const childId = await newChild(f.schoolA.id);
    await services().exclusions.record(actor(f.vsh), childId, { kind: "permanent", startDate: "2026-11-20" });
    const [alert] = await alertsOf(childId, "permanent_exclusion");
    expect(alert?.deliveries.map((d) => d.professionalId).sort()).toEqual([f.sw1.id, f.vsh.id].sort());
  });

  it("a part-time timetable recorded after its review date alerts at once; moving the review clears it", async () => {
    const childId = await newChild(f.schoolA.id);
    const { exclusions } = services();
    const t = await exclusions.startPartTime(actor(f.dtA), childId, {
      startDate: "2026-10-05",
      plannedEndDate: "2026-12-18",
      reviewDate: "2026-11-13",
    });
    const [alert] = await alertsOf(childId, "part_time_review_overdue");
    expect(alert).toMatchObject({ period: `t${t.id}:2026-11-13`, status: "open", severity: "amber" });
    expect(alert?.deliveries.map((d) => d.professionalId).sort()).toEqual([f.sw1.id, f.vsh.id].sort());
    const copies = await sent(alert?.id ?? 0);
    const updatesBefore = mark();

    await exclusions.updatePartTime(actor(f.dtA), t.id, { reviewDate: "2026-12-04" });
    const after = await alertsOf(childId, "part_time_review_overdue");
    expect(after.map((a) => [a.period, a.status])).toEqual([[`t${t.id}:2026-11-13`, "resolved"]]);
    expect(after[0]?.events.map((e) => [e.action, e.detail, e.professionalId])).toEqual([
      ["cleared", "part_time_changed", f.dtA.id],
    ]);
    expect(await updatedSince(updatesBefore, copies)).toEqual(copies);
  });
});

describe("resolved by the record", () => {
  it("a place started resolves the open no_school_place alert, says why, and updates every sent copy", async () => {
    const childId = await newChild();
    await scan();
    const [alert] = await alertsOf(childId, "no_school_place");
    expect(alert).toMatchObject({ status: "open" });
    const copies = await sent(alert?.id ?? 0);
    expect(copies.length).toBeGreaterThan(0);
    const updatesBefore = mark();

    const place = await services().places.start(actor(f.sw1), childId, {
      schoolId: f.schoolB.id,
      fromDate: TODAY,
      yearGroup: "7",
    });
    expect(place).toMatchObject({ school: { id: f.schoolB.id }, fromDate: TODAY, toDate: null, yearGroup: "7" });
    const [now] = await alertsOf(childId, "no_school_place");
    expect(now?.status).toBe("resolved");
    expect(now?.events.map((e) => [e.action, e.detail, e.professionalId])).toEqual([
      ["cleared", "place_started", f.sw1.id],
    ]);
    expect(await updatedSince(updatesBefore, copies)).toEqual(copies);
  });

  it("a review held resolves review_overdue (a booking alone does not)", async () => {
    const childId = await newChild(f.schoolA.id);
    // The first review was held (on time); none since: the second was due on 13 May 2024.
    await db().careReview.create({ data: { childId, date: "2024-02-13", status: "held" } });
    await scan();
    const [alert] = await alertsOf(childId, "review_overdue");
    expect(alert).toMatchObject({ status: "open", severity: "red" });
    expect(alert?.deliveries.map((d) => d.professionalId).sort()).toEqual([f.sw1.id, f.iro1.id].sort());
    const copies = await sent(alert?.id ?? 0);
    const { reviews } = services();

    const booking = await reviews.book(actor(f.iro1), childId, { plannedDate: "2026-12-01" });
    expect((await alertsOf(childId, "review_overdue")).map((a) => a.status)).toEqual(["open"]);

    const updatesBefore = mark();
    const held = await reviews.recordHeld(actor(f.iro1), childId, { heldOn: TODAY, code: "pn1" });
    // Held a week early: the booking is the review that took place.
    expect(held).toMatchObject({ id: booking.id, status: "held", heldOn: TODAY, code: "PN1", created: false });
    const [now] = await alertsOf(childId, "review_overdue");
    expect(now?.status).toBe("resolved");
    expect(now?.events.map((e) => [e.action, e.detail, e.professionalId])).toEqual([
      ["cleared", "review_held", f.iro1.id],
    ]);
    expect(await updatedSince(updatesBefore, copies)).toEqual(copies);
  });

  it("the daily scan clears no_school_place when the place arrives any other way (an import)", async () => {
    const childId = await newChild();
    await scan();
    const [alert] = await alertsOf(childId, "no_school_place");
    expect(alert?.status).toBe("open");
    const copies = await sent(alert?.id ?? 0);
    const updatesBefore = mark();

    await db().enrolment.create({ data: { childId, schoolId: f.schoolA.id, fromDate: TODAY } });
    const result = await scan();
    expect(result.resolved).toBeGreaterThanOrEqual(1);
    const [now] = await alertsOf(childId, "no_school_place");
    expect(now?.status).toBe("resolved");
    expect(now?.events.map((e) => [e.action, e.detail, e.professionalId])).toEqual([
      ["cleared", "record_changed", null],
    ]);
    expect(await updatedSince(updatesBefore, copies)).toEqual(copies);
  });

  it("an event is never cleared by the record: a suspension's alert stays when its place ends", async () => {
    const childId = await newChild(f.schoolA.id);
    const { exclusions, places } = services();
    // Friday and this morning: still running when recorded, so it alerts.
    await exclusions.record(actor(f.vsh), childId, { kind: "suspension", startDate: "2026-11-20", sessions: 3 });
    await places.end(actor(f.vsh), childId, { toDate: TODAY });
    expect((await alertsOf(childId, "suspension")).map((a) => a.status)).toEqual(["open"]);
  });
});

describe("the same record twice raises nothing new", () => {
  const counts = async (childId: number) => ({
    alerts: await db().alert.count({ where: { childId } }),
    deliveries: await db().alertDelivery.count({ where: { alert: { childId } } }),
    events: await db().alertEvent.count({ where: { alert: { childId } } }),
  });

  it("an exclusion recorded twice is a conflict, and syncing again finds nothing to do", async () => {
    const childId = await newChild(f.schoolA.id);
    const { exclusions } = services();
    const input = { kind: "suspension" as const, startDate: "2026-11-19", schoolDays: 2 };
    await exclusions.record(actor(f.dtA), childId, input);
    const before = await counts(childId);
    const queued = q.delivered.length;
    await expect(exclusions.record(actor(f.dtA), childId, input)).rejects.toMatchObject({
      code: "conflict",
      message: "A suspension starting on 19 Nov 2026 is already recorded for this child.",
    });
    expect(await syncRecordAlerts(deps, childId, "exclusion", "record_changed")).toEqual({ raised: 0, resolved: [] });
    expect(await counts(childId)).toEqual(before);
    expect(q.delivered.length).toBe(queued);
    expect(await db().exclusion.count({ where: { childId } })).toBe(1);
  });

  it("a place, a booking and a review held twice are the same records, with no new alerts or history", async () => {
    const childId = await newChild();
    await scan();
    const { places, reviews } = services();
    const place = { schoolId: f.schoolA.id, fromDate: TODAY };
    const first = await places.start(actor(f.sw1), childId, place);
    const booked = await reviews.book(actor(f.sw1), childId, { plannedDate: "2027-01-12" });
    await reviews.recordHeld(actor(f.iro1), childId, { heldOn: "2026-11-20" });
    const before = await counts(childId);
    const queued = [q.delivered.length, q.updated.length];

    expect(await places.start(actor(f.sw1), childId, place)).toMatchObject({ id: first.id, created: false, ended: [] });
    expect(await reviews.book(actor(f.sw1), childId, { plannedDate: "2027-01-12" })).toMatchObject({
      id: booked.id,
      previousDate: null,
    });
    expect(await reviews.recordHeld(actor(f.iro1), childId, { heldOn: "2026-11-20" })).toMatchObject({
      created: false,
    });
    expect(await counts(childId)).toEqual(before);
    expect([q.delivered.length, q.updated.length]).toEqual(queued);
    expect(await db().enrolment.count({ where: { childId } })).toBe(1);
    expect(await db().careReview.count({ where: { childId } })).toBe(2);
  });
});

describe("PEPs that arrive submitted (by import)", () => {
  it("the scan gives each one QA card, to the Virtual School when no adviser is allocated, once", async () => {
    const childId = await newChild(f.schoolA.id);
    const pep = await db().pep.create({
      data: { childId, term: "2026-autumn", dueDate: "2026-12-17", meetingDate: "2026-11-12", status: "submitted" },
    });
    await db().pepTarget.create({
      data: { pepId: pep.id, text: "Reading", owner: "Carer", byDate: "2027-02-12", ppRequestedPence: 15_000 },
    });
    await scan();
    const [qa, ...more] = await alertsOf(childId, "pep_quality_assurance");
    expect(more).toEqual([]);
    expect(qa).toMatchObject({ period: `p${pep.id}:1`, status: "open", severity: "amber" });
    expect(JSON.parse(qa?.details ?? "{}")).toEqual({
      pepId: pep.id,
      term: "2026-autumn",
      meetingDate: "2026-11-12",
      targets: 1,
      ppRequestedPence: 15_000,
    });
    expect(qa?.deliveries.map((d) => d.professionalId)).toEqual([f.vsh.id]);

    // Rated (the card closes), or still waiting: the next scan adds nothing either way.
    await scan();
    expect(await alertsOf(childId, "pep_quality_assurance")).toHaveLength(1);
    await db().pep.update({ where: { id: pep.id }, data: { status: "quality_assured", rag: "green" } });
    await scan();
    expect(await alertsOf(childId, "pep_quality_assurance")).toHaveLength(1);
  });
});
