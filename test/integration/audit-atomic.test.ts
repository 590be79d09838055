/**
 * Issue 13, item 4: every change writes its audit row in the same transaction as the
 * change. A trigger in the test database makes every AuditEvent insert fail; each change
 * must then leave nothing behind (rolled back with its audit row), and, the trigger
 * dropped, the very same call must succeed (so the failure was the audit's, not the call's).
 */
import { describe, expect, it } from "vitest";
import { answerCard } from "../support/alert-jobs.js";
import type { TestResponse } from "../support/app.js";
import { aadOf, PEOPLE, TODAY } from "../support/factories.js";
import { withInsertsRefused } from "../support/refuse-inserts.js";
import { useSmallAuthority } from "../support/small-authority.js";

const { t, f, stub } = useSmallAuthority();
const db = () => t.database.db;

/** Runs `call` while every audit append fails; returns its answer. */
const withAuditFailing = <T>(call: () => Promise<T>): Promise<T> => withInsertsRefused(db(), "AuditEvent", call);

/** The same API call: refused (5xx) with the audit failing and nothing changed; then it succeeds. */
async function refusedThenSaved(
  call: () => Promise<TestResponse>,
  state: () => Promise<unknown>,
  savedStatus: number,
): Promise<void> {
  const before = await state();
  const failed = await withAuditFailing(call);
  expect(failed.status).toBeGreaterThanOrEqual(500);
  expect(await state()).toEqual(before);
  const saved = await call();
  expect(saved.status).toBe(savedStatus);
  expect(await state()).not.toEqual(before);
}

/** An alert about Jordan sent to his DT, open. */
async function alertForJordan(key: string, extra: { rule?: string; period?: string; details?: string } = {}) {
  return db().alert.create({
    data: {
      childId: f.jordan.id,
      rule: extra.rule ?? "unexplained_absence_today",
      dedupeKey: key,
      period: extra.period ?? TODAY,
      severity: "amber",
      details: extra.details ?? JSON.stringify({ date: TODAY }),
      raisedAt: new Date("2026-11-23T10:30:00Z"),
      deliveries: { create: { professionalId: f.dtA.id, status: "sent" } },
    },
  });
}

const alertState = (id: number) =>
  db().alert.findUniqueOrThrow({
    where: { id },
    select: { status: true, answer: true, answeredById: true, snoozedUntil: true, events: { select: { id: true } } },
  });

describe("a change whose audit row cannot be written is not made", () => {
  it("an action logged (with its follow-up reminder)", async () => {
    const state = async () => ({
      actions: await db().actionLog.count({ where: { childId: f.tyler.id } }),
      reminders: await db().alert.count({ where: { childId: f.tyler.id, rule: "follow_up" } }),
    });
    const body = { text: "Rang the carer about a school place", followUpDate: "2026-11-27" };
    const call = () => t.call("POST", `/api/children/${f.tyler.id}/actions`, { as: PEOPLE.sw1, body });
    await refusedThenSaved(call, state, 201);
  });

  it("a PEP recorded (booked)", async () => {
    const state = () =>
      db().pep.findMany({ where: { childId: f.jordan.id }, select: { id: true, status: true, meetingDate: true } });
    const body = { status: "booked", meetingDate: "2026-12-02" };
    const call = () => t.call("POST", `/api/children/${f.jordan.id}/peps`, { as: PEOPLE.dtA, body });
    await refusedThenSaved(call, state, 201);
  });

  it("an alert acknowledged", async () => {
    const alert = await alertForJordan("jordan:atomic-ack");
    const call = () => t.call("POST", `/api/alerts/${alert.id}/acknowledge`, { as: PEOPLE.dtA });
    await refusedThenSaved(call, () => alertState(alert.id), 200);
  });

  it("an alert answered on its card with an action logged: neither the action nor the answer is kept", async () => {
    const alert = await alertForJordan("jordan:atomic-log");
    const state = async () => ({
      alert: await alertState(alert.id),
      actions: await db().actionLog.count({ where: { childId: f.jordan.id } }),
    });
    const before = await state();
    const dt = { aadObjectId: aadOf(PEOPLE.dtA) };
    const data = { alertId: alert.id, text: "Spoke to the carer", confirmed: true };
    const failed = await withAuditFailing(() => answerCard(t.base, stub.url, dt, "alert.log", data));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await state()).toEqual(before);
    expect((await answerCard(t.base, stub.url, dt, "alert.log", data)).status).toBe(200);
    expect(await state()).toMatchObject({ actions: before.actions + 1, alert: { answer: "action_logged" } });
  });

  it("an absence answered 'in school' on its card: no register mark is kept", async () => {
    const day = "2026-11-20";
    await db().attendanceMark.deleteMany({ where: { childId: f.jordan.id, date: day } });
    const alert = await alertForJordan("jordan:atomic-present", {
      period: day,
      details: JSON.stringify({ date: day }),
    });
    const state = async () => ({
      alert: await alertState(alert.id),
      marks: await db().attendanceMark.findMany({ where: { childId: f.jordan.id, date: day }, select: { code: true } }),
    });
    const before = await state();
    const dt = { aadObjectId: aadOf(PEOPLE.dtA) };
    const failed = await withAuditFailing(() =>
      answerCard(t.base, stub.url, dt, "alert.present", { alertId: alert.id, late: "false" }),
    );
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await state()).toEqual(before);
    expect((await answerCard(t.base, stub.url, dt, "alert.present", { alertId: alert.id })).status).toBe(200);
    expect((await state()).marks).toHaveLength(2);
  });

  it("a PEP alert answered 'held on' on its card: no PEP, and the alert not answered", async () => {
    const alert = await alertForJordan("jordan:atomic-pep", { rule: "pep_initial_overdue", details: "{}" });
    const state = async () => ({
      alert: await alertState(alert.id),
      peps: await db().pep.findMany({ where: { childId: f.jordan.id }, select: { status: true, meetingDate: true } }),
    });
    const before = await state();
    const dt = { aadObjectId: aadOf(PEOPLE.dtA) };
    const data = { alertId: alert.id, heldOn: "2026-11-19" };
    const failed = await withAuditFailing(() => answerCard(t.base, stub.url, dt, "alert.pep_held", data));
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await state()).toEqual(before);
    expect((await answerCard(t.base, stub.url, dt, "alert.pep_held", data)).status).toBe(200);
    expect(await state()).toMatchObject({ alert: { answer: "pep_held" } });
  });

  it("a review booked, an exclusion recorded, an SEN status changed, a child created", async () => {
    const j = f.jordan.id;
    await refusedThenSaved(
      () => t.call("POST", `/api/children/${j}/reviews`, { as: PEOPLE.iro1, body: { plannedDate: "2026-12-10" } }),
      () => db().careReview.findMany({ where: { childId: j }, select: { date: true, status: true } }),
      201,
    );
    await refusedThenSaved(
      () =>
        t.call("POST", `/api/children/${j}/exclusions`, {
          as: PEOPLE.dtA,
          body: { kind: "suspension", startDate: "2026-11-16", schoolDays: 2 },
        }),
      () => db().exclusion.count({ where: { childId: j } }),
      201,
    );
    await refusedThenSaved(
      () =>
        t.call("POST", `/api/children/${j}/sen`, { as: PEOPLE.vsh, body: { status: "ehcp", fromDate: "2026-11-02" } }),
      () => db().child.findUniqueOrThrow({ where: { id: j }, select: { senStatus: true, senSince: true } }),
      201,
    );
    const body = { localId: "ATOM1", firstName: "Noor", lastName: "Hassan", dateOfBirth: "2016-02-29", upn: "UN2" };
    await refusedThenSaved(
      () => t.call("POST", "/api/children", { as: PEOPLE.vsh, body }),
      () => db().child.count({ where: { localId: "ATOM1" } }),
      201,
    );
  });
});
