/**
 * `npm run screenshots`: PNGs for the README, written into docs/.
 * - docs/cards/<name>.png: every card the bot sends, from the example view models,
 *   rendered by the official `adaptivecards` renderer with a Teams light host config.
 * - docs/tab/<view>.png: the tab, served by the real app over a seeded demo database and
 *   signed in through its own dev sign-in.
 * Drives Debian's Chromium with playwright-core. Prints each file written; exits non-zero
 * with one clear message when Chromium is missing or a card does not parse.
 */
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ChromiumMissing, launchChromium } from "./screenshots/browser.js";
import { CardRenderError, shootCards } from "./screenshots/cards.js";
import { shootTab, TabUnavailable } from "./screenshots/tab.js";

const repoRoot = resolve(fileURLToPath(import.meta.url), "../..");
const docsDir = resolve(repoRoot, "docs");
const show = (file: string) => console.log(`wrote ${relative(repoRoot, file)}`);

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    for (const file of await shootCards(browser, docsDir)) show(file);
    try {
      for (const file of await shootTab(browser, docsDir)) show(file);
    } catch (err) {
      // The tab is optional for the cards' sake: say why it was skipped, keep the cards.
      if (!(err instanceof TabUnavailable)) throw err;
      console.log(`skipped the tab: ${err.message}`);
    }
  } finally {
    await browser.close();
  }
}

main().then(
  // The app's Redis and Prisma clients are closed, but a stray handle must not keep us up.
  () => process.exit(0),
  (err: unknown) => {
    if (err instanceof ChromiumMissing || err instanceof CardRenderError) console.error(err.message);
    else console.error("Screenshots failed:", err);
    process.exit(1);
  },
);
