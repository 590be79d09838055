/**
 * Issue 13, item 4: every read the bot shows that names a child is audited (card
 * refreshes, a card shown again with a question, answers to plain questions), and every
 * refusal of a child outside the person's scope is audited as `refused`, by id, whether
 * the child was asked for by a card's button or refresh or by name. Over the real
 * CloudAdapter, on the real app; the audit rows are read back from the database.
 */
import { describe, expect, it } from "vitest";
import { VERBS } from "../../cards/verbs.js";
import { answerCard } from "../support/alert-jobs.js";
import { auditAdded } from "../support/audit-rows.js";
import { botTurn } from "../support/bot-turns.js";
import { aadOf, PEOPLE, TODAY } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";
import { message, post } from "../support/teams.js";

const { t, f, stub } = useSmallAuthority();
const db = () => t.database.db;

type Who = "vsh" | "sw1" | "sw2" | "dtA" | "dtB" | "iro1";
const user = (who: Who) => ({ aadObjectId: aadOf(PEOPLE[who]) });
const say = (who: Who, text: string) => botTurn(t.base, stub, user(who), text);
/** A card's Action.Submit (a message whose value is the button's data). */
const press = async (who: Who, value: object) => {
  const before = stub.sent().length;
  expect((await post(t.base, message(user(who), stub.url, "", value))).status).toBe(200);
  return stub.sent().slice(before);
};
/** A card's Action.Execute (an invoke: a refresh or a button). */
const execute = (who: Who, verb: string, data: Record<string, string | number | boolean>) =>
  answerCard(t.base, stub.url, user(who), verb, data);

/** The audit rows `call` added, oldest first. */
const audited = (call: () => Promise<unknown>) =>
  auditAdded(db(), call, { actorId: true, action: true, childId: true, channel: true, outcome: true });

const row = (who: Who, action: string, childId: number | null, outcome = "allowed") => ({
  actorId: f[who].id,
  action,
  childId,
  channel: "bot",
  outcome,
});
const refused = (who: Who, childId: number | null) => row(who, "access", childId, "refused");

/** An open alert about Jordan, sent to his DT. */
const alertForJordan = (key: string) =>
  db().alert.create({
    data: {
      childId: f.jordan.id,
      rule: "unexplained_absence_today",
      dedupeKey: key,
      period: TODAY,
      severity: "amber",
      details: JSON.stringify({ date: TODAY }),
      raisedAt: new Date("2026-11-23T10:30:00Z"),
      deliveries: { create: { professionalId: f.dtA.id, status: "sent" } },
    },
  });

describe("card refreshes and cards shown again are audited reads", () => {
  it("an alert card's refresh (Universal Actions) is a read of the child", async () => {
    const alert = await alertForJordan("jordan:bot-reads-refresh");
    const rows = await audited(async () => {
      const res = await execute("dtA", "alert.refresh", { alertId: alert.id });
      expect(res.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
      expect(JSON.stringify(res.body.value)).toContain("Jordan");
    });
    expect(rows).toEqual([row("dtA", "read_alerts", f.jordan.id)]);
  });

  it("an alert card shown again with a question about a follow-up date is a read of the child", async () => {
    const alert = await alertForJordan("jordan:bot-reads-question");
    const rows = await audited(async () => {
      // A follow-up on a Saturday: the card asks before saving anything.
      const res = await execute("dtA", "alert.log", {
        alertId: alert.id,
        text: "Ring the carer, follow up 28/11/2026",
      });
      expect(res.body.type).toBe("application/vnd.microsoft.card.adaptive");
    });
    expect(rows).toEqual([row("dtA", "read_alerts", f.jordan.id)]);
    expect(await db().actionLog.count({ where: { childId: f.jordan.id } })).toBe(0);
  });
});

describe("plain questions are audited as the reads they make", () => {
  it("'is Jordan in school today?', 'who is Jordan's social worker?', 'who is absent today?'", async () => {
    expect(await audited(() => say("dtA", "is Jordan in school today?"))).toEqual([
      row("dtA", "read_status", f.jordan.id),
    ]);
    expect(await audited(() => say("dtA", "who is Jordan's social worker?"))).toEqual([
      row("dtA", "read_child", f.jordan.id),
    ]);
    // dtA's school has Jordan on roll today (Leah has left).
    expect(await audited(() => say("dtA", "who is absent today?"))).toEqual([row("dtA", "read_caseload", f.jordan.id)]);
  });
});

describe("a child outside the person's scope, asked for, is refused and audited as refused", () => {
  it("by a card's button (status, brief, a choice of child): the child's id", async () => {
    for (const verb of [VERBS.openStatus, VERBS.openBrief]) {
      const rows = await audited(async () => {
        const [reply] = await press("sw2", { verb, childId: f.jordan.id });
        expect(reply?.body.text).toMatch(/couldn't find that child/);
      });
      expect(rows).toEqual([refused("sw2", f.jordan.id)]);
    }
    const choice = {
      verb: VERBS.recordChild,
      childId: f.jordan.id,
      subject: "pep",
      event: "booked",
      date: "2026-12-03",
    };
    expect(await audited(() => press("sw2", choice))).toEqual([refused("sw2", f.jordan.id)]);
  });

  it("by an alert card's refresh or button: the alert's child", async () => {
    const alert = await alertForJordan("jordan:bot-reads-refused");
    // sw2 may not see Jordan (404 to the API); the IRO may, but the alert was not sent to them (403).
    for (const [who, verb] of [
      ["sw2", "alert.refresh"],
      ["sw2", "alert.ack"],
      ["iro1", "alert.ack"],
    ] as const) {
      const rows = await audited(async () => {
        const res = await execute(who, verb, { alertId: alert.id });
        expect(res.body.type).toBe("application/vnd.microsoft.activity.message");
      });
      expect(rows).toEqual([refused(who, f.jordan.id)]);
    }
    expect((await db().alert.findUniqueOrThrow({ where: { id: alert.id } })).status).toBe("open");
  });

  it("by name or UPN, in a command or a question: the children outside the scope so named", async () => {
    const { upn } = await db().child.findUniqueOrThrow({ where: { id: f.jordan.id }, select: { upn: true } });
    for (const text of [
      "status Jordan Smith",
      "brief jordan smith",
      `status ${upn}`,
      "is Jordan Smith in school today?",
    ]) {
      const rows = await audited(async () => {
        const { cards } = await say("sw2", text);
        expect(JSON.stringify(cards)).not.toContain("Smith");
      });
      expect(rows).toEqual([refused("sw2", f.jordan.id)]);
    }
  });

  it("a name that is nobody's, or the person's own child, adds no refusal", async () => {
    expect(await audited(() => say("sw2", "status Zebedee Quux"))).toEqual([]);
    expect(await audited(() => say("sw1", "status Jordan Smith"))).toEqual([
      row("sw1", "read_child", f.jordan.id),
      row("sw1", "read_status", f.jordan.id),
    ]);
    // The Head sees every child: nobody is outside the scope.
    expect((await audited(() => say("vsh", "status Zebedee"))).filter((r) => r.outcome === "refused")).toEqual([]);
  });
});
