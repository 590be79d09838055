import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { childSearchSchema, createChildSchema } from "../../core/children/child.schema.js";
import { childRecordFor } from "../../core/children/child-record.js";
import type { Services } from "../../core/services.js";
import { attendanceByWeek, caseload, childCreated, childList, childPeps, childRecord } from "../responses/children.js";
import { problems, SIGNED_IN, WITH_BODY } from "../responses/problem.js";
import { childStatus } from "../responses/status.js";
import { idParams, secured } from "./schemas.js";

export const childRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/children",
    {
      schema: {
        tags: ["children"],
        summary: "Children in your scope, searched by name words or UPN (?q=)",
        querystring: childSearchSchema,
        security: secured,
        response: { 200: childList, ...problems(...SIGNED_IN, 400) },
      },
    },
    async (request) => services.children.search(request.actor, request.query),
  );

  app.post(
    "/children",
    {
      schema: {
        tags: ["children"],
        summary: "Add a child (VSH only)",
        body: createChildSchema,
        security: secured,
        response: { 201: childCreated, ...problems(...SIGNED_IN, ...WITH_BODY, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await services.children.create(request.actor, request.body)),
  );

  app.get(
    "/children/:id",
    {
      schema: {
        tags: ["children"],
        summary: "A child's record",
        params: idParams,
        security: secured,
        response: { 200: childRecord, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => childRecordFor(request.actor, await services.children.get(request.actor, request.params.id)),
  );

  app.get(
    "/children/:id/status",
    {
      schema: {
        tags: ["children"],
        summary: "A child's education status: school, attendance, PEP, SEN, exclusions, actions, flags",
        params: idParams,
        security: secured,
        response: { 200: childStatus, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => services.children.status(request.actor, request.params.id),
  );

  app.get(
    "/children/:id/attendance",
    {
      schema: {
        tags: ["children"],
        summary: "A child's attendance this school year, week by week (for a chart)",
        params: idParams,
        security: secured,
        response: { 200: attendanceByWeek, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => services.children.attendanceByWeek(request.actor, request.params.id),
  );

  app.get(
    "/children/:id/peps",
    {
      schema: {
        tags: ["children"],
        summary: "A child's PEPs: term, due date, meeting date, status and rating",
        params: idParams,
        security: secured,
        response: { 200: childPeps, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => services.children.peps(request.actor, request.params.id),
  );

  app.get(
    "/caseload",
    {
      schema: {
        tags: ["children"],
        summary: "Everyone you work with, most urgent first, with the same flags as the bot's caseload",
        security: secured,
        response: { 200: caseload, ...problems(...SIGNED_IN) },
      },
    },
    async (request) => ({ items: await services.children.caseload(request.actor) }),
  );
};
