/**
 * Every card from every example model (realistic and edge): valid against the official
 * 1.5 schema, accepted by the official renderer's parser, showing what the model says,
 * sending only payloads the bot can parse, small enough for Teams, and free of dates of
 * birth and UPNs. Behaviour of single cards is in cards.behaviour.test.ts.
 */
import { describe, expect, it } from "vitest";
import { digest, digestFull, digestRerouted } from "../../cards/examples.digest.js";
import { examples as ex, TRICKY_TEXT } from "../../cards/examples.js";
import {
  type AdaptiveCard,
  alertsCard,
  answerCard,
  briefCard,
  caseloadCard,
  childChoiceCard,
  digestCard,
  helpCard,
  logConfirmCard,
  logSavedCard,
  recordChoiceCard,
  recordSavedCard,
  reviewsCard,
  statusCard,
  welcomeCard,
} from "../../cards/index.js";
import { escapeMarkdown } from "../../cards/render.js";
import { alertVerbSchema, digestVerbSchema, verbPayloadSchema } from "../../cards/verbs.js";

/** A button's data as the bot reads a message: a digest's, an alert card's, or any other card's. */
const botParses = (data: unknown) =>
  [digestVerbSchema, alertVerbSchema, verbPayloadSchema].some((schema) => schema.safeParse(data).success);

import {
  cardSchemaAvailable,
  nodes,
  ofType,
  parseWithAdaptiveCards,
  shown,
  TEAMS_CARD_LIMIT,
  validateCard,
} from "../support/card-schema.js";

/** `submits`: the Action.Submit buttons the card must carry (counted by hand). */
type Case = { name: string; card: AdaptiveCard; shows: string[]; submits: number };
const cases: Case[] = [
  {
    name: "status",
    card: statusCard(ex.status),
    shows: [
      "Jordan S.",
      "23 Nov 2026",
      "Looked after since 10 Jan 2025",
      "86.4%",
      "Year 9",
      "Red: PEP",
      "Note: Term dates for the school's authority (LA 886) are not loaded",
      "Red: needs attention now (2 urgent concerns)",
      "Who to contact",
      "Designated teacher: [Dana Thompson](mailto:dana.thompson@oakfield.example.sch.uk)",
      "PEP was due",
    ],
    submits: 3,
  },
  {
    name: "status, bare",
    card: statusCard(ex.statusBare),
    shows: ["No school place", "12 school days", "No sessions yet", "Left care on 14 Nov 2026"],
    submits: 3,
  },
  {
    name: "caseload of 25",
    card: caseloadCard(ex.caseloadFull),
    shows: ["31 children", "Child25 Y.", "6 more: “Show more” lists them."],
    // A child each, and "Show more".
    submits: 26,
  },
  {
    name: "caseload, page 2",
    card: caseloadCard(ex.caseloadPage2),
    shows: ["31 children: 26–31, page 2."],
    submits: 6,
  },
  {
    name: "caseload, empty",
    card: caseloadCard(ex.caseloadEmpty),
    shows: ["0 children", "No children to show."],
    submits: 0,
  },
  {
    name: "child choice",
    card: childChoiceCard(ex.childChoice),
    shows: ["Which child do you mean?", "Jordan P."],
    submits: 2,
  },
  { name: "child choice of 8", card: childChoiceCard(ex.childChoiceMany), shows: ["Sam A.", "Sam H."], submits: 8 },
  {
    name: "brief",
    card: briefCard(ex.brief),
    shows: [
      "IRO brief: Jordan S.",
      "88.0%",
      "w/c 12 Sep",
      "91%",
      "No: the review on 20 Nov 2026 needed a new PEP",
      "Left Hillside Primary on 20 Jul 2026",
      "2 Sept 2026 to 23 Nov 2026",
      "Registers start on 2 Sept 2026, later than the last review",
    ],
    submits: 1,
  },
  {
    name: "brief, bare",
    card: briefCard(ex.briefBare),
    shows: ["No earlier review recorded", "No sessions yet", "No school place", "None since care began"],
    submits: 1,
  },
  {
    name: "alerts",
    card: alertsCard(ex.alerts),
    shows: ["2 alerts. Tap one to open it and answer.", "Red: Absent 3", "Amber: PEP due soon"],
    submits: 2,
  },
  {
    name: "digest",
    card: digestCard(digest),
    shows: ["3 children need you", "Jordan S.", "Red: Missing education", "Acknowledged by Sam P.", "4 still open"],
    // Status per child and "All my alerts"; the alerts' buttons are Action.Execute with Submit fallbacks.
    submits: 3 + 1 + 5 + 4,
  },
  {
    name: "digest, rerouted",
    card: digestCard(digestRerouted),
    shows: ["Sent to you because Priya Shah (social worker) could not be reached in Teams"],
    submits: 2 + 1 + 2 + 2,
  },
  {
    name: "digest, the most one card shows",
    card: digestCard(digestFull),
    shows: ["30 children need you", "Harry H.", "And 22 more children"],
    submits: 8 + 1 + 24 + 24,
  },
  { name: "alerts, none", card: alertsCard(ex.alertsNone), shows: ["Nothing needs you right now."], submits: 0 },
  {
    name: "reviews",
    card: reviewsCard(ex.reviews),
    shows: ["Your reviews in the next four weeks", "Fri 20 Nov 2026: Jordan S.", "Overdue since", "New PEP needed by"],
    // A Brief button for each review.
    submits: 3,
  },
  {
    name: "log confirm",
    card: logConfirmCard(ex.logConfirm),
    shows: ["Log this action?", "Contact with carer"],
    submits: 3,
  },
  {
    name: "log confirm, follow-up",
    card: logConfirmCard(ex.logConfirmWithFollowUp),
    shows: ["Fri 27 Nov 2026"],
    submits: 3,
  },
  {
    name: "log saved",
    card: logSavedCard(ex.logSaved),
    shows: ["Action saved", "Fri 27 Nov 2026", "Sam Patel"],
    submits: 0,
  },
  {
    name: "log saved, no tab",
    card: logSavedCard(ex.logSavedNoTab),
    shows: ["Action saved", "Contact with carer"],
    submits: 0,
  },
  {
    name: "log confirm, follow-up questioned",
    card: logConfirmCard(ex.logConfirmQuestioned),
    shows: ["Fri 20 Nov 2026", "is on a weekend.", "more than a term away", "Is that right?"],
    submits: 3,
  },
  {
    name: "log cancelled",
    card: logSavedCard(ex.logCancelled),
    shows: ["Not saved", "Contact with carer"],
    submits: 0,
  },
  {
    name: "welcome",
    card: welcomeCard(ex.welcome),
    shows: ["Welcome, Sam Patel", "signed in as: social worker", "“status Jordan”"],
    submits: 2,
  },
  {
    name: "welcome, bare",
    card: welcomeCard(ex.welcomeBare),
    shows: ["Welcome, Sam Patel", "signed in as: IRO"],
    submits: 0,
  },
  {
    name: "record choice",
    card: recordChoiceCard(ex.recordChoice),
    shows: ["Which Jordan's PEP was held on Mon 23 Nov 2026?", "Jordan R."],
    submits: 2,
  },
  { name: "record choice of 7", card: recordChoiceCard(ex.recordChoiceMany), shows: ["Sam A.", "Sam G."], submits: 7 },
  {
    name: "record saved: PEP held",
    card: recordSavedCard(ex.recordSavedPepHeld),
    shows: ["PEP meeting recorded as held", "Mon 23 Nov 2026", "Autumn term 2026", "Chris Dean", "PEP form"],
    submits: 0,
  },
  {
    name: "record saved: review booked",
    card: recordSavedCard(ex.recordSavedReview),
    shows: ["Care-plan review booked", "Booked for", "Sat 12 Dec 2026", "Statutory date"],
    submits: 0,
  },
  {
    name: "answer",
    card: answerCard(ex.answer),
    shows: ["Jordan S.: in school today?", "no reason is established yet", "AM N (reason not yet established)"],
    submits: 1,
  },
  {
    name: "answer: did you mean",
    card: answerCard(ex.answerDidYouMean),
    shows: ["Did you mean Amira K. or Amir H.?", "“Amria”"],
    submits: 2,
  },
  {
    name: "help",
    card: helpCard(ex.help),
    shows: ["status <child>", "An IRO brief since the last review"],
    submits: 2,
  },
];

describe.each(cases)("$name card", ({ card, shows, submits }) => {
  it("is an Adaptive Card 1.5", () => {
    expect(card).toMatchObject({
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.5",
    });
  });

  it.skipIf(!cardSchemaAvailable)("validates against the 1.5 schema", () => {
    expect(validateCard(card)).toEqual([]);
  });

  it("parses with the adaptivecards renderer without errors", () => {
    expect(parseWithAdaptiveCards(card).errors).toEqual([]);
  });

  it("shows what the model says, with every expression expanded", () => {
    const text = shown(card).join("\n");
    for (const s of shows) expect(text).toContain(s);
    // "${" may only survive inside the user's own text (markdown-escaped in a TextBlock).
    const own = [TRICKY_TEXT, escapeMarkdown(TRICKY_TEXT)].map((s) => JSON.stringify(s).slice(1, -1));
    expect(own.reduce((json, s) => json.replaceAll(s, ""), JSON.stringify(card))).not.toContain("${");
  });

  it("sends only payloads the bot can parse", () => {
    expect(ofType(card, "Action.Submit")).toHaveLength(submits);
    for (const action of ofType(card, "Action.Submit")) {
      expect(botParses(action.data), JSON.stringify(action.data)).toBe(true);
    }
  });

  it("fits Teams' card limit, wraps its text and has no empty action bar", () => {
    expect(Buffer.byteLength(JSON.stringify(card), "utf8")).toBeLessThan(TEAMS_CARD_LIMIT);
    for (const block of ofType(card, "TextBlock")) expect(block.wrap).toBe(true);
    for (const node of nodes(card)) expect(node.actions).not.toEqual([]);
  });

  it("shows no ISO date (as a date of birth would be) and no UPN", () => {
    const json = JSON.stringify(card);
    // A button may carry a date for the bot (the day a PEP was held), never shown.
    // A date picker holds its value as YYYY-MM-DD; the person sees the picker's own format.
    const carried = JSON.stringify(card, (key, value) =>
      key === "data"
        ? { ...value, date: undefined }
        : value?.type === "Input.Date"
          ? { ...value, value: undefined, min: undefined, max: undefined }
          : value,
    );
    expect(carried).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(json).not.toMatch(/[A-Z]\d{12}/);
  });
});
