/** Dev sign-in outside Teams: a demo e-mail in, a dev token kept for this browser tab. */
import { devSignIn } from "../auth.js";
import { h } from "../dom.js";
import { pageTitle } from "./parts.js";

/**
 * @param {{ reason?: string, onSignedIn(): void }} options
 * @returns {{ title: string, nodes: Node[] }}
 */
export function signInView({ reason, onSignedIn }) {
  const email = h("input", {
    id: "email",
    name: "email",
    type: "email",
    autocomplete: "email",
    required: true,
    spellcheck: "false",
    placeholder: "vsh@demo.local",
    "aria-describedby": "email-hint",
  });
  const problem = h("p", { class: "form-error", id: "email-error", role: "alert" });
  const button = h("button", { type: "submit" }, "Sign in");
  const form = h(
    "form",
    { class: "sign-in", novalidate: true },
    h(
      "div",
      { class: "field" },
      h("label", { for: "email" }, "E-mail address"),
      h(
        "p",
        { class: "hint", id: "email-hint" },
        "In the demo: vsh@demo.local (Virtual School Head), sw1@demo.local (social worker), dt1@demo.local (designated teacher) or iro1@demo.local (IRO).",
      ),
      email,
    ),
    problem,
    button,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (email);
    problem.textContent = "";
    input.removeAttribute("aria-invalid");
    const value = input.value.trim();
    if (!value) {
      fail("Enter the e-mail address you are registered with.");
      return;
    }
    button.setAttribute("disabled", "");
    try {
      await devSignIn(value);
      onSignedIn();
    } catch (err) {
      fail(err instanceof Error ? err.message : "Sign-in failed.");
    } finally {
      button.removeAttribute("disabled");
    }
  });

  /** @param {string} why */
  function fail(why) {
    email.setAttribute("aria-invalid", "true");
    email.setAttribute("aria-describedby", "email-hint email-error");
    problem.textContent = why;
    email.focus();
  }
  const title = "Sign in";
  return {
    title,
    nodes: [
      pageTitle(title),
      reason ? h("p", { class: "notice", role: "status" }, reason) : null,
      h(
        "p",
        {},
        "You are outside Microsoft Teams, so this development server signs you in by e-mail. In Teams you are signed in with your work account.",
      ),
      form,
    ].filter((n) => n !== null),
  };
}
