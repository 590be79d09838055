/**
 * Cards a person reads at a glance (issue 12, item 5), over the real protocol: plain
 * English, whom to contact, suggested next steps, tappable alert rows, a caseload that
 * flags a suspension and a part-time timetable, nothing personal in a channel, and a
 * stranger told whom to contact.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { botTurn, cardTexts } from "../support/bot-turns.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { installation, message, post, type TeamsUser } from "../support/teams.js";

const APP_ID = "11111111-2222-4333-8444-555555555555";
const CONTACT = "virtual.school@demo.example.gov.uk";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;

const user = (who: keyof typeof PEOPLE): TeamsUser => ({ aadObjectId: aadOf(PEOPLE[who]) });
const stranger: TeamsUser = { aadObjectId: "aad-glance-stranger" };

type Action = { type: string; title: string; url?: string; data?: { verb?: string; text?: string; childId?: unknown } };
type Card = { actions?: Action[]; body?: unknown[] };
const say = (who: TeamsUser, text: string) => botTurn(t.base, stub, who, text);
const texts = (card: unknown) => cardTexts(card).join("\n");
const actionsOf = (card: unknown) => (card as Card).actions ?? [];
const asked = (card: unknown) => actionsOf(card).flatMap((a) => (a.data?.verb === "question.ask" ? [a.data.text] : []));
const tabLink = (card: unknown) => actionsOf(card).find((a) => a.title === "Open in the tab")?.url;

/** A button's payload sent back as Teams sends an Action.Submit. */
async function press(who: TeamsUser, value: object) {
  const before = stub.sent().length;
  expect((await post(t.base, message(who, stub.url, "", value))).status).toBe(200);
  return stub.sent().slice(before);
}

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({
    today: TODAY,
    env: { PUBLIC_URL: "https://vs.example.org", TEAMS_APP_ID: APP_ID, VIRTUAL_SCHOOL_CONTACT: CONTACT },
  });
  f = await buildSmallAuthority(t.database.db);
});

afterAll(async () => {
  await t.close();
  await stub.close();
});

beforeEach(async () => {
  stub.reset();
  await t.database.db.alert.deleteMany();
  await t.database.db.botState.deleteMany();
  await t.database.db.exclusion.deleteMany();
  await t.database.db.partTimeTimetable.deleteMany();
});

describe("the status card reads at a glance", () => {
  it.each([
    ["sw1", "status Jordan Smith"],
    ["dtA", "status Jordan"],
    ["iro1", "status Jordan Smith"],
    ["vsh", "status jordan smith"],
  ] as const)("%s: “%s” names the team with e-mail links", async (who, phrase) => {
    const { cards } = await say(user(who), phrase);
    const shown = texts(cards[0]);
    expect(shown).toContain("Who to contact");
    expect(shown).toContain(`Designated teacher: [dt.a](mailto:${PEOPLE.dtA})`);
    expect(shown).toContain(`Social worker: [sw1](mailto:${PEOPLE.sw1})`);
    expect(shown).toContain(`IRO: [iro1](mailto:${PEOPLE.iro1})`);
    expect(shown).toContain("School: Oakfield Primary");
  });

  it("starts with a headline in words and colour, and no raw codes", async () => {
    const { cards } = await say(user("sw1"), "status Jordan Smith");
    const shown = texts(cards[0]);
    expect(shown).toMatch(/^(Red: needs attention now|Amber: keep an eye on this|Green: nothing needs attention)/m);
    expect(shown).not.toMatch(/\b\d{4}-(autumn|spring|summer)\b|_/);
    expect(shown).not.toMatch(/RAG /);
  });

  it("an overdue PEP says when it was due, never “next due” in the past", async () => {
    await t.database.db.pep.create({
      data: { childId: f.jordan.id, term: "2026-autumn", dueDate: "2026-11-10", status: "not_started" },
    });
    try {
      const { cards } = await say(user("sw1"), "status Jordan Smith");
      const lines = cardTexts(cards[0]);
      for (const line of lines.filter((l) => l.startsWith("Next PEP due: "))) {
        const shown = new Date(`${line.slice("Next PEP due: ".length)} UTC`);
        expect(shown.getTime()).toBeGreaterThanOrEqual(new Date(`${TODAY}T00:00:00Z`).getTime());
      }
      expect(lines.some((l) => l.startsWith("PEP was due: "))).toBe(true);
      expect(lines.join("\n")).not.toMatch(/2026-autumn/);
    } finally {
      await t.database.db.pep.deleteMany({ where: { childId: f.jordan.id, term: "2026-autumn" } });
    }
  });

  it("offers My caseload, Log an action and the personal tab as a Teams deep link", async () => {
    const { cards } = await say(user("sw1"), "status Jordan Smith");
    expect(asked(cards[0])).toEqual(["my caseload", "log"]);
    const link = tabLink(cards[0]);
    expect(link).toMatch(new RegExp(`^https://teams\\.microsoft\\.com/l/entity/${APP_ID}/vs-home\\?context=`));
    expect(decodeURIComponent(link?.split("context=")[1] ?? "")).toContain(`"subEntityId":"children/${f.jordan.id}"`);
  });

  it("a DT's status card suggests “my pupils”; pressing it answers as if typed", async () => {
    const { cards } = await say(user("dtA"), "status Jordan");
    expect(asked(cards[0])).toEqual(["my pupils", "log"]);
    const [reply] = await press(user("dtA"), { verb: "question.ask", text: "my pupils" });
    const caseload = reply?.body.attachments?.[0]?.content;
    expect(texts(caseload)).toContain("Jordan S.");
  });
});

describe("welcome and help", () => {
  it.each([
    ["sw1", "hello", "Welcome", ["my caseload", "log"]],
    ["dtA", "hi", "Welcome", ["my pupils", "log"]],
    ["iro1", "help", "What you can ask", ["my caseload", "reviews", "log"]],
    ["vsh", "help", "What you can ask", ["my caseload", "log"]],
  ] as const)("%s: “%s” has the suggested actions and the tab", async (who, phrase, heading, suggested) => {
    const { cards } = await say(user(who), phrase);
    expect(texts(cards[0])).toContain(heading);
    expect(asked(cards[0])).toEqual(suggested);
    expect(tabLink(cards[0])).toBe(`https://teams.microsoft.com/l/entity/${APP_ID}/vs-home`);
  });

  it("the Log an action button starts the log conversation", async () => {
    const replies = await press(user("sw1"), { verb: "question.ask", text: "log" });
    expect(replies.length).toBeGreaterThan(0);
  });
});

describe("alerts", () => {
  /** Every verb on a card's buttons, however deep (Action.Execute and its Submit fallback alike). */
  const verbsOf = (card: unknown): string[] =>
    [...JSON.stringify(card).matchAll(/"verb":"([a-z_.]+)"/g)].map((m) => m[1] ?? "");

  it("each row opens that alert's own card about the child, with its answers", async () => {
    const alert = await t.database.db.alert.create({
      data: {
        childId: f.jordan.id,
        rule: "pep_overdue",
        dedupeKey: `glance-${randomUUID()}`,
        period: "2026-autumn",
        severity: "red",
        deliveries: { create: { professionalId: f.sw1.id, status: "sent" } },
      },
    });
    const { cards } = await say(user("sw1"), "alerts");
    const shown = texts(cards[0]);
    expect(shown).toContain("1 alert. Tap one to open it and answer.");
    expect(shown).toContain("Red: PEP overdue");
    expect(shown).not.toMatch(/pep_overdue|2026-autumn/);
    const rows = (cards[0] as { body: { selectAction?: { data?: object } }[] }).body.filter((e) => e.selectAction);
    expect(rows.map((r) => r.selectAction?.data)).toEqual([{ verb: "alert.open", alertId: alert.id }]);

    const [reply] = await press(user("sw1"), { verb: "alert.open", alertId: alert.id });
    const card = reply?.body.attachments?.[0]?.content;
    const opened = texts(card);
    expect(opened).toContain("Jordan S.");
    expect(opened).not.toContain("Who to contact"); // the alert, not the status card
    expect(opened).not.toMatch(/pep_overdue|2026-autumn/);
    const verbs = verbsOf(card);
    expect(verbs).toContain("alert.ack");
    expect(verbs).toContain("alert.log");
    expect(verbs.every((v) => v.startsWith("alert.") || v === "status.open")).toBe(true);
    expect(JSON.stringify(card)).toContain(`"alertId":${alert.id}`);
  });
});

describe("the caseload flags a suspension today and a part-time timetable", () => {
  it.each([
    ["sw1", "my caseload"],
    ["dtA", "my pupils"],
    ["vsh", "caseload"],
  ] as const)("%s: “%s”", async (who, phrase) => {
    await t.database.db.exclusion.create({
      data: { childId: f.jordan.id, kind: "suspension", startDate: TODAY, days: 3 },
    });
    await t.database.db.partTimeTimetable.create({
      data: { childId: f.jordan.id, startDate: "2026-11-02", plannedEndDate: "2026-12-18", reviewDate: "2026-12-07" },
    });
    const { cards } = await say(user(who), phrase);
    const shown = texts(cards[0]);
    expect(shown).toMatch(/Suspended until \d+ \w+ 2026/);
    expect(shown).toContain("Part-time timetable");
  });

  it("a suspension that ended before today is not flagged", async () => {
    await t.database.db.exclusion.create({
      data: { childId: f.jordan.id, kind: "suspension", startDate: "2026-11-02", days: 1 },
    });
    const { cards } = await say(user("sw1"), "my caseload");
    expect(texts(cards[0])).not.toContain("Suspended");
  });
});

describe("nothing personal in a channel or group chat", () => {
  const shared = (kind: "channel" | "groupChat", activity: ReturnType<typeof message>) => ({
    ...activity,
    conversation: { ...activity.conversation, id: `19:${randomUUID()}@thread.v2`, conversationType: kind },
  });

  it.each(["channel", "groupChat"] as const)("installed in a %s: a welcome naming no one", async (kind) => {
    const install = installation(user("sw1"), stub.url);
    await post(t.base, {
      ...install,
      conversation: { ...install.conversation, id: `19:${randomUUID()}`, conversationType: kind },
    });
    const [welcome] = await stub.waitFor(() => true);
    expect(welcome?.body.text).toMatch(/only shown in a one-to-one chat/);
    expect(welcome?.body.text).not.toMatch(/sw1|social worker/i);
    expect(welcome?.body.attachments ?? []).toEqual([]);
  });

  it.each(["hello", "hi there"])("“%s” in a group chat is answered without a name", async (phrase) => {
    const before = stub.sent().length;
    await post(t.base, shared("groupChat", message(user("dtA"), stub.url, phrase)));
    const [reply] = stub.sent().slice(before);
    expect(reply?.body.text).toMatch(/one-to-one chat/);
    expect(JSON.stringify([reply?.body.text, reply?.body.attachments ?? []])).not.toMatch(/dt\.a|Designated teacher/);
  });
});

describe("someone the Virtual School does not know", () => {
  it.each(["hello", "status Jordan", "my caseload"])("“%s”: told whom to contact", async (phrase) => {
    const { text, cards } = await say(stranger, phrase);
    expect(text).toContain(`contact the Virtual School at ${CONTACT}`);
    expect(cards).toEqual([]);
  });
});
