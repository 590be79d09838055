/**
 * Imports as a service for the API: only the Virtual School Head may run one (checked
 * here in the core, as every role check is). The importers run on a thread of their own
 * (import-thread.ts), so the API's event loop is never held by an import's synchronous
 * batches; imports run one at a time so two uploads never race for the same rows.
 */
import { Worker } from "node:worker_threads";
import { type Actor, type Channel, requireRole } from "../access/roles.js";
import { DatabaseBusy } from "../platform/db.js";
import type { Policy } from "../policy.js";
import { type ImportFiles, type ImportKind, UnusableInputError } from "./kinds.js";
import type { ImportSummary, RowProblem } from "./report.js";

export type ImportService = ReturnType<typeof createImportService>;

/** What an import tells its caller: the summary, and its first problems row by row. */
export type ImportOutcome = { summary: ImportSummary; problemCount: number; problems: RowProblem[] };

/** What the service asks of the import thread (plain data: it crosses threads). */
export type ImportRequest = {
  kind: ImportKind;
  files: ImportFiles;
  laCode: string;
  policy?: Policy;
  actor: { id: number; role: string; channel: Channel };
  /** How many problems to send back (the count is always whole). */
  problemsWanted: number;
};

export type ImportAnswer =
  | { ok: true; outcome: ImportOutcome }
  | { ok: false; error: { name: string; message: string; code?: string | undefined } };

const THREAD = new URL("./import-thread-boot.mjs", import.meta.url);

/** The import thread's failure, as the error the API and scripts know. */
function rethrown({ name, message, code }: { name: string; message: string; code?: string | undefined }): Error {
  if (name === "UnusableInputError") return new UnusableInputError(message);
  if (name === "DatabaseBusy" || code?.startsWith("SQLITE_BUSY")) return new DatabaseBusy(0);
  return new Error(`The import failed: ${message}`);
}

export function createImportService(opts: {
  databaseUrl: string;
  laCode: string;
  policy?: Policy;
  /** Told after a calendar import, so cached calendars are read again. */
  onCalendarChanged?: () => void;
  /** How many problems an answer carries (default 1,000). */
  problemsWanted?: number;
}) {
  let thread: Worker | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** Sends one request to the thread (started when first needed) and waits for its answer. */
  function inThread(request: ImportRequest): Promise<ImportOutcome> {
    if (!thread) {
      thread = new Worker(THREAD, { workerData: { databaseUrl: opts.databaseUrl } });
      // Never what keeps a process alive: the server (or script) that uses it does.
      thread.unref();
    }
    const worker = thread;
    return new Promise<ImportOutcome>((resolve, reject) => {
      const done = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (answer: ImportAnswer) => {
        done();
        if (answer.ok) resolve(answer.outcome);
        else reject(rethrown(answer.error));
      };
      const onError = (err: Error) => {
        done();
        thread = null;
        reject(err);
      };
      const onExit = (code: number) => {
        done();
        thread = null;
        reject(new Error(`The import thread stopped (exit code ${code}) before the import finished.`));
      };
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage(request);
    });
  }

  return {
    /** Refuses anyone but the VSH before any file is read. */
    authorise(actor: Actor): void {
      requireRole(actor, "vsh");
    },
    async run(actor: Actor, kind: ImportKind, files: ImportFiles): Promise<ImportOutcome> {
      requireRole(actor, "vsh");
      const run = queue.then(async () => {
        const outcome = await inThread({
          kind,
          files,
          laCode: opts.laCode,
          ...(opts.policy ? { policy: opts.policy } : {}),
          actor: { id: actor.id, role: actor.role, channel: actor.channel },
          problemsWanted: opts.problemsWanted ?? 1_000,
        });
        if (kind === "calendar") opts.onCalendarChanged?.();
        return outcome;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    /** Stops the thread (after the running import, when the server waits for its request). */
    async close(): Promise<void> {
      const running = thread;
      thread = null;
      await running?.terminate();
    },
  };
}
