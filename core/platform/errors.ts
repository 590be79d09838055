/**
 * One error type for the whole core. Services throw it; the API maps the code to an
 * HTTP status and problem+json (api/plugins/errors.ts), the bot to a short sentence.
 * Messages are written for the person who made the request and carry no personal data.
 */
export type DomainErrorCode = "unauthenticated" | "forbidden" | "not_found" | "validation" | "conflict" | "unavailable";

/** A field that failed validation: its path as a person would name it, and why. */
export type FieldProblem = { field: string; message: string };

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError("not_found", `No ${what} found.`);
export const forbidden = (message = "Your role does not allow this.") => new DomainError("forbidden", message);
