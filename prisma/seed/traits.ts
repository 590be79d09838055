/**
 * Who shows which concern. The scenario counts (about 10% persistent absence, a few
 * severe, 8 unexplained absences today, children without a school place…) are decided
 * here in one place, so the other modules only follow each child's traits.
 */
import { addSchoolDays } from "../../core/calendar/school-days.js";
import { ageOn } from "../../core/peps/pep.rules.js";
import { addDays } from "../../core/platform/dates.js";
import type { ChildDraft } from "./children.js";
import { initialPepWindowStart, type SeedContext } from "./context.js";
import type { NamedKey } from "./named.js";
import type { Rng } from "./random.js";

export type AttendanceProfile = "good" | "persistent" | "severe" | "part_time" | "missing_education";

export type Traits = {
  /** Looked after; left care (the record kept); or accommodated for short breaks (V3/V4, no PEP). */
  care: "looked_after" | "left_care" | "short_breaks";
  /** No current school place: a previous enrolment ended long ago, or never enrolled. */
  noPlace: "ended" | "never" | null;
  /** Looked after for under three weeks: initial PEP and first review ahead. */
  recentEntrant: boolean;
  /** The initial PEP was held, but a few working days after its deadline. */
  initialPepLate: boolean;
  placedOutOfArea: boolean;
  /** Years 12 and 13, past compulsory school age: at a college, in a school sixth form, or neither. */
  post16: "college" | "sixth_form" | "not_in_education" | null;
  /** Under five: a nursery place for mornings only (a 15-hour place) or full days, or none. */
  earlyYears: "mornings" | "full_days" | "none" | null;
  attendance: AttendanceProfile;
  /**
   * Today's register when it shows something (on a school day, once the register has
   * closed): unexplained absence (N, O), no mark at all, or U in the morning (arrived
   * after the register closed: in school, though counted as unauthorised absence).
   */
  todayMark: "N" | "O" | "U" | "no_mark" | null;
  /** Last term's PEP was never completed. */
  pepOverdue: boolean;
  /** A review booked within two weeks pulls this term's PEP due date close. */
  reviewSoon: boolean;
  /** The last care-plan review was more than the statutory interval ago; the next may be booked. */
  reviewOverdue: "booked" | "not_booked" | null;
  /** Changed school this school year, or in an earlier one. */
  mover: "this_year" | "earlier" | null;
  permanentlyExcluded: boolean;
  /** Days of each suspension this school year. */
  suspensions: number[];
  upn: "valid" | "temporary" | "wrong_check" | "UN1" | "UN2";
  /** Everything on track (Kai Evans): no random concern may land on this child. */
  exemplary: boolean;
};

export type SeedChild = ChildDraft & { traits: Traits };

const DEFAULT: Traits = {
  care: "looked_after",
  noPlace: null,
  recentEntrant: false,
  initialPepLate: false,
  placedOutOfArea: false,
  post16: null,
  earlyYears: null,
  attendance: "good",
  todayMark: null,
  pepOverdue: false,
  reviewSoon: false,
  reviewOverdue: null,
  mover: null,
  permanentlyExcluded: false,
  suspensions: [],
  upn: "valid",
  exemplary: false,
};

const NAMED_TRAITS: Record<NamedKey, Partial<Traits>> = {
  jordanSmith: { attendance: "persistent", todayMark: "N" },
  jordanReid: {},
  amiraKhan: { pepOverdue: true },
  tylerBrooks: { noPlace: "never" },
  leahMorgan: { suspensions: [3] },
  kaiEvans: { exemplary: true },
};

/** Days ago that the recent entrants came into care: initial PEPs both overdue and due soon. */
const RECENT_ENTRY_DAYS = [1, 2, 3, 5, 7, 9, 11, 14, 17, 20];

/**
 * Why the demo's care leavers left (SSDA903 REC): three previously looked after (a special
 * guardianship order, an adoption, a child arrangements order) and two who left care
 * otherwise (returned home as planned; to live with parents or relatives).
 */
const LEFT_CARE_REASONS = ["E45", "E11", "E4A", "E13", "E41"] as const;
/** Short breaks: two V3 (a series of short breaks), one V4 (an individual arrangement). */
const SHORT_BREAKS = ["V3", "V3", "V4"];

/** 1 April of the first SSDA903 year on record: care that began before it began "on or before" it. */
const recordsBegin = (ctx: SeedContext) => `${ctx.year - 4}-04-01`;

export function assignTraits(rng: Rng, ctx: SeedContext, drafts: readonly ChildDraft[]): SeedChild[] {
  const children: SeedChild[] = drafts.map((d) => ({
    ...d,
    traits: { ...DEFAULT, ...(d.named ? NAMED_TRAITS[d.named] : {}) },
  }));
  const generated = children.filter((c) => c.named === null);
  const busy = new Set<number>();
  /**
   * Takes `n` children matching `fits` that no exclusive scenario has claimed yet. Each
   * call shuffles afresh, so overlapping concerns land on different children by chance.
   */
  const take = (n: number, fits: (c: SeedChild) => boolean, exclusive = true): SeedChild[] => {
    const chosen = rng
      .shuffle(generated)
      .filter((c) => !busy.has(c.index) && fits(c))
      .slice(0, n);
    if (exclusive) for (const c of chosen) busy.add(c.index);
    return chosen;
  };
  const ages = (lo: number, hi: number) => (c: SeedChild) => c.yearOffset >= lo && c.yearOffset <= hi;
  const inCareSince = (days: number) => (c: SeedChild) => c.lookedAfterSince <= addDays(ctx.today, -days);

  // Children outside the cohort, and those whose care began before the records, show no
  // other concern: each demonstrates one thing.
  take(5, (c) => ages(0, 11)(c) && inCareSince(500)(c)).forEach((c, i) => {
    c.traits.care = "left_care";
    c.ceasedLookedAfter = addDays(ctx.today, -rng.int(20, 240));
    c.ceasedReason = LEFT_CARE_REASONS[i] ?? null;
  });
  take(SHORT_BREAKS.length, ages(1, 11)).forEach((c, i) => {
    Object.assign(c, { legalStatus: SHORT_BREAKS[i] ?? "V3", senStatus: "ehcp" });
    c.traits.care = "short_breaks";
  });
  for (const c of take(4, (c) => c.lookedAfterSince < recordsBegin(ctx))) {
    c.lookedAfterSince = recordsBegin(ctx);
    c.careStartKnown = false;
  }
  rng.shuffle(generated.filter((c) => c.yearOffset >= 12 && !busy.has(c.index))).forEach((c, i, all) => {
    const share = i / all.length;
    c.traits.post16 = share < 0.15 ? "not_in_education" : share < 0.6 ? "college" : "sixth_form";
    if (c.traits.post16 === "not_in_education") busy.add(c.index);
  });
  for (const c of generated.filter((c) => c.yearOffset < 0)) {
    c.traits.earlyYears =
      c.yearOffset < -1
        ? "none"
        : rng.weighted([
            ["mornings", 50],
            ["full_days", 30],
            ["none", 20],
          ] as const);
  }

  for (const c of take(1, ages(5, 10))) {
    c.traits.noPlace = "never";
    c.lookedAfterSince = addSchoolDays(ctx.cal, ctx.today, -30) ?? addDays(ctx.today, -60);
  }
  for (const c of take(1, ages(7, 11))) Object.assign(c.traits, { noPlace: "ended", placedOutOfArea: true });
  take(10, () => true).forEach((c, i) => {
    c.traits.recentEntrant = true;
    c.lookedAfterSince = addDays(ctx.today, -(RECENT_ENTRY_DAYS[i] ?? 1));
  });
  const windowStart = initialPepWindowStart(ctx);
  const lateFits = (c: SeedChild) =>
    c.lookedAfterSince >= windowStart &&
    inCareSince(45)(c) &&
    c.traits.noPlace === null &&
    ageOn(c.dateOfBirth, c.lookedAfterSince) >= ctx.policy.pepMinAge;
  for (const c of take(3, lateFits, false)) c.traits.initialPepLate = true;
  for (const c of take(1, ages(8, 11))) c.traits.permanentlyExcluded = true;
  for (const c of take(10, ages(1, 13))) c.traits.mover = "this_year";
  for (const c of take(10, ages(2, 13))) c.traits.mover = "earlier";

  for (const c of take(1, ages(7, 11))) c.traits.attendance = "missing_education";
  for (const c of take(6, ages(5, 13))) c.traits.attendance = "severe";
  for (const c of take(2, ages(5, 11))) c.traits.attendance = "part_time";
  const persistent = take(24, ages(0, 13));
  for (const c of persistent) c.traits.attendance = "persistent";

  const heavy = persistent.find((c) => c.yearOffset >= 7 && c.yearOffset <= 11);
  if (heavy) heavy.traits.suspensions = [3, 4, 5];
  const [first, second] = take(2, ages(5, 11));
  if (first) first.traits.suspensions = [1];
  if (second) second.traits.suspensions = [3];

  const enrolled = (c: SeedChild) =>
    c.yearOffset >= 0 && c.traits.noPlace === null && c.traits.attendance !== "missing_education";
  const todayCodes = ["N", "N", "N", "N", "O", "O", "no_mark", "U", "U"] as const;
  take(todayCodes.length, (c) => enrolled(c) && c.traits.suspensions.length === 0, false).forEach((c, i) => {
    c.traits.todayMark = todayCodes[i] ?? "N";
  });

  const longInCare = (c: SeedChild) =>
    c.lookedAfterSince < windowStart && c.traits.noPlace === null && c.yearOffset >= -1;
  for (const c of take(20, (c) => longInCare(c) && !c.traits.recentEntrant, false)) c.traits.pepOverdue = true;
  for (const c of take(6, (c) => enrolled(c) && !c.traits.recentEntrant && !c.traits.pepOverdue, false)) {
    c.traits.reviewSoon = true;
  }
  take(5, (c) => inCareSince(730)(c) && !c.traits.reviewSoon, false).forEach((c, i) => {
    c.traits.reviewOverdue = i < 2 ? "booked" : "not_booked";
  });
  for (const c of take(58, () => true, false)) c.traits.placedOutOfArea = true;

  for (const c of children) if (c.yearOffset < 0) c.traits.upn = "UN1";
  for (const c of children) if (c.traits.noPlace === "never" && c.named === null) c.traits.upn = "UN2";
  for (const c of take(3, (c) => ages(1, 13)(c) && c.traits.upn === "valid", false)) c.traits.upn = "wrong_check";
  for (const c of take(2, (c) => ages(1, 13)(c) && c.traits.upn === "valid", false)) c.traits.upn = "temporary";
  return children;
}
