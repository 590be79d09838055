import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../core/platform/config.js";

describe("settings", () => {
  it("has working defaults for a local demo", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3978,
      DATABASE_URL: "file:./data/virtual-school.db",
      REDIS_URL: "redis://127.0.0.1:6379",
      AUTH_MODE: "dev",
      SEED_DEMO: true,
    });
    expect(config.policy.persistentAbsencePercent).toBe(10);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ PORT: "", AUTH_MODE: "" }).PORT).toBe(3978);
  });

  it("reads policy thresholds from POLICY_* variables", () => {
    const config = loadConfig({ POLICY_PERSISTENT_ABSENCE_PERCENT: "12.5", POLICY_PEP_INITIAL_WORKING_DAYS: "20" });
    expect(config.policy.persistentAbsencePercent).toBe(12.5);
    expect(config.policy.pepInitialWorkingDays).toBe(20);
  });

  it.each([
    [{ PORT: "eighty" }, /PORT/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL: must start with file:/],
    [{ NODE_ENV: "production", MICROSOFT_APP_ID: "x" }, /AUTH_MODE: dev sign-in is refused in production/],
    [{ NODE_ENV: "production", AUTH_MODE: "entra", ENTRA_CLIENT_ID: "c" }, /MICROSOFT_APP_ID: bot authentication/],
    [{ AUTH_MODE: "entra" }, /ENTRA_CLIENT_ID: entra mode needs/],
    [{ CLOCK_TODAY: "2026-02-30" }, /CLOCK_TODAY/],
    [{ POLICY_SEVERE_ABSENCE_PERCENT: "150" }, /policy severeAbsencePercent/],
    [{ DEV_AUTH_SECRET: "short" }, /DEV_AUTH_SECRET: must be at least 32/],
  ])("refuses %o with a message naming the setting", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("names every wrong setting at once", () => {
    expect(() => loadConfig({ PORT: "x", LOG_LEVEL: "loud" })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
