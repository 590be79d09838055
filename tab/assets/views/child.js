/**
 * A child's page: the status the bot's card summarises, in full, with attendance week by
 * week, the PEP timeline, care-plan reviews, exclusions and part-time timetables, and the
 * action log, with the small forms that keep the record (each for the roles that may use
 * it). It shows only what the status API returns for the person's role: never a date of
 * birth or UPN.
 */
import { ApiError, api } from "../api.js";
import { attendanceChart } from "../chart.js";
import { h } from "../dom.js";
import { date, money, PEP_STATUS, PHASE, pepName, plural, RAG, rate, SEN, termName } from "../format.js";
import { may } from "../session.js";
import { actionsSection } from "./actions.js";
import { exclusionsSection } from "./exclusions.js";
import { badge, badgeList, facts, pageTitle, section } from "./parts.js";
import { submitButton } from "./pep.js";
import { placeAndSenSection, reviewsSection } from "./records.js";

/**
 * A read the page can do without: a refusal (403) or an absent resource leaves its section out.
 * @template T @param {Promise<T>} read @returns {Promise<T | null>}
 */
async function optional(read) {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

/** @type {import("../app.js").View} */
export async function childView({ id }) {
  const places = may("place");
  const [status, attendance, peps, actions, reviews, exclusions, partTime, schools] = await Promise.all([
    api("GET", `/children/${id}/status`),
    api("GET", `/children/${id}/attendance`),
    api("GET", `/children/${id}/peps`),
    api("GET", `/children/${id}/actions?limit=20`),
    optional(api("GET", `/children/${id}/reviews`)),
    optional(api("GET", `/children/${id}/exclusions`)),
    optional(api("GET", `/children/${id}/part-time`)),
    places ? optional(api("GET", "/schools")).then((r) => r?.items ?? null) : null,
  ]);
  const name = `${status.child.firstName} ${status.child.lastName}`;
  return {
    title: name,
    nodes: [
      h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "My caseload")),
      pageTitle(name),
      h("p", { class: "lead" }, `Education status on ${date(status.asOf)}. ${careText(status.care)}.`),
      section("flags-heading", "Needs attention", badgeList(status.flags, "Nothing needs attention today.")),
      ...(status.notes ?? []).map((/** @type {string} */ note) => h("p", { class: "note" }, `Note: ${note}`)),
      h(
        "div",
        { class: "grid" },
        schoolSection(status),
        pepSummarySection(id, status.pep),
        senAndExclusionsSection(status),
      ),
      attendanceSection(status.attendance, attendance.weeks),
      pepTimelineSection(id, peps.items),
      reviewsSection(id, reviews, status.asOf),
      exclusionsSection(id, exclusions, partTime, status.asOf),
      placeAndSenSection(id, status, schools),
      actionsSection(id, actions.items),
    ],
  };
}

/** "Year 9", "Reception", "N2" (the same words as the status card). @param {string | null} year */
function yearGroupText(year) {
  if (!year) return null;
  const y = year.trim().toUpperCase();
  if (y === "R") return "Reception";
  if (/^N\d$/.test(y)) return y;
  return `Year ${year.trim()}`;
}

/** Where the child stands in care (the same words as the status card). @param {any} care */
function careText(care) {
  if (care?.kind === "looked_after")
    return care.startKnown
      ? `Looked after since ${date(care.since)}`
      : `Looked after since ${date(care.since)} or earlier (the start is before our records)`;
  if (care?.kind === "left_care") {
    const left = `Left care on ${date(care.ceasedOn)}${care.reason ? ` (${care.reason.text})` : ""}`;
    return care.previouslyLookedAfter
      ? `${left}: previously looked after — the Virtual School gives information and advice`
      : `${left}: no PEP duty; the record is kept`;
  }
  if (care?.kind === "short_breaks") return "Short breaks (not in the Virtual School's cohort; no PEP)";
  return "Not looked after";
}

/** @param {any} status */
function schoolSection(status) {
  const school = status.school;
  const body = school
    ? facts([
        ["School", school.schoolName],
        ["Phase", PHASE[school.phase] ?? school.phase],
        ["Year group", yearGroupText(school.yearGroup)],
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

/** @param {number} childId @param {any} pep */
function pepSummarySection(childId, pep) {
  const record = may("pep")
    ? h("p", {}, h("a", { href: `#/children/${childId}/pep`, class: "button-link" }, "Book or record the PEP"))
    : null;
  if (!pep.required)
    return section("pep-heading", "Personal Education Plan", h("p", {}, "No PEP is required."), record);
  const nextFor = pep.nextDueFor ? termName(pep.nextDueFor) : null;
  return section(
    "pep-heading",
    "Personal Education Plan",
    facts([
      ["Current PEP", pep.current ? "Yes" : "No"],
      ["Next PEP due", pep.nextDue ? `${date(pep.nextDue)}${nextFor ? ` (${nextFor})` : ""}` : "—"],
      ["Meeting booked for", pep.booked ? date(pep.booked) : null],
      ["Overdue by", pep.overdue ? plural(pep.daysOverdue, "school day") : null],
      ["Last held", pep.lastCompleted ? date(pep.lastCompleted.meetingDate ?? pep.lastCompleted.dueDate) : "None"],
      ["Next care-plan review", pep.nextReviewPlanned ? date(pep.nextReviewPlanned) : date(pep.nextReviewDue)],
    ]),
    record,
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

/**
 * @typedef {{ id?: number, term: string, dueDate: string, meetingDate: string | null, status: string,
 *   rag: string | null, ppRequestedPence?: number, ppApprovedPence?: number | null, ppPlusPence?: number | null }} PepItem
 */

/** The PEP's meeting, as its status says it: booked for, or held on. @param {PepItem} p */
function meetingText(p) {
  if (!p.meetingDate) return "Not booked";
  if (p.status === "booked") return `Booked for ${date(p.meetingDate)}`;
  if (p.status === "draft" || p.status === "not_started") return date(p.meetingDate);
  return `Held on ${date(p.meetingDate)}`;
}

/** @param {number} childId @param {PepItem[]} peps oldest first */
function pepTimelineSection(childId, peps) {
  if (peps.length === 0) return section("peps-heading", "PEP timeline", h("p", {}, "No PEPs are recorded."));
  return section(
    "peps-heading",
    "PEP timeline",
    h(
      "ol",
      { class: "timeline" },
      ...peps.map((p) => {
        const requested = p.ppRequestedPence ?? null;
        const approved = p.ppApprovedPence ?? p.ppPlusPence ?? null;
        return h(
          "li",
          { class: `timeline__item timeline__item--${p.status}` },
          h("h3", { class: "timeline__title" }, termName(p.term)),
          facts([
            ["Due", date(p.dueDate)],
            ["Meeting", meetingText(p)],
            ["Status", PEP_STATUS[p.status] ?? p.status],
            ["Rating", p.rag ? h("span", { class: `rag rag--${p.rag}` }, RAG[p.rag] ?? p.rag) : "Not rated"],
            ["PP+ requested", requested ? money(requested) : null],
            ["PP+ approved", approved !== null && (requested || approved) ? money(approved) : null],
          ]),
          p.id
            ? h(
                "p",
                { class: "timeline__actions" },
                h("a", { href: `#/children/${childId}/peps/${p.id}` }, `Open the ${pepName(p.term)}`),
              )
            : null,
          p.id && (p.status === "held" || p.status === "returned") && may("pep") ? submitButton(p.id) : null,
        );
      }),
    ),
  );
}
