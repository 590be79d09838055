/** What the directory routes answer: who you are, the professionals, the schools. */
import { z } from "zod";
import { ROLES } from "../../core/access/roles.js";

export const me = z
  .object({
    id: z.number(),
    name: z.string(),
    role: z.enum(ROLES),
    roleName: z.string(),
    schoolId: z.number().nullable().describe("A designated teacher's school"),
  })
  .meta({ id: "Me" });

export const professionalList = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        email: z.string(),
        role: z.string(),
        schoolId: z.number().nullable(),
        active: z.boolean(),
      }),
    ),
  })
  .meta({ id: "Professionals" });

export const school = z
  .object({
    id: z.number(),
    urn: z.string(),
    laestab: z.string().nullable(),
    name: z.string(),
    phase: z.string(),
    localAuthority: z.string(),
    outOfArea: z.boolean(),
  })
  .meta({ id: "School" });

export const schoolList = z.object({ items: z.array(school) }).meta({ id: "Schools" });

export const devToken = z.object({ token: z.string() }).meta({ id: "DevToken" });
