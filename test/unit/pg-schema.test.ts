/** The PostgreSQL schema is generated from the SQLite one, never edited: the models cannot drift. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PG_SCHEMA, pgSchema, SQLITE_SCHEMA } from "../../scripts/pg-schema.js";

const sqlite = readFileSync(SQLITE_SCHEMA, "utf8");

describe("PostgreSQL schema", () => {
  it("is exactly what scripts/pg-schema.ts makes from prisma/schema.prisma (npm run db:pg-schema)", () => {
    expect(readFileSync(PG_SCHEMA, "utf8")).toBe(pgSchema(sqlite));
  });

  it("has the same models, a postgresql datasource, its own client and no Kysely generator", () => {
    const pg = pgSchema(sqlite);
    const models = (text: string) =>
      text
        .slice(text.indexOf("\nmodel "))
        .replace(/^\/\/.*\n/gm, "")
        .replace(/^ {2}@@index\(\[\w+\(ops: raw\("gin_trgm_ops"\)\)\], type: Gin, map: "\w+"\)\n/gm, "");
    // The same models, but for PostgreSQL's own trigram indexes on the names.
    expect(models(pg)).toBe(models(sqlite));
    expect(pg.match(/gin_trgm_ops/g)).toHaveLength(2);
    expect(pg).toMatch(/datasource db \{\s*provider = "postgresql"\s*\}/);
    expect(pg).toContain('output              = "../../core/platform/generated/prisma-pg"');
    expect(pg).not.toContain("prisma-kysely");
  });

  it("fails loudly when the SQLite schema no longer has what it rewrites", () => {
    expect(() => pgSchema(sqlite.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/sqlite datasource/);
  });

  it("notices a model changed in one schema only", () => {
    const edited = sqlite.replace("model School {", "model School {\n  extra String?");
    expect(readFileSync(PG_SCHEMA, "utf8")).not.toBe(pgSchema(edited));
  });
});
