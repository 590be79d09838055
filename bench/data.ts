/**
 * The benchmarks' authority: the demo seed's authority (prisma/seed: schools, people,
 * children, enrolments, care placements, allocations, PEPs, care reviews, register marks
 * up to `today`, exclusions with their E marks, the action log), planned once for `today`
 * and written by the seed's own writer, then copied in SQL until there are `children`
 * children. Each copy has its own schools, designated teachers, social workers and IROs;
 * there is one VSH and one calendar. Children are renamed Child<n> Bench<n> (local id
 * B<n>, n their id) so that a name finds one child. Every timestamp the data carries comes
 * from `fixedClock(today)`, never the wall clock. Deterministic. The copies are plain SQL
 * that runs on either engine (bench/raw.ts): a SQLite file or a PostgreSQL database.
 */
import { fixedClock } from "../core/platform/clock.js";
import { type IsoDate, instantText } from "../core/platform/dates.js";
import { createDb } from "../core/platform/db.js";
import { DEMO_SIGN_INS, demoAadObjectId, planDemo } from "../prisma/seed/index.js";
import { writePlan } from "../prisma/seed/write.js";
import { fmt } from "./load.js";
import { openRaw } from "./raw.js";

/** The bench VSH (the demo's): e-mail for API tokens, Entra object id for bot turns. */
export const BENCH_VSH_EMAIL = DEMO_SIGN_INS.vsh;
export const BENCH_VSH_AAD = demoAadObjectId(BENCH_VSH_EMAIL);

/** Rows in each table once written, counted in the database. */
export type BenchAuthority = {
  children: number;
  schools: number;
  professionals: number;
  marks: number;
  placements: number;
  reviews: number;
  peps: number;
  exclusions: number;
  actions: number;
};

/** The columns that point at a copied parent, and the parent they point at. */
const PARENT_OF = { childId: "Child", schoolId: "School", professionalId: "Professional" } as const;
type Parent = (typeof PARENT_OF)[keyof typeof PARENT_OF];

/** Tables in the order they are copied (parents first), with what differs in a copy. */
const COPIED: readonly { table: string; keep?: string; own?: (k: number, id: string) => Record<string, string> }[] = [
  {
    table: "School",
    own: (k) => ({ urn: `CAST(CAST(urn AS INTEGER) + ${k * 1_000_000} AS TEXT)`, name: `name || ' ${k + 1}'` }),
  },
  {
    table: "Professional",
    keep: "role <> 'vsh'",
    own: (k) => ({ email: `replace(email, '@', '.${k}@')`, aadObjectId: `"aadObjectId" || '.${k}'` }),
  },
  {
    table: "Child",
    own: (_, id) => ({
      localId: `'B' || CAST(${id} AS TEXT)`,
      firstName: `'Child' || CAST(${id} AS TEXT)`,
      lastName: `'Bench' || CAST(${id} AS TEXT)`,
    }),
  },
  ...["Enrolment", "CarePlacement", "Allocation", "Pep", "CareReview", "AttendanceMark", "Exclusion", "ActionLog"].map(
    (table) => ({ table }),
  ),
];

export async function writeBenchAuthority(
  url: string,
  opts: { children: number; today: IsoDate; laCode?: string },
): Promise<BenchAuthority> {
  const plan = planDemo(opts.today, opts.laCode ?? "999");
  const prisma = await createDb(url);
  try {
    await writePlan(prisma, plan);
  } finally {
    await prisma.$disconnect();
  }

  const db = await openRaw(url);
  const count = async (table: string) =>
    Number((await db.rows<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "${table}"`))[0]?.n);
  const columns = new Map<string, string[]>();
  for (const { table } of COPIED) columns.set(table, await db.columns(table));
  const columnsOf = (table: string) => columns.get(table) ?? [];
  // Copy k shifts every id by k × the first copy's size, so the first copy's ids must be 1…n.
  const size = {} as Record<Parent, number>;
  for (const parent of Object.values(PARENT_OF)) {
    const [row] = await db.rows<{ lo: number; hi: number; n: number | string }>(
      `SELECT MIN(id) AS lo, MAX(id) AS hi, COUNT(*) AS n FROM "${parent}"`,
    );
    const n = Number(row?.n);
    if (row?.lo !== 1 || row.hi !== n) throw new Error(`bench data: ${parent} ids are not 1…${n}`);
    size[parent] = n;
  }
  const copies = Math.ceil(opts.children / size.Child);
  // Written inline (an ISO instant, no quotes in it): each engine reads it as its DateTime.
  const stamp = instantText(fixedClock(opts.today, "07:00").now());

  await db.transaction(async () => {
    const renamed = COPIED.find((c) => c.table === "Child")?.own?.(0, "id") ?? {};
    await db.run(
      `UPDATE "Child" SET ${Object.entries(renamed)
        .map(([column, value]) => `"${column}" = ${value}`)
        .join(", ")}`,
    );
    for (let k = 1; k < copies; k++) {
      for (const { table, keep, own } of COPIED) {
        const columns = columnsOf(table);
        const parent = table in size ? (table as Parent) : undefined;
        const newId = parent ? `id + ${k * size[parent]}` : "";
        const shifted: Record<string, string> = { ...(parent ? { id: newId } : {}), ...own?.(k, newId) };
        for (const [column, of] of Object.entries(PARENT_OF)) shifted[column] ??= `"${column}" + ${k * size[of]}`;
        // A parent keeps its shifted id (its children point at it); other rows get new ids.
        // Only the first copy's rows are copied, and none of a child beyond `children`.
        const kept = columns.filter((c) => c !== "id" || parent);
        const childId = table === "Child" ? "id" : columns.includes("childId") ? `"childId"` : undefined;
        const where = [
          parent ? `id <= ${size[parent]}` : `"childId" <= ${size.Child}`,
          ...(childId ? [`${childId} + ${k * size.Child} <= ${opts.children}`] : []),
          ...(keep ? [keep] : []),
        ];
        await db.run(
          `INSERT INTO "${table}" (${kept.map((c) => `"${c}"`).join(", ")})
           SELECT ${kept.map((c) => shifted[c] ?? `"${c}"`).join(", ")} FROM "${table}" WHERE ${where.join(" AND ")}`,
        );
      }
    }
    await db.run(`DELETE FROM "Child" WHERE id > ${opts.children}`);
    for (const { table } of COPIED) {
      const stamped = ["createdAt", "updatedAt"].filter((c) => columnsOf(table).includes(c));
      if (stamped.length > 0)
        await db.run(`UPDATE "${table}" SET ${stamped.map((c) => `"${c}" = '${stamp}'`).join(", ")}`);
    }
    // PostgreSQL's id sequences do not see ids written explicitly: move them past the copies.
    if (db.engine === "postgres")
      for (const parent of Object.values(PARENT_OF))
        await db.run(`SELECT setval(pg_get_serial_sequence('"${parent}"', 'id'), (SELECT MAX(id) FROM "${parent}"))`);
  });
  // PostgreSQL plans from statistics that autovacuum gathers a minute or so after a bulk
  // load; a benchmark started at once would measure plans made without them (the name
  // search then reads every child instead of using its trigram indexes). Gathered now.
  if (db.engine === "postgres") await db.run("ANALYZE");
  const written: BenchAuthority = {
    children: await count("Child"),
    schools: await count("School"),
    professionals: await count("Professional"),
    marks: await count("AttendanceMark"),
    placements: await count("CarePlacement"),
    reviews: await count("CareReview"),
    peps: await count("Pep"),
    exclusions: await count("Exclusion"),
    actions: await count("ActionLog"),
  };
  await db.close();
  if (written.children !== opts.children)
    throw new Error(`bench data: ${written.children} children written, not ${opts.children}`);
  return written;
}

/** One line saying what was written (counted in the database) and how long it took. */
export function describeAuthority(data: BenchAuthority, ms: number): string {
  const rest = Object.entries(data)
    .filter(([table]) => table !== "children")
    .map(([table, n]) => `${fmt(n)} ${table}`)
    .join(", ");
  return `data (the demo authority, copied): ${fmt(data.children)} children, ${rest}; written in ${fmt(ms / 1000, 1)} s`;
}

/** Audit rows of `action` in the database so far: the server writes one for each read it answers. */
export async function auditedReads(url: string, action: string): Promise<number> {
  const db = await openRaw(url);
  try {
    const [row] = await db.rows<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "action" = '${action.replace(/'/g, "''")}'`,
    );
    return Number(row?.n ?? 0);
  } finally {
    await db.close();
  }
}
