/**
 * pino settings shared by the server and the workers: ids, not names. A request is
 * logged by method and route; the query string (which may carry a searched name) and
 * credentials are left out.
 *
 * JSON lines, one per event, everywhere but a developer's terminal: there pino-pretty
 * makes them readable. It is a development dependency, so it is named only as a pino
 * transport target, which pino resolves (on its own thread) only when pretty is on: a
 * production install without it never looks for it.
 */
import type { Config } from "./config.js";

type RawRequest = { method?: string; url?: string; id?: string; routeOptions?: { url?: string } };

/**
 * Readable or JSON: LOG_PRETTY when set (the config refuses it in production); otherwise
 * readable in development with a terminal on standard output, and JSON when the output
 * goes to a file, a pipe or a log collector, in tests and in production.
 */
export function prettyLogs(config: Pick<Config, "NODE_ENV" | "LOG_PRETTY">, stdoutIsTty: boolean): boolean {
  return config.LOG_PRETTY ?? (config.NODE_ENV === "development" && stdoutIsTty);
}

/** pino-pretty's settings: the time of day, the level and the message first; no pid or host. */
const PRETTY = { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } };

export function loggerOptions(
  config: Pick<Config, "LOG_LEVEL" | "NODE_ENV" | "LOG_PRETTY">,
  stdoutIsTty: boolean = process.stdout.isTTY === true,
) {
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
    ...(prettyLogs(config, stdoutIsTty) ? { transport: PRETTY } : {}),
  };
}
