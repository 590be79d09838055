/**
 * The child page's record sections and their small forms: care-plan reviews (book the next,
 * record one held), suspensions and exclusions, part-time timetables, a school place
 * starting or ending, and a change of SEN status. Each form is offered only to the roles
 * that may use it (the API still decides, and a refusal says why in a sentence).
 */
import { api } from "../api.js";
import { h } from "../dom.js";
import { date, plural, SEN } from "../format.js";
import { checkDate, choice, dateInput, errorSummary, field, group, handle, radioValue } from "../forms.js";
import { may, refresh, setNotice } from "../session.js";
import { facts, section } from "./parts.js";

/** @typedef {import("../forms.js").Problem} Problem */

/** SSDA903 review codes: how the child took part in their review. */
const REVIEW_CODES = [
  ["PN0", "PN0: child under 4 at the time"],
  ["PN1", "PN1: child attended and spoke for themselves"],
  ["PN2", "PN2: child attended, an advocate spoke for them"],
  ["PN3", "PN3: child attended, views given by other means"],
  ["PN4", "PN4: child attended but did not give views"],
  ["PN5", "PN5: child did not attend, an advocate gave their views"],
  ["PN6", "PN6: child did not attend, views given by other means"],
  ["PN7", "PN7: child did not attend or give views"],
];

const YEAR_GROUPS = ["N1", "N2", "R", ...Array.from({ length: 14 }, (_, i) => String(i + 1))];

/**
 * A small form folded into a disclosure: its fields, one submit button, its own error
 * summary. Opened at once when it holds a draft (an earlier save failed).
 * @param {{ childId: number, name: string, title: string, submitLabel: string, fields: (Node | null)[],
 *   check(form: HTMLFormElement): Problem[], send(form: HTMLFormElement): Promise<unknown>, saved(result: any, form: HTMLFormElement): string,
 *   intro?: string }} options
 */
function smallForm({ childId, name, title, submitLabel, fields, check, send, saved, intro }) {
  const summary = errorSummary(`${name}-errors`);
  const form = /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "record-form record-form--small", novalidate: true, "aria-label": title },
      summary,
      intro ? h("p", { class: "hint" }, intro) : null,
      ...fields,
      h("div", { class: "form-actions" }, h("button", { type: "submit" }, submitLabel)),
    )
  );
  const { restored } = handle({
    form,
    summary,
    key: `${childId}:${name}`,
    check: () => check(form),
    send: () => send(form),
    done: (result) => {
      setNotice(saved(result, form));
      refresh();
    },
  });
  return h(
    "details",
    { class: "record-details", id: `${name}-details`, open: restored },
    h("summary", {}, title),
    form,
  );
}

/** @param {HTMLFormElement} form @param {string} id */
const inputIn = (form, id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${CSS.escape(id)}`));

/** @param {HTMLFormElement} form @param {string} id */
const valueIn = (form, id) => inputIn(form, id)?.value.trim() ?? "";

/**
 * Care-plan reviews: the next statutory date, the booking, those held; book or record.
 * @param {number} childId
 * @param {{ asOf: string, nextReviewDue: string | null, nextReviewPlanned: string | null, reviewOverdue: boolean,
 *   items: { id: number, status: string, date: string, code: string | null }[] } | null} reviews
 * @param {string} today
 */
export function reviewsSection(childId, reviews, today) {
  if (!reviews) return null;
  const booking = reviews.items.find((r) => r.status === "planned" && r.date >= today) ?? null;
  const held = reviews.items.filter((r) => r.status !== "planned");
  // A booking whose day came without the review being recorded held (latest first).
  const passed = reviews.items.find((r) => r.status === "planned" && r.date <= today) ?? null;
  const forms = may("review")
    ? [
        smallForm({
          childId,
          name: "review-book",
          title: booking ? "Move the booked review" : "Book the next review",
          submitLabel: "Book the review",
          intro: reviews.nextReviewDue ? `The next review is due by ${date(reviews.nextReviewDue)}.` : undefined,
          fields: [
            field({
              id: "review-planned-date",
              label: "Date of the review",
              control: dateInput("plannedDate", { value: booking?.date ?? null }),
              apiField: "plannedDate",
              hint: "Today or later.",
            }),
          ],
          check: (form) =>
            checkDate(inputIn(form, "review-planned-date"), {
              name: "the date of the review",
              notBefore: today,
              beforeText: "A review is booked for today or later: record one that has taken place as held",
            }),
          send: (form) =>
            api("POST", `/children/${childId}/reviews`, { plannedDate: valueIn(form, "review-planned-date") }),
          saved: (r) =>
            r?.previousDate
              ? `Review moved from ${date(r.previousDate)} to ${date(r.plannedDate ?? r.date)}.`
              : `Review booked for ${date(r?.plannedDate ?? r?.date)}.`,
        }),
        smallForm({
          childId,
          name: "review-held",
          title: "Record a review held",
          submitLabel: "Record the review",
          intro: passed
            ? `The review booked for ${date(passed.date)} has not been recorded as held yet.`
            : "A review held near a booked date fulfils that booking.",
          fields: [
            field({
              id: "review-held-on",
              label: "The day it was held",
              control: dateInput("heldOn", { value: passed?.date ?? null }),
              apiField: "heldOn",
              hint: "Today or earlier.",
            }),
            field({
              id: "review-code",
              label: "How the child took part (optional)",
              control: h(
                "select",
                { name: "code" },
                h("option", { value: "" }, "Not known"),
                ...REVIEW_CODES.map(([value, label]) => h("option", { value }, label)),
              ),
              apiField: "code",
            }),
          ],
          check: (form) =>
            checkDate(inputIn(form, "review-held-on"), {
              name: "the day the review was held",
              notAfter: today,
              afterText: "A review is recorded as held on the day it took place, today or earlier",
            }),
          // The service finds the booking it fulfils (the one on that day, or the nearest).
          send: (form) => {
            const code = valueIn(form, "review-code");
            return api("POST", `/children/${childId}/reviews/held`, {
              heldOn: valueIn(form, "review-held-on"),
              ...(code ? { code } : {}),
            });
          },
          saved: (r) => `Review held on ${date(r?.heldOn ?? r?.date)} recorded.`,
        }),
      ]
    : [];
  return section(
    "reviews-heading",
    "Care-plan reviews",
    facts([
      ["Next review due by", date(reviews.nextReviewDue)],
      ["Booked for", reviews.nextReviewPlanned ? date(reviews.nextReviewPlanned) : "Not booked"],
      ["Overdue", reviews.reviewOverdue ? h("span", { class: "badge badge--red" }, "Review overdue") : null],
      ["Booked, not yet recorded held", passed ? date(passed.date) : null],
      ["Last held", held[0] ? date(held[0].date) : "None recorded"],
    ]),
    ...forms,
  );
}

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

/** @param {any[]} items */
function partTimeList(items) {
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

/** @param {number} childId */
function partTimeStartForm(childId) {
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
function partTimeUpdateForm(childId, open, today) {
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

/**
 * A new school place, a place ending, and SEN status: the social worker's and the
 * Virtual School's forms.
 * @param {number} childId
 * @param {any} status the child's status
 * @param {{ id: number, name: string }[] | null} schools
 */
export function placeAndSenSection(childId, status, schools) {
  if (!may("place")) return null;
  const today = status.asOf;
  const startPlace = smallForm({
    childId,
    name: "place-start",
    title: "Record a new school place",
    submitLabel: "Record the place",
    intro: status.school
      ? `A new place ends the place at ${status.school.schoolName} the day before it starts.`
      : undefined,
    fields: [
      field({
        id: "place-school",
        label: "School",
        control: h(
          "select",
          { name: "schoolId" },
          h("option", { value: "" }, "Choose a school"),
          ...(schools ?? []).map((s) => h("option", { value: s.id }, s.name)),
        ),
        apiField: "schoolId",
      }),
      h(
        "div",
        { class: "field-row" },
        field({ id: "place-from", label: "First day", control: dateInput("fromDate"), apiField: "fromDate" }),
        field({
          id: "place-year",
          label: "Year group (optional)",
          control: h(
            "select",
            { name: "yearGroup" },
            h("option", { value: "" }, "Not known"),
            ...YEAR_GROUPS.map((g) =>
              h("option", { value: g }, /^\d+$/.test(g) ? `Year ${g}` : g === "R" ? "Reception" : `Nursery ${g}`),
            ),
          ),
          apiField: "yearGroup",
        }),
      ),
    ],
    check(form) {
      /** @type {Problem[]} */
      const problems = [];
      if (!valueIn(form, "place-school"))
        problems.push({ control: inputIn(form, "place-school"), message: "Choose the school" });
      return [...problems, ...checkDate(inputIn(form, "place-from"), { name: "the first day" })];
    },
    send(form) {
      const year = valueIn(form, "place-year");
      return api("POST", `/children/${childId}/enrolments`, {
        schoolId: Number(valueIn(form, "place-school")),
        fromDate: valueIn(form, "place-from"),
        ...(year ? { yearGroup: year } : {}),
      });
    },
    saved: (p) => `School place at ${p?.school?.name ?? "the school"} from ${date(p?.fromDate)} recorded.`,
  });
  const endPlace = status.school
    ? smallForm({
        childId,
        name: "place-end",
        title: "Record the place ending",
        submitLabel: "Record the end",
        intro: `The place at ${status.school.schoolName}, on roll since ${date(status.school.fromDate)}.`,
        fields: [
          field({ id: "place-to", label: "Last day on roll", control: dateInput("toDate"), apiField: "toDate" }),
        ],
        check: (form) =>
          checkDate(inputIn(form, "place-to"), {
            name: "the last day on roll",
            notBefore: status.school.fromDate,
            beforeText: "The last day must be on or after the first day of the place",
          }),
        send: (form) => api("POST", `/children/${childId}/enrolments/end`, { toDate: valueIn(form, "place-to") }),
        saved: (p) => `The place at ${p?.school?.name ?? status.school.schoolName} ends on ${date(p?.toDate)}.`,
      })
    : null;
  const sen = smallForm({
    childId,
    name: "sen",
    title: "Record a change of SEN status",
    submitLabel: "Record the change",
    intro: `Now: ${SEN[status.sen.status] ?? status.sen.status}.`,
    fields: [
      group({
        id: "sen-status",
        legend: "SEN status",
        apiField: "status",
        className: "field choices",
        children: Object.entries(SEN).map(([value, label]) =>
          choice({ type: "radio", id: `sen-status-${value}`, name: "senStatus", value, label, checked: false }),
        ),
      }),
      field({
        id: "sen-from",
        label: "From",
        hint: "The day it took effect, today or earlier.",
        control: dateInput("fromDate"),
        apiField: "fromDate",
      }),
    ],
    check(form) {
      /** @type {Problem[]} */
      const problems = [];
      if (!radioValue(form, "senStatus"))
        problems.push({
          control: /** @type {HTMLElement} */ (form.querySelector("#sen-status")),
          message: "Choose the SEN status",
        });
      return [
        ...problems,
        ...checkDate(inputIn(form, "sen-from"), {
          name: "the date it took effect",
          notAfter: today,
          afterText: "An SEN status is recorded from the day it took effect, today or earlier",
        }),
      ];
    },
    send: (form) =>
      api("POST", `/children/${childId}/sen`, {
        status: radioValue(form, "senStatus"),
        fromDate: valueIn(form, "sen-from"),
      }),
    saved: (s) => `SEN status ${SEN[s?.status] ?? s?.status} from ${date(s?.fromDate)} recorded.`,
  });
  return section("place-records-heading", "School place and SEN", startPlace, endPlace, sen);
}
