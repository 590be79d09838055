/**
 * `import schools`: the schools the authority's children attend, in area or not (urn,
 * laestab, name, phase, la, out_of_area), upserted by URN. A blank out_of_area is worked
 * out from the school's LA code against the home authority's.
 */
import { z } from "zod";
import { recordedAtText } from "../platform/clock.js";
import { createSchoolSchema, SCHOOL_PHASES } from "../schools/school.service.js";
import { type ImportContext, openAll } from "./context.js";
import { cell, issuesOf, parseYesNo, requiredText } from "./fields.js";
import { classify, readKeyed, writeInBatches } from "./keyed.js";
import type { ImportFiles } from "./kinds.js";
import { placeholders } from "./sql.js";

export const SCHOOL_COLUMNS = ["urn", "name", "phase", "la"] as const;

const shape = createSchoolSchema.shape;

export const schoolRow = z.object({
  urn: cell.pipe(shape.urn),
  // LAESTAB is often written "999/2001".
  laestab: cell
    .transform((s) => s.replace("/", ""))
    .pipe(
      z.union([
        z.literal(""),
        z.string().regex(/^\d{7}$/, "should be the 3-digit LA code and 4-digit establishment number"),
      ]),
    )
    .transform((s) => s || null),
  name: requiredText("the school's name").pipe(shape.name),
  // GIAS writes "All-through", "Alternative provision": read them as the record's phases.
  phase: cell
    .transform((s) => s.toLowerCase().replace(/[\s-]+/g, "_"))
    .pipe(z.enum(SCHOOL_PHASES, { error: `should be one of ${SCHOOL_PHASES.join(", ")}` })),
  la: cell.pipe(shape.localAuthority),
  out_of_area: cell.transform((s, ctx) => {
    if (s === "") return null;
    const yes = parseYesNo(s);
    if (yes === null)
      ctx.addIssue({ code: "custom", message: "should be yes or no (or blank to work it out from la)" });
    return yes;
  }),
});

type School = {
  urn: string;
  laestab: string | null;
  name: string;
  phase: string;
  localAuthority: string;
  outOfArea: boolean;
};
const SCHOOL_FIELDS = ["laestab", "name", "phase", "localAuthority", "outOfArea"] as const;

export async function importSchools(ctx: ImportContext, files: ImportFiles): Promise<void> {
  const { file } = await openAll(ctx, { file: { source: files.file, required: SCHOOL_COLUMNS } });
  if (!file) throw new Error("the schools file is required");
  const rows = await readKeyed<School>(ctx, file, "schools", { field: "urn", name: "URN" }, (row) => {
    const parsed = schoolRow.safeParse(file.fields(row));
    if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error) };
    const s = parsed.data;
    const school = {
      urn: s.urn,
      laestab: s.laestab,
      name: s.name,
      phase: s.phase,
      localAuthority: s.la,
      outOfArea: s.out_of_area ?? s.la !== ctx.laCode,
    };
    return { ok: true, key: s.urn, value: school };
  });
  const stored = new Map(
    (
      await ctx.db.all<Omit<School, "outOfArea"> & { outOfArea: number }>(
        `SELECT "urn", "laestab", "name", "phase", "localAuthority", "outOfArea" FROM "School"`,
      )
    ).map((s) => [s.urn, { ...s, outOfArea: s.outOfArea === 1 }]),
  );
  const changes = classify(
    ctx,
    "schools",
    [...rows.values()].map((r) => r.value),
    (school) => {
      const old = stored.get(school.urn);
      if (!old) return "created";
      return SCHOOL_FIELDS.every((f) => old[f] === school[f]) ? "unchanged" : "updated";
    },
  );
  await writeInBatches(ctx, changes, 1_000, async (batch) => {
    const now = recordedAtText();
    await ctx.db.run(
      `INSERT INTO "School" ("urn", "laestab", "name", "phase", "localAuthority", "outOfArea", "createdAt", "updatedAt")
       VALUES ${placeholders(batch.length, 8)}
       ON CONFLICT ("urn") DO UPDATE SET ${[...SCHOOL_FIELDS, "updatedAt"].map((c) => `"${c}" = excluded."${c}"`).join(", ")}`,
      batch.flatMap(({ item: s }) => [
        s.urn,
        s.laestab,
        s.name,
        s.phase,
        s.localAuthority,
        s.outOfArea ? 1 : 0,
        now,
        now,
      ]),
    );
  });
}
