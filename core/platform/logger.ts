/**
 * pino settings shared by the server and the workers: ids, not names. A request is
 * logged by method and route; the query string (which may carry a searched name) and
 * credentials are left out.
 */
import type { Config } from "./config.js";

type RawRequest = { method?: string; url?: string; id?: string; routeOptions?: { url?: string } };

export function loggerOptions(config: Pick<Config, "LOG_LEVEL" | "NODE_ENV">) {
  return {
    level: config.LOG_LEVEL,
    redact: ["req.headers.authorization", "req.headers.cookie", "headers.authorization"],
    serializers: {
      req: (req: RawRequest) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url ?? req.url?.split("?")[0],
      }),
    },
  };
}
