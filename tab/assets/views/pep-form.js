/**
 * The PEP form (#/children/<id>/pep; the bot's cards link here): book the meeting for the
 * PEP owed now, or record it held with who attended, the child's views and SMART targets
 * (each with an owner, a date and any Pupil Premium Plus requested), and send it to the
 * Virtual School. Problems show next to their fields; nothing typed is lost on an error.
 * The same form changes a held or returned PEP before it is submitted (again):
 * #/children/<id>/peps/<pepId>/edit.
 */
import { api } from "../api.js";
import { h } from "../dom.js";
import { date, pepName } from "../format.js";
import {
  checkDate,
  choice,
  dateInput,
  errorSummary,
  field,
  forget,
  group,
  handle,
  pence,
  pounds,
  radioValue,
  textInput,
} from "../forms.js";
import { may, setNotice } from "../session.js";
import { facts, pageTitle } from "./parts.js";

/** @typedef {{ text: string, owner: string, byDate: string, pp: string }} TargetDraft */

/** @type {import("../app.js").View} */
export async function pepFormView({ id }) {
  const [status, peps] = await Promise.all([api("GET", `/children/${id}/status`), api("GET", `/children/${id}/peps`)]);
  const name = `${status.child.firstName} ${status.child.lastName}`;
  const title = `PEP for ${name}`;
  const pep = status.pep;
  const intro = [
    h(
      "p",
      { class: "breadcrumb" },
      h("a", { href: "#/" }, "My caseload"),
      " › ",
      h("a", { href: `#/children/${id}` }, name),
    ),
    pageTitle(title),
  ];
  if (!may("pep")) {
    return {
      title,
      nodes: [
        ...intro,
        h(
          "p",
          { class: "message" },
          "Your role does not record PEPs: the child’s designated teacher, social worker or the Virtual School do.",
        ),
      ],
    };
  }
  return {
    title,
    nodes: [
      ...intro,
      h(
        "p",
        { class: "lead" },
        "Book the PEP meeting, or record it once held. The PEP is for the period the Virtual School says is owed now.",
      ),
      facts(
        [
          ["PEP owed", pep.nextDueFor ? pepName(pep.nextDueFor) : pep.required ? "—" : "No PEP is required"],
          ["Due by", pep.nextDue ? date(pep.nextDue) : null],
          ["Booked for", pep.booked ? date(pep.booked) : null],
        ],
        "facts pep-context",
      ),
      // Overdue from an earlier term: a meeting now is this term's PEP (core/peps/pep.workflow.ts coveredTerm).
      pep.overdue && pep.nextDueFor !== "initial"
        ? h(
            "p",
            { class: "hint" },
            "That term has ended: a meeting held or booked now counts as the PEP for the term it falls in, held late.",
          )
        : null,
      unfinished(id, peps.items),
      pepForm(id, status.asOf, pep.booked ?? null),
    ],
  };
}

/**
 * A PEP already held (say from a card's "held on") or returned, not yet submitted: the
 * meeting's record belongs there, not in the next PEP this form would book.
 * @param {number} childId
 * @param {{ id?: number, term: string, status: string, meetingDate: string | null }[]} items
 */
function unfinished(childId, items) {
  const open = items.filter((p) => p.id && (p.status === "held" || p.status === "returned"));
  if (open.length === 0) return null;
  return h(
    "div",
    { class: "notice pep-unfinished" },
    ...open.map((p) =>
      h(
        "p",
        {},
        p.status === "returned"
          ? `The ${pepName(p.term)} was returned by the Virtual School for changes. `
          : `The ${pepName(p.term)}, held${p.meetingDate ? ` on ${date(p.meetingDate)}` : ""}, is not submitted yet. `,
        h(
          "a",
          { href: `#/children/${childId}/peps/${p.id}/edit` },
          p.status === "returned"
            ? `Make the changes to the ${pepName(p.term)}`
            : `Add who attended, the child’s views and the targets to the ${pepName(p.term)}`,
        ),
      ),
    ),
  );
}

/**
 * A held PEP, or one the Virtual School returned, changed before it is submitted.
 * @type {import("../app.js").View}
 */
export async function pepEditView({ id, pepId }) {
  const [pep, status] = await Promise.all([api("GET", `/peps/${pepId}`), api("GET", `/children/${id}/status`)]);
  const name = `${pep.child?.firstName ?? status.child.firstName} ${pep.child?.lastName ?? status.child.lastName}`;
  const title = `Change the ${pepName(pep.term)} for ${name}`;
  const back = `#/children/${id}/peps/${pepId}`;
  const editable = (pep.status === "held" || pep.status === "returned") && may("pep");
  return {
    title,
    nodes: [
      h(
        "p",
        { class: "breadcrumb" },
        h("a", { href: "#/" }, "My caseload"),
        " › ",
        h("a", { href: `#/children/${id}` }, name),
        " › ",
        h("a", { href: back }, pepName(pep.term)),
      ),
      pageTitle(title),
      editable
        ? pep.status === "returned" && pep.qualityAssurance?.comment
          ? h(
              "div",
              { class: "notice" },
              h("p", {}, h("strong", {}, "What the Virtual School asked to change: ")),
              h("p", { class: "prose" }, pep.qualityAssurance.comment),
            )
          : null
        : h(
            "p",
            { class: "message" },
            "Only a held PEP, or one the Virtual School returned, can be changed, by the child’s designated teacher, social worker or the Virtual School.",
          ),
      editable ? pepForm(id, status.asOf, null, pep) : null,
    ],
  };
}

/**
 * @param {number} childId
 * @param {string} today the service's today (its clock), for the date checks
 * @param {string | null} booked a booked meeting's date
 * @param {any} [existing] the held or returned PEP being changed (GET /peps/:id)
 */
function pepForm(childId, today, booked, existing) {
  const key = existing ? `${childId}:pep:${existing.id}` : `${childId}:pep`;
  const summary = errorSummary("pep-errors");
  const kind = group({
    id: "pep-kind",
    legend: "What are you recording?",
    apiField: "status",
    className: "field choices",
    children: [
      choice({
        type: "radio",
        id: "pep-kind-booked",
        name: "status",
        value: "booked",
        label: "The meeting is booked",
        checked: !booked,
      }),
      choice({
        type: "radio",
        id: "pep-kind-held",
        name: "status",
        value: "held",
        label: "The meeting has been held",
        checked: !!booked,
      }),
    ],
  });
  const meeting = /** @type {HTMLInputElement} */ (
    dateInput("meetingDate", {
      value: existing ? existing.meetingDate : booked && booked <= today ? booked : null,
    })
  );
  const meetingField = field({
    id: "pep-meeting-date",
    label: "Meeting date",
    control: meeting,
    apiField: "meetingDate",
    hint: existing
      ? "The day it took place, today or earlier."
      : "Booked: the day of the meeting, today or later. Held: the day it took place, today or earlier.",
  });

  // Who attended: one line each, added and removed as rows.
  const attendeeRows = h("ol", { class: "rows", id: "pep-attendees-list" });
  /** @type {string[]} */
  let attendees = existing?.attendees?.length ? [...existing.attendees] : [""];
  const addAttendee = h("button", { type: "button", class: "secondary" }, "Add another person");
  const attendeesGroup = group({
    id: "pep-attendees",
    legend: "Who attended",
    hint: "A name and role on each line, for example: Ms Patel, designated teacher.",
    apiField: "attendees",
    children: [attendeeRows, addAttendee],
  });

  const views = h("textarea", { name: "childViews", rows: 4, maxlength: 4000 }, existing?.childViews ?? "");
  const viewsField = field({
    id: "pep-child-views",
    label: "The child’s views",
    control: views,
    apiField: "childViews",
    hint: "In the child’s own words where you can.",
  });

  const targetRows = h("ol", { class: "rows targets", id: "pep-targets-list" });
  /** @type {TargetDraft[]} */
  let targets = existing?.targets?.length
    ? existing.targets.map((/** @type {any} */ t) => ({
        text: t.text,
        owner: t.owner,
        byDate: t.byDate,
        pp: t.ppRequestedPence ? pounds(t.ppRequestedPence) : "",
      }))
    : [emptyTarget()];
  const addTarget = h("button", { type: "button", class: "secondary" }, "Add another target");
  const targetsGroup = group({
    id: "pep-targets",
    legend: "SMART targets",
    hint: "What the child will achieve, who makes it happen and by when. Pupil Premium Plus is requested against a target.",
    apiField: "targets",
    children: [targetRows, addTarget],
  });

  const submit = choice({
    type: "checkbox",
    id: "pep-submit",
    name: "submit",
    value: "yes",
    label:
      existing?.status === "returned"
        ? "Submit to the Virtual School again now"
        : "Submit to the Virtual School for quality assurance now",
    hint: "Leave this unticked to finish the PEP first; you can submit it from the child’s page.",
  });
  const held = h("div", { class: "held-part", id: "pep-held-part" }, attendeesGroup, viewsField, targetsGroup, submit);

  const save = h("button", { type: "submit" }, "Save PEP");
  const cancel = h(
    "a",
    { href: existing ? `#/children/${childId}/peps/${existing.id}` : `#/children/${childId}`, class: "cancel" },
    "Cancel",
  );
  cancel.addEventListener("click", () => forget(key));
  const form = /** @type {HTMLFormElement} */ (
    h(
      "form",
      { class: "card record-form pep-form", novalidate: true, "aria-label": "PEP" },
      summary,
      existing ? null : kind,
      meetingField,
      held,
      h("div", { class: "form-actions" }, save, cancel),
    )
  );

  const isHeld = () => !!existing || radioValue(form, "status") === "held";
  const showHeld = () => {
    held.hidden = !isHeld();
    save.textContent = existing ? "Save changes" : isHeld() ? "Save PEP" : "Book the meeting";
  };
  form.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === "status") showHeld();
  });

  /** The values typed so far, read from the rows' inputs. */
  function readRows() {
    attendees = [...attendeeRows.querySelectorAll("input")].map((i) => /** @type {HTMLInputElement} */ (i).value);
    targets = [...targetRows.children].map((_, i) => ({
      text: inputValue(targetRows, `pep-target-${i}-text`),
      owner: inputValue(targetRows, `pep-target-${i}-owner`),
      byDate: inputValue(targetRows, `pep-target-${i}-by`),
      pp: inputValue(targetRows, `pep-target-${i}-pp`),
    }));
  }

  function drawAttendees() {
    attendeeRows.replaceChildren(
      ...attendees.map((value, i) => {
        const input = textInput(`attendees-${i}`, { value, maxlength: 200, autocomplete: "off" });
        const remove = h(
          "button",
          { type: "button", class: "secondary remove", "aria-label": `Remove person ${i + 1}` },
          "Remove",
        );
        remove.addEventListener("click", () => {
          readRows();
          attendees.splice(i, 1);
          if (attendees.length === 0) attendees.push("");
          drawAttendees();
          focusRow(attendeeRows, Math.min(i, attendees.length - 1), addAttendee);
        });
        return h(
          "li",
          { class: "row" },
          field({
            id: `pep-attendee-${i}`,
            label: `Person ${i + 1}`,
            control: input,
            apiField: `attendees.${i}`,
            className: "field field--inline",
          }),
          remove,
        );
      }),
    );
  }

  function drawTargets() {
    targetRows.replaceChildren(
      ...targets.map((t, i) => {
        const n = i + 1;
        const remove = h(
          "button",
          { type: "button", class: "secondary remove", "aria-label": `Remove target ${n}` },
          "Remove target",
        );
        remove.addEventListener("click", () => {
          readRows();
          targets.splice(i, 1);
          if (targets.length === 0) targets.push(emptyTarget());
          drawTargets();
          focusRow(targetRows, Math.min(i, targets.length - 1), addTarget);
        });
        return h(
          "li",
          { class: "row row--target" },
          h(
            "fieldset",
            { class: "target", id: `pep-target-${i}` },
            h("legend", {}, `Target ${n}`),
            field({
              id: `pep-target-${i}-text`,
              label: "What the child will achieve",
              control: h("textarea", { name: `targets-${i}-text`, rows: 2, maxlength: 1000 }, t.text),
              apiField: `targets.${i}.text`,
            }),
            h(
              "div",
              { class: "field-row" },
              field({
                id: `pep-target-${i}-owner`,
                label: "Who makes it happen",
                control: textInput(`targets-${i}-owner`, { value: t.owner, maxlength: 200 }),
                apiField: `targets.${i}.owner`,
              }),
              field({
                id: `pep-target-${i}-by`,
                label: "By when",
                control: dateInput(`targets-${i}-by`, { value: t.byDate || null }),
                apiField: `targets.${i}.byDate`,
              }),
              field({
                id: `pep-target-${i}-pp`,
                label: "Pupil Premium Plus requested (£)",
                hint: "Optional. In pounds, for example 250.",
                control: textInput(`targets-${i}-pp`, {
                  value: t.pp,
                  inputmode: "decimal",
                  autocomplete: "off",
                  maxlength: 12,
                }),
                apiField: `targets.${i}.ppRequestedPence`,
              }),
            ),
            remove,
          ),
        );
      }),
    );
  }

  addAttendee.addEventListener("click", () => {
    readRows();
    attendees.push("");
    drawAttendees();
    focusRow(attendeeRows, attendees.length - 1, addAttendee);
  });
  addTarget.addEventListener("click", () => {
    readRows();
    targets.push(emptyTarget());
    drawTargets();
    focusRow(targetRows, targets.length - 1, addTarget);
  });

  drawAttendees();
  drawTargets();

  /** @returns {import("../forms.js").Problem[]} */
  function check() {
    readRows();
    const holding = isHeld();
    const problems = checkDate(meeting, {
      name: "the meeting date",
      ...(holding
        ? { notAfter: today, afterText: "A held meeting’s date must be today or earlier" }
        : { notBefore: today, beforeText: "A booked meeting’s date must be today or later" }),
    });
    if (!holding) return problems;
    targets.forEach((t, i) => {
      if (isEmptyTarget(t)) return;
      const at = (/** @type {string} */ part) => /** @type {HTMLElement} */ (byIdIn(form, `pep-target-${i}-${part}`));
      if (!t.text.trim()) problems.push({ control: at("text"), message: `Say what target ${i + 1} is` });
      if (!t.owner.trim()) problems.push({ control: at("owner"), message: `Say who makes target ${i + 1} happen` });
      problems.push(...checkDate(/** @type {HTMLInputElement} */ (at("by")), { name: `the date for target ${i + 1}` }));
      if (pence(t.pp) === null)
        problems.push({
          control: at("pp"),
          message: `Enter the Pupil Premium Plus for target ${i + 1} in pounds, for example 250 or 250.50`,
        });
    });
    return problems;
  }

  /** @returns {Record<string, any>} */
  function body() {
    if (!isHeld()) return { status: "booked", meetingDate: meeting.value };
    // Rows left empty are not sent; the API's field names then count only those sent,
    // so the rows are redrawn without them first (see send).
    const people = attendees.map((a) => a.trim()).filter(Boolean);
    const agreed = targets.filter((t) => !isEmptyTarget(t));
    const checkbox = /** @type {HTMLInputElement} */ (byIdIn(form, "pep-submit"));
    return {
      status: "held",
      meetingDate: meeting.value,
      ...(people.length > 0 ? { attendees: people } : {}),
      ...(views instanceof HTMLTextAreaElement && views.value.trim() ? { childViews: views.value.trim() } : {}),
      ...(agreed.length > 0
        ? {
            targets: agreed.map((t) => ({
              text: t.text.trim(),
              owner: t.owner.trim(),
              byDate: t.byDate,
              ...(pence(t.pp) ? { ppRequestedPence: pence(t.pp) } : {}),
            })),
          }
        : {}),
      ...(checkbox.checked ? { submit: true } : {}),
    };
  }

  /** Drops empty rows, so row n on screen is item n in the request (and in its errors). */
  function compact() {
    readRows();
    const people = attendees.filter((a) => a.trim());
    const agreed = targets.filter((t) => !isEmptyTarget(t));
    if (people.length !== attendees.length && people.length > 0) {
      attendees = people;
      drawAttendees();
    }
    if (agreed.length !== targets.length && agreed.length > 0) {
      targets = agreed;
      drawTargets();
    }
  }

  handle({
    form,
    summary,
    key,
    state: () => {
      readRows();
      return { attendees: attendees.length, targets: targets.length };
    },
    restoreState: (state) => {
      attendees = Array.from({ length: Math.max(1, Number(state?.attendees) || 1) }, () => "");
      targets = Array.from({ length: Math.max(1, Number(state?.targets) || 1) }, emptyTarget);
      drawAttendees();
      drawTargets();
    },
    check,
    send: async () => {
      if (isHeld()) compact();
      if (!existing) return api("POST", `/children/${childId}/peps`, body());
      // A change sends every part, so what was cleared on screen is cleared on record.
      const { status: _held, submit, ...content } = body();
      const changed = await api("PATCH", `/peps/${existing.id}`, {
        attendees: [],
        childViews: "",
        targets: [],
        ...content,
      });
      return submit ? api("POST", `/peps/${existing.id}/submit`) : changed;
    },
    done: (result) => {
      if (existing) {
        const saved = /** @type {{ status?: string }} */ (result ?? {});
        setNotice(
          saved.status === "submitted"
            ? "Changes saved, and the PEP submitted to the Virtual School."
            : "Changes to the PEP saved.",
        );
        location.hash = `#/children/${childId}/peps/${existing.id}`;
        return;
      }
      const saved = /** @type {{ status?: string, meetingDate?: string }} */ (result ?? {});
      const when = date(saved.meetingDate ?? meeting.value);
      setNotice(
        saved.status === "booked" || !isHeld()
          ? `PEP meeting booked for ${when}.`
          : saved.status === "submitted"
            ? `PEP held on ${when} recorded and submitted to the Virtual School.`
            : `PEP held on ${when} recorded.`,
      );
      location.hash = `#/children/${childId}`;
    },
  });
  showHeld();
  return form;
}

/** @returns {TargetDraft} */
const emptyTarget = () => ({ text: "", owner: "", byDate: "", pp: "" });

/** @param {TargetDraft} t */
const isEmptyTarget = (t) => !t.text.trim() && !t.owner.trim() && !t.byDate && !t.pp.trim();

/** @param {Element} root @param {string} id */
function inputValue(root, id) {
  const el = byIdIn(root, id);
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : "";
}

/** @param {Element} root @param {string} id */
const byIdIn = (root, id) => root.querySelector(`#${CSS.escape(id)}`);

/**
 * Focus row `i`'s first input after rows change, or `fallback`.
 * @param {HTMLElement} list @param {number} i @param {HTMLElement} fallback
 */
function focusRow(list, i, fallback) {
  const row = list.children[i];
  const input = row?.querySelector("input, textarea");
  if (input instanceof HTMLElement) input.focus();
  else fallback.focus();
}
