/**
 * `npm run bench -- import`: the fake SSDA903 return (goal ≤ 2 s) and a generated daily
 * attendance feed of 1,000,000 rows (quick: 100,000; goal ≥ 100,000 rows/s), with peak
 * memory, against baselines in the same run: reading the same CSV with csv-parse alone,
 * and (for marks) SQLite alone inserting the same rows with a prepared statement. The feed
 * is written day by day across all children (a register export), the hard order for the
 * (childId, date, session) key; it is imported again as a resent window (all unchanged),
 * and the same marks child by child into a fresh database.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { parse } from "csv-parse";
import { makeUpn } from "../core/children/upn.js";
import { MARKS_PER_BATCH } from "../core/imports/attendance-write.js";
import type { ImportFiles, ImportKind } from "../core/imports/kinds.js";
import type { Report } from "../core/imports/report.js";
import { runImport } from "../core/imports/run.js";
import { type ImportDb, openImportDb, placeholders } from "../core/imports/sql.js";
import { addDays, isWeekend } from "../core/platform/dates.js";
import { migrate, sqlitePath } from "../core/platform/migrate.js";
import { fmt } from "./load.js";

const FAKE_SSDA903 = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/data/ssda903-fake");
const CODES = ["/", "\\", "/", "\\", "/", "\\", "L", "N", "I", "M", "<", "?", "O", "B", "#"];

/** Runs `work` while sampling the resident set size; returns its result, time and peak. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms: performance.now() - started, peakMb: peak / 1_048_576 };
  } finally {
    clearInterval(timer);
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

async function benchSsda903(dir: string) {
  if (!existsSync(FAKE_SSDA903)) {
    console.log("ssda903: skipped (../shared/data/ssda903-fake is not beside the clone)");
    return;
  }
  const url = `file:${join(dir, "ssda903.db")}`;
  migrate(url);
  const db = openImportDb(url);
  const files = Object.fromEntries(
    ["header", "episodes", "reviews", "missing"].map((slot) => [
      slot,
      { name: slot, path: join(FAKE_SSDA903, `${slot}.csv`) },
    ]),
  );
  const baseline = await measured(async () => {
    for (const f of Object.values(files)) for await (const _ of createReadStream(f.path).pipe(parse())) void _;
  });
  const first = await timedImport(db, "ssda903", files);
  const again = await timedImport(db, "ssda903", files);
  db.close();
  const facts = first.value.summary().facts;
  console.log(`ssda903: ${fmt(first.ms)} ms (goal ≤ 2,000 ms), peak RSS ${fmt(first.peakMb)} MB`);
  console.log(
    `  ${fmt(facts.children ?? 0)} children (${counts(first.value, "children")}), ${fmt(facts.lookedAfterNow ?? 0)} looked after now, ${fmt(facts.upnFailedCheck ?? 0)} UPNs failing the check letter`,
  );
  console.log(`  placements: ${counts(first.value, "placements")}; reviews: ${counts(first.value, "reviews")}`);
  console.log(`  again (${counts(again.value, "children")}): ${fmt(again.ms)} ms`);
  console.log(`  baseline, csv-parse alone: ${fmt(baseline.ms)} ms; ratio ${fmt(first.ms / baseline.ms, 1)}×`);
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

/** A database with `children` children (ids 1…children), ready for marks. */
async function authority(dir: string, name: string, upns: readonly string[]): Promise<{ url: string; db: ImportDb }> {
  const url = `file:${join(dir, `${name}.db`)}`;
  migrate(url);
  const db = openImportDb(url);
  await db.write(() => {
    for (let i = 0; i < upns.length; i += 1_000) {
      const part = upns.slice(i, i + 1_000);
      db.run(
        `INSERT INTO "Child" ("localId", "upn", "firstName", "lastName", "dateOfBirth", "placingAuthority", "updatedAt")
         VALUES ${placeholders(part.length, 7)}`,
        part.flatMap((upn, k) => [`B${i + k}`, upn, "Child", `B${i + k}`, "2015-05-01", "999", "2026-09-01"]),
      );
    }
  });
  return { url, db };
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

async function benchAttendance(dir: string, quick: boolean) {
  const children = quick ? 2_000 : 10_000;
  const days = quick ? 25 : 50;
  const rows = children * days * 2;
  const upns = Array.from({ length: children }, (_, n) => makeUpn("999", 2000 + Math.floor(n / 1000), "15", n % 1000));
  const byDay = join(dir, "by-day.csv");
  const byChild = join(dir, "by-child.csv");
  let started = performance.now();
  await writeFeed(byDay, feed(children, days, "day"), upns);
  await writeFeed(byChild, feed(children, days, "child"), upns);
  console.log(
    `attendance: ${fmt(rows)} rows (${fmt(children)} children × ${days} school days × AM/PM), files written in ${fmt(performance.now() - started)} ms`,
  );
  const day = await authority(dir, "by-day", upns);
  const first = await timedImport(day.db, "attendance", { file: { name: "by-day.csv", path: byDay } });
  const again = await timedImport(day.db, "attendance", { file: { name: "by-day.csv", path: byDay } });
  day.db.close();
  const child = await authority(dir, "by-child", upns);
  const childFirst = await timedImport(child.db, "attendance", { file: { name: "by-child.csv", path: byChild } });
  child.db.close();

  const parsing = await measured(async () => {
    for await (const _ of createReadStream(byDay).pipe(parse())) void _;
  });
  // What SQLite alone costs for the same marks: prepared one-row inserts, a transaction per batch.
  const floor = await authority(dir, "floor", upns);
  floor.db.close();
  const raw = new Database(sqlitePath(floor.url));
  raw.pragma("synchronous = NORMAL");
  const insert = raw.prepare(`INSERT INTO "AttendanceMark" ("childId", "date", "session", "code") VALUES (?, ?, ?, ?)`);
  started = performance.now();
  const marks = [...feed(children, days, "day")];
  for (let i = 0; i < marks.length; i += MARKS_PER_BATCH) {
    raw.transaction(() => {
      for (const [c, date, session, code] of marks.slice(i, i + MARKS_PER_BATCH))
        insert.run(c + 1, date, session, code);
    })();
  }
  const sqliteMs = performance.now() - started;
  raw.close();
  marks.length = 0;

  const rate = (ms: number) => `${fmt(ms)} ms = ${fmt(rows / (ms / 1000))} rows/s`;
  const line = (label: string, m: { ms: number; peakMb: number; value: Report }) =>
    console.log(`  ${label}: ${rate(m.ms)}, peak RSS ${fmt(m.peakMb)} MB; ${counts(m.value, "marks")}`);
  line("new marks, day by day", first);
  line("the same file again (a resent window)", again);
  line("new marks, child by child", childFirst);
  console.log(
    `  baselines: csv-parse alone ${rate(parsing.ms)}; SQLite alone, the same inserts day by day ${rate(sqliteMs)}`,
  );
  console.log(`  ratio new-marks import / (parse + insert baselines): ${fmt(first.ms / (parsing.ms + sqliteMs), 2)}×`);
  const verdict = (ms: number) => (rows / (ms / 1000) >= 100_000 ? "met" : "not met");
  console.log(
    `  goal ≥ 100,000 rows/s: day by day ${verdict(first.ms)}, resent ${verdict(again.ms)}, child by child ${verdict(childFirst.ms)}`,
  );
}

export async function benchImport({ quick }: { quick: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), "vs-bench-import-"));
  try {
    await benchSsda903(dir);
    await benchAttendance(dir, quick);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
