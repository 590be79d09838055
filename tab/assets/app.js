/**
 * The tab's entry point: find out where it runs (Teams or a plain browser), sign the
 * person in, then draw the view the address's fragment names:
 *   #/               my caseload (everyone)
 *   #/children/<id>  a child's page (cards in Teams link here)
 *   #/children/<id>/pep               the PEP form: book the meeting or record it held
 *   #/children/<id>/peps/<pepId>      one PEP in full; quality assurance for the Virtual School
 *   #/children/<id>/peps/<pepId>/edit a held or returned PEP changed before it is submitted
 *   #/school         the school dashboard (the Virtual School Head)
 */
import { ApiError, api, useTokens } from "./api.js";
import {
  detectHost,
  devSignInOffered,
  devSignOut,
  devTokens,
  hasDevToken,
  notifyTeamsLoaded,
  teamsTokens,
} from "./auth.js";
import { announce, byId, h, show } from "./dom.js";
import { MAY, onRedraw, setMe, takeNotice } from "./session.js";
import { caseloadView } from "./views/caseload.js";
import { childView } from "./views/child.js";
import { message } from "./views/parts.js";
import { pepView } from "./views/pep.js";
import { pepEditView, pepFormView } from "./views/pep-form.js";
import { schoolView } from "./views/school.js";
import { signInView } from "./views/sign-in.js";

/**
 * A view fetches what it needs, then returns what to show: nothing is drawn until all of
 * it has arrived, so a page never half-renders and a late answer cannot overwrite a newer page.
 * @typedef {(params: Record<string, number>) => Promise<{ title: string, nodes: (Node | null)[] }>} View
 */

/** @type {[RegExp, View, string][]} pattern, view, nav item it belongs to */
const ROUTES = [
  [/^#?\/?$/, caseloadView, "caseload"],
  [/^#\/children\/(?<id>\d{1,9})$/, childView, "caseload"],
  [/^#\/children\/(?<id>\d{1,9})\/pep$/, pepFormView, "caseload"],
  [/^#\/children\/(?<id>\d{1,9})\/peps\/(?<pepId>\d{1,9})$/, pepView, "caseload"],
  [/^#\/children\/(?<id>\d{1,9})\/peps\/(?<pepId>\d{1,9})\/edit$/, pepEditView, "caseload"],
  [/^#\/school$/, schoolView, "school"],
];

/** @type {Record<string, string>} */
const ROLE_NAMES = {
  vsh: "Virtual School Head",
  education_adviser: "Education adviser",
  social_worker: "Social worker",
  designated_teacher: "Designated teacher",
  iro: "Independent Reviewing Officer",
};

const main = byId("main");
/** Bumped on every navigation, so only the latest view is drawn. */
let generation = 0;
let firstView = true;
/** @type {"teams" | "dev"} */
let mode = "dev";

/**
 * @param {string} title
 * @param {(Node | null)[]} nodes
 */
function draw(title, nodes) {
  document.title = `${title} – Virtual School`;
  show(main, ...nodes);
  // What the last save did, said once at the top of the page it led to.
  const notice = takeNotice();
  if (notice) {
    const said = h("p", { class: "notice notice--done" }, notice);
    const heading = main.querySelector("h1");
    if (heading) heading.after(said);
    else main.prepend(said);
    announce(notice);
  }
  // Move focus to the new heading after a navigation (not on first load, which would
  // skip the header for keyboard users), so screen readers announce the new page.
  if (!firstView) main.querySelector("h1")?.focus();
  firstView = false;
}

async function route() {
  const current = ++generation;
  const hash = location.hash || "#/";
  const match = ROUTES.map(([pattern, view, nav]) => ({ found: pattern.exec(hash), view, nav })).find((r) => r.found);
  markNav(match?.nav ?? null);
  if (!match?.found) {
    draw("Page not found", message("Page not found", h("p", {}, h("a", { href: "#/" }, "Go to my caseload"))));
    return;
  }
  const params = Object.fromEntries(Object.entries(match.found.groups ?? {}).map(([k, v]) => [k, Number(v)]));
  main.setAttribute("aria-busy", "true");
  try {
    const { title, nodes } = await match.view(params);
    if (current === generation) draw(title, nodes);
  } catch (err) {
    if (current === generation) failed(err, match.view);
  } finally {
    if (current === generation) main.removeAttribute("aria-busy");
  }
}

/**
 * What a refusal means for the person: 404 on a child is "not yours or not there" (the
 * API gives the same answer for both, on purpose); 403 is the role; 401 is sign-in.
 * @param {unknown} err @param {View} view
 */
function failed(err, view) {
  if (err instanceof ApiError && err.status === 401) return needSignIn(err.message);
  if (err instanceof ApiError && err.status === 404 && (view === pepView || view === pepEditView)) {
    return draw(
      "No PEP found",
      message(
        "No PEP found",
        "No such PEP among the children you work with.",
        h("p", {}, h("a", { href: "#/" }, "Go to my caseload")),
      ),
    );
  }
  if (err instanceof ApiError && err.status === 404 && (view === childView || view === pepFormView)) {
    return draw(
      "No child found",
      message(
        "No child found",
        "No child found among the children you work with.",
        h("p", {}, h("a", { href: "#/" }, "Go to my caseload")),
      ),
    );
  }
  if (err instanceof ApiError && err.status === 403) {
    return draw(
      "Not available",
      message(
        "Not available for your role",
        view === schoolView
          ? "Your role does not allow this: the school dashboard is for the Virtual School."
          : err.message,
        h("p", {}, h("a", { href: "#/" }, "Go to my caseload")),
      ),
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  const retry = h("button", { type: "button" }, "Try again");
  retry.addEventListener("click", () => route());
  draw("Something went wrong", message("Something went wrong", detail, retry));
}

/** @param {string | null} active */
function markNav(active) {
  for (const link of document.querySelectorAll("#nav a[data-route]")) {
    if (link.getAttribute("data-route") === active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

/** The header: who is signed in, and the dashboard link for Virtual School staff. @param {import("./session.js").Me} me */
function showSignedIn(me) {
  setMe(me);
  byId("who-name").textContent = `${me.name}, ${ROLE_NAMES[me.role] ?? me.role}`;
  byId("who").hidden = false;
  byId("sign-out").hidden = mode !== "dev";
  byId("nav").hidden = false;
  const dashboard = document.querySelector('#nav [data-role="virtual-school"]');
  if (dashboard instanceof HTMLElement) dashboard.hidden = !MAY.qualityAssure.includes(me.role);
}

function showSignedOut() {
  setMe(null);
  byId("who").hidden = true;
  byId("nav").hidden = true;
}

/** @param {string} [reason] */
function needSignIn(reason) {
  showSignedOut();
  if (devSignInOffered()) {
    // A dev server accepts only dev tokens, so even inside Teams the form is the way in.
    mode = "dev";
    devSignOut();
    const { title, nodes } = signInView({ reason, onSignedIn: () => start() });
    draw(title, nodes);
    return;
  }
  draw(
    "Sign-in needed",
    message(
      "Sign-in needed",
      reason ?? "Teams could not sign you in.",
      mode === "teams"
        ? "Close and reopen the tab. If this keeps happening, ask your IT team to check the Virtual School app's single sign-on."
        : "Open the Virtual School tab in Microsoft Teams to sign in.",
    ),
  );
}

/** Signed in (or about to find out): who is this, then the view the address names. */
async function start() {
  useTokens(mode === "teams" ? teamsTokens() : devTokens());
  try {
    const me = await api("GET", "/me");
    showSignedIn(me);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return needSignIn(err.message);
    showSignedOut();
    const retry = mode === "dev" ? signOutButton("Sign in as someone else") : null;
    const detail = err instanceof Error ? err.message : String(err);
    return draw("Not signed in", message("You cannot use the Virtual School yet", detail, ...(retry ? [retry] : [])));
  }
  await route();
}

/** @param {string} label */
function signOutButton(label) {
  const button = h("button", { type: "button" }, label);
  button.addEventListener("click", () => needSignIn());
  return button;
}

async function boot() {
  const host = await detectHost();
  if (host.theme) document.documentElement.dataset.theme = host.theme;
  // A Teams deep link to the tab names the child in its sub-entity rather than the fragment.
  if (host.subPageId && !location.hash && /^children\/\d+(\/pep|\/peps\/\d+(\/edit)?)?$/.test(host.subPageId)) {
    history.replaceState(null, "", `#/${host.subPageId}`);
  }
  window.addEventListener("hashchange", () => route());
  onRedraw(() => route());
  byId("sign-out").addEventListener("click", () => needSignIn());
  window.addEventListener("vs:unauthenticated", (event) => {
    needSignIn(event instanceof CustomEvent ? event.detail : undefined);
  });

  if (host.inTeams) {
    mode = "teams";
    await start();
    notifyTeamsLoaded();
  } else if (devSignInOffered()) {
    mode = "dev";
    if (hasDevToken()) await start();
    else needSignIn();
  } else {
    needSignIn("This page signs you in through Microsoft Teams.");
  }
}

boot();
