/** A child's action log on their page, and the small form that adds to it. */
import { ApiError, api } from "../api.js";
import { announce, h, show } from "../dom.js";
import { ACTION_CATEGORY, date, dateTime } from "../format.js";
import { section } from "./parts.js";

/**
 * @typedef {{ id: number, at: string, text: string, category: string, followUpDate: string | null,
 *   professional: { name: string } | null }} LoggedAction
 */

/**
 * @param {number} childId
 * @param {LoggedAction[]} actions newest first
 */
export function actionsSection(childId, actions) {
  const list = h("div", {});
  show(list, actionList(actions));

  const text = h("textarea", {
    id: "action-text",
    name: "text",
    rows: 3,
    maxlength: 2000,
    required: true,
    "aria-describedby": "action-text-hint",
  });
  const followUp = h("input", {
    id: "action-follow-up",
    name: "followUpDate",
    type: "date",
    "aria-describedby": "action-follow-up-hint",
  });
  const problem = h("p", { class: "form-error", id: "action-error", role: "alert" });
  const button = h("button", { type: "submit" }, "Log action");

  const form = h(
    "form",
    { class: "log-action", "aria-labelledby": "log-action-heading", novalidate: true },
    h("h3", { id: "log-action-heading" }, "Log an action"),
    h(
      "div",
      { class: "field" },
      h("label", { for: "action-text" }, "What did you do?"),
      h(
        "p",
        { class: "hint", id: "action-text-hint" },
        "For example: rang the carer about Monday’s absence. The category is guessed from your words.",
      ),
      text,
    ),
    h(
      "div",
      { class: "field" },
      h("label", { for: "action-follow-up" }, "Follow-up date (optional)"),
      h("p", { class: "hint", id: "action-follow-up-hint" }, "You will get a reminder in Teams on the day."),
      followUp,
    ),
    problem,
    button,
  );

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = /** @type {HTMLTextAreaElement} */ (text);
    const dateInput = /** @type {HTMLInputElement} */ (followUp);
    problem.textContent = "";
    input.removeAttribute("aria-invalid");
    dateInput.removeAttribute("aria-invalid");
    if (!input.value.trim()) {
      fail(input, "Say what you did before logging the action.");
      return;
    }
    button.setAttribute("disabled", "");
    try {
      await api("POST", `/children/${childId}/actions`, {
        text: input.value.trim(),
        ...(dateInput.value ? { followUpDate: dateInput.value } : {}),
      });
      const { items } = await api("GET", `/children/${childId}/actions?limit=20`);
      show(list, actionList(items));
      /** @type {HTMLFormElement} */ (form).reset();
      announce("Action logged.");
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        // Signed out meanwhile (an expired dev token): the page returns to sign-in.
        window.dispatchEvent(new CustomEvent("vs:unauthenticated", { detail: err.message }));
        return;
      }
      const aboutDate = err instanceof ApiError && err.fields.some((f) => f.field === "followUpDate");
      const field = aboutDate ? dateInput : input;
      fail(field, err instanceof Error ? err.message : "The action could not be saved.");
    } finally {
      button.removeAttribute("disabled");
    }
  });

  /** @param {HTMLElement} field @param {string} why */
  function fail(field, why) {
    field.setAttribute("aria-invalid", "true");
    problem.textContent = why;
    field.focus();
  }

  return section("actions-heading", "Actions", form, h("h3", {}, "Logged so far"), list);
}

/** @param {LoggedAction[]} actions */
function actionList(actions) {
  if (actions.length === 0) return h("p", { class: "muted" }, "No actions logged yet.");
  return h(
    "ol",
    { class: "actions", reversed: true },
    ...actions.map((a) =>
      h(
        "li",
        {},
        h("p", { class: "actions__text" }, a.text),
        h(
          "p",
          { class: "actions__meta" },
          [
            dateTime(a.at),
            ACTION_CATEGORY[a.category] ?? a.category,
            a.professional ? `by ${a.professional.name}` : null,
            a.followUpDate ? `follow up ${date(a.followUpDate)}` : null,
          ]
            .filter(Boolean)
            .join(" · "),
        ),
      ),
    ),
  );
}
