/**
 * The PEP loop over the real protocol, end to end: the daily scan (on a fixed clock) finds
 * Jordan's initial PEP overdue → the worker sends the card to his designated teacher and
 * social worker through the Bot Connector stub → the DT answers "held on" on the card (an
 * Action.Execute invoke through the real CloudAdapter) → the PEP is saved, the alert
 * resolved and both sent copies updated (PUT) → the PEP is finished and submitted (as the
 * tab does) → a quality-assurance card reaches Jordan's education adviser → the adviser
 * rates it on the card → the PEP is quality-assured, that card resolved, and the outcome
 * notice reaches the DT and the social worker. Also: "booked for" on the card, a bad date,
 * a date in the future, a return for changes, and notices never escalated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScan } from "../../core/alerts/scan.js";
import { fixedClock } from "../../core/platform/clock.js";
import { alertIdOf, answerCard, postIdOf, quiet, runJob, showsAlert, startWorker } from "../support/alert-jobs.js";
import { type Json, startTestApp, type TestApp } from "../support/app.js";
import { cardTexts } from "../support/bot-turns.js";
import { cardSchemaAvailable, parseWithAdaptiveCards, validateCard } from "../support/card-schema.js";
import { type ConnectorStub, type RecordedCall, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { installation, message, personalConversation, post } from "../support/teams.js";
import { until } from "../support/wait.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const db = () => t.database.db;
const CARD = "application/vnd.microsoft.card.adaptive";
const MESSAGE = "application/vnd.microsoft.activity.message";
type Who = "vsh" | "sw1" | "sw2" | "dtA" | "dtB" | "iro1" | "ea1";
const user = (who: Who) => ({ aadObjectId: aadOf(PEOPLE[who]) });
const conversationOf = (who: Who) => personalConversation(user(who));
const cardOf = (c: RecordedCall) => c.body.attachments?.[0]?.content;
const text = (card: unknown) => cardTexts(card).join("\n");

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, workers: true, env: { PUBLIC_URL: "https://vs.example.org" } });
  f = await buildSmallAuthority(db());
  for (const who of ["vsh", "sw1", "sw2", "dtA", "dtB", "iro1", "ea1"] as const) {
    await post(t.base, installation(user(who), stub.url));
  }
  // The daily scan at 11:00 on Monday 23 November 2026; registers are not judged here.
  const { services } = t.runtime;
  await runScan(
    {
      db: db(),
      calendars: services.calendars,
      policy: services.config.policy,
      clock: fixedClock(TODAY, "11:00"),
      queue: t.runtime.queues.port,
    },
    { registersClosed: false },
  );
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

/**
 * The scan's open alert about `childId` for `rule`, once each copy has been sent, and the
 * alert's own card as each person sees it: sent alone, or opened from their digest with
 * "Open and answer", as they would.
 */
async function sentAlert(childId: number, rule: string, copies: number) {
  const alert = await db().alert.findFirstOrThrow({ where: { childId, rule }, include: { deliveries: true } });
  expect(alert.deliveries).toHaveLength(copies);
  const shown = await stub.waitFor((c) => c.kind === "send" && showsAlert(c, alert.id), {
    count: copies,
    timeoutMs: 15_000,
  });
  await until(
    "every copy to be recorded as sent",
    async () => (await db().alertDelivery.count({ where: { alertId: alert.id, status: "sent" } })) === copies,
  );
  const sends: RecordedCall[] = [];
  for (const send of shown) {
    const postId = postIdOf(send);
    if (postId === undefined) {
      sends.push(send);
      continue;
    }
    const who = (Object.keys(PEOPLE) as Who[]).find((w) => conversationOf(w) === send.conversationId) as Who;
    await answer(who, "alert.open", { alertId: alert.id, postId });
    const [own] = await stub.waitFor(
      (c) => c.kind === "reply" && c.conversationId === send.conversationId && alertIdOf(c) === alert.id,
    );
    sends.push(own as RecordedCall);
  }
  return { alert, sends };
}

/** Answers on the card as Teams posts an Action.Execute; Teams gets 200 and the card or a sentence. */
async function answer(who: Who, verb: string, data: Record<string, string | number>) {
  const res = await answerCard(t.base, stub.url, user(who), verb, data);
  expect(res.status).toBe(200);
  return res.body as { statusCode: number; type: string; value: Json };
}

/** Waits for `count` updates (PUT) of this alert's cards and returns the latest per activity. */
async function updatesOf(alertId: number, count: number) {
  await stub.waitFor((c) => c.kind === "update" && showsAlert(c, alertId), { count, timeoutMs: 15_000 });
  await quiet(t.runtime.queues.deliveries);
  const latest = new Map<string, RecordedCall>();
  for (const c of stub.calls.filter((c) => c.kind === "update" && showsAlert(c, alertId))) {
    expect(c.status).toBe(200);
    latest.set(c.activityId ?? "", c);
  }
  return latest;
}

function expectValidCard(card: unknown) {
  if (!cardSchemaAvailable) return;
  expect(validateCard(card)).toEqual([]);
  expect(parseWithAdaptiveCards(card).errors).toEqual([]);
}

/** Nothing a chat card may not carry: the surname, the date of birth, the UPN. */
function expectNoIdentifiers(card: unknown) {
  const json = JSON.stringify(card);
  expect(json).toContain("Jordan S.");
  expect(json).not.toContain("Smith");
  expect(json).not.toContain("2015-05-01");
  expect(json).not.toContain("1 May 2015");
  expect(json).not.toContain(f.jordan.upn ?? "no upn");
}

describe("the PEP loop, scan to quality assurance", () => {
  let pepId: number;

  it("the scan's PEP-overdue card reaches the DT and the social worker, with booked / held to answer", async () => {
    const { alert, sends } = await sentAlert(f.jordan.id, "pep_initial_overdue", 2);
    expect(sends.map((s) => s.conversationId).sort()).toEqual([conversationOf("dtA"), conversationOf("sw1")].sort());
    for (const send of sends) {
      const card = cardOf(send);
      expectValidCard(card);
      expectNoIdentifiers(card);
      expect(text(card)).toContain("Red: Initial PEP overdue");
      expect(text(card)).toContain("Has the PEP meeting been booked or held?");
      const json = JSON.stringify(card);
      for (const verb of ["alert.pep_booked", "alert.pep_held"]) expect(json).toContain(verb);
      expect(json).toContain(`https://vs.example.org/tab#/children/${f.jordan.id}/pep`);
    }
    expect(alert.status).toBe("open");
  });

  it("a missing date, or one in the future, gets a sentence and changes nothing", async () => {
    const alert = await db().alert.findFirstOrThrow({ where: { childId: f.jordan.id, rule: "pep_initial_overdue" } });
    const missing = await answer("dtA", "alert.pep_held", { alertId: alert.id });
    expect(missing).toEqual({ statusCode: 200, type: MESSAGE, value: "Choose the date the PEP meeting was held." });
    const future = await answer("dtA", "alert.pep_held", { alertId: alert.id, heldOn: "2026-12-01" });
    expect(future.type).toBe(MESSAGE);
    expect(future.value).toMatch(/has not happened yet/);
    // The same through the Action.Submit fallback (a client without Universal Actions).
    const before = stub.sent().length;
    const fallback = message(user("dtA"), stub.url, "", { verb: "alert.pep_held", alertId: alert.id, heldOn: "" });
    expect((await post(t.base, fallback)).status).toBe(200);
    // Only the bot's reply to that message: the scan's other cards may still be going out.
    const replies = stub
      .sent()
      .slice(before)
      .filter((r) => r.kind === "reply");
    expect(replies.map((r) => r.body.text)).toEqual(["Choose the date the PEP meeting was held."]);
    expect(await db().pep.count({ where: { childId: f.jordan.id } })).toBe(0);
    expect((await db().alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("open");
  });

  it("the DT answers “held on” on the card: the PEP is saved, the alert resolved, every copy updated", async () => {
    const alert = await db().alert.findFirstOrThrow({
      where: { childId: f.jordan.id, rule: "pep_initial_overdue" },
      include: { deliveries: true },
    });
    const since = (await db().auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;
    const reply = await answer("dtA", "alert.pep_held", { alertId: alert.id, heldOn: TODAY });
    expect(reply).toMatchObject({ statusCode: 200, type: CARD });
    expect(text(reply.value)).toContain("Status: Resolved: PEP meeting held");
    expectValidCard(reply.value);

    const pep = await db().pep.findFirstOrThrow({ where: { childId: f.jordan.id } });
    expect(pep).toMatchObject({ term: "initial", status: "held", meetingDate: TODAY });
    pepId = pep.id;
    const saved = await db().alert.findUniqueOrThrow({ where: { id: alert.id }, include: { events: true } });
    expect(saved).toMatchObject({ status: "resolved", answer: "pep_held", answeredById: f.dtA.id });
    expect(saved.events.map((e) => [e.action, e.detail, e.professionalId])).toEqual([
      ["cleared", "pep_held", f.dtA.id],
    ]);
    const audit = await db().auditEvent.findMany({ where: { id: { gt: since } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId, a.childId, a.channel])).toEqual(
      expect.arrayContaining([
        ["record_pep", f.dtA.id, f.jordan.id, "bot"],
        ["answer_alert", f.dtA.id, f.jordan.id, "bot"],
      ]),
    );

    // Both sent copies (the DT's and the social worker's) are replaced in Teams.
    const updates = await updatesOf(alert.id, 2);
    expect([...updates.keys()].sort()).toEqual(alert.deliveries.map((d) => d.activityId).sort());
    expect([...updates.values()].map((u) => u.conversationId).sort()).toEqual(
      [conversationOf("dtA"), conversationOf("sw1")].sort(),
    );
    for (const u of updates.values()) {
      const card = cardOf(u);
      expectValidCard(card);
      expect(text(card)).toContain("Resolved: PEP meeting held");
      // A digest shows each alert's state; the alert's own card shows its history too.
      if (postIdOf(u) === undefined) expect(text(card)).toContain("dt.a: Recorded the PEP meeting as held");
      expect(JSON.stringify(card)).not.toContain("alert.pep_held");
    }
  });

  it("the PEP finished and submitted (as the tab does), a quality-assurance card reaches the education adviser", async () => {
    const patch = await t.call("PATCH", `/api/peps/${pepId}`, {
      as: PEOPLE.dtA,
      body: {
        attendees: ["Designated teacher", "Social worker", "Carer", "Jordan"],
        childViews: "Likes science; finds maths hard.",
        targets: [
          { text: "Read for 20 minutes each evening", owner: "Carer", byDate: "2027-02-12" },
          { text: "Maths tutor twice a week", owner: "Class teacher", byDate: "2027-03-26", ppRequestedPence: 30_000 },
        ],
      },
    });
    expect(patch.status).toBe(200);
    expect((await t.call("POST", `/api/peps/${pepId}/submit`, { as: PEOPLE.dtA })).status).toBe(200);

    const { alert, sends } = await sentAlert(f.jordan.id, "pep_quality_assurance", 1);
    expect(JSON.parse(alert.details)).toMatchObject({ pepId });
    expect(sends[0]?.conversationId).toBe(conversationOf("ea1"));
    const card = cardOf(sends[0]!);
    expectValidCard(card);
    expectNoIdentifiers(card);
    const said = text(card);
    expect(said).toContain("PEP to quality-assure");
    expect(said).not.toMatch(/Amber|Red:/);
    expect(said).toContain("PEP: Initial PEP");
    expect(said).toContain("Meeting: Mon 23 Nov 2026");
    expect(said).toContain("Attendees: 4");
    expect(said).toContain("PP+ requested: £300.00");
    expect(said).toContain("• Maths tutor twice a week");
    expect(said).toContain("Class teacher · by 26 Mar 2027 · PP+ requested £300.00");
    // The child's views stay in the tab.
    expect(JSON.stringify(card)).not.toContain("Likes science");
    const json = JSON.stringify(card);
    for (const verb of ["alert.pep_qa", "alert.pep_return"]) expect(json).toContain(verb);
    expect(json).toContain("Targets are SMART, each with an owner and a date");
  });

  it("a designated teacher cannot rate it", async () => {
    const qa = await db().alert.findFirstOrThrow({ where: { childId: f.jordan.id, rule: "pep_quality_assurance" } });
    const refused = await answer("dtA", "alert.pep_qa", { alertId: qa.id, rating: "green" });
    expect(refused.type).toBe(MESSAGE);
    expect((await db().pep.findUniqueOrThrow({ where: { id: pepId } })).status).toBe("submitted");
  });

  it("the adviser rates it on the card: quality-assured, the card resolved, the outcome to the DT and social worker", async () => {
    const qa = await db().alert.findFirstOrThrow({
      where: { childId: f.jordan.id, rule: "pep_quality_assurance" },
      include: { deliveries: true },
    });
    const reply = await answer("ea1", "alert.pep_qa", {
      alertId: qa.id,
      rating: "green",
      criteria: "child_voice,smart_targets",
      comment: "A clear PEP: the tutoring matches the maths target.",
    });
    expect(reply).toMatchObject({ statusCode: 200, type: CARD });
    expect(text(reply.value)).toContain("Status: Resolved: PEP quality-assured: Green");
    expect(JSON.stringify(reply.value)).not.toContain("alert.pep_qa");

    const pep = await db().pep.findUniqueOrThrow({ where: { id: pepId } });
    expect(pep).toMatchObject({
      status: "quality_assured",
      rag: "green",
      qaById: f.ea1.id,
      qaComment: "A clear PEP: the tutoring matches the maths target.",
    });
    expect(JSON.parse(pep.qaCriteria ?? "[]")).toEqual(["child_voice", "smart_targets"]);
    expect((await db().alert.findUniqueOrThrow({ where: { id: qa.id } })).status).toBe("resolved");

    // The adviser's copy of the QA card is replaced too.
    const updates = await updatesOf(qa.id, 1);
    expect([...updates.keys()]).toEqual(qa.deliveries.map((d) => d.activityId));
    expect(text(cardOf([...updates.values()][0]!))).toContain("Status: Resolved: PEP quality-assured: Green");

    const { sends } = await sentAlert(f.jordan.id, "pep_qa_outcome", 2);
    expect(sends.map((s) => s.conversationId).sort()).toEqual([conversationOf("dtA"), conversationOf("sw1")].sort());
    for (const send of sends) {
      const card = cardOf(send);
      expectValidCard(card);
      expectNoIdentifiers(card);
      expect(cardTexts(card)[0]).toBe("PEP quality-assured: Green");
      expect(JSON.stringify(card)).not.toContain("Amber");
      expect(text(card)).toContain("A clear PEP: the tutoring matches the maths target.");
      expect(JSON.stringify(card)).not.toContain("Maths tutor twice a week");
      const titles = ((card as { actions?: { title: string }[] }).actions ?? []).map((a) => a.title);
      expect(titles).toEqual(["Noted", "Details"]);
    }
  });

  it("the DT notes the outcome", async () => {
    const outcome = await db().alert.findFirstOrThrow({ where: { childId: f.jordan.id, rule: "pep_qa_outcome" } });
    const reply = await answer("dtA", "alert.ack", { alertId: outcome.id });
    expect(text(reply.value)).toContain("Status: Acknowledged");
    expect((await db().alert.findUniqueOrThrow({ where: { id: outcome.id } })).status).toBe("acknowledged");
  });
});

describe("booked for, on the card", () => {
  it("the social worker books Amira's PEP: the date shows on both copies, the alert stays open", async () => {
    const { alert } = await sentAlert(f.amira.id, "pep_initial_overdue", 2);
    const reply = await answer("sw2", "alert.pep_booked", { alertId: alert.id, bookedFor: "2026-12-03" });
    expect(reply.type).toBe(CARD);
    expect(text(reply.value)).toContain("PEP meeting booked for Thu 3 Dec 2026");

    const pep = await db().pep.findFirstOrThrow({ where: { childId: f.amira.id } });
    expect(pep).toMatchObject({ status: "booked", meetingDate: "2026-12-03" });
    const saved = await db().alert.findUniqueOrThrow({ where: { id: alert.id }, include: { events: true } });
    // Booked is not held: the PEP is still overdue, and the card says it is in hand.
    expect(saved.status).toBe("acknowledged");
    expect(saved.events.map((e) => [e.action, e.detail, e.professionalId])).toEqual([
      ["pep_booked", "2026-12-03", f.sw2.id],
    ]);
    const updates = await updatesOf(alert.id, 2);
    expect([...updates.values()].map((u) => u.conversationId).sort()).toEqual(
      [conversationOf("dtB"), conversationOf("sw2")].sort(),
    );
    for (const u of updates.values()) {
      expect(text(cardOf(u))).toContain("PEP meeting booked for Thu 3 Dec 2026");
      expect(text(cardOf(u))).toContain("sw2: Booked the PEP meeting for Thu 3 Dec 2026");
      // Still answerable: held on is what closes it.
      expect(JSON.stringify(cardOf(u))).toContain("alert.pep_held");
    }
  });

  it("a date in the past is refused with a sentence", async () => {
    const alert = await db().alert.findFirstOrThrow({ where: { childId: f.amira.id, rule: "pep_initial_overdue" } });
    const reply = await answer("dtB", "alert.pep_booked", { alertId: alert.id, bookedFor: "2026-11-02" });
    expect(reply.type).toBe(MESSAGE);
    expect(reply.value).toMatch(/has passed/);
  });
});

describe("notices are not escalated", () => {
  it("an unanswered QA outcome stays with the DT; an unanswered PEP alert goes to the VSH", async () => {
    const raised = new Date("2026-11-16T10:30:00Z"); // a week earlier
    const make = (rule: string, period: string) =>
      db().alert.create({
        data: {
          childId: f.tyler.id,
          rule,
          period,
          dedupeKey: `${f.tyler.id}:${rule}:${period}`,
          severity: "amber",
          raisedAt: raised,
          details: JSON.stringify({ pepId: 999_999, rating: "amber" }),
          deliveries: { create: { professionalId: f.sw1.id, status: "sent" } },
        },
      });
    const notice = await make("pep_qa_outcome", "escalation-notice");
    const task = await make("pep_review_due", "escalation-task");
    const worker = await startWorker(t, fixedClock(TODAY, "16:00"));
    try {
      await runJob(worker.queues.alerts, "escalate");
      await quiet(worker.queues.deliveries);
    } finally {
      await worker.close();
    }
    expect((await db().alert.findUniqueOrThrow({ where: { id: notice.id } })).status).toBe("open");
    expect((await db().alert.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("escalated");
  });
});
