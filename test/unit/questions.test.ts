/** Plain questions recognised (bot/questions.ts), and which children a typed name means (bot/name-match.ts). */
import { describe, expect, it } from "vitest";
import { closeMatches, matchesName } from "../../bot/name-match.js";
import { parseCommand } from "../../bot/nlu.js";
import { recogniseQuestion } from "../../bot/questions.js";

describe("a brief asked for in a sentence", () => {
  it.each([
    ["I've got Jordan Smith's review next week, can I have a brief?", "Jordan Smith"],
    ["I’ve got Jordan Smith’s review next week, can I have a brief?", "Jordan Smith"],
    ["can I have a brief on Amira?", "Amira"],
    ["could you send me a briefing for Tyler Green please", "Tyler Green"],
    ["Jordan's brief please", "Jordan"],
    ["Amira's review is on Friday, I'd like a brief", "Amira"],
    ["I need a brief for Jordan's review", "Jordan"],
    ["can I get a brief on Jordan before his review tomorrow?", "Jordan"],
    ["brief me on Leah", "Leah"],
  ])("%s", (text, name) => {
    expect(parseCommand(text)).toEqual({ kind: "brief", query: name });
  });

  it.each([
    "a brief on the weather",
    "is there a brief?",
    "what happened at Leah's last review?",
    "review for Amira booked 12 Dec",
    "Jordan's review was held today",
  ])("not a brief: %s", (text) => {
    expect(parseCommand(text).kind).not.toBe("brief");
  });
});

describe("recogniseQuestion", () => {
  it.each([
    ["Amira", { topic: "status", name: "Amira", bare: true }],
    ["Jordan Smith", { topic: "status", name: "Jordan Smith", bare: true }],
    ["how is Amira doing?", { topic: "status", name: "Amira" }],
    ["how's Tyler getting on", { topic: "status", name: "Tyler" }],
    ["tell me about Leah Morgan", { topic: "status", name: "Leah Morgan" }],
    ["is Jordan in school today?", { topic: "in_school", name: "Jordan" }],
    ["Is Amira at school", { topic: "in_school", name: "Amira" }],
    ["did Tyler go to school today?", { topic: "in_school", name: "Tyler" }],
    ["when is Amira's next PEP?", { topic: "next_pep", name: "Amira" }],
    ["when's Jordan Smith's next pep due", { topic: "next_pep", name: "Jordan Smith" }],
    ["is Jordan's PEP booked?", { topic: "next_pep", name: "Jordan" }],
    ["who is Tyler's designated teacher?", { topic: "designated_teacher", name: "Tyler" }],
    ["who's the DT for Jordan", { topic: "designated_teacher", name: "Jordan" }],
    ["who is Amira's social worker?", { topic: "social_worker", name: "Amira" }],
    ["which school is Amira at?", { topic: "school", name: "Amira" }],
    ["what happened at Leah's last review?", { topic: "last_review", name: "Leah" }],
    ["when was Jordan's last care-plan review?", { topic: "last_review", name: "Jordan" }],
    ["when is Jordan's next review?", { topic: "next_review", name: "Jordan" }],
    ["who is absent today?", { topic: "absent_today" }],
    ["which of my pupils are off today", { topic: "absent_today" }],
    ["thanks", { topic: "thanks" }],
    ["Thank you very much!", { topic: "thanks" }],
    ["cheers", { topic: "thanks" }],
  ])("%s", (text, expected) => {
    expect(recogniseQuestion(text)).toEqual(expected);
  });

  it.each([
    // Teams on a phone or a Mac types ’; people type contractions without the apostrophe.
    ["how’s Jordan getting on", { topic: "status", name: "Jordan" }],
    ["hows Jordan doing", { topic: "status", name: "Jordan" }],
    ["when’s Amira’s PEP due", { topic: "next_pep", name: "Amira" }],
    ["whens Amira's next PEP", { topic: "next_pep", name: "Amira" }],
    ["who’s the DT for Tyler", { topic: "designated_teacher", name: "Tyler" }],
    ["whos the social worker for jordan", { topic: "social_worker", name: "jordan" }],
    ["whos absent today", { topic: "absent_today" }],
    ["what’s happening with Jordan?", { topic: "status", name: "Jordan" }],
    ["how has Leah been?", { topic: "status", name: "Leah" }],
    ["Mary-Jane O’Neil", { topic: "status", name: "Mary-Jane O'Neil", bare: true }],
    // Asked the other way round: the answer's yes means absent.
    ["is Kai off today?", { topic: "in_school", name: "Kai", absent: true }],
    ["is Jordan off school today?", { topic: "in_school", name: "Jordan", absent: true }],
    ["is Jordan absent from school today", { topic: "in_school", name: "Jordan", absent: true }],
    ["is Kai not in school today?", { topic: "in_school", name: "Kai", absent: true }],
    ["is Kai at school today?", { topic: "in_school", name: "Kai" }],
    // Thanks in more words.
    ["thanks for your help", { topic: "thanks" }],
    ["thanks, that’s great", { topic: "thanks" }],
    ["great, thanks!", { topic: "thanks" }],
    ["ok thanks for that", { topic: "thanks" }],
  ])("in people's own spelling: %s", (text, expected) => {
    expect(recogniseQuestion(text)).toEqual(expected);
  });

  it("answers small talk in a sentence", () => {
    expect(recogniseQuestion("how are you?")).toMatchObject({ topic: "small_talk" });
    expect(recogniseQuestion("who are you")).toMatchObject({ topic: "small_talk" });
    expect(recogniseQuestion("bye")).toMatchObject({ topic: "small_talk" });
  });

  it.each(["what is the weather like in London tomorrow", "please", "is it", "the attendance", ""])(
    "leaves %j alone",
    (text) => {
      expect(recogniseQuestion(text)).toBeNull();
    },
  );

  it("runs after the commands: status, caseload and records keep their meaning", () => {
    expect(parseCommand("status Callum R")).toEqual({ kind: "status", query: "Callum R" });
    expect(parseCommand("my caseload").kind).toBe("caseload");
    expect(parseCommand("Jordan's PEP was held today").kind).toBe("record");
    expect(parseCommand("is Jordan's PEP booked?")).toMatchObject({
      kind: "question",
      question: { topic: "next_pep", name: "Jordan" },
    });
    expect(parseCommand("<at>VS</at> Amira")).toMatchObject({ kind: "question", question: { name: "Amira" } });
    expect(parseCommand("flibble wibble wobble bobble").kind).toBe("unknown");
  });

  it("a greeting before a question: the question is answered; a greeting alone is a greeting", () => {
    expect(parseCommand("hi, is Jordan in school today?")).toMatchObject({
      kind: "question",
      question: { topic: "in_school", name: "Jordan" },
    });
    expect(parseCommand("morning! my caseload please").kind).toBe("caseload");
    expect(parseCommand("Good morning")).toEqual({ kind: "greeting" });
    expect(parseCommand("hello there!")).toEqual({ kind: "greeting" });
    expect(parseCommand("hello Virtual School")).toEqual({ kind: "greeting" });
    expect(parseCommand("history of Jordan").kind).not.toBe("greeting");
    expect(parseCommand("what can you do?")).toEqual({ kind: "help" });
  });

  it.each([
    ["reviews next week", "four_weeks"],
    ["my reviews this month", "four_weeks"],
    ["any reviews coming up?", "four_weeks"],
    ["what reviews have I got this week", "week"],
    ["do I have any reviews this week?", "week"],
  ])("%s: the reviews list (%s)", (text, window) => {
    expect(parseCommand(text)).toEqual({ kind: "reviews", window });
  });

  it.each([
    "is Jordan's review booked?",
    "has Jordan got a review",
    "review for Noah booked 1 Dec",
    "reviews for Jordan",
  ])("%s: about one child, not the list", (text) => {
    expect(parseCommand(text).kind).not.toBe("reviews");
  });
});

describe("name matching", () => {
  const callum = { firstName: "Callum", lastName: "Grant" };
  const amira = { firstName: "Amira", lastName: "Khan" };
  const maryJane = { firstName: "Mary-Jane", lastName: "O'Neil" };

  it("needs every typed word to start a name: an initial or surname that matches nobody is not dropped", () => {
    expect(matchesName("Callum R", callum)).toBe(false);
    expect(matchesName("Callum G", callum)).toBe(true);
    expect(matchesName("callum g.", callum)).toBe(true);
    expect(matchesName("Callum Reid", callum)).toBe(false);
    expect(matchesName("Jane", maryJane)).toBe(true);
    expect(matchesName("o'neil", maryJane)).toBe(true);
  });

  it("offers close misspellings and a right first name with a wrong surname", () => {
    expect(closeMatches("Amria", [amira, callum])).toEqual([amira]);
    expect(closeMatches("Amira Kahn", [amira, callum])).toEqual([amira]);
    expect(closeMatches("Callum R", [amira, callum])).toEqual([callum]);
    expect(closeMatches("Zebedee", [amira, callum])).toEqual([]);
  });
});
