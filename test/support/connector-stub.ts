/**
 * A Bot Connector stand-in on 127.0.0.1 that the bot calls as its `serviceUrl`. It records
 * every call for assertions, answers failures on demand (`inject`) and, with `limits`,
 * refuses what Teams would refuse (TEAMS.md "Messaging limits"), so a sender can be tested
 * for losses, duplicates and pace without Teams.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Activity, ConversationParameters } from "botbuilder";
import { answer, hasTextAndAttachments, readBody, route } from "./connector-http.js";

export type CallKind = "reply" | "send" | "update" | "delete" | "create";

/** The JSON the bot posted: an activity, or for `create` the conversation parameters. */
export type StubBody = Partial<Activity> & Partial<ConversationParameters>;

/** What a call asked for; `inject` rules see this before the stub answers. */
export type ConnectorCall = {
  method: string;
  kind: CallKind;
  /** URL-decoded. For `create`, the id the stub hands out (stable per user, as in Teams). */
  conversationId: string;
  /** The activity updated or deleted; for an accepted send or reply, the id the stub gave it. */
  activityId?: string;
  replyToId?: string;
  body: StubBody;
  authorization?: string;
  at: number; // Date.now() on arrival
};

/**
 * Every call is recorded, in arrival order. `rejected` calls got a non-2xx answer (injected,
 * or over a limit); they reached no one, so a test counts losses and duplicates from them.
 */
export type RecordedCall = ConnectorCall & { status: number; rejected: boolean; retryAfterSeconds?: number };

export type InjectRule = {
  status: 429 | 412 | 500 | 502 | 503 | 504 | 403 | 404 | 413;
  /** How many matching calls get `status`: 1 by default; unlimited when `ratio` is given. */
  times?: number;
  /** Sent as `Retry-After`; 429 gets 1 second when this is absent. */
  retryAfterSeconds?: number;
  match?: (c: ConnectorCall) => boolean;
  /** Share (0..1) of matching calls that get `status`, drawn from a seeded generator so runs repeat. */
  ratio?: number;
  /** Seed for `ratio`'s generator (default 1). */
  seed?: number;
};

export type ConnectorStub = {
  /** The serviceUrl to put in activities, with a trailing slash as Teams sends it. */
  url: string;
  calls: RecordedCall[];
  /** Accepted replies and sends, in order: what people would have seen. */
  sent(): RecordedCall[];
  /** What a person sees arrive or change: accepted replies, sends and updates of an earlier message. */
  shown(): RecordedCall[];
  /** Resolves with the matching calls (accepted or not) once `count` (default 1) exist. */
  waitFor(pred: (c: RecordedCall) => boolean, opts?: { timeoutMs?: number; count?: number }): Promise<RecordedCall[]>;
  inject(rule: InjectRule): void;
  /** Forgets calls, rules, created conversations, the limits' windows and activity numbering. */
  reset(): void;
  stats(): {
    accepted: number;
    rejected: Record<number, number>;
    perConversationMaxPerSecond: number;
    maxPerSecond: number;
  };
  close(): Promise<void>;
};

type ActiveRule = InjectRule & { left: number; random: () => number };

/** Bot Framework error codes; 403 and 404 carry the ones TEAMS.md says the sender must act on. */
const ERROR_CODES: Record<number, string> = {
  403: "ConversationBlockedByUser",
  404: "ConversationNotFound",
  412: "PreconditionFailed",
  413: "MessageSizeTooBig",
  429: "Throttled",
};

/** A Park–Miller generator: tiny and seedable, enough to spread injected failures. */
function seeded(seed: number): () => number {
  let state = (Math.abs(Math.trunc(seed)) % 2147483646) + 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

/** TEAMS.md's limits per bot: per conversation, and for the whole app (key ""). */
const APP_WINDOWS: [max: number, ms: number][] = [[50, 1_000]];
const CONVERSATION_WINDOWS: typeof APP_WINDOWS = [
  [7, 1_000],
  [8, 2_000],
  [60, 30_000],
  [1_800, 3_600_000],
];

/**
 * Sliding windows over accepted calls only (a refused call is not delivered, so it is not
 * counted). Returns undefined to admit, or the seconds until every window has room.
 */
function createLimiter() {
  const accepted = new Map<string, number[]>();
  const wait = (key: string, windows: typeof APP_WINDOWS, now: number): number => {
    const times = accepted.get(key) ?? [];
    const longest = Math.max(...windows.map(([, ms]) => ms));
    while (times.length > 0 && (times[0] ?? 0) <= now - longest) times.shift();
    accepted.set(key, times);
    // Sorted times: the window is full when the max-th latest call is still inside it.
    return Math.max(0, ...windows.map(([max, ms]) => (times[times.length - max] ?? -Infinity) + ms - now));
  };
  return {
    admit(conversationId: string, now: number): number | undefined {
      const ms = Math.max(wait(conversationId, CONVERSATION_WINDOWS, now), wait("", APP_WINDOWS, now));
      if (ms > 0) return Math.max(1, Math.ceil(ms / 1000));
      accepted.get(conversationId)?.push(now);
      accepted.get("")?.push(now);
      return undefined;
    },
  };
}

/** The most calls inside any 1-second window. */
function maxInAnySecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= 1_000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export async function startConnectorStub(opts: { limits?: boolean } = {}): Promise<ConnectorStub> {
  const calls: RecordedCall[] = [];
  let rules: ActiveRule[] = [];
  let limiter = createLimiter();
  const waiters = new Set<(call: RecordedCall) => void>();
  const oneToOne = new Map<string, string>();
  let nextActivity = 1;

  /** Teams gives the same 1:1 conversation back for the same user; group chats are new. */
  function conversationFor(body: StubBody): string {
    const member = body.members?.[0]?.id;
    const key = member && !body.isGroup ? `${body.tenantId ?? ""}|${member}` : randomUUID();
    const id = oneToOne.get(key) ?? `a:${randomUUID()}`;
    oneToOne.set(key, id);
    return id;
  }

  function injected(call: ConnectorCall): ActiveRule | undefined {
    for (const rule of rules) {
      if (rule.match && !rule.match(call)) continue;
      if (rule.ratio !== undefined && rule.random() >= rule.ratio) continue;
      rule.left -= 1;
      rules = rules.filter((r) => r.left > 0);
      return rule;
    }
    return undefined;
  }

  function record(call: RecordedCall): void {
    calls.push(call);
    for (const waiter of [...waiters]) waiter(call);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const found = route(method, req.url ?? "/");
    const body = await readBody(req);
    if (!found) return answer(res, 404, { error: { code: "BadArgument", message: `no route ${method} ${req.url}` } });
    const call: ConnectorCall = {
      method,
      kind: found.kind,
      conversationId: found.conversationId ?? conversationFor(body),
      body,
      at: Date.now(),
      ...(found.kind === "reply" ? { replyToId: found.activityId } : {}),
      ...(found.kind === "update" || found.kind === "delete" ? { activityId: found.activityId } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    // Injected failures come first: the call never reaches Teams, so it uses up no limit.
    const rule = injected(call);
    const wait = !rule && opts.limits ? limiter.admit(call.conversationId, call.at) : undefined;
    if (rule || wait !== undefined) {
      const status = rule?.status ?? 429;
      const retryAfter = rule ? (rule.retryAfterSeconds ?? (status === 429 ? 1 : undefined)) : wait;
      const message = rule ? `injected ${status}` : "over Teams' rate limit";
      record({ ...call, status, rejected: true, retryAfterSeconds: retryAfter });
      return answer(res, status, { error: { code: ERROR_CODES[status] ?? "ServiceError", message } }, retryAfter);
    }
    if (call.kind === "update" && hasTextAndAttachments(body)) {
      record({ ...call, status: 400, rejected: true });
      return answer(res, 400, {
        error: { code: "BadSyntax", message: "Activity resulted into multiple skype activities" },
      });
    }
    if (call.kind === "delete" || call.kind === "update") {
      record({ ...call, status: 200, rejected: false });
      return answer(res, 200, call.kind === "update" ? { id: call.activityId } : undefined);
    }
    // A create gets a message id only when it carried a first message.
    const activityId = call.kind !== "create" || body.activity ? String(nextActivity++) : undefined;
    record({ ...call, ...(activityId ? { activityId } : {}), status: 201, rejected: false });
    return answer(res, 201, call.kind === "create" ? { id: call.conversationId, activityId } : { id: activityId });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => answer(res, 400, { error: { code: "BadSyntax", message: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const describe = (c: RecordedCall) =>
    `${c.method} ${c.kind} ${c.conversationId} → ${c.status}${c.body.text ? ` "${c.body.text.slice(0, 60)}"` : ""}`;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    sent: () => calls.filter((c) => !c.rejected && (c.kind === "reply" || c.kind === "send")),
    shown: () => calls.filter((c) => !c.rejected && (c.kind === "reply" || c.kind === "send" || c.kind === "update")),
    waitFor(pred, { timeoutMs = 5_000, count = 1 } = {}) {
      return new Promise((resolve, reject) => {
        // Each new call is tested once, so waiting on a long run stays linear.
        const hits = calls.filter(pred);
        const done = () => {
          if (hits.length < count) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(hits);
        };
        const waiter = (call: RecordedCall) => {
          if (pred(call)) hits.push(call);
          done();
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = calls.map((c) => `  ${describe(c)}`).join("\n") || "  (nothing)";
          const why = `connector stub: wanted ${count} matching call(s) in ${timeoutMs} ms, got ${hits.length}:`;
          reject(new Error(`${why}\n${seen}`));
        }, timeoutMs);
        waiters.add(waiter);
        done();
      });
    },
    inject(rule) {
      const left = rule.times ?? (rule.ratio === undefined ? 1 : Number.POSITIVE_INFINITY);
      rules.push({ ...rule, left, random: seeded(rule.seed ?? 1) });
    },
    reset() {
      calls.length = 0;
      rules = [];
      limiter = createLimiter();
      oneToOne.clear();
      nextActivity = 1;
    },
    stats() {
      const accepted = calls.filter((c) => !c.rejected);
      const rejected: Record<number, number> = {};
      for (const c of calls) if (c.rejected) rejected[c.status] = (rejected[c.status] ?? 0) + 1;
      const byConversation = new Map<string, number[]>();
      for (const c of accepted) byConversation.set(c.conversationId, byConversation.get(c.conversationId) ?? []);
      for (const c of accepted) byConversation.get(c.conversationId)?.push(c.at);
      const perConversation = [...byConversation.values()].map(maxInAnySecond);
      return {
        accepted: accepted.length,
        rejected,
        perConversationMaxPerSecond: perConversation.reduce((a, b) => Math.max(a, b), 0),
        maxPerSecond: maxInAnySecond(accepted.map((c) => c.at)),
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
