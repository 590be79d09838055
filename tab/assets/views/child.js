/**
 * A child's page: the status the bot's card summarises, in full, with attendance week by
 * week, the PEP timeline and the action log. It shows only what the status API returns
 * for the person's role: never a date of birth or UPN.
 */
import { api } from "../api.js";
import { attendanceChart } from "../chart.js";
import { h } from "../dom.js";
import { date, PEP_STATUS, PHASE, plural, RAG, rate, SEN, termName } from "../format.js";
import { actionsSection } from "./actions.js";
import { badge, badgeList, facts, pageTitle, section } from "./parts.js";

/** @type {import("../app.js").View} */
export async function childView({ id }) {
  const [status, attendance, peps, actions] = await Promise.all([
    api("GET", `/children/${id}/status`),
    api("GET", `/children/${id}/attendance`),
    api("GET", `/children/${id}/peps`),
    api("GET", `/children/${id}/actions?limit=20`),
  ]);
  const name = `${status.child.firstName} ${status.child.lastName}`;
  return {
    title: name,
    nodes: [
      h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "My caseload")),
      pageTitle(name),
      h("p", { class: "lead" }, `Education status on ${date(status.asOf)}.`),
      section("flags-heading", "Needs attention", badgeList(status.flags, "Nothing needs attention today.")),
      h(
        "div",
        { class: "grid" },
        schoolSection(status),
        pepSummarySection(status.pep),
        senAndExclusionsSection(status),
      ),
      attendanceSection(status.attendance, attendance.weeks),
      pepTimelineSection(peps.items),
      actionsSection(id, actions.items),
    ],
  };
}

/** @param {any} status */
function schoolSection(status) {
  const school = status.school;
  const body = school
    ? facts([
        ["School", school.schoolName],
        ["Phase", PHASE[school.phase] ?? school.phase],
        ["Year group", school.yearGroup ? `Year ${school.yearGroup}` : null],
        ["On roll since", date(school.fromDate)],
        ["Out of area", school.outOfArea ? "Yes" : "No"],
      ])
    : facts([
        ["School", "No school place"],
        [
          "Without a place",
          status.daysWithoutSchoolPlace === null ? null : plural(status.daysWithoutSchoolPlace, "school day"),
        ],
      ]);
  const next = status.nextSchool
    ? h("p", {}, `Starting at ${status.nextSchool.schoolName} on ${date(status.nextSchool.fromDate)}.`)
    : null;
  return section("school-heading", "School", body, next);
}

/** @param {any} pep */
function pepSummarySection(pep) {
  if (!pep.required) return section("pep-heading", "Personal Education Plan", h("p", {}, "No PEP is required."));
  const nextFor = pep.nextDueFor ? termName(pep.nextDueFor) : null;
  return section(
    "pep-heading",
    "Personal Education Plan",
    facts([
      ["Current PEP", pep.current ? "Yes" : "No"],
      ["Next PEP due", pep.nextDue ? `${date(pep.nextDue)}${nextFor ? ` (${nextFor})` : ""}` : "—"],
      ["Overdue by", pep.overdue ? plural(pep.daysOverdue, "school day") : null],
      ["Last completed", pep.lastCompleted ? date(pep.lastCompleted.meetingDate ?? pep.lastCompleted.dueDate) : "None"],
      ["Next care-plan review", pep.nextReviewPlanned ? date(pep.nextReviewPlanned) : date(pep.nextReviewDue)],
    ]),
  );
}

/** @param {any} status */
function senAndExclusionsSection(status) {
  const x = status.exclusions;
  return section(
    "sen-heading",
    "SEN and exclusions",
    facts([
      ["SEN", SEN[status.sen.status] ?? status.sen.status],
      [
        "Suspensions this year",
        x.suspensionsThisYear === 0 ? "None" : `${x.suspensionsThisYear} (${plural(x.suspensionDaysThisYear, "day")})`,
      ],
      ["Permanent exclusion", x.permanent ? `Yes, from ${date(x.permanentExclusionDate)}` : "No"],
      [
        "Current suspension",
        x.activeSuspension ? `${date(x.activeSuspension.startDate)} to ${date(x.activeSuspension.endDate)}` : null,
      ],
    ]),
  );
}

/** @param {any} a the status's attendance @param {any[]} weeks */
function attendanceSection(a, weeks) {
  const today = [a.today.am && `AM ${a.today.am}`, a.today.pm && `PM ${a.today.pm}`].filter(Boolean).join(", ");
  const level = a.severeAbsence
    ? badge({ text: "Severe absence", severity: "red" })
    : a.persistentAbsence
      ? badge({ text: "Persistent absence", severity: "amber" })
      : "No";
  return section(
    "attendance-heading",
    "Attendance this school year",
    facts(
      [
        ["Attendance", rate(a.attendanceRate)],
        ["Sessions attended", `${a.attendedSessions} of ${a.possibleSessions}`],
        ["Authorised absence", plural(a.authorisedAbsence, "session")],
        ["Unauthorised absence", plural(a.unauthorisedAbsence, "session")],
        ["Persistent or severe absence", level],
        ["Today", today || "Not marked yet"],
        [
          "Unexplained absence now",
          a.currentUnexplainedRun
            ? `${plural(a.currentUnexplainedRun.days, "school day")} since ${date(a.currentUnexplainedRun.from)}`
            : null,
        ],
      ],
      "facts facts--wide",
    ),
    h("h3", {}, "Attendance by week"),
    weeks.length > 0 ? attendanceChart(weeks, { idPrefix: "attendance-chart" }) : h("p", {}, "No weeks to show yet."),
  );
}

/** @param {{ term: string, dueDate: string, meetingDate: string | null, status: string, rag: string | null }[]} peps */
function pepTimelineSection(peps) {
  if (peps.length === 0) return section("peps-heading", "PEP timeline", h("p", {}, "No PEPs are recorded."));
  return section(
    "peps-heading",
    "PEP timeline",
    h(
      "ol",
      { class: "timeline" },
      ...peps.map((p) =>
        h(
          "li",
          {},
          h("h3", { class: "timeline__title" }, termName(p.term)),
          facts([
            ["Due", date(p.dueDate)],
            ["Meeting", p.meetingDate ? date(p.meetingDate) : "Not held yet"],
            ["Status", PEP_STATUS[p.status] ?? p.status],
            ["Rating", p.rag ? h("span", { class: `rag rag--${p.rag}` }, RAG[p.rag] ?? p.rag) : "Not rated"],
          ]),
        ),
      ),
    ),
  );
}
