/**
 * What every importer is handed: the connection, the report it fills in, the home
 * authority, who is importing (for the audit log) and where to say how far it has read.
 */
import type { Channel } from "../access/roles.js";
import { recordedAt } from "../platform/clock.js";
import type { Policy } from "../policy.js";
import { type CsvFile, type CsvRow, openCsv } from "./csv.js";
import type { CsvSource } from "./kinds.js";
import type { Report } from "./report.js";
import type { ImportDb } from "./sql.js";

/** Who runs an import. The CLI is run by someone with the server's shell and database: `system`. */
export type ImportActor = { id: number | null; role: string; channel: Channel };
export const SYSTEM_ACTOR: ImportActor = { id: null, role: "system", channel: "job" };

export type ImportContext = {
  db: ImportDb;
  report: Report;
  /** AUTHORITY_LA_CODE: the placing authority of SSDA903 children, "in area" for schools. */
  laCode: string;
  actor: ImportActor;
  /** The authority's policy (e.g. an initial PEP's statutory date when a file gives none). */
  policy: Policy;
  /** Called with the bytes read since the last call. */
  onBytes?: (bytes: number) => void;
};

/**
 * One audit row per child whose record the import created or changed (the rule for every
 * write to a child's record). Call inside the `write()` that made the change. Children an
 * import left unchanged get none, so a second run of the same file writes nothing at all.
 * Chained under the import's write (core/access/audit-chain.ts), as every audit row is.
 */
export async function auditImport(ctx: ImportContext, childIds: Iterable<number>): Promise<void> {
  const at = recordedAt();
  const { id, role, channel } = ctx.actor;
  const rows = [...childIds].map((childId) => ({
    at,
    actorId: id,
    actorRole: role,
    action: "import",
    childId,
    channel,
    outcome: "allowed",
  }));
  await ctx.db.appendAudit(rows);
}

/** Opens every file of an import before anything is written, so a missing column in any of them stops it cleanly. */
export async function openAll<K extends string>(
  ctx: ImportContext,
  specs: Record<K, { source: CsvSource | undefined; required: readonly string[] }>,
): Promise<Record<K, CsvFile | undefined>> {
  const opened = {} as Record<K, CsvFile | undefined>;
  for (const key of Object.keys(specs) as K[]) {
    const { source, required } = specs[key];
    if (!source) continue;
    try {
      opened[key] = await openCsv(source, { required, onBytes: ctx.onBytes });
    } catch (err) {
      for (const file of Object.values<CsvFile | undefined>(opened)) file?.close();
      throw err;
    }
  }
  for (const file of Object.values<CsvFile | undefined>(opened)) if (file) ctx.report.file(file);
  return opened;
}

/** Feeds each data row to `each`, counting it as read; awaits only when `each` returns a promise. */
export async function eachRow(ctx: ImportContext, file: CsvFile, each: (row: CsvRow) => void | Promise<void>) {
  for await (const rows of file.batches()) {
    ctx.report.read(file.name, rows.length);
    for (const row of rows) {
      const pending = each(row);
      if (pending) await pending;
    }
  }
}
