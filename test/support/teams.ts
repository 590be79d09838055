/** Activities as Teams sends them to /api/messages, for protocol-level bot tests. */
import { randomUUID } from "node:crypto";

export type TeamsUser = { aadObjectId: string; name?: string };

const BOT = { id: "28:virtual-school-bot", name: "Virtual School" };

/** A personal (1:1) conversation id as Teams writes them: colons and all. */
export const personalConversation = (user: TeamsUser) => `a:1${user.aadObjectId.replace(/[^a-z0-9]/gi, "")}`;

function base(user: TeamsUser, serviceUrl: string) {
  return {
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user.aadObjectId}`, name: user.name ?? "Test User", aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation: { id: personalConversation(user), conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
  };
}

export const message = (user: TeamsUser, serviceUrl: string, text: string, value?: object) => ({
  ...base(user, serviceUrl),
  type: "message",
  text,
  ...(value ? { value } : {}),
});

export const installation = (user: TeamsUser, serviceUrl: string) => ({
  ...base(user, serviceUrl),
  type: "installationUpdate",
  action: "add",
});

export const botAdded = (user: TeamsUser, serviceUrl: string) => ({
  ...base(user, serviceUrl),
  type: "conversationUpdate",
  membersAdded: [{ id: BOT.id }],
});

export async function post(base: string, activity: object, token?: string): Promise<Response> {
  return fetch(`${base}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
}
