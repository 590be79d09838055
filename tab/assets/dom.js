/**
 * A tiny element builder. Every piece of text goes in as a text node, never as HTML, so
 * names and notes typed by people cannot inject markup into the page.
 */

/** @typedef {Node | string | number | null | undefined | false} Child */

/**
 * `h("a", { href: "#/" }, "Home")`. Attributes whose value is null, undefined or false
 * are left out; `true` writes an empty attribute.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * The same for SVG elements, which need their namespace.
 * @param {string} tag
 * @param {Record<string, string | number | null | undefined>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {(Child | Child[])[]} children
 */
function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "number" ? String(child) : child);
  }
}

/**
 * Replaces what `el` shows.
 * @param {Element} el
 * @param {...(Child | Child[])} children
 */
export function show(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * The element with `id`, which the page is known to have.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The page has no #${id}`);
  return el;
}

/**
 * Tells screen reader users about a change they did not move to (a saved form).
 * @param {string} message
 */
export function announce(message) {
  const region = byId("announcer");
  region.textContent = "";
  // A fresh text node in a later task is what makes screen readers read it again.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}
