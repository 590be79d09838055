/**
 * "log …": a date that says when something happened is the action's date; only a cued
 * date is a follow-up (issue 12, item 1). Monday 23 November 2026, 10:00 GMT.
 */
import { describe, expect, it } from "vitest";
import { parseLogText } from "../../bot/nlu.js";

const monday = new Date("2026-11-23T10:00:00Z");

describe("when it happened and when to follow up, read apart", () => {
  it.each([
    // The issue's own phrases.
    ["met Kai's DT on 20 November", "2026-11-20", null],
    ["visited Amira on Thursday", "2026-11-19", null],
    ["rang Jordan's carer today", "2026-11-23", null],
    ["rang the carer, follow up Friday", null, "2026-11-27"],
    ["emailed the school, chase next Tuesday", null, "2026-12-01"],
    ["spoke to Tyler's DT, remind me on 4 Dec", null, "2026-12-04"],
    // Both in one sentence, either order.
    ["met Kai's DT on 20 November, follow up Friday", "2026-11-20", "2026-11-27"],
    ["follow up Friday, visited Amira on Thursday", "2026-11-19", "2026-11-27"],
    ["spoke to the carer yesterday and will chase on Monday", "2026-11-22", "2026-11-30"],
    ["rang the SENCO this morning, check back in two weeks", "2026-11-23", "2026-12-07"],
    ["visited Leah at home on Friday 20 Nov, follow up with school on 1 December", "2026-11-20", "2026-12-01"],
    ["school to send the PEP by Friday", null, "2026-11-27"],
    // "on" and "next" alone are not cues; a future date with no cue is neither.
    ["PEP meeting on 3 December", null, null],
    ["rang by phone on Thursday", "2026-11-19", null],
    ["LAC review on 4 Dec", null, null],
    ["rang carer, review in 2 weeks", null, "2026-12-07"],
    ["rang the carer about absence", null, null],
  ])("%s → happened %s, follow up %s", (text, actionDate, followUpDate) => {
    expect(parseLogText(text, monday)).toMatchObject({ actionDate, followUpDate });
  });

  it("keeps a cued date even when it is past, so the card can question it", () => {
    expect(parseLogText("follow up yesterday", monday).followUpDate).toBe("2026-11-22");
  });

  it("reads a weekday said on that weekday as today, and last week's otherwise", () => {
    expect(parseLogText("met the carer on Monday", monday).actionDate).toBe("2026-11-23");
    expect(parseLogText("met the carer on Tuesday", monday).actionDate).toBe("2026-11-17");
  });
});
