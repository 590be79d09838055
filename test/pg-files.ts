/**
 * What `npm run test:pg` runs on PostgreSQL (vitest.pg.config.ts): every integration file
 * (the unit files touch no database), except those below, each with the reason it does not
 * apply there or does not pass yet. A file leaves this list when it passes on PostgreSQL
 * (`npm run test:pg` then includes it on its own). Paths are from the repository's root.
 */
export const PG_INCLUDE: readonly string[] = ["test/integration/**/*.test.ts"];

/** Empty: every integration file runs on PostgreSQL too (30 Nov 2026). */
export const PG_PENDING: Readonly<Record<string, readonly string[]>> = {};
