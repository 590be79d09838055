/** The dialect behind a DATABASE_URL: `file:` is SQLite, `postgres(ql)://` PostgreSQL (see dialect.ts). */
import type { Dialect } from "./dialect.js";
import type { Engine, EngineOptions } from "./engine.js";
import { postgresDialect } from "./postgres-dialect.js";
import { sqliteDialect } from "./sqlite-dialect.js";

export type { Dialect, PrismaOptions } from "./dialect.js";
export type { Column, Engine, EngineName, EngineOptions, Statement } from "./engine.js";
export { postgresDialect } from "./postgres-dialect.js";
export { sqliteDialect } from "./sqlite-dialect.js";

export const DATABASE_URL_RULE = "must start with file: (SQLite) or postgresql:// (PostgreSQL)";

/** The dialect for `url`, or null when it names neither engine. */
export function knownDialect(url: string): Dialect | null {
  if (url.startsWith("file:")) return sqliteDialect;
  if (/^postgres(ql)?:\/\//.test(url)) return postgresDialect;
  return null;
}

export function dialectFor(url: string): Dialect {
  const dialect = knownDialect(url);
  if (!dialect) throw new Error(`DATABASE_URL ${DATABASE_URL_RULE}.`);
  return dialect;
}

/** The engine's name for `url` (tests and benchmarks report it; code asks the dialect instead). */
export const engineOf = (url: string) => dialectFor(url).name;

/** The SQL layer's engine for `url`. */
export const openEngine = (url: string, options: EngineOptions): Promise<Engine> =>
  dialectFor(url).openEngine(url, options);
