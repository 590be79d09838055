/**
 * Imports as a service for the API: only the Virtual School Head may run one (checked
 * here in the core, as every role check is). Holds one importer connection for the
 * process; imports run one at a time so two uploads never race for the same rows.
 */

import { type Actor, requireRole } from "../access/roles.js";
import type { Policy } from "../policy.js";
import type { ImportFiles, ImportKind } from "./kinds.js";
import type { Report } from "./report.js";
import { runImport } from "./run.js";
import { type ImportDb, openImportDb } from "./sql.js";

export type ImportService = ReturnType<typeof createImportService>;

export function createImportService(opts: {
  databaseUrl: string;
  laCode: string;
  policy?: Policy;
  /** Told after a calendar import, so cached calendars are read again. */
  onCalendarChanged?: () => void;
}) {
  let db: ImportDb | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  return {
    /** Refuses anyone but the VSH before any file is read. */
    authorise(actor: Actor): void {
      requireRole(actor, "vsh");
    },
    async run(actor: Actor, kind: ImportKind, files: ImportFiles): Promise<Report> {
      requireRole(actor, "vsh");
      const run = queue.then(async () => {
        db ??= openImportDb(opts.databaseUrl);
        const report = await runImport({
          db,
          kind,
          files,
          laCode: opts.laCode,
          ...(opts.policy ? { policy: opts.policy } : {}),
          actor: { id: actor.id, role: actor.role, channel: actor.channel },
        });
        if (kind === "calendar") opts.onCalendarChanged?.();
        return report;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    close(): void {
      db?.close();
      db = null;
    },
  };
}
