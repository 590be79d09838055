/**
 * Schema validation of a rendered manifest, offline: the JSON schema is read from the
 * copy bundled in @microsoft/app-manifest (chosen by the manifest's own manifestVersion)
 * and handed to AppManifestUtils.validateAgainstSchema, which otherwise would fetch the
 * `$schema` URL from developer.microsoft.com.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AppManifestUtils, type TeamsManifest } from "@microsoft/app-manifest";

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

const schemasDir = join(
  dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest/package.json")),
  "build/json-schemas/teams",
);
const schemaUrl = (version: string) =>
  `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;

/** Numbered manifest versions with a bundled schema, newest last (no devPreview). */
export function bundledManifestVersions(): string[] {
  return readdirSync(schemasDir)
    .filter((d) => /^v\d+\.\d+$/.test(d) && existsSync(join(schemasDir, d, "MicrosoftTeams.schema.json")))
    .map((d) => d.slice(1))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

const schemas = new Map<string, ManifestSchema>();
function bundledSchema(version: string): ManifestSchema | undefined {
  const file = join(schemasDir, `v${version}`, "MicrosoftTeams.schema.json");
  if (!/^\d+\.\d+$/.test(version) || !existsSync(file)) return undefined;
  if (!schemas.has(version)) schemas.set(version, JSON.parse(readFileSync(file, "utf8")) as ManifestSchema);
  return schemas.get(version);
}

/**
 * AppManifestUtils answers "<json pointer> <message>. Details: <params>"; keep the
 * pointer and message, and the one detail that names something (an unexpected key).
 */
function readable(error: string): string {
  const match = /^(\S*) (.*?)\. Details: (.*)$/s.exec(error);
  if (!match) return `manifest.json: ${error}`;
  const [, path = "", message = "", details = ""] = match;
  let extra = "";
  try {
    const params = JSON.parse(details) as Record<string, unknown>;
    if (typeof params.additionalProperty === "string") extra = ` ("${params.additionalProperty}")`;
    if (Array.isArray(params.allowedValues)) extra = ` (${params.allowedValues.join(", ")})`;
  } catch {
    // Details that are not JSON add nothing a person needs.
  }
  return `manifest.json ${path || "/"}: ${message}${extra}`;
}

/** Teams' command menu shows 10 commands of ≤ 32 and ≤ 128 characters; newer schemas allow more. */
function commandMenuProblems(manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as { commandLists?: unknown }[]) : [];
  bots.forEach((bot, b) => {
    const lists = Array.isArray(bot.commandLists) ? (bot.commandLists as { commands?: unknown }[]) : [];
    lists.forEach((list, l) => {
      const commands = Array.isArray(list.commands)
        ? (list.commands as { title?: unknown; description?: unknown }[])
        : [];
      const at = `manifest.json /bots/${b}/commandLists/${l}`;
      if (commands.length > 10) problems.push(`${at}/commands: ${commands.length} commands, the menu shows 10`);
      commands.forEach((c, i) => {
        if (typeof c.title === "string" && c.title.length > 32) {
          problems.push(`${at}/commands/${i}/title: "${c.title}" is over 32 characters`);
        }
        if (typeof c.description === "string" && c.description.length > 128) {
          problems.push(`${at}/commands/${i}/description: over 128 characters`);
        }
      });
    });
  });
  return problems;
}

/** Every schema error (by JSON path), plus the rules the package itself relies on. */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) {
    return ["manifest.json must be a JSON object"];
  }
  const record = manifest as Record<string, unknown>;
  const version = record.manifestVersion;
  if (typeof version !== "string") return ["manifest.json /: must have required property 'manifestVersion'"];
  const schema = bundledSchema(version);
  if (!schema) {
    const known = bundledManifestVersions();
    return [`manifest.json /manifestVersion: no bundled schema for "${version}" (${known[0]} to ${known.at(-1)})`];
  }
  const problems: string[] = [];
  if (record.$schema !== undefined && record.$schema !== schemaUrl(version)) {
    problems.push(`manifest.json /$schema: must be ${schemaUrl(version)} for manifestVersion ${version}`);
  }
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest, schema);
  problems.push(...errors.map(readable), ...commandMenuProblems(record));
  return problems;
}
