/**
 * Escalation's boundary, pinned on both sides through the real escalate job: an alert
 * nobody answered goes to the VSH once 2 school days (POLICY_ALERT_ESCALATE_SCHOOL_DAYS)
 * have passed since the day it was raised, not after 1; weekends and a half-term are not
 * school days, so more than 2 calendar days can still be fewer than 2 school days. Each run
 * is a worker whose fixed clock says the day; each test writes its own alerts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../core/platform/clock.js";
import { type IsoDate, londonDateOf } from "../../core/platform/dates.js";
import { alertIdOf, quiet, runJob, startWorker } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { installation, personalConversation, post } from "../support/teams.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const db = () => t.database.db;

beforeAll(async () => {
  stub = await startConnectorStub();
  // The API alone; each escalate runs in a worker on the day the test names.
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(db());
  await post(t.base, installation({ aadObjectId: aadOf(PEOPLE.vsh) }, stub.url));
});
afterEach(async () => {
  await db().alert.deleteMany({});
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

let serial = 0;
/** An alert about Amira sent to her social worker at `raisedAt`, with `status` (open unless said). */
async function alertRaisedAt(raisedAt: string, status = "open") {
  serial += 1;
  const period = `escalation-${serial}`;
  const alert = await db().alert.create({
    data: {
      childId: f.amira.id,
      rule: "pep_overdue",
      period,
      dedupeKey: `${f.amira.id}:pep_overdue:${period}`,
      severity: "red",
      status,
      raisedAt: new Date(raisedAt),
      deliveries: { create: { professionalId: f.sw2.id, status: "sent" } },
    },
  });
  return alert.id;
}

/** Runs the escalate job in a worker whose clock says `day`, and lets it deliver what it queued. */
async function escalateOn(day: IsoDate) {
  const worker = await startWorker(t, fixedClock(day, "16:00"));
  try {
    const result = await runJob(worker.queues.alerts, "escalate");
    await quiet(worker.queues.deliveries);
    return result;
  } finally {
    await worker.close();
  }
}

const statusOf = async (id: number) => (await db().alert.findUniqueOrThrow({ where: { id } })).status;

describe("escalation after 2 school days", () => {
  it("not after 1 school day, nor over the weekend (3 calendar days); exactly at 2, to the VSH", async () => {
    // Thursday 19 Nov 2026, 10:30 in England (GMT).
    const id = await alertRaisedAt("2026-11-19T10:30:00Z");
    const answered = await alertRaisedAt("2026-11-19T10:30:00Z", "acknowledged");

    expect(await escalateOn("2026-11-20")).toEqual({ escalated: 0, deliveries: 0 }); // Fri: 1 school day
    expect(await escalateOn("2026-11-22")).toEqual({ escalated: 0, deliveries: 0 }); // Sun: still 1
    expect(await statusOf(id)).toBe("open");

    // Mon: Fri and Mon, 2 school days.
    expect(await escalateOn("2026-11-23")).toEqual({ escalated: 1, deliveries: 1 });

    const alert = await db().alert.findUniqueOrThrow({
      where: { id },
      include: { events: true, deliveries: true },
    });
    expect(alert.status).toBe("escalated");
    expect(alert.escalatedAt && londonDateOf(alert.escalatedAt)).toBe("2026-11-23");
    expect(alert.events.map((e) => e.action)).toEqual(["escalated"]);
    expect(alert.deliveries.map((d) => [d.professionalId, d.status]).sort()).toEqual(
      [
        [f.sw2.id, "sent"],
        [f.vsh.id, "sent"],
      ].sort(),
    );
    // The VSH got the card, once, saying so.
    const toVsh = stub.calls.filter((c) => c.kind === "send" && alertIdOf(c) === id);
    expect(toVsh).toHaveLength(1);
    expect(toVsh[0]).toMatchObject({
      conversationId: personalConversation({ aadObjectId: aadOf(PEOPLE.vsh) }),
      status: 201,
    });
    expect(JSON.stringify(toVsh[0]?.body)).toContain("Escalated to the Virtual School Head");
    // An answered alert is not escalated, however old.
    expect(await statusOf(answered)).toBe("acknowledged");
  });

  it("across the October half-term: 1 school day after 10 calendar days is not enough", async () => {
    // Thursday 22 Oct 2026, 10:30 BST; the half-term is 26–30 Oct.
    const thursday = await alertRaisedAt("2026-10-22T09:30:00Z");
    // Friday 23 Oct at 00:30 BST: still Thursday in UTC, but England's Friday is the day it counts from.
    const friday = await alertRaisedAt("2026-10-22T23:30:00Z");

    // Fri 30 Oct (8 and 7 calendar days) and Sun 1 Nov (10 and 9): only Friday 23 Oct has passed.
    expect(await escalateOn("2026-10-30")).toMatchObject({ escalated: 0 });
    expect(await escalateOn("2026-11-01")).toMatchObject({ escalated: 0 });
    expect([await statusOf(thursday), await statusOf(friday)]).toEqual(["open", "open"]);

    // Mon 2 Nov: Fri 23 Oct and Mon 2 Nov for Thursday's alert (2); Monday alone for Friday's (1).
    expect(await escalateOn("2026-11-02")).toMatchObject({ escalated: 1 });
    expect([await statusOf(thursday), await statusOf(friday)]).toEqual(["escalated", "open"]);

    // Tue 3 Nov: Friday's alert reaches 2.
    expect(await escalateOn("2026-11-03")).toMatchObject({ escalated: 1 });
    expect(await statusOf(friday)).toBe("escalated");
    const events = await db().alertEvent.findMany({ where: { alertId: { in: [thursday, friday] } } });
    expect(events.map((e) => [e.alertId, e.action, londonDateOf(e.at)]).sort()).toEqual(
      [
        [thursday, "escalated", "2026-11-02"],
        [friday, "escalated", "2026-11-03"],
      ].sort(),
    );
  });
});

describe("on the calendar of the child's school", () => {
  it("counts an out-of-area school's own closures: its INSET days are not school days", async () => {
    // Amira's school is in LA 888: load its term with INSET days on Fri 20 and Mon 23 Nov
    // (school days in the home authority's calendar).
    await db().schoolCalendar.createMany({
      data: [
        { laCode: "888", kind: "term", name: "2026-autumn", startDate: "2026-09-03", endDate: "2026-12-18" },
        { laCode: "888", kind: "closure", name: "INSET", startDate: "2026-11-20", endDate: "2026-11-20" },
        { laCode: "888", kind: "closure", name: "INSET", startDate: "2026-11-23", endDate: "2026-11-23" },
      ],
    });
    try {
      // Thursday 19 Nov 2026, 10:30 in England.
      const id = await alertRaisedAt("2026-11-19T10:30:00Z");
      // Mon 23 Nov: 2 school days at home, none at Amira's school.
      expect(await escalateOn("2026-11-23")).toMatchObject({ escalated: 0 });
      // Tue 24 Nov: 1; Wed 25 Nov: 2.
      expect(await escalateOn("2026-11-24")).toMatchObject({ escalated: 0 });
      expect(await statusOf(id)).toBe("open");
      expect(await escalateOn("2026-11-25")).toMatchObject({ escalated: 1 });
      expect(await statusOf(id)).toBe("escalated");
    } finally {
      await db().schoolCalendar.deleteMany({ where: { laCode: "888" } });
    }
  });
});
