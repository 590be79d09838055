/**
 * One clock: outside core/platform/clock.ts nothing reads the wall clock for a date a
 * person sees or a rule uses. The few other readings measure elapsed time or make ids
 * unique; each is listed here with why, so a new one fails this test until it is
 * justified (or, better, takes the Clock).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE_DIRS = ["api", "bot", "cards", "core", "jobs", "manifest", "prisma", "scripts", "tab"];
const SKIP = new Set(["node_modules", "generated", "dist"]);
/** `new Date()` with no argument, `Date.now()`, or `Date()` called bare: each reads the wall clock. */
const WALL_CLOCK = /new Date\(\s*\)|\bDate\.now\(\)|(?<![.\w])Date\(\s*\)/g;

const ALLOWED: Record<string, string> = {
  "core/platform/clock.ts": "the clock itself: systemClock, fixedClock's time of day, recordedAt",
  "core/calendar/calendar.repo.ts": "the calendar cache's time to live (elapsed time)",
  "bot/proactive.ts": "Retry-After as an HTTP date is counted from the real now",
  "scripts/screenshots/tab.ts": "a unique Redis prefix for the screenshot run",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe("the wall clock", () => {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(root, d)));
  const readers = files
    .filter((file) => readFileSync(file, "utf8").match(WALL_CLOCK) !== null)
    .map((file) => relative(root, file).split("\\").join("/"))
    .sort();

  it("is read only where the list above says why", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(readers).toEqual(Object.keys(ALLOWED).sort());
  });

  it("is what the pattern catches", () => {
    const hits = (s: string) => s.match(WALL_CLOCK)?.length ?? 0;
    expect(hits("const a = new Date(); const b = Date.now(); const c = Date();")).toBe(3);
    expect(hits('new Date("2026-11-23"); new Date(ms); x.updateDate(); Date.UTC(2026, 0, 1)')).toBe(0);
  });
});
