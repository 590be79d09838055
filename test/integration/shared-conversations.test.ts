/**
 * One-to-one only, everywhere (issue 13, item 2), over the real protocol: in a group chat
 * or a team channel, no card button (Action.Submit) and no Universal Action or refresh
 * (invoke) shows a child's information or changes anything. Each answers with the one
 * sentence that says to message the bot directly; typed help still works there.
 * And two of item 6's bad inputs in a one-to-one chat: the log dialog keeps the 2,000
 * character limit, and markdown in a child's name shows as text, never as a link.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxAlert } from "../support/alert-jobs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { ofType } from "../support/card-schema.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { actionsOf, conversation } from "../support/conversation.js";
import { aadOf, buildSmallAuthority, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { message, post, type TeamsUser } from "../support/teams.js";

const PRIVATE_ONLY = "Children's information is only shown in a one-to-one chat with me";
const SHARED = ["groupChat", "channel"] as const;

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;
let alertId: number;
let postId: number;

const sw1: TeamsUser = { aadObjectId: aadOf(PEOPLE.sw1) };
const names = () => [f.jordan, f.tyler].flatMap((c) => [c.firstName, c.lastName]);
const db = () => t.database.db;

/** What in the database a card action could change. */
const writes = async () => ({
  actions: await db().actionLog.count(),
  alert: await db().alert.findUniqueOrThrow({ where: { id: alertId }, select: { status: true, answer: true } }),
  events: await db().alertEvent.count(),
});

/** An Action.Execute as Teams posts it (a button or a card's refresh), in a shared conversation. */
async function invoke(shared: string, verb: string, data: object) {
  const { text: _text, ...activity } = message(sw1, stub.url, "");
  const res = await post(t.base, {
    ...activity,
    conversation: { ...activity.conversation, id: `19:${shared}-h6`, conversationType: shared },
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data } },
  });
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(t.database.db);
  ({ alertId } = await outboxAlert(db(), {
    childId: f.jordan.id,
    recipientIds: [f.sw1.id],
    raisedAt: new Date(`${TODAY}T07:00:00Z`),
  }));
  const digest = await db().alertPost.create({
    data: { professionalId: f.sw1.id, kind: "digest", key: "digest:h6:sw1", status: "sent" },
  });
  postId = digest.id;
  await db().alertDelivery.updateMany({ where: { alertId }, data: { postId, status: "sent" } });
});

afterAll(async () => {
  await t.close();
  await stub.close();
});

beforeEach(() => stub.reset());

const submits = () => [
  { verb: "status.open", childId: f.jordan.id },
  { verb: "brief.open", childId: f.jordan.id },
  { verb: "caseload.page", page: 1 },
  { verb: "record.child", childId: f.jordan.id, subject: "pep", event: "held", date: TODAY },
  { verb: "log.child", childId: f.jordan.id },
  { verb: "log.save" },
  { verb: "log.edit", text: "rang Jordan's carer", childId: f.jordan.id },
  { verb: "question.ask", text: "status Jordan Smith" },
  { verb: "question.ask", text: "my caseload" },
  { verb: "alert.open", alertId },
  { verb: "alert.refresh", alertId },
  { verb: "alert.ack", alertId },
  { verb: "alert.log", alertId, text: "rang Jordan's school" },
  { verb: "alert.snooze", alertId, days: 3 },
  { verb: "digest.refresh", postId },
  { verb: "alert.ack", alertId, postId },
  { verb: "alert.open", alertId, postId },
];

describe.each(SHARED)("in a %s", (shared) => {
  it("refuses every card button with the one-to-one sentence, showing and changing nothing", async () => {
    const chat = conversation(t.base, stub, sw1, shared);
    const before = await writes();
    for (const value of submits()) {
      const seen = await chat.submit(value);
      const said = JSON.stringify(seen.calls.map((c) => c.body));
      expect(seen.text, value.verb).toContain(PRIVATE_ONLY);
      expect(seen.cards, value.verb).toEqual([]);
      for (const name of names()) expect(said, `${value.verb} shows ${name}`).not.toContain(name);
    }
    expect(await writes()).toEqual(before);
  });

  it("refuses every Universal Action and refresh with a message, not a card", async () => {
    const before = await writes();
    const invokes: [string, object][] = [
      ["alert.refresh", { alertId }],
      ["alert.open", { alertId }],
      ["alert.ack", { alertId }],
      ["alert.log", { alertId, text: "rang Jordan's school" }],
      ["alert.snooze", { alertId, days: 3 }],
      ["digest.refresh", { postId }],
      ["alert.ack", { alertId, postId }],
      ["alert.open", { alertId, postId }],
    ];
    for (const [verb, data] of invokes) {
      const body = await invoke(shared, verb, data);
      expect(body, verb).toContain(PRIVATE_ONLY);
      expect(body, verb).toContain("application/vnd.microsoft.activity.message");
      for (const name of names()) expect(body, `${verb} shows ${name}`).not.toContain(name);
    }
    // Nothing was posted into the shared conversation either (an "Open and answer" card).
    expect(stub.shown()).toEqual([]);
    expect(await writes()).toEqual(before);
  });

  it("still answers help, and still refuses a typed status", async () => {
    const chat = conversation(t.base, stub, sw1, shared);
    const help = await chat.say("help");
    expect(JSON.stringify(help.cards)).toContain("What you can ask");
    expect(help.text).not.toContain(PRIVATE_ONLY);
    expect((await chat.say("status Jordan Smith")).text).toContain(PRIVATE_ONLY);
  });
});

describe("in a one-to-one chat", () => {
  it("the same buttons still work", async () => {
    const chat = conversation(t.base, stub, sw1);
    const status = await chat.submit({ verb: "status.open", childId: f.jordan.id });
    expect(JSON.stringify(status.cards)).toContain("Jordan");
    const refresh = await invoke("personal", "alert.refresh", { alertId });
    expect(refresh).toContain("application/vnd.microsoft.card.adaptive");
    expect(refresh).toContain("Jordan");
  });
});

describe("bad input in a one-to-one chat", () => {
  const LONG = `rang Jordan's carer ${"about the absence ".repeat(120)}`.trim();

  it("a note over 2,000 characters in the log dialog is refused with a sentence, and nothing is saved", async () => {
    const chat = conversation(t.base, stub, sw1);
    const before = await db().actionLog.count();
    const typed = await chat.say(`log ${LONG}`);
    expect(typed.text).toMatch(/keep it under 2,000\. Nothing was saved/);
    expect(typed.cards).toEqual([]);
    // A short note, then the Edit form with a long one: refused, the draft kept as it was.
    const confirm = await chat.say("log rang Jordan's carer");
    const card = confirm.cards[0];
    const edited = await chat.submit({ verb: "log.edit", text: LONG, childId: String(f.jordan.id) });
    expect(edited.text).toMatch(/keep it under 2,000\. Nothing was saved/);
    expect(edited.cards).toEqual([]);
    expect(await db().actionLog.count()).toBe(before);
    await chat.press(actionsOf(card).find((a) => a.title === "Save"));
    const saved = await db().actionLog.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "desc" }, take: 1 });
    expect(saved.map((a) => a.text)).toEqual(["rang Jordan's carer"]);
    await db().actionLog.deleteMany();
  });

  it("markdown in a child's name reaches the status card as text, not a link", async () => {
    await db().child.update({ where: { id: f.tyler.id }, data: { firstName: "[Tyler](http://evil.example)" } });
    try {
      const chat = conversation(t.base, stub, sw1);
      const seen = await chat.submit({ verb: "status.open", childId: f.tyler.id });
      // Where Teams reads markdown: a TextBlock's text, a fact's title and value.
      const read = [
        ...ofType(seen.cards, "TextBlock").map((b) => String(b.text)),
        ...ofType(seen.cards, "FactSet").flatMap((s) =>
          (s.facts as { title: string; value: string }[]).flatMap((x) => [x.title, x.value]),
        ),
      ];
      expect(read.join("\n")).toContain("\\[Tyler\\](http://evil.example)");
      for (const text of read) expect(text).not.toMatch(/(?<!\\)\[Tyler(?<!\\)\]\(/);
    } finally {
      await db().child.update({ where: { id: f.tyler.id }, data: { firstName: f.tyler.firstName } });
    }
  });
});
