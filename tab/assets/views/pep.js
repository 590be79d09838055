/**
 * One PEP in full (#/children/<childId>/peps/<pepId>): the meeting, who came, the child's
 * views, the targets with the Pupil Premium Plus asked for and approved, and the Virtual
 * School's quality assurance. A held or returned PEP can be submitted from here; Virtual
 * School staff get the quality-assurance panel on a submitted one.
 */
import { ApiError, api } from "../api.js";
import { announce, h } from "../dom.js";
import { date, dateTime, money, PEP_STATUS, pepName, RAG } from "../format.js";
import { choice, errorSummary, field, group, handle, pence, pounds, radioValue } from "../forms.js";
import { may, refresh, setNotice } from "../session.js";
import { facts, pageTitle, section } from "./parts.js";

/** What the Virtual School judges a PEP on (core/peps/pep.workflow.ts QA_CRITERIA). */
export const QA_CRITERIA = [
  { key: "child_voice", label: "The child's views are recorded" },
  { key: "smart_targets", label: "Targets are SMART, each with an owner and a date" },
  { key: "attendance", label: "Attendance is addressed" },
  { key: "pp_plus_linked", label: "Pupil Premium Plus is linked to the targets" },
  { key: "sen_needs", label: "Special educational needs are addressed" },
  { key: "contributions", label: "The carer and the social worker contributed" },
];

/**
 * @typedef {{ id: number, text: string, owner: string, byDate: string, ppRequestedPence: number,
 *   ppApprovedPence: number | null }} Target
 */

/** @type {import("../app.js").View} */
export async function pepView({ id, pepId }) {
  const pep = await api("GET", `/peps/${pepId}`);
  const child = pep.child ?? { id, firstName: "", lastName: "" };
  const name = `${child.firstName} ${child.lastName}`.trim() || "The child";
  const title = `${pepName(pep.term)} for ${name}`;
  /** @type {Target[]} */
  const targets = pep.targets ?? [];
  const people = attendeesOf(pep);
  const pp = pep.pupilPremiumPlus;
  return {
    title,
    nodes: [
      h(
        "p",
        { class: "breadcrumb" },
        h("a", { href: "#/" }, "My caseload"),
        " › ",
        h("a", { href: `#/children/${child.id}` }, name),
      ),
      pageTitle(title),
      section(
        "pep-meeting-heading",
        "The meeting",
        facts([
          ["Status", statusText(pep)],
          ["Due by", date(pep.dueDate)],
          ["Meeting", pep.meetingDate ? date(pep.meetingDate) : "Not booked"],
          ["Submitted", pep.submittedAt ? dateTime(pep.submittedAt) : null],
          [
            "Who attended",
            people.length > 0 ? h("ul", { class: "plain" }, ...people.map((a) => h("li", {}, a))) : "Not recorded",
          ],
          ["The child’s views", pep.childViews ? h("span", { class: "prose" }, pep.childViews) : "Not recorded"],
        ]),
        (pep.status === "held" || pep.status === "returned") && may("pep")
          ? h(
              "div",
              { class: "form-actions" },
              h(
                "a",
                { href: `#/children/${child.id}/peps/${pep.id}/edit`, class: "button-link" },
                pep.status === "returned" ? "Make the changes asked for" : "Change this PEP",
              ),
              submitButton(pep.id),
            )
          : null,
      ),
      section(
        "pep-targets-heading",
        "Targets and Pupil Premium Plus",
        targetsTable(targets, pep.importedTargets ?? []),
        pp?.childYear ? childYear(pp.childYear) : null,
      ),
      qaOutcome(pep),
      pep.status === "submitted" && may("qualityAssure") ? qaPanel(pep, targets) : null,
    ],
  };
}

/**
 * The child's Pupil Premium Plus this school year, beside what this PEP asks for.
 * @param {{ allocated: number, released: number, approved: number, pending: number, remaining: number }} year
 */
function childYear(year) {
  return h(
    "p",
    { class: "hint" },
    `The child’s Pupil Premium Plus this school year: ${money(year.allocated)} allocated (${money(year.released)} released so far), ` +
      `${money(year.approved)} approved, ${money(year.pending)} waiting for quality assurance, ${money(year.remaining)} remaining.`,
  );
}

/**
 * The PEP's people, whether the API sends a list or lines of text.
 * @param {any} pep @returns {string[]}
 */
function attendeesOf(pep) {
  if (Array.isArray(pep.attendees)) return pep.attendees;
  if (typeof pep.attendees === "string") return pep.attendees.split("\n").filter(Boolean);
  return [];
}

/** @param {{ status: string, rag?: string | null }} pep */
function statusText(pep) {
  const words = PEP_STATUS[pep.status] ?? pep.status;
  return pep.rag ? h("span", {}, `${words} `, rag(pep.rag)) : words;
}

/** A RAG rating: the word carries it, the colour repeats it. @param {string} value */
export const rag = (value) => h("span", { class: `rag rag--${value}` }, RAG[value] ?? value);

/** @param {Target[]} targets @param {string[]} imported free-text targets of imported and older records */
function targetsTable(targets, imported) {
  if (targets.length === 0) {
    return imported.length > 0
      ? h("ul", {}, ...imported.map((t) => h("li", { class: "prose" }, t)))
      : h("p", { class: "muted" }, "No targets are recorded on this PEP.");
  }
  const requested = targets.reduce((n, t) => n + (t.ppRequestedPence ?? 0), 0);
  const decided = targets.some((t) => t.ppApprovedPence !== null && t.ppApprovedPence !== undefined);
  const approved = targets.reduce((n, t) => n + (t.ppApprovedPence ?? 0), 0);
  return h(
    "div",
    { class: "table-wrap", role: "region", "aria-label": "Targets", tabindex: 0 },
    h(
      "table",
      { class: "targets-table" },
      h(
        "caption",
        { class: "visually-hidden" },
        "SMART targets, who makes each happen, by when, and Pupil Premium Plus",
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "Target"),
          h("th", { scope: "col" }, "Who"),
          h("th", { scope: "col" }, "By"),
          h("th", { scope: "col", class: "num" }, "PP+ requested"),
          h("th", { scope: "col", class: "num" }, "PP+ approved"),
        ),
      ),
      h(
        "tbody",
        {},
        ...targets.map((t) =>
          h(
            "tr",
            {},
            h("td", { class: "prose" }, t.text),
            h("td", {}, t.owner),
            h("td", {}, date(t.byDate)),
            h("td", { class: "num" }, money(t.ppRequestedPence ?? 0)),
            h(
              "td",
              { class: "num" },
              t.ppApprovedPence === null || t.ppApprovedPence === undefined ? "Not decided" : money(t.ppApprovedPence),
            ),
          ),
        ),
      ),
      h(
        "tfoot",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "row", colspan: 3 }, "Total"),
          h("td", { class: "num" }, money(requested)),
          h("td", { class: "num" }, decided ? money(approved) : "Not decided"),
        ),
      ),
    ),
  );
}

/** What the Virtual School said, once it has. @param {any} pep */
function qaOutcome(pep) {
  const qa = pep.qualityAssurance;
  if (!qa) return null;
  const returned = qa.outcome === "returned";
  /** @type {{ label: string, met: boolean }[]} */
  const criteria = Array.isArray(qa.criteria) ? qa.criteria : [];
  return section(
    "pep-qa-outcome-heading",
    returned ? "Returned by the Virtual School" : "Quality assurance",
    facts([
      ["Outcome", returned ? "Returned for changes" : qa.rating ? h("span", {}, "Rated ", rag(qa.rating)) : "Rated"],
      ["By", [qa.by?.name, qa.at ? dateTime(qa.at) : null].filter(Boolean).join(", ") || null],
      [returned ? "What needs to change" : "Comment", qa.comment ? h("span", { class: "prose" }, qa.comment) : null],
      [
        "Criteria",
        !returned && criteria.length > 0
          ? h(
              "ul",
              { class: "plain criteria" },
              ...criteria.map((c) => h("li", {}, h("strong", {}, c.met ? "Met: " : "Not met: "), c.label)),
            )
          : null,
      ],
    ]),
  );
}

/**
 * "Submit to the Virtual School" for a held or returned PEP, with its own message line.
 * @param {number} pepId
 */
export function submitButton(pepId) {
  const button = h("button", { type: "button", class: "secondary" }, "Submit to the Virtual School");
  const said = h("p", { class: "form-error submit-pep__error", role: "alert", id: `pep-${pepId}-submit-error` });
  button.addEventListener("click", async () => {
    said.textContent = "";
    button.setAttribute("disabled", "");
    try {
      await api("POST", `/peps/${pepId}/submit`);
      setNotice("PEP submitted to the Virtual School for quality assurance.");
      refresh();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        window.dispatchEvent(new CustomEvent("vs:unauthenticated", { detail: err.message }));
        return;
      }
      said.textContent =
        err instanceof ApiError && err.status === 403
          ? "Not submitted: your role does not allow this."
          : `Not submitted. ${err instanceof Error ? err.message : ""}`;
      announce(said.textContent);
    } finally {
      button.removeAttribute("disabled");
    }
  });
  return h("div", { class: "submit-pep" }, button, said);
}

/**
 * The Virtual School's panel on a submitted PEP: the criteria met, a RAG rating, a comment,
 * the PP+ approved for each target; then "Quality-assured" or "Return for changes".
 * @param {{ id: number, childId?: number }} pep @param {Target[]} targets
 */
function qaPanel(pep, targets) {
  const summary = errorSummary("qa-errors");
  const criteria = group({
    id: "qa-criteria",
    legend: "Criteria the PEP meets",
    apiField: "criteria",
    className: "field choices",
    children: QA_CRITERIA.map((c) =>
      choice({ type: "checkbox", id: `qa-criterion-${c.key}`, name: "criteria", value: c.key, label: c.label }),
    ),
  });
  const rating = group({
    id: "qa-rating",
    legend: "Rating",
    hint: "Green: good. Amber: needs improvement. Red: inadequate (no PP+ is released unless you approve an amount).",
    apiField: "rating",
    className: "field choices choices--inline",
    children: ["green", "amber", "red"].map((value) =>
      choice({ type: "radio", id: `qa-rating-${value}`, name: "rating", value, label: RAG[value] ?? value }),
    ),
  });
  const comment = h("textarea", { name: "comment", rows: 3, maxlength: 2000 });
  const commentField = field({
    id: "qa-comment",
    label: "Comment",
    control: comment,
    apiField: "comment",
    hint: "Required when returning the PEP: say what needs to change.",
  });
  const approvals = targets.map((t, i) =>
    field({
      id: `qa-approve-${t.id}`,
      label: `PP+ approved for target ${i + 1} (£)`,
      hint: `“${t.text.length > 80 ? `${t.text.slice(0, 77)}…` : t.text}”: ${money(t.ppRequestedPence ?? 0)} requested.`,
      control: h("input", {
        type: "text",
        name: `approve-${t.id}`,
        value: pounds(t.ppRequestedPence ?? 0),
        inputmode: "decimal",
        autocomplete: "off",
        maxlength: 12,
      }),
      apiField: `approvals.${i}.approvedPence`,
    }),
  );
  const approve = h("button", { type: "submit", name: "action", value: "qa" }, "Quality-assured");
  const sendBack = h(
    "button",
    { type: "submit", name: "action", value: "return", class: "secondary" },
    "Return for changes",
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "record-form qa-form", novalidate: true, "aria-labelledby": "qa-heading" },
      summary,
      criteria,
      rating,
      commentField,
      approvals.length > 0
        ? h("fieldset", { class: "field" }, h("legend", {}, "Pupil Premium Plus approved"), ...approvals)
        : null,
      h("div", { class: "form-actions" }, approve, sendBack),
    )
  );
  const isReturn = (/** @type {HTMLElement | null} */ b) => b?.getAttribute("value") === "return";
  const input = (/** @type {string} */ id) =>
    /** @type {HTMLInputElement} */ (form.querySelector(`#${CSS.escape(id)}`));

  handle({
    form,
    summary,
    key: `pep-qa:${pep.id}`,
    check(submitter) {
      /** @type {import("../forms.js").Problem[]} */
      const problems = [];
      if (isReturn(submitter)) {
        if (!(/** @type {HTMLTextAreaElement} */ (comment).value.trim()))
          problems.push({ control: input("qa-comment"), message: "Say what needs to change before returning the PEP" });
        return problems;
      }
      if (!radioValue(form, "rating"))
        problems.push({ control: rating, message: "Choose a rating: green, amber or red" });
      targets.forEach((t, i) => {
        const box = input(`qa-approve-${t.id}`);
        const p = pence(box.value);
        if (p === null)
          problems.push({
            control: box,
            message: `Enter the amount approved for target ${i + 1} in pounds, for example 250`,
          });
        else if (p > (t.ppRequestedPence ?? 0))
          problems.push({
            control: box,
            message: `Target ${i + 1}: approve at most the ${money(t.ppRequestedPence ?? 0)} requested`,
          });
      });
      return problems;
    },
    send(submitter) {
      const text = /** @type {HTMLTextAreaElement} */ (comment).value.trim();
      if (isReturn(submitter)) return api("POST", `/peps/${pep.id}/return`, { comment: text });
      return api("POST", `/peps/${pep.id}/quality-assurance`, {
        rating: radioValue(form, "rating"),
        ...(text ? { comment: text } : {}),
        criteria: [...form.querySelectorAll("input[name=criteria]:checked")].map(
          (c) => /** @type {HTMLInputElement} */ (c).value,
        ),
        approvals: targets.map((t) => ({
          targetId: t.id,
          approvedPence: pence(input(`qa-approve-${t.id}`).value) ?? 0,
        })),
      });
    },
    done(_result, submitter) {
      setNotice(
        isReturn(submitter)
          ? "PEP returned for changes. The designated teacher and social worker are told."
          : `PEP quality-assured, rated ${RAG[radioValue(form, "rating")] ?? ""}. The designated teacher and social worker are told.`,
      );
      refresh();
    },
  });
  return h(
    "section",
    { class: "card card--panel", "aria-labelledby": "qa-heading" },
    h("h2", { id: "qa-heading" }, "Quality assurance"),
    h(
      "p",
      {},
      "Judge the PEP, rate it and approve the Pupil Premium Plus requested; or return it with what needs to change.",
    ),
    form,
  );
}
