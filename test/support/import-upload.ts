/** Uploads a one-file import to `POST /api/imports/:kind` over real HTTP, as a user of the test app. */
import type { Json, TestApp } from "./app.js";

export async function uploadImport(api: TestApp, kind: string, as: string, lines: string[], filename = "export.csv") {
  const form = new FormData();
  form.append("file", new Blob([`${lines.join("\n")}\n`], { type: "text/csv" }), filename);
  const headers = { authorization: `Bearer ${await api.token(as)}` };
  const res = await fetch(`${api.base}/api/imports/${kind}`, { method: "POST", headers, body: form });
  const body: Json = await res.json();
  return { status: res.status, type: res.headers.get("content-type") ?? "", body };
}
