/**
 * Debian's Chromium driven by playwright-core: no browser download, the same binary the
 * tab's tests use. The flags keep a headless run from reaching the network on its own.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Shared with the tab's browser tests (test/support/browser.ts). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export class ChromiumMissing extends Error {
  override readonly name = "ChromiumMissing";
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new ChromiumMissing(
      `Chromium is not installed at ${CHROMIUM_PATH}; screenshots need it. Install it with: sudo apt-get install chromium`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    // The browser's own language decides how date inputs write dates: England's, 23/11/2026
    // (with Debian's chromium-l10n installed; without it they fall back to US order).
    env: { ...process.env, LANG: "en_GB.UTF-8", LANGUAGE: "en_GB:en" },
  });
}
