/**
 * `import ssda903`: the looked-after children return (header, episodes, and optionally
 * reviews and missing) → children, placements and care-plan reviews. Every file is
 * opened (and its columns checked) before anything is read or written.
 */
import { type ImportContext, openAll } from "../context.js";
import type { ImportFiles } from "../kinds.js";
import { chunks } from "../sql.js";
import { careHistory } from "./periods.js";
import { countMissing, readEpisodes, readHeader, readReviews } from "./read.js";
import { EPISODE_COLUMNS, HEADER_COLUMNS, MISSING_COLUMNS, REVIEW_COLUMNS } from "./rows.js";
import { loadStored } from "./stored.js";
import { PLACEHOLDER_FIRST_NAME, type PlannedChild, planChild, writeChildBatch } from "./write.js";

/** Children per transaction: each carries its placements and reviews (about ten rows). */
const CHILDREN_PER_BATCH = 500;

export async function importSsda903(ctx: ImportContext, files: ImportFiles): Promise<void> {
  const { report } = ctx;
  for (const table of ["children", "placements", "reviews"]) report.tally(table);
  const open = await openAll(ctx, {
    header: { source: files.header, required: HEADER_COLUMNS },
    episodes: { source: files.episodes, required: EPISODE_COLUMNS },
    reviews: { source: files.reviews, required: REVIEW_COLUMNS },
    missing: { source: files.missing, required: MISSING_COLUMNS },
  });
  if (!open.header || !open.episodes) throw new Error("the header and episodes files are required");
  const children = await readHeader(ctx, open.header);
  const episodes = await readEpisodes(ctx, open.episodes, children);
  const reviews = open.reviews ? await readReviews(ctx, open.reviews, children) : new Map();
  const missing = open.missing ? await countMissing(ctx, open.missing) : null;

  const planned: PlannedChild[] = [];
  let lookedAfterNow = 0;
  let upnFailedCheck = 0;
  let startBeforeReturn = 0;
  for (const [localId, header] of children) {
    const childEpisodes = episodes.get(localId);
    const history = childEpisodes ? careHistory(childEpisodes) : null;
    for (const issue of history?.issues ?? []) {
      const row = childEpisodes?.find((e) => e.line === issue.line)?.row;
      if (!row || !open.episodes) continue;
      if (issue.rejected) report.reject("placements", open.episodes.name, row, [issue]);
      else report.flag(open.episodes.name, row, issue.field, issue.message);
    }
    if (history?.lookedAfterNow) lookedAfterNow++;
    if (history && !history.careStartKnown) startBeforeReturn++;
    if (header.upnIssue) upnFailedCheck++;
    planned.push({ header, history, reviews: reviews.get(localId) ?? [] });
  }

  const stored = await loadStored(ctx.db);
  for (const batch of chunks(planned, CHILDREN_PER_BATCH)) {
    const writes = batch.map((plan) => planChild(ctx, plan, stored));
    await ctx.db.write(() => writeChildBatch(ctx, writes));
  }

  report.fact("children", children.size);
  report.fact("lookedAfterNow", lookedAfterNow);
  report.fact("upnFailedCheck", upnFailedCheck);
  report.fact("careStartBeforeReturn", startBeforeReturn);
  report.note(
    `SSDA903 carries no names: a new child is named "${PLACEHOLDER_FIRST_NAME} <CHILD>" (e.g. "${PLACEHOLDER_FIRST_NAME} 566910") until the Virtual School enters the real name; names already entered are never overwritten.`,
  );
  if (upnFailedCheck > 0) {
    report.note(
      `${upnFailedCheck} UPNs fail the check letter: kept and flagged on the child (upnIssue), listed as problems.`,
    );
  }
  if (startBeforeReturn > 0) {
    report.note(
      `${startBeforeReturn} children's current period of care began before this return (its first episode is not RNE S): their start is kept as "on or before" that date, a start already recorded for the same period is kept, and no initial-PEP deadline is counted from it.`,
    );
  }
  if (missing !== null) {
    report.fact("missingEpisodesRead", missing);
    report.note(`${missing} missing-from-care rows read but not stored: the record has no table for them yet.`);
  }
}
