/**
 * The Log action on an alert card reads its dates as the chat's "log" does and questions
 * the same ones (core/actions/log-dates.ts): a follow-up on a weekend, in the school
 * holidays or more than a term away comes back on the card and nothing is saved, until
 * "Save anyway" (the same words) or a change of words; a follow-up on a school day, or an
 * action dated earlier, saves at once. Over the real protocol: Action.Execute invokes (and
 * the Action.Submit fallback) posted to /api/messages, each button pressed as the card the
 * bot returned carries it. Monday 23 Nov 2026, 14:30.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { londonDateOf } from "../../core/platform/dates.js";
import { answerCard, outboxAlert } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { cardSchemaAvailable, validateCard } from "../support/card-schema.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { installation, message, post } from "../support/teams.js";
import { until } from "../support/wait.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const db = () => t.database.db;
const CARD = "application/vnd.microsoft.card.adaptive";
const MESSAGE = "application/vnd.microsoft.activity.message";
type Node = Record<string, unknown>;
type Data = Record<string, string | number | boolean>;

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, time: "14:30", workers: true });
  f = await buildSmallAuthority(db());
  for (const who of ["sw1", "dtA"] as const) {
    await post(t.base, installation({ aadObjectId: aadOf(PEOPLE[who]) }, stub.url));
  }
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

/** A PEP alert about Jordan raised this morning, its cards sent to the DT and the social worker. */
async function sentAlert(): Promise<number> {
  const alert = await outboxAlert(db(), {
    childId: f.jordan.id,
    recipientIds: [f.dtA.id, f.sw1.id],
    raisedAt: new Date(`${TODAY}T10:30:00Z`),
  });
  await t.runtime.queues.port.deliver(alert.deliveryIds);
  await until(
    "both copies to be sent",
    async () => (await db().alertDelivery.count({ where: { alertId: alert.alertId, status: "sent" } })) === 2,
  );
  return alert.alertId;
}

/** The social worker answers on the card (an Action.Execute invoke); resolves with the invoke's answer. */
async function invoke(verb: string, data: Data): Promise<{ type: string; value: unknown }> {
  const res = await answerCard(t.base, stub.url, { aadObjectId: aadOf(PEOPLE.sw1) }, verb, data);
  expect(res.status).toBe(200);
  return res.body as { type: string; value: unknown };
}

/** Every node of `card` (body, action bar, the cards inside ShowCards) that `keep` accepts. */
function nodesOf(card: unknown, keep: (n: Node) => boolean): Node[] {
  if (Array.isArray(card)) return card.flatMap((c) => nodesOf(c, keep));
  if (typeof card !== "object" || card === null) return [];
  const node = card as Node;
  return [...(keep(node) ? [node] : []), ...Object.values(node).flatMap((v) => nodesOf(v, keep))];
}

const executes = (card: unknown, title: string) =>
  nodesOf(card, (n) => n.type === "Action.Execute" && n.title === title);

/** Presses the card's one Action.Execute titled `title`: its verb and data, with `inputs` typed in. */
function press(card: unknown, title: string, inputs: Data = {}) {
  const [action, ...more] = executes(card, title);
  expect(more).toEqual([]);
  if (!action) throw new Error(`no “${title}” button on the card`);
  return invoke(String(action.verb), { ...(action.data as Data), ...inputs });
}

const textOf = (card: unknown) => JSON.stringify(card);
const barTitles = (card: unknown) => ((card as { actions?: Node[] }).actions ?? []).map((a) => a.title);

/** The actions Jordan's log holds with these words, as [followUpDate, London date of `at`, source, by]. */
async function logged(text: string) {
  const rows = await db().actionLog.findMany({ where: { childId: f.jordan.id, text }, orderBy: { id: "asc" } });
  return rows.map((a) => [a.followUpDate, londonDateOf(a.at), a.source, a.professionalId]);
}

/** What answering changed: the alert's status and history, and the audit rows written since `since`. */
async function alertAfter(alertId: number, since: number) {
  const alert = await db().alert.findUniqueOrThrow({ where: { id: alertId }, include: { events: true } });
  const audit = await db().auditEvent.findMany({ where: { id: { gt: since } }, orderBy: { id: "asc" } });
  return {
    status: alert.status,
    history: alert.events.map((e) => [e.action, e.professionalId]),
    audit: audit.map((a) => a.action),
  };
}

const lastAudit = async () => (await db().auditEvent.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;

describe("a follow-up the chat would question is questioned on the card, and nothing is saved", () => {
  it.each([
    ["on a weekend", "Rang the carer, follow up Saturday", "The follow-up, Sat 28 Nov 2026, is on a weekend."],
    [
      "in the holidays",
      "Spoke to the DT, follow up 25 Dec",
      "The follow-up, Fri 25 Dec 2026, is in the school holidays.",
    ],
    ["a term away", "Emailed the carer, chase on 1 June", "The follow-up, Tue 1 Jun 2027, is more than a term away."],
  ])("%s: “%s”", async (_, text, question) => {
    const alertId = await sentAlert();
    const since = await lastAudit();
    const reminders = () => db().alert.count({ where: { childId: f.jordan.id, rule: "follow_up" } });
    const remindersBefore = await reminders();
    const reply = await invoke("alert.log", { alertId, text });

    expect(reply.type).toBe(CARD);
    const shown = textOf(reply.value);
    expect(shown).toContain("Not logged yet: check the date");
    expect(shown).toContain(question);
    expect(shown).toContain("Save anyway, or change the date?");
    // The question's own buttons stand in for Log; the words wait in "Change the date".
    expect(barTitles(reply.value)).toEqual(["Noted", "Ask school"]);
    const [input] = nodesOf(reply.value, (n) => n.type === "Input.Text");
    expect(input).toMatchObject({ id: "text", value: text });
    if (cardSchemaAvailable) expect(validateCard(reply.value)).toEqual([]);

    expect(await logged(text)).toEqual([]);
    // Nothing saved; the card shown again names the child, an audited read (issue 13).
    expect(await alertAfter(alertId, since)).toEqual({ status: "open", history: [], audit: ["read_alerts"] });
    expect(await reminders()).toBe(remindersBefore);
  });
});

describe("answering the question", () => {
  it("“Save anyway” saves the same words, follow-up and all, and acknowledges the alert", async () => {
    const alertId = await sentAlert();
    const text = "Rang the carer, follow up Saturday morning";
    const since = await lastAudit();
    const asked = await invoke("alert.log", { alertId, text });
    expect(executes(asked.value, "Save anyway")).toHaveLength(1);

    // The worker's replacements of the alert's copies (audited before each send) wait until
    // the answer's own audit rows are read.
    await t.runtime.queues.deliveries.pause();
    try {
      const saved = await press(asked.value, "Save anyway");
      expect(saved.type).toBe(CARD);
      expect(textOf(saved.value)).toContain("Logged an action");
      expect(textOf(saved.value)).toContain("Status: Acknowledged");
      expect(textOf(saved.value)).not.toContain("Not logged yet");
      expect(barTitles(saved.value)).toContain("Log");

      expect(await logged(text)).toEqual([["2026-11-28", TODAY, "card", f.sw1.id]]);
      expect(await alertAfter(alertId, since)).toEqual({
        status: "acknowledged",
        history: [["action_logged", f.sw1.id]],
        audit: ["read_alerts", "log_action", "answer_alert"],
      });
    } finally {
      await t.runtime.queues.deliveries.resume();
    }
    const [action] = await db().actionLog.findMany({ where: { text } });
    const reminder = await db().alert.findMany({ where: { dedupeKey: `follow_up:action:${action?.id}` } });
    expect(reminder.map((a) => [a.rule, a.period])).toEqual([["follow_up", "2026-11-28"]]);
  });

  it("“Change the date”: new words are read again, questioned again if need be, then saved at once", async () => {
    const alertId = await sentAlert();
    const asked = await invoke("alert.log", { alertId, text: "Met the carer, follow up 25 Dec" });
    expect(textOf(asked.value)).toContain("is in the school holidays.");

    const still = await press(asked.value, "Save action", { text: "Met the carer, follow up 26 Dec" });
    expect(textOf(still.value)).toContain("The follow-up, Sat 26 Dec 2026, is on a weekend.");
    expect(await logged("Met the carer, follow up 26 Dec")).toEqual([]);

    const text = "Met the carer, follow up 15 Dec";
    const saved = await press(still.value, "Save action", { text });
    expect(textOf(saved.value)).toContain("Logged an action");
    expect(textOf(saved.value)).not.toContain("Not logged yet");
    expect(await logged(text)).toEqual([["2026-12-15", TODAY, "card", f.sw1.id]]);
    expect(await logged("Met the carer, follow up 25 Dec")).toEqual([]);
  });

  it("a date the log refuses gets no “Save anyway”, and pressing one anyway changes nothing", async () => {
    const alertId = await sentAlert();
    const text = "Met the DT on 20 November 2024";
    const asked = await invoke("alert.log", { alertId, text });
    expect(textOf(asked.value)).toContain("The action date is more than a year ago.");
    expect(textOf(asked.value)).toContain("Change the date to log it.");
    expect(executes(asked.value, "Save anyway")).toEqual([]);

    const since = await lastAudit();
    const forced = await invoke("alert.log", { alertId, text, confirmed: true });
    expect(forced).toMatchObject({ type: MESSAGE, value: "The action date is more than a year ago." });
    expect(await logged(text)).toEqual([]);
    expect(await alertAfter(alertId, since)).toEqual({ status: "open", history: [], audit: [] });
  });

  it("without Universal Actions (Action.Submit): the same question, and “Save anyway” saves", async () => {
    const alertId = await sentAlert();
    const text = "Texted the carer, follow up Sunday";
    const user = { aadObjectId: aadOf(PEOPLE.sw1) };
    const reply = async (value: object) => {
      const before = stub.sent().length;
      expect((await post(t.base, message(user, stub.url, "", value))).status).toBe(200);
      const [card, ...more] = stub
        .sent()
        .slice(before)
        .filter((c) => c.kind === "reply");
      expect(more).toEqual([]);
      return card?.body.attachments?.[0]?.content;
    };

    const asked = await reply({ verb: "alert.log", alertId, text });
    expect(textOf(asked)).toContain("The follow-up, Sun 29 Nov 2026, is on a weekend.");
    expect(await logged(text)).toEqual([]);

    const [fallback] = executes(asked, "Save anyway").map((a) => (a.fallback as Node).data as Data);
    expect(fallback).toEqual({ verb: "alert.log", alertId, text, confirmed: true });
    expect(textOf(await reply(fallback ?? {}))).toContain("Logged an action");
    expect(await logged(text)).toEqual([["2026-11-29", TODAY, "card", f.sw1.id]]);
  });
});

describe("dates the chat would not question save at once", () => {
  it("a follow-up on the next school day (tomorrow, Tuesday)", async () => {
    const alertId = await sentAlert();
    const text = "Emailed the DT, follow up tomorrow";
    const saved = await invoke("alert.log", { alertId, text });
    expect(saved.type).toBe(CARD);
    expect(textOf(saved.value)).toContain("Logged an action");
    expect(textOf(saved.value)).not.toContain("Not logged yet");
    expect(await logged(text)).toEqual([["2026-11-24", TODAY, "card", f.sw1.id]]);
  });

  it("“met the DT on 20 November” says when it happened (last Friday), not a follow-up", async () => {
    const alertId = await sentAlert();
    const text = "Met the DT on 20 November";
    const saved = await invoke("alert.log", { alertId, text });
    expect(textOf(saved.value)).toContain("Logged an action");
    expect(textOf(saved.value)).not.toContain("Not logged yet");
    expect(await logged(text)).toEqual([[null, "2026-11-20", "card", f.sw1.id]]);
  });
});
