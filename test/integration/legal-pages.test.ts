/**
 * The privacy notice and terms of use the Teams manifest links to: served by the app at
 * the manifest's own URLs, as HTML with the tab's security headers, filled with the
 * authority's settings (escaped), and accessible (axe in headless Chromium, where installed).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TAB_CSP } from "../../api/routes/tab.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { browserAvailable, browserSession, expectAccessible } from "../support/browser.js";

const ROOT = resolve(import.meta.dirname, "../..");
const AUTHORITY = "Northshire <County> & Co";
const CONTACT = "virtual.school@northshire.example";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    today: "2026-11-23",
    env: { AUTHORITY_NAME: AUTHORITY, VIRTUAL_SCHOOL_CONTACT: CONTACT },
  });
});
afterAll(() => t?.close());

/** The manifest template's developer links, with the tab's origin put where the toolkit puts it. */
function manifestLinks(base: string): { privacyUrl: string; termsOfUseUrl: string } {
  const template = JSON.parse(readFileSync(resolve(ROOT, "manifest/manifest.template.json"), "utf8")) as {
    developer: { privacyUrl: string; termsOfUseUrl: string };
  };
  const fill = (url: string) => url.replace(/\$\{\{\s*TAB_ENDPOINT\s*\}\}/, base);
  return { privacyUrl: fill(template.developer.privacyUrl), termsOfUseUrl: fill(template.developer.termsOfUseUrl) };
}

/** The headers a page shares with the tab (the tab may be framed by Teams; so may these). */
const SHARED = [
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
  "x-frame-options",
  "cross-origin-opener-policy",
];

describe("the privacy and terms pages", () => {
  it("answer at the manifest's privacyUrl and termsOfUseUrl with HTML", async () => {
    const links = manifestLinks(t.base);
    expect(new URL(links.privacyUrl).pathname).toBe("/privacy");
    expect(new URL(links.termsOfUseUrl).pathname).toBe("/terms");
    for (const url of Object.values(links)) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('<html lang="en-GB">');
      expect(html.match(/<h1>/g)).toHaveLength(1);
    }
  });

  it("carry the tab's security headers", async () => {
    const tab = await fetch(`${t.base}/tab`);
    expect(tab.headers.get("content-security-policy")).toBe(TAB_CSP);
    for (const path of ["/privacy", "/terms"]) {
      const res = await fetch(`${t.base}${path}`);
      for (const header of SHARED) expect(res.headers.get(header), `${path} ${header}`).toBe(tab.headers.get(header));
    }
  });

  it("say what is held, why, the lawful basis, retention and whom to contact, for this authority", async () => {
    const privacy = await (await fetch(`${t.base}/privacy`)).text();
    for (const heading of ["What information is held", "Why it is used, and the lawful basis", "How long it is kept"]) {
      expect(privacy).toContain(`<h2>${heading}</h2>`);
    }
    expect(privacy).toContain("<strong>public task</strong>, Article 6(1)(e)");
    expect(privacy).toContain("Children Act 1989, section 22(3A)");
    expect(privacy).toContain("Northshire &lt;County&gt; &amp; Co is the data controller");
    expect(privacy).toContain(`<a href="mailto:${CONTACT}">${CONTACT}</a>`);
    const terms = await (await fetch(`${t.base}/terms`)).text();
    expect(terms).toContain("provided by Northshire &lt;County&gt; &amp; Co");
    for (const html of [privacy, terms]) {
      expect(html).not.toContain("{{");
      expect(html).not.toContain("<County>");
    }
  });
});

describe.skipIf(!browserAvailable)("the privacy and terms pages in headless Chromium", () => {
  const session = browserSession(() => t.base);

  it("load their stylesheet under the policy and have no accessibility violations", async () => {
    for (const path of ["/privacy", "/terms"]) {
      const page = await session.open(path);
      // The tab's stylesheet applied (its skip link sits off-screen until focused).
      const position = 'getComputedStyle(document.querySelector(".skip-link")).position';
      expect(await page.evaluate(position)).toBe("absolute");
      await expectAccessible(page, path);
      await page.close();
    }
  });
});
