/**
 * Who is signed in, what each role may record (the API still decides: these only choose
 * which forms to offer), a one-time notice for the next page, and what a person had typed
 * into a form, kept in memory so a failed save or a sign-in in between loses nothing.
 */

/** @typedef {{ id: number, name: string, role: string, roleName?: string, schoolId: number | null }} Me */

/** @type {Me | null} */
let current = null;
/** Who typed the drafts kept: another person signing in does not get them. */
let draftsOf = /** @type {number | null} */ (null);

/** @param {Me | null} me */
export function setMe(me) {
  if (me && draftsOf !== me.id) {
    drafts.clear();
    draftsOf = me.id;
  }
  current = me;
}

/** @returns {Me | null} */
export const me = () => current;

/** The roles that may record each kind of thing, as the API's services allow them. */
export const MAY = {
  pep: ["designated_teacher", "social_worker", "vsh", "education_adviser"],
  qualityAssure: ["vsh", "education_adviser"],
  review: ["iro", "social_worker", "vsh", "education_adviser"],
  exclusion: ["designated_teacher", "vsh", "education_adviser"],
  place: ["social_worker", "vsh", "education_adviser"],
};

/** @param {keyof typeof MAY} what */
export const may = (what) => current !== null && MAY[what].includes(current.role);

/** @type {string | null} */
let flash = null;

/** A sentence the next page shows once, at its top ("PEP saved."). @param {string} text */
export function setNotice(text) {
  flash = text;
}

/** @returns {string | null} */
export function takeNotice() {
  const text = flash;
  flash = null;
  return text;
}

/** @type {Map<string, unknown>} */
const drafts = new Map();

/** What was typed into form `key`, if a save did not go through. @param {string} key */
export const draft = (key) => drafts.get(key);

/** @param {string} key @param {unknown} value */
export const keepDraft = (key, value) => drafts.set(key, value);

/** @param {string} key */
export const dropDraft = (key) => drafts.delete(key);

/** @type {() => void} */
let redraw = () => {};

/** The router registers how to draw the current page again (after a save). @param {() => void} fn */
export function onRedraw(fn) {
  redraw = fn;
}

/** Draws the current page again from fresh data. */
export const refresh = () => redraw();
