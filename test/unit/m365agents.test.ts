/**
 * m365agents.yml, the Microsoft 365 Agents Toolkit's project file: it points at the
 * manifest template in manifest/ and the env files in env/, every file it names exists,
 * every package it reads is the one an earlier step wrote, every ${{NAME}} it uses has a
 * value in the env files or from an earlier step, and the toolkit's secret files
 * (env/.env.<env>.user) are never committed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseEnvFile } from "../../manifest/env.js";

const ROOT = resolve(import.meta.dirname, "../..");
const text = readFileSync(join(ROOT, "m365agents.yml"), "utf8");

type Step = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
const project = YAML.parse(text) as {
  version: string;
  environmentFolderPath: string;
  provision: Step[];
  publish: Step[];
};
const lifecycles = { provision: project.provision, publish: project.publish };

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** ./manifest/dist/x-${{TEAMSFX_ENV}}.zip → manifest/dist/x-dev.zip */
const inEnv = (path: string, env: string) => path.replace(PLACEHOLDER, (_, name) => (name === "TEAMSFX_ENV" ? env : _));

describe("m365agents.yml", () => {
  it("declares the schema version it is written to, and the env folder", () => {
    expect(project.version).toMatch(/^v1\.\d+$/);
    expect(text).toContain(`$schema=https://aka.ms/m365-agents-toolkits/${project.version}/yaml.schema.json`);
    const envDir = join(ROOT, project.environmentFolderPath);
    expect(project.environmentFolderPath).toBe("./env");
    expect(readdirSync(envDir)).toEqual(expect.arrayContaining([".env.dev", ".env.local"]));
  });

  it("builds the package from manifest/'s template, whose icons sit beside it", () => {
    const manifestPaths = Object.values(lifecycles)
      .flat()
      .flatMap((step) => (typeof step.with?.manifestPath === "string" ? [step.with.manifestPath] : []));
    expect(manifestPaths.length).toBeGreaterThanOrEqual(4);
    for (const path of new Set(manifestPaths)) {
      expect(path).toBe("./manifest/manifest.template.json");
      const manifest = JSON.parse(readFileSync(join(ROOT, path), "utf8")) as { icons: Record<string, string> };
      for (const icon of Object.values(manifest.icons)) {
        expect(existsSync(join(ROOT, dirname(path), icon)), icon).toBe(true);
      }
    }
  });

  it("reads each package from where a zipAppPackage step before it wrote it, in manifest/dist (not committed)", () => {
    for (const [name, steps] of Object.entries(lifecycles)) {
      const written = new Set<string>();
      for (const step of steps) {
        const zip = step.with?.outputZipPath;
        if (step.uses === "teamsApp/zipAppPackage") {
          expect(typeof zip, name).toBe("string");
          expect(dirname(String(zip))).toBe(step.with?.outputFolder);
          written.add(String(zip));
        }
        const read = step.with?.appPackagePath;
        if (read !== undefined) expect([...written], `${name}: ${step.uses} reads ${read}`).toContain(read);
      }
      expect(written.size, name).toBe(1);
      const zip = inEnv([...written][0] ?? "", "dev");
      execFileSync("git", ["check-ignore", "-q", zip], { cwd: ROOT });
    }
  });

  it("uses only placeholders the env files set or an earlier step writes", () => {
    const env = parseEnvFile(readFileSync(join(ROOT, "env/.env.dev"), "utf8"));
    expect(env.problems).toEqual([]);
    for (const [name, steps] of Object.entries(lifecycles)) {
      const known = new Set(Object.keys(env.values));
      for (const step of steps) {
        for (const [, used] of JSON.stringify(step.with ?? {}).matchAll(PLACEHOLDER)) {
          expect([...known], `${name}: ${step.uses} uses \${{${used}}}`).toContain(used);
        }
        for (const written of Object.values(step.writeToEnvironmentFile ?? {})) known.add(written);
      }
    }
  });

  it("writes secrets only to SECRET_ names, and git ignores the .user files they go to", () => {
    const written = Object.values(lifecycles)
      .flat()
      .flatMap((step) => Object.entries(step.writeToEnvironmentFile ?? {}));
    expect(written).toContainEqual(["botPassword", "SECRET_BOT_PASSWORD"]);
    for (const [output, variable] of written) {
      if (/password|secret/i.test(output)) expect(variable).toMatch(/^SECRET_/);
    }
    for (const file of ["env/.env.dev.user", "env/.env.local.user", "env/.env.prod.user"]) {
      execFileSync("git", ["check-ignore", "-q", file], { cwd: ROOT });
    }
    execFileSync("git", ["ls-files", "--error-unmatch", "env/.env.dev"], { cwd: ROOT, stdio: "ignore" });
  });
});
