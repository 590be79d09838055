/**
 * Settings: read from the environment once, validated with zod, frozen. This is the
 * only module that reads process.env; everything else is handed a Config.
 * Empty strings count as unset, so `FOO=` in a .env file means "use the default".
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { type Policy, policySchema } from "../policy.js";
import { isIsoDate } from "./dates.js";
import { DATABASE_URL_RULE, knownDialect } from "./sql/dialect/index.js";

const optional = z.string().min(1).optional();
const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** api | worker | all: which parts this process runs. */
    ROLE: z.enum(["all", "api", "worker"]).default("all"),
    HOST: z.string().default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .refine((url) => knownDialect(url) !== null, DATABASE_URL_RULE)
      .default("file:./data/virtual-school.db"),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// URL")
      .default("redis://127.0.0.1:6379"),
    /** Prefix of every queue key in Redis, so several installations can share one server. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[\w-]+$/, "letters, digits, - and _ only")
      .default("vs"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /**
     * Readable logs (pino-pretty) instead of JSON lines. Unset: readable in development when
     * standard output is a terminal (core/platform/logger.ts); JSON otherwise.
     */
    LOG_PRETTY: bool.optional(),
    AUTH_MODE: z.enum(["dev", "entra"]).default("dev"),
    /** Signs dev tokens; when unset a random key is kept in DEV_AUTH_KEY_FILE. */
    DEV_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    DEV_AUTH_KEY_FILE: z.string().default("./data/dev-auth.key"),
    ENTRA_TENANT_ID: optional,
    ENTRA_CLIENT_ID: optional,
    ENTRA_JWKS_URL: z.url().default("https://login.microsoftonline.com/common/discovery/v2.0/keys"),
    ENTRA_ISSUER: optional,
    MICROSOFT_APP_ID: optional,
    MICROSOFT_APP_PASSWORD: optional,
    /** The Teams app's id (the manifest's id): "Open in the tab" deep links to the personal tab. */
    TEAMS_APP_ID: optional,
    /** Whom someone the Virtual School does not know should contact (an e-mail address). */
    VIRTUAL_SCHOOL_CONTACT: optional,
    MICROSOFT_APP_TENANT_ID: optional,
    /** Seed the demo authority into an empty database; default: on, except in production. */
    SEED_DEMO: bool.optional(),
    AUTHORITY_LA_CODE: z
      .string()
      .regex(/^\d{3}$/, "must be a 3-digit LA code")
      .default("999"),
    AUTHORITY_NAME: z.string().default("Demo Borough"),
    /**
     * Rate limits: most requests per RATE_LIMIT_WINDOW_SECONDS, counted in this process.
     * Defaults sit above the benchmarks (one person, one address, thousands of requests a
     * second); a deployment lowers them. 0 turns a limit off.
     */
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    RATE_LIMIT_API_PER_IP: z.coerce.number().int().min(0).default(120_000),
    RATE_LIMIT_API_PER_USER: z.coerce.number().int().min(0).default(60_000),
    /** Dev sign-in (/api/dev/token): tight, it hands out tokens. */
    RATE_LIMIT_DEV_TOKEN_PER_IP: z.coerce.number().int().min(0).default(20),
    /** /api/messages: Teams posts from a few Microsoft addresses, so per IP is generous. */
    RATE_LIMIT_MESSAGES_PER_IP: z.coerce.number().int().min(0).default(120_000),
    /** /api/messages per Teams user and per conversation. */
    RATE_LIMIT_MESSAGES_PER_CONVERSATION: z.coerce.number().int().min(0).default(1_200),
    /**
     * How long a request waits for another writer's lock on the database (an import, the
     * worker) before answering 503 with Retry-After. The wait never blocks the process.
     */
    DATABASE_BUSY_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
    /** PostgreSQL: most connections this process's pool opens (SQLite has one connection). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** How long an enqueue may take before the database (the outbox) is left to the reconciler. */
    QUEUE_WAIT_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
    /** A request, body and answer, must finish within this; imports within IMPORT_TIMEOUT_SECONDS. */
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    IMPORT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
    /** On SIGTERM: how long running requests, imports and jobs get to finish before connections close. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
    /**
     * How long a delivery or scan job's lock lasts without renewal (renewed while it runs):
     * a worker killed mid-job gives its jobs back once their locks lapse, at the next stalled
     * check, so this bounds recovering from a crashed worker (up to twice this).
     */
    JOB_LOCK_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    /** Replay a given day (demos, tests): YYYY-MM-DD. */
    CLOCK_TODAY: z.string().refine(isIsoDate, "must be a date written as YYYY-MM-DD").optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.AUTH_MODE === "dev") {
      ctx.addIssue({ code: "custom", path: ["AUTH_MODE"], message: "dev sign-in is refused in production" });
    }
    if (env.NODE_ENV === "production" && env.LOG_PRETTY) {
      ctx.addIssue({
        code: "custom",
        path: ["LOG_PRETTY"],
        message: "production logs are JSON lines (pino-pretty is a development dependency, not installed there)",
      });
    }
    if (env.AUTH_MODE === "entra" && !(env.ENTRA_CLIENT_ID ?? env.MICROSOFT_APP_ID)) {
      ctx.addIssue({ code: "custom", path: ["ENTRA_CLIENT_ID"], message: "entra mode needs the app's client id" });
    }
    if (env.AUTH_MODE === "entra" && !(env.ENTRA_TENANT_ID ?? env.MICROSOFT_APP_TENANT_ID)) {
      ctx.addIssue({ code: "custom", path: ["ENTRA_TENANT_ID"], message: "entra mode needs the tenant's id" });
    }
    if (!env.MICROSOFT_APP_ID && !isLocalDev(env)) {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_ID"],
        message:
          "bot authentication is required: without it anyone who reaches /api/messages can pose as any professional (it may be off only with AUTH_MODE=dev and no PUBLIC_URL, on a local machine)",
      });
    }
  })
  .transform((env) => ({ ...env, SEED_DEMO: env.SEED_DEMO ?? env.NODE_ENV !== "production" }));

/**
 * The one configuration that may take unauthenticated bot activities and offer dev
 * sign-in: dev mode, not production, and no PUBLIC_URL (a tunnel makes localhost public).
 */
export function isLocalDev(config: { AUTH_MODE: string; NODE_ENV: string; PUBLIC_URL?: string | undefined }): boolean {
  return config.AUTH_MODE === "dev" && config.NODE_ENV !== "production" && !config.PUBLIC_URL;
}

export type Env = z.infer<typeof envSchema>;
export type Config = Readonly<Env & { policy: Policy }>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** POLICY_PEP_INITIAL_WORKING_DAYS → pepInitialWorkingDays, for every policy field. */
function policyFromEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(policySchema.shape)) {
    const value = env[`POLICY_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
    if (value) out[key] = value;
  }
  return out;
}

/**
 * Parses settings from `env` (process.env by default). Throws ConfigError whose message
 * names every wrong setting, so a person can fix them all at once.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  const policy = policySchema.safeParse(policyFromEnv(cleaned));
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)),
    ...(policy.success ? [] : policy.error.issues.map((i) => `policy ${i.path.join(".")}: ${i.message}`)),
  ];
  if (!parsed.success || !policy.success) {
    throw new ConfigError(`Invalid settings (see .env.example):\n  ${problems.join("\n  ")}`);
  }
  return Object.freeze({ ...parsed.data, policy: policy.data });
}

/** Loads ./.env into process.env when present (entry points only; tests pass env explicitly). */
export function loadDotEnv(path = ".env"): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
