/** Load generation with autocannon, and the figures every benchmark prints. */
import { fork } from "node:child_process";
import autocannon from "autocannon";

/** `rps` counts the 2xx answers the run got, over the time it took (not autocannon's planned or sent requests). */
export type LoadResult = { ok: number; rps: number; p50: number; p99: number; errors: number; non2xx: number };

export async function load(opts: {
  url: string;
  seconds: number;
  connections?: number;
  headers?: Record<string, string>;
  /** Varies the path per request (e.g. a random child id). */
  path?: () => string;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    duration: opts.seconds,
    connections: opts.connections ?? 10,
    headers: opts.headers,
    requests: opts.path ? [{ setupRequest: (req) => ({ ...req, path: opts.path?.() ?? req.path }) }] : undefined,
  });
  return {
    ok: result["2xx"],
    rps: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Starts bench/serve.ts in a child process with `env`; resolves with its ports. With
 * BENCH_PROFILE_DIR set, the server writes a CPU profile there when it stops (node
 * --cpu-prof), to see where a request's time goes without the load generator in it.
 */
export async function startServer(env: Record<string, string>) {
  const profile = process.env.BENCH_PROFILE_DIR;
  const child = fork(new URL("./serve.ts", import.meta.url), {
    execArgv: ["--import", "tsx", ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [])],
    env: { ...process.env, ...env },
  });
  const ports = await new Promise<{ app: number; bare: number }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { app: number; bare: number }));
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    ...ports,
    /** The server process's CPU time so far (user and system, µs). */
    cpuMicros: () =>
      new Promise<number>((resolve) => {
        const answer = (m: unknown) => {
          if (typeof m !== "object" || m === null || !("cpuMicros" in m)) return;
          child.off("message", answer);
          resolve(Number(m.cpuMicros));
        };
        child.on("message", answer);
        child.send("cpu");
      }),
    /** Ends the server; resolves once it has exited (and written its profile, if asked). */
    stop: async () => {
      child.disconnect();
      await exited;
    },
  };
}

/** `run` under load, with the server's CPU time per 2xx answer it took (µs). */
export async function withServerCpu(
  server: { cpuMicros(): Promise<number> },
  run: () => Promise<LoadResult>,
): Promise<LoadResult & { cpuPerRequest: number }> {
  const before = await server.cpuMicros();
  const result = await run();
  return { ...result, cpuPerRequest: ((await server.cpuMicros()) - before) / Math.max(1, result.ok) };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-GB", { maximumFractionDigits: digits });
