/**
 * Plain questions' answers as view models: a sentence and the few facts behind it, from the
 * same judgements as the status card (pepSummary, reviewText, the register's own words).
 * Names are "Jordan S."; no date of birth, no UPN.
 */

import { type AttendanceCode, categoryOf, isUnexplained } from "../../core/attendance/codes.js";
import type { IroBrief } from "../../core/children/brief.js";
import type { Badge } from "../../core/children/caseload.rules.js";
import { displayName } from "../../core/children/mentions.js";
import type { EducationStatus } from "../../core/children/status.js";
import type { ChildTeam, TeamMember } from "../../core/children/team.js";
import { formatDate, formatDateWithWeekday, type IsoDate, londonDateOf } from "../../core/platform/dates.js";
import type { AnswerCardModel } from "../view-models.js";
import { careText, pepSummary, percent, reviewText, yearGroupText } from "./child-views.js";
import { sessionMark } from "./session-marks.js";
import type { TabLinks } from "./tab-links.js";

type Named = { id: number; firstName: string; lastName: string };
type Model = AnswerCardModel;

/** A name that ends a sentence: "Jordan S." takes no second full stop. */
const atEnd = (name: string) => (name.endsWith(".") ? name : `${name}.`);

const base = (child: Named, title: string, links: TabLinks): Omit<Model, "answer" | "tone" | "facts"> => ({
  title: `${displayName(child)}: ${title}`,
  asks: [],
  statusChildId: child.id,
  tabUrl: links.child(child.id),
});

/** "AM present", "PM N (reason not yet established)", as the status card says it. */
const mark = (session: string, code: AttendanceCode | null): string =>
  code === null ? `${session} not marked yet` : sessionMark(session, code);

const inSchoolCode = (code: AttendanceCode | null) =>
  code !== null && ["present", "approved_activity"].includes(categoryOf(code));

/**
 * "is Jordan in school today?", or asked the other way round (`absentAsked`: "is Kai off
 * today?"), when the answer's yes and no swap: "No: Kai S. is marked in school today".
 */
export function inSchoolAnswer(child: Named, s: EducationStatus, links: TabLinks, absentAsked = false): Model {
  const name = displayName(child);
  const { am, pm, unexplainedToday } = s.attendance.today;
  const facts = [
    { title: "School", value: s.school?.schoolName ?? "No school place" },
    { title: "Today", value: `${mark("AM", am)} · ${mark("PM", pm)}` },
    { title: "This year", value: percent(s.attendance.attendanceRate) ?? "No sessions yet" },
  ];
  const run = s.attendance.currentUnexplainedRun;
  if (run)
    facts.push({ title: "Unexplained absence", value: `${run.days} school day${run.days === 1 ? "" : "s"} running` });
  if (s.partTime) facts.push({ title: "Timetable", value: "Part-time timetable running" });
  const suspension = s.exclusions.activeSuspension;
  if (suspension)
    facts.push({
      title: "Suspension",
      value: `${formatDate(suspension.startDate)} to ${formatDate(suspension.endDate)} (${suspension.days} days)`,
    });
  const at = s.school ? ` at ${s.school.schoolName}` : "";
  const present = absentAsked ? "No: " : "Yes: ";
  const absent = absentAsked ? "Yes: " : "No: ";
  let answer: string;
  let tone: Model["tone"];
  if (!s.school) {
    answer = `${absentAsked ? "" : "No: "}${name} has no school place${s.daysWithoutSchoolPlace ? ` (${s.daysWithoutSchoolPlace} school days without one)` : ""}.`;
    tone = "Attention";
  } else if (inSchoolCode(pm) || (pm === null && inSchoolCode(am))) {
    answer = `${present}${name} is marked in school today${at}.`;
    tone = "Good";
  } else if (am === null && pm === null) {
    answer = `${name}'s register${at} is not marked yet today.`;
    tone = "Default";
  } else {
    const reason = [am, pm].find((c) => c !== null && !inSchoolCode(c));
    const explained = !unexplainedToday && !(reason && isUnexplained(reason));
    answer = `${absent}${name} is absent today${at}${explained ? "" : ", and no reason is established yet"}.`;
    tone = explained ? "Warning" : "Attention";
  }
  return { ...base(child, "in school today?", links), answer, tone, facts };
}

export function nextPepAnswer(child: Named, s: EducationStatus, links: TabLinks): Model {
  const name = displayName(child);
  const p = s.pep;
  const facts = [{ title: "PEP", value: pepSummary(p) }];
  if (p.booked) facts.push({ title: "Meeting booked", value: formatDateWithWeekday(p.booked) });
  if (p.nextDue) facts.push({ title: "Next due by", value: formatDate(p.nextDue) });
  const last = p.lastCompleted;
  if (last) facts.push({ title: "Last PEP", value: formatDate(last.meetingDate ?? last.dueDate) });
  let answer: string;
  if (!p.required) answer = `${name} does not need a PEP (${careText(s.care).toLowerCase()}).`;
  else if (p.booked) answer = `${name}'s next PEP meeting is booked for ${formatDateWithWeekday(p.booked)}.`;
  else if (p.overdue && p.nextDue)
    answer = `${name}'s PEP is overdue: it was due by ${formatDate(p.nextDue)} and no meeting is booked.`;
  else if (p.nextDue) answer = `${name}'s next PEP is due by ${formatDate(p.nextDue)}, not booked yet.`;
  else answer = `${name} has no next PEP date yet (${pepSummary(p).toLowerCase()}).`;
  const tone = !p.required ? "Default" : p.overdue ? "Attention" : p.dueSoon || !p.inDate ? "Warning" : "Good";
  return { ...base(child, "next PEP", links), answer, tone, facts };
}

const people = (members: readonly TeamMember[]) => members.map((m) => `${m.name} (${m.email})`).join("; ");
const names = (members: readonly TeamMember[]) => members.map((m) => m.name).join(" and ");

export function teacherAnswer(team: ChildTeam, links: TabLinks): Model {
  const { child, school, designatedTeachers: dts } = team;
  const name = displayName(child);
  const facts = [{ title: "School", value: school?.name ?? "No school place" }];
  if (dts.length > 0) facts.push({ title: "Designated teacher", value: people(dts) });
  const answer = !school
    ? `${name} has no school place, so no designated teacher.`
    : dts.length === 0
      ? `No designated teacher is recorded for ${school.name}. Ask the Virtual School to add one.`
      : `${name}'s designated teacher at ${school.name} is ${names(dts)}.`;
  const tone = !school || dts.length === 0 ? "Warning" : "Default";
  return { ...base(child, "designated teacher", links), answer, tone, facts };
}

export function socialWorkerAnswer(team: ChildTeam, links: TabLinks): Model {
  const { child, socialWorkers: sws } = team;
  const name = displayName(child);
  const answer =
    sws.length === 0 ? `No social worker is allocated to ${atEnd(name)}` : `${name}'s social worker is ${names(sws)}.`;
  const facts = sws.length > 0 ? [{ title: "Social worker", value: people(sws) }] : [];
  if (team.iros.length > 0) facts.push({ title: "IRO", value: people(team.iros) });
  return { ...base(child, "social worker", links), answer, tone: sws.length ? "Default" : "Warning", facts };
}

export function schoolAnswer(child: Named, s: EducationStatus, links: TabLinks): Model {
  const name = displayName(child);
  const school = s.school;
  const facts = school
    ? [{ title: "School", value: `${school.schoolName}${school.outOfArea ? " (out of area)" : ""}` }]
    : [{ title: "School", value: "No school place" }];
  const year = yearGroupText(school?.yearGroup ?? null);
  if (year) facts.push({ title: "Year group", value: year });
  if (s.nextSchool)
    facts.push({ title: "Next school", value: `${s.nextSchool.schoolName} from ${formatDate(s.nextSchool.fromDate)}` });
  const answer = school
    ? `${name} is on roll at ${school.schoolName}${school.outOfArea ? ", out of area" : ""}.`
    : `${name} has no school place${s.nextSchool ? `; a place at ${s.nextSchool.schoolName} starts ${formatDate(s.nextSchool.fromDate)}` : ""}.`;
  return { ...base(child, "school", links), answer, tone: school ? "Default" : "Attention", facts };
}

/** As on the status card (reviewText), judged on the day the status was read (`asOf`). */
const statusReview = (s: EducationStatus, today: IsoDate) =>
  reviewText({ booked: s.pep.nextReviewPlanned, due: s.pep.nextReviewDue, overdue: s.pep.reviewOverdue }, today);

export function nextReviewAnswer(child: Named, s: EducationStatus & { asOf: IsoDate }, links: TabLinks): Model {
  const name = displayName(child);
  const next = statusReview(s, s.asOf);
  const answer = next
    ? `${name}'s next care-plan review: ${next}.`
    : `No next care-plan review is on record for ${atEnd(name)}`;
  const facts = next ? [{ title: "Next review", value: next }] : [];
  const tone = s.pep.reviewOverdue ? "Attention" : next ? "Default" : "Warning";
  return { ...base(child, "next review", links), answer, tone, facts };
}

export function lastReviewAnswer(child: Named, b: IroBrief & { asOf: IsoDate }, links: TabLinks): Model {
  const name = displayName(child);
  const next = statusReview(b.status, b.asOf);
  const facts: Model["facts"] = [];
  if (b.since) facts.push({ title: "Held on", value: formatDate(b.since) });
  const thatDay = b.since ? b.actionsSince.filter((a) => londonDateOf(new Date(a.at)) === b.since) : [];
  for (const a of thatDay.slice(0, 5)) facts.push({ title: a.by, value: a.text.slice(0, 200) });
  if (b.since) {
    const rate = percent(b.attendanceSince.attendanceRate);
    facts.push({ title: "Attendance since", value: rate ?? "No sessions yet" });
    facts.push({ title: "Exclusions since", value: b.exclusionsSince.length ? `${b.exclusionsSince.length}` : "None" });
  }
  if (next) facts.push({ title: "Next review", value: next });
  const answer = !b.since
    ? `No care-plan review held is on record for ${atEnd(name)}`
    : thatDay.length === 0
      ? `${name}'s last care-plan review was held on ${formatDate(b.since)}. Nothing was logged that day; since then:`
      : `${name}'s last care-plan review was held on ${formatDate(b.since)}. Logged that day:`;
  return {
    ...base(child, "last review", links),
    answer,
    tone: b.status.pep.reviewOverdue ? "Attention" : "Default",
    facts,
  };
}

type CaseloadRow = Named & { school: { name: string } | null; badges: Badge[] };

const ABSENT_BADGES = new Set(["unexplained_absence_today", "missing_education"]);

/**
 * "who is absent today?": the person's children the register shows absent without a reason
 * today. `registerClosesAt`: the morning register's closing time ("09:30") while it is still
 * open (a blank is not yet an absence); null once it has closed.
 */
export function absentAnswer(
  who: string,
  rows: readonly CaseloadRow[],
  links: TabLinks,
  registerClosesAt: string | null = null,
): Model {
  const absent = rows.filter((r) => r.badges.some((b) => ABSENT_BADGES.has(b.code)));
  const facts = absent.map((r) => ({
    title: displayName(r),
    value: [r.school?.name, ...r.badges.filter((b) => ABSENT_BADGES.has(b.code)).map((b) => b.text)]
      .filter(Boolean)
      .join(" · "),
  }));
  const notYet = registerClosesAt ? ` The morning register closes at ${registerClosesAt}: ask again after it.` : "";
  const answer =
    absent.length === 0
      ? registerClosesAt
        ? `None of ${who} is marked absent without a reason so far.${notYet}`
        : `None of ${who} is absent without a reason today.`
      : `${absent.length} of ${who} ${absent.length === 1 ? "is" : "are"} absent today with no reason established yet.${notYet}`;
  return {
    title: "Absent today",
    answer,
    tone: absent.length === 0 ? "Good" : "Attention",
    facts,
    asks: [],
    statusChildId: null,
    tabUrl: links.home(),
  };
}
