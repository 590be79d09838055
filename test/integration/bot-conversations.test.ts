/**
 * Issue 12, items 2 and 5, as people talk: each role's conversation over the real protocol
 * (CloudAdapter, connector stub), in their own words (curly apostrophes as Teams on a phone
 * types them, no apostrophes, a greeting first, misspelt names, thanks), with the answers'
 * meaning checked: the child, the sentence a person reads, the buttons and where they lead.
 * Mon 23 Nov 2026 at 15:00: both registers have closed. Kai W. (sw1's, at Oakfield with
 * dt.a) is absent with no reason; Jordan S. is in; Amira K. is off ill.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { cardTexts } from "../support/bot-turns.js";
import { type ConnectorStub, startConnectorStub } from "../support/connector-stub.js";
import { actionsOf, button, conversation } from "../support/conversation.js";
import { aadOf, buildSmallAuthority, createTestChild, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;
let stub: ConnectorStub;
let kaiId: number;

type Who = keyof typeof PEOPLE;
const as = (who: Who, shared?: "channel" | "groupChat") =>
  conversation(t.base, stub, { aadObjectId: aadOf(PEOPLE[who]) }, shared);
const shown = (card: unknown) => cardTexts(card).join("\n");
const titles = (card: unknown) => actionsOf(card).map((a) => a.title);
/** The status card, and only it: its heading is the child's name, and it says who to contact. */
const expectStatusOf = (card: unknown, name: string) => {
  expect(cardTexts(card)[0]).toBe(name);
  expect(shown(card)).toContain("Education status as of 23 Nov 2026");
};

beforeAll(async () => {
  stub = await startConnectorStub();
  t = await startTestApp({ today: TODAY, time: "15:00", env: { PUBLIC_URL: "https://vs.example.org" } });
  const db = t.database.db;
  f = await buildSmallAuthority(db);
  const kai = await createTestChild(db, { localId: "T010", firstName: "Kai", lastName: "Walker", serial: 10 });
  kaiId = kai.id;
  await db.enrolment.create({
    data: { childId: kai.id, schoolId: f.schoolA.id, fromDate: "2022-09-01", yearGroup: "6" },
  });
  await db.allocation.create({
    data: { childId: kai.id, professionalId: f.sw1.id, role: "social_worker", fromDate: "2024-01-15" },
  });
  await db.attendanceMark.createMany({
    data: [
      { childId: f.jordan.id, date: TODAY, session: "AM", code: "/" },
      { childId: f.jordan.id, date: TODAY, session: "PM", code: "\\" },
      { childId: f.amira.id, date: TODAY, session: "AM", code: "I" },
      { childId: f.amira.id, date: TODAY, session: "PM", code: "I" },
      { childId: kai.id, date: TODAY, session: "AM", code: "N" },
      { childId: kai.id, date: TODAY, session: "PM", code: "N" },
    ],
  });
  await db.careReview.create({ data: { childId: f.leah.id, date: "2026-11-02", status: "held" } });
  await db.actionLog.create({
    data: {
      childId: f.leah.id,
      professionalId: f.vsh.id,
      at: new Date("2026-11-02T14:00:00Z"),
      text: "Review agreed a maths tutor",
      category: "meeting",
    },
  });
});
afterAll(async () => {
  await t.close();
  await stub.close();
});

describe("item 2: plain questions, a conversation per role", () => {
  it("a social worker, on the phone (curly apostrophes): how's Jordan, is Kai in, who's his DT, who's off, thanks", async () => {
    const sw = as("sw1");
    expectStatusOf((await sw.say("how’s Jordan getting on")).cards[0], "Jordan S.");
    const kai = await sw.say("hi, is Kai at school today?");
    expect(kai.text).toBe("No: Kai W. is absent today at Oakfield Primary, and no reason is established yet.");
    expect(shown(kai.cards[0])).toContain("AM N (reason not yet established)");
    const full = await sw.press(button(kai.cards[0], "Full status"));
    expectStatusOf(full.cards[0], "Kai W.");
    expect((await sw.say("who’s the DT for Kai?")).text).toBe(
      "Kai W.'s designated teacher at Oakfield Primary is dt.a.",
    );
    const absent = await sw.say("who is absent today?");
    expect(absent.text).toBe("1 of the children you work with is absent today with no reason established yet.");
    expect(shown(absent.cards[0])).toContain("Kai W.: Oakfield Primary · Absent today");
    expect(shown(absent.cards[0])).not.toContain("Jordan");
    expect((await sw.say("thanks!")).text).toBe("You're welcome.");
    expect((await sw.say("thanks, that’s great")).cards).toEqual([]);
  });

  it("a designated teacher: who's absent (their pupils), is Kai off, is Jordan off, a child not theirs", async () => {
    const dt = as("dtA");
    const absent = await dt.say("whos absent today");
    expect(absent.text).toBe("1 of your pupils is absent today with no reason established yet.");
    expect(shown(absent.cards[0])).toContain("Kai W.");
    // Asked the other way round, "yes" means absent.
    expect((await dt.say("is Kai off today?")).text).toBe(
      "Yes: Kai W. is absent today at Oakfield Primary, and no reason is established yet.",
    );
    expect((await dt.say("is Jordan off school today?")).text).toBe(
      "No: Jordan S. is marked in school today at Oakfield Primary.",
    );
    expect((await dt.say("who is Kai's social worker?")).text).toBe("Kai W.'s social worker is sw1.");
    // Amira is at another school: never named to this DT.
    const amira = await dt.say("Amira");
    expect(amira.text).toMatch(/^Sorry, I didn't understand “Amira”\. You can ask things like/);
    expect(JSON.stringify(amira.cards)).not.toContain("Amira K.");
    expect(titles(amira.cards[0])).toEqual(["My pupils", "My alerts", "Who is absent today?", "Help"]);
    expect((await dt.say("cheers")).text).toBe("You're welcome.");
  });

  it("a social worker's misspelling: Amria, then the button; when's the PEP; booked; asked again", async () => {
    const sw = as("sw2");
    const typo = await sw.say("Amria");
    expect(typo.text).toBe("I couldn't find “Amria” among the children you work with. Did you mean Amira K.?");
    expect(titles(typo.cards[0])).toEqual(["Amira K. – Hillside Academy"]);
    expectStatusOf((await sw.press(actionsOf(typo.cards[0])[0])).cards[0], "Amira K.");
    expect((await sw.say("Amira Kahn")).text).toContain("Did you mean Amira K.?");
    expect((await sw.say("when’s Amira’s PEP due")).text).toBe(
      "Amira K.'s PEP is overdue: it was due by 29 Jan 2024 and no meeting is booked.",
    );
    await sw.say("PEP for Amira booked for Thursday");
    const pep = await sw.say("when is Amira's next PEP?");
    expect(pep.text).toBe("Amira K.'s next PEP meeting is booked for Thu 26 Nov 2026.");
    expect(shown(pep.cards[0])).toContain("Meeting booked: Thu 26 Nov 2026");
    expect((await sw.say("is Amira off today?")).text).toBe("Yes: Amira K. is absent today at Hillside Academy.");
    expectStatusOf((await sw.say("whats happening with amira")).cards[0], "Amira K.");
  });

  it("the VSH: a full name, Leah's last review, who is absent across the school, Tyler's DT", async () => {
    const vsh = as("vsh");
    expectStatusOf((await vsh.say("Jordan Smith")).cards[0], "Jordan S.");
    const leah = await vsh.say("what happened at Leah’s last review?");
    expect(leah.text).toBe("Leah M.'s last care-plan review was held on 2 Nov 2026. Logged that day:");
    expect(shown(leah.cards[0])).toContain("vsh: Review agreed a maths tutor");
    const absent = await vsh.say("who is absent today?");
    // Amira is off ill (a reason): only Kai is absent without one.
    expect(absent.text).toBe("1 of the Virtual School's children is absent today with no reason established yet.");
    expect(shown(absent.cards[0])).toContain("Kai W.");
    expect(shown(absent.cards[0])).not.toContain("Amira");
    expect((await vsh.say("who is Tyler's designated teacher?")).text).toBe(
      "Tyler B. has no school place, so no designated teacher.",
    );
    expect((await vsh.say("which school is Kai at?")).text).toBe("Kai W. is on roll at Oakfield Primary.");
  });

  it("an IRO: how is Jordan doing, his last review, his PEP; nonsense gets the IRO's buttons", async () => {
    const iro = as("iro1");
    expectStatusOf((await iro.say("how is Jordan doing?")).cards[0], "Jordan S.");
    expect((await iro.say("what happened at Jordan's last review?")).text).toBe(
      "No care-plan review held is on record for Jordan S.",
    );
    expect((await iro.say("when is Jordan’s next PEP?")).text).toMatch(/^Jordan S\.'s PEP is overdue: it was due by /);
    const lost = await iro.say("Jordan attendance figures pls");
    expect(lost.text).toMatch(/^Sorry, I didn't understand “Jordan attendance figures pls”\. /);
    expect(titles(lost.cards[0])).toEqual([
      "Jordan S.'s status",
      "Jordan S.'s brief",
      "Jordan S.'s last review",
      "My caseload",
      "Log an action",
      "Help",
    ]);
    const review = await iro.press(button(lost.cards[0], "Jordan S.'s last review"));
    expect(review.text).toBe("No care-plan review held is on record for Jordan S.");
    const briefed = await iro.press(button(lost.cards[0], "Jordan S.'s brief"));
    expect((briefed.cards[0] as { fallbackText?: string }).fallbackText).toBe("IRO brief for Jordan S.");
    // Asked for in a sentence, the review first: the brief, not "didn't understand".
    for (const asked of [
      "I've got Jordan Smith's review next week, can I have a brief?",
      "can I have a brief on Jordan before his review?",
      "Jordan's brief please",
    ]) {
      const reply = await iro.say(asked);
      expect((reply.cards[0] as { fallbackText?: string }).fallbackText, asked).toBe("IRO brief for Jordan S.");
    }
    // Kai is not the IRO's: not found, and not offered.
    expect((await iro.say("is Kai in school today?")).text).toContain("I couldn't find");
    expect((await iro.say("what can you do?")).cards.map(shown).join()).toContain("What you can ask");
  });

  it("a channel gets nothing personal: thanks answered, questions sent to a one-to-one chat", async () => {
    const channel = as("sw1", "channel");
    expect((await channel.say("thanks")).text).toBe("You're welcome.");
    for (const phrase of ["how's Jordan getting on", "who is absent today?", "is Kai off today?", "Amria"]) {
      const reply = await channel.say(phrase);
      expect(reply.text).toMatch(/only shown in a one-to-one chat/);
      expect(reply.cards).toEqual([]);
      expect(reply.text).not.toMatch(/Kai|Jordan|Amira/);
    }
  });
});

describe("item 5: cards read at a glance, as each role moves through them", () => {
  it("a DT: hello, My pupils, Kai's row, his status: the team to contact, codes with their meaning", async () => {
    const dt = as("dtA");
    const welcome = await dt.say("good morning");
    expect(shown(welcome.cards[0])).toContain("Welcome, dt.a");
    const pupils = await dt.press(button(welcome.cards[0], "My pupils"));
    expect(shown(pupils.cards[0])).toContain("Kai W.");
    const row = actionsOf(pupils.cards[0]).find((a) => a.data?.childId === kaiId);
    const status = await dt.press(row);
    expectStatusOf(status.cards[0], "Kai W.");
    const lines = cardTexts(status.cards[0]);
    expect(lines).toContain("Designated teacher: [dt.a](mailto:dt.a@test.local)");
    expect(lines).toContain("Social worker: [sw1](mailto:sw1@test.local)");
    expect(lines).toContain("School: Oakfield Primary");
    expect(lines.find((l) => l.startsWith("Today: "))).toBe(
      "Today: AM N (reason not yet established) · PM N (reason not yet established)",
    );
    expect(lines.join("\n")).not.toMatch(/unexplained_absence|\d{4}-(?:autumn|spring|summer)/);
  });

  it("a social worker: an alert row opens in plain words; the status suggests Log an action, which starts a note", async () => {
    await t.database.db.alert.create({
      data: {
        childId: kaiId,
        rule: "unexplained_absence_today",
        dedupeKey: `h3-glance-${kaiId}`,
        period: TODAY,
        severity: "amber",
        details: JSON.stringify({ date: TODAY, am: "N", pm: "N" }),
        deliveries: { create: { professionalId: f.sw1.id, status: "sent" } },
      },
    });
    const sw = as("sw1");
    const alerts = await sw.say("my alerts");
    expect(shown(alerts.cards[0])).toContain("Kai W.");
    const row = actionsOf(alerts.cards[0]).find((a) => a.title === "Open" || a.data?.childId === kaiId);
    const opened = await sw.press(row);
    expect(opened.cards).toHaveLength(1);
    expect(shown(opened.cards[0])).toContain("Kai W.");
    for (const card of [alerts.cards[0], opened.cards[0]])
      expect(shown(card)).not.toMatch(/unexplained_absence_today|\bAM N\b(?! \()/);
    const status = await sw.say("status kai");
    expectStatusOf(status.cards[0], "Kai W.");
    expect(titles(status.cards[0]).slice(0, 3)).toEqual(["My caseload", "Log an action", "Open in the tab"]);
    const log = await sw.press(button(status.cards[0], "Log an action"));
    expect(log.text).toMatch(/^What did you do, and for which child\?/);
    expect((await sw.say("cancel")).text).toBe("OK, nothing was saved.");
    // Said again, with nothing open: told so, not "didn't understand".
    const again = await sw.say("cancel");
    expect(again.text).toMatch(/^There's nothing to cancel: I'm not waiting for an answer from you\./);
    expect(again.cards).toEqual([]);
  });

  it("a stranger asking in their own words is told whom to contact, and sees no child", async () => {
    const stranger = conversation(t.base, stub, { aadObjectId: "aad-h3-stranger" });
    for (const phrase of ["is Kai at school today?", "how’s Jordan getting on", "thanks"]) {
      const reply = await stranger.say(phrase);
      expect(reply.text).toMatch(/don't recognise you/);
      expect(reply.text).not.toMatch(/Kai|Jordan/);
      expect(reply.cards).toEqual([]);
    }
  });
});
