import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration files each own a temp SQLite file and a Redis prefix, so they can
    // run in parallel; 2 cores on CI.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
