import { h } from "../dom.js";
import { errorSummary, handle } from "../forms.js";
import { refresh, setNotice } from "../session.js";

/** @typedef {import("../forms.js").Problem} Problem */

/**
 * A small form folded into a disclosure: its fields, one submit button, its own error
 * summary. Opened at once when it holds a draft (an earlier save failed).
 * @param {{ childId: number, name: string, title: string, submitLabel: string, fields: (Node | null)[],
 *   check(form: HTMLFormElement): Problem[], send(form: HTMLFormElement): Promise<unknown>, saved(result: any, form: HTMLFormElement): string,
 *   intro?: string }} options
 */
export function smallForm({ childId, name, title, submitLabel, fields, check, send, saved, intro }) {
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
export const inputIn = (form, id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${CSS.escape(id)}`));

/** @param {HTMLFormElement} form @param {string} id */
export const valueIn = (form, id) => inputIn(form, id)?.value.trim() ?? "";
