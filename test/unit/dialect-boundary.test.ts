/**
 * "Engine differences live in one dialect module; nothing else knows which engine it is
 * on" (issue 14). Code asks its dialect for the behaviour (core/platform/sql/dialect/:
 * placeholders, the chain's lock, a case-blind filter, which driver to open); it never
 * tests the engine's name or the URL's scheme. Read statically, comments left out: every
 * .ts file of the product and its scripts, except the dialect and the modules that ARE one
 * engine's (its connection, its migration store, its importers' driver), which the dialect
 * alone chooses between.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const FOLDERS = ["api", "bot", "cards", "core", "jobs", "prisma", "scripts"];

/** The dialect, and the modules that are one engine's by nature (chosen by the dialect alone). */
const ALLOWED = [
  "core/platform/sql/dialect/",
  "core/platform/sqlite-connection.ts",
  "core/platform/pg-connection.ts",
  "core/platform/migrate-sqlite.ts",
  "core/platform/migrate-pg.ts",
  "core/imports/driver/",
  // Writes prisma/pg/schema.prisma from the SQLite schema: its job is the provider's name.
  "scripts/pg-schema.ts",
];

/** What gives an engine check away: an engine's name as a value, asking for it, or reading the URL's scheme. */
const CHECKS: [RegExp, string][] = [
  [/["'`](sqlite|postgres|postgresql|pg)["'`]/, "an engine's name as a value"],
  [/\bengineOf\s*\(/, "asks which engine"],
  [/\bisPostgresUrl\b/, "asks which engine"],
  [/startsWith\(\s*["'`]file:/, "reads the URL's scheme"],
  [/postgres(\(ql\))?(\?)?:/, "reads the URL's scheme"],
];

/** The source without its comments (a comment may name the engines freely). */
function code(source: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  let out = "";
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const text = scanner.getTokenText();
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      out += text.replace(/[^\n]/g, " ");
    } else out += text;
  }
  return out;
}

/** The engine checks in `source`: "line: what it does". */
export function engineChecks(source: string): string[] {
  const found: string[] = [];
  code(source)
    .split("\n")
    .forEach((line, i) => {
      for (const [pattern, what] of CHECKS) if (pattern.test(line)) found.push(`${i + 1}: ${what}: ${line.trim()}`);
    });
  return found;
}

function files(): string[] {
  return FOLDERS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !f.split(sep).includes("generated") && !f.split(sep).includes("node_modules"))
      .map((f) => join(dir, f).split(sep).join("/")),
  ).filter((f) => !ALLOWED.some((allowed) => f === allowed || (allowed.endsWith("/") && f.startsWith(allowed))));
}

describe("the dialect boundary: only the dialect knows which engine it is on", () => {
  it("finds the checks that give an engine away, and not the questions put to a dialect", () => {
    const flagged = [
      'return engineOf(db) === "postgres" ? a : b;',
      "if (dialect === 'sqlite') x();",
      'const pg = url.startsWith("file:") ? 1 : 2;',
      "if (/^postgres(ql)?:\\/\\//.test(url)) go();",
      "if (isPostgresUrl(url)) go();",
      "const e = { engine: `postgres` };",
    ];
    for (const line of flagged) expect(engineChecks(line), line).not.toEqual([]);
    const clean = [
      "const lock = chainLockSql(dialect);",
      "const mark = dialect.placeholder(i);",
      '// on "postgres" the lock comes first',
      '/** SQLite ("sqlite") keeps one write lock. */',
      "const db = await dialectFor(url).openImportDb(url);",
    ];
    for (const line of clean) expect(engineChecks(line), line).toEqual([]);
  });

  it("reads every folder it guards, less the allowed modules", () => {
    const all = files();
    for (const dir of FOLDERS.filter((d) => d !== "prisma")) {
      expect(all.some((f) => f.startsWith(`${dir}/`))).toBe(true);
    }
    expect(all).toContain("core/access/audit.ts");
    expect(all).toContain("core/platform/db.ts");
    expect(all).not.toContain("core/imports/driver/postgres.ts");
  });

  it("no module outside the dialect and the engines' own modules tests which engine it is on", () => {
    const found = files().flatMap((file) =>
      engineChecks(readFileSync(join(ROOT, file), "utf8")).map((hit) => `${file}:${hit}`),
    );
    expect(found).toEqual([]);
  });
});
