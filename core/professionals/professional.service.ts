/**
 * Professionals: who is signed in (an identity from a token or from Teams mapped to a
 * registered professional), and the directory the VSH manages.
 */
import { LRUCache } from "lru-cache";
import { type Actor, type Channel, requireRole, roleSchema } from "../access/roles.js";
import type { Identity } from "../access/tokens.js";
import type { Db } from "../platform/db.js";
import { DomainError } from "../platform/errors.js";

export const notRegistered = () =>
  new DomainError("forbidden", "You are not registered with the Virtual School. Ask the Virtual School to add you.");

const publicFields = { id: true, name: true, email: true, role: true, schoolId: true, active: true } as const;

type Registered = Omit<Actor, "channel">;

/**
 * Every request resolves its caller, so a verified identity is remembered briefly. A
 * professional who is deactivated or changes role is seen within IDENTITY_TTL_MS.
 */
export const IDENTITY_TTL_MS = 30_000;

export function createProfessionalService(db: Db) {
  const recent = new LRUCache<string, Registered>({ max: 10_000, ttl: IDENTITY_TTL_MS });

  async function lookUp(identity: Identity): Promise<Registered> {
    const where = "email" in identity ? { email: identity.email } : { aadObjectId: identity.aadObjectId };
    const found = await db.professional.findUnique({ where, select: { ...publicFields } });
    const role = roleSchema.safeParse(found?.role);
    if (!found?.active || !role.success) throw notRegistered();
    return { id: found.id, role: role.data, schoolId: found.schoolId, name: found.name };
  }

  return {
    /** The Actor for a verified identity; an unknown or inactive person is refused. */
    async resolve(identity: Identity, channel: Channel): Promise<Actor> {
      const key = "email" in identity ? `email:${identity.email}` : `aad:${identity.aadObjectId}`;
      let registered = recent.get(key);
      if (!registered) {
        registered = await lookUp(identity);
        recent.set(key, registered);
      }
      return { ...registered, channel };
    },

    async list(actor: Actor) {
      requireRole(actor, "vsh");
      return db.professional.findMany({ select: publicFields, orderBy: [{ role: "asc" }, { name: "asc" }] });
    },
  };
}
