/** What the PEP routes answer: one PEP's form, and the Virtual School's quality-assurance queue. */
import { z } from "zod";
import { childName } from "./children.js";

const pence = z.number().int().describe("pence");

export const pepDetail = z
  .object({
    id: z.number(),
    childId: z.number(),
    child: childName,
    term: z.string().describe('"initial" or "<school year>-<term>", e.g. "2026-autumn"'),
    termLabel: z.string(),
    dueDate: z.string(),
    meetingDate: z.string().nullable(),
    status: z.string(),
    rag: z.string().nullable(),
    attendees: z.array(z.string()),
    childViews: z.string().nullable(),
    targets: z.array(
      z.object({
        id: z.number(),
        text: z.string(),
        owner: z.string(),
        byDate: z.string(),
        ppRequestedPence: pence,
        ppApprovedPence: pence.nullable(),
      }),
    ),
    importedTargets: z.array(z.string()),
    submittedAt: z.string().nullable(),
    qualityAssurance: z
      .object({
        outcome: z.enum(["returned", "rated"]),
        rating: z.string().nullable(),
        comment: z.string().nullable(),
        criteria: z.array(z.object({ key: z.string(), label: z.string(), met: z.boolean() })),
        by: z.object({ id: z.number(), name: z.string() }).nullable(),
        at: z.string().nullable(),
      })
      .nullable(),
    pupilPremiumPlus: z.object({
      requestedPence: pence,
      approvedPence: pence.nullable(),
      childYear: z.object({
        allocated: pence,
        released: pence,
        requested: pence,
        approved: pence,
        pending: pence,
        remaining: pence,
      }),
    }),
  })
  .meta({ id: "Pep" });

export const qualityAssuranceQueue = z
  .object({
    asOf: z.string(),
    items: z.array(
      z.object({
        id: z.number(),
        child: childName,
        term: z.string(),
        meetingDate: z.string().nullable(),
        submittedAt: z.date().nullable(),
        targets: z.number(),
        ppRequestedPence: pence,
      }),
    ),
  })
  .meta({ id: "PepQualityAssuranceQueue" });
