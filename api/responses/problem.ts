/**
 * The problem+json answers (RFC 9457) every route may give, as response schemas: the
 * OpenAPI document lists them per route, and the serializer sends nothing they do not
 * list. api/plugins/errors.ts builds them.
 */
import { z } from "zod";

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe("What went wrong, in words a person can act on"),
    instance: z.string().describe("The path asked for, without its query"),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe("For invalid input: each failing field"),
  })
  .meta({ id: "Problem" });

/** Why each status is given, for the OpenAPI document. */
const WHY = {
  400: "The parameters, query or body are not valid (`errors` names each field)",
  401: "No bearer token, or one that is not valid",
  403: "Signed in, but not allowed: not registered, not in this role, or not one of your children",
  404: "No such record (or not one you may see)",
  408: "The request body took too long to arrive",
  409: "Conflicts with the record as it stands",
  413: "The body is too large",
  415: "The body is not of a type this route takes",
  422: "Understood, but the record cannot take it (the detail says why)",
  429: "Too many requests: Retry-After says when to try again",
  500: "Something went wrong on our side (logged)",
  503: "The database is busy, the queue is not answering or the request took too long: Retry-After says when to try again",
} as const;

export type ProblemStatus = keyof typeof WHY;

const problemAnswer = (status: ProblemStatus) => ({
  description: WHY[status],
  content: { "application/problem+json": { schema: problem } },
});

/** What any route may answer whatever it does: a failure on our side, or too many requests. */
export const ALWAYS: readonly ProblemStatus[] = [429, 500];
/** Behind the bearer check (/api, /tab/api), and reading or writing the database. */
export const SIGNED_IN: readonly ProblemStatus[] = [...ALWAYS, 401, 403, 503];
/** Taking a JSON body: too large, the wrong type, too slow to arrive, or invalid. */
export const WITH_BODY: readonly ProblemStatus[] = [400, 408, 413, 415];

/** The problem+json responses for these statuses, to spread into a route's `response`. */
export function problems<S extends ProblemStatus>(...statuses: readonly S[]) {
  const unique = [...new Set(statuses)].sort((a, b) => a - b);
  return Object.fromEntries(unique.map((s) => [s, problemAnswer(s)])) as Record<S, ReturnType<typeof problemAnswer>>;
}
