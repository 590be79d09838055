/**
 * The test files `npm run test:pg` runs on PostgreSQL (vitest.pg.config.ts): those that pass
 * there today. Each other file that uses a database waits on the cause named beside it in
 * PG_PENDING; when its cause is gone, move it to PG_FILES (it must then really pass:
 * `npm run test:pg -- <file>`). Paths are from the repository's root.
 */
export const PG_FILES: readonly string[] = [
  "test/integration/audit-refusals-api.test.ts",
  "test/integration/bot-auth.test.ts",
  "test/integration/closed-by-default.test.ts",
  "test/integration/entra.test.ts",
  "test/integration/escalation.test.ts",
  "test/integration/hardening-input-board.test.ts",
  "test/integration/reminders.test.ts",
  "test/integration/seed.test.ts",
  "test/integration/seed-registers.test.ts",
  "test/integration/seed-scenario.test.ts",
];

/** Why a file does not pass on PostgreSQL yet, by cause. */
const CHILD_FACTS = "core/children/child.facts.sql.ts: SQLite-only SQL (status, brief, attendance, PEPs, caseload)";
const OUTBOX = "core/alerts/outbox.ts: SQLite-only SQL (? placeholders)";
const SCAN = "core/alerts/scan.repo.ts: SQLite-only SQL (the alert scan)";
const RUNS = "core/attendance/runs.repo.ts: SQLite-only SQL";
const IMPORTS = "core/imports: the importers' own better-sqlite3 connection (file: URLs only)";
const STATS = "core/stats: SQLite-only SQL";
const SQLITE_FIXTURE = "a SQLite-specific fixture in the test (a trigger, the write lock, PRAGMA, the file)";
const SQLITE_ONLY =
  "about SQLite itself (the audit's own better-sqlite3 connection); pg-engine.test.ts covers PostgreSQL";
const SEQUENCE = "audit:verify cannot see a deleted last row on PostgreSQL (sequences are not transactional)";

export const PG_PENDING: Readonly<Record<string, readonly string[]>> = {
  "test/integration/alert-answers-register.test.ts": [OUTBOX, SCAN],
  "test/integration/alert-answers.test.ts": [OUTBOX],
  "test/integration/alert-log-dates.test.ts": [OUTBOX],
  "test/integration/alerts.test.ts": [OUTBOX, SCAN],
  "test/integration/api.test.ts": [CHILD_FACTS],
  "test/integration/attendance-agreement.test.ts": [SCAN, CHILD_FACTS],
  "test/integration/attendance-outage.test.ts": [SCAN],
  "test/integration/audit-atomic.test.ts": [CHILD_FACTS],
  "test/integration/audit-bot-reads.test.ts": [CHILD_FACTS],
  "test/integration/audit-chain.test.ts": [IMPORTS, CHILD_FACTS, SEQUENCE],
  "test/integration/audit-channel.test.ts": [CHILD_FACTS],
  "test/integration/audit-writer.test.ts": [SQLITE_ONLY, CHILD_FACTS],
  "test/integration/audit.test.ts": [CHILD_FACTS, IMPORTS],
  "test/integration/bot-conversations-iro.test.ts": [CHILD_FACTS],
  "test/integration/bot-conversations-log.test.ts": [OUTBOX, CHILD_FACTS],
  "test/integration/bot-conversations.test.ts": [CHILD_FACTS],
  "test/integration/bot-glance-fixes.test.ts": [CHILD_FACTS],
  "test/integration/bot-glance.test.ts": [CHILD_FACTS],
  "test/integration/bot-iro.test.ts": [CHILD_FACTS],
  "test/integration/bot-questions.test.ts": [CHILD_FACTS],
  "test/integration/bot-records.test.ts": [OUTBOX, CHILD_FACTS],
  "test/integration/bot.test.ts": [CHILD_FACTS],
  "test/integration/care-agreement.test.ts": [SCAN, CHILD_FACTS],
  "test/integration/care-imports.test.ts": [IMPORTS],
  "test/integration/conversation-limit.test.ts": [OUTBOX],
  "test/integration/digest-news.test.ts": [SCAN, OUTBOX],
  "test/integration/digest.test.ts": [OUTBOX, SCAN],
  "test/integration/faults-delivery.test.ts": [OUTBOX, SQLITE_FIXTURE],
  "test/integration/faults-import.test.ts": [IMPORTS, SQLITE_FIXTURE],
  "test/integration/faults-process.test.ts": [OUTBOX],
  "test/integration/faults-redis.test.ts": [OUTBOX],
  "test/integration/fuzz-api.test.ts": [CHILD_FACTS],
  "test/integration/fuzz-bot.test.ts": [OUTBOX, CHILD_FACTS],
  "test/integration/fuzz-imports.test.ts": [IMPORTS],
  "test/integration/hardening-input.test.ts": [IMPORTS],
  "test/integration/imports-api.test.ts": [IMPORTS],
  "test/integration/imports-atomic.test.ts": [IMPORTS],
  "test/integration/imports-attendance.test.ts": [IMPORTS],
  "test/integration/imports-broken.test.ts": [IMPORTS],
  "test/integration/imports-directory.test.ts": [IMPORTS],
  "test/integration/imports-exclusions.test.ts": [IMPORTS],
  "test/integration/imports-peps.test.ts": [IMPORTS],
  "test/integration/imports.test.ts": [IMPORTS],
  "test/integration/jobs.test.ts": [SCAN],
  "test/integration/no-freeze.test.ts": [SQLITE_FIXTURE, OUTBOX],
  "test/integration/pep-agreement.test.ts": [SCAN, CHILD_FACTS],
  "test/integration/pep-loop.test.ts": [SCAN, OUTBOX],
  "test/integration/peps.test.ts": [SCAN, CHILD_FACTS],
  "test/integration/reconcile.test.ts": [OUTBOX],
  "test/integration/record-sync.test.ts": [SCAN],
  "test/integration/records.test.ts": [CHILD_FACTS],
  "test/integration/schedules.test.ts": [SCAN],
  "test/integration/seed-peps.test.ts": [RUNS],
  "test/integration/shared-conversations.test.ts": [OUTBOX],
  "test/integration/stats-brief.test.ts": [STATS, CHILD_FACTS],
  "test/integration/tab-records.test.ts": [CHILD_FACTS, OUTBOX],
  "test/integration/tab.test.ts": [CHILD_FACTS, STATS],
  "test/integration/term-dates.test.ts": [SCAN, CHILD_FACTS],
};
