/**
 * The record people keep about a child's education: care-plan reviews, exclusions,
 * part-time timetables, school places and SEN. Thin: the services scope, check roles,
 * audit and raise or clear alerts.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  bookReviewSchema,
  changeSenSchema,
  endPlaceSchema,
  recordExclusionSchema,
  reviewHeldSchema,
  startPartTimeSchema,
  startPlaceSchema,
  updatePartTimeSchema,
} from "../../core/records/records.schema.js";
import type { Services } from "../../core/services.js";
import { problems, SIGNED_IN, WITH_BODY } from "../responses/problem.js";
import {
  exclusion,
  exclusionList,
  partTime,
  partTimeList,
  place,
  placeStarted,
  review,
  reviewBooked,
  reviewList,
  senChange,
} from "../responses/records.js";
import { idParams, secured } from "./schemas.js";

const tags = ["records"];

export const recordRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { reviews, exclusions, places } = services;

  app.get(
    "/children/:id/reviews",
    {
      schema: {
        tags,
        summary: "A child's care-plan reviews, latest first, with the next one's statutory date and booking",
        params: idParams,
        security: secured,
        response: { 200: reviewList, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => reviews.list(request.actor, request.params.id),
  );

  app.post(
    "/children/:id/reviews",
    {
      schema: {
        tags,
        summary: "Book the next care-plan review (moves the booking already made); IRO, social worker, Virtual School",
        params: idParams,
        body: bookReviewSchema,
        security: secured,
        response: { 201: reviewBooked, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request, reply) => reply.code(201).send(await reviews.book(request.actor, request.params.id, request.body)),
  );

  app.post(
    "/children/:id/reviews/held",
    {
      schema: {
        tags,
        summary: "Record a care-plan review held (fulfils the booking near that day, or adds the review)",
        params: idParams,
        body: reviewHeldSchema,
        security: secured,
        response: { 200: review, 201: review, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { created, ...review } = await reviews.recordHeld(request.actor, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(review);
    },
  );

  app.post(
    "/reviews/:id/held",
    {
      schema: {
        tags,
        summary: "Record this booked care-plan review as held",
        params: idParams,
        body: reviewHeldSchema.omit({ reviewId: true }),
        security: secured,
        response: { 200: review, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request) => {
      const { created: _created, ...review } = await reviews.recordHeldById(
        request.actor,
        request.params.id,
        request.body,
      );
      return review;
    },
  );

  app.get(
    "/children/:id/exclusions",
    {
      schema: {
        tags,
        summary: "A child's suspensions and exclusions, latest first",
        params: idParams,
        security: secured,
        response: { 200: exclusionList, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => exclusions.list(request.actor, request.params.id),
  );

  app.post(
    "/children/:id/exclusions",
    {
      schema: {
        tags,
        summary: "Record a suspension (school days or sessions) or a permanent exclusion; DT or Virtual School",
        params: idParams,
        body: recordExclusionSchema,
        security: secured,
        response: { 201: exclusion, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await exclusions.record(request.actor, request.params.id, request.body)),
  );

  app.get(
    "/children/:id/part-time",
    {
      schema: {
        tags,
        summary: "A child's part-time timetables, latest first",
        params: idParams,
        security: secured,
        response: { 200: partTimeList, ...problems(...SIGNED_IN, 400, 404) },
      },
    },
    async (request) => exclusions.listPartTime(request.actor, request.params.id),
  );

  app.post(
    "/children/:id/part-time",
    {
      schema: {
        tags,
        summary: "Start a part-time timetable (start, planned end, review date); DT or Virtual School",
        params: idParams,
        body: startPartTimeSchema,
        security: secured,
        response: { 201: partTime, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await exclusions.startPartTime(request.actor, request.params.id, request.body)),
  );

  app.patch(
    "/part-time/:id",
    {
      schema: {
        tags,
        summary: "Move a part-time timetable's review (and planned end), or record the day it ended",
        params: idParams,
        body: updatePartTimeSchema,
        security: secured,
        response: { 200: partTime, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request) => exclusions.updatePartTime(request.actor, request.params.id, request.body),
  );

  app.post(
    "/children/:id/enrolments",
    {
      schema: {
        tags,
        summary: "Record a new school place (ends the place open at another school); social worker or Virtual School",
        params: idParams,
        body: startPlaceSchema,
        security: secured,
        response: { 201: placeStarted, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { created: _created, ...place } = await places.start(request.actor, request.params.id, request.body);
      return reply.code(201).send(place);
    },
  );

  app.post(
    "/children/:id/enrolments/end",
    {
      schema: {
        tags,
        summary: "Record the day the child's school place ended (the current one, or `enrolmentId`)",
        params: idParams,
        body: endPlaceSchema,
        security: secured,
        response: { 200: place, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request) => places.end(request.actor, request.params.id, request.body),
  );

  app.post(
    "/enrolments/:id/end",
    {
      schema: {
        tags,
        summary: "Record the day this school place ended",
        params: idParams,
        body: endPlaceSchema.omit({ enrolmentId: true }),
        security: secured,
        response: { 200: place, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request) => places.endById(request.actor, request.params.id, request.body),
  );

  app.post(
    "/children/:id/sen",
    {
      schema: {
        tags,
        summary: "Record a change of SEN status (none, SEN support, EHCP) from a date",
        params: idParams,
        body: changeSenSchema,
        security: secured,
        response: { 201: senChange, ...problems(...SIGNED_IN, ...WITH_BODY, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await places.changeSen(request.actor, request.params.id, request.body)),
  );
};
