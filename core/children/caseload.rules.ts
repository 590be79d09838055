/**
 * The badges a caseload list shows beside each child, and the order that puts the most
 * urgent first. Pure: from the same judgements as the status card, in the card's colours
 * (a child without a school place has the card's count and colour: school-place.ts; absent
 * today, missing education and a missing feed as attendance.flags.ts shows them).
 */
import { formatDate } from "../platform/dates.js";
import type { ChildJudgement } from "./judgements.js";

export type Badge = { code: string; text: string; severity: "red" | "amber" };

/** Where the child stands in care, when not looked after: said once, never urgent. */
function careBadge(j: ChildJudgement): Badge | null {
  if (j.care.kind === "left_care")
    return { code: "left_care", text: `Left care ${formatDate(j.care.ceasedOn)}`, severity: "amber" };
  if (j.care.kind === "short_breaks") return { code: "short_breaks", text: "Short breaks", severity: "amber" };
  return null;
}

/**
 * Attendance as the card's flags say it: absent today amber (the school chases it today),
 * a run long enough to report red, and a missing feed amber: the Virtual School's to chase
 * with the school, a concern like any amber one, never as urgent as a red.
 */
function attendanceBadges(j: ChildJudgement): Badge[] {
  const badges: Badge[] = [];
  if (j.unexplainedToday) badges.push({ code: "unexplained_absence_today", text: "Absent today", severity: "amber" });
  if (j.missingEducation) badges.push({ code: "missing_education", text: "Missing education", severity: "red" });
  if (j.attendanceDataGap) badges.push({ code: "no_attendance_data", text: "No attendance data", severity: "amber" });
  if (j.attendance.severeAbsence) badges.push({ code: "severe_absence", text: "Severe absence", severity: "red" });
  else if (j.attendance.persistentAbsence)
    badges.push({ code: "persistent_absence", text: "Persistent absence", severity: "amber" });
  return badges;
}

export function caseloadBadges(j: ChildJudgement): Badge[] {
  const badges: Badge[] = [];
  const place = j.schoolPlace;
  if (place.kind === "without_place")
    badges.push({ code: "no_school_place", text: "No school place", severity: place.overdue ? "red" : "amber" });
  badges.push(...attendanceBadges(j));
  if (j.pep.overdue) badges.push({ code: "pep_overdue", text: "PEP overdue", severity: "red" });
  else if (j.pep.dueSoon) badges.push({ code: "pep_due_soon", text: "PEP due soon", severity: "amber" });
  if (j.pep.reviewOverdue) badges.push({ code: "review_overdue", text: "Review overdue", severity: "red" });
  if (j.suspendedToday) {
    const { endDate, severity } = j.suspendedToday;
    badges.push({ code: "suspended_today", text: `Suspended until ${formatDate(endDate)}`, severity });
  }
  if (j.partTime)
    badges.push(
      j.partTime.reviewOverdue
        ? { code: "part_time_timetable", text: "Part-time: review overdue", severity: "red" }
        : { code: "part_time_timetable", text: "Part-time timetable", severity: "amber" },
    );
  if (j.pep.booked)
    badges.push({ code: "pep_booked", text: `PEP booked ${formatDate(j.pep.booked)}`, severity: "amber" });
  const care = careBadge(j);
  if (care) badges.push(care);
  return badges;
}

/** Badges that say what is in hand or where the child stands, not what is wrong: they do not make a child more urgent. */
const NOT_URGENT = new Set(["pep_booked", "left_care", "short_breaks"]);

const weight = (badges: Badge[]) =>
  badges.reduce((n, b) => n + (NOT_URGENT.has(b.code) ? 0 : b.severity === "red" ? 100 : 1), 0);

/** Most urgent first (red badges, then amber), then by surname: a stable order. */
export function byUrgency<T extends { badges: Badge[]; lastName: string; firstName: string }>(a: T, b: T): number {
  return (
    weight(b.badges) - weight(a.badges) ||
    a.lastName.localeCompare(b.lastName) ||
    a.firstName.localeCompare(b.firstName)
  );
}
