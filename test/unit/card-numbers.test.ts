/**
 * Numbers shown as text (`string()` in the templates) read the process's default locale,
 * found once when the card module loads, not by constructing an Intl.DateTimeFormat per
 * call (cards/render.ts): the same text, written the way the library writes it.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is the card templates' syntax, on purpose.
import { afterEach, describe, expect, it, vi } from "vitest";
import { examples } from "../../cards/examples.js";
import { statusCard } from "../../cards/index.js";
import { renderCard } from "../../cards/render.js";

const template = {
  type: "AdaptiveCard",
  version: "1.5",
  body: [{ type: "TextBlock", text: "${string(n)} and ${string(x)}, ${string(s)}" }],
};
const textOf = (card: { body: unknown[] }) => (card.body[0] as { text: string }).text;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("string() in a card template", () => {
  it("writes numbers as the library does in the default locale (here en-US), and strings as they are", () => {
    expect(Intl.DateTimeFormat().resolvedOptions().locale).toBe("en-US");
    const card = renderCard(template, { n: 1234567, x: 0.25, s: "three" });
    expect(textOf(card)).toBe("1,234,567 and 0.25, three");
  });

  it("finds the locale without constructing an Intl.DateTimeFormat per number", () => {
    const constructed = vi.spyOn(Intl, "DateTimeFormat");
    renderCard(template, { n: 1, x: 2, s: "x" });
    statusCard(examples.status);
    expect(constructed).not.toHaveBeenCalled();
  });
});
