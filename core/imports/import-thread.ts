/**
 * The importers' own thread. An import writes in synchronous transactions (better-sqlite3:
 * the fast path): run on the API's event loop, each batch held every other request for
 * a tenth of a second or more (0.4 s on a million-row feed in date order). Here the API's
 * loop is never held: health, the tab and the bot keep answering while the rows go in.
 * One import at a time (the service queues them); the answer is plain data.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runImport } from "./run.js";
import type { ImportAnswer, ImportRequest } from "./service.js";
import { type ImportDb, openImportDb } from "./sql.js";

const port = parentPort;
if (!port) throw new Error("import-thread.ts runs as a worker thread (core/imports/service.ts starts it)");
const { databaseUrl } = workerData as { databaseUrl: string };
/** The import's connection, opened by the first request (one promise: requests never open two). */
let db: Promise<ImportDb> | null = null;

port.on("message", async (request: ImportRequest) => {
  let answer: ImportAnswer;
  try {
    db ??= openImportDb(databaseUrl).catch((err) => {
      db = null;
      throw err;
    });
    const { problemsWanted, ...run } = request;
    const report = await runImport({ db: await db, ...run });
    answer = {
      ok: true,
      outcome: {
        summary: report.summary(),
        problemCount: report.problemCount,
        problems: report.problems.slice(0, problemsWanted),
      },
    };
  } catch (err) {
    const e = err as { name?: string; message?: string; code?: string };
    answer = { ok: false, error: { name: e.name ?? "Error", message: e.message ?? String(err), code: e.code } };
  }
  port.postMessage(answer);
});
