/**
 * Bearer tokens. In dev mode the project signs its own (HS256, a local key) so a
 * newcomer can call the API at once; in entra mode it accepts only Entra ID tokens
 * for this app, checked against Microsoft's published keys (JWKS) with jose.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createRemoteJWKSet, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { Config } from "../platform/config.js";
import { DomainError } from "../platform/errors.js";

const DEV_ISSUER = "virtual-school-dev";
const DEV_AUDIENCE = "virtual-school-api";

/** Who a valid token says the caller is: an e-mail (dev) or an Entra object id. */
export type Identity = { email: string } | { aadObjectId: string };

export type TokenVerifier = (token: string) => Promise<Identity>;

/** The dev signing key: DEV_AUTH_SECRET, else a random key kept in a local file. */
export function devSigningKey(config: Pick<Config, "DEV_AUTH_SECRET" | "DEV_AUTH_KEY_FILE">): Uint8Array {
  if (config.DEV_AUTH_SECRET) return new TextEncoder().encode(config.DEV_AUTH_SECRET);
  const file = config.DEV_AUTH_KEY_FILE;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx" });
    chmodSync(file, 0o600);
  }
  return new TextEncoder().encode(readFileSync(file, "utf8").trim());
}

export async function signDevToken(key: Uint8Array, email: string, hours = 12): Promise<string> {
  return new SignJWT({ email })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(email)
    .setIssuedAt()
    .setExpirationTime(`${hours}h`)
    .sign(key);
}

const invalid = (why: string) => new DomainError("unauthenticated", `Your sign-in token is not valid: ${why}.`);

function reason(err: unknown): string {
  const { code, claim, reason: why } = err as { code?: string; claim?: string; reason?: string };
  if (code === "ERR_JWT_EXPIRED") return "it has expired";
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && why === "missing") {
    return claim === "exp" ? "it never expires" : `it carries no ${claim} claim`;
  }
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") return "it was issued for another service";
  return "it could not be verified";
}

export function devTokenVerifier(key: Uint8Array): TokenVerifier {
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: ["HS256"],
        requiredClaims: ["exp"],
      }));
    } catch (err) {
      throw invalid(reason(err));
    }
    if (typeof payload.email !== "string") throw invalid("it names nobody");
    return { email: payload.email.toLowerCase() };
  };
}

/** The delegated scope the tab's SSO app exposes; a token without it was not issued for this API. */
export const ENTRA_SCOPE = "access_as_user";

/**
 * Entra ID access tokens (v2) for this app: audience is the client id (or its
 * api:// URI, as Teams SSO issues), issuer and `tid` the tenant's (config requires the
 * tenant in entra mode), an expiry, and the `access_as_user` scope. `oid` names the person.
 */
export function entraTokenVerifier(config: Config): TokenVerifier {
  const clientId = config.ENTRA_CLIENT_ID ?? config.MICROSOFT_APP_ID ?? "";
  const tenant = config.ENTRA_TENANT_ID ?? config.MICROSOFT_APP_TENANT_ID;
  if (!clientId || !tenant) throw new Error("entra mode needs the app's client id and the tenant's id");
  const issuer = config.ENTRA_ISSUER ?? `https://login.microsoftonline.com/${tenant}/v2.0`;
  const jwks = createRemoteJWKSet(new URL(config.ENTRA_JWKS_URL));
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        audience: [
          clientId,
          `api://${clientId}`,
          ...(config.PUBLIC_URL ? [`api://${new URL(config.PUBLIC_URL).host}/${clientId}`] : []),
        ],
        issuer,
        algorithms: ["RS256"],
        requiredClaims: ["exp", "tid", "scp"],
      }));
    } catch (err) {
      throw invalid(reason(err));
    }
    if (payload.tid !== tenant) throw invalid("it was issued by another organisation");
    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
    if (!scopes.includes(ENTRA_SCOPE)) throw invalid("it does not grant access to this service");
    if (typeof payload.oid !== "string") throw invalid("it carries no user object id");
    return { aadObjectId: payload.oid };
  };
}

export function tokenVerifierFor(config: Config): TokenVerifier {
  return config.AUTH_MODE === "entra" ? entraTokenVerifier(config) : devTokenVerifier(devSigningKey(config));
}
