/**
 * Suspensions, permanent exclusions and part-time timetables on the child page, with the
 * forms designated teachers and the Virtual School record them with.
 */
import { api } from "../api.js";
import { h } from "../dom.js";
import { date, plural } from "../format.js";
import { checkDate, choice, dateInput, field, group, radioValue } from "../forms.js";
import { may } from "../session.js";
/** @typedef {import("../forms.js").Problem} Problem */
import { partTimeList, partTimeStartForm, partTimeUpdateForm } from "./part-time.js";
import { section } from "./parts.js";
import { inputIn, smallForm, valueIn } from "./small-form.js";

/**
 * Suspensions, exclusions and part-time timetables, and the DT's forms for them.
 * @param {number} childId
 * @param {{ items: any[] } | null} exclusions
 * @param {{ items: any[] } | null} partTime
 * @param {string} today
 */
export function exclusionsSection(childId, exclusions, partTime, today) {
  if (!exclusions && !partTime) return null;
  const open = partTime?.items.find((t) => !t.endedOn) ?? null;
  const forms = may("exclusion")
    ? [exclusionForm(childId), open ? partTimeUpdateForm(childId, open, today) : partTimeStartForm(childId)]
    : [];
  return section(
    "exclusion-records-heading",
    "Suspensions, exclusions and part-time timetables",
    exclusions ? exclusionList(exclusions.items) : null,
    partTime ? partTimeList(partTime.items) : null,
    ...forms,
  );
}

/** @param {any[]} items */
function exclusionList(items) {
  if (items.length === 0) return h("p", { class: "muted" }, "No suspensions or exclusions are recorded.");
  return h(
    "ul",
    { class: "records" },
    ...items.map((x) =>
      h(
        "li",
        {},
        h("strong", {}, x.kind === "permanent" ? "Permanent exclusion" : "Suspension"),
        ` from ${date(x.startDate)}`,
        x.kind === "permanent"
          ? ""
          : x.sessions
            ? `, ${plural(x.sessions, "session")}`
            : x.schoolDays
              ? `, ${plural(x.schoolDays, "school day")}`
              : "",
        x.school ? ` at ${x.school.name}` : "",
        x.reason ? h("span", { class: "records__note" }, x.reason) : null,
      ),
    ),
  );
}

/** @param {number} childId */
function exclusionForm(childId) {
  const kind = group({
    id: "exclusion-kind",
    legend: "What happened",
    apiField: "kind",
    className: "field choices",
    children: [
      choice({
        type: "radio",
        id: "exclusion-kind-suspension",
        name: "kind",
        value: "suspension",
        label: "A suspension",
        checked: true,
      }),
      choice({
        type: "radio",
        id: "exclusion-kind-permanent",
        name: "kind",
        value: "permanent",
        label: "A permanent exclusion",
      }),
    ],
  });
  const length = h(
    "div",
    { class: "field-row", id: "exclusion-length" },
    field({
      id: "exclusion-days",
      label: "Length in school days",
      hint: "Half days allowed, for example 2.5.",
      control: h("input", { type: "number", name: "schoolDays", min: 0.5, max: 45, step: 0.5, inputmode: "decimal" }),
      apiField: "schoolDays",
    }),
    field({
      id: "exclusion-sessions",
      label: "Or in sessions",
      hint: "Half days, if the school gave it that way.",
      control: h("input", { type: "number", name: "sessions", min: 1, max: 90, step: 1, inputmode: "numeric" }),
      apiField: "sessions",
    }),
  );
  const details = smallForm({
    childId,
    name: "exclusion",
    title: "Record a suspension or exclusion",
    submitLabel: "Record it",
    fields: [
      kind,
      field({
        id: "exclusion-start",
        label: "First day",
        control: dateInput("startDate"),
        apiField: "startDate",
      }),
      length,
      field({
        id: "exclusion-reason",
        label: "Reason (optional)",
        control: h("textarea", { name: "reason", rows: 2, maxlength: 500 }),
        apiField: "reason",
      }),
    ],
    check(form) {
      const problems = checkDate(inputIn(form, "exclusion-start"), { name: "the first day" });
      if (radioValue(form, "kind") !== "suspension") return problems;
      const days = valueIn(form, "exclusion-days");
      const sessions = valueIn(form, "exclusion-sessions");
      if (!days && !sessions)
        problems.push({
          control: inputIn(form, "exclusion-days"),
          message: "Enter the suspension’s length, in school days or in sessions",
        });
      else if (days && sessions)
        problems.push({
          control: inputIn(form, "exclusion-sessions"),
          message: "Give school days or sessions, not both",
        });
      else if (days && !(Number(days) > 0 && Number.isInteger(Number(days) * 2)))
        problems.push({
          control: inputIn(form, "exclusion-days"),
          message: "Enter school days as a whole or half number, for example 3 or 2.5",
        });
      else if (sessions && !(Number(sessions) > 0 && Number.isInteger(Number(sessions))))
        problems.push({ control: inputIn(form, "exclusion-sessions"), message: "Enter sessions as a whole number" });
      return problems;
    },
    send(form) {
      const k = radioValue(form, "kind");
      const days = valueIn(form, "exclusion-days");
      const sessions = valueIn(form, "exclusion-sessions");
      const reason = valueIn(form, "exclusion-reason");
      return api("POST", `/children/${childId}/exclusions`, {
        kind: k,
        startDate: valueIn(form, "exclusion-start"),
        ...(k === "suspension" && days ? { schoolDays: Number(days) } : {}),
        ...(k === "suspension" && sessions ? { sessions: Number(sessions) } : {}),
        ...(reason ? { reason } : {}),
      });
    },
    saved: (x) =>
      x?.kind === "permanent"
        ? `Permanent exclusion from ${date(x.startDate)} recorded.`
        : `Suspension from ${date(x?.startDate)} recorded.`,
  });
  // A permanent exclusion has no length.
  const form = /** @type {HTMLFormElement} */ (details.querySelector("form"));
  const showLength = () => {
    length.hidden = radioValue(form, "kind") === "permanent";
  };
  form.addEventListener("change", showLength);
  showLength();
  return details;
}
