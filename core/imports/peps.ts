/**
 * `import peps`: a CSV export from an ePEP system (Welfare Call, Egress, the authority's
 * own) → PEPs, one per child and term (the Pep table's unique key). Columns are found by
 * any of the names the vendors use (pep-rows.ts), and vendor words for terms,
 * statuses and ratings are read as the record's own (pep-values.ts).
 *
 * The file speaks for the columns it fills in: a blank cell (or a column the export does
 * not have) leaves what is stored, so an export without ratings never wipes the Virtual
 * School's own quality assurance. A new PEP needs a due date: the file's, else the last
 * school day of its term in the home calendar, else its meeting date, else (initial PEP)
 * the working days after the child became looked after that the national policy allows.
 */
import { englandBankHolidaySet } from "../calendar/bank-holidays.js";
import { compileCalendar, termBounds } from "../calendar/school-days.js";
import { initialPepDue, type PepRag, type PepState } from "../peps/pep.rules.js";
import { recordedAtText } from "../platform/clock.js";
import type { IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { loadChildIndex } from "./child-index.js";
import { findChild } from "./child-ref.js";
import { findColumns, issuesIn } from "./columns.js";
import { auditImport, type ImportContext, openAll } from "./context.js";
import { classify, readKeyed, writeInBatches } from "./keyed.js";
import type { ImportFiles } from "./kinds.js";
import { PEP_COLUMN_NAMES, type PepField, pepRow } from "./pep-rows.js";
import { parsePepTerm } from "./pep-values.js";
import { placeholders } from "./sql.js";

/** A PEP as the record should hold it after this row. */
type PepFacts = {
  dueDate: IsoDate;
  meetingDate: IsoDate | null;
  status: PepState;
  rag: PepRag | null;
  targets: string | null;
  ppPlusPence: number | null;
};
type Stored = Omit<PepFacts, "status"> & { id: number; childId: number; term: string; status: string };
type Planned = { childId: number; term: string; stored: Stored | undefined; facts: PepFacts };
const FACTS = ["dueDate", "meetingDate", "status", "rag", "targets", "ppPlusPence"] as const;

export async function importPeps(ctx: ImportContext, files: ImportFiles): Promise<void> {
  const { file } = await openAll(ctx, { file: { source: files.file, required: [] } });
  if (!file) throw new Error("the PEP file is required");
  const columns = findColumns<PepField>(file, PEP_COLUMN_NAMES, [["child", "upn"], "term", "status"]);
  const children = await loadChildIndex(ctx.db);
  const calendar = await loadTerms(ctx);
  const since = new Map(
    (
      await ctx.db.all<{ id: number; lookedAfterSince: string | null }>(`SELECT "id", "lookedAfterSince" FROM "Child"`)
    ).map((c) => [c.id, c.lookedAfterSince]),
  );
  // Stored PEPs by child and term key: "Autumn 2026" written by hand is the same term as "2026-autumn".
  const stored = new Map<string, Stored>();
  for (const pep of await ctx.db.all<Stored>(
    `SELECT "id", "childId", "term", "dueDate", "meetingDate", "status", "rag", "targets", "ppPlusPence" FROM "Pep" ORDER BY "id"`,
  )) {
    const key = `${pep.childId}|${parsePepTerm(pep.term) ?? pep.term}`;
    if (!stored.has(key)) stored.set(key, pep);
  }

  const rows = await readKeyed<Planned>(
    ctx,
    file,
    "peps",
    { field: columns.key("term"), name: "child and term" },
    (row) => {
      const values = columns.values(row);
      const parsed = pepRow.safeParse(values);
      const child = findChild(
        children,
        { id: values.child, upn: values.upn },
        { id: columns.key("child"), upn: columns.key("upn") },
      );
      const issues = [
        ...("problems" in child ? child.problems : []),
        ...(parsed.success ? [] : issuesIn(columns, parsed.error)),
      ];
      if (!parsed.success || "problems" in child) return { ok: false, issues };
      const r = parsed.data;
      const term = calendar.terms.get(r.term);
      const key = `${child.id}|${r.term}`;
      const old = stored.get(key);
      const childSince = since.get(child.id);
      const dueDate =
        r.due_date ??
        old?.dueDate ??
        term?.lastSchoolDay ??
        r.meeting_date ??
        (r.term === "initial" && childSince ? initialDue(childSince, ctx.policy) : null);
      if (dueDate === null) {
        const message =
          "is not a term in the school calendar, and the row has no meeting or due date to date the PEP by: import the calendar, or add a due date";
        return { ok: false, issues: [{ field: columns.key("term"), message }] };
      }
      // What the row leaves blank, the record keeps.
      const facts = {
        dueDate,
        meetingDate: r.meeting_date ?? old?.meetingDate ?? null,
        status: r.status,
        rag: r.rag ?? old?.rag ?? null,
        targets: r.targets ?? old?.targets ?? null,
        ppPlusPence: r.pp_plus ?? old?.ppPlusPence ?? null,
      };
      return { ok: true, key, value: { childId: child.id, term: term?.name ?? r.term, stored: old, facts } };
    },
  );

  const changes = classify(
    ctx,
    "peps",
    [...rows.values()].map((r) => r.value),
    (p) => (!p.stored ? "created" : FACTS.every((f) => p.stored?.[f] === p.facts[f]) ? "unchanged" : "updated"),
  );
  await writeInBatches(ctx, changes, 500, async (batch) => {
    const now = recordedAtText();
    const created = batch.filter((c) => c.change === "created").map((c) => c.item);
    if (created.length > 0) {
      await ctx.db.run(
        `INSERT INTO "Pep" ("childId", "term", ${FACTS.map((f) => `"${f}"`).join(", ")}, "createdAt", "updatedAt")
         VALUES ${placeholders(created.length, FACTS.length + 4)}`,
        created.flatMap((p) => [p.childId, p.term, ...FACTS.map((f) => p.facts[f]), now, now]),
      );
    }
    for (const { item: p } of batch.filter((c) => c.change === "updated")) {
      await ctx.db.run(
        `UPDATE "Pep" SET ${FACTS.map((f) => `"${f}" = ?`).join(", ")}, "updatedAt" = ? WHERE "id" = ?`,
        [...FACTS.map((f) => p.facts[f]), now, p.stored?.id ?? null],
      );
    }
    await auditImport(ctx, new Set(batch.map((c) => c.item.childId)));
  });
}

/** The initial PEP's statutory date by the authority's policy (the file or the calendar usually says). */
function initialDue(lookedAfterSince: IsoDate, policy: Policy): IsoDate {
  const year = Number(lookedAfterSince.slice(0, 4));
  return initialPepDue(lookedAfterSince, englandBankHolidaySet(year, year + 1), policy);
}

/**
 * The home authority's terms by PEP term key ("2026-autumn"), with the name the calendar
 * gives them (the record names a PEP's term as the calendar does) and their last school day.
 */
async function loadTerms(ctx: ImportContext) {
  type Row = { kind: string; name: string; start: string; end: string };
  const rows = await ctx.db.all<Row>(
    `SELECT "kind", "name", "startDate" AS "start", "endDate" AS "end" FROM "SchoolCalendar" WHERE "laCode" = ?`,
    [ctx.laCode],
  );
  const pick = (kind: string) =>
    rows.filter((r) => r.kind === kind).map(({ name, start, end }) => ({ name, start, end }));
  const cal = compileCalendar({ terms: pick("term"), closures: pick("closure") });
  const terms = new Map<string, { name: string; lastSchoolDay: IsoDate }>();
  for (const term of cal.terms) {
    const key = parsePepTerm(term.name);
    if (key && !terms.has(key))
      terms.set(key, { name: term.name, lastSchoolDay: termBounds(cal, term).lastSchoolDay ?? term.end });
  }
  return { terms };
}
