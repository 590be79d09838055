/**
 * One digest, not a flood (issue 12 item 3), end to end on the real Redis, the real
 * CloudAdapter and the Bot Connector stub: each person gets one card for a scan's alerts
 * (children grouped, most serious first) and a child absent today alone; answering on the
 * digest updates it and every other copy; "Open and answer" posts the alert's own card; a
 * digest nobody can read goes to the Virtual School saying whose it was; "Ask school" puts
 * the alert to the DT and the DT's answer reaches the asker's card.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AlertRule } from "../../core/alerts/alert.types.js";
import { writeAlerts } from "../../core/alerts/outbox.js";
import { sendAsDigests } from "../../core/alerts/posts.js";
import { quiet } from "../support/alert-jobs.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { installation, personalConversation, post } from "../support/teams.js";
import { until } from "../support/wait.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;
const db = () => t.database.db;
const conversationOf = (email: string) => personalConversation({ aadObjectId: aadOf(email) });

beforeAll(async () => {
  stub = await startConnectorStub();
  // 11:00: the morning register has closed, so a DT's answer about this morning is written.
  t = await startTestApp({ today: TODAY, time: "11:00", workers: true });
  f = await buildSmallAuthority(db());
  // sw2 never installed the app: the bot has no conversation with them.
  for (const who of ["vsh", "sw1", "dtA", "dtB"] as const) {
    await post(t.base, installation({ aadObjectId: aadOf(PEOPLE[who]) }, stub.url));
  }
});
afterAll(async () => {
  await t.close();
  await stub.close();
});
beforeEach(async () => {
  await quiet(t.runtime.queues.deliveries);
  await db().alert.deleteMany();
  await db().alertPost.deleteMany();
  await db().conversationReference.updateMany({ data: { usable: true } });
  stub.reset();
});

type Raise = { child: { id: number }; rule: AlertRule; severity?: "red" | "amber"; to: { id: number }[] };

/** New alerts sent as the scan sends them (posts.ts sendAsDigests); resolves when nothing is left pending. */
async function raise(alerts: Raise[]) {
  const { deliveryIds } = await writeAlerts(
    db(),
    alerts.map((a) => ({
      childId: a.child.id,
      rule: a.rule,
      period: TODAY,
      dedupeKey: `${a.child.id}:${a.rule}:${TODAY}`,
      severity: a.severity ?? "red",
      recipients: [],
      details: (a.rule === "unexplained_absence_today" ? { date: TODAY, am: "N" } : {}) as Record<string, string>,
      recipientIds: a.to.map((p) => p.id),
    })),
    t.runtime.services.clock.now(),
  );
  const sent = await sendAsDigests(db(), t.runtime.queues.port, deliveryIds, "scan", t.runtime.services.clock.now());
  await until("nothing pending", async () => {
    const [deliveries, posts] = await Promise.all([
      db().alertDelivery.count({ where: { status: "pending" } }),
      db().alertPost.count({ where: { status: "pending" } }),
    ]);
    return deliveries + posts === 0;
  });
  await quiet(t.runtime.queues.deliveries);
  return sent;
}

const sendsTo = (email: string) =>
  stub.sent().filter((c) => c.kind === "send" && c.conversationId === conversationOf(email));
const text = (body: unknown) => JSON.stringify(body);
const alertOf = (childId: number, rule: string) => db().alert.findFirstOrThrow({ where: { childId, rule } });

async function invoke(email: string, verb: string, data: object) {
  const res = await post(t.base, {
    ...installation({ aadObjectId: aadOf(email) }, stub.url),
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data } },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

/** sw1's morning: Jordan absent today and missing education with an overdue PEP; Tyler without a place. */
const sw1Morning = (): Raise[] => [
  { child: f.jordan, rule: "unexplained_absence_today", to: [f.sw1, f.dtA] },
  { child: f.tyler, rule: "no_school_place", to: [f.sw1, f.vsh] },
  { child: f.jordan, rule: "pep_overdue", severity: "amber", to: [f.sw1, f.vsh] },
  { child: f.jordan, rule: "missing_education", to: [f.sw1] },
];

describe("one digest per person per scan", () => {
  it("sends a child absent today alone at once, and everything else on one card, most serious first", async () => {
    const sent = await raise(sw1Morning());
    // sw1: the absence alone and a digest; the VSH: a digest of two; the DT: the absence.
    expect(sent).toEqual({ alone: 2, digests: 2 });
    const toSw1 = sendsTo(PEOPLE.sw1);
    expect(toSw1).toHaveLength(2);
    const [absence, digest] = [
      toSw1.find((c) => text(c.body).includes("Unexplained absence today") && !text(c.body).includes("need you")),
      toSw1.find((c) => text(c.body).includes("need you")),
    ];
    expect(text(absence?.body)).toContain("alert.ask_school");
    const card = text(digest?.body);
    expect(card).toContain("2 children need you");
    expect(card).toContain("3 alerts from the Virtual School's check on Mon 23 Nov 2026");
    // Jordan (missing education) before Tyler (no school place); his overdue PEP after his missing education.
    expect(card.indexOf("Jordan S.")).toBeLessThan(card.indexOf("Tyler"));
    expect(card.indexOf("Missing education")).toBeLessThan(card.indexOf("Amber: PEP overdue"));
    expect(card).not.toContain("Unexplained absence today");
    expect(card).not.toContain("Smith");
    // Every alert on it was sent with it: an answer anywhere updates it.
    const posted = await db().alertPost.findFirstOrThrow({ where: { professionalId: f.sw1.id } });
    const copies = await db().alertDelivery.findMany({ where: { postId: posted.id } });
    expect(copies).toHaveLength(3);
    expect(copies.every((d) => d.status === "sent" && d.activityId === posted.activityId)).toBe(true);
    expect(sendsTo(PEOPLE.dtA)).toHaveLength(1);
  });

  it("a person with one alert gets that alert's own card, not a digest of one", async () => {
    await raise([{ child: f.tyler, rule: "no_school_place", to: [f.sw1] }]);
    const [only] = sendsTo(PEOPLE.sw1);
    expect(text(only?.body)).toContain("No school place");
    expect(text(only?.body)).not.toContain("need you");
    expect(await db().alertPost.count()).toBe(0);
  });

  it("Acknowledge on the digest answers the alert; the digest comes back answered and every other copy updates", async () => {
    await raise(sw1Morning());
    const pep = await alertOf(f.jordan.id, "pep_overdue");
    const mine = await db().alertPost.findFirstOrThrow({ where: { professionalId: f.sw1.id } });
    const vshs = await db().alertPost.findFirstOrThrow({ where: { professionalId: f.vsh.id } });
    stub.reset();
    const body = await invoke(PEOPLE.sw1, "alert.ack", { alertId: pep.id, postId: mine.id });
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(text(body.value)).toContain("Acknowledged by sw1");
    expect(text(body.value)).toContain("2 still open");
    expect((await db().alert.findUniqueOrThrow({ where: { id: pep.id } })).status).toBe("acknowledged");
    // The Head's digest holds the same alert: it is replaced in place, answered.
    const [update] = await stub.waitFor((c) => c.kind === "update" && c.activityId === vshs.activityId);
    expect(text(update?.body)).toContain("Acknowledged by sw1");
  });

  it("Open and answer posts the alert's own card below and leaves the digest as it is", async () => {
    await raise(sw1Morning());
    const missing = await alertOf(f.jordan.id, "missing_education");
    const mine = await db().alertPost.findFirstOrThrow({ where: { professionalId: f.sw1.id } });
    stub.reset();
    const body = await invoke(PEOPLE.sw1, "alert.open", { alertId: missing.id, postId: mine.id });
    expect(text(body.value)).toContain("2 children need you");
    const [own] = await stub.waitFor((c) => c.kind === "reply" || c.kind === "send");
    expect(text(own?.body)).toContain("Missing education");
    expect(text(own?.body)).toContain("alert.ask_school");
    expect((await db().alert.findUniqueOrThrow({ where: { id: missing.id } })).status).toBe("open");
    // Opening it shows the child's record: audited.
    const read = await db().auditEvent.findFirst({
      where: { actorId: f.sw1.id, action: "read_alerts" },
      orderBy: { id: "desc" },
    });
    expect(read?.childId).toBe(f.jordan.id);
  });

  it("a digest Teams refuses for good (too big) loses nothing: its alerts go alone", async () => {
    stub.inject({
      status: 413,
      times: 1,
      match: (c) => c.conversationId === conversationOf(PEOPLE.sw1) && text(c.body).includes("need you"),
    });
    await raise(sw1Morning().filter((a) => a.rule !== "unexplained_absence_today"));
    const post = await db().alertPost.findFirstOrThrow({ where: { professionalId: f.sw1.id } });
    expect(post.status).toBe("failed");
    await until(
      "each alert sent alone",
      async () =>
        (await db().alertDelivery.count({ where: { professionalId: f.sw1.id, status: "sent", postId: null } })) === 3,
    );
    const alone = sendsTo(PEOPLE.sw1).filter((c) => !text(c.body).includes("need you"));
    expect(alone).toHaveLength(3);
  });

  it("a stale copy's Acknowledge never reopens a resolved alert", async () => {
    await raise(sw1Morning());
    const mine = await db().alertPost.findFirstOrThrow({ where: { professionalId: f.sw1.id } });
    const pep = await alertOf(f.jordan.id, "pep_overdue");
    await db().alert.update({ where: { id: pep.id }, data: { status: "resolved" } });
    const body = await invoke(PEOPLE.sw1, "alert.ack", { alertId: pep.id, postId: mine.id });
    expect(text(body.value)).toContain("already resolved");
    expect((await db().alert.findUniqueOrThrow({ where: { id: pep.id } })).status).toBe("resolved");
  });

  it("a digest is its reader's alone: someone else's refresh or answer through it is refused, and a read is audited", async () => {
    await raise(sw1Morning());
    const mine = await db().alertPost.findFirstOrThrow({ where: { professionalId: f.sw1.id } });
    const pep = await alertOf(f.jordan.id, "pep_overdue");
    const refused = await invoke(PEOPLE.dtA, "digest.refresh", { postId: mine.id });
    expect(refused.type).toBe("application/vnd.microsoft.activity.message");
    expect(text(refused.value)).not.toContain("Jordan");
    const sneaky = await invoke(PEOPLE.dtA, "alert.ack", { alertId: pep.id, postId: mine.id });
    expect(sneaky.type).toBe("application/vnd.microsoft.activity.message");
    expect((await db().alert.findUniqueOrThrow({ where: { id: pep.id } })).status).toBe("open");
    // An alert the digest does not hold is not answered through it.
    const other = await raise([{ child: f.amira, rule: "pep_overdue", to: [f.sw2] }]);
    expect(other.alone).toBe(1);
    const amira = await alertOf(f.amira.id, "pep_overdue");
    await invoke(PEOPLE.sw1, "alert.ack", { alertId: amira.id, postId: mine.id });
    expect((await db().alert.findUniqueOrThrow({ where: { id: amira.id } })).status).toBe("open");

    const before = await db().auditEvent.count({ where: { actorId: f.sw1.id, action: "read_alerts" } });
    const refreshed = await invoke(PEOPLE.sw1, "digest.refresh", { postId: mine.id });
    expect(text(refreshed.value)).toContain("Jordan S.");
    expect(await db().auditEvent.count({ where: { actorId: f.sw1.id, action: "read_alerts" } })).toBe(before + 2);
  });
});

describe("rerouted and asked", () => {
  it("copies nobody can read reach the Head on one card for the check, saying whose each was", async () => {
    // sw2 and the IRO never installed the app: sw2's digest and the IRO's one alert are rerouted.
    await raise([
      { child: f.amira, rule: "pep_overdue", to: [f.sw2] },
      { child: f.amira, rule: "persistent_absence", severity: "amber", to: [f.sw2] },
      { child: f.jordan, rule: "review_overdue", to: [f.iro1] },
    ]);
    const original = await db().alertPost.findFirstOrThrow({ where: { professionalId: f.sw2.id } });
    expect(original.status).toBe("rerouted");
    await until("the Head's card to carry all three", async () => {
      const copies = await db().alertDelivery.count({ where: { professionalId: f.vsh.id, status: "sent" } });
      return copies === 3;
    });
    await quiet(t.runtime.queues.deliveries);
    const toHead = sendsTo(PEOPLE.vsh);
    expect(toHead).toHaveLength(1);
    // The card as it now shows (sent once, updated as copies joined it).
    const shown = stub
      .shown()
      .filter((c) => c.conversationId === conversationOf(PEOPLE.vsh))
      .map((c) => text(c.body))
      .at(-1);
    expect(shown).toContain(
      "Sent to you because iro1 (independent reviewing officer) and sw2 (social worker) could not be reached in Teams",
    );
    expect(shown).toContain("was for sw2 (social worker)");
    expect(shown).toContain("was for iro1 (independent reviewing officer)");
    expect(shown).not.toContain("could not reach the recipient");
    const copies = await db().alertDelivery.findMany({ where: { professionalId: f.vsh.id } });
    expect(new Set(copies.map((c) => c.postId)).size).toBe(1);
    expect(copies.map((c) => c.forProfessionalId).sort()).toEqual([f.sw2.id, f.sw2.id, f.iro1.id].sort());
    const events = await db().alertEvent.findMany({ where: { action: "rerouted" } });
    expect(events.map((e) => e.detail).sort()).toEqual(
      ["iro1 (independent reviewing officer)", "sw2 (social worker)", "sw2 (social worker)"].sort(),
    );
  });

  it("Ask school puts the alert to the DT, whose answer reaches the asker's card and the register", async () => {
    await raise([{ child: f.jordan, rule: "unexplained_absence_today", to: [f.sw1] }]);
    const absence = await alertOf(f.jordan.id, "unexplained_absence_today");
    const sw1Copy = await db().alertDelivery.findFirstOrThrow({
      where: { alertId: absence.id, professionalId: f.sw1.id },
    });
    stub.reset();
    await invoke(PEOPLE.sw1, "alert.ask_school", { alertId: absence.id });
    const [asked] = await stub.waitFor((c) => c.kind === "send" && c.conversationId === conversationOf(PEOPLE.dtA));
    expect(text(asked?.body)).toContain("sw1 (social worker) asks the school about this");
    expect(text(asked?.body)).toContain("alert.present");
    // Only Jordan's school is asked.
    expect(sendsTo(PEOPLE.dtB)).toHaveLength(0);

    stub.reset();
    const answered = await invoke(PEOPLE.dtA, "alert.present", { alertId: absence.id, late: false });
    expect(text(answered.value)).toContain("Marked in school");
    const [update] = await stub.waitFor(
      (c) => c.kind === "update" && c.activityId === sw1Copy.activityId && text(c.body).includes("Marked in school"),
    );
    expect(text(update?.body)).toContain("Resolved");
    const mark = await db().attendanceMark.findUnique({
      where: { childId_date_session: { childId: f.jordan.id, date: TODAY, session: "AM" } },
    });
    expect(mark?.code).toBe("/");
  });

  it("Ask school about a child with no school says so, and asks nobody", async () => {
    await raise([{ child: f.tyler, rule: "no_school_place", to: [f.sw1] }]);
    const alert = await alertOf(f.tyler.id, "no_school_place");
    const body = await invoke(PEOPLE.sw1, "alert.ask_school", { alertId: alert.id });
    expect(text(body.value)).toContain("no school place today, so there is no school to ask");
    expect(await db().alertPost.count({ where: { kind: "asked" } })).toBe(0);
  });
});

describe("the alerts list", () => {
  it("a tapped row opens the alert's own card, with its answers", async () => {
    await raise([{ child: f.tyler, rule: "no_school_place", to: [f.sw1] }]);
    const alert = await alertOf(f.tyler.id, "no_school_place");
    stub.reset();
    await post(t.base, {
      ...installation({ aadObjectId: aadOf(PEOPLE.sw1) }, stub.url),
      type: "message",
      text: "",
      value: { verb: "alert.open", alertId: alert.id },
    });
    const [reply] = await stub.waitFor((c) => c.kind === "reply");
    expect(text(reply?.body)).toContain("No school place");
    expect(text(reply?.body)).toContain("alert.ack");
  });
});
