/**
 * What the bot accepts back from a card's PEP buttons: a date from Input.Date, a rating and
 * the criteria ticked, a comment; and for anything missing or wrong, a sentence saying
 * what the card needs (never a crash, never the raw error).
 */
import { describe, expect, it } from "vitest";
import {
  ALERT_VERBS,
  alertPayloadProblem,
  alertVerbSchema,
  isAlertAnswer,
  VERBS,
  verbPayloadSchema,
} from "../../cards/verbs.js";

describe("PEP answers on an alert card", () => {
  it("takes the date Input.Date sends", () => {
    expect(alertVerbSchema.parse({ verb: ALERT_VERBS.pepBooked, alertId: "7", bookedFor: "2026-12-03" })).toEqual({
      verb: ALERT_VERBS.pepBooked,
      alertId: 7,
      bookedFor: "2026-12-03",
    });
    expect(alertVerbSchema.parse({ verb: ALERT_VERBS.pepHeld, alertId: 7, heldOn: " 2026-11-23 " })).toMatchObject({
      heldOn: "2026-11-23",
    });
  });

  it.each([
    [{ verb: ALERT_VERBS.pepHeld, alertId: 7 }, "Choose the date the PEP meeting was held."],
    [{ verb: ALERT_VERBS.pepHeld, alertId: 7, heldOn: "" }, "Choose the date the PEP meeting was held."],
    [{ verb: ALERT_VERBS.pepHeld, alertId: 7, heldOn: "2026-02-30" }, "Choose the date the PEP meeting was held."],
    [
      { verb: ALERT_VERBS.pepBooked, alertId: 7, bookedFor: "next week" },
      "Choose the date the PEP meeting is booked for.",
    ],
    [{ verb: ALERT_VERBS.pepQa, alertId: 7 }, "Choose a rating: green, amber or red."],
    [{ verb: ALERT_VERBS.pepQa, alertId: 7, rating: "purple" }, "Choose a rating: green, amber or red."],
    [
      { verb: ALERT_VERBS.pepReturn, alertId: 7, returnComment: "   " },
      "Say what needs changing before the PEP goes back.",
    ],
    [{ verb: ALERT_VERBS.pepReturn, alertId: 7 }, "Say what needs changing before the PEP goes back."],
    [
      { verb: ALERT_VERBS.pepQa, alertId: 7, rating: "green", comment: "x".repeat(2001) },
      "Keep the comment under 2,000 characters.",
    ],
    [{ verb: "alert.unheard_of", alertId: 7 }, "That button is not one I know. Try the latest copy of the card."],
    [
      { verb: ALERT_VERBS.pepHeld, alertId: "x", heldOn: "2026-11-23" },
      "That card has expired. Try the latest copy of the card.",
    ],
  ])("%j is refused with “%s”", (raw, sentence) => {
    expect(alertVerbSchema.safeParse(raw).success).toBe(false);
    expect(alertPayloadProblem(raw)).toBe(sentence);
  });

  it("reads the criteria ticked (Teams sends them comma-separated) and an empty comment as none", () => {
    const parsed = alertVerbSchema.parse({
      verb: ALERT_VERBS.pepQa,
      alertId: 7,
      rating: "amber",
      criteria: "child_voice,smart_targets",
      comment: "  ",
    });
    expect(parsed).toEqual({
      verb: ALERT_VERBS.pepQa,
      alertId: 7,
      rating: "amber",
      criteria: ["child_voice", "smart_targets"],
      comment: undefined,
    });
    expect(alertVerbSchema.parse({ verb: ALERT_VERBS.pepQa, alertId: 7, rating: "red" })).toMatchObject({
      criteria: [],
    });
  });

  it("knows an alert answer by its verb, parsed or not", () => {
    expect(isAlertAnswer({ verb: ALERT_VERBS.pepHeld })).toBe(true);
    expect(isAlertAnswer({ verb: VERBS.saveLog })).toBe(false);
    expect(isAlertAnswer(undefined)).toBe(false);
  });
});

describe("a child chosen for something said in words", () => {
  it("carries what to record and when", () => {
    const raw = { verb: VERBS.recordChild, childId: "3", subject: "review", event: "booked", date: "2026-12-12" };
    expect(verbPayloadSchema.parse(raw)).toEqual({ ...raw, childId: 3 });
  });

  it.each([
    { subject: "exclusion", event: "held", date: "2026-12-12" },
    { subject: "pep", event: "cancelled", date: "2026-12-12" },
    { subject: "pep", event: "held", date: "12 Dec" },
  ])("refuses %j", (data) => {
    expect(verbPayloadSchema.safeParse({ verb: VERBS.recordChild, childId: 3, ...data }).success).toBe(false);
  });
});
