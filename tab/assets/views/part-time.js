/**
 * Part-time timetables on the child page: the list, starting one, and moving its review
 * date or recording its end (designated teachers and the Virtual School).
 */
import { api } from "../api.js";
import { h } from "../dom.js";
import { date } from "../format.js";
import { checkDate, dateInput, field } from "../forms.js";

/** @typedef {import("../forms.js").Problem} Problem */
import { inputIn, smallForm, valueIn } from "./small-form.js";

/** @param {any[]} items */
export function partTimeList(items) {
  if (items.length === 0) return h("p", { class: "muted" }, "No part-time timetable is recorded.");
  return h(
    "ul",
    { class: "records" },
    ...items.map((t) =>
      h(
        "li",
        {},
        h("strong", {}, t.endedOn ? "Part-time timetable (ended)" : "Part-time timetable"),
        ` from ${date(t.startDate)}`,
        t.endedOn
          ? `, ended ${date(t.endedOn)}`
          : `, planned to end ${date(t.plannedEndDate)}, review ${date(t.reviewDate)}`,
        t.hoursPerWeek ? `, ${t.hoursPerWeek} hours a week` : "",
        t.reason ? h("span", { class: "records__note" }, t.reason) : null,
      ),
    ),
  );
}

/** @param {number} childId */
export function partTimeStartForm(childId) {
  return smallForm({
    childId,
    name: "part-time",
    title: "Start a part-time timetable",
    submitLabel: "Start the timetable",
    intro: "A part-time timetable is lawful only for a short time, with a date to review it.",
    fields: [
      h(
        "div",
        { class: "field-row" },
        field({ id: "part-time-start", label: "First day", control: dateInput("startDate"), apiField: "startDate" }),
        field({
          id: "part-time-end",
          label: "Planned end",
          control: dateInput("plannedEndDate"),
          apiField: "plannedEndDate",
        }),
        field({
          id: "part-time-review",
          label: "Review date",
          control: dateInput("reviewDate"),
          apiField: "reviewDate",
        }),
      ),
      field({
        id: "part-time-hours",
        label: "Hours a week (optional)",
        control: h("input", {
          type: "number",
          name: "hoursPerWeek",
          min: 0.5,
          max: 39.5,
          step: 0.5,
          inputmode: "decimal",
        }),
        apiField: "hoursPerWeek",
      }),
      field({
        id: "part-time-reason",
        label: "Reason (optional)",
        control: h("textarea", { name: "reason", rows: 2, maxlength: 500 }),
        apiField: "reason",
      }),
    ],
    check(form) {
      const start = inputIn(form, "part-time-start");
      const problems = [
        ...checkDate(start, { name: "the first day" }),
        ...checkDate(inputIn(form, "part-time-end"), {
          name: "the planned end",
          notBefore: start.value || undefined,
          beforeText: "The planned end must be on or after the first day",
        }),
        ...checkDate(inputIn(form, "part-time-review"), {
          name: "the review date",
          notBefore: start.value || undefined,
          beforeText: "The review date must be on or after the first day",
        }),
      ];
      const hours = valueIn(form, "part-time-hours");
      if (hours && !(Number(hours) > 0 && Number(hours) < 40))
        problems.push({ control: inputIn(form, "part-time-hours"), message: "Enter hours a week between 0 and 40" });
      return problems;
    },
    send(form) {
      const hours = valueIn(form, "part-time-hours");
      const reason = valueIn(form, "part-time-reason");
      return api("POST", `/children/${childId}/part-time`, {
        startDate: valueIn(form, "part-time-start"),
        plannedEndDate: valueIn(form, "part-time-end"),
        reviewDate: valueIn(form, "part-time-review"),
        ...(hours ? { hoursPerWeek: Number(hours) } : {}),
        ...(reason ? { reason } : {}),
      });
    },
    saved: (t) => `Part-time timetable from ${date(t?.startDate)} recorded, review on ${date(t?.reviewDate)}.`,
  });
}

/**
 * The open timetable: a new review date, or the day it ended.
 * @param {number} childId @param {{ id: number, startDate: string, reviewDate: string, plannedEndDate: string }} open @param {string} today
 */
export function partTimeUpdateForm(childId, open, today) {
  return smallForm({
    childId,
    name: "part-time-update",
    title: "Update the part-time timetable",
    submitLabel: "Save",
    intro: `Open since ${date(open.startDate)}; review on ${date(open.reviewDate)}. Give a new review date, or the day it ended.`,
    fields: [
      h(
        "div",
        { class: "field-row" },
        field({
          id: "part-time-new-review",
          label: "New review date",
          hint: "Today or later.",
          control: dateInput("reviewDate"),
          apiField: "reviewDate",
        }),
        field({
          id: "part-time-new-end",
          label: "New planned end (optional)",
          control: dateInput("plannedEndDate"),
          apiField: "plannedEndDate",
        }),
        field({
          id: "part-time-ended",
          label: "Or the day it ended",
          hint: "Back to full time; today or earlier.",
          control: dateInput("endedOn"),
          apiField: "endedOn",
        }),
      ),
    ],
    check(form) {
      const review = inputIn(form, "part-time-new-review");
      const ended = inputIn(form, "part-time-ended");
      if (!review.value && !ended.value && !valueIn(form, "part-time-new-end"))
        return [{ control: review, message: "Give a new review date, or the day the timetable ended" }];
      return [
        ...checkDate(review, {
          name: "the new review date",
          required: false,
          notBefore: today,
          beforeText: "The new review date must be today or later",
        }),
        ...checkDate(ended, {
          name: "the day it ended",
          required: false,
          notAfter: today,
          afterText: "The day it ended must be today or earlier",
          notBefore: open.startDate,
          beforeText: `The day it ended must be on or after its first day, ${date(open.startDate)}`,
        }),
      ];
    },
    send(form) {
      const body = Object.fromEntries(
        [
          ["reviewDate", valueIn(form, "part-time-new-review")],
          ["plannedEndDate", valueIn(form, "part-time-new-end")],
          ["endedOn", valueIn(form, "part-time-ended")],
        ].filter(([, v]) => v),
      );
      return api("PATCH", `/part-time/${open.id}`, body);
    },
    saved: (t) =>
      t?.endedOn
        ? `Part-time timetable ended on ${date(t.endedOn)}.`
        : `Part-time timetable review moved to ${date(t?.reviewDate)}.`,
  });
}
