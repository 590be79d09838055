/**
 * The Teams app package: env file + manifest template + two icons → a flat zip
 * (manifest.json, color.png, outline.png at the root, as Teams requires). Every check
 * runs before anything is written, and every problem found is reported at once, so a
 * person fixes them all in one go rather than one per run.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import JSZip from "jszip";
import { PLACEHOLDER_NAMES, parseEnvFile, validateEnv } from "./env.js";
import { COLOR_ICON, checkIcons, OUTLINE_ICON } from "./icon-check.js";
import { type Json, renderManifest } from "./render.js";
import { validateManifest } from "./validate.js";

export { checkIcons } from "./icon-check.js";
export { renderManifest } from "./render.js";
export { validateManifest } from "./validate.js";

export const APP_PACKAGE_NAME = "virtual-school";
export const TEMPLATE_FILE = "manifest.template.json";

/** Everything wrong with the inputs, one line each. */
export class PackageError extends Error {
  override readonly name = "PackageError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

export interface PackageInputs {
  envName: string;
  /** How to name the env file in messages, e.g. env/.env.local. */
  envLabel: string;
  envText: string;
  templateText: string;
  color: Uint8Array;
  outline: Uint8Array;
}

export interface BuiltPackage {
  zip: Buffer;
  manifest: { [key: string]: Json };
  entries: string[];
}

// A fixed timestamp makes the same inputs give the same bytes, so a rebuilt package
// can be compared with the one uploaded.
const ZIP_DATE = new Date(Date.UTC(2024, 0, 1));

/** The package ships these file names; the manifest must point at them. */
function iconNameProblems(manifest: { [key: string]: Json }): string[] {
  const icons = manifest.icons;
  if (icons === null || typeof icons !== "object" || Array.isArray(icons)) return [];
  return (["color", "outline"] as const).flatMap((key) => {
    const expected = key === "color" ? COLOR_ICON.file : OUTLINE_ICON.file;
    return icons[key] === undefined || icons[key] === expected
      ? []
      : [`manifest.json /icons/${key}: must be "${expected}", the file the package holds`];
  });
}

/** Validates everything and zips; throws PackageError naming each problem. */
export async function buildPackage(inputs: PackageInputs): Promise<BuiltPackage> {
  const parsed = parseEnvFile(inputs.envText);
  const envCheck = validateEnv(parsed.values, inputs.envName, inputs.envLabel);
  // Keys the env check already reported as missing are blanked, so the template check
  // reports only what is wrong with the template itself.
  const values = Object.fromEntries(PLACEHOLDER_NAMES.map((k) => [k, parsed.values[k] ?? ""]));
  const rendered = renderManifest(inputs.templateText, values, PLACEHOLDER_NAMES);
  const problems = [
    ...parsed.problems.map((p) => `${inputs.envLabel}: ${p}`),
    ...envCheck.problems,
    ...rendered.problems,
  ];
  // A manifest made from bad settings fails the schema for the same reasons: say them once.
  if (rendered.manifest && problems.length === 0) {
    problems.push(...(await validateManifest(rendered.manifest)), ...iconNameProblems(rendered.manifest));
  }
  problems.push(...checkIcons(inputs.color, inputs.outline));
  if (problems.length > 0 || !rendered.manifest) throw new PackageError(problems);

  const zip = new JSZip();
  const files: [string, string | Uint8Array][] = [
    ["manifest.json", `${JSON.stringify(rendered.manifest, null, 2)}\n`],
    [COLOR_ICON.file, inputs.color],
    [OUTLINE_ICON.file, inputs.outline],
  ];
  for (const [name, data] of files) zip.file(name, data, { date: ZIP_DATE });
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { zip: bytes, manifest: rendered.manifest, entries: files.map(([name]) => name) };
}

/** Environments with an env file, for the "not found" message. */
function environments(root: string): string[] {
  const dir = join(root, "env");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^\.env\.[a-z0-9-]+$/.test(f))
    .map((f) => f.slice(".env.".length))
    .sort();
}

/** Reads env/.env.<name> and manifest/{template, icons} under `root`. */
export function readInputs(root: string, envName: string): PackageInputs {
  if (!/^[a-z0-9-]+$/.test(envName)) {
    throw new PackageError([`"${envName}" is not an environment name (a-z, 0-9, -), e.g. local or dev`]);
  }
  const envPath = join(root, "env", `.env.${envName}`);
  const paths = {
    env: envPath,
    template: join(root, "manifest", TEMPLATE_FILE),
    color: join(root, "manifest", COLOR_ICON.file),
    outline: join(root, "manifest", OUTLINE_ICON.file),
  };
  const missing = Object.values(paths)
    .filter((p) => !existsSync(p))
    .map((p) => {
      const name = relative(root, p);
      return p === envPath
        ? `${name} not found (environments: ${environments(root).join(", ") || "none"})`
        : `${name} not found`;
    });
  if (missing.length > 0) throw new PackageError(missing);
  return {
    envName,
    envLabel: relative(root, envPath),
    envText: readFileSync(paths.env, "utf8"),
    templateText: readFileSync(paths.template, "utf8"),
    color: readFileSync(paths.color),
    outline: readFileSync(paths.outline),
  };
}

/** `npm run package -- <env>`: builds and writes manifest/dist/virtual-school-<env>.zip. */
export async function packageApp(root: string, envName: string): Promise<BuiltPackage & { path: string }> {
  const built = await buildPackage(readInputs(root, envName));
  const dir = join(root, "manifest", "dist");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${APP_PACKAGE_NAME}-${envName}.zip`);
  writeFileSync(path, built.zip);
  return { ...built, path };
}
