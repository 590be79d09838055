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
import { Template } from "adaptivecards-templating/lib/template-engine.js";

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
    const card = dropEmptyActions(compiled.expand({ $root: data }));
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

/** Removes `actions: []` from the card and from any card nested in an Action.ShowCard. */
function dropEmptyActions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropEmptyActions);
  if (!isRecord(node)) return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "actions" && node.type === "AdaptiveCard" && Array.isArray(value) && value.length === 0) continue;
    result[key] = dropEmptyActions(value);
  }
  return result;
}
