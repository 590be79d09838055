/**
 * The audit append on its own, in this process: one row at a time through the audit's own
 * path for reads (what every audited read does, through the SQL layer: SQLite's synchronous
 * appends, audit-writer.ts; PostgreSQL's grouped appends, audit-appender.ts) against the same
 * statements in a Prisma interactive transaction (what a change's `tx` does, and what
 * every read did before), on the benchmark's database. Less sensitive to a busy machine
 * than the HTTP figures, as both run in the same process one after the other.
 */
import { createAuditLog } from "../core/access/audit.js";
import { createDb } from "../core/platform/db.js";
import { fmt } from "./load.js";

const READER = { id: 1, role: "vsh", channel: "api" } as const;

async function perSecond(n: number, append: (i: number) => Promise<void>, concurrency = 1): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await append(next++);
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

export async function benchAuditAppend(url: string, { quick }: { quick: boolean }): Promise<void> {
  const n = quick ? 500 : 5_000;
  const db = await createDb(url);
  const own = createAuditLog(db);
  const viaPrisma = createAuditLog(db);
  try {
    for (const concurrency of [1, 10, 50]) {
      const writer = await perSecond(n, (i) => own.record(READER, "read_status", [1 + (i % 100)]), concurrency);
      const prisma = await perSecond(
        n,
        (i) => db.$transaction((tx) => viaPrisma.record(READER, "read_status", [1 + (i % 100)], { tx })),
        concurrency,
      );
      console.log(
        `audit appends, ${concurrency} at a time: reads' own path ${fmt(writer)}/s, Prisma transaction ${fmt(prisma)}/s (ratio ${fmt(writer / prisma, 1)}×)`,
      );
    }
  } finally {
    await db.$disconnect();
  }
}
