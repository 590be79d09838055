/**
 * The Virtual School Head's dashboard: the looked-after children as if one school, the
 * figures a VSH reports (PEPs in date, attendance, persistent and severe absence,
 * exclusions), Pupil Premium Plus, and how alerts are being answered. An education adviser
 * sees the same for the children allocated to them; the API refuses other roles (403).
 */
import { api } from "../api.js";
import { h } from "../dom.js";
import { date, money, percent, plural } from "../format.js";
import { me } from "../session.js";
import { pageTitle, section } from "./parts.js";

const NUMBER = new Intl.NumberFormat("en-GB");

/**
 * A figure as a tile: the number large, then what it counts and any note. In the markup
 * the label comes first, as a screen reader should read it; the number is moved up by CSS.
 * @param {string} label @param {string | number} value @param {string | null} [note]
 */
const tile = (label, value, note = null) =>
  h(
    "div",
    { class: "tile" },
    h("dt", {}, label),
    h("dd", { class: "tile__value" }, typeof value === "number" ? NUMBER.format(value) : value),
    note ? h("dd", { class: "tile__note" }, note) : null,
  );

/** @param {...HTMLElement} tiles */
const tiles = (...tiles) => h("dl", { class: "tiles" }, ...tiles);

/** @type {import("../app.js").View} */
export async function schoolView() {
  const s = await api("GET", "/stats");
  const title = "School dashboard";
  const a = s.attendance;
  return {
    title,
    nodes: [
      pageTitle(title),
      h(
        "p",
        { class: "lead" },
        me()?.role === "education_adviser"
          ? `The children allocated to you, as a single school, on ${date(s.asOf)}.`
          : `The Virtual School as a single school, on ${date(s.asOf)}.`,
      ),
      section(
        "children-heading",
        "Children",
        tiles(
          tile("Looked after", s.children.lookedAfter),
          tile("On roll at a school", s.children.onRoll),
          tile("Without a school place", s.children.withoutSchoolPlace, "of compulsory school age"),
          tile("SEN support", s.children.sen.senSupport),
          tile("EHCP", s.children.sen.ehcp),
        ),
      ),
      section(
        "peps-heading",
        "Personal Education Plans",
        tiles(
          tile("PEPs in date", percent(s.peps.inDatePercent), `${s.peps.inDate} of ${s.peps.required} children`),
          tile("PEPs overdue", s.peps.overdue),
          tile("PEPs due soon", s.peps.dueSoon),
        ),
      ),
      section(
        "attendance-heading",
        "Attendance this school year",
        tiles(
          tile("Attendance", percent(a.attendancePercent), `${NUMBER.format(a.possibleSessions)} possible sessions`),
          tile(
            "Persistent absence",
            a.persistentAbsence,
            `${percent(a.persistentAbsencePercent)} of pupils with marks`,
          ),
          tile("Severe absence", a.severeAbsence, `${percent(a.severeAbsencePercent)} of pupils with marks`),
          tile("Unexplained absence today", a.unexplainedAbsenceToday),
        ),
      ),
      section(
        "exclusions-heading",
        "Exclusions this school year",
        tiles(
          tile(
            "Suspensions",
            s.exclusions.suspensions,
            `${s.exclusions.pupilsSuspended} pupils, ${s.exclusions.suspensionDays} days`,
          ),
          tile("Permanent exclusions", s.exclusions.permanentExclusions),
        ),
      ),
      ppPlusSection(s.pupilPremiumPlus),
      alertsSection(s.alerts),
    ],
  };
}

/** @param {{ raisedSince: string, open: number, snoozed: number, escalated: number, acknowledged: number, resolved: number, answered: number } | undefined} alerts */
function alertsSection(alerts) {
  if (!alerts) return null;
  const raised = alerts.open + alerts.snoozed + alerts.escalated + alerts.acknowledged + alerts.resolved;
  return section(
    "alerts-heading",
    "Alerts",
    h("p", {}, `Raised since ${date(alerts.raisedSince)}: ${raised}.`),
    tiles(
      tile("Open", alerts.open, "waiting for an answer"),
      tile("Escalated", alerts.escalated, "to the Virtual School"),
      tile("Snoozed", alerts.snoozed),
      tile("Answered", alerts.answered, `${alerts.acknowledged} acknowledged, ${alerts.resolved} resolved`),
    ),
  );
}

/**
 * @typedef {{ allocated: number, released?: number, requested: number, approved: number, pending?: number,
 *   remaining: number }} PpFigures
 * @typedef {{ settings?: { schoolYear?: number, ratePence?: number, retainedPercent?: number, release?: string,
 *   perChildPence?: number, thirdsReleased?: number },
 *   virtualSchool: PpFigures & { eligibleChildren?: number, retainedCentrally?: number },
 *   schools?: (PpFigures & { school: { id: number, name: string } | null, eligibleChildren?: number })[] }} PpPlus
 */

/** How the year's Pupil Premium Plus is set, in a sentence. @param {PpPlus["settings"]} settings */
function ppSettings(settings) {
  if (!settings) return null;
  const year = settings.schoolYear ? `School year ${settings.schoolYear} to ${settings.schoolYear + 1}: ` : "";
  const rate = settings.ratePence !== undefined ? `${money(settings.ratePence)} for each eligible child` : "";
  const kept = settings.retainedPercent ? `, of which the Virtual School keeps ${settings.retainedPercent}%` : "";
  const release =
    settings.release === "annual"
      ? "; released to schools for the whole year"
      : settings.release === "termly"
        ? `; released termly (${settings.thirdsReleased ?? 0} of 3 terms so far)`
        : "";
  return h("p", {}, `${year}${rate}${kept}${release}.`);
}

/** Pupil Premium Plus for the Virtual School and each school. @param {PpPlus | undefined} pp */
function ppPlusSection(pp) {
  if (!pp) return null;
  const vs = pp.virtualSchool;
  const schools = pp.schools ?? [];
  return section(
    "pp-plus-heading",
    "Pupil Premium Plus",
    ppSettings(pp.settings),
    tiles(
      tile(
        "Allocated",
        money(vs.allocated),
        vs.eligibleChildren !== undefined ? plural(vs.eligibleChildren, "eligible child", "eligible children") : null,
      ),
      tile("Requested", money(vs.requested), vs.pending ? `${money(vs.pending)} waiting for quality assurance` : null),
      tile("Approved", money(vs.approved), "at quality assurance"),
      tile(
        "Remaining",
        money(vs.remaining),
        vs.released !== undefined && vs.released !== vs.allocated ? `of ${money(vs.released)} released so far` : null,
      ),
    ),
    schools.length > 0
      ? h(
          "div",
          { class: "table-wrap pp-schools", role: "region", "aria-label": "Pupil Premium Plus by school", tabindex: 0 },
          h(
            "table",
            { class: "compact" },
            h("caption", { class: "visually-hidden" }, "Pupil Premium Plus by school"),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, "School"),
                h("th", { scope: "col", class: "num" }, "Eligible children"),
                h("th", { scope: "col", class: "num" }, "Allocated"),
                h("th", { scope: "col", class: "num" }, "Requested"),
                h("th", { scope: "col", class: "num" }, "Approved"),
                h("th", { scope: "col", class: "num" }, "Remaining"),
              ),
            ),
            h(
              "tbody",
              {},
              ...schools.map((row) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, row.school ? row.school.name : "No school place"),
                  h("td", { class: "num" }, row.eligibleChildren ?? "—"),
                  h("td", { class: "num" }, money(row.allocated)),
                  h("td", { class: "num" }, money(row.requested)),
                  h("td", { class: "num" }, money(row.approved)),
                  h("td", { class: "num" }, money(row.remaining)),
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
