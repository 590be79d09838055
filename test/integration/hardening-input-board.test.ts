/**
 * The queue board (issue 13, item 6): sign-in posts the token (a token in the address
 * signs no one in), the session is short-lived, HttpOnly, SameSite=Strict and Secure
 * behind https, and the board is read-only for anyone but the VSH.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../support/app.js";
import { buildSmallAuthority, PEOPLE, TODAY } from "../support/factories.js";

const BOARD = "/admin/queues";

async function signIn(t: TestApp, email: string, form = true): Promise<Response> {
  const token = await t.token(email);
  return fetch(`${t.base}${BOARD}/login`, {
    method: "POST",
    headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams({ token }) : JSON.stringify({ token }),
    redirect: "manual",
  });
}
const cookieOf = (res: Response) => res.headers.get("set-cookie")?.split(";")[0] ?? "";

describe("the queue board's sign-in and session", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ today: TODAY });
    await buildSmallAuthority(t.database.db);
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it("does not sign in with a token in the address: the page is a form that posts", async () => {
    const res = await fetch(`${t.base}${BOARD}/login?token=${await t.token(PEOPLE.vsh)}`, { redirect: "manual" });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    const page = await res.text();
    expect(page).toContain(`<form method="post" action="${BOARD}/login">`);
    expect(page).toContain('type="password"');
  });

  it("posting a VSH token sets a 30-minute HttpOnly, SameSite=Strict session that is not the token", async () => {
    const token = await t.token(PEOPLE.vsh);
    const res = await signIn(t, PEOPLE.vsh);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(BOARD);
    const set = res.headers.get("set-cookie") ?? "";
    expect(set).toMatch(/^vs_board=[\w-]{40,};/);
    expect(set).toContain("HttpOnly");
    expect(set).toContain("SameSite=Strict");
    expect(set).toContain(`Path=${BOARD}`);
    expect(set).toContain("Max-Age=1800");
    expect(set).not.toContain("Secure"); // plain http here: see the https case below
    expect(set).not.toContain(token);
    const board = await fetch(`${t.base}${BOARD}`, { headers: { cookie: cookieOf(res) } });
    expect(board.status).toBe(200);
    expect(await board.text()).toMatch(/<html/i);
    // JSON bodies are taken too (scripts).
    expect((await signIn(t, PEOPLE.vsh, false)).status).toBe(303);
  });

  it("refuses a bad token, no token, and anyone outside the Virtual School", async () => {
    const bad = await fetch(`${t.base}${BOARD}/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "token=not-a-token",
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const none = await fetch(`${t.base}${BOARD}/login`, { method: "POST" });
    expect(none.status).toBe(401);
    for (const who of [PEOPLE.dtA, PEOPLE.sw1, PEOPLE.iro1]) expect((await signIn(t, who)).status).toBe(403);
    // A made-up cookie is no session.
    expect((await fetch(`${t.base}${BOARD}`, { headers: { cookie: "vs_board=made-up" } })).status).toBe(401);
  });

  it("ends the session after 30 minutes", async () => {
    const cookie = cookieOf(await signIn(t, PEOPLE.vsh));
    const api = () => fetch(`${t.base}${BOARD}/api/queues`, { headers: { cookie } });
    expect((await api()).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31 * 60_000 });
    const expired = await api();
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { detail: string }).detail).toMatch(/Sign in first/);
  });

  it("is read-only for an education adviser; the VSH can pause and resume a queue", async () => {
    const adviser = cookieOf(await signIn(t, PEOPLE.ea1));
    const look = await fetch(`${t.base}${BOARD}/api/queues`, { headers: { cookie: adviser } });
    expect(look.status).toBe(200);
    expect(JSON.stringify(await look.json())).toContain("deliveries");
    const pause = (cookie: string, verb = "pause") =>
      fetch(`${t.base}${BOARD}/api/queues/deliveries/${verb}`, { method: "PUT", headers: { cookie } });
    const refused = await pause(adviser);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/read-only/);
    expect(await t.runtime.queues?.deliveries.isPaused()).toBe(false);

    const vsh = cookieOf(await signIn(t, PEOPLE.vsh));
    expect((await pause(vsh)).status).toBe(200);
    expect(await t.runtime.queues?.deliveries.isPaused()).toBe(true);
    expect((await pause(vsh, "resume")).status).toBe(200);
    expect(await t.runtime.queues?.deliveries.isPaused()).toBe(false);
  });
});

describe("the queue board behind https", () => {
  it("marks the session cookie Secure", async () => {
    const t = await startTestApp({ today: TODAY, env: { PUBLIC_URL: "https://vs.example.org" } });
    try {
      await buildSmallAuthority(t.database.db);
      expect((await signIn(t, PEOPLE.vsh)).headers.get("set-cookie")).toMatch(/; Secure$/);
    } finally {
      await t.close();
    }
  });
});
