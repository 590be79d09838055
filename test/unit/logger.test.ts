/**
 * Readable logs on a developer's terminal, JSON lines everywhere else: the choice is made
 * from the settings (read once by loadConfig) and whether standard output is a terminal.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../core/platform/config.js";
import { loggerOptions, prettyLogs } from "../../core/platform/logger.js";
import { specifiersOf } from "../support/imports.js";
import { until } from "../support/wait.js";

const dir = mkdtempSync(join(tmpdir(), "vs-logger-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const transportOf = (env: Record<string, string>, tty: boolean) => {
  const { transport } = loggerOptions(loadConfig(env), tty);
  return transport ? transport.target : "json";
};

describe("log format", () => {
  it.each([
    // NODE_ENV, LOG_PRETTY, standard output a terminal → pino-pretty or JSON lines
    [{ NODE_ENV: "development" }, true, "pino-pretty"],
    [{ NODE_ENV: "development" }, false, "json"],
    [{}, true, "pino-pretty"],
    [{ NODE_ENV: "test" }, true, "json"],
    [{ NODE_ENV: "production", AUTH_MODE: "entra", MICROSOFT_APP_ID: "a", ENTRA_TENANT_ID: "t" }, true, "json"],
    [{ NODE_ENV: "development", LOG_PRETTY: "1" }, false, "pino-pretty"],
    [{ NODE_ENV: "test", LOG_PRETTY: "true" }, false, "pino-pretty"],
    [{ NODE_ENV: "development", LOG_PRETTY: "0" }, true, "json"],
    [{ NODE_ENV: "development", LOG_PRETTY: "" }, true, "pino-pretty"],
  ])("%o with a terminal: %s → %s", (env, tty, expected) => {
    expect(transportOf(env, tty)).toBe(expected);
  });

  it("refuses pretty logs in production, where pino-pretty is not installed", () => {
    const production = { NODE_ENV: "production", AUTH_MODE: "entra", MICROSOFT_APP_ID: "a", ENTRA_TENANT_ID: "t" };
    expect(() => loadConfig({ ...production, LOG_PRETTY: "1" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, LOG_PRETTY: "1" })).toThrow(/LOG_PRETTY: production logs are JSON/);
    expect(() => loadConfig({ LOG_PRETTY: "yes" })).toThrow(/LOG_PRETTY/);
  });

  it("decides from the settings alone when LOG_PRETTY says", () => {
    expect(prettyLogs({ NODE_ENV: "development", LOG_PRETTY: false }, true)).toBe(false);
    expect(prettyLogs({ NODE_ENV: "production", LOG_PRETTY: undefined }, true)).toBe(false);
  });

  it("never names pino-pretty in an import: only as a transport target, loaded when pretty is on", () => {
    const source = readFileSync(new URL("../../core/platform/logger.ts", import.meta.url), "utf8");
    expect(specifiersOf(source)).not.toContain("pino-pretty");
  });

  it("writes readable lines through pino-pretty when on, and JSON lines otherwise", async () => {
    const prettyFile = join(dir, "pretty.log");
    const options = loggerOptions(loadConfig({ NODE_ENV: "development", LOG_LEVEL: "info" }), true);
    const { transport } = options;
    if (!transport) throw new Error("expected the pretty transport");
    const pretty = pino({
      ...options,
      transport: { target: transport.target, options: { ...transport.options, destination: prettyFile } },
    });
    pretty.info({ childId: 7 }, "alert sent");
    pretty.flush();
    const text = await until("the readable line", async () => {
      try {
        const read = readFileSync(prettyFile, "utf8");
        return read.includes("alert sent") ? read : undefined;
      } catch {
        return undefined;
      }
    });
    expect(text).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: alert sent/m);
    expect(text).toMatch(/childId: 7/);
    expect(() => JSON.parse(text.split("\n")[0] ?? "")).toThrow();

    const jsonFile = join(dir, "json.log");
    const plain = loggerOptions(loadConfig({ NODE_ENV: "test", LOG_LEVEL: "info" }), true);
    const destination = pino.destination({ dest: jsonFile, sync: true });
    pino(plain, destination).info({ childId: 7 }, "alert sent");
    const line = JSON.parse(readFileSync(jsonFile, "utf8").trim());
    expect(line).toMatchObject({ level: 30, msg: "alert sent", childId: 7 });
  });
});
