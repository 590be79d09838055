/**
 * Periods of care from SSDA903 episodes (pure). An episode is one stretch of care with
 * one legal status and one placement; a period of care is the run of episodes from the
 * day a child became looked after to the day they left care.
 *
 * An episode starts a new period when any of these holds, and otherwise continues the
 * period of the episode before it (sorted by start, DECOM):
 *   - it is the child's first episode in the file;
 *   - the previous episode ended with a reason for leaving care (REC other than X1, the
 *     code for "episode ends and a new one begins the same day");
 *   - there is a gap: it starts after the previous episode ended (DEC);
 *   - its reason for a new episode (RNE) is S, "started to be looked after".
 * In a valid return these agree (the fake set's overlapping episodes are an E-code
 * ending followed by an S start); taking any of them keeps a period from swallowing a
 * return to care. The first episode of the latest period gives `lookedAfterSince`.
 *
 * A period that began before the file's first episode can only be dated from that
 * episode: when the file's first episode for a child is a continuation (RNE other than S),
 * the current period (if it is that first one) has `careStartKnown` false, its start "on or
 * before" that DECOM (write.ts keeps an earlier start already stored for the same period).
 *
 * Why the last period ended is the REC of the episode that ended it (its DEC is the
 * period's end; of several, the latest to start): `ceasedReason`, null while the child is
 * looked after, so a new period clears it. X1 or a blank REC ends no period: no reason.
 *
 * An episode with no DEC is open: the child is looked after now (DOMAIN.md). Only one may
 * be open: of two open episodes the latest is kept and the others refused. An open episode
 * followed by a later, closed one is kept and flagged: the child still counts as looked
 * after, because wrongly dropping a child from care is worse than a stale open episode.
 * A second episode starting the same day is refused; an episode starting before the
 * previous one ended is kept and flagged.
 */
import { formatDate, type IsoDate } from "../../platform/dates.js";

export type Episode = {
  line: number;
  start: IsoDate;
  end: IsoDate | null;
  /** RNE: reason for the new episode. */
  rne: string;
  /** REC: reason the episode ceased (X1 = a new episode follows the same day). */
  rec: string;
  legalStatus: string | null;
  place: string;
  urn: string | null;
};

export type EpisodeIssue = { line: number; field: "dec" | "decom"; message: string; rejected: boolean };
export type PeriodOfCare = { start: IsoDate; end: IsoDate | null; episodes: Episode[] };

export type CareHistory = {
  /** The episodes the record is built from, by start date. */
  episodes: Episode[];
  issues: EpisodeIssue[];
  periods: PeriodOfCare[];
  lookedAfterNow: boolean;
  lookedAfterSince: IsoDate | null;
  /** False when the current period began before the file (its first episode continues a period). */
  careStartKnown: boolean;
  ceasedLookedAfter: IsoDate | null;
  /** REC of the episode that ended the current period, when it has ended (see above). */
  ceasedReason: string | null;
  /** LS of the latest episode. */
  legalStatus: string | null;
};

const byStart = (a: Episode, b: Episode) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.line - b.line);

/** Refuses what cannot be true of one child (two episodes starting the same day, two open episodes) and flags the doubtful. */
export function checkEpisodes(episodes: readonly Episode[]): { kept: Episode[]; issues: EpisodeIssue[] } {
  const issues: EpisodeIssue[] = [];
  const unique: Episode[] = [];
  for (const episode of [...episodes].sort(byStart)) {
    const same = unique.at(-1);
    if (same && same.start === episode.start) {
      issues.push({
        line: episode.line,
        field: "decom",
        message: `is the start of another episode of this child too (line ${same.line}): only one episode can start on a day`,
        rejected: true,
      });
    } else unique.push(episode);
  }
  const open = unique.filter((episode) => episode.end === null);
  const latestOpen = open.at(-1);
  const kept = unique.filter((episode) => episode.end !== null || episode === latestOpen);
  for (const episode of open.slice(0, -1)) {
    const message = `is blank, but this child has another open episode (line ${latestOpen?.line}): only one episode can be open, the latest is kept; give this one its end date`;
    issues.push({ line: episode.line, field: "dec", message, rejected: true });
  }
  const last = kept.at(-1);
  if (latestOpen && last && last !== latestOpen) {
    const message = `is blank (open), but a later episode starts on ${formatDate(last.start)} (line ${last.line}): imported as open, so the child counts as looked after now; give it its end date`;
    issues.push({ line: latestOpen.line, field: "dec", message, rejected: false });
  }
  for (let i = 1; i < kept.length; i++) {
    const prev = kept[i - 1] as Episode;
    const next = kept[i] as Episode;
    if (prev.end !== null && next.start < prev.end) {
      issues.push({
        line: next.line,
        field: "decom",
        message: `is before the previous episode (line ${prev.line}) ended on ${formatDate(prev.end)}: imported as given`,
        rejected: false,
      });
    }
  }
  return { kept, issues: issues.sort((a, b) => a.line - b.line) };
}

/** Whether `next` begins a new period of care after `prev` (see the rules above). */
export function startsNewPeriod(prev: Episode, next: Episode): boolean {
  if (next.rne === "S") return true;
  if (prev.end === null) return false;
  if (prev.rec !== "" && prev.rec !== "X1") return true;
  return next.start > prev.end;
}

/** Groups checked episodes (sorted by start) into periods of care. */
export function periodsOfCare(kept: readonly Episode[]): PeriodOfCare[] {
  const periods: PeriodOfCare[] = [];
  let prev: Episode | null = null;
  for (const episode of kept) {
    const current = periods.at(-1);
    if (!current || (prev && startsNewPeriod(prev, episode))) {
      periods.push({ start: episode.start, end: episode.end, episodes: [episode] });
    } else {
      current.episodes.push(episode);
      // Overlapping episodes: the period lasts until the last of them ends.
      current.end =
        current.end === null || episode.end === null ? null : episode.end > current.end ? episode.end : current.end;
    }
    prev = episode;
  }
  return periods;
}

/** Why a period that has ended ended: the REC of its last episode to end on its end day. */
function reasonEnded(period: PeriodOfCare): string | null {
  const last = period.episodes.findLast((e) => e.end === period.end);
  const rec = last?.rec ?? "";
  return period.end === null || rec === "" || rec === "X1" ? null : rec;
}

/** A child's care as the record holds it, from all their episodes in the return. */
export function careHistory(episodes: readonly Episode[]): CareHistory {
  const { kept, issues } = checkEpisodes(episodes);
  const periods = periodsOfCare(kept);
  // An open episode means looked after now, even when (wrongly) followed by a later one:
  // dropping it could hide a child in care. The period holding it is the current one.
  const current = periods.find((p) => p.episodes.some((e) => e.end === null)) ?? periods.at(-1);
  const lookedAfterNow = current !== undefined && current.end === null;
  // Later periods begin after a leaving reason or a gap, which dates them; only the file's
  // first can have begun before it.
  const beganBeforeFile = current !== undefined && current === periods[0] && current.episodes[0]?.rne !== "S";
  return {
    episodes: kept,
    issues,
    periods,
    lookedAfterNow,
    lookedAfterSince: current?.start ?? null,
    careStartKnown: !beganBeforeFile,
    ceasedLookedAfter: lookedAfterNow ? null : (current?.end ?? null),
    ceasedReason: lookedAfterNow || !current ? null : reasonEnded(current),
    legalStatus: kept.at(-1)?.legalStatus ?? null,
  };
}
