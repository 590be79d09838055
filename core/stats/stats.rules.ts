/** Pure: per-child judgements (attendance, PEP) rolled up into school-level figures. */
import type { ChildJudgement } from "../children/judgements.js";

export type StatsInput = {
  children: readonly Pick<
    ChildJudgement,
    "id" | "senStatus" | "school" | "schoolPlace" | "attendance" | "pep" | "unexplainedToday" | "attendanceDataGap"
  >[];
  exclusions: readonly { childId: number; kind: string; days: number }[];
};

import { pepFigures } from "./pep-figures.js";
import { percent } from "./percent.js";

export function statsFigures({ children, exclusions }: StatsInput) {
  const withMarks = children.filter((c) => c.attendance.possibleSessions > 0);
  const possible = withMarks.reduce((n, c) => n + c.attendance.possibleSessions, 0);
  const attended = withMarks.reduce((n, c) => n + c.attendance.attendedSessions, 0);
  const persistent = withMarks.filter((c) => c.attendance.persistentAbsence).length;
  const severe = withMarks.filter((c) => c.attendance.severeAbsence).length;
  const suspensions = exclusions.filter((x) => x.kind === "suspension");
  const withoutPlace = children.filter((c) => c.schoolPlace.kind === "without_place");
  return {
    children: {
      lookedAfter: children.length,
      onRoll: children.filter((c) => c.school !== null).length,
      // The card's rule (school-place.ts): of compulsory school age, counted from the prescribed day.
      withoutSchoolPlace: withoutPlace.length,
      withoutSchoolPlaceOverdue: withoutPlace.filter(
        (c) => c.schoolPlace.kind === "without_place" && c.schoolPlace.overdue,
      ).length,
      sen: {
        none: children.filter((c) => c.senStatus === "none").length,
        senSupport: children.filter((c) => c.senStatus === "sen_support").length,
        ehcp: children.filter((c) => c.senStatus === "ehcp").length,
      },
    },
    peps: pepFigures(children),
    attendance: {
      pupilsWithMarks: withMarks.length,
      possibleSessions: possible,
      attendancePercent: percent(attended, possible),
      persistentAbsence: persistent,
      persistentAbsencePercent: percent(persistent, withMarks.length),
      severeAbsence: severe,
      severeAbsencePercent: percent(severe, withMarks.length),
      unexplainedAbsenceToday: children.filter((c) => c.unexplainedToday).length,
      noAttendanceData: children.filter((c) => c.attendanceDataGap !== null).length,
    },
    exclusions: {
      suspensions: suspensions.length,
      pupilsSuspended: new Set(suspensions.map((x) => x.childId)).size,
      suspensionDays: suspensions.reduce((n, x) => n + x.days, 0),
      permanentExclusions: exclusions.filter((x) => x.kind === "permanent").length,
    },
  };
}
