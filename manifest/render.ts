/**
 * Fills the toolkit's `${{NAME}}` placeholders of the manifest template. Substitution
 * walks the parsed JSON's strings rather than the file's text, so a value holding a
 * quote or a backslash can never break the JSON.
 */
import type { EnvValues } from "./env.js";

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** "/bots/0/botId": the JSON pointer the schema validator uses too. */
function pointer(path: readonly (string | number)[]): string {
  return path.length === 0 ? "/" : `/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

function substitute(
  value: Json,
  path: (string | number)[],
  known: ReadonlySet<string>,
  env: EnvValues,
  problems: string[],
): Json {
  if (typeof value === "string") {
    const out = value.replace(PLACEHOLDER, (whole, name: string) => {
      if (!known.has(name)) {
        problems.push(`manifest template: unknown placeholder \${{${name}}} at ${pointer(path)}`);
        return whole;
      }
      const replacement = env[name];
      if (replacement === undefined) {
        problems.push(`manifest template: placeholder \${{${name}}} at ${pointer(path)} has no value in the env file`);
        return whole;
      }
      return replacement;
    });
    // Whatever is left is a placeholder the pattern could not read, e.g. ${{BOT-ID}}.
    if (value.replace(PLACEHOLDER, "").includes("${{")) {
      problems.push(`manifest template: malformed placeholder in "${value}" at ${pointer(path)}`);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((item, i) => substitute(item, [...path, i], known, env, problems));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substitute(item, [...path, key], known, env, problems)]),
    );
  }
  return value;
}

/**
 * The manifest with every placeholder replaced, or the problems: invalid JSON, a
 * placeholder outside `known`, or one the env file has no value for.
 */
export function renderManifest(
  templateText: string,
  env: EnvValues,
  known: readonly string[],
): { manifest?: { [key: string]: Json }; problems: string[] } {
  let template: Json;
  try {
    template = JSON.parse(templateText) as Json;
  } catch (err) {
    return { problems: [`manifest template is not valid JSON: ${(err as Error).message}`] };
  }
  if (template === null || typeof template !== "object" || Array.isArray(template)) {
    return { problems: ["manifest template must be a JSON object"] };
  }
  const problems: string[] = [];
  const rendered = substitute(template, [], new Set(known), env, problems) as { [key: string]: Json };
  if (problems.length === 0 && JSON.stringify(rendered).includes("${{")) {
    // Only a value from the env file can bring one in now, e.g. APP_NAME_SUFFIX="${{X}}".
    problems.push(`env file: a value contains \${{…}}, which would be left in manifest.json`);
  }
  if (problems.length > 0) return { problems };
  // When the bot and the tab share a host both placeholders give the same domain: list it once.
  if (Array.isArray(rendered.validDomains)) rendered.validDomains = [...new Set(rendered.validDomains)];
  return { manifest: rendered, problems };
}
