/**
 * Inputs a test needs from outside the clone (../shared beside it, Debian's Chromium).
 * Outside CI a missing one skips its tests with one line saying why (a user's own clone
 * has no ../shared). In CI (`CI` set) it fails the file instead: CI always has them, so a
 * renamed or moved input must not quietly turn tests into skips.
 */
import { existsSync } from "node:fs";

/** True when `path` exists; otherwise says why its tests skip, or throws under CI. */
export function optionalInput(path: string, why: string): boolean {
  if (existsSync(path)) return true;
  const message = `${why} not found at ${path}`;
  if (process.env.CI) throw new Error(`${message}, and CI must have it: CI never skips these tests.`);
  console.warn(`${message}: those tests are skipped.`);
  return false;
}
