/**
 * The daily scan's rules: which alerts one child's facts raise today, for whom, under which
 * dedupe key. Pure: facts, today, calendar and policy in; candidates out.
 *
 * The scan stores every candidate under its key, which the database holds unique, so the
 * scan can run twice, or every day while a condition lasts, and add nothing. The period
 * in the key names the occurrence (a due date, the first day of a run of absence, a school
 * year, an exclusion): only a new occurrence alerts again.
 *
 * The rules live by subject in pep-alerts.rules.ts and absence-alerts.rules.ts; this file
 * holds the exclusions (too small for a file of their own) and ties them together.
 * `follow_up` is not raised here: it is created when an action is logged.
 */
import type { RegistersClosed } from "../attendance/registers.js";
import type { CompiledCalendar } from "../calendar/school-days.js";
import { judgeExclusions } from "../children/exclusions.js";
import type { IsoDate } from "../platform/dates.js";
import type { Policy } from "../policy.js";
import { absenceAlerts } from "./absence-alerts.rules.js";
import type { AlertCandidate, AlertRule, ScanFacts } from "./alert.types.js";
import { pepAlerts } from "./pep-alerts.rules.js";
import { placeAlerts } from "./place-alerts.rules.js";

export type AlertContext = {
  today: IsoDate;
  /** Compiled once per scan: every rule asks it questions for every child. */
  calendar: CompiledCalendar;
  bankHolidays: ReadonlySet<IsoDate>;
  policy: Policy;
  /** Which of today's registers have closed: a session still unmarked after ITS register closed is a concern. */
  registersClosed: RegistersClosed;
};

/** What a rule finds; `alertCandidates` ties it to the child and its key. */
export type AlertFinding = Omit<AlertCandidate, "childId" | "dedupeKey">;

/** The key the database holds unique: one alert per child, rule and occurrence. */
export function dedupeKey(childId: number, rule: AlertRule, period: string): string {
  return `${childId}:${rule}:${period}`;
}

/**
 * Every alert the child's facts raise today, PEPs first, then absence, then exclusions.
 * `pep`: the PEP rules' findings for the child, when already judged (pepAlerts, the same
 * facts and context): the scan judges them while the marks are still being read.
 */
export function alertCandidates(facts: ScanFacts, ctx: AlertContext, pep?: readonly AlertFinding[]): AlertCandidate[] {
  const findings = [
    ...(pep ?? pepAlerts(facts, ctx)),
    ...absenceAlerts(facts, ctx),
    ...placeAlerts(facts, ctx),
    ...exclusionAlerts(facts, ctx),
    ...partTimeAlerts(facts, ctx),
  ];
  return findings.map((finding) => ({
    childId: facts.childId,
    ...finding,
    dedupeKey: dedupeKey(facts.childId, finding.rule, finding.period),
  }));
}

/**
 * One alert per suspension or permanent exclusion, keyed by its id, because the head must
 * tell the VSH and the social worker of each one without delay. Dates and colours come from
 * core/children/exclusions.ts, the card's judgement: a suspension is red when its run of
 * back-to-back suspensions reaches the day education is owed from, or when it brings the
 * year's total to `suspensionMaxSchoolDays`; a permanent exclusion is red until a new place.
 */
export function exclusionAlerts(
  facts: Pick<ScanFacts, "onRoll" | "exclusions">,
  ctx: Pick<AlertContext, "today" | "calendar" | "bankHolidays" | "policy">,
): AlertFinding[] {
  const { today, calendar, bankHolidays, policy } = ctx;
  const placeFrom = facts.onRoll !== null && facts.onRoll.fromDate <= today ? facts.onRoll.fromDate : null;
  const judged = judgeExclusions(facts.exclusions, { today, calendar, bankHolidays, policy, placeFrom });
  return judged.map((x): AlertFinding => {
    const permanent = x.kind === "permanent";
    // Part of a longer run: the day-6 count began with an earlier exclusion.
    const run: AlertFinding["details"] =
      x.runLength > 1 ? { consecutiveSince: x.runStart, consecutiveDays: x.runDays } : {};
    return {
      rule: permanent ? "permanent_exclusion" : "suspension",
      period: `x${x.id}`,
      severity: x.severity,
      recipients: permanent ? ["social_worker", "vsh"] : ["social_worker", "vsh", "designated_teacher"],
      details: {
        exclusionId: x.id,
        startDate: x.startDate,
        schoolDays: x.days,
        yearSuspensionDays: x.yearSuspensionDays,
        educationOwed: x.educationFrom !== null,
        educationFrom: x.educationFrom,
        ...run,
      },
    };
  });
}

/**
 * A part-time timetable is lawful only as a short-term measure, reviewed on the date
 * agreed. Once that date passes with the timetable still running, the social worker and
 * the Virtual School Head hear, once per review date: a new review date alerts again.
 */
export function partTimeAlerts(facts: ScanFacts, ctx: AlertContext): AlertFinding[] {
  return facts.partTime.flatMap((t): AlertFinding[] =>
    ctx.today > t.reviewDate
      ? [
          {
            rule: "part_time_review_overdue",
            period: `t${t.id}:${t.reviewDate}`,
            severity: ctx.today > t.plannedEndDate ? "red" : "amber",
            recipients: ["social_worker", "vsh"],
            details: { partTimeId: t.id, since: t.startDate, reviewDate: t.reviewDate, plannedEnd: t.plannedEndDate },
          },
        ]
      : [],
  );
}
