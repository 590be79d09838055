/** The connector stub's HTTP plumbing (connector-stub.ts): which call a request is, its body, the answer. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallKind, StubBody } from "./connector-stub.js";

export type Route = { kind: CallKind; conversationId?: string; activityId?: string };

/** Segments split before decoding, since encoded ids may hold `/`; empty ones come from `//`. */
export function route(method: string, url: string): Route | undefined {
  const parts = (url.split("?")[0] ?? "").split("/").filter(Boolean).map(decodeURIComponent);
  const [v3, conversations, conversationId, activities, activityId, ...rest] = parts;
  if (v3 !== "v3" || conversations !== "conversations" || rest.length > 0) return undefined;
  if (conversationId === undefined) return method === "POST" ? { kind: "create" } : undefined;
  if (activities !== "activities") return undefined;
  if (activityId === undefined) return method === "POST" ? { kind: "send", conversationId } : undefined;
  const kind = ({ POST: "reply", PUT: "update", DELETE: "delete" } as const)[method as "POST" | "PUT" | "DELETE"];
  return kind ? { kind, conversationId, activityId } : undefined;
}

export async function readBody(req: IncomingMessage): Promise<StubBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  // Test-only cast: assertions read the fields they expect.
  return text ? (JSON.parse(text) as StubBody) : {};
}

/** Text and attachments at once: Teams refuses to update a message into that (it would be two). */
export const hasTextAndAttachments = (body: StubBody) => Boolean(body.text) && (body.attachments?.length ?? 0) > 0;

export function answer(res: ServerResponse, status: number, body: unknown, retryAfter?: number): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  res.writeHead(status, headers).end(body === undefined ? undefined : JSON.stringify(body));
}
