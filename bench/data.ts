/**
 * Bulk data for benchmarks: an authority of N children with a school year of register
 * marks, written straight through better-sqlite3 in one transaction (the seed's Prisma
 * path is for 300 children, not millions of marks). Deterministic.
 */
import Database from "better-sqlite3";
import { compileCalendar, schoolDaysInRange } from "../core/calendar/school-days.js";
import { makeUpn } from "../core/children/upn.js";
import { addDays, type IsoDate, schoolYearOf } from "../core/platform/dates.js";
import { sqlitePath } from "../core/platform/migrate.js";
import { demoCalendar } from "../prisma/seed/index.js";
import { mulberry32 } from "../prisma/seed/random.js";

/** The bench VSH's Entra object id, for bot turns. */
export const BENCH_VSH_AAD = "bench-vsh";

export type BenchAuthority = { children: number; schools: number; marks: number; vshEmail: string };

const ABSENCE = ["N", "O", "G", "U", "C", "M", "I", "E", "R", "L", "B", "K"];

export function writeBenchAuthority(
  url: string,
  opts: { children: number; today: IsoDate; laCode?: string; fullYear?: boolean },
): BenchAuthority {
  const la = opts.laCode ?? "999";
  const random = mulberry32(20261123);
  const db = new Database(sqlitePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const year = schoolYearOf(opts.today);
  const calendar = demoCalendar(year, la);
  const compiled = compileCalendar(calendar);
  const last = opts.fullYear ? `${year + 1}-07-31` : opts.today;
  const days = schoolDaysInRange(compiled, `${year}-08-01`, last);
  const schools = Math.max(10, Math.round(opts.children / 50));
  let marks = 0;

  db.transaction(() => {
    const cal = db.prepare(
      "INSERT INTO SchoolCalendar (laCode, kind, name, startDate, endDate) VALUES (?, ?, ?, ?, ?)",
    );
    for (const t of calendar.terms) cal.run(la, "term", t.name, t.start, t.end);
    for (const c of calendar.closures) cal.run(la, "closure", c.name, c.start, c.end);
    const now = new Date().toISOString();
    const school = db.prepare(
      "INSERT INTO School (urn, name, phase, localAuthority, outOfArea, createdAt, updatedAt) VALUES (?, ?, 'secondary', ?, 0, ?, ?)",
    );
    for (let s = 1; s <= schools; s++) school.run(String(500000 + s), `Bench School ${s}`, la, now, now);
    const person = db.prepare(
      "INSERT INTO Professional (name, email, role, aadObjectId, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, 1, ?, ?)",
    );
    person.run("Bench VSH", "vsh@bench.local", "vsh", BENCH_VSH_AAD, now, now);
    const sw = Number(person.run("Bench SW", "sw@bench.local", "social_worker", "bench-sw", now, now).lastInsertRowid);
    const child = db.prepare(
      `INSERT INTO Child (localId, upn, firstName, lastName, dateOfBirth, placingAuthority, lookedAfterSince, senStatus, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, '2012-03-04', ?, ?, 'none', ?, ?)`,
    );
    const enrol = db.prepare(
      "INSERT INTO Enrolment (childId, schoolId, fromDate, yearGroup) VALUES (?, ?, '2020-09-01', '9')",
    );
    const allocate = db.prepare(
      "INSERT INTO Allocation (childId, professionalId, role, fromDate) VALUES (?, ?, 'social_worker', '2020-01-01')",
    );
    const pep = db.prepare(
      "INSERT INTO Pep (childId, term, dueDate, meetingDate, status, rag, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 'green', ?, ?)",
    );
    const mark = db.prepare("INSERT INTO AttendanceMark (childId, date, session, code) VALUES (?, ?, ?, ?)");
    for (let i = 1; i <= opts.children; i++) {
      const since = addDays(opts.today, -Math.floor(random() * 2000) - 30);
      const id = Number(
        child.run(`B${i}`, makeUpn(la, "4001", "12", i % 1000), `Child${i}`, `Bench${i}`, la, since, now, now)
          .lastInsertRowid,
      );
      enrol.run(id, 1 + (i % schools));
      if (i % 10 === 0) allocate.run(id, sw);
      // Termly PEPs held so far this year; one child in five has the latest still in draft.
      for (const term of calendar.terms.filter((t) => t.start <= opts.today)) {
        const held = term.start < opts.today ? addDays(term.start, 20) : term.start;
        const done = term.end < opts.today || random() < 0.8;
        pep.run(id, term.name, term.end, held <= opts.today ? held : null, done ? "complete" : "draft", now, now);
      }
      // Each child has a usual absence rate; a few are persistently absent.
      const absence = random() < 0.1 ? 0.15 + random() * 0.4 : random() * 0.06;
      for (const day of days) {
        for (const session of ["AM", "PM"]) {
          const code =
            random() < absence
              ? (ABSENCE[Math.floor(random() * ABSENCE.length)] ?? "N")
              : session === "AM"
                ? "/"
                : "\\";
          mark.run(id, day, session, code);
          marks++;
        }
      }
    }
  })();
  db.pragma("synchronous = NORMAL");
  db.close();
  return { children: opts.children, schools, marks, vshEmail: "vsh@bench.local" };
}
