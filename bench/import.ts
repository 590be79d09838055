/**
 * `npm run bench -- import`: the fake SSDA903 return (goal ≤ 2 s) and a generated daily
 * attendance feed of 1,000,000 rows (quick: 100,000; goal ≥ 100,000 rows/s), with peak
 * memory, against baselines in the same run: reading the same CSV with csv-parse alone
 * (the importer's parse options, files already in the page cache), and (for marks) the
 * database alone taking the same rows (import-db.ts: SQLite's prepared inserts, PostgreSQL's
 * COPY), the rows built before its timer starts. On SQLite by default; on PostgreSQL with
 * `npm run bench -- import --engine=postgres` (or BENCH_DATABASE=postgres). The feed is written day by day across
 * all children (a register export), the hard order for the (childId, date, session) key;
 * it is imported again as a resent window (all unchanged), and the same marks child by
 * child into a fresh database. Rates count the rows each run stored or confirmed (its
 * report, checked against the marks in the database), not the rows the file was meant to hold.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse";
import { makeUpn } from "../core/children/upn.js";
import { MARKS_PER_BATCH } from "../core/imports/attendance-write.js";
import type { ImportFiles, ImportKind } from "../core/imports/kinds.js";
import type { Report } from "../core/imports/report.js";
import { runImport } from "../core/imports/run.js";
import { type ImportDb, openImportDb, placeholders } from "../core/imports/sql.js";
import { fixedClock } from "../core/platform/clock.js";
import { addDays, instantText, isWeekend } from "../core/platform/dates.js";
import { type BenchEngine, benchDatabase, benchEngine, insertFloor } from "./import-db.js";
import { fmt } from "./load.js";

const FAKE_SSDA903 = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/data/ssda903-fake");
const CODES = ["/", "\\", "/", "\\", "/", "\\", "L", "N", "I", "M", "<", "?", "O", "B", "#"];

/** csv-parse as the importers call it (core/imports/csv.ts). */
const IMPORT_PARSE = { bom: true, trim: true, relax_column_count: true } as const;

/** Parses `paths` with csv-parse alone; returns the records read. */
async function parseOnly(paths: readonly string[]): Promise<number> {
  let records = 0;
  for (const path of paths) for await (const _ of createReadStream(path).pipe(parse(IMPORT_PARSE))) records++;
  return records;
}

/**
 * Runs `work` while sampling the resident set size and the event loop's delay; returns its
 * result, time, peak memory and the longest pause of the event loop it ran on (in the API
 * that is the import thread's, not the loop that answers requests).
 */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; peakMb: number; longestPauseMs: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms: performance.now() - started, peakMb: peak / 1_048_576, longestPauseMs: loop.max / 1e6 };
  } finally {
    clearInterval(timer);
    loop.disable();
  }
}

async function timedImport(db: ImportDb, kind: ImportKind, files: ImportFiles) {
  return measured<Report>(() => runImport({ db, kind, files, laCode: "999" }));
}

const counts = (r: Report, table: string) => {
  const t = r.summary().tables[table];
  return t
    ? `${fmt(t.created)} created, ${fmt(t.updated)} updated, ${fmt(t.unchanged)} unchanged, ${fmt(t.rejected)} rejected`
    : "";
};

async function benchSsda903(dir: string, engine: BenchEngine) {
  if (!existsSync(FAKE_SSDA903)) {
    console.log("ssda903: skipped (../shared/data/ssda903-fake is not beside the clone)");
    return;
  }
  const database = await benchDatabase(engine, dir, "ssda903");
  const db = await openImportDb(database.url);
  const files = Object.fromEntries(
    ["header", "episodes", "reviews", "missing"].map((slot) => [
      slot,
      { name: slot, path: join(FAKE_SSDA903, `${slot}.csv`) },
    ]),
  );
  const paths = Object.values(files).map((f) => f.path);
  await parseOnly(paths); // the import reads files the page cache holds; so does its baseline
  const baseline = await measured(() => parseOnly(paths));
  const first = await timedImport(db, "ssda903", files);
  const again = await timedImport(db, "ssda903", files);
  await db.close();
  await database.drop();
  const facts = first.value.summary().facts;
  console.log(`ssda903: ${fmt(first.ms)} ms (goal ≤ 2,000 ms), peak RSS ${fmt(first.peakMb)} MB`);
  console.log(
    `  ${fmt(facts.children ?? 0)} children (${counts(first.value, "children")}), ${fmt(facts.lookedAfterNow ?? 0)} looked after now, ${fmt(facts.upnFailedCheck ?? 0)} UPNs failing the check letter`,
  );
  console.log(`  placements: ${counts(first.value, "placements")}; reviews: ${counts(first.value, "reviews")}`);
  console.log(`  again (${counts(again.value, "children")}): ${fmt(again.ms)} ms`);
  console.log(
    `  baseline, csv-parse alone (${fmt(baseline.value)} records): ${fmt(baseline.ms)} ms; ratio ${fmt(first.ms / baseline.ms, 1)}×`,
  );
}

type Order = "day" | "child";

/** The feed's marks, deterministic: `days` school days × `children` × AM/PM, day by day or child by child. */
function* feed(children: number, days: number, order: Order): Generator<[number, string, string, string]> {
  const dates: string[] = [];
  for (let date = "2026-09-07"; dates.length < days; date = addDays(date, 1)) if (!isWeekend(date)) dates.push(date);
  const outer = order === "day" ? days : children;
  const inner = order === "day" ? children : days;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const [c, d] = order === "day" ? [i, o] : [o, i];
      for (const session of ["AM", "PM"])
        yield [c, dates[d] ?? "", session, CODES[(c * 7 + d * 3) % CODES.length] ?? "/"];
    }
  }
}

/** When the children were written, from the fixed clock (never the wall clock). */
const LOADED = instantText(fixedClock("2026-09-01", "07:00").now());

/** A database with `children` children (ids 1…children), ready for marks; `done` closes and removes it. */
async function authority(engine: BenchEngine, dir: string, name: string, upns: readonly string[]) {
  const database = await benchDatabase(engine, dir, name);
  const db = await openImportDb(database.url);
  await db.write(async () => {
    for (let i = 0; i < upns.length; i += 1_000) {
      const part = upns.slice(i, i + 1_000);
      await db.run(
        `INSERT INTO "Child" ("localId", "upn", "firstName", "lastName", "dateOfBirth", "placingAuthority", "createdAt", "updatedAt")
         VALUES ${placeholders(part.length, 8)}`,
        part.flatMap((upn, k) => [`B${i + k}`, upn, "Child", `B${i + k}`, "2015-05-01", "999", LOADED, LOADED]),
      );
    }
  });
  const done = async () => {
    await db.close();
    await database.drop();
  };
  return { url: database.url, db, done };
}

async function writeFeed(path: string, rows: Iterable<[number, string, string, string]>, upns: readonly string[]) {
  const out = createWriteStream(path);
  out.write("child,date,session,code\n");
  for (const [c, date, session, code] of rows) {
    // Half the rows name the child by local id, half by UPN (as schools' feeds do).
    if (!out.write(`${c % 2 === 0 ? `B${c}` : upns[c]},${date},${session},${code}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

async function benchAttendance(dir: string, quick: boolean, engine: BenchEngine) {
  const children = quick ? 2_000 : 10_000;
  const days = quick ? 25 : 50;
  const rows = children * days * 2;
  const upns = Array.from({ length: children }, (_, n) => makeUpn("999", 2000 + Math.floor(n / 1000), "15", n % 1000));
  const byDay = join(dir, "by-day.csv");
  const byChild = join(dir, "by-child.csv");
  const started = performance.now();
  await writeFeed(byDay, feed(children, days, "day"), upns);
  await writeFeed(byChild, feed(children, days, "child"), upns);
  console.log(
    `attendance: ${fmt(rows)} rows (${fmt(children)} children × ${days} school days × AM/PM), files written in ${fmt(performance.now() - started)} ms`,
  );
  const marksIn = async (db: ImportDb) => Number((await db.rows(`SELECT COUNT(*) FROM "AttendanceMark"`))[0]?.[0]);
  const day = await authority(engine, dir, "by-day", upns);
  const first = await timedImport(day.db, "attendance", { file: { name: "by-day.csv", path: byDay } });
  const dayMarks = await marksIn(day.db);
  const again = await timedImport(day.db, "attendance", { file: { name: "by-day.csv", path: byDay } });
  await day.done();
  const child = await authority(engine, dir, "by-child", upns);
  const childFirst = await timedImport(child.db, "attendance", { file: { name: "by-child.csv", path: byChild } });
  const childMarks = await marksIn(child.db);
  await child.done();

  const parsing = await measured(() => parseOnly([byDay]));
  // What the database alone costs for the same marks (import-db.ts); the rows are built before the timer.
  const floor = await authority(engine, dir, "floor", upns);
  const building = performance.now();
  const marks = [...feed(children, days, "day")];
  const buildMs = performance.now() - building;
  const inserting = await measured(() => insertFloor(engine, floor.url, marks, MARKS_PER_BATCH));
  const floorMarks = await marksIn(floor.db);
  await floor.done();
  marks.length = 0;

  /** Rows the run stored or confirmed, from its report. */
  const handled = (r: Report) => {
    const t = r.summary().tables.marks;
    return t ? t.created + t.updated + t.unchanged : 0;
  };
  const perSecond = (n: number, ms: number) => n / (ms / 1000);
  const rate = (n: number, ms: number) => `${fmt(ms)} ms = ${fmt(perSecond(n, ms))} rows/s`;
  const line = (
    label: string,
    m: { ms: number; peakMb: number; longestPauseMs: number; value: Report },
    inDb: number,
  ) =>
    console.log(
      `  ${label}: ${rate(handled(m.value), m.ms)}, peak RSS ${fmt(m.peakMb)} MB, longest pause of the importing thread ${fmt(m.longestPauseMs)} ms; ${counts(m.value, "marks")}; ${fmt(inDb)} marks in the database`,
    );
  line("new marks, day by day", first, dayMarks);
  line("the same file again (a resent window)", again, dayMarks);
  line("new marks, child by child", childFirst, childMarks);
  console.log(
    `  baselines: csv-parse alone ${rate(parsing.value - 1, parsing.ms)}; ${engine === "sqlite" ? "SQLite alone, prepared inserts" : "PostgreSQL alone, COPY"} of the same marks day by day ${rate(inserting.value, inserting.ms)} (${fmt(floorMarks)} marks in the database; building the rows, ${fmt(buildMs)} ms, is outside its timer)`,
  );
  console.log(
    `  ratio new-marks import / (parse + insert baselines): ${fmt(first.ms / (parsing.ms + inserting.ms), 2)}×`,
  );
  if (
    [dayMarks, childMarks, floorMarks, handled(first.value), handled(again.value), handled(childFirst.value)].some(
      (n) => n !== rows,
    )
  )
    console.log(
      `  NOTE: not every one of the ${fmt(rows)} rows was stored; the rates above count only those that were`,
    );
  const verdict = (m: { ms: number; value: Report }) =>
    perSecond(handled(m.value), m.ms) >= 100_000 ? "met" : "not met";
  console.log(
    `  goal ≥ 100,000 rows/s: day by day ${verdict(first)}, resent ${verdict(again)}, child by child ${verdict(childFirst)}`,
  );
}

export async function benchImport({ quick }: { quick: boolean }) {
  const engine = benchEngine(process.argv.slice(2));
  console.log(`engine: ${engine}`);
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-import-"));
  try {
    await benchSsda903(dir, engine);
    await benchAttendance(dir, quick, engine);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
