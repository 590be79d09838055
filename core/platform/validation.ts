/**
 * Input the services take directly (the bot and the tab call them, not only the API's
 * validated routes): parsed with zod, or a validation error naming each failing field
 * ("targets.0.byDate") and saying what is wrong, which the API turns into problem+json
 * and the bot into a sentence.
 */
import type { z } from "zod";
import { DomainError } from "./errors.js";

/** Parses `input` with `schema`; a failure is a validation error about `subject` ("the PEP"). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, subject = "request"): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({
    field: i.path.map(String).join(".") || "request",
    message: i.message,
  }));
  const detail = `The ${subject} is not valid: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}.`;
  throw new DomainError("validation", detail, fields);
}
