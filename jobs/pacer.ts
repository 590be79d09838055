/**
 * Teams' messaging limits (TEAMS.md "Messaging limits"), enforced before a send rather than
 * learnt from 429s, and shared through Redis by every worker process.
 *
 * Each limit is a sliding window: a sorted set per key (the app, or one conversation) whose
 * members are reservations scored by their Redis time in ms. One Lua script trims, checks
 * every window of both keys, and adds to both only if all have room, so a reservation is
 * atomic and costs one round trip. Redis's clock is used so that processes agree. Once
 * its send is answered, a reservation is moved to that moment (`settle`), since Teams
 * counts the call when it arrives, not when the slot was granted.
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
 * KEYS: global, conversation. ARGV: member.
 * Removes exactly this reservation from both sets: never another send's, which Teams may
 * have accepted and still counts.
 */
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
return redis.call('ZREM', KEYS[2], ARGV[1])
`;

/*
 * KEYS: global, conversation. ARGV: member, then each key's longest window (ms).
 * Moves a granted reservation to now once its send has been answered. Teams counts a call
 * when it arrives, which can be well after the grant (a cold connection, a busy process)
 * but never after the answer; counted from here, a slow send cannot let the next ones
 * crowd into its second. Only ever later, and only while the reservation is still there.
 */
const SETTLE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for k = 1, #KEYS do
  if redis.call('ZADD', KEYS[k], 'XX', 'GT', 'CH', now, ARGV[1]) == 1 then
    redis.call('PEXPIRE', KEYS[k], ARGV[k + 1])
  end
end
return 0
`;

type PacingRedis = Redis & {
  paceReserve(global: string, conversation: string, ...args: (string | number)[]): Promise<number>;
  paceRelease(global: string, conversation: string, member: string): Promise<number>;
  paceSettle(global: string, conversation: string, member: string, ...longest: number[]): Promise<number>;
};

/**
 * A reservation: `wait` is 0 when granted, else the ms to wait (nothing reserved). A granted
 * one is then either settled (the send was answered) or released (the send was refused, so
 * it does not use up capacity).
 */
export type Reservation = { wait: number; settle(): Promise<void>; release(): Promise<void> };

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
    redis.defineCommand("paceSettle", { numberOfKeys: 2, lua: SETTLE });
  }
  const r = redis as PacingRedis;

  // Members are unique across processes.
  const owner = `${randomUUID().slice(0, 8)}:`;
  let sequence = 0;
  const globalKey = `${prefix}:pace:global`;
  const conversationKey = (conversationId: string) => `${prefix}:pace:c:${conversationId}`;
  const longest = (ws: number[][]) => Math.max(...ws.map(([, ms]) => ms ?? 0));

  /** Reserves a slot for one message to `conversationId` (see `Reservation`). */
  async function take(conversationId: string): Promise<Reservation> {
    sequence += 1;
    const member = `${owner}${sequence}`;
    const keys = [globalKey, conversationKey(conversationId)] as const;
    const wait = await r.paceReserve(...keys, member, ...windowArgs);
    const settle = async () => {
      if (wait === 0) await r.paceSettle(...keys, member, longest(globalWindows), longest(conversationWindows));
    };
    const release = async () => {
      if (wait === 0) await r.paceRelease(...keys, member);
    };
    return { wait, settle, release };
  }

  return {
    take,
    /** Reserves a slot for one message to `conversationId`; resolves with 0 when reserved now, or the ms to wait before trying again (nothing reserved). */
    async reserve(conversationId: string): Promise<number> {
      return (await take(conversationId)).wait;
    },
  };
}
export type Pacer = ReturnType<typeof createPacer>;
