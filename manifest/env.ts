/**
 * The settings a Teams app package is built from: `env/.env.<name>` files in the
 * Microsoft 365 Agents Toolkit's convention (KEY=VALUE lines, `#` comments). They are
 * parsed here rather than with process.loadEnvFile so that packaging never reads, or
 * leaks into, the process environment of the server.
 */
import { z } from "zod";

export type EnvValues = Record<string, string>;

/** KEY=VALUE lines; blank lines and `#` comments are skipped; "…" or '…' keep spaces. */
export function parseEnvFile(text: string): { values: EnvValues; problems: string[] } {
  const values: EnvValues = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      problems.push(`line ${index + 1} is not KEY=VALUE: ${line}`);
      return;
    }
    const [, key = "", rest = ""] = match;
    const quoted = /^(["'])(.*)\1$/.exec(rest);
    values[key] = quoted ? (quoted[2] ?? "") : rest.replace(/\s+#.*$/, "");
  });
  return { values, problems };
}

const guid = z
  .string()
  .min(1, "is missing")
  .regex(
    /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/,
    "must be a GUID like 00000000-0000-0000-0000-000000000000",
  );

// A bare DNS name: Teams compares validDomains and the SSO resource by host, so a scheme,
// port or path here would make a manifest that validates but never matches.
const hostname = z
  .string()
  .min(1, "is missing")
  .regex(
    /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i,
    "must be a host name such as vs.example.org (no https://, port or path)",
  );

const httpsOrigin = z
  .string()
  .min(1, "is missing")
  .refine((value) => URL.canParse(value) && new URL(value).protocol === "https:", "must be an https:// URL")
  .refine((value) => !value.endsWith("/"), "must not end with / (the manifest appends /tab, /privacy …)")
  .refine((value) => !/[?#]/.test(value), "must not have a query or fragment");

/** Every placeholder the template may use; anything else in the template is an error. */
export const packageEnvSchema = z
  .object({
    TEAMSFX_ENV: z.string().regex(/^[a-z0-9-]+$/, "must be the environment's name (a-z, 0-9, -)"),
    APP_NAME_SUFFIX: z.string().max(16, "must be at most 16 characters (name.short is at most 30)"),
    TEAMS_APP_ID: guid,
    BOT_ID: guid,
    BOT_DOMAIN: hostname,
    TAB_DOMAIN: hostname,
    TAB_ENDPOINT: httpsOrigin,
    AAD_APP_CLIENT_ID: guid,
  })
  .superRefine((env, ctx) => {
    // The SSO resource is api://<TAB_DOMAIN>/<client id>: Teams only issues the token
    // when the tab is served from that same host.
    if (URL.canParse(env.TAB_ENDPOINT) && new URL(env.TAB_ENDPOINT).host !== env.TAB_DOMAIN.toLowerCase()) {
      ctx.addIssue({ code: "custom", path: ["TAB_ENDPOINT"], message: `must be on TAB_DOMAIN (${env.TAB_DOMAIN})` });
    }
  });

export type PackageEnv = z.infer<typeof packageEnvSchema>;
export const PLACEHOLDER_NAMES: readonly string[] = Object.keys(packageEnvSchema.shape);

/** The env file's values checked, with one message per wrong or missing key. */
export function validateEnv(
  values: EnvValues,
  envName: string,
  file = `env/.env.${envName}`,
): { env?: PackageEnv; problems: string[] } {
  const parsed = packageEnvSchema.safeParse(values);
  // One message per key: an empty GUID fails both "is missing" and the pattern.
  const byKey = new Map<string, string>();
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const key = issue.path.join(".");
    const message = values[key] === undefined ? "is missing" : issue.message;
    if (!byKey.has(key)) byKey.set(key, `${file}: ${key} ${message}`);
  }
  const problems = [...byKey.values()];
  if (parsed.success && parsed.data.TEAMSFX_ENV !== envName) {
    problems.push(`${file}: TEAMSFX_ENV is "${parsed.data.TEAMSFX_ENV}" but the file is for "${envName}"`);
  }
  return problems.length === 0 && parsed.success ? { env: parsed.data, problems } : { problems };
}
