/** The summary as lines a person reads at a terminal. */
import type { ImportSummary, Tally } from "./report.js";

const n = (value: number) => value.toLocaleString("en-GB");
const tally = (t: Tally) =>
  `${n(t.created)} created, ${n(t.updated)} updated, ${n(t.unchanged)} unchanged, ${n(t.rejected)} rejected`;

const FACTS: Record<string, string> = {
  children: "children in the header",
  lookedAfterNow: "looked after now (an open episode)",
  upnFailedCheck: "UPNs failing the check letter (kept, flagged)",
  missingEpisodesRead: "missing-from-care rows read (not stored)",
};

export function summaryLines(summary: ImportSummary): string[] {
  const lines = [`Import ${summary.kind} finished in ${n(summary.milliseconds)} ms.`];
  for (const file of summary.files) lines.push(`  read ${file.name}: ${n(file.rows)} rows`);
  for (const [table, t] of Object.entries(summary.tables)) lines.push(`  ${table}: ${tally(t)}`);
  for (const [fact, value] of Object.entries(summary.facts)) lines.push(`  ${FACTS[fact] ?? fact}: ${n(value)}`);
  for (const note of summary.notes) lines.push(`  note: ${note}`);
  lines.push(`  problems: ${n(summary.problems)}`);
  return lines;
}
