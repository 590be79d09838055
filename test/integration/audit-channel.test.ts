/**
 * Issue 13, item 4: the audit's channel is set by the server from the route, never by a
 * client's header. The API is at /api (channel "api"); the tab calls the same routes
 * under its own mount, /tab/api (channel "tab"), which the OpenAPI document leaves out.
 */
import { describe, expect, it } from "vitest";
import type { Json } from "../support/app.js";
import { auditAdded } from "../support/audit-rows.js";
import { PEOPLE } from "../support/factories.js";
import { useSmallAuthority } from "../support/small-authority.js";

const { t, f } = useSmallAuthority();
const db = () => t.database.db;

/** Rows added by `call`, oldest first. */
const added = (call: () => Promise<unknown>) =>
  auditAdded(db(), call, { action: true, childId: true, channel: true, outcome: true });

/** A request as sw1 with whatever headers a client chooses to send. */
async function send(path: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const token = await t.token(PEOPLE.sw1);
  return fetch(`${t.base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...headers } });
}

describe("the channel comes from the route", () => {
  it("/api with `x-client: tab` is still the API", async () => {
    const rows = await added(async () => {
      const res = await send(`/api/children/${f.jordan.id}/status`, { "x-client": "tab" });
      expect(res.status).toBe(200);
    });
    expect(rows).toEqual([{ action: "read_status", childId: f.jordan.id, channel: "api", outcome: "allowed" }]);
  });

  it("/tab/api is the tab, whatever header is sent; it answers as /api does", async () => {
    const headers: Record<string, string>[] = [{}, { "x-client": "api" }, { "x-client": "bot" }];
    for (const header of headers) {
      const rows = await added(async () => {
        const res = await send(`/tab/api/children/${f.jordan.id}/status`, header);
        expect(res.status).toBe(200);
        expect(((await res.json()) as Json).child).toMatchObject({ id: f.jordan.id, firstName: "Jordan" });
      });
      expect(rows).toEqual([{ action: "read_status", childId: f.jordan.id, channel: "tab", outcome: "allowed" }]);
    }
  });

  it("a refusal through the tab is the tab's, and so is an action logged there (its source too)", async () => {
    const refused = await added(async () => {
      expect((await send(`/tab/api/children/${f.amira.id}/status`)).status).toBe(404);
    });
    expect(refused).toEqual([{ action: "access", childId: f.amira.id, channel: "tab", outcome: "refused" }]);
    const logged = await added(async () => {
      const res = await send(
        `/tab/api/children/${f.tyler.id}/actions`,
        { "content-type": "application/json", "x-client": "api" },
        { method: "POST", body: JSON.stringify({ text: "Rang the carer" }) },
      );
      expect(res.status).toBe(201);
      expect(((await res.json()) as Json).source).toBe("tab");
    });
    expect(logged).toEqual([{ action: "log_action", childId: f.tyler.id, channel: "tab", outcome: "allowed" }]);
  });

  it("the tab's mount needs a token as /api does, and is not in the OpenAPI document", async () => {
    expect((await fetch(`${t.base}/tab/api/children/${f.jordan.id}/status`)).status).toBe(401);
    const doc = (await (await fetch(`${t.base}/docs/json`)).json()) as Json;
    const paths = Object.keys(doc.paths as Record<string, unknown>);
    expect(paths).toContain("/api/children/{id}/status");
    expect(paths.filter((p) => p.startsWith("/tab/"))).toEqual([]);
  });

  it("the tab's page calls its own mount, without an x-client header", async () => {
    const script = await (await fetch(`${t.base}/tab/assets/api.js`)).text();
    expect(script).toMatch(/fetch\(`\/tab\/api\$\{path\}`/);
    expect(script).not.toContain("x-client");
  });
});
