/**
 * Two independent checks that a card will render in Teams: the official Adaptive Cards
 * 1.5 JSON schema (kept in ../shared beside the repo, absent from a user's own clone),
 * and the official `adaptivecards` renderer's own parser.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type * as AdaptiveCards from "adaptivecards";
import { Ajv, type AnySchemaObject, type ValidateFunction } from "ajv";
import { optionalInput } from "./inputs.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const schemaPath = resolve(repoRoot, "../shared/schemas/adaptive-card-1.5.json");
const require = createRequire(import.meta.url);

export const cardSchemaAvailable = optionalInput(schemaPath, "The Adaptive Card 1.5 schema");

let compiled: ValidateFunction | undefined;

function compileSchema(): ValidateFunction {
  let schema = JSON.parse(readFileSync(schemaPath, "utf8")) as AnySchemaObject;
  // The file names itself with draft-04's `id`, which ajv 8 refuses; draft-06 says `$id`.
  const { id, ...rest } = schema;
  schema = { ...rest, $id: id };
  const definitions = schema.definitions as Record<string, AnySchemaObject>;
  // Teams reads its own options from a top-level `msteams` key that the schema forbids.
  definitions.AdaptiveCard!.properties.msteams = { type: "object" };
  // Teams accepts the typeahead style that a later revision of the 1.5 schema lists.
  definitions.ChoiceInputStyle!.anyOf.push({ enum: ["filtered"] });
  // strict: false because the schema carries its own keywords ("version", "features");
  // formats are not checked because ajv-formats is not a dependency of ours.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json") as AnySchemaObject);
  return ajv.compile(schema);
}

/** Errors against the 1.5 schema; empty when the card is valid. Needs `cardSchemaAvailable`. */
export function validateCard(card: unknown): string[] {
  compiled ??= compileSchema();
  if (compiled(card)) return [];
  const lines = (compiled.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`);
  return [...new Set(lines)];
}

// The dist bundle loads in Node without a DOM; the package main (lib/) fails to load in Node.
const AC = require("adaptivecards/dist/adaptivecards.js") as typeof AdaptiveCards;

/** Parses the card as the official renderer would for a 1.5 host; errors are its complaints. */
export function parseWithAdaptiveCards(json: unknown): { errors: string[] } {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const events: AdaptiveCards.IValidationEvent[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...card.validateProperties().validationEvents);
  const errors = events
    .filter((e) => e.event !== AC.ValidationEvent.Hint)
    .map((e) => `${AC.ValidationEvent[e.event]}: ${e.message}`);
  return { errors };
}

/** Every object in a card, depth first, cards inside Action.ShowCard included. */
export function nodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  return [record, ...Object.values(record).flatMap(nodes)];
}

export const ofType = (card: unknown, type: string) => nodes(card).filter((n) => n.type === type);

/** The strings a person reads: text, fact titles and values, button titles, input values. */
export const shown = (card: unknown): string[] =>
  nodes(card).flatMap((n) => [n.text, n.title, n.value].filter((v): v is string => typeof v === "string"));

/** Teams refuses a card larger than about 28 KB; the cards stay well under it. */
export const TEAMS_CARD_LIMIT = 28_000;
