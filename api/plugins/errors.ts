/**
 * One error handler: every failure leaves as application/problem+json (RFC 9457) with a
 * `detail` a person can act on and, for invalid input, the failing fields. 5xx never
 * show internals; 4xx are answers, not incidents, and are logged quietly.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DatabaseBusy } from "../../core/platform/db.js";
import { DomainError, type DomainErrorCode, type FieldProblem } from "../../core/platform/errors.js";
import { QueueUnavailable } from "../../jobs/queue-guard.js";

const STATUS: Record<DomainErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Sign-in required",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported media type",
  422: "Unprocessable request",
  429: "Too many requests",
  503: "Unavailable",
};

/** What a 503 for a busy database asks the client to wait before trying again. */
const RETRY_AFTER_SECONDS = 2;

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldProblem[];
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  detail: string,
  errors?: FieldProblem[],
) {
  const body: Problem = {
    type: "about:blank",
    title: TITLES[status] ?? "Internal server error",
    status,
    detail,
    instance: request.url.split("?")[0] ?? request.url,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  if (status === 401) reply.header("www-authenticate", 'Bearer realm="virtual-school"');
  return reply.code(status).type("application/problem+json").send(body);
}

/** "/address/postcode" → "address.postcode"; the whole body or query when no path. */
function fieldName(instancePath: string, part: string | undefined): string {
  return instancePath.replace(/^\//, "").replaceAll("/", ".") || part || "request";
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof DatabaseBusy) {
      // Another writer (an import, the worker) held the lock past the wait. A change waits
      // for the lock before it writes, and what follows a committed change (its alerts, the
      // cards' marks) gives way to a busy database, so sending the request again is safe.
      request.log.warn("database busy: answered 503");
      reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return sendProblem(
        reply,
        request,
        503,
        `The records are busy being updated (a large import, say). Please try again in ${RETRY_AFTER_SECONDS} seconds.`,
      );
    }
    if (err instanceof DomainError) {
      request.log.info({ code: err.code }, "request refused");
      return sendProblem(reply, request, STATUS[err.code], err.message, err.fields);
    }
    if (err instanceof QueueUnavailable) {
      request.log.warn("queue unavailable: answered 503");
      reply.header("retry-after", "30");
      return sendProblem(
        reply,
        request,
        503,
        "The job queue is not answering just now, so this could not be started. Nothing was changed; please try again in a minute.",
      );
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = err.validationContext;
      const errors = err.validation.map((v) => ({
        field: fieldName(v.instancePath, part),
        message: v.message ?? "is not valid",
      }));
      const detail = `The ${part ?? "request"} is not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join("; ")}.`;
      return sendProblem(reply, request, 400, detail, errors);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, request, status, err.message);
    request.log.error({ err }, "request failed");
    return sendProblem(reply, request, 500, "Something went wrong on our side. It has been logged; please try again.");
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, 404, `There is nothing at ${request.method} ${request.url.split("?")[0]}.`),
  );
}
