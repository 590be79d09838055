/**
 * Proactive sends and card updates over the Bot Connector REST API, with plain `fetch`.
 *
 * Not botbuilder's ConnectorClient: its Azure pipeline retries 429 and 5xx up to three
 * times by itself (honouring Retry-After) and cannot be told not to, which hides 429s from
 * the queue and breaks the pacer's count. Here every call is made exactly once and its
 * answer handed back as data, so the delivery job decides what to retry and when.
 */
import {
  AppCredentials,
  AuthenticationConstants,
  PasswordServiceClientCredentialFactory,
} from "botframework-connector";
import type { ProactiveReference, SendResult, TeamsSender } from "../core/alerts/sender.port.js";

export type TeamsSenderOptions = {
  /** The bot's app id; used as `from` when a reference lacks `bot`. With it, `token` is required. */
  appId?: string;
  /** The bearer token for each call; no Authorization header without it (local dev, emulator, tests). */
  token?: () => Promise<string | null>;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

const PERMANENT = new Set([403, 404, 413]);

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Bot Framework errors are `{ error: { code, message } }`; anything else has no code. */
async function errorCode(res: Response): Promise<string | null> {
  try {
    const body: unknown = await res.json();
    if (typeof body !== "object" || body === null || !("error" in body)) return null;
    const { error } = body;
    if (typeof error !== "object" || error === null || !("code" in error)) return null;
    return typeof error.code === "string" ? error.code : null;
  } catch {
    return null;
  }
}

async function activityIdOf(res: Response): Promise<string | null> {
  try {
    const body: unknown = await res.json();
    return typeof body === "object" && body !== null && "id" in body && typeof body.id === "string" ? body.id : null;
  } catch {
    return null;
  }
}

export function createTeamsSender(opts: TeamsSenderOptions = {}): TeamsSender {
  const { appId, token } = opts;
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  // Teams would answer every unauthenticated call 401: fail at start-up rather than per alert.
  if (appId && !token) throw new Error("createTeamsSender: an appId needs a token provider");

  /** What `continueConversation` would set from the reference; the reference wins over the caller. */
  function outgoing(ref: ProactiveReference, activity: object, activityId?: string): object {
    const from = ref.bot ?? (appId ? { id: `28:${appId}` } : undefined);
    return {
      type: "message",
      ...(ref.locale ? { locale: ref.locale } : {}),
      ...activity,
      ...(activityId ? { id: activityId } : {}),
      from,
      recipient: ref.user,
      conversation: ref.conversation,
      channelId: "msteams",
      serviceUrl: ref.serviceUrl,
    };
  }

  function urlFor(ref: ProactiveReference, activityId?: string): string {
    const base = ref.serviceUrl.endsWith("/") ? ref.serviceUrl : `${ref.serviceUrl}/`;
    // Teams ids hold `:`, `;`, `@` and sometimes `/`: each must stay one path segment.
    const path = `v3/conversations/${encodeURIComponent(ref.conversation.id)}/activities`;
    return `${base}${path}${activityId ? `/${encodeURIComponent(activityId)}` : ""}`;
  }

  async function call(method: "POST" | "PUT", url: string, body: object, fallbackId: string): Promise<SendResult> {
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
    if (token) {
      let bearer: string | null;
      try {
        bearer = await token();
      } catch {
        return { ok: false, status: 0, retryAfterMs: null, code: "TokenError", permanent: false };
      }
      if (bearer) headers.authorization = `Bearer ${bearer}`;
    }
    let res: Response;
    try {
      res = await doFetch(url, { method, headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      // A timed-out send may still have reached Teams: the caller's retry can duplicate it.
      const code = err instanceof Error && err.name === "TimeoutError" ? "Timeout" : "NetworkError";
      return { ok: false, status: 0, retryAfterMs: null, code, permanent: false };
    }
    if (res.ok) {
      // A 2xx was delivered whatever its body says; an update's answer may omit the id.
      return { ok: true, activityId: (await activityIdOf(res)) ?? fallbackId };
    }
    return {
      ok: false,
      status: res.status,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
      code: await errorCode(res),
      permanent: PERMANENT.has(res.status),
    };
  }

  return {
    /** POST {serviceUrl}v3/conversations/{id}/activities: a new message in the conversation. */
    send(ref: ProactiveReference, activity: object): Promise<SendResult> {
      return call("POST", urlFor(ref), outgoing(ref, activity), "");
    },
    /** PUT .../activities/{activityId}: replaces a message already sent (e.g. a card for everyone). */
    update(ref: ProactiveReference, activityId: string, activity: object): Promise<SendResult> {
      return call("PUT", urlFor(ref, activityId), outgoing(ref, activity, activityId), activityId);
    },
  };
}

/**
 * Bearer tokens for the Bot Connector, from the app's id and secret via botframework-connector
 * (MSAL underneath), for the Bot Framework audience. AppCredentials caches each token until 5
 * minutes before it expires; concurrent callers share one request while none is cached.
 */
export function botTokenProvider(config: { appId: string; password: string; tenantId?: string | null }) {
  const tenant = config.tenantId || AuthenticationConstants.DefaultChannelAuthTenant;
  const factory = config.tenantId
    ? new PasswordServiceClientCredentialFactory(config.appId, config.password, config.tenantId)
    : new PasswordServiceClientCredentialFactory(config.appId, config.password);
  let credentials: Promise<AppCredentials> | undefined;
  let pending: Promise<string> | undefined;

  async function create(): Promise<AppCredentials> {
    const created = await factory.createCredentials(
      config.appId,
      AuthenticationConstants.ToChannelFromBotOAuthScope,
      `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${tenant}`,
      true,
    );
    if (!(created instanceof AppCredentials)) throw new Error("botTokenProvider: credentials cannot issue tokens");
    return created;
  }

  return async (): Promise<string | null> => {
    credentials ??= create();
    // Forget a failed creation, so a later call tries again rather than failing forever.
    const creds = await credentials.catch((err: unknown) => {
      credentials = undefined;
      throw err;
    });
    pending ??= creds.getToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
