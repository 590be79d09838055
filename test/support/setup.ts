/**
 * Runs before every test file (vitest.config.ts `setupFiles`).
 * - Every test must assert something: a test whose assertions sit in a loop over an empty
 *   set, or in a callback that never ran, fails instead of passing.
 * - Under a "moved" project the system date is elsewhere (TEST_SYSTEM_DATE).
 */
import { beforeEach, expect } from "vitest";
import { setSystemDate } from "./moved-date.js";

// Set for every file (a worker may run files of several projects one after another).
setSystemDate(process.env.TEST_SYSTEM_DATE);

beforeEach(() => {
  expect.hasAssertions();
});
