/**
 * The arrows point one way (README "How it is built"): api, bot and jobs → core and cards;
 * cards → core; core → nothing of ours. Read statically: every import and export specifier
 * of every .ts file (static, dynamic and type-only), as TypeScript's own pre-processor
 * finds them, resolved against the repository's top-level folders.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { specifiersOf } from "../support/imports.js";

const ROOT = resolve(import.meta.dirname, "../..");
const OURS = ["api", "bot", "cards", "core", "jobs", "manifest", "prisma", "scripts", "tab", "test", "bench"];

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.split(sep).includes("generated"))
    .map((f) => join(dir, f));
}

type Target = { folder: string } | { package: string };

/** What a specifier reaches: one of our top-level folders, or a package (node: builtins included). */
function targetOf(file: string, specifier: string): Target {
  if (!specifier.startsWith(".")) {
    const parts = specifier.replace(/^node:/, "").split("/");
    return { package: specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier) };
  }
  const path = relative(ROOT, resolve(ROOT, dirname(file), specifier));
  const folder = path.split(sep)[0] ?? "";
  return { folder: OURS.includes(folder) ? folder : `(outside: ${path})` };
}

type Rule = { may: string[]; packagesNot?: RegExp };

/** Each layer: the folders of ours it may import, and packages it must not. */
const RULES: Record<string, Rule> = {
  jobs: { may: ["jobs", "core", "cards"], packagesNot: /^(botbuilder|botframework-)/ },
  cards: { may: ["cards", "core"], packagesNot: /^(botbuilder|botframework-|fastify$|@fastify\/)/ },
  core: { may: ["core"], packagesNot: /^(botbuilder|botframework-|fastify$|@fastify\/)/ },
};

function violations(layer: string): string[] {
  const rule = RULES[layer];
  if (!rule) throw new Error(`no rule for ${layer}`);
  const found: string[] = [];
  for (const file of tsFiles(layer)) {
    for (const specifier of specifiersOf(readFileSync(join(ROOT, file), "utf8"))) {
      const target = targetOf(file, specifier);
      const wrong =
        "folder" in target ? !rule.may.includes(target.folder) : (rule.packagesNot?.test(target.package) ?? false);
      if (wrong) found.push(`${file} imports ${specifier}`);
    }
  }
  return found;
}

describe("layering: which folders each layer may import", () => {
  it("reads every kind of import the compiler sees", () => {
    const source = [
      'import type { A } from "../bot/a.js";',
      'import { b } from "./b.js";',
      'export { c } from "../cards/c.js";',
      'export * from "../core/d.js";',
      'const e = await import("../bot/e.js");',
      'import "side-effect";',
    ].join("\n");
    expect(specifiersOf(source).sort()).toEqual(
      ["../bot/a.js", "./b.js", "../cards/c.js", "../core/d.js", "../bot/e.js", "side-effect"].sort(),
    );
    expect(targetOf("jobs/processors/x.ts", "../../bot/views.js")).toEqual({ folder: "bot" });
    expect(targetOf("jobs/x.ts", "node:crypto")).toEqual({ package: "crypto" });
    expect(targetOf("jobs/x.ts", "@fastify/swagger/index.js")).toEqual({ package: "@fastify/swagger" });
  });

  it("finds the files it checks", () => {
    // An empty walk would pass every rule: each layer has files, and jobs has its processors.
    for (const layer of Object.keys(RULES)) expect(tsFiles(layer).length).toBeGreaterThan(3);
    expect(tsFiles("jobs")).toContain(join("jobs", "processors", "deliver.ts"));
  });

  it("jobs/ imports only core/, cards/ and packages (never bot/, api/, botbuilder)", () => {
    expect(violations("jobs")).toEqual([]);
  });

  it("cards/ imports only core/ and packages", () => {
    expect(violations("cards")).toEqual([]);
  });

  it("core/ imports nothing of ours outside core/, and neither Fastify nor botbuilder", () => {
    expect(violations("core")).toEqual([]);
  });
});
