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
import { attendanceFlags } from "../attendance/attendance.flags.js";
import { pepFlags, reviewFlags } from "../peps/pep.flags.js";
import type { Policy } from "../policy.js";
import { type Candidate, on, schoolDays } from "./flag-text.js";
import { placeOverdue } from "./school-place.js";
import type { StatusBasis, StatusFlag } from "./status.types.js";

/**
 * Without a school place: the count and the line from school-place.ts (a null count means
 * the child is not counted as without a place: left care, short breaks, outside school
 * age, or a place starting by the next school day).
 */
function schoolPlaceFlags(s: StatusBasis, policy: Policy): Candidate[] {
  const days = s.daysWithoutSchoolPlace;
  if (!s.lookedAfter || s.school || days === null) return [];
  const next = s.nextSchool ? `; a place at ${s.nextSchool.schoolName} starts on ${on(s.nextSchool.fromDate)}` : "";
  return [
    [
      "no_school_place",
      placeOverdue(days, policy) ? "red" : "amber",
      `No school place for ${schoolDays(days)} (a place is due within ${policy.noPlaceSchoolDays})${next}.`,
    ],
  ];
}

/** A part-time timetable is lawful only as a short-term measure, reviewed when agreed. */
function partTimeFlags(s: StatusBasis): Candidate[] {
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

/** Exclusions as judged in exclusions.ts: the same dates and colours as the scan's alerts. */
function exclusionFlags(s: StatusBasis, policy: Policy): Candidate[] {
  const x = s.exclusions;
  const active = x.activeSuspension;
  const education = active?.educationFrom ? `: education must be provided from ${on(active.educationFrom)}` : "";
  const run = active && active.suspensions > 1 ? `, ${active.suspensions} suspensions back to back` : "";
  const excluded = x.permanentExclusionDate ? `Permanently excluded on ${on(x.permanentExclusionDate)}` : "";
  const owed = x.permanentEducationFrom ? `: education must be provided from ${on(x.permanentEducationFrom)}` : "";
  return [
    x.permanent && x.permanentExclusionDate
      ? x.permanentSeverity === "amber" && s.school
        ? ["permanent_exclusion", "amber", `${excluded}; at ${s.school.schoolName} since ${on(s.school.fromDate)}.`]
        : ["permanent_exclusion", "red", `${excluded}${owed}; no new school place yet.`]
      : null,
    active
      ? [
          "suspension",
          active.severity,
          `Suspended from ${on(active.startDate)} to ${on(active.endDate)} (${schoolDays(active.days)}${run})${education}.`,
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
export function statusFlags(status: StatusBasis, policy: Policy): StatusFlag[] {
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
