import { defineConfig } from "vitest/config";

/**
 * System dates far from the fixtures' days (which sit around Nov 2026), as instants. The
 * tests that involve dates run again under each: the product's dates come from its Clock,
 * so none of them may notice.
 */
export const MOVED_SYSTEM_DATES = {
  // A Sunday, a minute before the clocks go forward (GMT → BST during the run).
  sunday: "2020-03-29T00:59:00Z",
  // Boxing Day, a bank holiday, in the middle of the day.
  "bank-holiday": "2030-12-26T12:00:00Z",
  // The first day of the autumn term (Mon 4 Sep 2028), as registers open: 08:30 BST.
  "term-start": "2028-09-04T07:30:00Z",
  // 31 December, a minute before midnight: the year turns during the run.
  "new-years-eve": "2027-12-31T23:59:00Z",
} as const;

/**
 * Files whose behaviour involves dates: the integration files, less those about elapsed
 * time but not dates (tokens, Teams' rate windows, the pacer, retries, the reconciler,
 * migrations, the app package) and the import batches' atomicity (60,000 rows, dates
 * fixed in its files); and the bot's date parsing. Also run once: the browser tests (the
 * browser keeps the real clock whatever this process's date; the server side of their
 * dates runs moved in the API files) and the demo seed (it builds from its own day, and
 * its file seeds several days itself), and the fuzz files (their cases are random
 * inputs on fixed seeds, not dates: five rounds would repeat the same cases). They are a
 * third of the suite's time.
 */
const DATED = ["test/integration/**/*.test.ts", "test/unit/nlu.test.ts"];
const UNDATED = [
  "test/integration/bot-auth.test.ts",
  "test/integration/bot-harness.test.ts",
  "test/integration/conversation-limit.test.ts",
  "test/integration/entra.test.ts",
  "test/integration/legal-pages.test.ts",
  "test/integration/imports-atomic.test.ts",
  "test/integration/manifest.test.ts",
  "test/integration/migrate.test.ts",
  "test/integration/migrate-drift.test.ts",
  // The PostgreSQL engine's plumbing (URLs, locks, pool, audit chain): no dates involved.
  "test/integration/pg-engine.test.ts",
  "test/integration/pacer.test.ts",
  // The production build run as processes: the build and plain node, no dates.
  "test/integration/prod-build.test.ts",
  "test/integration/proactive.test.ts",
  "test/integration/reconcile.test.ts",
  "test/integration/seed.test.ts",
  "test/integration/seed-registers.test.ts",
  "test/integration/seed-scenario.test.ts",
  "test/integration/tab.test.ts",
  "test/integration/tab-records.test.ts",
  "test/integration/fuzz-api.test.ts",
  "test/integration/fuzz-bot.test.ts",
  "test/integration/fuzz-imports.test.ts",
  // Fault runs: processes killed, Redis restarted, time to recover; no dates involved.
  "test/integration/faults-*.test.ts",
  // Locks, Redis away, deadlines: timing, not dates.
  "test/integration/no-freeze.test.ts",
];

export default defineConfig({
  test: {
    // Integration files each own a temp SQLite file and a Redis prefix, so they can
    // run in parallel; 2 cores on CI.
    pool: "forks",
    // Many integration tests wait on the network, Redis or a browser rather than compute:
    // three workers keep both cores busy.
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The browser tests poll the page for what a save led to (a save, then the child read
    // again and drawn): 1 s, the default, was too little once in a loaded CI run on
    // PostgreSQL (tab-records). A poll still ends as soon as it is met.
    expect: { poll: { timeout: 10_000 } },
    setupFiles: ["test/support/setup.ts"],
    projects: [
      // Files share a worker's loaded modules (each builds its own app, database and Redis
      // prefix): importing botbuilder and Prisma once per worker, not once per file, halves
      // the suite's time. Every file passes alone and in any order.
      { extends: true, test: { name: "today", include: ["test/**/*.test.ts"], isolate: false } },
      ...Object.entries(MOVED_SYSTEM_DATES).map(([name, at]) => ({
        extends: true as const,
        test: {
          name: `moved:${name}`,
          include: DATED,
          exclude: UNDATED,
          env: { TEST_SYSTEM_DATE: at },
          // Files share a worker's loaded modules: the moved runs cost their tests, not
          // four more rounds of importing botbuilder and Prisma.
          isolate: false,
        },
      })),
    ],
  },
});
