/** What a PEP says: SMART targets, the Virtual School's RAG rating and PP+ released. */
import { addDays } from "../../core/platform/dates.js";
import type { Rng } from "./random.js";
import type { PepPlan } from "./types.js";

const PRIMARY_TARGETS = [
  "Read aloud to carer for 15 minutes five nights a week; reading age up six months by next PEP",
  "Know times tables to 12 × 12 by the end of term (weekly check with class teacher)",
  "Phonics: secure Phase 5 sounds by next PEP, with three 1:1 sessions a week",
  "Join one after-school club this term and attend every week",
  "Use the calm-down plan in class; fewer than two time-outs a week by half-term",
  "Write a paragraph with full stops and capital letters independently by next PEP",
  "Attendance at least 96% this term; carer to share any medical appointments in advance",
] as const;

const SECONDARY_TARGETS = [
  "Maths: complete two online homework tasks a week; tutor to report progress monthly",
  "Attendance at least 95% this term; mentor check-in every Monday morning",
  "No more than two behaviour points a week; use the time-out card instead of leaving lessons",
  "Reading age within a year of actual age by the summer (daily 20-minute reading programme)",
  "Take part in the Duke of Edinburgh bronze award (PP+ funds kit and fees)",
] as const;

/** Targets that only make sense from Year 10: exams, coursework, next steps. */
const EXAM_YEAR_TARGETS = [
  "English: move from grade 3 to grade 4 by the mocks, with weekly PP+ funded tutoring",
  "Meet the careers adviser before February and choose a post-16 pathway",
  "Catch up missed science coursework by the end of term (two after-school sessions a week)",
  "Revision timetable agreed with carer; one hour of revision on school nights",
] as const;

/** 2–3 targets, one per line, suited to the child's stage. */
export function targetsFor(rng: Rng, yearOffset: number): string {
  const pool: readonly string[] =
    yearOffset <= 6
      ? PRIMARY_TARGETS
      : yearOffset <= 9
        ? SECONDARY_TARGETS
        : [...SECONDARY_TARGETS, ...EXAM_YEAR_TARGETS];
  return rng.shuffle(pool).slice(0, rng.int(2, 3)).join("\n");
}

type Rag = NonNullable<PepPlan["rag"]>;
const QA_RAGS: readonly (readonly [Rag, number])[] = [
  ["green", 70],
  ["amber", 25],
  ["red", 5],
];
const EARLY_RAGS: readonly (readonly [Rag, number])[] = [
  ["green", 60],
  ["amber", 35],
  ["red", 5],
];

/** The Virtual School rates quality-assured PEPs, and some complete ones already; most are adequate or better. */
export function ragFor(rng: Rng, status: PepPlan["status"]): PepPlan["rag"] {
  if (status === "quality_assured") return rng.weighted(QA_RAGS);
  return status === "complete" && rng.chance(0.4) ? rng.weighted(EARLY_RAGS) : null;
}

/**
 * PP+ released against a completed PEP (pence): part of a term's third of about £2,570,
 * so a child with two PEPs in a term (initial, then termly) stays within it.
 */
export function ppPlusFor(rng: Rng, status: PepPlan["status"], eligible: boolean): number | null {
  if (!eligible || (status !== "complete" && status !== "quality_assured")) return null;
  return rng.pick([25_000, 30_000, 40_000, 42_500]);
}

const OWNERS = ["Class teacher", "Carer", "Designated teacher", "Social worker"] as const;

/** PP+ a submitted PEP asks for, waiting for quality assurance (pence). */
const SUBMITTED_REQUEST = 40_000;

export type TargetRow = {
  text: string;
  owner: string;
  byDate: string;
  ppRequestedPence: number;
  ppApprovedPence: number | null;
};

/**
 * The PEP's targets as the workflow keeps them: each with an owner and a date (about a
 * term after the meeting), and the PP+ asked for it. A PEP that released PP+ asked for
 * exactly that, shared between its targets, and had it approved; a submitted one asks
 * for £400, not yet decided. No draw: the rest of the seed is unchanged.
 */
export function targetRowsFor(pep: PepPlan): TargetRow[] {
  const texts = (pep.targets ?? "").split("\n").filter(Boolean);
  if (texts.length === 0) return [];
  const decided = pep.status === "complete" || pep.status === "quality_assured";
  const total = decided ? (pep.ppPlusPence ?? 0) : pep.status === "submitted" ? SUBMITTED_REQUEST : 0;
  const share = Math.floor(total / texts.length);
  return texts.map((text, i) => {
    const asked = i === 0 ? total - share * (texts.length - 1) : share;
    return {
      text,
      owner: OWNERS[i % OWNERS.length] as string,
      byDate: addDays(pep.meetingDate ?? pep.dueDate, 84),
      ppRequestedPence: asked,
      ppApprovedPence: decided ? asked : null,
    };
  });
}
