/**
 * `GET /api/children/:id/audit.csv`: a child's audit trail as CSV, for the VSH (a subject
 * access request). Register inside the authenticated /api scope.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { childAuditCsv } from "../../core/access/audit-export.js";
import type { Services } from "../../core/services.js";
import { problems, SIGNED_IN } from "../responses/problem.js";
import { idParams, secured } from "./schemas.js";

export const auditExportRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/children/:id/audit.csv",
    {
      schema: {
        tags: ["children"],
        summary: "A child's audit trail as CSV (VSH only): a subject access request",
        params: idParams,
        security: secured,
        response: {
          200: { description: "One row per audited event", content: { "text/csv": { schema: z.string() } } },
          ...problems(...SIGNED_IN, 400, 404),
        },
      },
    },
    async (request, reply) => {
      const csv = await childAuditCsv(services.db, request.actor, request.params.id, services.audit);
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="child-${request.params.id}-audit.csv"`)
        .send(csv);
    },
  );
};
