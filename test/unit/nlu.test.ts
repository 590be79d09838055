import { describe, expect, it } from "vitest";
import { cleanText, parseCommand, parseLogText, recordDate, recordIntent } from "../../bot/nlu.js";

describe("commands, tolerant of case, typos and mentions", () => {
  it.each([
    ["status Jordan", { kind: "status", query: "Jordan" }],
    ["STATUS jordan smith", { kind: "status", query: "jordan smith" }],
    ["stauts Jordan", { kind: "status", query: "Jordan" }],
    ["statsu of Amira", { kind: "status", query: "Amira" }],
    ["<at>Virtual School</at> status Jordan", { kind: "status", query: "Jordan" }],
    ["status A123456789012", { kind: "status", query: "A123456789012" }],
    ["status", { kind: "status", query: "" }],
    ["my caseload", { kind: "caseload" }],
    ["My Children", { kind: "caseload" }],
    ["my pupils", { kind: "caseload" }],
    ["my casload", { kind: "caseload" }],
    ["caseload", { kind: "caseload" }],
    ["brief Jordan", { kind: "brief", query: "Jordan" }],
    ["breif for Jordan Smith", { kind: "brief", query: "Jordan Smith" }],
    ["alerts", { kind: "alerts" }],
    ["my alerts", { kind: "alerts" }],
    ["alrets", { kind: "alerts" }],
    ["any alerts for me?", { kind: "alerts" }],
    ["morning, any alerts for me?", { kind: "alerts" }],
    ["do I have any new alerts?", { kind: "alerts" }],
    ["what alerts have I got today", { kind: "alerts" }],
    ["show me my alerts", { kind: "alerts" }],
    ["help", { kind: "help" }],
    ["cancel", { kind: "cancel" }],
    ["Never mind!", { kind: "cancel" }],
    ["stop that", { kind: "cancel" }],
    ["nevermind", { kind: "cancel" }],
    ["hlep", { kind: "help" }],
    ["hi", { kind: "greeting" }],
    ["", { kind: "greeting" }],
    ["log rang carer about Jordan", { kind: "log", text: "rang carer about Jordan" }],
    ["Log", { kind: "log", text: "" }],
    // A case note in the person's own words, without "log": what they did, in the past.
    [
      "rang the carer about Amira's PEP, follow up Friday",
      { kind: "log", text: "rang the carer about Amira's PEP, follow up Friday" },
    ],
    ["I've emailed Jordan's DT", { kind: "log", text: "I've emailed Jordan's DT" }],
    ["Just spoke to Leah's school", { kind: "log", text: "Just spoke to Leah's school" }],
    ["we visited Kai at home today", { kind: "log", text: "we visited Kai at home today" }],
    ["Phoned Tyler's carer, chase next Tuesday", { kind: "log", text: "Phoned Tyler's carer, chase next Tuesday" }],
    ["met the DT about Jordan", { kind: "log", text: "met the DT about Jordan" }],
    ["what is the weather", { kind: "unknown", text: "what is the weather" }],
    ["children's services", { kind: "unknown", text: "children's services" }],
  ])("%j", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(["meeting Jordan", "calls about Jordan", "visits this week", "seeing Leah tomorrow"])(
    "%j is not a case note: it does not open with something done",
    (text) => {
      expect(parseCommand(text).kind).not.toBe("log");
    },
  );

  it("strips mention markup and entities", () => {
    expect(cleanText("<at>Bot</at>&nbsp;status  <b>Jordan</b>")).toBe("status Jordan");
  });
});

describe("follow-up dates in a log message (en-GB, Europe/London)", () => {
  // Monday 23 November 2026, 10:00 GMT.
  const monday = new Date("2026-11-23T10:00:00Z");
  it.each([
    ["rang the carer, follow up Friday", "2026-11-27"],
    ["emailed school, chase by 1/12", "2026-12-01"], // en-GB: day first
    ["emailed school, chase by 1/12/2026", "2026-12-01"],
    ["follow up tomorrow", "2026-11-24"],
    ["follow up next Monday", "2026-11-30"],
    ["meeting on 3 December", null], // a future date with no cue is not a reminder
    ["rang carer, review in 2 weeks", "2026-12-07"],
    ["follow up today", "2026-11-23"],
    ["rang the carer about absence", null],
    ["rang the carer yesterday", null],
  ])("%s → %s", (text, date) => {
    expect(parseLogText(text, monday).followUpDate).toBe(date);
  });

  it("reads 'Friday' forwards from a Saturday", () => {
    expect(parseLogText("follow up Friday", new Date("2026-11-28T09:00:00Z")).followUpDate).toBe("2026-12-04");
  });

  it("uses England's date late in a summer evening (BST)", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London: "tomorrow" is 2 July.
    expect(parseLogText("follow up tomorrow", new Date("2027-06-30T23:30:00Z")).followUpDate).toBe("2027-07-02");
  });
});

describe("a PEP or care-plan review booked or held, in people's own words", () => {
  // Monday 23 November 2026, 10:00 GMT.
  const monday = new Date("2026-11-23T10:00:00Z");
  /** What a sentence records, and on what date, as the bot would read it on `now`. */
  const read = (text: string, now = monday) => {
    const command = parseCommand(text);
    if (command.kind !== "record") return command.kind;
    return `${command.subject} ${command.event} ${recordDate(command.text, command.event, now) ?? "no date"}`;
  };

  it.each([
    // Care-plan reviews booked.
    ["review for Jordan booked 12 Dec", "review booked 2026-12-12"],
    ["Jordan's review is on 12 December", "review booked 2026-12-12"],
    ["Jordan’s review is on 12 December", "review booked 2026-12-12"],
    ["booked Jordan's care plan review for 12/1/2027", "review booked 2027-01-12"],
    ["book Amira's review for 12 Jan", "review booked 2027-01-12"],
    ["LAC review for Jordan Smith arranged for Friday", "review booked 2026-11-27"],
    ["Review booked for Amira on the 3rd of December", "review booked 2026-12-03"],
    ["Jordan's review has been moved to 14 Dec", "review booked 2026-12-14"],
    ["<at>Virtual School</at> review for Jordan booked 12 Dec", "review booked 2026-12-12"],
    ["Jordan's reveiw booked 12 Dec", "review booked 2026-12-12"],
    // Care-plan reviews held.
    ["Jordan's review was held yesterday", "review held 2026-11-22"],
    ["review for Jordan held today", "review held 2026-11-23"],
    ["Amira's care-plan review took place on 20 Nov", "review held 2026-11-20"],
    ["Jordan's review was on Friday", "review held 2026-11-20"],
    // PEPs booked.
    ["PEP for Jordan booked for Thursday", "pep booked 2026-11-26"],
    ["Jordan's PEP meeting is on 3 Dec", "pep booked 2026-12-03"],
    ["booked Amira's PEP for next Tuesday", "pep booked 2026-12-01"],
    ["PEP booked for Jordan Smith 1/12", "pep booked 2026-12-01"],
    ["Jordan's pep is scheduled for 10 December", "pep booked 2026-12-10"],
    ["Tyler's PEP will be on Wednesday", "pep booked 2026-11-25"],
    // PEPs held.
    ["Jordan's PEP was held today", "pep held 2026-11-23"],
    ["held Amira's PEP yesterday", "pep held 2026-11-22"],
    ["PEP for Tyler held on Thursday", "pep held 2026-11-19"],
    ["Jordan had his PEP today", "pep held 2026-11-23"],
    ["Amira's PEP took place on 18 November", "pep held 2026-11-18"],
    ["PEP done for Jordan today", "pep held 2026-11-23"],
    ["Jordan's PEP was held", "pep held no date"],
    ["PEP for Jordan booked", "pep booked no date"],
  ])("%s → %s", (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it.each([
    // Other commands keep their meaning.
    ["status Jordan", "status"],
    ["status of Jordan's PEP", "status"],
    ["log booked a taxi for Jordan", "log"],
    ["log Jordan's PEP was held today", "log"],
    ["brief Jordan", "brief"],
    ["my caseload", "caseload"],
    ["alerts", "alerts"],
    ["help", "help"],
    // Neither a PEP nor a review, or both, or no event.
    ["booked a taxi for Jordan", "unknown"],
    ["held Jordan's hand", "unknown"],
    ["review Jordan", "unknown"],
    ["Jordan's PEP", "unknown"],
    ["PEP before Jordan's review booked 12 Dec", "unknown"],
    // Both held and booked, a question, a negation.
    ["Jordan's PEP was held, next one booked for March", "unknown"],
    ["is Jordan's PEP booked?", "question"],
    ["when is Jordan's review booked", "unknown"],
    ["was Amira's PEP held", "unknown"],
    ["Jordan's review isn't booked yet", "unknown"],
    ["Jordan's PEP wasn't held today", "unknown"],
    ["the PEP for Jordan has not been booked", "unknown"],
    ["Jordan's review was cancelled", "unknown"],
  ])("%s is not a record (%s)", (text, kind) => {
    expect(read(text)).toBe(kind);
  });

  it("reads a booking forwards and a meeting held backwards", () => {
    expect(recordDate("PEP booked for Monday", "booked", monday)).toBe("2026-11-23");
    expect(recordDate("PEP held on Monday", "held", monday)).toBe("2026-11-23");
    expect(recordDate("PEP booked for Friday", "booked", monday)).toBe("2026-11-27");
    expect(recordDate("PEP held on Friday", "held", monday)).toBe("2026-11-20");
    expect(recordDate("review booked 12 Jan", "booked", monday)).toBe("2027-01-12");
    expect(recordDate("review held 12 Nov", "held", monday)).toBe("2026-11-12");
  });

  it("does not take a month name alone (it may be a name) as the date", () => {
    expect(recordDate("May's PEP was held", "held", monday)).toBeNull();
    expect(recordDate("May's PEP was held yesterday", "held", monday)).toBe("2026-11-22");
  });

  it("uses England's date late in a summer evening (BST)", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London: "today" is 1 July.
    expect(recordDate("Jordan's PEP was held today", "held", new Date("2027-06-30T23:30:00Z"))).toBe("2027-07-01");
  });

  it("names the intent without the clock", () => {
    expect(recordIntent("review for Jordan booked 12 Dec")).toEqual({ subject: "review", event: "booked" });
    expect(recordIntent("held Amira's PEP yesterday")).toEqual({ subject: "pep", event: "held" });
    expect(recordIntent("rang the carer about Jordan")).toBeNull();
  });
});

describe("cancel", () => {
  it.each(["cancel the review for Jordan", "stop Jordan's alerts", "stopped by the school"])(
    "%s: more than calling something off is not a bare cancel",
    (text) => expect(parseCommand(text).kind).not.toBe("cancel"),
  );
});
