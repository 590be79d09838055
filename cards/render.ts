/**
 * Expands a card template (Adaptive Cards templating: `${...}`, `$data`, `$when`) with a
 * view model. Templates are trusted and live in `./templates`; the view model carries
 * user text, which the engine inserts as a value and never parses again, so "${" typed
 * by a social worker reaches the card literally (test/unit/cards.behaviour.test.ts proves it).
 *
 * Engine quirks the templates are written around (adaptivecards-templating 2.3):
 * - A field that is `null` inside a longer string ("Year ${yearGroup}") makes the
 *   engine throw a TypeError; an undefined field is printed as the literal "${path}".
 *   Every nullable field is therefore guarded with `$when` or `if(x == null, ...)`.
 * - A string that is one expression keeps the value's type ("${n}" gives a number), so
 *   numbers shown as text go through `string()`.
 * - `length()` works on strings only; arrays use `count()`.
 * - An element whose `$when` is false is dropped; when every action is dropped the
 *   card is left with `actions: []`, which we remove.
 */
// The package's main typings re-export a .d.ts that imports adaptivecards' TypeScript
// sources, which tsc then compiles under our settings and rejects (skipLibCheck covers
// .d.ts only). The engine's own module needs nothing but adaptive-expressions.
import { ExpressionEvaluator, ExpressionFunctions, ExpressionType, Options } from "adaptive-expressions";
import { Template } from "adaptivecards-templating/lib/template-engine.js";

/**
 * The templates' `string()` (numbers shown as text) asks Intl for the process's default
 * locale on every call when none is given, constructing an Intl.DateTimeFormat each time:
 * about a third of a status card's expansion. The engine gives none, so `string()` is
 * given the same default, found once: the same text, without the cost. Set before any
 * template is parsed (parsing binds each function's evaluator).
 */
const DEFAULT_LOCALE = Intl.DateTimeFormat().resolvedOptions().locale;
/** Marks the replacement, so a module loaded twice (a test runner's) wraps the library's own once. */
const GIVES_LOCALE = Symbol.for("virtual-school.cards.string-locale");
const standard = ExpressionFunctions.standardFunctions as Map<string, ExpressionEvaluator>;
const toText = standard.get(ExpressionType.String);
if (toText && !(GIVES_LOCALE in toText)) {
  const withLocale = (options: Options | undefined): Options => {
    if (options?.locale) return options;
    const given = new Options(options);
    given.locale = DEFAULT_LOCALE;
    return given;
  };
  const replacement = new ExpressionEvaluator(
    ExpressionType.String,
    (expression, state, options) => toText.tryEvaluate(expression, state, withLocale(options)),
    toText.returnType,
    toText.validateExpression,
  );
  standard.set(ExpressionType.String, Object.assign(replacement, { [GIVES_LOCALE]: true }));
}

export type CardElement = { type: string; [property: string]: unknown };
export type CardAction = { type: string; title?: string; [property: string]: unknown };

/** The part of an Adaptive Card 1.5 payload our code reads; the rest passes through. */
export type AdaptiveCard = {
  $schema?: string;
  type: "AdaptiveCard";
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width?: "Full" };
  fallbackText?: string;
  [property: string]: unknown;
};

/**
 * Parses a template once and returns the function that expands it. Parsing is about 95%
 * of the cost (13 ms against 0.7 ms for the status card), so card modules compile their
 * templates at load; expanding is synchronous and builds a new object every time, so one
 * compiled template serves every caller.
 */
export function compileCard(template: object): (data: object) => AdaptiveCard {
  const compiled = new Template(template);
  return (data) => {
    const card = plainText(compiled.expand({ $root: marked(data) }), false);
    if (!isAdaptiveCard(card)) {
      // Only a broken template gets here; fail loudly rather than send a blank card.
      throw new Error("Card template did not expand to an AdaptiveCard with a body");
    }
    return card;
  };
}

/** One-off expansion of a template with a view model. */
export function renderCard(template: object, data: object): AdaptiveCard {
  return compileCard(template)(data);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  return isRecord(value) && value.type === "AdaptiveCard" && Array.isArray(value.body);
}

/*
 * Plain text in markdown (issue 13, item 6). A TextBlock's text and a fact's title and
 * value are read as markdown by Teams, so "[x](http://evil)" in a child's name or a typed
 * note would show as a link. Every string of the view model has its markdown characters
 * swapped for private-use stand-ins (same length, so `length()` and `substring()` in the
 * templates are unchanged) before expansion; afterwards each stand-in becomes the character
 * backslash-escaped where Teams reads markdown, and the character itself everywhere else
 * (inputs' values, buttons' data, URLs, rich-text runs: Teams shows those as they are).
 * The templates' own markdown (the "Who to contact" mailto links) is not from the model,
 * so it still works.
 */
const MARKDOWN = ["\\", "*", "[", "]", "`", "~"];
const STAND_IN = 0xf8e0;
const markdownChars = /[\\*[\]`~]/g;
const standIns = /[\uf8e0-\uf8e5]/g;
// The same sets without the global flag, to test (a global regex's test() keeps its lastIndex).
const hasMarkdown = /[\\*[\]`~]/;
const hasStandIn = /[\uf8e0-\uf8e5]/;

/** `text` as a TextBlock shows a view model's string: markdown characters backslash-escaped. */
export const escapeMarkdown = (text: string): string => text.replace(markdownChars, (c) => `\\${c}`);

/** The view model with its strings' markdown characters stood in for. */
function marked(node: unknown): unknown {
  if (typeof node === "string") {
    if (!hasMarkdown.test(node)) return node;
    return node.replace(markdownChars, (c) => String.fromCharCode(STAND_IN + MARKDOWN.indexOf(c)));
  }
  if (Array.isArray(node)) return node.map(marked);
  // Plain objects only: a Date or the like passes as it is.
  if (!isRecord(node) || Object.getPrototypeOf(node) !== Object.prototype) return node;
  const result: Record<string, unknown> = {};
  for (const key in node) result[key] = marked(node[key]);
  return result;
}

/**
 * The expanded card with the characters put back: escaped (`\[`) where `markdown`, as they
 * were elsewhere; and without `actions: []` (the card's, or a nested Action.ShowCard's).
 */
function plainText(node: unknown, markdown: boolean): unknown {
  if (typeof node === "string") {
    if (!hasStandIn.test(node)) return node;
    return node.replace(standIns, (s) => {
      const c = MARKDOWN[s.charCodeAt(0) - STAND_IN] ?? "";
      return markdown ? `\\${c}` : c;
    });
  }
  if (Array.isArray(node)) return node.map((n) => plainText(n, markdown));
  if (!isRecord(node)) return node;
  const result: Record<string, unknown> = {};
  for (const key in node) {
    const value = node[key];
    if (key === "actions" && node.type === "AdaptiveCard" && Array.isArray(value) && value.length === 0) continue;
    if (node.type === "FactSet" && key === "facts" && Array.isArray(value))
      result[key] = value.map((f) => plainText(f, true));
    else result[key] = plainText(value, markdown || (node.type === "TextBlock" && key === "text"));
  }
  return result;
}
