import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { migrate } from "../core/platform/migrate.js";
import { writeBenchAuthority } from "./data.js";

const url = "file:/tmp/scanbench.db";
if (!existsSync("/tmp/scanbench.db")) {
  migrate(url);
  writeBenchAuthority(url, { children: 10000, today: "2027-07-19" });
}
const db = new Database("/tmp/scanbench.db");
const t = (label: string, sql: string, ...p: unknown[]) => {
  const s = performance.now();
  const r = db.prepare(sql).all(...p);
  console.log(
    label,
    Math.round(performance.now() - s),
    "ms",
    r.length,
    JSON.stringify(
      db
        .prepare("EXPLAIN QUERY PLAN " + sql)
        .all(...p)
        .map((x: any) => x.detail),
    ),
  );
};
t("baseline", "SELECT childId, code, COUNT(*) AS n FROM AttendanceMark GROUP BY childId, code");
t(
  "ours",
  "SELECT childId, code, COUNT(*) AS n, MAX(date) AS last FROM AttendanceMark WHERE date >= ? AND date <= ? GROUP BY childId, code",
  "2026-08-01",
  "2027-07-19",
);
t(
  "ours +date",
  "SELECT childId, code, COUNT(*) AS n, MAX(date) AS last FROM AttendanceMark WHERE +date >= ? AND +date <= ? GROUP BY childId, code",
  "2026-08-01",
  "2027-07-19",
);
t("today", "SELECT childId, session, code FROM AttendanceMark WHERE date = ?", "2027-07-19");
