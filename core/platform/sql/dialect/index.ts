/** The engine behind a DATABASE_URL: `file:` is SQLite, `postgres(ql)://` PostgreSQL. */
import type { Engine, EngineName, EngineOptions } from "./engine.js";
import { postgresEngine } from "./postgres.js";
import { sqliteEngine } from "./sqlite.js";

export type { Engine, EngineName, EngineOptions } from "./engine.js";

export function engineOf(url: string): EngineName {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (PostgreSQL).");
}

export function openEngine(url: string, options: EngineOptions): Engine {
  return engineOf(url) === "sqlite" ? sqliteEngine(url, options) : postgresEngine(url, options);
}
