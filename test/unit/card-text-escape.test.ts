/**
 * Names and typed text reach cards as plain text (issue 13, item 6): markdown in a child's
 * name, a contact's name or a logged note never renders as a link or emphasis where Teams
 * reads markdown (a TextBlock's text, a fact), while inputs, buttons' data and URLs keep the
 * text exactly as typed, and the cards' own markdown (the "Who to contact" mailto links)
 * still works.
 */
import { describe, expect, it } from "vitest";
import { examples as ex, TRICKY_TEXT } from "../../cards/examples.js";
import { logConfirmCard, statusCard } from "../../cards/index.js";
import { escapeMarkdown, renderCard } from "../../cards/render.js";
import { ofType } from "../support/card-schema.js";

const EVIL = "[x](http://evil.example)";
/** A markdown link anywhere in the string, not escaped: "[a](b)" with no backslash before the brackets. */
const LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(/;

const markdownTexts = (card: unknown): string[] => [
  ...ofType(card, "TextBlock").map((b) => String(b.text)),
  ...ofType(card, "FactSet").flatMap((s) =>
    (s.facts as { title: string; value: string }[]).flatMap((f) => [f.title, f.value]),
  ),
];

describe("markdown in the view model", () => {
  const template = {
    type: "AdaptiveCard",
    version: "1.5",
    body: [
      { type: "TextBlock", text: `Note: \${note}` },
      { type: "FactSet", facts: [{ title: `\${name}`, value: `\${note}` }] },
      { type: "RichTextBlock", inlines: [{ type: "TextRun", text: `\${note}` }] },
      { type: "Input.Text", id: "text", value: `\${note}` },
      { type: "TextBlock", $when: `\${role == 'designated_teacher'}`, text: "DT" },
      { type: "TextBlock", text: `\${concat('[', name, '](mailto:', email, ')')}` },
      { type: "TextBlock", text: `\${string(length(note))}` },
    ],
    actions: [
      { type: "Action.Submit", title: "Ask", data: { verb: "question.ask", text: `\${note}` } },
      { type: "Action.OpenUrl", title: "Open", url: `\${url}` },
    ],
  };
  const model = {
    note: `${EVIL} **bold** \`code\` ~~gone~~ \\`,
    name: `Amira [K](http://evil.example)`,
    email: "first_last@school.example.sch.uk",
    role: "designated_teacher",
    url: "https://example.org/a_[b]",
  };
  const card = renderCard(template, model);
  const [noteBlock, , mailtoBlock, length] = ofType(card, "TextBlock").map((b) => b.text);

  it("is escaped where Teams reads markdown: a TextBlock's text and a fact", () => {
    expect(noteBlock).toBe(`Note: ${escapeMarkdown(model.note)}`);
    expect(noteBlock).toContain("\\[x\\](http://evil.example) \\*\\*bold\\*\\* \\`code\\` \\~\\~gone\\~\\~ \\\\");
    const [fact] = ofType(card, "FactSet").flatMap((s) => s.facts as { title: string; value: string }[]);
    expect(fact).toEqual({ title: escapeMarkdown(model.name), value: escapeMarkdown(model.note) });
    for (const text of markdownTexts(card).filter((t) => !t.includes("mailto:"))) expect(text).not.toMatch(LINK);
  });

  it("is kept exactly as typed where Teams shows text as it is", () => {
    expect(ofType(card, "TextRun").map((r) => r.text)).toEqual([model.note]);
    expect(ofType(card, "Input.Text")[0]?.value).toBe(model.note);
    expect(ofType(card, "Action.Submit")[0]?.data).toEqual({ verb: "question.ask", text: model.note });
    expect(ofType(card, "Action.OpenUrl")[0]?.url).toBe(model.url);
  });

  it("keeps the template's own link, conditions and lengths working", () => {
    expect(mailtoBlock).toBe(`[Amira \\[K\\](http://evil.example)](mailto:${model.email})`);
    expect(ofType(card, "TextBlock").map((b) => b.text)).toContain("DT");
    expect(length).toBe(String(model.note.length));
  });
});

describe("the real cards", () => {
  it("a child's and a contact's names with a link in them show as text on the status card", () => {
    const card = statusCard({
      ...ex.status,
      displayName: `Jordan ${EVIL}`,
      contacts: [{ role: "Social worker", name: `Sam ${EVIL}`, email: "sam.patel@demo.example.gov.uk" }],
    });
    const texts = markdownTexts(card);
    expect(texts.join("\n")).toContain(`Jordan ${escapeMarkdown(EVIL)}`);
    // The contact stays one mailto link, whose words are the name as typed.
    expect(texts).toContain(`Social worker: [Sam ${escapeMarkdown(EVIL)}](mailto:sam.patel@demo.example.gov.uk)`);
    for (const text of texts) expect(text.replace(/^Social worker: \[.*\]\(mailto:[^)]*\)$/, "")).not.toMatch(LINK);
  });

  it("a logged note shows as text, and its Edit box holds it as typed", () => {
    const card = logConfirmCard({ ...ex.logConfirm, text: `${TRICKY_TEXT} ${EVIL}` });
    for (const text of markdownTexts(card)) expect(text).not.toMatch(LINK);
    expect(ofType(card, "Input.Text").map((i) => i.value)).toContain(`${TRICKY_TEXT} ${EVIL}`);
  });
});
