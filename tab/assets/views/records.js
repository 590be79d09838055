/**
 * The child page's record sections: care-plan reviews (book the next, record one held), a
 * school place starting or ending, and a change of SEN status (exclusions and part-time
 * timetables are in exclusions.js). Each form is offered only to the roles that may use it
 * (the API still decides, and a refusal says why in a sentence).
 */
import { api } from "../api.js";
import { h } from "../dom.js";
import { date, SEN } from "../format.js";
import { checkDate, choice, dateInput, field, group, radioValue } from "../forms.js";
import { may } from "../session.js";
import { facts, section } from "./parts.js";

/** @typedef {import("../forms.js").Problem} Problem */
import { inputIn, smallForm, valueIn } from "./small-form.js";

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
