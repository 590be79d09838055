/**
 * What single cards do: buttons and their payloads, conditional parts, colours, and user
 * text that must reach Teams exactly as typed. The checks every card shares are in
 * cards.test.ts.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is the card templates' syntax, on purpose.
import { describe, expect, it } from "vitest";
import { examples as ex, TRICKY_TEXT } from "../../cards/examples.js";
import {
  alertsCard,
  briefCard,
  caseloadCard,
  childChoiceCard,
  helpCard,
  logConfirmCard,
  logSavedCard,
  recordChoiceCard,
  recordSavedCard,
  statusCard,
  welcomeCard,
} from "../../cards/index.js";
import { renderCard } from "../../cards/render.js";
import { VERBS, verbPayloadSchema } from "../../cards/verbs.js";
import { ofType, shown } from "../support/card-schema.js";

const payloads = (card: unknown) => ofType(card, "Action.Submit").map((a) => verbPayloadSchema.parse(a.data));
/** Facts of every FactSet, as [title, value] pairs (facts carry no `type`). */
const facts = (card: unknown) =>
  ofType(card, "FactSet").flatMap((set) =>
    (set.facts as { title: string; value: string }[]).map((f) => [f.title, f.value]),
  );
const colourOf = (card: unknown, text: string) => ofType(card, "TextBlock").find((b) => b.text === text)?.color;

describe("the templating engine", () => {
  it("inserts user text as a value and never expands it again", () => {
    const card = renderCard(
      { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "${t}" }] },
      {
        t: "${t} ${1 + 1}",
      },
    );
    expect(card.body[0]?.text).toBe("${t} ${1 + 1}");
  });

  it("throws on a null inside a longer string, which is why templates guard every nullable field", () => {
    const template = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Year ${y}" }] };
    expect(() => renderCard(template, { y: null })).toThrow(TypeError);
  });

  it("refuses a template that does not expand to a card", () => {
    expect(() => renderCard({ type: "TextBlock", text: "x" }, {})).toThrow(/AdaptiveCard/);
  });
});

describe("status card", () => {
  it("offers the tab and the IRO brief", () => {
    const card = statusCard(ex.status);
    expect(card.actions).toEqual([
      { type: "Action.Submit", title: "My caseload", data: { verb: VERBS.ask, text: "my caseload" } },
      { type: "Action.Submit", title: "Log an action", data: { verb: VERBS.ask, text: "log" } },
      { type: "Action.OpenUrl", title: "Open in the tab", url: ex.status.tabUrl },
      { type: "Action.Submit", title: "IRO brief", data: { verb: VERBS.openBrief, childId: 7 } },
    ]);
  });

  it("hides the tab button when the tab is not configured", () => {
    const card = statusCard(ex.statusBare);
    expect(ofType(card, "Action.OpenUrl")).toEqual([]);
    expect(payloads(card)).toEqual([
      { verb: VERBS.ask, text: "my caseload" },
      { verb: VERBS.ask, text: "log" },
      { verb: VERBS.openBrief, childId: 7 },
    ]);
  });

  it("colours red flags as attention and amber ones in default text (readable in the light theme)", () => {
    const card = statusCard(ex.status);
    expect(colourOf(card, "Red: PEP overdue by 4 school days")).toBe("attention");
    expect(colourOf(card, "Amber: Persistent absence (86.4%)")).toBe("default");
  });

  it("states the facts in words", () => {
    const shownFacts = Object.fromEntries(facts(statusCard(ex.status)));
    expect(shownFacts).toMatchObject({
      School: "Oakfield Academy",
      Phase: "Secondary, Year 9, out of area",
      Attendance: "86.4%, persistent absence",
      Sessions: "110 possible, 9 unauthorised",
      "Absent, unexplained": "3 school days in a row",
      PEP: "Overdue by 4 school days; the last PEP was rated red",
      "PEP was due": "17 Nov 2026",
      Suspensions: "2 this year, 3 days",
    });
    const bare = Object.fromEntries(facts(statusCard(ex.statusBare)));
    expect(bare).toMatchObject({ School: "No school place", Exclusion: "Permanently excluded", PEP: "Not required" });
    expect(bare).not.toHaveProperty("Next PEP due");
  });

  it("shows a booked PEP meeting and the next review against its statutory date", () => {
    const shownFacts = Object.fromEntries(facts(statusCard(ex.status)));
    expect(shownFacts).toMatchObject({
      "PEP booked for": "Thu 3 Dec 2026",
      "Next review": "12 Jan 2027 (booked; statutory date 20 Jan 2027)",
    });
    expect(Object.fromEntries(facts(statusCard(ex.statusBare)))).not.toHaveProperty("PEP booked for");
  });

  it("shows a part-time timetable as the status flags it", () => {
    expect(shown(statusCard(ex.status))).toContain(
      "Amber: On a part-time timetable since 2 Nov 2026 (15 hours a week): review on 30 Nov 2026, planned to end 18 Dec 2026.",
    );
  });

  it("shows recent actions exactly as typed, without markdown", () => {
    const runs = ofType(statusCard(ex.status), "TextRun").map((r) => r.text);
    expect(runs).toContain(TRICKY_TEXT);
  });
});

describe("caseload card", () => {
  const card = caseloadCard(ex.caseloadFull);

  it("opens each child's status from their row", () => {
    const rows = ofType(card, "Container").filter((c) => c.selectAction);
    expect(rows).toHaveLength(25);
    expect(payloads(card)).toEqual([
      ...ex.caseloadFull.children.map((c) => ({ verb: VERBS.openStatus, childId: c.childId })),
      // And the next page of the caseload.
      { verb: "caseload.page", page: 2 },
    ]);
  });

  it("colours badges by severity and leaves out a missing school", () => {
    const runs = ofType(card, "TextRun");
    expect(runs.find((r) => r.text === "PA")?.color).toBe("default");
    expect(runs.find((r) => r.text === " · Absent today")?.color).toBe("attention");
    expect(shown(card).filter((s) => s.startsWith("Oakfield"))).toHaveLength(20);
  });

  it("says how many more there are, offers the next page, and links the tab only when it exists", () => {
    expect(shown(card)).toContain("And 6 more: “Show more” lists them.");
    expect(card.actions?.map((a) => a.type)).toEqual(["Action.Submit", "Action.OpenUrl"]);
    expect(card.actions?.[1]).toMatchObject({ url: ex.caseloadFull.tabUrl });
    expect(caseloadCard({ ...ex.caseloadFull, tabUrl: null }).actions?.map((a) => a.type)).toEqual(["Action.Submit"]);
    const lastPage = caseloadCard({ ...ex.caseloadFull, nextPage: null, tabUrl: null });
    expect(lastPage.actions).toBeUndefined();
    expect(shown(lastPage)).toContain("And 6 more.");
  });
});

describe("child choice card", () => {
  it("gives one button per child, sending the model's verb", () => {
    const card = childChoiceCard(ex.childChoice);
    expect(card.actions?.map((a) => a.title)).toEqual(["Jordan S. (Oakfield Academy)", "Jordan P. (Hillside Primary)"]);
    expect(payloads(card)).toEqual([
      { verb: VERBS.openStatus, childId: 3 },
      { verb: VERBS.openStatus, childId: 9 },
    ]);
  });

  it("lists more than five children as rows, since Teams shows at most five or six buttons", () => {
    const card = childChoiceCard(ex.childChoiceMany);
    expect(card.actions).toBeUndefined();
    expect(payloads(card).map((p) => p.verb === VERBS.chooseLogChild && p.childId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("record cards", () => {
  it("a choice of child carries what to record, and the bot parses it", () => {
    const card = recordChoiceCard(ex.recordChoice);
    expect(payloads(card)).toEqual([
      { verb: VERBS.recordChild, childId: 3, subject: "pep", event: "held", date: "2026-11-23" },
      { verb: VERBS.recordChild, childId: 9, subject: "pep", event: "held", date: "2026-11-23" },
    ]);
    const rows = recordChoiceCard(ex.recordChoiceMany);
    expect(rows.actions).toBeUndefined();
    expect(payloads(rows).map((p) => p.verb === VERBS.recordChild && [p.childId, p.subject, p.event])).toEqual(
      ex.recordChoiceMany.choices.map((c) => [c.childId, "review", "booked"]),
    );
  });

  it("what was saved, with the PEP form to finish a held PEP, and nothing to submit", () => {
    const card = recordSavedCard(ex.recordSavedPepHeld);
    expect(Object.fromEntries(facts(card))).toEqual({
      Child: "Jordan S.",
      "Held on": "Mon 23 Nov 2026",
      "PEP for": "Autumn term 2026",
      "Recorded by": "Chris Dean",
    });
    expect(card.actions?.map((a) => a.title)).toEqual(["Open the PEP form", "Open in the tab"]);
    expect(ofType(card, "Action.Submit")).toEqual([]);
    expect(recordSavedCard(ex.recordSavedReview).actions).toBeUndefined();
  });
});

describe("log confirm card", () => {
  const card = logConfirmCard(ex.logConfirm);

  it("saves, edits or cancels", () => {
    expect(card.actions?.map((a) => a.title)).toEqual(["Save", "Edit", "Cancel"]);
    expect(payloads(card)).toEqual([{ verb: VERBS.saveLog }, { verb: VERBS.editLog }, { verb: VERBS.cancelLog }]);
    // Save and Cancel ignore the edit box, so a half-made edit is never saved by accident.
    expect(ofType(card, "Action.Submit").filter((a) => a.associatedInputs === "none")).toHaveLength(2);
  });

  it("prefills the edit box with the text as typed, and the edited text comes back parsed", () => {
    const [input] = ofType(card, "Input.Text");
    expect(input).toMatchObject({ id: "text", value: TRICKY_TEXT, maxLength: 2000, isRequired: true });
    const edit = ofType(card, "Action.Submit").find((a) => a.title === "Update");
    // Teams merges the card's inputs into the action's data.
    const sent = { ...(edit?.data as object), text: "  Called the carer, ${x}  " };
    expect(verbPayloadSchema.parse(sent)).toEqual({ verb: VERBS.editLog, text: "Called the carer, ${x}" });
  });

  it("shows the text exactly as typed", () => {
    expect(ofType(card, "TextRun").map((r) => r.text)).toEqual([TRICKY_TEXT]);
  });
});

describe("log saved card", () => {
  it("shows what was saved, with no button but the tab link", () => {
    const card = logSavedCard(ex.logSaved);
    expect(ofType(card, "Action.Submit")).toEqual([]);
    expect(card.actions).toEqual([{ type: "Action.OpenUrl", title: "Open in the tab", url: ex.logSaved.tabUrl }]);
    expect(ofType(card, "TextRun").map((r) => r.text)).toEqual([TRICKY_TEXT]);
    expect(logSavedCard(ex.logSavedNoTab).actions).toBeUndefined();
  });
});

describe("brief, alerts, welcome and help cards", () => {
  it("brief shows the booked PEP and the next review, overdue or not", () => {
    const shownFacts = Object.fromEntries(facts(briefCard(ex.brief)));
    expect(shownFacts).toMatchObject({
      "PEP booked for": "Thu 3 Dec 2026",
      "Next review": "Overdue since 20 Nov 2026; booked for 2 Dec 2026",
    });
    expect(Object.fromEntries(facts(briefCard(ex.briefBare)))).not.toHaveProperty("Next review");
  });

  it("brief lists targets and actions as typed, and offers the status", () => {
    const card = briefCard(ex.brief);
    const runs = ofType(card, "TextRun").map((r) => r.text);
    expect(runs).toContain(`• ${TRICKY_TEXT}`);
    expect(runs.filter((r) => typeof r === "string" && r.startsWith(TRICKY_TEXT))).toHaveLength(10);
    expect(payloads(card)).toEqual([{ verb: VERBS.openStatus, childId: 7 }]);
    expect(facts(card).filter(([title]) => title?.startsWith("w/c "))).toHaveLength(12);
  });

  it("alerts are coloured by severity", () => {
    const card = alertsCard(ex.alerts);
    expect(colourOf(card, "Red: Absent 3 school days running")).toBe("attention");
    expect(colourOf(card, "Amber: PEP due soon")).toBe("default");
    expect(shown(card)).toContain("Jordan S. · raised 23 Nov 2026 · Open");
  });

  it("welcome lists every capability and example; help every command", () => {
    const welcome = shown(welcomeCard(ex.welcome)).join("\n");
    for (const c of ex.welcome.capabilities) expect(welcome).toContain(`• ${c}`);
    for (const e of ex.welcome.examples) expect(welcome).toContain(`“${e}”`);
    expect(facts(helpCard(ex.help))).toEqual(ex.help.commands.map((c) => [c.command, c.description]));
  });
});

describe("cards are pure functions of their model", () => {
  it("gives the same card twice and leaves the model untouched", () => {
    const model = structuredClone(ex.status);
    const first = statusCard(model);
    expect(statusCard(model)).toEqual(first);
    expect(model).toEqual(ex.status);
  });

  it("hands out a fresh object each time, so a caller's change cannot leak into the next card", () => {
    const first = statusCard(ex.status);
    first.body.length = 0;
    (first.msteams ?? {}).width = undefined;
    expect(statusCard(ex.status).body.length).toBeGreaterThan(3);
    expect(statusCard(ex.status).msteams).toEqual({ width: "Full" });
  });
});
