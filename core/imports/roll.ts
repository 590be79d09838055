/**
 * `import roll`: which school each child is on the roll of, and since when (child, urn,
 * from, to, year_group) → enrolments. An enrolment is known by child, school and start
 * date (the schema has no unique key for it, so stored ones are read first and matched).
 */
import { z } from "zod";
import { loadChildIndex } from "./child-index.js";
import { auditImport, type ImportContext, openAll } from "./context.js";
import { cell, dateField, issuesOf, optionalDateField, requiredText } from "./fields.js";
import { classify, readKeyed, writeInBatches } from "./keyed.js";
import type { ImportFiles } from "./kinds.js";
import { placeholders } from "./sql.js";

export const ROLL_COLUMNS = ["child", "urn", "from"] as const;

export const rollRow = z
  .object({
    child: requiredText("the child's UPN or local id"),
    urn: cell.pipe(z.string().regex(/^\d{6}$/, "should be the school's 6-digit URN")),
    from: dateField,
    to: optionalDateField,
    year_group: cell
      .transform((s) => s.toUpperCase())
      .pipe(z.union([z.literal(""), z.string().regex(/^(N1|N2|R|[1-9]|1[0-4])$/, "should be N1, N2, R or 1 to 14")]))
      .transform((s) => s || null),
  })
  .superRefine((r, ctx) => {
    if (r.to !== null && r.to < r.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "is before from: a place cannot end before it starts" });
  });

type Enrolment = {
  childId: number;
  schoolId: number;
  fromDate: string;
  toDate: string | null;
  yearGroup: string | null;
};

export async function importRoll(ctx: ImportContext, files: ImportFiles): Promise<void> {
  const { file } = await openAll(ctx, { file: { source: files.file, required: ROLL_COLUMNS } });
  if (!file) throw new Error("the roll file is required");
  const children = await loadChildIndex(ctx.db);
  const schools = new Map(
    (await ctx.db.all<{ id: number; urn: string }>(`SELECT "id", "urn" FROM "School"`)).map((s) => [s.urn, s.id]),
  );
  const key = (e: { childId: number; schoolId: number; fromDate: string }) =>
    `${e.childId}|${e.schoolId}|${e.fromDate}`;
  const rows = await readKeyed<Enrolment>(
    ctx,
    file,
    "enrolments",
    { field: "from", name: "child, school and from" },
    (row) => {
      const parsed = rollRow.safeParse(file.fields(row));
      if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
      const r = parsed.data;
      const child = children.find(r.child);
      const schoolId = schools.get(r.urn);
      const issues = [
        ...("problem" in child ? [{ field: "child", message: child.problem }] : []),
        ...(schoolId === undefined ? [{ field: "urn", message: "matches no school: import the school first" }] : []),
      ];
      if ("problem" in child || schoolId === undefined) return { ok: false, issues };
      const enrolment = { childId: child.id, schoolId, fromDate: r.from, toDate: r.to, yearGroup: r.year_group };
      return { ok: true, key: key(enrolment), value: enrolment };
    },
  );
  // Newest first, so the oldest of any duplicates entered by hand is the one matched (Map keeps the last set).
  const stored = new Map(
    (
      await ctx.db.all<Enrolment & { id: number }>(
        `SELECT "id", "childId", "schoolId", "fromDate", "toDate", "yearGroup" FROM "Enrolment" ORDER BY "id" DESC`,
      )
    ).map((e) => [key(e), e]),
  );
  const changes = classify(
    ctx,
    "enrolments",
    [...rows.values()].map((r) => r.value),
    (e) => {
      const old = stored.get(key(e));
      if (!old) return "created";
      return old.toDate === e.toDate && old.yearGroup === e.yearGroup ? "unchanged" : "updated";
    },
  );
  await writeInBatches(ctx, changes, 1_000, async (batch) => {
    const created = batch.filter((c) => c.change === "created").map((c) => c.item);
    if (created.length > 0) {
      await ctx.db.run(
        `INSERT INTO "Enrolment" ("childId", "schoolId", "fromDate", "toDate", "yearGroup") VALUES ${placeholders(created.length, 5)}`,
        created.flatMap((e) => [e.childId, e.schoolId, e.fromDate, e.toDate, e.yearGroup]),
      );
    }
    for (const { item: e } of batch.filter((c) => c.change === "updated")) {
      const id = stored.get(key(e))?.id ?? null;
      await ctx.db.run(`UPDATE "Enrolment" SET "toDate" = ?, "yearGroup" = ? WHERE "id" = ?`, [
        e.toDate,
        e.yearGroup,
        id,
      ]);
    }
    await auditImport(ctx, new Set(batch.map((c) => c.item.childId)));
  });
}
