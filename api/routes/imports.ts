/**
 * `POST /api/imports/:kind`: the importers behind a multipart upload, for the VSH. Each
 * upload is streamed to a temp file and imported by the same code as `npm run import`,
 * then deleted. Answers the summary and the problems (the first 1,000, with the count).
 * Register inside the authenticated /api scope.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished, pipeline } from "node:stream/promises";
import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  IMPORT_FILES,
  IMPORT_KINDS,
  type ImportFiles,
  type ImportKind,
  missingFiles,
  UnusableInputError,
} from "../../core/imports/kinds.js";
import { publicProblem } from "../../core/imports/report.js";
import { createImportService } from "../../core/imports/service.js";
import type { Services } from "../../core/services.js";
import { sendProblem } from "../plugins/errors.js";
import { problems, SIGNED_IN, WITH_BODY } from "../responses/problem.js";
import { importOutcome } from "../responses/reports.js";
import { secured } from "./schemas.js";

/** A year of a large authority's marks is well under this; anything bigger is a mistake. */
const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Problems returned in the answer; the count says how many there were in all. */
const MAX_PROBLEMS = 1_000;

const slotsOf = (kind: ImportKind) => [...IMPORT_FILES[kind].required, ...IMPORT_FILES[kind].optional];

/** How to send a kind's files, for the 400 answers. */
function howTo(kind: ImportKind): string {
  const { required, optional } = IMPORT_FILES[kind];
  const extra = optional.length > 0 ? ` (and optionally ${optional.join(", ")})` : "";
  return `send multipart/form-data with the CSV file${required.length > 1 ? "s" : ""} in the field${required.length > 1 ? "s" : ""} ${required.join(", ")}${extra}`;
}

/** Streams each expected file part to `dir`; returns the files and any fields that were not expected. */
async function receive(request: FastifyRequest, kind: ImportKind, dir: string) {
  const slots = slotsOf(kind);
  const files: ImportFiles = {};
  const unexpected: string[] = [];
  for await (const part of request.parts()) {
    if (part.type !== "file") continue;
    if (!slots.includes(part.fieldname) || files[part.fieldname]) {
      unexpected.push(part.fieldname);
      part.file.resume();
      await finished(part.file);
      continue;
    }
    const path = join(dir, `${part.fieldname}.csv`);
    await pipeline(part.file, createWriteStream(path));
    const taken = Object.values(files).some((f) => f?.name === part.filename);
    const name = !part.filename || taken ? `${part.fieldname}/${part.filename || "upload.csv"}` : part.filename;
    files[part.fieldname] = { name, path };
  }
  return { files, unexpected };
}

export const importRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 4, fields: 10, parts: 20 } });
  const imports = createImportService({
    databaseUrl: services.config.DATABASE_URL,
    laCode: services.config.AUTHORITY_LA_CODE,
    policy: services.config.policy,
    onCalendarChanged: () => services.calendars.invalidate(),
    problemsWanted: MAX_PROBLEMS,
  });
  app.addHook("onClose", async () => imports.close());

  app.post(
    "/imports/:kind",
    {
      schema: {
        tags: ["imports"],
        summary: "Import SSDA903, attendance, schools, roll, calendar, PEP or exclusion CSV files (VSH only)",
        description: `Multipart upload. ssda903: fields header, episodes (required), reviews, missing; other kinds: field file. Problems in rows are reported (first ${MAX_PROBLEMS}, with problemCount), not fatal.`,
        params: z.object({ kind: z.enum(IMPORT_KINDS) }),
        consumes: ["multipart/form-data"],
        security: secured,
        response: { 200: importOutcome, ...problems(...SIGNED_IN, ...WITH_BODY, 409, 422) },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      // Before reading a byte of the upload.
      imports.authorise(request.actor);
      if (!request.isMultipart()) return sendProblem(reply, request, 400, `To import ${kind}, ${howTo(kind)}.`);
      const dir = await mkdtemp(join(tmpdir(), "vs-import-"));
      try {
        const { files, unexpected } = await receive(request, kind, dir);
        if (unexpected.length > 0) {
          return sendProblem(reply, request, 400, `Unexpected file field ${unexpected.join(", ")}: ${howTo(kind)}.`);
        }
        const missing = missingFiles(kind, files);
        if (missing.length > 0) {
          const errors = missing.map((field) => ({ field, message: "is missing" }));
          return sendProblem(reply, request, 400, `Missing file ${missing.join(", ")}: ${howTo(kind)}.`, errors);
        }
        const outcome = await imports.run(request.actor, kind, files);
        return {
          summary: outcome.summary,
          problemCount: outcome.problemCount,
          problems: outcome.problems.slice(0, MAX_PROBLEMS).map(publicProblem),
        };
      } catch (err) {
        if (err instanceof UnusableInputError) return sendProblem(reply, request, 400, err.message);
        throw err;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};
