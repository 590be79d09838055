/**
 * `import calendar`: an authority's terms and closures (la, kind, name, start, end) →
 * SchoolCalendar, upserted by authority, kind and start date. Each period is checked with
 * the calendar's own schema (`schoolCalendarSchema`), so imported data obeys the same
 * rules as data entered any other way.
 */
import { z } from "zod";
import { schoolCalendarSchema } from "../calendar/school-days.js";
import { type ImportContext, openAll } from "./context.js";
import { cell, dateField, issuesOf, requiredText } from "./fields.js";
import { classify, readKeyed, writeInBatches } from "./keyed.js";
import type { ImportFiles } from "./kinds.js";
import { placeholders } from "./sql.js";

export const CALENDAR_COLUMNS = ["la", "kind", "name", "start", "end"] as const;

const periodSchema = schoolCalendarSchema.shape.terms.element;

export const calendarRow = z
  .object({
    la: cell.pipe(z.string().regex(/^\d{3}$/, "should be a 3-digit LA code")),
    kind: cell
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(["term", "closure"], { error: "should be term or closure" })),
    name: requiredText("a name (e.g. 2026-autumn, October half-term)"),
    start: dateField,
    end: dateField,
  })
  .superRefine((row, ctx) => {
    const period = periodSchema.safeParse({ name: row.name, start: row.start, end: row.end });
    for (const issue of period.success ? [] : period.error.issues) {
      ctx.addIssue({ code: "custom", path: [String(issue.path[0] ?? "end")], message: issue.message });
    }
  });

type Period = { laCode: string; kind: string; name: string; startDate: string; endDate: string };

export async function importCalendar(ctx: ImportContext, files: ImportFiles): Promise<void> {
  const { file } = await openAll(ctx, { file: { source: files.file, required: CALENDAR_COLUMNS } });
  if (!file) throw new Error("the calendar file is required");
  const key = (p: { laCode: string; kind: string; startDate: string }) => `${p.laCode}|${p.kind}|${p.startDate}`;
  const rows = await readKeyed<Period>(ctx, file, "calendar", { field: "start", name: "la, kind and start" }, (row) => {
    const parsed = calendarRow.safeParse(file.fields(row));
    if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
    const r = parsed.data;
    const period = { laCode: r.la, kind: r.kind, name: r.name, startDate: r.start, endDate: r.end };
    return { ok: true, key: key(period), value: period };
  });
  const stored = new Map(
    (await ctx.db.all<Period>(`SELECT "laCode", "kind", "name", "startDate", "endDate" FROM "SchoolCalendar"`)).map(
      (p) => [key(p), p],
    ),
  );
  const changes = classify(
    ctx,
    "calendar",
    [...rows.values()].map((r) => r.value),
    (p) => {
      const old = stored.get(key(p));
      if (!old) return "created";
      return old.name === p.name && old.endDate === p.endDate ? "unchanged" : "updated";
    },
  );
  await writeInBatches(ctx, changes, 1_000, async (batch) => {
    await ctx.db.run(
      `INSERT INTO "SchoolCalendar" ("laCode", "kind", "name", "startDate", "endDate") VALUES ${placeholders(batch.length, 5)}
       ON CONFLICT ("laCode", "kind", "startDate") DO UPDATE SET "name" = excluded."name", "endDate" = excluded."endDate"`,
      batch.flatMap(({ item: p }) => [p.laCode, p.kind, p.name, p.startDate, p.endDate]),
    );
  });
}
