/**
 * Reading an SSDA903 return into memory (a whole authority's return is a few thousand
 * children: small), reporting each row that cannot be used by file and line. Episodes and
 * reviews must name a CHILD from the header file of the same import.
 */
import { validateUpn } from "../../children/upn.js";
import type { IsoDate } from "../../platform/dates.js";
import { eachRow, type ImportContext } from "../context.js";
import type { CsvFile, CsvRow } from "../csv.js";
import { issuesOf, parseSex, type Sex } from "../fields.js";
import type { Episode } from "./periods.js";
import { episodeRow, headerRow, reviewRow } from "./rows.js";

export type HeaderChild = {
  row: CsvRow;
  localId: string;
  dateOfBirth: IsoDate;
  sex: Sex | null;
  upn: string | null;
  /** Why the UPN failed validation; the UPN is kept all the same. */
  upnIssue: string | null;
};
export type EpisodeEntry = Episode & { row: CsvRow };
export type ReviewEntry = { row: CsvRow; date: IsoDate; code: string | null };

const unknownChild = (table: string) =>
  `is not a child in the header file of this import (or its header row was refused): the ${table} cannot be attached`;

export async function readHeader(ctx: ImportContext, file: CsvFile): Promise<Map<string, HeaderChild>> {
  const children = new Map<string, HeaderChild>();
  await eachRow(ctx, file, (row) => {
    const parsed = headerRow.safeParse(file.fields(row));
    if (!parsed.success) return ctx.report.reject("children", file.name, row, issuesOf(parsed.error));
    const { child, sex, dob, upn } = parsed.data;
    const earlier = children.get(child);
    if (earlier) {
      const message = `is already on line ${earlier.row.line}: each child once in the header`;
      return ctx.report.reject("children", file.name, row, [{ field: "child", message }]);
    }
    const check = upn === "" ? null : validateUpn(upn);
    const upnIssue = check && !check.ok ? check.reason : null;
    if (upnIssue)
      ctx.report.flag(file.name, row, "upn", `${upnIssue}: imported with the UPN flagged, fix it at source`);
    const readSex = parseSex(sex);
    if (readSex === null) ctx.report.flag(file.name, row, "sex", "should be 1, 2, M, F or U: imported as not known");
    children.set(child, { row, localId: child, dateOfBirth: dob, sex: readSex, upn: upn || null, upnIssue });
  });
  return children;
}

export async function readEpisodes(ctx: ImportContext, file: CsvFile, children: ReadonlyMap<string, HeaderChild>) {
  const episodes = new Map<string, EpisodeEntry[]>();
  await eachRow(ctx, file, (row) => {
    const parsed = episodeRow.safeParse(file.fields(row));
    if (!parsed.success) return ctx.report.reject("placements", file.name, row, issuesOf(parsed.error));
    const e = parsed.data;
    if (!children.has(e.child)) {
      return ctx.report.reject("placements", file.name, row, [{ field: "child", message: unknownChild("episode") }]);
    }
    const entry: EpisodeEntry = {
      row,
      line: row.line,
      start: e.decom,
      end: e.dec,
      rne: e.rne,
      rec: e.rec,
      legalStatus: e.ls,
      place: e.place,
      urn: e.urn,
    };
    const list = episodes.get(e.child);
    if (list) list.push(entry);
    else episodes.set(e.child, [entry]);
  });
  return episodes;
}

export async function readReviews(ctx: ImportContext, file: CsvFile, children: ReadonlyMap<string, HeaderChild>) {
  const reviews = new Map<string, ReviewEntry[]>();
  await eachRow(ctx, file, (row) => {
    const parsed = reviewRow.safeParse(file.fields(row));
    if (!parsed.success) return ctx.report.reject("reviews", file.name, row, issuesOf(parsed.error));
    const { child, review, review_code } = parsed.data;
    if (!children.has(child)) {
      return ctx.report.reject("reviews", file.name, row, [{ field: "child", message: unknownChild("review") }]);
    }
    const list = reviews.get(child) ?? [];
    const same = list.find((r) => r.date === review);
    if (same) {
      const message = `repeats the review on line ${same.row.line} (same child and date): the first is kept`;
      return ctx.report.reject("reviews", file.name, row, [{ field: "review", message }]);
    }
    list.push({ row, date: review, code: review_code });
    reviews.set(child, list);
  });
  return reviews;
}

/** Missing-from-care episodes: read and counted, not stored (the record has no table for them yet). */
export async function countMissing(ctx: ImportContext, file: CsvFile): Promise<number> {
  let rows = 0;
  await eachRow(ctx, file, () => {
    rows++;
  });
  return rows;
}
