/**
 * The privacy notice and terms of use the Teams manifest links to (privacyUrl,
 * termsOfUseUrl: `${{TAB_ENDPOINT}}/privacy` and `/terms`). Plain HTML from `legal/`,
 * written for an authority to adapt, with its name and the Virtual School's contact filled
 * in from the settings. They carry the tab's security headers (its stylesheet, no script).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyPluginAsync } from "fastify";
import type { Config } from "../../core/platform/config.js";
import { TAB_CSP } from "./tab.js";

const LEGAL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../legal");

/** Each page's path and its file in `legal/`. */
export const LEGAL_PAGES = { "/privacy": "privacy.html", "/terms": "terms.html" } as const;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

function contactHtml(contact: string | undefined): string {
  if (!contact) return "ask your manager or the authority's children's services for the Virtual School's contact";
  const shown = escapeHtml(contact);
  return contact.includes("@") ? `<a href="mailto:${shown}">${shown}</a>` : shown;
}

/** The page's text with the authority's name and the contact filled in (escaped). */
export function renderLegalPage(
  file: string,
  config: Pick<Config, "AUTHORITY_NAME" | "VIRTUAL_SCHOOL_CONTACT">,
): string {
  return readFileSync(resolve(LEGAL_DIR, file), "utf8")
    .replaceAll("{{AUTHORITY_NAME}}", escapeHtml(config.AUTHORITY_NAME))
    .replaceAll("{{CONTACT}}", contactHtml(config.VIRTUAL_SCHOOL_CONTACT));
}

export const legalRoutes: FastifyPluginAsync<{ config: Config }> = async (app, { config }) => {
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("content-security-policy", TAB_CSP);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    return payload;
  });
  for (const [path, file] of Object.entries(LEGAL_PAGES)) {
    // Read once: the settings are fixed for the life of the process.
    const page = renderLegalPage(file, config);
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(page),
    );
  }
};
