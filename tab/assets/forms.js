/**
 * The pieces of the tab's record forms: labelled fields with a hint and a place for their
 * error, an error summary that links to each field, the API's problem+json field errors
 * put next to the fields they name, and a submit that never clears what was typed unless
 * the save went through. Each control that the API can name carries `data-field` with the
 * API's path for it ("meetingDate", "targets.1.byDate").
 */
import { ApiError } from "./api.js";
import { announce, h } from "./dom.js";
import { draft, dropDraft, keepDraft } from "./session.js";

/** @typedef {HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement} Control */
/** @typedef {{ control: HTMLElement | null, message: string }} Problem */

/**
 * A control with its label, hint and error slot. The error's id is `<id>-error`.
 * @param {{ id: string, label: string, control: HTMLElement, hint?: string, apiField?: string, className?: string }} options
 */
export function field({ id, label, control, hint, apiField, className = "field" }) {
  control.id = id;
  if (apiField) control.dataset.field = apiField;
  if (hint) control.setAttribute("aria-describedby", `${id}-hint`);
  return h(
    "div",
    { class: className },
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
    h("p", { class: "field-error", id: `${id}-error` }),
    control,
  );
}

/**
 * A group of radios or checkboxes under a legend; its error slot is `<id>-error`.
 * @param {{ id: string, legend: string, hint?: string, apiField?: string, children: Node[], className?: string }} options
 */
export function group({ id, legend, hint, apiField, children, className = "field" }) {
  const set = h(
    "fieldset",
    { class: className, id, "aria-describedby": hint ? `${id}-hint` : null },
    h("legend", {}, legend),
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
    h("p", { class: "field-error", id: `${id}-error` }),
    ...children,
  );
  if (apiField) set.dataset.field = apiField;
  return set;
}

/**
 * One radio or checkbox with its label beside it.
 * @param {{ type: "radio" | "checkbox", id: string, name: string, value: string, label: string, checked?: boolean, hint?: string }} options
 */
export function choice({ type, id, name, value, label, checked = false, hint }) {
  const input = h("input", {
    type,
    id,
    name,
    value,
    checked,
    "aria-describedby": hint ? `${id}-hint` : null,
  });
  return h(
    "div",
    { class: "choice" },
    input,
    h("label", { for: id }, label),
    hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null,
  );
}

/** @param {string} id @param {Record<string, string | number | boolean | null | undefined>} [attrs] */
export const dateInput = (id, attrs = {}) => h("input", { type: "date", name: id, ...attrs });

/** @param {string} id @param {Record<string, string | number | boolean | null | undefined>} [attrs] */
export const textInput = (id, attrs = {}) => h("input", { type: "text", name: id, ...attrs });

/**
 * An amount in pounds as people type it ("£250", "1,200.50") → whole pence, or null if it
 * is not one. Empty is 0.
 * @param {string} text
 * @returns {number | null}
 */
export function pence(text) {
  const plain = text.trim().replace(/^£/, "").replaceAll(",", "").trim();
  if (plain === "") return 0;
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(plain);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

/** Pence → "250.00" for an input's value. @param {number | null | undefined} p */
export const pounds = (p) => (p === null || p === undefined ? "" : (p / 100).toFixed(2));

/**
 * The box at the top of a form that lists what is wrong, each line a link to its field.
 * @param {string} id
 */
export function errorSummary(id) {
  return h(
    "div",
    { class: "error-summary", id, tabindex: "-1", hidden: true, "aria-labelledby": `${id}-title` },
    h("h2", { class: "error-summary__title", id: `${id}-title` }, "There is a problem"),
    h("ul", { class: "error-summary__list" }),
  );
}

/** Takes an error off a control (or fieldset) and its message away. @param {Element} control */
function clearOne(control) {
  control.removeAttribute("aria-invalid");
  const error = document.getElementById(`${control.id}-error`);
  if (error) error.textContent = "";
  const described = (control.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .filter((id) => id && id !== `${control.id}-error`);
  if (described.length > 0) control.setAttribute("aria-describedby", described.join(" "));
  else control.removeAttribute("aria-describedby");
}

/** Puts `message` next to `control`. @param {HTMLElement} control @param {string} message */
function markOne(control, message) {
  const error = document.getElementById(`${control.id}-error`);
  if (error) error.textContent = message;
  // Fieldsets carry the message only; controls are also marked invalid.
  if (control.tagName !== "FIELDSET") control.setAttribute("aria-invalid", "true");
  const described = (control.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  if (!described.includes(`${control.id}-error`)) described.push(`${control.id}-error`);
  control.setAttribute("aria-describedby", described.join(" "));
}

/**
 * The first thing to focus for a field: a control, or a fieldset's first input.
 * @param {HTMLElement} el @returns {HTMLElement}
 */
function focusable(el) {
  const first = el.tagName === "FIELDSET" ? el.querySelector("input, select, textarea") : null;
  return first instanceof HTMLElement ? first : el;
}

/**
 * A form's problems: shown next to each field and listed in the summary, which takes focus.
 * @param {HTMLFormElement} form @param {HTMLElement} summary
 */
export function problemsOf(form, summary) {
  const list = /** @type {HTMLElement} */ (summary.querySelector("ul"));
  return {
    clear() {
      for (const el of form.querySelectorAll("[aria-invalid], fieldset[id]")) clearOne(el);
      for (const el of form.querySelectorAll(".field-error")) el.textContent = "";
      list.replaceChildren();
      summary.hidden = true;
    },

    /** @param {Problem[]} problems @param {string} [detail] a sentence about the whole form */
    show(problems, detail) {
      this.clear();
      const lines = [];
      if (detail) lines.push(h("li", {}, detail));
      for (const { control, message } of problems) {
        if (!control) {
          lines.push(h("li", {}, message));
          continue;
        }
        markOne(control, message);
        const go = h("a", { href: `#${control.id}`, class: "error-summary__link" }, message);
        // The tab routes on the fragment: jump to the field without leaving the page.
        go.addEventListener("click", (event) => {
          event.preventDefault();
          focusable(control).focus();
        });
        lines.push(h("li", {}, go));
      }
      list.replaceChildren(...lines);
      summary.hidden = false;
      summary.focus();
    },

    /** The API's refusal: field errors next to their fields, the rest as a sentence. @param {unknown} err */
    fromApi(err) {
      if (!(err instanceof ApiError)) {
        this.show([], "The Virtual School service could not be reached. What you typed is still here: try again.");
        return;
      }
      const problems = err.fields.map((f) => ({ control: controlFor(form, f.field), message: fieldMessage(f) }));
      // A schema's refusal (400) is said field by field; a rule's (422, 409, 403) also has a sentence.
      const named = problems.some((p) => p.control);
      this.show(problems, err.status === 400 && named ? undefined : refusal(err));
    },
  };
}

/** @param {HTMLFormElement} form @param {string} name the API's path, e.g. "targets.0.byDate" */
function controlFor(form, name) {
  /** @type {HTMLElement | null} */
  let found = null;
  for (const el of form.querySelectorAll("[data-field]")) {
    if (el instanceof HTMLElement && el.dataset.field === name) found = el;
  }
  // "targets.1" (the whole target) falls back to its first field.
  if (!found) {
    for (const el of form.querySelectorAll("[data-field]")) {
      if (el instanceof HTMLElement && el.dataset.field?.startsWith(`${name}.`)) return el;
    }
  }
  return found;
}

/** @param {{ field: string, message: string }} f */
function fieldMessage(f) {
  const message = f.message.trim();
  return message ? message.charAt(0).toUpperCase() + message.slice(1) : `${f.field} is not valid`;
}

/** What a refusal means for the person, in one sentence. @param {ApiError} err */
export function refusal(err) {
  if (err.status === 403) return `Not saved. ${err.message || "Your role does not allow this."}`;
  if (err.status === 404) return `Not saved. ${err.message} It is not among the records you work with.`;
  if (err.status >= 500) return `${err.message} What you typed is still here: try again.`;
  return err.message;
}

/**
 * Everything typed into a form, by control id (for keeping a draft).
 * @param {HTMLFormElement} form
 * @returns {Record<string, string | boolean>}
 */
export function snapshot(form) {
  /** @type {Record<string, string | boolean>} */
  const values = {};
  for (const el of form.querySelectorAll("input[id], textarea[id], select[id]")) {
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) values[el.id] = el.checked;
    else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
      values[el.id] = el.value;
  }
  return values;
}

/** @param {HTMLFormElement} form @param {Record<string, string | boolean>} values */
export function restore(form, values) {
  for (const [id, value] of Object.entries(values)) {
    const el = form.querySelector(`#${CSS.escape(id)}`);
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) el.checked = value === true;
    else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)
      el.value = String(value);
  }
}

/**
 * Submits `form` through `send` once `check` finds nothing wrong. Every change is kept as a
 * draft under `key`, so a failed save, a sign-in in between or a page redrawn after another
 * form's save loses nothing; a save that went through drops it.
 * `check` and `send` are told which submit button was pressed (a form may have two).
 * @param {{ form: HTMLFormElement, summary: HTMLElement, key: string, check(submitter: HTMLElement | null): Problem[],
 *   send(submitter: HTMLElement | null): Promise<unknown>, done(result: unknown, submitter: HTMLElement | null): void,
 *   state?(): unknown, restoreState?(state: any): void }} options
 * @returns {{ restored: boolean }}
 */
export function handle({ form, summary, key, check, send, done, state, restoreState }) {
  const problems = problemsOf(form, summary);
  const keep = () => keepDraft(key, { state: state?.(), values: snapshot(form) });
  const kept = /** @type {{ state: unknown, values: Record<string, string | boolean> } | undefined} */ (draft(key));
  if (kept) {
    restoreState?.(kept.state);
    restore(form, kept.values);
  }
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submitter = event instanceof SubmitEvent && event.submitter instanceof HTMLElement ? event.submitter : null;
    keep();
    const found = check(submitter);
    if (found.length > 0) {
      problems.show(found);
      return;
    }
    problems.clear();
    const buttons = [...form.querySelectorAll("button[type=submit]")];
    for (const b of buttons) b.setAttribute("disabled", "");
    form.setAttribute("aria-busy", "true");
    try {
      const result = await send(submitter);
      dropDraft(key);
      done(result, submitter);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        // Signed out meanwhile: sign in again, and the form comes back as it was.
        window.dispatchEvent(new CustomEvent("vs:unauthenticated", { detail: err.message }));
        return;
      }
      problems.fromApi(err);
      announce("Not saved.");
    } finally {
      for (const b of buttons) b.removeAttribute("disabled");
      form.removeAttribute("aria-busy");
    }
  });
  return { restored: kept !== undefined };
}

/** Forget the draft under `key` (the person chose to cancel). @param {string} key */
export const forget = (key) => dropDraft(key);

/**
 * Problems with a date field: required, and on or before / after a day.
 * @param {HTMLInputElement} input
 * @param {{ name: string, required?: boolean, notAfter?: string, notBefore?: string, afterText?: string, beforeText?: string }} rule
 * @returns {Problem[]}
 */
export function checkDate(input, { name, required = true, notAfter, notBefore, afterText, beforeText }) {
  const value = input.value;
  if (!value) return required ? [{ control: input, message: `Enter ${name}` }] : [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return [{ control: input, message: `Enter ${name} as a real date` }];
  if (notAfter && value > notAfter) return [{ control: input, message: afterText ?? `${cap(name)} must not be later` }];
  if (notBefore && value < notBefore)
    return [{ control: input, message: beforeText ?? `${cap(name)} must not be earlier` }];
  return [];
}

/** @param {string} s */
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** A checked radio's value in `form`, by name. @param {HTMLFormElement} form @param {string} name */
export function radioValue(form, name) {
  const checked = form.querySelector(`input[type=radio][name="${name}"]:checked`);
  return checked instanceof HTMLInputElement ? checked.value : "";
}
