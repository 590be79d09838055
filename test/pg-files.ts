/**
 * What `npm run test:pg` runs on PostgreSQL (vitest.pg.config.ts): every integration file
 * (the unit files touch no database), except those below, each with the reason it does not
 * apply there or does not pass yet. A file leaves this list when it passes on PostgreSQL
 * (`npm run test:pg` then includes it on its own). Paths are from the repository's root.
 */
export const PG_INCLUDE: readonly string[] = ["test/integration/**/*.test.ts"];

const SQLITE_WRITER = "tests the SQLite audit writer's own connection (PostgreSQL appends through the pool)";
const SEQUENCE =
  "audit:verify cannot see a deleted last row on PostgreSQL: sequences are not transactional (README, Audit)";

export const PG_PENDING: Readonly<Record<string, readonly string[]>> = {
  "test/integration/audit-chain.test.ts": [SEQUENCE],
  "test/integration/audit-writer.test.ts": [SQLITE_WRITER],
};
