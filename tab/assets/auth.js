/**
 * Who is using the tab. Inside Teams: single sign-on, Teams hands over an Entra token
 * for this app (the API checks it in AUTH_MODE=entra). Outside Teams, in dev mode only:
 * a dev token for a demo e-mail, kept in sessionStorage so it ends with the browser tab.
 */

import { ApiError } from "./api.js";

/** @typedef {typeof import("@microsoft/teams-js")} TeamsJs */

/**
 * Long enough for a slow Teams client to answer, short enough that a page opened outside
 * Teams (where TeamsJS may wait for a parent that never answers) soon offers dev sign-in.
 */
const TEAMS_INIT_TIMEOUT_MS = 3000;
const DEV_TOKEN_KEY = "vs-tab-dev-token";

/** @returns {TeamsJs | undefined} the UMD bundle's global, if it loaded */
const teamsJs = () => /** @type {any} */ (globalThis).microsoftTeams;

/**
 * @template T
 * @param {Promise<T>} promise @param {number} ms @param {string} what
 * @returns {Promise<T>}
 */
function within(promise, ms, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * @typedef {object} Host
 * @property {boolean} inTeams
 * @property {string | null} subPageId a Teams deep link's sub-entity ("children/5"), if any
 * @property {string | null} theme "default", "dark" or "contrast" inside Teams
 */

/**
 * Starts TeamsJS. Outside Teams it fails (no parent window) or never answers; either way
 * the tab carries on as a web page.
 * @returns {Promise<Host>}
 */
export async function detectHost() {
  const teams = teamsJs();
  if (!teams) return { inTeams: false, subPageId: null, theme: null };
  try {
    await within(teams.app.initialize(), TEAMS_INIT_TIMEOUT_MS, "Teams");
    const context = await within(teams.app.getContext(), TEAMS_INIT_TIMEOUT_MS, "Teams");
    teams.app.registerOnThemeChangeHandler((theme) => {
      document.documentElement.dataset.theme = theme;
    });
    return { inTeams: true, subPageId: context.page?.subPageId || null, theme: context.app?.theme ?? null };
  } catch {
    return { inTeams: false, subPageId: null, theme: null };
  }
}

/** Tells Teams the tab has drawn, so it stops showing its own loading indicator. */
export function notifyTeamsLoaded() {
  // Nothing to wait for or act on: Teams shows the tab either way once it has drawn.
  teamsJs()
    ?.app.notifySuccess()
    .catch(() => {});
}

/**
 * Single sign-on: Teams returns a cached token while it is valid, so asking again is cheap.
 * @returns {import("./api.js").TokenSource}
 */
export function teamsTokens() {
  const teams = teamsJs();
  if (!teams) throw new Error("TeamsJS is not loaded");
  return {
    // Teams refuses when the app's SSO is not set up or consent is missing: to the tab
    // that is the same as a refused token, and the person is told how to sign in.
    token: () =>
      teams.authentication.getAuthToken().catch((/** @type {unknown} */ err) => {
        const why = err instanceof Error ? err.message : String(err);
        throw new ApiError(401, `Teams could not sign you in (${why}).`);
      }),
    // A 401 means the cached token was refused: there is no forcing a new one from the
    // tab, so it is asked for once more and the caller gives up if it is refused again.
    refresh: () => teams.authentication.getAuthToken().catch(() => null),
  };
}

/** Whether the server offers dev sign-in (AUTH_MODE=dev, not production): set in the page's meta tag. */
export const devSignInOffered = () =>
  document.querySelector('meta[name="vs-dev-sign-in"]')?.getAttribute("content") === "true";

/** @returns {import("./api.js").TokenSource} */
export function devTokens() {
  const stored = () => sessionStorage.getItem(DEV_TOKEN_KEY);
  return { token: async () => stored(), refresh: async () => null };
}

export const hasDevToken = () => sessionStorage.getItem(DEV_TOKEN_KEY) !== null;

/**
 * Exchanges a demo e-mail for a dev token and keeps it for this browser tab.
 * @param {string} email
 * @returns {Promise<void>} rejects with the API's detail when the e-mail is not known
 */
export async function devSignIn(email) {
  const response = await fetch("/api/dev/token", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ email }),
    credentials: "omit",
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || typeof body.token !== "string") {
    throw new Error(typeof body.detail === "string" ? body.detail : `Sign-in failed (${response.status}).`);
  }
  sessionStorage.setItem(DEV_TOKEN_KEY, body.token);
}

export function devSignOut() {
  sessionStorage.removeItem(DEV_TOKEN_KEY);
}
