/**
 * `npm run import -- <kind> …`: imports a file (or, for SSDA903, a set) into DATABASE_URL.
 *
 *   npm run import -- ssda903 --header header.csv --episodes episodes.csv [--reviews reviews.csv] [--missing missing.csv]
 *   npm run import -- attendance marks.csv      (also: schools, roll, calendar, peps, exclusions)
 *
 * Prints the summary; writes `<input>.errors.csv` beside each input with problems. Exit
 * code 0 when the import ran (row problems are reported, not fatal), 1 when the input is
 * unusable (a missing file or column), 2 for a mistake in the command itself.
 */
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { writeErrorReports } from "../core/imports/error-report.js";
import {
  type CsvSource,
  IMPORT_FILES,
  IMPORT_KINDS,
  type ImportFiles,
  isImportKind,
  UnusableInputError,
} from "../core/imports/kinds.js";
import { runImport } from "../core/imports/run.js";
import { openImportDb } from "../core/imports/sql.js";
import { summaryLines } from "../core/imports/summary-text.js";
import { loadConfig, loadDotEnv } from "../core/platform/config.js";
import { migrate } from "../core/platform/migrate.js";

const USAGE = `Usage:
  npm run import -- ssda903 --header <file> --episodes <file> [--reviews <file>] [--missing <file>]
  npm run import -- <${IMPORT_KINDS.filter((k) => k !== "ssda903").join("|")}> <file>`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    header: { type: "string" },
    episodes: { type: "string" },
    reviews: { type: "string" },
    missing: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [kind, ...paths] = positionals;
if (!kind || !isImportKind(kind)) usage(kind ? `Unknown import "${kind}".` : "Which import?");

const files: ImportFiles = {};
const source = (path: string): CsvSource => ({ name: path, path });
if (kind === "ssda903") {
  if (paths.length > 0) usage("SSDA903 files are named: --header, --episodes, --reviews, --missing.");
  for (const slot of [...IMPORT_FILES.ssda903.required, ...IMPORT_FILES.ssda903.optional]) {
    const path = values[slot as keyof typeof values];
    if (typeof path === "string") files[slot] = source(path);
  }
} else {
  if (paths.length !== 1 || paths[0] === undefined) usage(`The ${kind} import takes one file.`);
  files.file = source(paths[0]);
}

loadDotEnv();
const config = loadConfig();
await migrate(config.DATABASE_URL);
const db = await openImportDb(config.DATABASE_URL);
const sources = Object.values(files).filter((s): s is CsvSource => s !== undefined);

// A bar only on a terminal: piped into a log, it would be noise.
const bar = process.stdout.isTTY
  ? new cliProgress.SingleBar(
      { format: `${kind} {bar} {percentage}% | {read} | ETA {eta_formatted}`, hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    )
  : null;
let read = 0;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

try {
  const total = sources.reduce((sum, s) => sum + (statSync(s.path, { throwIfNoEntry: false })?.size ?? 0), 0);
  bar?.start(Math.max(total, 1), 0, { read: mb(0) });
  const report = await runImport({
    db,
    kind,
    files,
    laCode: config.AUTHORITY_LA_CODE,
    policy: config.policy,
    onBytes: (bytes) => {
      read += bytes;
      bar?.update(read, { read: mb(read) });
    },
  });
  bar?.stop();
  for (const line of summaryLines(report.summary())) console.log(line);
  const { written, removed } = await writeErrorReports(report, sources);
  for (const path of written) console.log(`Error report (fix these rows and import again): ${path}`);
  for (const path of removed) console.log(`Removed the previous error report ${path}: no problems this time.`);
} catch (err) {
  bar?.stop();
  if (!(err instanceof UnusableInputError)) throw err;
  console.error(`Import stopped: ${err.message}`);
  process.exitCode = 1;
} finally {
  db.close();
}
