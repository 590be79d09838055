/**
 * bull-board at /admin/queues, for the VSH only. A browser cannot send a bearer header,
 * so /admin/queues/login?token=… checks a token once and sets an HttpOnly cookie that
 * every board request must carry (and that is checked again, like any token).
 */
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { DomainError } from "../../core/platform/errors.js";
import type { Services } from "../../core/services.js";
import type { Queues } from "../../jobs/queues.js";
import { sendProblem } from "./errors.js";

const BASE = "/admin/queues";
const COOKIE = "vs_board";

function cookie(request: FastifyRequest): string | undefined {
  const pair = (request.headers.cookie ?? "").split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
  return pair ? decodeURIComponent(pair.slice(COOKIE.length + 1)) : undefined;
}

export async function queueBoard(app: FastifyInstance, { services, queues }: { services: Services; queues: Queues }) {
  async function vshFrom(token: string | undefined) {
    if (!token) throw new DomainError("unauthenticated", `Sign in first: open ${BASE}/login?token=<your token>.`);
    const actor = await services.professionals.resolve(await services.verifyToken(token), "api");
    if (actor.role !== "vsh") throw new DomainError("forbidden", "The queue board is for the Virtual School Head.");
  }

  app.get(`${BASE}/login`, { schema: { hide: true } }, async (request, reply) => {
    const token = (request.query as { token?: string }).token;
    await vshFrom(token);
    reply.header("set-cookie", `${COOKIE}=${encodeURIComponent(token ?? "")}; HttpOnly; SameSite=Strict; Path=${BASE}`);
    return reply.redirect(BASE);
  });

  const adapter = new FastifyAdapter();
  createBullBoard({
    queues: [new BullMQAdapter(queues.alerts), new BullMQAdapter(queues.deliveries)],
    serverAdapter: adapter,
  });
  adapter.setBasePath(BASE);
  await app.register(async (board) => {
    board.addHook("onRequest", async (request, reply) => {
      if (request.url.startsWith(`${BASE}/login`)) return;
      try {
        await vshFrom(cookie(request));
      } catch (err) {
        // bull-board sets its own error handler inside its plugin: answer here, as ours would.
        if (!(err instanceof DomainError)) throw err;
        return sendProblem(reply, request, err.code === "forbidden" ? 403 : 401, err.message);
      }
    });
    await board.register(adapter.registerPlugin(), { prefix: BASE });
  });
}
