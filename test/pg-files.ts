/**
 * What `npm run test:pg` runs on PostgreSQL (vitest.pg.config.ts): every integration file
 * (the unit files touch no database), except those below, each with the reason it does not
 * apply there or does not pass yet. A file leaves this list when it passes on PostgreSQL
 * (`npm run test:pg` then includes it on its own). Paths are from the repository's root.
 */
export const PG_INCLUDE: readonly string[] = ["test/integration/**/*.test.ts"];

const SQLITE_LOCK = "holds SQLite's file write lock from another process (PostgreSQL's waits: pg-engine.test.ts)";
const SQLITE_RESTORE = "restores the SQLite file from a backup mid fan-out";
const SQLITE_TRIGGER = "refuses inserts with a SQLite trigger (RAISE(ABORT)) to prove the answer's atomicity";
const UNTRACED =
  "on PostgreSQL one run in three of 'rerouted and asked' left a card pending past 15 s (CI, 30 Nov); not yet traced";

export const PG_PENDING: Readonly<Record<string, readonly string[]>> = {
  "test/integration/alert-answers.test.ts": [SQLITE_TRIGGER],
  "test/integration/digest.test.ts": [UNTRACED],
  "test/integration/faults-delivery.test.ts": [SQLITE_LOCK, SQLITE_RESTORE],
  "test/integration/no-freeze.test.ts": [SQLITE_LOCK],
};
