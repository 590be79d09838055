/**
 * The page the cards are rendered in: the official `adaptivecards` bundle, its stylesheet
 * and ours, and one function that runs inside Chromium to parse and render a card the
 * way a Teams client would. The project compiles for Node (no DOM library in tsconfig),
 * so the few browser and renderer APIs used in the page are typed here by hand.
 */
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** The minified bundle defines `window.AdaptiveCards`; the package main (lib/) is for bundlers. */
const bundlePath = require.resolve("adaptivecards/dist/adaptivecards.min.js");
const packageCss = resolve(dirname(bundlePath), "adaptivecards.css");
const teamsCss = resolve(here, "teams.css");

// --- The parts of the DOM and of the renderer that renderInPage uses. -----------------

type PageElement = {
  id: string;
  className: string;
  innerHTML: string;
  appendChild(child: PageElement): void;
};
type PageDocument = { getElementById(id: string): PageElement | null };

type ValidationEvent = { event: number; message: string };
type SerializationContext = { eventCount: number; getEventAt(index: number): ValidationEvent };
type MarkdownResult = { didProcess: boolean; outputHtml?: string };
type RenderedCard = {
  hostConfig: unknown;
  parse(json: unknown, context: SerializationContext): void;
  validateProperties(): { validationEvents: ValidationEvent[] };
  render(): PageElement | undefined;
};
type AdaptiveCardsBundle = {
  AdaptiveCard: {
    new (): RenderedCard;
    onProcessMarkdown: ((text: string, result: MarkdownResult) => void) | undefined;
  };
  HostConfig: new (json: unknown) => unknown;
  SerializationContext: new (version: unknown) => SerializationContext;
  Versions: { v1_5: unknown };
  /** A TypeScript numeric enum: number → name as well as name → number. */
  ValidationEvent: Record<number, string> & { Hint: number };
};
type CardPageGlobals = { AdaptiveCards: AdaptiveCardsBundle; document: PageDocument };

export type RenderOutcome = { errors: string[]; rendered: boolean };

/**
 * Runs in the page. Parses `card` as a 1.5 host does and collects the renderer's
 * complaints exactly as test/support/card-schema.ts does in Node (everything but hints),
 * then renders it with `hostConfig` into #host, replacing the previous card.
 */
function renderInPage(args: { card: unknown; hostConfig: unknown }): RenderOutcome {
  const g = globalThis as unknown as CardPageGlobals;
  const AC = g.AdaptiveCards;

  // The renderer shows markdown as typed unless the host processes it; Teams does, for
  // its subset (bold, italic, links, lists), so text escaped first, then that subset.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    const escapeHtml = (s: string) =>
      s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    const inline = (s: string) =>
      escapeHtml(s)
        .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
        .replace(/(^|[\s(])[_*](\S(?:.*?\S)?)[_*](?=$|[\s).,;:!?])/g, "$1<em>$2</em>")
        .replace(/`([^`]+)`/g, "<code>$1</code>")
        .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
    const blocks = text.split(/\n{2,}/).map((block) => {
      const lines = block.split("\n");
      if (lines.every((l) => /^\s*[-*] /.test(l))) {
        return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ""))}</li>`).join("")}</ul>`;
      }
      if (lines.every((l) => /^\s*\d+\. /.test(l))) {
        return `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\s*\d+\. /, ""))}</li>`).join("")}</ol>`;
      }
      // A single newline is a soft break, as in the markdown-it the renderer would pick up.
      return `<p>${lines.map(inline).join("\n")}</p>`;
    });
    result.outputHtml = blocks.join("");
    result.didProcess = true;
  };

  const host = g.document.getElementById("host");
  if (!host) return { errors: ["the page has no #host element"], rendered: false };
  host.innerHTML = "";

  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(args.hostConfig);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(args.card, context);
  const events: ValidationEvent[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  const errors = events
    .filter((e) => e.event !== AC.ValidationEvent.Hint)
    .map((e) => `${AC.ValidationEvent[e.event]}: ${e.message}`);

  const element = card.render();
  if (element) host.appendChild(element);
  return { errors, rendered: element !== undefined };
}

/** Opens the card page: Teams' chat background, a 500 px column, the renderer loaded. */
export async function openCardPage(page: Page): Promise<void> {
  await page.setContent(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><div id="host"></div></body></html>',
  );
  // tsx compiles with esbuild's keepNames, which wraps the functions inside renderInPage
  // in calls to a `__name` helper that exists in Node but not in the page.
  await page.addScriptTag({ content: "globalThis.__name = (fn) => fn;" });
  await page.addStyleTag({ path: packageCss });
  await page.addStyleTag({ path: teamsCss });
  await page.addScriptTag({ path: bundlePath });
  const loaded = await page.evaluate(() => typeof (globalThis as { AdaptiveCards?: unknown }).AdaptiveCards);
  if (loaded !== "object") throw new Error(`${bundlePath} did not define window.AdaptiveCards`);
}

/**
 * Renders `card` into the page and screenshots the card element alone into `file`; a
 * card the renderer complained about is not written, so no PNG shows a broken card.
 */
export async function shootCard(page: Page, card: unknown, hostConfig: unknown, file: string): Promise<RenderOutcome> {
  const outcome = await page.evaluate(renderInPage, { card, hostConfig });
  if (!outcome.rendered || outcome.errors.length > 0) return outcome;
  await page.evaluate(
    () => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready,
  );
  await page.locator("#host > .ac-adaptiveCard").screenshot({ path: file, animations: "disabled" });
  return outcome;
}
