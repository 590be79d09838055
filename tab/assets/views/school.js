/**
 * The Virtual School Head's dashboard: the looked-after children as if one school, the
 * figures a VSH reports (PEPs in date, attendance, persistent and severe absence,
 * exclusions) and how alerts are being answered. The API refuses other roles (403).
 */
import { api } from "../api.js";
import { h } from "../dom.js";
import { date, percent } from "../format.js";
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
      h("p", { class: "lead" }, `The Virtual School as a single school, on ${date(s.asOf)}.`),
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
