/**
 * `import attendance`: register marks (child, date, session, code) from a school's or an
 * MIS's daily feed, hundreds of thousands of rows at a time, often resending weeks already
 * sent. So: children are resolved from one query held in a Map, each distinct date /
 * session / code is validated once, the file is streamed, and marks are written in large
 * batches by attendance-write.ts.
 */
import { z } from "zod";
import { normaliseAttendanceCode } from "../attendance/codes.js";
import { MARKS_PER_BATCH, type Mark, markWriter } from "./attendance-write.js";
import { loadChildIndex } from "./child-index.js";
import { eachRow, type ImportContext, openAll } from "./context.js";
import type { CsvRow } from "./csv.js";
import { cell, dateField, issuesOf, requiredText } from "./fields.js";
import type { ImportFiles } from "./kinds.js";

export const ATTENDANCE_COLUMNS = ["child", "date", "session", "code"] as const;

/** A row's register facts; the child is looked up separately (see `importAttendance`). */
export const markFields = z.object({
  date: dateField,
  session: cell.transform((s) => s.toUpperCase()).pipe(z.enum(["AM", "PM"], { error: "should be AM or PM" })),
  code: cell.transform((raw, ctx) => {
    const code = normaliseAttendanceCode(raw);
    if (code) return code;
    ctx.addIssue({
      code: "custom",
      message:
        raw === "" || raw === "-"
          ? "is empty: a row needs a register code (leave out sessions with no mark)"
          : "is not a DfE attendance code (such as /, L, N, C1) or a single-symbol form of one (such as < for C1)",
    });
    return z.NEVER;
  }),
});

const CHILD_NEEDED = "is empty: the child's UPN or local id is needed";
/** The whole row, as a data officer would describe it. */
export const attendanceRow = markFields.extend({ child: requiredText("the child's UPN or local id") });

/**
 * `markFields.safeParse`, remembered: a feed repeats a few dates, two sessions and a dozen
 * codes hundreds of thousands of times, so each combination is validated once.
 */
function rememberedMarkParser() {
  type Parsed = ReturnType<typeof markFields.safeParse>;
  // Nested maps: looking up the cells as they are allocates nothing per row.
  const seen = new Map<string, Map<string, Map<string, Parsed>>>();
  let size = 0;
  return (date: string, session: string, code: string): Parsed => {
    let bySession = seen.get(date);
    if (!bySession) {
      bySession = new Map();
      seen.set(date, bySession);
    }
    let byCode = bySession.get(session);
    if (!byCode) {
      byCode = new Map();
      bySession.set(session, byCode);
    }
    let parsed = byCode.get(code);
    if (!parsed) {
      parsed = markFields.safeParse({ date, session, code });
      // A file of unreadable junk must not grow this without end.
      if (++size > 100_000) {
        seen.clear();
        size = 0;
      }
      byCode.set(code, parsed);
    }
    return parsed;
  };
}

export async function importAttendance(ctx: ImportContext, files: ImportFiles): Promise<void> {
  const { file } = await openAll(ctx, { file: { source: files.file, required: ATTENDANCE_COLUMNS } });
  if (!file) throw new Error("the attendance file is required");
  const children = await loadChildIndex(ctx.db);
  const parseMark = rememberedMarkParser();
  const [childAt, dateAt, sessionAt, codeAt] = ATTENDANCE_COLUMNS.map((c) => file.column(c));
  const cellAt = (row: CsvRow, at: number | undefined) => (at === undefined ? "" : (row.values[at] ?? ""));
  const writer = markWriter(ctx, file.name);
  let batch: Mark[] = [];
  const reading = eachRow(ctx, file, (row) => {
    const child = cellAt(row, childAt);
    const parsed = parseMark(cellAt(row, dateAt), cellAt(row, sessionAt), cellAt(row, codeAt));
    if (!parsed.success || child === "") {
      const issues = parsed.success ? [] : issuesOf(parsed.error);
      if (child === "") issues.unshift({ field: "child", message: CHILD_NEEDED });
      return ctx.report.reject("marks", file.name, row, issues);
    }
    const { date, session, code } = parsed.data;
    const found = children.find(child);
    if ("problem" in found)
      return ctx.report.reject("marks", file.name, row, [{ field: "child", message: found.problem }]);
    batch.push({ childId: found.id, date, session, code, row });
    if (batch.length < MARKS_PER_BATCH) return;
    const full = batch;
    batch = [];
    return writer.add(full);
  });
  // A file that fails to read still has its batches before the failure written, as before.
  await reading.catch(async (err) => {
    await writer.done().catch(() => undefined);
    throw err;
  });
  if (batch.length > 0) await writer.add(batch);
  await writer.done();
}
