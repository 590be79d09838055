/**
 * Debian's Chromium driven by playwright-core, for tests of the tab in a real browser.
 * Playwright's own browser downloads come from a host these machines cannot reach, so
 * the system package is used (`apt-get install chromium`); without it the browser tests
 * are skipped with one line saying why (under CI a missing Chromium fails instead).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, type ConsoleMessage, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { CHROMIUM_ARGS } from "../../scripts/screenshots/browser.js";
import { optionalInput } from "./inputs.js";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const browserAvailable = optionalInput(
  CHROMIUM_PATH,
  "Chromium (apt-get install chromium, or set CHROMIUM_PATH)",
);

/**
 * A headless Chromium with nothing running in the background: no sync, updates or
 * network probes, so a test sees only the traffic it causes. Playwright gives each
 * launch a fresh temporary profile and removes it on close.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
}

const require = createRequire(import.meta.url);
let axeScript: string | undefined;
const axeSource = () => {
  axeScript ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeScript;
};

export type AxeViolation = {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: { target: string[] }[];
};

/**
 * Runs axe-core on what the page shows now. Evaluated through the DevTools protocol rather
 * than added as a <script>: the tab's policy rightly refuses inline scripts.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource());
  // The callback runs in the browser, where `axe` is the global the script defined.
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run();
    return violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map((n) => ({ target: n.target })),
    }));
  });
}

/**
 * A page that frames the tab and answers TeamsJS as a Teams client would: initialize,
 * the context (with a deep link's sub-entity) and the SSO token. Teams' real protocol is
 * postMessage between the frames; TeamsJS accepts answers only from Teams' own origins,
 * so the page must be served as one (a Playwright route). `initialize` is answered as a
 * Teams client that sends a version but no runtime config, which TeamsJS reads as Teams
 * with that version's capabilities. `window.teamsCalls` lists what the tab asked for.
 */
export function teamsHostPage(tabUrl: string, token: string, subEntityId: string): string {
  const script = `
    window.teamsCalls = [];
    window.addEventListener("message", (event) => {
      const m = event.data;
      if (!m || typeof m.func !== "string") return;
      window.teamsCalls.push(m.func);
      const reply = (args) => event.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, event.origin);
      if (m.func === "initialize") reply(["content", "web", "2.0.0", "2.0.0"]);
      else if (m.func === "getContext") reply([{ locale: "en-gb", theme: "default", entityId: "home", subEntityId: ${JSON.stringify(subEntityId)}, frameContext: "content", hostClientType: "web" }]);
      else if (m.func === "authentication.getAuthToken") reply([true, ${JSON.stringify(token)}]);
    });`;
  return `<!doctype html><title>Teams</title><script>${script}</script><iframe src="${tabUrl}" title="Virtual School" style="width:1000px;height:800px"></iframe>`;
}

/**
 * A browser for one describe block, in England's locale and time zone: launched before
 * its tests and closed after them. A page from `watch` (or `open`) reports script errors
 * and refusals by the page's policy, and every test must end with none (failed requests
 * are left out: refusals such as 404s are what some tests expect).
 */
export function browserSession(base: () => string) {
  let browser: Browser | undefined;
  let context: BrowserContext;
  const problems: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: "en-GB",
      timezoneId: "Europe/London",
      viewport: { width: 1100, height: 900 },
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });
  const watch = (page: Page): Page => {
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    page.on("console", (msg: ConsoleMessage) => {
      if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource")) problems.push(msg.text());
    });
    return page;
  };
  return {
    context: () => context,
    problems,
    watch,
    /** A watched page at `path` on the test server. */
    async open(path: string): Promise<Page> {
      const page = watch(await context.newPage());
      await page.goto(`${base()}${path}`);
      return page;
    },
  };
}

/** Signs in with the tab's dev sign-in as `email` and waits for the signed-in view. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#who").waitFor({ state: "visible" });
}

/** axe finds no violation of any impact (minor, moderate, serious or critical) in `view`. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  const at = (v: AxeViolation) => v.nodes.map((n) => n.target.join(" ")).join(", ");
  const found = (await runAxe(page)).map((v) => `${view}: ${v.impact} ${v.id}: ${v.help} at ${at(v)}`);
  expect(found).toEqual([]);
}
