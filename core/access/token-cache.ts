/**
 * Verified tokens, remembered briefly. Every API request carries the same bearer token
 * for an hour or so, and verifying it (an HMAC or RSA signature check through WebCrypto,
 * and the claims) cost about a third of a millisecond: more than everything else Fastify
 * does for the request. A token verified once is remembered, keyed by the token itself,
 * until the earlier of its own expiry (`exp`) and VERIFIED_TOKEN_TTL_MS, so an expired
 * token is refused exactly as without the cache. Bounded to VERIFIED_TOKENS entries,
 * least recently used out first.
 *
 * What it remembers is only who the token names (an Identity), never what they may do:
 * each request still resolves the person (role, school, active) through the professionals'
 * own short cache (IDENTITY_TTL_MS) and every read is scoped and audited as before.
 * Tokens that fail verification are not remembered (each is checked, and refused, again).
 */
import { decodeJwt } from "jose";
import { LRUCache } from "lru-cache";
import { elapsedMs } from "../platform/clock.js";
import type { Identity, TokenVerifier } from "./tokens.js";

/** At most this long, even for a token that expires later (bounds a signing key's removal). */
export const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;
/** Tokens remembered at most (an API process serves far fewer people at once). */
export const VERIFIED_TOKENS = 5_000;

export type TokenCacheOptions = {
  /** Milliseconds since the epoch on the real clock, as jose compares `exp` (tests pass their own). */
  now?: () => number;
  max?: number;
  ttlMs?: number;
};

/** `verify`, remembering each token it accepted until it expires (see the module comment). */
export function rememberVerified(verify: TokenVerifier, options: TokenCacheOptions = {}): TokenVerifier {
  const { now = elapsedMs, max = VERIFIED_TOKENS, ttlMs = VERIFIED_TOKEN_TTL_MS } = options;
  const verified = new LRUCache<string, { identity: Identity; until: number }>({ max });
  return async (token) => {
    const hit = verified.get(token);
    if (hit && now() < hit.until) return hit.identity;
    if (hit) verified.delete(token);
    const identity = await verify(token);
    // Both verifiers require `exp`; a token without one is verified every time.
    const { exp } = decodeJwt(token);
    if (typeof exp === "number") verified.set(token, { identity, until: Math.min(exp * 1_000, now() + ttlMs) });
    return identity;
  };
}
