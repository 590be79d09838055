/**
 * Teams' messaging limits (TEAMS.md "Messaging limits"), enforced before a send rather than
 * learnt from 429s, and shared through Redis by every worker process.
 *
 * Each limit is a sliding window: a sorted set per key (the app, or one conversation) whose
 * members are reservations scored by their Redis time in ms. One Lua script trims, checks
 * every window of both keys, and adds to both only if all have room, so a reservation is
 * atomic and costs one round trip. Redis's clock is used so that processes agree.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

export type Window = { limit: number; windowMs: number };

export type PacerOptions = {
  prefix?: string;
  /** The app-wide ceiling: about 50 requests per second per app per tenant. */
  globalPerSecond?: number;
  perConversation?: Window[];
  /**
   * Added to every window. A reservation is stamped when granted but Teams counts the call
   * when it arrives, a few ms later and not always equally later; without this slack a slot
   * freed at exactly 1,000 ms can land inside Teams' window and come back as a 429.
   */
  marginMs?: number;
};

export const TEAMS_CONVERSATION_WINDOWS: readonly Window[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];
export const DEFAULT_MARGIN_MS = 20;

/*
 * KEYS: the sets to reserve in (global, conversation).
 * ARGV: member, then for each key: the number of windows n, then n pairs (limit, windowMs).
 * Returns 0 when the member was added to every key, else the ms until the fullest window has
 * room; nothing is written then (apart from trimming).
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local member = ARGV[1]
local at = 2
local wait = 0
local full = false
local longest = {}
for k = 1, #KEYS do
  local n = tonumber(ARGV[at])
  local windows = {}
  local maxMs = 0
  for w = 1, n do
    local limit = tonumber(ARGV[at + 2 * w - 1])
    local ms = tonumber(ARGV[at + 2 * w])
    windows[w] = { limit, ms }
    if ms > maxMs then maxMs = ms end
  end
  at = at + 1 + 2 * n
  longest[k] = maxMs
  -- Members older than the longest window count for nothing any more.
  redis.call('ZREMRANGEBYSCORE', KEYS[k], '-inf', now - maxMs)
  for w = 1, n do
    local limit, ms = windows[w][1], windows[w][2]
    -- A member scored s counts while s > now - ms (the same exclusive bound everywhere).
    local since = '(' .. (now - ms)
    local used = redis.call('ZCOUNT', KEYS[k], since, '+inf')
    if used >= limit then
      full = true
      -- There is room again once the (used - limit + 1) oldest members in the window leave it.
      local oldest = redis.call('ZRANGEBYSCORE', KEYS[k], since, '+inf', 'WITHSCORES', 'LIMIT', used - limit, 1)
      local free = tonumber(oldest[2]) + ms - now
      if free > wait then wait = free end
    end
  end
end
if full then return math.max(1, math.ceil(wait)) end
for k = 1, #KEYS do
  redis.call('ZADD', KEYS[k], now, member)
  redis.call('PEXPIRE', KEYS[k], longest[k])
end
return 0
`;

/*
 * KEYS: global, conversation. ARGV: this pacer's member prefix.
 * Removes this pacer's newest reservation for the conversation from both sets, so another
 * process's reservation is never taken back; with several sends in flight to one conversation
 * in one process, the newest of them goes, which differs from the refused one by at most the
 * length of one send.
 */
const RELEASE = `
local recent = redis.call('ZREVRANGE', KEYS[2], 0, 31)
for _, member in ipairs(recent) do
  if string.sub(member, 1, #ARGV[1]) == ARGV[1] then
    redis.call('ZREM', KEYS[2], member)
    redis.call('ZREM', KEYS[1], member)
    return 1
  end
end
return 0
`;

type PacingRedis = Redis & {
  paceReserve(global: string, conversation: string, ...args: (string | number)[]): Promise<number>;
  paceRelease(global: string, conversation: string, owner: string): Promise<number>;
};

export function createPacer(redis: Redis, opts: PacerOptions = {}) {
  const prefix = opts.prefix ?? "vs";
  const margin = opts.marginMs ?? DEFAULT_MARGIN_MS;
  const stretch = (ws: readonly Window[]) => ws.map((w) => [w.limit, w.windowMs + margin]);
  const globalWindows = stretch([{ limit: opts.globalPerSecond ?? 50, windowMs: 1_000 }]);
  const conversationWindows = stretch(opts.perConversation ?? TEAMS_CONVERSATION_WINDOWS);
  // Known up front, so each call only appends its member.
  const windowArgs = [
    globalWindows.length,
    ...globalWindows.flat(),
    conversationWindows.length,
    ...conversationWindows.flat(),
  ];

  // defineCommand sends EVALSHA, falling back to EVAL once per connection (e.g. after SCRIPT FLUSH).
  if (!("paceReserve" in redis)) {
    redis.defineCommand("paceReserve", { numberOfKeys: 2, lua: RESERVE });
    redis.defineCommand("paceRelease", { numberOfKeys: 2, lua: RELEASE });
  }
  const r = redis as PacingRedis;

  // Members are unique across processes, and carry an owner prefix for release.
  const owner = `${randomUUID().slice(0, 8)}:`;
  let sequence = 0;
  const globalKey = `${prefix}:pace:global`;
  const conversationKey = (conversationId: string) => `${prefix}:pace:c:${conversationId}`;

  return {
    /** Reserves a slot for one message to `conversationId`; resolves with 0 when reserved now, or the ms to wait before trying again (nothing reserved). */
    async reserve(conversationId: string): Promise<number> {
      sequence += 1;
      return r.paceReserve(globalKey, conversationKey(conversationId), `${owner}${sequence}`, ...windowArgs);
    },
    /** Gives a reserved slot back (the send was refused: 429 injected/other error), so refused sends do not use up capacity. */
    async release(conversationId: string): Promise<void> {
      await r.paceRelease(globalKey, conversationKey(conversationId), owner);
    },
  };
}
export type Pacer = ReturnType<typeof createPacer>;
