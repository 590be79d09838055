/**
 * Flags: the few things on a child's status an officer should act on, each with a
 * severity and one sentence. Red means a statutory line has been crossed or a child may
 * be missing education; amber means act soon. Every threshold comes from the policy.
 *
 * Related flags are all raised, not just the strongest (severe absence also raises
 * persistent absence; 20 days missing also raises missing education), so alert rules
 * that react to a flag appearing or clearing see each line crossed exactly once.
 *
 * Sentences name no child and carry no date of birth or UPN: cards and alerts add the
 * name where the reader is allowed to see it.
 */
import { termLabel } from "../peps/pep.workflow.js";
import { formatDate, type IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import type { EducationStatus, FlagCode, StatusFlag } from "./status.types.js";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
const schoolDays = (n: number): string => plural(n, "school day");
const percentText = (rate: number | null): string => `${Math.round((rate ?? 0) * 1000) / 10}%`;
const on = (date: IsoDate): string => formatDate(date);

type Candidate = [FlagCode, "red" | "amber", string] | null;

function schoolPlaceFlags(s: Omit<EducationStatus, "flags">, policy: Policy): Candidate[] {
  const days = s.daysWithoutSchoolPlace;
  if (!s.lookedAfter || s.school || days === null) return [];
  const next = s.nextSchool ? `; a place at ${s.nextSchool.schoolName} starts on ${on(s.nextSchool.fromDate)}` : "";
  return [
    [
      "no_school_place",
      days >= policy.noPlaceSchoolDays ? "red" : "amber",
      `No school place for ${schoolDays(days)} (a place is due within ${policy.noPlaceSchoolDays})${next}.`,
    ],
  ];
}

function attendanceFlags(s: Omit<EducationStatus, "flags">, policy: Policy): Candidate[] {
  const a = s.attendance;
  const missed = `${percentText(a.absenceRate)} of possible sessions missed this school year`;
  const run = a.currentUnexplainedRun;
  const runText = run ? `${schoolDays(run.days)} in a row of unexplained absence since ${on(run.from)}` : "";
  const today = [a.today.am && `AM ${a.today.am}`, a.today.pm && `PM ${a.today.pm}`].filter(Boolean).join(", ");
  return [
    a.severeAbsence
      ? ["severe_absence", "red", `Severe absence: ${missed} (${policy.severeAbsencePercent}% or more).`]
      : null,
    a.persistentAbsence
      ? ["persistent_absence", "amber", `Persistent absence: ${missed} (${policy.persistentAbsencePercent}% or more).`]
      : null,
    a.today.unexplainedToday ? ["unexplained_absence_today", "amber", `Unexplained absence today (${today}).`] : null,
    run && run.days >= policy.missingEducationSchoolDays
      ? [
          "missing_education",
          "red",
          `Possibly missing education: ${runText}; schools report after ${policy.missingEducationSchoolDays}.`,
        ]
      : null,
    run && run.days >= policy.rollRemovalSchoolDays
      ? [
          "roll_removal_risk",
          "red",
          `At risk of removal from roll: ${runText} (${policy.rollRemovalSchoolDays} allowed before joint enquiries end).`,
        ]
      : null,
    a.unresolvedSessions > 0
      ? [
          "unresolved_absence",
          "amber",
          `${plural(a.unresolvedSessions, "session")} still marked N (no reason established) after ${schoolDays(policy.unauthorisedResolveSchoolDays)}.`,
        ]
      : null,
  ];
}

function pepFlags(s: Omit<EducationStatus, "flags">, policy: Policy): Candidate[] {
  const p = s.pep;
  if (!p.required || p.nextDue === null) return [];
  const which = p.nextDueFor === "initial" ? "Initial PEP" : `PEP for ${termLabel(p.nextDueFor ?? "")}`;
  return [
    p.overdue
      ? ["pep_overdue", "red", `${which} overdue: it was due on ${on(p.nextDue)} (${schoolDays(p.daysOverdue)} ago).`]
      : null,
    p.dueSoon
      ? [
          "pep_due_soon",
          "amber",
          `${which} due by ${on(p.nextDue)} (within ${schoolDays(policy.pepDueSoonSchoolDays)}).`,
        ]
      : null,
    p.lastCompleted?.rag === "red"
      ? ["pep_rated_red", "amber", "The latest PEP was rated red by the Virtual School: it needs improving."]
      : null,
  ];
}

/**
 * The care-plan review's statutory date has passed with none held since (a booking does
 * not stop the clock: only a review held does).
 */
function reviewFlags(s: Omit<EducationStatus, "flags">): Candidate[] {
  const p = s.pep;
  if (!p.reviewOverdue || p.nextReviewDue === null) return [];
  const booked = p.nextReviewPlanned ? `; one is booked for ${on(p.nextReviewPlanned)}` : "; none is booked";
  return [["review_overdue", "red", `Care-plan review overdue: it was due on ${on(p.nextReviewDue)}${booked}.`]];
}

/** A part-time timetable is lawful only as a short-term measure, reviewed when agreed. */
function partTimeFlags(s: Omit<EducationStatus, "flags">): Candidate[] {
  const t = s.partTime;
  if (!t) return [];
  const hours = t.hoursPerWeek === null ? "" : ` (${t.hoursPerWeek} hours a week)`;
  const since = `On a part-time timetable since ${on(t.startDate)}${hours}`;
  return [
    t.reviewOverdue
      ? [
          "part_time_timetable",
          "red",
          `${since}: its review was due on ${on(t.reviewDate)} and none is recorded; planned to end ${on(t.plannedEndDate)}.`,
        ]
      : [
          "part_time_timetable",
          "amber",
          `${since}: review on ${on(t.reviewDate)}, planned to end ${on(t.plannedEndDate)}.`,
        ],
  ];
}

function exclusionFlags(s: Omit<EducationStatus, "flags">, policy: Policy): Candidate[] {
  const x = s.exclusions;
  const active = x.activeSuspension;
  const education = active?.educationFrom ? `: education must be provided from ${on(active.educationFrom)}` : "";
  return [
    x.permanent && x.permanentExclusionDate
      ? [
          "permanent_exclusion",
          s.school ? "amber" : "red",
          `Permanently excluded on ${on(x.permanentExclusionDate)}${s.school ? "" : "; no new school place yet"}.`,
        ]
      : null,
    active
      ? [
          "suspension",
          active.educationFrom ? "red" : "amber",
          `Suspended from ${on(active.startDate)} to ${on(active.endDate)} (${schoolDays(active.days)})${education}.`,
        ]
      : null,
    x.suspensionDaysThisYear >= policy.suspensionMaxSchoolDays
      ? [
          "suspension_limit",
          "red",
          `Suspensions total ${schoolDays(x.suspensionDaysThisYear)} this school year (at most ${policy.suspensionMaxSchoolDays} allowed).`,
        ]
      : null,
  ];
}

/** Every flag that applies, red before amber, in a stable order within each. */
export function statusFlags(status: Omit<EducationStatus, "flags">, policy: Policy): StatusFlag[] {
  const all = [
    ...schoolPlaceFlags(status, policy),
    ...attendanceFlags(status, policy),
    ...pepFlags(status, policy),
    ...reviewFlags(status),
    ...exclusionFlags(status, policy),
    ...partTimeFlags(status),
  ].flatMap((c): StatusFlag[] => (c ? [{ code: c[0], severity: c[1], text: c[2] }] : []));
  return [...all.filter((f) => f.severity === "red"), ...all.filter((f) => f.severity === "amber")];
}
