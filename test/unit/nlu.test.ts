import { describe, expect, it } from "vitest";
import { cleanText, parseCommand, parseLogText } from "../../bot/nlu.js";

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
    ["help", { kind: "help" }],
    ["hlep", { kind: "help" }],
    ["hi", { kind: "greeting" }],
    ["", { kind: "greeting" }],
    ["log rang carer about Jordan", { kind: "log", text: "rang carer about Jordan" }],
    ["Log", { kind: "log", text: "" }],
    ["what is the weather", { kind: "unknown", text: "what is the weather" }],
    ["children's services", { kind: "unknown", text: "children's services" }],
  ])("%j", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

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
    ["meeting on 3 December", "2026-12-03"],
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
