/**
 * The one entry point the CLI and the API share: which importer a kind runs, with a fresh
 * report. Problems in rows are reported, never thrown; UnusableInputError is thrown for
 * input nothing can be imported from (a missing file or column).
 */
import { defaultPolicy, type Policy } from "../policy.js";
import { importAttendance } from "./attendance.js";
import { importCalendar } from "./calendar.js";
import { type ImportActor, type ImportContext, SYSTEM_ACTOR } from "./context.js";
import { importExclusions } from "./exclusions.js";
import { type ImportFiles, type ImportKind, missingFiles, UnusableInputError } from "./kinds.js";
import { importPeps } from "./peps.js";
import { createReport, type Report } from "./report.js";
import { importRoll } from "./roll.js";
import { importSchools } from "./schools.js";
import type { ImportDb } from "./sql.js";
import { importSsda903 } from "./ssda903/index.js";

const IMPORTERS: Record<ImportKind, (ctx: ImportContext, files: ImportFiles) => Promise<void>> = {
  ssda903: importSsda903,
  attendance: importAttendance,
  schools: importSchools,
  roll: importRoll,
  calendar: importCalendar,
  peps: importPeps,
  exclusions: importExclusions,
};

export type RunImport = {
  db: ImportDb;
  kind: ImportKind;
  files: ImportFiles;
  /** AUTHORITY_LA_CODE. */
  laCode: string;
  actor?: ImportActor;
  /** The authority's policy (default: the national one). */
  policy?: Policy;
  /** Bytes read since the last call, for a progress bar. */
  onBytes?: (bytes: number) => void;
};

export async function runImport({
  db,
  kind,
  files,
  laCode,
  actor = SYSTEM_ACTOR,
  policy = defaultPolicy,
  onBytes,
}: RunImport): Promise<Report> {
  const missing = missingFiles(kind, files);
  if (missing.length > 0) throw new UnusableInputError(`The ${kind} import needs the ${missing.join(" and ")} file.`);
  const report = createReport(kind);
  await IMPORTERS[kind]({ db, report, laCode, actor, policy, onBytes }, files);
  return report;
}
