/**
 * The deployment files, checked where Docker is not installed: the Dockerfile copies only
 * paths that exist and that .dockerignore lets through, every folder the build compiles
 * from or copies, and ships a non-root runtime with a /health check; compose.yaml runs the
 * one image as ROLE=api and ROLE=worker beside PostgreSQL 16 and Redis 7, and its settings
 * template passes the server's own settings check once the blanks are filled.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseEnv } from "node:util";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadConfig } from "../../core/platform/config.js";
import { RUNTIME_ASSETS } from "../../scripts/build.js";

const ROOT = resolve(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

type Instruction = { op: string; args: string };
/** The Dockerfile's instructions, continuation lines joined, comments dropped, split by stage. */
function dockerStages(text: string): Instruction[][] {
  const lines = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const [op = "", ...rest] = line.split(/\s+/);
    const instruction = { op: op.toUpperCase(), args: rest.join(" ") };
    if (instruction.op === "FROM") stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

/** A COPY's flags, sources and destination. */
function copyParts(args: string) {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith("--"));
  const paths = words.filter((w) => !w.startsWith("--"));
  return {
    from: flags.find((f) => f.startsWith("--from="))?.slice(7),
    sources: paths.slice(0, -1),
    dest: paths.at(-1),
  };
}

/** Whether .dockerignore keeps `path` out of the build context (its patterns, `!` exceptions last-wins). */
function dockerIgnored(path: string): boolean {
  let ignored = false;
  for (const raw of read(".dockerignore").split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const negated = line.startsWith("!");
    const pattern = (negated ? line.slice(1) : line).replace(/\/$/, "");
    const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/.*)?$`);
    if (regex.test(path)) ignored = !negated;
  }
  return ignored;
}

/** The top-level folders of every project file the build compiles: its entries and what they import, relatively. */
function compiledRoots(): Set<string> {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.build.json"), ts.sys.readFile);
  const pending = [...ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).fileNames];
  const seen = new Set<string>();
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith(".ts")) continue;
    for (const { fileName } of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (fileName.startsWith(".")) pending.push(resolve(dirname(file), fileName.replace(/\.js$/, ".ts")));
    }
  }
  return new Set([...seen].map((file) => relative(ROOT, file).split(sep)[0] ?? file));
}

const [build = [], runtime = []] = dockerStages(read("Dockerfile"));

describe("Dockerfile", () => {
  it("builds on node:20-slim and runs on node:20-slim, in two stages", () => {
    expect(build[0]).toEqual({ op: "FROM", args: "node:20-slim AS build" });
    expect(runtime[0]).toEqual({ op: "FROM", args: "node:20-slim AS runtime" });
    expect(dockerStages(read("Dockerfile"))).toHaveLength(2);
  });

  it("copies into the build only paths that exist and that .dockerignore lets through", () => {
    const copies = build.filter((i) => i.op === "COPY").map((i) => copyParts(i.args));
    expect(copies.length).toBeGreaterThan(0);
    for (const { from, sources } of copies) {
      expect(from).toBeUndefined();
      for (const source of sources) {
        expect(existsSync(join(ROOT, source)), source).toBe(true);
        expect(dockerIgnored(source), `${source} is in .dockerignore`).toBe(false);
      }
    }
  });

  it("copies every folder the build compiles from and every run-time asset it ships", () => {
    const copied = new Set(
      build
        .filter((i) => i.op === "COPY")
        .flatMap((i) => copyParts(i.args).sources)
        .map((source) => source.split("/")[0]),
    );
    const compiled = compiledRoots();
    // The walk found the server's own folders (a check on the check).
    for (const root of ["api", "core", "bot", "cards", "jobs", "prisma"]) expect(compiled).toContain(root);
    const needed = [...compiled, ...RUNTIME_ASSETS.map((asset) => asset.from.split("/")[0] ?? asset.from)];
    for (const root of needed) expect(copied, root).toContain(root);
  });

  it("installs as CI does (npm 11's allowScripts, .npmrc's build from source), builds, and prunes dev dependencies", () => {
    const runs = build.filter((i) => i.op === "RUN").map((i) => i.args);
    expect(runs).toContain("npm install -g npm@11");
    expect(runs.some((r) => r.startsWith("npm ci"))).toBe(true);
    expect(runs.some((r) => r.includes("npm run build") && r.includes("npm prune --omit=dev"))).toBe(true);
    expect(build.some((i) => i.op === "COPY" && copyParts(i.args).sources.includes(".npmrc"))).toBe(true);
    expect(build.find((i) => i.op === "ENV")?.args).toContain("npm_config_yes=true");
  });

  it("ships only the build's package.json, node_modules, dist and the migrations, as a non-root user, checked on /health", () => {
    const copies = runtime.filter((i) => i.op === "COPY").map((i) => copyParts(i.args));
    expect(copies.map((c) => [c.from, c.sources])).toEqual([
      ["build", ["/app/package.json"]],
      ["build", ["/app/node_modules"]],
      ["build", ["/app/dist"]],
      ["build", ["/app/dist/prisma"]],
    ]);
    const user = runtime.filter((i) => i.op === "USER").at(-1)?.args;
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(runtime.find((i) => i.op === "ENV")?.args).toContain("NODE_ENV=production");
    expect(runtime.find((i) => i.op === "HEALTHCHECK")?.args).toContain("/health");
    // The same command as `npm run start:prod`.
    const startProd = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts["start:prod"];
    const cmd = JSON.parse(runtime.find((i) => i.op === "CMD")?.args ?? "[]") as string[];
    expect(cmd.join(" ")).toBe(startProd);
  });

  it(".dockerignore keeps out installed, built and private files", () => {
    for (const path of ["node_modules", "dist", "data", ".env", "deploy/app.env", "env/.env.dev.user", ".git"]) {
      expect(dockerIgnored(path), path).toBe(true);
    }
    expect(dockerIgnored(".env.example")).toBe(false);
  });
});

type Service = {
  image?: string;
  build?: string;
  env_file?: string;
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
};
const compose = YAML.parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service> };
const { api, worker, postgres, redis } = compose.services;

describe("compose.yaml", () => {
  it("runs the one image as ROLE=api and ROLE=worker, beside PostgreSQL 16 and Redis 7", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["api", "postgres", "redis", "worker"]);
    expect(api?.build).toBe(".");
    expect(worker?.image).toBe(api?.image);
    expect(api?.environment?.ROLE).toBe("api");
    expect(worker?.environment?.ROLE).toBe("worker");
    expect(postgres?.image).toMatch(/^postgres:16(\b|$)/);
    expect(redis?.image).toMatch(/^redis:7(\b|$)/);
    for (const app of [api, worker]) {
      expect(app?.environment?.REDIS_URL).toBe("redis://redis:6379");
      expect(app?.depends_on).toEqual({
        postgres: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
      });
    }
  });

  it("checks the api on /health and the database and Redis by their own tools; a worker serves no HTTP", () => {
    expect(JSON.stringify(api?.healthcheck?.test)).toContain(`127.0.0.1:${api?.environment?.PORT}/health`);
    expect(JSON.stringify(postgres?.healthcheck?.test)).toContain("pg_isready");
    expect(JSON.stringify(redis?.healthcheck?.test)).toContain("redis-cli");
    expect(worker?.healthcheck).toEqual({ disable: true });
  });

  it("reads settings from files whose templates are committed, and which git never takes", () => {
    for (const service of [api, worker, postgres]) {
      const file = service?.env_file ?? "";
      expect(existsSync(join(ROOT, `${file}.example`)), `${file}.example`).toBe(true);
      expect(dockerIgnored(file), file).toBe(true);
    }
  });

  it("has a settings template the server accepts (blanks filled) on the template's own database", () => {
    const app = parseEnv(read("deploy/app.env.example"));
    const blanksFilled = Object.fromEntries(
      Object.entries(app).map(([key, value]) => [key, value || "00000000-0000-4000-a000-000000000001"]),
    );
    const config = loadConfig({ ...blanksFilled, ...api?.environment });
    expect(config).toMatchObject({ NODE_ENV: "production", ROLE: "api", AUTH_MODE: "entra", SEED_DEMO: false });
    const pg = parseEnv(read("deploy/postgres.env.example"));
    const url = new URL(config.DATABASE_URL);
    expect([url.protocol, url.hostname, url.username, url.password, url.pathname]).toEqual([
      "postgresql:",
      "postgres",
      pg.POSTGRES_USER,
      pg.POSTGRES_PASSWORD,
      `/${pg.POSTGRES_DB}`,
    ]);
  });
});
