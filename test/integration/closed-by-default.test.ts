/**
 * Closed unless explicitly opened (issue 13, item 1): the bot takes unauthenticated
 * activities only on a local machine (AUTH_MODE=dev, no PUBLIC_URL), and any other
 * configuration without MICROSOFT_APP_ID refuses to start with a line saying why; dev
 * sign-in is refused whenever PUBLIC_URL is set; SEED_DEMO is off by default in
 * production; entra mode needs the tenant; dev tokens must expire.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { botAuthenticationFor } from "../../bot/adapter.js";
import { signDevToken } from "../../core/access/tokens.js";
import { ConfigError, loadConfig } from "../../core/platform/config.js";
import { TEST_SECRET } from "../support/app.js";
import { aadOf, PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";
import { message, post } from "../support/teams.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const APP_ID = "00000000-0000-4000-8000-0000000000b1";
const TENANT = "66666666-7777-4888-8999-000000000000";
const ENTRA = { AUTH_MODE: "entra", ENTRA_CLIENT_ID: APP_ID, ENTRA_TENANT_ID: TENANT };
const TUNNEL = "https://vs-dev.example.org";
const NO_BOT_AUTH = /MICROSOFT_APP_ID: bot authentication is required/;

describe("settings: the bot is closed unless explicitly opened", () => {
  it.each([
    ["entra mode without the bot's app id", ENTRA],
    ["dev mode behind a public URL (a tunnel)", { AUTH_MODE: "dev", PUBLIC_URL: TUNNEL }],
    ["production", { NODE_ENV: "production", ...ENTRA }],
  ])("refuses %s, naming MICROSOFT_APP_ID on one line", (_, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(NO_BOT_AUTH);
    expect(() => loadConfig(env)).toThrow(/\n {2}MICROSOFT_APP_ID: [^\n]+(\n|$)/);
  });

  it("opens the bot only on a local machine: AUTH_MODE=dev and no PUBLIC_URL", () => {
    expect(loadConfig({}).MICROSOFT_APP_ID).toBeUndefined();
    expect(loadConfig({ ...ENTRA, MICROSOFT_APP_ID: APP_ID }).AUTH_MODE).toBe("entra");
    expect(loadConfig({ PUBLIC_URL: TUNNEL, MICROSOFT_APP_ID: APP_ID }).PUBLIC_URL).toBe(TUNNEL);
    // Handed settings that skipped validation, the adapter refuses too.
    const forged = Object.freeze({ ...loadConfig({}), PUBLIC_URL: TUNNEL });
    expect(() => botAuthenticationFor(forged)).toThrow(/MICROSOFT_APP_ID/);
  });

  it("requires the tenant in entra mode", () => {
    expect(() => loadConfig({ AUTH_MODE: "entra", MICROSOFT_APP_ID: APP_ID })).toThrow(
      /ENTRA_TENANT_ID: entra mode needs the tenant's id/,
    );
    expect(
      loadConfig({ AUTH_MODE: "entra", MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TENANT_ID: TENANT }).AUTH_MODE,
    ).toBe("entra");
  });

  it("seeds the demo by default except in production", () => {
    expect(loadConfig({}).SEED_DEMO).toBe(true);
    expect(loadConfig({ NODE_ENV: "test" }).SEED_DEMO).toBe(true);
    const production = { NODE_ENV: "production", ...ENTRA, MICROSOFT_APP_ID: APP_ID };
    expect(loadConfig(production).SEED_DEMO).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO: "true" }).SEED_DEMO).toBe(true);
    expect(loadConfig({ SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
  });
});

/** Runs a script as npm does, with only the settings given (no .env from a temp cwd). */
function run(script: string, args: string[], env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "vs-closed-"));
  const settings = { PATH: process.env.PATH ?? "", HOME: dir, DATABASE_URL: `file:${join(dir, "x.db")}`, ...env };
  return new Promise<{ code: number | null; stderr: string }>((done) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(repoRoot, script), ...args],
      { cwd: repoRoot, env: settings, timeout: 30_000 },
      (err, _stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr });
      },
    );
  });
}

describe("start-up", () => {
  it("npm start in entra mode without MICROSOFT_APP_ID exits 1 with the reason on one line", async () => {
    const { code, stderr } = await run("api/server.ts", [], { ...ENTRA, PORT: "0", LOG_LEVEL: "silent" });
    expect(code).toBe(1);
    expect(stderr).toMatch(NO_BOT_AUTH);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 40_000);

  it("npm run token refuses a token longer than a day", async () => {
    const { code, stderr } = await run("scripts/token.ts", ["vsh@demo.local", "1000"], {});
    expect(code).toBe(2);
    expect(stderr).toMatch(/between 1 and 24 hours/);
  }, 40_000);
});

describe("local dev (AUTH_MODE=dev, no PUBLIC_URL), as for Agents Playground", () => {
  const { t, stub } = useSmallAuthority();

  it("gives an activity without a channel token a turn", async () => {
    const res = await post(t.base, message({ aadObjectId: aadOf(PEOPLE.sw1) }, stub.url, "help"));
    expect(res.status).toBe(200);
    await stub.waitFor((c) => c.kind === "reply" && !c.rejected);
  });

  it("offers dev sign-in, whose tokens expire; a token that never expires is refused", async () => {
    const res = await t.call("POST", "/api/dev/token", { body: { email: PEOPLE.sw1 } });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const { iat, exp } = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString());
    expect(exp - iat).toBe(12 * 3600);
    expect((await t.call("GET", "/api/me", { token })).status).toBe(200);

    const key = new TextEncoder().encode(TEST_SECRET);
    const forever = await new SignJWT({ email: PEOPLE.sw1 })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("virtual-school-dev")
      .setAudience("virtual-school-api")
      .setIssuedAt()
      .sign(key);
    const refused = await t.call("GET", "/api/me", { token: forever });
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toMatch(/never expires/);
    expect((await t.call("GET", "/api/me", { token: await signDevToken(key, PEOPLE.sw1, -1) })).status).toBe(401);
  });
});

describe("dev mode behind a public URL (a tunnel), with the bot's app id", () => {
  const { t } = useSmallAuthority({ env: { PUBLIC_URL: TUNNEL, MICROSOFT_APP_ID: APP_ID } });

  it("refuses dev sign-in with a problem+json 404 and the tab does not offer it", async () => {
    const res = await t.call("POST", "/api/dev/token", { body: { email: PEOPLE.vsh } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await (await fetch(`${t.base}/tab`)).text()).toContain('<meta name="vs-dev-sign-in" content="false">');
  });

  it("refuses an activity without a channel token", async () => {
    const res = await post(t.base, message({ aadObjectId: aadOf(PEOPLE.sw1) }, "https://forged.example/", "help"));
    expect(res.status).toBe(401);
  });
});
