/**
 * Plain questions over the real protocol: a bare name or "how is … doing?" opens the status
 * card; a question about one part of the record is answered in a sentence and a small card;
 * a misspelling gets "Did you mean …?" with buttons that answer when tapped; a surname or
 * initial matching nobody is never dropped; "didn't understand" offers buttons fitted to the
 * role and the name used; thanks and small talk get a short answer, in a channel too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verbPayloadSchema } from "../../cards/verbs.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { botTurn, cardTexts, wordsOf } from "../support/bot-turns.js";
import { cardSchemaAvailable, validateCard } from "../support/card-schema.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { aadOf, buildSmallAuthority, createTestChild, type Fixture, PEOPLE, TODAY } from "../support/factories.js";
import { message, post } from "../support/teams.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;
let callumId: number;

const db = () => t.database.db;
type Who = keyof typeof PEOPLE;
const user = (who: Who) => ({ aadObjectId: aadOf(PEOPLE[who]) });
const say = (who: Who, text: string) => botTurn(t.base, stub, user(who), text);
type Action = { title?: string; data?: unknown };
const actionsOf = (card: unknown) => ((card as { actions?: Action[] }).actions ?? []) as Action[];
const shownText = (card: unknown) => cardTexts(card).join("\n");

/** Taps a card button: posts its data as Teams posts an Action.Submit. */
async function tap(who: Who, action: Action | undefined) {
  expect(action).toBeDefined();
  expect(verbPayloadSchema.safeParse(action?.data).success).toBe(true);
  const before = stub.sent().length;
  const res = await post(t.base, message(user(who), stub.url, "", action?.data as object));
  expect(res.status).toBe(200);
  const replies = stub.sent().slice(before);
  return {
    text: wordsOf(replies),
    cards: replies.flatMap((r) => (r.body.attachments ?? []).map((a) => a.content as unknown)),
  };
}

function expectValid(card: unknown) {
  expect(card).toBeDefined();
  if (cardSchemaAvailable) expect(validateCard(card)).toEqual([]);
  const json = JSON.stringify(card);
  expect(json).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(json).not.toMatch(/[A-Z]\d{12}/);
}

beforeAll(async () => {
  stub = await startConnectorStub();
  // 3 pm: both of today's registers have closed, so a blank or N session concerns.
  t = await startTestApp({ today: TODAY, time: "15:00", env: { PUBLIC_URL: "https://vs.example.org" } });
  f = await buildSmallAuthority(db());
  // Callum Grant, sw1's, at Oakfield (dtA's school): absent today with no reason yet.
  const callum = await createTestChild(db(), { localId: "T006", firstName: "Callum", lastName: "Grant", serial: 6 });
  callumId = callum.id;
  await db().enrolment.create({
    data: { childId: callum.id, schoolId: f.schoolA.id, fromDate: "2022-09-01", yearGroup: "6" },
  });
  await db().allocation.create({
    data: { childId: callum.id, professionalId: f.sw1.id, role: "social_worker", fromDate: "2024-01-15" },
  });
  await db().attendanceMark.createMany({
    data: [
      { childId: f.jordan.id, date: TODAY, session: "AM", code: "/" },
      { childId: f.jordan.id, date: TODAY, session: "PM", code: "\\" },
      { childId: f.amira.id, date: TODAY, session: "AM", code: "I" },
      { childId: f.amira.id, date: TODAY, session: "PM", code: "I" },
      { childId: callum.id, date: TODAY, session: "AM", code: "N" },
      { childId: callum.id, date: TODAY, session: "PM", code: "N" },
    ],
  });
  // Leah's last care-plan review, and what the VSH logged at it.
  await db().careReview.create({ data: { childId: f.leah.id, date: "2026-11-02", status: "held" } });
  await db().actionLog.create({
    data: {
      childId: f.leah.id,
      professionalId: f.vsh.id,
      at: new Date("2026-11-02T14:00:00Z"),
      text: "Review agreed a tutor for maths and a new school search",
      category: "meeting",
    },
  });
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

describe("a name, or how a child is doing, is a status request", () => {
  it.each([
    ["sw2", "Amira", "Amira K."],
    ["vsh", "Jordan Smith", "Jordan S."],
    ["sw2", "how is Amira doing?", "Amira K."],
    ["dtA", "how's Jordan getting on", "Jordan S."],
    ["iro1", "tell me about Jordan", "Jordan S."],
  ] as const)("%s: %s", async (who, text, name) => {
    const { cards } = await say(who, text);
    expect(cards).toHaveLength(1);
    expect(shownText(cards[0])).toContain(name);
    expect(actionsOf(cards[0]).some((a) => a.title === "IRO brief")).toBe(true);
  });
});

describe("one part of the record, in a sentence and a small card", () => {
  it.each([
    ["sw1", "is Jordan in school today?", "Yes: Jordan S. is marked in school today at Oakfield Primary."],
    ["dtA", "was Jordan in today?", "Yes: Jordan S. is marked in school today at Oakfield Primary."],
    ["sw2", "is Amira in school today?", "No: Amira K. is absent today at Hillside Academy."],
    [
      "sw1",
      "is Callum at school",
      "No: Callum G. is absent today at Oakfield Primary, and no reason is established yet.",
    ],
    ["sw1", "is Tyler in school today?", "No: Tyler B. has no school place"],
    ["sw1", "who is Tyler's designated teacher?", "Tyler B. has no school place, so no designated teacher."],
    ["sw1", "who's the DT for Jordan?", "Jordan S.'s designated teacher at Oakfield Primary is dt.a."],
    ["dtA", "who is Jordan's social worker?", "Jordan S.'s social worker is sw1."],
    ["sw2", "which school is Amira at?", "Amira K. is on roll at Hillside Academy, out of area."],
    ["vsh", "what happened at Leah's last review?", "Leah M.'s last care-plan review was held on 2 Nov 2026."],
  ] as const)("%s: %s", async (who, text, sentence) => {
    const { text: said, messageText, cards } = await say(who, text);
    expect(said).toContain(sentence);
    // The sentence is said once, in the card: no message text above it saying it again.
    expect(messageText).toBe("");
    expect(cards).toHaveLength(1);
    expectValid(cards[0]);
    expect(shownText(cards[0])).toContain(sentence);
  });

  it("when is Amira's next PEP: the PEP as the status card judges it", async () => {
    const { text, cards } = await say("sw2", "when is Amira's next PEP?");
    expect(text).toMatch(/^Amira K\.('s next PEP| has no next PEP|'s PEP is overdue)/);
    const status = await say("sw2", "status Amira");
    const pepLine = cardTexts(cards[0]).find((s) => s.startsWith("PEP: "));
    expect(pepLine).toBeDefined();
    expect(cardTexts(status.cards[0]).join("\n")).toContain(pepLine?.slice("PEP: ".length));
  });

  it("the last review lists what was logged that day", async () => {
    const { cards } = await say("vsh", "what happened at Leah's last review?");
    expect(shownText(cards[0])).toContain("Review agreed a tutor for maths");
  });

  it("who is absent today: the DT's pupils absent without a reason", async () => {
    const { text, cards } = await say("dtA", "who is absent today?");
    expect(text).toBe("1 of your pupils is absent today with no reason established yet.");
    expect(shownText(cards[0])).toContain("Callum G.: Oakfield Primary · Absent today");
    expect(shownText(cards[0])).not.toContain("Jordan S.");
    const sw2 = await say("sw2", "who's absent today");
    expect(sw2.text).toBe("None of the children you work with is absent without a reason today.");
  });

  it("a child out of reach is not found, whoever asks", async () => {
    const { text, cards } = await say("sw2", "is Jordan Smith in school today?");
    expect(text).toContain("I couldn't find");
    expect(text).not.toContain("Oakfield");
    expect(cards.every((c) => !shownText(c).includes("Jordan S."))).toBe(true);
  });
});

describe("names that do not quite match", () => {
  it("Amria: Did you mean Amira K.? and the button answers", async () => {
    const { text, cards } = await say("sw2", "Amria");
    expect(text).toContain("Did you mean Amira K.?");
    expectValid(cards[0]);
    const [button] = actionsOf(cards[0]);
    expect(button?.title).toBe("Amira K. – Hillside Academy");
    const tapped = await tap("sw2", button);
    expect(shownText(tapped.cards[0])).toContain("Amira K.");
  });

  it("a misspelt question keeps its question when the button is tapped", async () => {
    const { text, cards } = await say("sw1", "when is Tylor's next PEP?");
    expect(text).toContain("Did you mean Tyler B.?");
    const tapped = await tap("sw1", actionsOf(cards[0])[0]);
    expect(tapped.text).toMatch(/^Tyler B\./);
  });

  it("status Callum R does not open Callum G.'s card", async () => {
    const { text, cards } = await say("sw1", "status Callum R");
    expect(text).toContain("I couldn't find “Callum R”");
    expect(text).toContain("Did you mean Callum G.?");
    expect(cards.some((c) => actionsOf(c).some((a) => a.title === "IRO brief"))).toBe(false);
    const tapped = await tap("sw1", actionsOf(cards[0])[0]);
    expect(JSON.stringify(tapped.cards[0])).toContain(`"childId":${callumId}`);
  });

  it("an initial that matches opens the card; a surname that matches nobody does not", async () => {
    const ok = await say("sw1", "status Callum G");
    expect(shownText(ok.cards[0])).toContain("Callum G.");
    expect(actionsOf(ok.cards[0]).some((a) => a.title === "IRO brief")).toBe(true);
    const wrong = await say("sw1", "Callum Reid");
    expect(wrong.text).toContain("Did you mean Callum G.?");
  });
});

describe("not understood: buttons fitted to the role and the name used", () => {
  it("a social worker who names Jordan", async () => {
    const { text, cards } = await say("sw1", "Jordan attendence pls");
    expect(text).toContain("Sorry, I didn't understand");
    const titles = actionsOf(cards[0]).map((a) => a.title);
    expect(titles).toEqual(["Jordan S.'s status", "Jordan S.'s next PEP", "My caseload", "My alerts", "Help"]);
    const tapped = await tap("sw1", actionsOf(cards[0])[0]);
    expect(shownText(tapped.cards[0])).toContain("Jordan S.");
  });

  it("a designated teacher, and an IRO, naming nobody", async () => {
    const dt = await say("dtA", "flibble");
    expect(dt.text).toContain("Sorry, I didn't understand “flibble”");
    expect(actionsOf(dt.cards[0]).map((a) => a.title)).toEqual([
      "My pupils",
      "My alerts",
      "Who is absent today?",
      "Help",
    ]);
    const absent = await tap("dtA", actionsOf(dt.cards[0])[2]);
    expect(absent.text).toContain("absent today");
    const iro = await say("iro1", "what is Jordan's favourite colour");
    expect(actionsOf(iro.cards[0]).map((a) => a.title)).toContain("Jordan S.'s last review");
  });
});

describe("thanks and small talk", () => {
  it.each([
    ["thanks", "You're welcome."],
    ["thank you!", "You're welcome."],
    ["cheers", "You're welcome."],
    ["how are you?", "I'm well, thank you."],
    ["bye", "Bye for now."],
  ])("%s", async (text, answer) => {
    const { text: said, cards } = await say("sw1", text);
    expect(said).toContain(answer);
    expect(cards).toHaveLength(0);
  });

  it("in a group chat: thanks answered, a child's name never", async () => {
    const group = (text: string) => {
      const m = message(user("sw1"), stub.url, text);
      return { ...m, conversation: { ...m.conversation, id: "19:group-chat", conversationType: "groupChat" } };
    };
    const before = stub.sent().length;
    await post(t.base, group("thanks"));
    await post(t.base, group("is Jordan in school today?"));
    await post(t.base, group("Jordan attendence pls"));
    const replies = stub.sent().slice(before);
    expect(replies[0]?.body.text).toBe("You're welcome.");
    expect(replies[1]?.body.text).toContain("only shown in a one-to-one chat");
    expect(JSON.stringify(replies[2]?.body)).not.toContain("Jordan S.");
  });
});
