/** What may come in about a child, parsed at every boundary (API, bot, import). */
import { z } from "zod";
import { isoDateSchema } from "../platform/dates.js";
import { upnSchema } from "./upn.js";

export const SEN_STATUSES = ["none", "sen_support", "ehcp"] as const;
export const senStatusSchema = z.enum(SEN_STATUSES);

const name = z.string().trim().min(1, "must not be empty").max(100);

export const createChildSchema = z.object({
  localId: z.string().trim().min(1, "must not be empty").max(40),
  firstName: name,
  lastName: name,
  dateOfBirth: isoDateSchema,
  upn: upnSchema,
  sex: z.enum(["M", "F", "U"]).optional(),
  legalStatus: z.string().trim().max(4).optional(),
  lookedAfterSince: isoDateSchema.optional(),
  placingAuthority: z
    .string()
    .regex(/^\d{3}$/, "must be a 3-digit LA code")
    .optional(),
  senStatus: senStatusSchema.default("none"),
});
export type CreateChild = z.infer<typeof createChildSchema>;

export const childSearchSchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ChildSearch = z.infer<typeof childSearchSchema>;
