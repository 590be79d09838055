/**
 * The alert card (cards/templates/alert.json): one alert that a designated teacher or a
 * social worker answers in Teams with Universal Actions.
 *
 * Two things the shared checks in cards.test.ts cannot see are checked here as well:
 * - Fallbacks. The official parser reads an action's `fallback` only when it cannot use
 *   the action itself, and a 1.5 parser knows Action.Execute, so it never looks at ours;
 *   the 1.5 schema does not check them either (its `FallbackOption` is a `pattern` with
 *   no `type: string`, which any object satisfies). So each card is also checked as a
 *   client without Universal Actions sees it: every Action.Execute swapped for its
 *   fallback Action.Submit.
 * - `refresh` and Action.Execute's `fallback` are both in the official 1.5 schema, so
 *   nothing had to be added to it in memory (test/support/card-schema.ts only allows
 *   `msteams` and the `filtered` style). `refresh: null` is refused, so alertCard leaves
 *   the key out when nobody gets a personal view.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${" is searched for on purpose, the templates' syntax.
import { describe, expect, it } from "vitest";
import { alertExamples as ax, TRICKY_TEXT } from "../../cards/examples.js";
import { type AdaptiveCard, alertCard } from "../../cards/index.js";
import { ALERT_VERBS, alertVerbSchema } from "../../cards/verbs.js";
import type { AlertCardModel } from "../../cards/view-models.js";
import {
  cardSchemaAvailable,
  nodes,
  ofType,
  parseWithAdaptiveCards,
  shown,
  TEAMS_CARD_LIMIT,
  validateCard,
} from "../support/card-schema.js";

/** The official parser's default host config refuses more actions than this in one place. */
const MAX_ACTIONS = 5;

type Node = Record<string, unknown>;
type Button = { action: Node; inputs: Record<string, string> };

/** What a person would enter in an input before pressing the button under it. */
function sampleValue(input: Node): string {
  if (input.type === "Input.ChoiceSet") return (input.choices as { value: string }[])[0]?.value ?? "";
  if (input.type === "Input.Date") return "2026-11-20";
  return "Called the school about Monday.";
}

/**
 * Every Action.Execute and Action.Submit a person can press (not the refresh action),
 * with the inputs Teams merges into its data: those of its own card and of the cards
 * above it, never those of a ShowCard it does not sit in.
 */
function buttons(card: Node, above: Record<string, string> = {}): Button[] {
  const inputs = { ...above };
  const found: Node[] = [];
  const shownCards: Node[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
    } else if (typeof value === "object" && value !== null) {
      const node = value as Node;
      const type = String(node.type);
      if (type === "Action.ShowCard") shownCards.push(node.card as Node);
      else if (type === "Action.Execute" || type === "Action.Submit") found.push(node);
      else {
        if (type.startsWith("Input.")) inputs[node.id as string] = sampleValue(node);
        for (const child of Object.values(node)) walk(child);
      }
    }
  };
  walk(card.body);
  walk(card.actions);
  return [
    ...found.map((action) => ({ action, inputs })),
    ...shownCards.flatMap((shownCard) => buttons(shownCard, inputs)),
  ];
}

/** What the bot receives: Action.Execute sends `verb` beside `data`, Action.Submit only `data`. */
const sent = ({ action, inputs }: Button) =>
  action.type === "Action.Execute"
    ? { verb: action.verb, ...(action.data as object), ...inputs }
    : { ...(action.data as object), ...inputs };

const payloads = (card: AdaptiveCard) => buttons(card).map((b) => alertVerbSchema.parse(sent(b)));

/** The card as a client without Universal Actions uses it: each Action.Execute replaced by its fallback. */
function withFallbacks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withFallbacks);
  if (typeof value !== "object" || value === null) return value;
  const node = value as Node;
  if (node.type === "Action.Execute" && node.fallback) return withFallbacks(node.fallback);
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, withFallbacks(child)]));
}

/** Titles of the buttons in the card's action bar, and of those in the body. */
const barTitles = (card: AdaptiveCard) => (card.actions ?? []).map((a) => a.title);
const bodyTitles = (card: AdaptiveCard) =>
  ofType(card.body, "ActionSet").flatMap((set) => (set.actions as Node[]).map((a) => a.title));
const facts = (card: unknown) =>
  ofType(card, "FactSet").flatMap((set) => set.facts as { title: string; value: string }[]);
type Refresh = { action: { type: string; verb: string; data: object }; userIds: string[] };
const refreshOf = (card: AdaptiveCard) => card.refresh as Refresh | undefined;
/** Buttons and inputs a person could use (the refresh action is no button). */
const answerParts = (card: AdaptiveCard) =>
  ["Action.Execute", "Action.Submit", "Action.ShowCard", "Input.Text", "Input.ChoiceSet"].flatMap((type) =>
    ofType([card.body, card.actions], type),
  );

/**
 * The card as JSON without what must be an ISO date: Input.Date's `min` and `max`, which
 * Teams reads as YYYY-MM-DD (today's date, never a person's).
 */
const withoutInputDates = (card: unknown): string =>
  JSON.stringify(card, (key, value) => (key === "min" || key === "max" ? undefined : value));

/** `buttonCount`: the Action.Execute buttons (not the refresh) each card must carry, counted by hand. */
const cases: { name: string; model: AlertCardModel; buttonCount: number; card: AdaptiveCard }[] = [
  { name: "DT, attendance alert, open", model: ax.alertDtAttendance, buttonCount: 6 },
  // Noted, Snooze, Log; Booked for, Held on.
  { name: "DT, PEP alert, open", model: ax.alertDtPep, buttonCount: 5 },
  { name: "social worker, PEP overdue, meeting booked", model: ax.alertSwPepBooked, buttonCount: 5 },
  { name: "DT, PEP alert as first sent (no date bounds, no tab)", model: ax.alertDtPepUnbounded, buttonCount: 5 },
  { name: "PEP alert resolved: held", model: ax.alertPepHeld, buttonCount: 0 },
  { name: "PEP to quality-assure, Virtual School", model: ax.alertQa, buttonCount: 2 },
  { name: "PEP quality-assured, summary kept", model: ax.alertQaDone, buttonCount: 0 },
  { name: "quality-assurance outcome: green", model: ax.alertQaOutcome, buttonCount: 1 },
  { name: "quality-assurance outcome: returned", model: ax.alertQaReturned, buttonCount: 1 },
  { name: "IRO, review overdue", model: ax.alertIroReviewOverdue, buttonCount: 2 },
  { name: "social worker, open", model: ax.alertSw, buttonCount: 3 },
  { name: "answered, with history", model: ax.alertAnswered, buttonCount: 0 },
  { name: "someone else, no tab", model: ax.alertOtherNoTab, buttonCount: 0 },
  { name: "60 personal views, long history", model: ax.alertManyViewers, buttonCount: 6 },
  { name: "no facts, history, codes, refresh or tab", model: ax.alertBare, buttonCount: 5 },
  // Noted, Ask school; Save anyway, and Save for the words changed (the bar's Log is hidden meanwhile).
  { name: "social worker, Log questioned (Save anyway)", model: ax.alertSwLogQuestion, buttonCount: 4 },
  // As above, without Save anyway: the action log would refuse the date.
  { name: "social worker, Log refused (change the date)", model: ax.alertSwLogRefused, buttonCount: 3 },
  {
    name: "DT, put to the school by Ask school",
    model: { ...ax.alertDtAttendance, askedBy: "Sam Patel (social worker) asks the school about this." },
    buttonCount: 6,
  },
].map((c) => ({ ...c, card: alertCard(c.model) }));

describe.each(cases)("alert card: $name", ({ model, buttonCount, card }) => {
  it("is an Adaptive Card 1.5", () => {
    expect(card).toMatchObject({
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.5",
    });
  });

  it.skipIf(!cardSchemaAvailable)("validates against the 1.5 schema, as sent and with fallbacks", () => {
    expect(validateCard(card)).toEqual([]);
    expect(validateCard(withFallbacks(card))).toEqual([]);
  });

  it("parses with the adaptivecards renderer, as sent and with fallbacks, within its action limit", () => {
    expect(parseWithAdaptiveCards(card).errors).toEqual([]);
    expect(parseWithAdaptiveCards(withFallbacks(card)).errors).toEqual([]);
    for (const node of nodes(card)) {
      if (Array.isArray(node.actions)) expect(node.actions.length).toBeLessThanOrEqual(MAX_ACTIONS);
    }
  });

  it("gives every Action.Execute an Action.Submit fallback with its title, data and verb", () => {
    // The refresh action is no button, and a client without Universal Actions never runs it.
    const executes = ofType(card, "Action.Execute").filter((action) => action !== refreshOf(card)?.action);
    expect(executes).toHaveLength(buttonCount);
    for (const action of executes) {
      expect(action.fallback).toEqual({
        type: "Action.Submit",
        title: action.title,
        ...(action.style ? { style: action.style } : {}),
        data: { verb: action.verb, ...(action.data as object) },
      });
    }
  });

  it("sends only payloads the bot can parse, the same with or without Universal Actions", () => {
    const universal = buttons(card);
    const old = buttons(withFallbacks(card) as Node);
    expect(universal).toHaveLength(buttonCount);
    expect(old).toHaveLength(universal.length);
    universal.forEach((button, i) => {
      expect(button.action.type).toBe("Action.Execute");
      const parsed = alertVerbSchema.safeParse(sent(button));
      expect(parsed.success, JSON.stringify(sent(button))).toBe(true);
      expect(alertVerbSchema.parse(sent(old[i]!))).toEqual(parsed.data);
      expect(parsed.data?.alertId).toBe(model.alertId);
    });
    const refresh = refreshOf(card);
    if (refresh) {
      const { verb, data } = refresh.action;
      expect(alertVerbSchema.parse({ verb, ...data })).toEqual({ verb: ALERT_VERBS.refresh, alertId: model.alertId });
    }
  });

  it("fits Teams' card limit and wraps its text", () => {
    expect(Buffer.byteLength(JSON.stringify(card), "utf8")).toBeLessThan(TEAMS_CARD_LIMIT);
    for (const block of ofType(card, "TextBlock")) expect(block.wrap).toBe(true);
    for (const node of nodes(card)) expect(node.actions).not.toEqual([]);
  });

  it("expands every expression and shows no ISO date (as a date of birth would be) and no UPN", () => {
    const json = JSON.stringify(card);
    expect(json.replaceAll(JSON.stringify(TRICKY_TEXT).slice(1, -1), "")).not.toContain("${");
    expect(withoutInputDates(card)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(json).not.toMatch(/[A-Z]\d{12}/);
  });
});

describe("alert card header", () => {
  it("colours the title by severity and says it in words", () => {
    const red = ofType(alertCard(ax.alertDtAttendance), "TextBlock")[0];
    expect(red).toMatchObject({ text: "Red: Unexplained absence today", color: "attention" });
    const amber = ofType(alertCard(ax.alertDtPep), "TextBlock")[0];
    // Teams' light "warning" yellow is 1.5:1 on white: amber is said in words, in default text.
    expect(amber).toMatchObject({ text: "Amber: PEP review due in 5 school days", color: "default" });
  });

  it("names the child, the day it was raised, its facts and its state", () => {
    const card = alertCard(ax.alertSw);
    expect(shown(card)).toEqual(
      expect.arrayContaining(["Jordan S. · raised 23 Nov 2026", "Status: Acknowledged by the school"]),
    );
    expect(facts(card)).toEqual(ax.alertSw.facts);
    expect(card.fallbackText).toBe("Red: Unexplained absence today (Jordan S.)");
  });

  it("lists who did what and when, exactly as typed and without markdown", () => {
    const runs = ofType(alertCard(ax.alertAnswered), "RichTextBlock").map((b) =>
      (b.inlines as { text: string }[]).map((r) => r.text).join(""),
    );
    expect(runs).toEqual(ax.alertAnswered.history.map((h) => `${h.when} · ${h.who}: ${h.what}`));
    expect(runs[1]).toContain(TRICKY_TEXT);
    expect(ofType(alertCard(ax.alertAnswered), "TextBlock").map((b) => b.text)).not.toContain(TRICKY_TEXT);
  });

  it("leaves out the facts and the history when there are none", () => {
    const card = alertCard(ax.alertBare);
    expect(ofType(card, "FactSet")).toEqual([]);
    expect(ofType(card, "RichTextBlock")).toEqual([]);
    expect(shown(card)).toContain("Status: Open");
  });

  it("links the tab only when it is configured", () => {
    expect(ofType(alertCard(ax.alertDtAttendance), "Action.OpenUrl")).toEqual([
      { type: "Action.OpenUrl", title: "Details", url: ax.alertDtAttendance.tabUrl },
    ]);
    expect(ofType(alertCard(ax.alertBare), "Action.OpenUrl")).toEqual([]);
  });
});

describe("alert card refresh", () => {
  it("asks Teams for a personal view for each listed user", () => {
    expect(alertCard(ax.alertDtAttendance).refresh).toEqual({
      action: { type: "Action.Execute", verb: ALERT_VERBS.refresh, data: { alertId: 41 } },
      userIds: ax.alertDtAttendance.refreshUserIds,
    });
  });

  it("lists all 60 users Teams allows", () => {
    const userIds = refreshOf(alertCard(ax.alertManyViewers))?.userIds;
    expect(userIds).toHaveLength(60);
    expect(userIds).toEqual(ax.alertManyViewers.refreshUserIds);
  });

  it("is left out when nobody is listed", () => {
    expect(alertCard(ax.alertBare)).not.toHaveProperty("refresh");
  });
});

describe("alert card buttons", () => {
  const id = ax.alertDtAttendance.alertId;

  it("lets the designated teacher answer an attendance alert", () => {
    const card = alertCard(ax.alertDtAttendance);
    expect(bodyTitles(card)).toEqual(["In school", "Late", "Give a reason"]);
    expect(barTitles(card)).toEqual(["Noted", "Snooze", "Log", "Details"]);
    expect(payloads(card)).toEqual([
      { verb: ALERT_VERBS.present, alertId: id, late: false },
      { verb: ALERT_VERBS.present, alertId: id, late: true },
      { verb: ALERT_VERBS.acknowledge, alertId: id },
      { verb: ALERT_VERBS.reason, alertId: id, code: "I" },
      { verb: ALERT_VERBS.snooze, alertId: id, days: 1 },
      { verb: ALERT_VERBS.log, alertId: id, text: "Called the school about Monday." },
    ]);
  });

  it("asks for the reason as one of the model's attendance codes, each of which the bot accepts", () => {
    const [code] = ofType(alertCard(ax.alertDtAttendance), "Input.ChoiceSet").filter((i) => i.id === "code");
    expect(code).toMatchObject({ isRequired: true, choices: ax.alertDtAttendance.reasonCodes });
    for (const { value } of ax.alertDtAttendance.reasonCodes) {
      expect(alertVerbSchema.parse({ verb: ALERT_VERBS.reason, alertId: id, code: value })).toMatchObject({
        code: value,
      });
    }
  });

  it("snoozes for 1, 2 or 5 school days and logs up to 2,000 characters", () => {
    const card = alertCard({ ...ax.alertDtPep, pepAnswer: null });
    const [days] = ofType(card, "Input.ChoiceSet").filter((i) => i.id === "days");
    expect(days).toMatchObject({ isRequired: true });
    const values = (days!.choices as { title: string; value: string }[]).map((c) => [c.title, c.value]);
    expect(values).toEqual([
      ["1 school day", "1"],
      ["2 school days", "2"],
      ["5 school days", "5"],
    ]);
    for (const [, value] of values) {
      expect(alertVerbSchema.parse({ verb: ALERT_VERBS.snooze, alertId: 42, days: value })).toMatchObject({
        days: Number(value),
      });
    }
    expect(ofType(card, "Input.Text")).toEqual([
      expect.objectContaining({ id: "text", isMultiline: true, maxLength: 2000, isRequired: true }),
    ]);
  });

  it("gives the designated teacher no attendance buttons on other alerts", () => {
    const card = alertCard(ax.alertDtPep);
    expect(bodyTitles(card)).toEqual(["Booked for…", "Held on…", "Open the PEP form"]);
    expect(barTitles(card)).toEqual(["Noted", "Snooze", "Log", "Details"]);
    expect(payloads(card).map((p) => p.verb)).toEqual([
      ALERT_VERBS.acknowledge,
      ALERT_VERBS.pepBooked,
      ALERT_VERBS.pepHeld,
      ALERT_VERBS.snooze,
      ALERT_VERBS.log,
    ]);
  });

  it("offers no reason when the model has no codes", () => {
    const card = alertCard(ax.alertBare);
    expect(bodyTitles(card)).toEqual(["In school", "Late"]);
    expect(ofType(card, "Input.ChoiceSet").map((i) => i.id)).toEqual(["days"]);
  });

  it("lets the social worker acknowledge, ask the school or log, even on an attendance alert", () => {
    const card = alertCard(ax.alertSw);
    expect(bodyTitles(card)).toEqual([]);
    expect(barTitles(card)).toEqual(["Noted", "Ask school", "Log", "Details"]);
    expect(payloads(card)).toEqual([
      { verb: ALERT_VERBS.acknowledge, alertId: id },
      { verb: ALERT_VERBS.askSchool, alertId: id },
      { verb: ALERT_VERBS.log, alertId: id, text: "Called the school about Monday." },
    ]);
  });

  it("gives anyone else nothing to press but the tab", () => {
    expect(barTitles(alertCard({ ...ax.alertOtherNoTab, tabUrl: ax.alertSw.tabUrl }))).toEqual(["Details"]);
    const card = alertCard(ax.alertOtherNoTab);
    expect(card.actions).toBeUndefined();
    expect(answerParts(card)).toEqual([]);
  });

  it.each(["designated_teacher", "social_worker", "other"] as const)(
    "shows no buttons once answered (%s)",
    (viewer) => {
      const card = alertCard({ ...ax.alertAnswered, viewer });
      expect(answerParts(card)).toEqual([]);
      expect(ofType(card, "ActionSet")).toEqual([]);
      expect(barTitles(card)).toEqual(["Details"]);
      // Teams still asks for each listed user's view, so a later change reaches them.
      expect(card.refresh).toBeDefined();
    },
  );
});

describe("alert card is a pure function of its model", () => {
  it("gives the same card twice and leaves the model untouched", () => {
    const model = structuredClone(ax.alertDtAttendance);
    const first = alertCard(model);
    expect(alertCard(model)).toEqual(first);
    expect(model).toEqual(ax.alertDtAttendance);
    first.body.length = 0;
    expect(alertCard(model).body.length).toBeGreaterThan(3);
  });
});

describe("PEP alert: booked for / held on", () => {
  const id = ax.alertDtPep.alertId;
  const dateInputs = (card: unknown) => ofType(card, "Input.Date");

  it("asks the question and offers a required date for each, bounded by today, and the PEP form", () => {
    const card = alertCard(ax.alertDtPep);
    expect(shown(card)).toContain("Has the PEP meeting been booked or held?");
    expect(dateInputs(card)).toEqual([
      expect.objectContaining({
        id: "bookedFor",
        isRequired: true,
        min: "2026-11-23",
        errorMessage: expect.any(String),
      }),
      expect.objectContaining({ id: "heldOn", isRequired: true, max: "2026-11-23", errorMessage: expect.any(String) }),
    ]);
    expect(dateInputs(card)[0]).not.toHaveProperty("max");
    expect(dateInputs(card)[1]).not.toHaveProperty("min");
    expect(ofType(card, "Action.OpenUrl")).toContainEqual({
      type: "Action.OpenUrl",
      title: "Open the PEP form",
      url: ax.alertDtPep.pepAnswer?.formUrl,
    });
  });

  it("sends the date chosen with the alert, as verbs the bot parses", () => {
    const sentPayloads = payloads(alertCard(ax.alertDtPep)).filter(
      (p) => p.verb === ALERT_VERBS.pepBooked || p.verb === ALERT_VERBS.pepHeld,
    );
    expect(sentPayloads).toEqual([
      { verb: ALERT_VERBS.pepBooked, alertId: id, bookedFor: "2026-11-20" },
      { verb: ALERT_VERBS.pepHeld, alertId: id, heldOn: "2026-11-20" },
    ]);
  });

  it("leaves the dates unbounded, and the form out, when the model has neither", () => {
    const card = alertCard(ax.alertDtPepUnbounded);
    expect(dateInputs(card).map((i) => i.id)).toEqual(["bookedFor", "heldOn"]);
    for (const input of dateInputs(card)) {
      expect(input).not.toHaveProperty("min");
      expect(input).not.toHaveProperty("max");
    }
    expect(ofType(card, "Action.OpenUrl")).toEqual([]);
  });

  it("gives the social worker the same answers, and says when the meeting is booked", () => {
    const card = alertCard(ax.alertSwPepBooked);
    expect(bodyTitles(card)).toEqual(["Booked for…", "Held on…", "Open the PEP form"]);
    expect(barTitles(card)).toEqual(["Noted", "Ask school", "Log", "Details"]);
    expect(shown(card)).toContain("PEP meeting booked for Thu 3 Dec 2026");
  });

  it("once held, every copy reads resolved, says who recorded it and offers nothing to press", () => {
    const card = alertCard(ax.alertPepHeld);
    expect(shown(card)).toContain("Status: Resolved: PEP meeting held");
    const lines = ofType(card, "RichTextBlock").map((b) =>
      (b.inlines as { text: string }[]).map((r) => r.text).join(""),
    );
    expect(lines).toContain("3 Dec 2026 15:40 · Chris D.: Recorded the PEP meeting as held");
    expect(shown(card)).not.toContain("PEP meeting booked for Thu 3 Dec 2026");
    expect(answerParts(card)).toEqual([]);
    expect(dateInputs(card)).toEqual([]);
  });

  it("gives the IRO noted and log, but no PEP answers and no question to the school", () => {
    const card = alertCard(ax.alertIroReviewOverdue);
    expect(bodyTitles(card)).toEqual([]);
    expect(barTitles(card)).toEqual(["Noted", "Log", "Details"]);
    expect(facts(card)).toEqual(ax.alertIroReviewOverdue.facts);
  });
});

describe("PEP quality-assurance card", () => {
  const card = alertCard(ax.alertQa);
  const qa = ax.alertQa.qa!;

  it("summarises the PEP without a RAG word in its heading", () => {
    expect(ofType(card, "TextBlock")[0]).toMatchObject({ text: "PEP to quality-assure" });
    expect(facts(card)).toEqual([
      { title: "PEP", value: "Autumn term 2026" },
      { title: "Meeting", value: "Thu 3 Dec 2026" },
      { title: "Attendees", value: "5" },
      { title: "Submitted", value: "4 Dec 2026" },
      { title: "PP+ requested", value: "£750.00" },
    ]);
  });

  it("lists each target as typed, with its owner, date and PP+ requested", () => {
    const text = shown(card);
    expect(text).toContain("Targets (3)");
    expect(ofType(card, "TextRun").map((r) => r.text)).toContain(`• ${TRICKY_TEXT}`);
    expect(text).toContain("Carer · by 12 Feb 2027");
    expect(text).toContain("Class teacher · by 26 Mar 2027 · PP+ requested £600.00");
  });

  it("asks for the criteria met (several), a rating (required) and a comment", () => {
    const [criteria, rating] = ofType(card, "Input.ChoiceSet");
    expect(criteria).toMatchObject({ id: "criteria", isMultiSelect: true, choices: qa.criteria });
    expect(rating).toMatchObject({ id: "rating", isRequired: true, errorMessage: expect.any(String) });
    expect((rating!.choices as { value: string }[]).map((c) => c.value)).toEqual(["green", "amber", "red"]);
    const inputs = ofType(card, "Input.Text");
    expect(inputs).toEqual([
      expect.objectContaining({ id: "comment", isMultiline: true, maxLength: 2000 }),
      expect.objectContaining({ id: "returnComment", isMultiline: true, maxLength: 2000, isRequired: true }),
    ]);
    expect(inputs[0]).not.toHaveProperty("isRequired");
  });

  it("quality-assures with the rating, or returns with a comment, each on its own inputs", () => {
    expect(barTitles(card)).toEqual(["Quality-assure", "Return", "Open the PEP"]);
    expect(buttons(card).map((b) => b.action.title)).toEqual(["Quality-assured", "Return for changes"]);
    expect(payloads(card)).toEqual([
      {
        verb: ALERT_VERBS.pepQa,
        alertId: 51,
        rating: "green",
        criteria: ["child_voice"],
        comment: "Called the school about Monday.",
      },
      { verb: ALERT_VERBS.pepReturn, alertId: 51, returnComment: "Called the school about Monday." },
    ]);
    // The rating required to quality-assure is not asked of a return, and the other way round.
    const [qaButton, returnButton] = buttons(card);
    expect(Object.keys(qaButton!.inputs).sort()).toEqual(["comment", "criteria", "rating"]);
    expect(Object.keys(returnButton!.inputs)).toEqual(["returnComment"]);
  });

  it("keeps the summary once answered, with nothing to press but the tab", () => {
    const done = alertCard(ax.alertQaDone);
    expect(shown(done)).toContain("Status: Resolved: PEP quality-assured: Green");
    expect(answerParts(done)).toEqual([]);
    expect(done.actions).toBeUndefined();
  });

  it("is the plain alert card for anyone the view gives no summary (no targets, no inputs)", () => {
    const plain = alertCard({ ...ax.alertQa, qa: null, viewer: "other", facts: [{ title: "Targets", value: "3" }] });
    expect(shown(plain)).not.toContain("Targets (3)");
    expect(ofType(plain, "Input.ChoiceSet")).toEqual([]);
    expect(facts(plain)).toEqual([{ title: "Targets", value: "3" }]);
  });
});

describe("quality-assurance outcome notice", () => {
  it("says the rating in its heading, never a RAG word for the alert, and shows the comment", () => {
    const card = alertCard(ax.alertQaOutcome);
    expect(ofType(card, "TextBlock")[0]).toMatchObject({ text: "PEP quality-assured: Green" });
    expect(JSON.stringify(card)).not.toContain("Amber");
    expect(ofType(card, "TextRun").map((r) => r.text)).toContain(ax.alertQaOutcome.comment);
    expect(card.fallbackText).toBe("PEP quality-assured: Green (Jordan S.)");
  });

  it("asks only to be noted", () => {
    for (const model of [ax.alertQaOutcome, ax.alertQaReturned]) {
      const card = alertCard(model);
      expect(barTitles(card)).toEqual(["Noted", "Details"]);
      expect(payloads(card)).toEqual([{ verb: ALERT_VERBS.acknowledge, alertId: model.alertId }]);
    }
  });

  it("says a PEP was returned, with the comment exactly as typed", () => {
    const card = alertCard(ax.alertQaReturned);
    expect(ofType(card, "TextBlock")[0]).toMatchObject({ text: "PEP returned for changes", color: "attention" });
    expect(ofType(card, "TextRun").map((r) => r.text)).toContain(TRICKY_TEXT);
  });
});
