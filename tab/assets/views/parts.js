/** Pieces several views share: flag badges, headings, messages. */
import { h } from "../dom.js";

/**
 * A flag as a badge: its words carry the meaning, the colour repeats it, and the hidden
 * word tells screen reader users what the colour tells everyone else.
 * @param {{ text: string, severity: "red" | "amber" }} flag
 */
export function badge(flag) {
  const urgency = flag.severity === "red" ? "Urgent: " : "Attention: ";
  return h(
    "span",
    { class: `badge badge--${flag.severity}` },
    h("span", { class: "visually-hidden" }, urgency),
    flag.text,
  );
}

/**
 * A list of badges, or a quiet "nothing flagged".
 * @param {{ text: string, severity: "red" | "amber" }[]} flags
 * @param {string} [none]
 */
export function badgeList(flags, none = "Nothing flagged") {
  if (flags.length === 0) return h("span", { class: "muted" }, none);
  return h("ul", { class: "badges" }, ...flags.map((f) => h("li", {}, badge(f))));
}

/**
 * The page heading; focused after navigation (it has tabindex -1) so screen readers
 * announce the new page.
 * @param {string} text
 */
export const pageTitle = (text) => h("h1", { tabindex: "-1" }, text);

/**
 * A whole-page message: errors, refusals, empty states.
 * @param {string} title
 * @param {...(Node | string)} body
 */
export function message(title, ...body) {
  return [
    pageTitle(title),
    h("div", { class: "message" }, ...body.map((b) => (typeof b === "string" ? h("p", {}, b) : b))),
  ];
}

/**
 * A `<dl>` of label/value pairs; pairs whose value is null are left out.
 * @param {[string, Node | string | number | null][]} pairs
 * @param {string} [className]
 */
export function facts(pairs, className = "facts") {
  return h(
    "dl",
    { class: className },
    ...pairs
      .filter(([, value]) => value !== null)
      .map(([label, value]) => h("div", {}, h("dt", {}, label), h("dd", {}, value))),
  );
}

/**
 * A section with its heading, labelled by it for assistive technology.
 * @param {string} id @param {string} title @param {...(Node | Node[] | string | null)} body
 */
export function section(id, title, ...body) {
  return h("section", { "aria-labelledby": id, class: "card" }, h("h2", { id }, title), ...body);
}
