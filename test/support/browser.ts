/**
 * Debian's Chromium driven by playwright-core, for tests of the tab in a real browser.
 * Playwright's own browser downloads come from a host these machines cannot reach, so
 * the system package is used (`apt-get install chromium`); without it the browser tests
 * are skipped with one line saying why (under CI a missing Chromium fails instead).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
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
