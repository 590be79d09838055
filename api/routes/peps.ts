/**
 * PEPs: booked and held against the child, then submitted, quality-assured or returned.
 * Thin: the PEP service scopes, checks roles, audits and raises or closes the alerts.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { qualityAssureSchema, recordPepSchema, returnPepSchema, updatePepSchema } from "../../core/peps/pep.schema.js";
import type { Services } from "../../core/services.js";
import { pepDetail, qualityAssuranceQueue } from "../responses/peps.js";
import { problems, SIGNED_IN, WITH_BODY } from "../responses/problem.js";
import { idParams, secured } from "./schemas.js";

const tags = ["peps"];

export const pepRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { peps } = services;

  app.post(
    "/children/:id/peps",
    {
      schema: {
        tags,
        summary:
          "Book (a meeting date) or record held (the meeting, targets, PP+ requested) the PEP owed now; the child's DT, social worker, Virtual School",
        params: idParams,
        body: recordPepSchema,
        security: secured,
        response: { 201: pepDetail, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await peps.record(request.actor, request.params.id, request.body)),
  );

  app.get(
    "/peps/quality-assurance",
    {
      schema: {
        tags,
        summary: "The Virtual School's queue: PEPs submitted and waiting for quality assurance (VS staff)",
        security: secured,
        response: { 200: qualityAssuranceQueue, ...problems(...SIGNED_IN) },
      },
    },
    async (request) => peps.qualityAssuranceQueue(request.actor),
  );

  app.get(
    "/peps/:id",
    {
      schema: {
        tags,
        summary: "A PEP: the meeting, targets, quality assurance and Pupil Premium Plus",
        params: idParams,
        security: secured,
        response: { 200: pepDetail, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => peps.get(request.actor, request.params.id),
  );

  app.patch(
    "/peps/:id",
    {
      schema: {
        tags,
        summary: "Change a held or returned PEP before it is submitted (attendees, child's views, targets)",
        params: idParams,
        body: updatePepSchema,
        security: secured,
        response: { 200: pepDetail, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request) => peps.update(request.actor, request.params.id, request.body),
  );

  app.post(
    "/peps/:id/submit",
    {
      schema: {
        tags,
        summary: "Submit a held or returned PEP to the Virtual School for quality assurance",
        params: idParams,
        security: secured,
        response: { 200: pepDetail, ...problems(...SIGNED_IN, 400, 404, 409, 422) },
      },
    },
    async (request) => peps.submit(request.actor, request.params.id),
  );

  app.post(
    "/peps/:id/quality-assurance",
    {
      schema: {
        tags,
        summary:
          "Quality-assure a submitted PEP: RAG rating, criteria met, comment, PP+ approved per target (Virtual School staff only)",
        params: idParams,
        body: qualityAssureSchema,
        security: secured,
        response: { 200: pepDetail, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request) => peps.qualityAssure(request.actor, request.params.id, request.body),
  );

  app.post(
    "/peps/:id/return",
    {
      schema: {
        tags,
        summary: "Return a submitted PEP to the school for changes, saying what (Virtual School staff only)",
        params: idParams,
        body: returnPepSchema,
        security: secured,
        response: { 200: pepDetail, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request) => peps.returnForChanges(request.actor, request.params.id, request.body),
  );
};
