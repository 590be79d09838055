/** The engine behind a DATABASE_URL: `file:` is SQLite, `postgres(ql)://` PostgreSQL. */
import type { Engine, EngineName, EngineOptions } from "./engine.js";
import { sqliteEngine } from "./sqlite.js";

export type { Column, Engine, EngineName, EngineOptions } from "./engine.js";

export function engineOf(url: string): EngineName {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (PostgreSQL).");
}

/** PostgreSQL's dialect (and `pg`) is loaded only for a postgresql:// URL: a process on SQLite never pays for it. */
export async function openEngine(url: string, options: EngineOptions): Promise<Engine> {
  if (engineOf(url) === "sqlite") return sqliteEngine(url, options);
  const { postgresEngine } = await import("./postgres.js");
  return postgresEngine(url, options);
}
