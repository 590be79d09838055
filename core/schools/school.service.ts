/**
 * Schools: a directory, not personal data, so every role may read it; only the VSH
 * changes it.
 */
import { z } from "zod";
import { type Actor, requireRole } from "../access/roles.js";
import { containsAnyCase, type Db } from "../platform/db.js";
import { DomainError, notFound } from "../platform/errors.js";

export const SCHOOL_PHASES = [
  "nursery",
  "primary",
  "secondary",
  "all_through",
  "special",
  "alternative_provision",
  "post16",
] as const;

export const createSchoolSchema = z.object({
  urn: z.string().regex(/^\d{6}$/, "URN must be 6 digits"),
  laestab: z
    .string()
    .regex(/^\d{7}$/, "LAESTAB must be the 3-digit LA code and 4-digit establishment number")
    .optional(),
  name: z.string().trim().min(1).max(200),
  phase: z.enum(SCHOOL_PHASES),
  localAuthority: z.string().regex(/^\d{3}$/, "local authority must be a 3-digit LA code"),
  outOfArea: z.boolean().default(false),
});
export type CreateSchool = z.infer<typeof createSchoolSchema>;

const schoolFields = {
  id: true,
  urn: true,
  laestab: true,
  name: true,
  phase: true,
  localAuthority: true,
  outOfArea: true,
} as const;

export function createSchoolService(db: Db) {
  return {
    async list(q?: string) {
      return db.school.findMany({
        where: q ? { OR: [{ name: containsAnyCase(db, q) }, { urn: q }] } : {},
        select: schoolFields,
        orderBy: { name: "asc" },
      });
    },

    async get(id: number) {
      const school = await db.school.findUnique({ where: { id }, select: schoolFields });
      if (!school) throw notFound("school");
      return school;
    },

    async create(actor: Actor, input: CreateSchool) {
      requireRole(actor, "vsh");
      const existing = await db.school.findUnique({ where: { urn: input.urn }, select: { id: true } });
      if (existing) throw new DomainError("conflict", `A school with URN ${input.urn} already exists.`);
      return db.school.create({ data: input, select: schoolFields });
    },
  };
}
