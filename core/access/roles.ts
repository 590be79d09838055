/**
 * Who may do what. Roles are the professional's job in the child's life; the scope of
 * children each may see is in scope.ts. Checks live here in the core so the API, the
 * bot and the tab share them.
 */
import { z } from "zod";
import { forbidden } from "../platform/errors.js";

export const ROLES = ["vsh", "education_adviser", "social_worker", "designated_teacher", "iro"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_NAMES: Record<Role, string> = {
  vsh: "Virtual School Head",
  education_adviser: "Virtual School education adviser",
  social_worker: "Social worker",
  designated_teacher: "Designated teacher",
  iro: "Independent Reviewing Officer",
};

/** Where a request came from, kept in the audit log. */
export type Channel = "api" | "bot" | "tab" | "job";

/** The signed-in professional, as every service sees them. */
export type Actor = {
  id: number;
  role: Role;
  /** The school of a designated teacher. */
  schoolId: number | null;
  name: string;
  channel: Channel;
};

/** Virtual School staff: the Head and the education advisers (they quality-assure PEPs). */
export const VIRTUAL_SCHOOL_ROLES: readonly Role[] = ["vsh", "education_adviser"];
export const isVirtualSchool = (actor: { role: Role }): boolean => VIRTUAL_SCHOOL_ROLES.includes(actor.role);

/** Throws forbidden unless the actor has one of `roles`. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw forbidden();
}
