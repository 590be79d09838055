/**
 * `POST /api/dev/token`: the tab's sign-in outside Teams, so the tab can be tried in a
 * browser. It signs the same token as `npm run token`, and exists only in local dev
 * (AUTH_MODE=dev, no PUBLIC_URL): app.ts registers it only when `devSignInEnabled`, so
 * elsewhere the path is a plain 404.
 * It sits outside the authenticated /api context: it is how a token is obtained.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { devSigningKey, signDevToken } from "../../core/access/tokens.js";
import { type Config, isLocalDev } from "../../core/platform/config.js";
import { DomainError } from "../../core/platform/errors.js";
import type { Services } from "../../core/services.js";
import { devToken } from "../responses/directory.js";
import { ALWAYS, problems, WITH_BODY } from "../responses/problem.js";

/**
 * Dev sign-in is offered on a local machine only: dev mode, never production, and no
 * PUBLIC_URL (a tunnel would hand anyone on the internet a token for any e-mail).
 */
export const devSignInEnabled = (config: Pick<Config, "AUTH_MODE" | "NODE_ENV" | "PUBLIC_URL">): boolean =>
  isLocalDev(config);

const devTokenBody = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("must be an e-mail address")),
});

export const devTokenRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  if (!devSignInEnabled(services.config)) throw new Error("dev sign-in registered outside dev mode");
  const key = devSigningKey(services.config);

  app.post(
    "/dev/token",
    {
      schema: {
        tags: ["dev"],
        summary: "A dev bearer token for a registered professional (AUTH_MODE=dev, no PUBLIC_URL)",
        body: devTokenBody,
        response: { 200: devToken, ...problems(...ALWAYS, ...WITH_BODY, 404, 503) },
      },
    },
    async (request) => {
      const { email } = request.body;
      const who = await services.db.professional.findUnique({ where: { email }, select: { active: true } });
      // The same answer for unknown and inactive people: the API would refuse both.
      if (!who?.active) {
        throw new DomainError(
          "not_found",
          "No professional is registered with that e-mail. In the demo try vsh@demo.local, sw1@demo.local, dt1@demo.local or iro1@demo.local.",
        );
      }
      return { token: await signDevToken(key, email) };
    },
  );
};
