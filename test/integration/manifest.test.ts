/**
 * The Teams app package: the real template, icons and env/.env.local make a flat zip
 * whose manifest passes the bundled schema offline; each broken input (built in a temp
 * copy of the inputs, never in the real files) is refused with a message naming it.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnvFile } from "../../manifest/env.js";
import { buildPackage, PackageError, packageApp, readInputs, validateManifest } from "../../manifest/package.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

type Template = Record<string, unknown> & { name: { short: string }; description: { short: string } };

interface Changes {
  env?: (text: string) => string;
  template?: (template: Template) => void;
  color?: () => Buffer;
  outline?: (png: PNG) => void;
}

/** A temp root holding copies of the real inputs, with `changes` applied. */
function fixture(changes: Changes = {}): string {
  const root = mkdtempSync(join(tmpdir(), "vs-manifest-"));
  temps.push(root);
  mkdirSync(join(root, "env"));
  mkdirSync(join(root, "manifest"));
  const envText = readFileSync(join(repoRoot, "env/.env.local"), "utf8");
  writeFileSync(join(root, "env/.env.local"), changes.env ? changes.env(envText) : envText);
  const template = JSON.parse(readFileSync(join(repoRoot, "manifest/manifest.template.json"), "utf8")) as Template;
  changes.template?.(template);
  writeFileSync(join(root, "manifest/manifest.template.json"), JSON.stringify(template, null, 2));
  if (changes.color) writeFileSync(join(root, "manifest/color.png"), changes.color());
  else copyFileSync(join(repoRoot, "manifest/color.png"), join(root, "manifest/color.png"));
  const outline = PNG.sync.read(readFileSync(join(repoRoot, "manifest/outline.png")));
  changes.outline?.(outline);
  writeFileSync(join(root, "manifest/outline.png"), PNG.sync.write(outline));
  return root;
}

/** The problems packaging reports for `root`; fails the test if it packages. */
async function problemsOf(root: string): Promise<string[]> {
  try {
    await packageApp(root, "local");
  } catch (err) {
    if (err instanceof PackageError) {
      expect(existsSync(join(root, "manifest/dist"))).toBe(false);
      return err.problems;
    }
    throw err;
  }
  throw new Error("packaged although the input is broken");
}

describe("the real package", () => {
  it("is a flat zip of manifest.json and the two icons, valid against the bundled schema", async () => {
    const inputs = readInputs(repoRoot, "local");
    const built = await buildPackage(inputs);
    const zip = await JSZip.loadAsync(built.zip);
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);

    const text = await zip.file("manifest.json")!.async("string");
    expect(text).not.toContain("${{");
    const manifest = JSON.parse(text) as Record<string, unknown>;
    expect(await validateManifest(manifest)).toEqual([]);
    const env = parseEnvFile(inputs.envText).values;
    expect(manifest).toMatchObject({
      manifestVersion: "1.30",
      id: env.TEAMS_APP_ID,
      name: { short: "Virtual School (local)" },
      bots: [{ botId: env.BOT_ID, scopes: ["personal", "team"], supportsFiles: false }],
      staticTabs: [
        { entityId: "vs-home", contentUrl: `${env.TAB_ENDPOINT}/tab`, scopes: ["personal"] },
        { entityId: "conversations", scopes: ["personal"] },
      ],
      webApplicationInfo: {
        id: env.AAD_APP_CLIENT_ID,
        resource: `api://${env.TAB_DOMAIN}/${env.AAD_APP_CLIENT_ID}`,
      },
      validDomains: [env.TAB_DOMAIN],
      permissions: ["identity", "messageTeamMembers"],
    });
    expect(await zip.file("color.png")!.async("nodebuffer")).toEqual(inputs.color);
    expect(await zip.file("outline.png")!.async("nodebuffer")).toEqual(inputs.outline);
  });

  it("lists the bot's six commands for personal and team scopes", async () => {
    const { manifest } = await buildPackage(readInputs(repoRoot, "local"));
    const [bot] = manifest.bots as { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
    const titles = ["status", "my caseload", "brief", "alerts", "log", "help"];
    expect(bot!.commandLists.map((list) => list.scopes)).toEqual([["personal"], ["team"]]);
    for (const list of bot!.commandLists) expect(list.commands.map((c) => c.title)).toEqual(titles);
  });

  it("is written to manifest/dist/virtual-school-<env>.zip, the same bytes each time", async () => {
    const root = fixture();
    const first = await packageApp(root, "local");
    expect(first.path).toBe(join(root, "manifest/dist/virtual-school-local.zip"));
    expect(readFileSync(first.path)).toEqual(first.zip);
    expect((await packageApp(root, "local")).zip).toEqual(first.zip);
  });
});

describe("broken inputs are refused, naming the problem", () => {
  it("a missing env key", async () => {
    const root = fixture({ env: (text) => text.replace(/^BOT_ID=.*$/m, "") });
    expect(await problemsOf(root)).toEqual(["env/.env.local: BOT_ID is missing"]);
  });

  it("a malformed GUID", async () => {
    const root = fixture({
      env: (text) => text.replace(/^TEAMS_APP_ID=.*$/m, "TEAMS_APP_ID=00000000-0000-4000-a000-00000000001"),
    });
    expect(await problemsOf(root)).toEqual([
      "env/.env.local: TEAMS_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000",
    ]);
  });

  it("a domain written as a URL, and a tab endpoint off that domain", async () => {
    const root = fixture({
      env: (text) =>
        text
          .replace(/^BOT_DOMAIN=.*$/m, "BOT_DOMAIN=https://bot.example/")
          .replace(/^TAB_ENDPOINT=.*$/m, "TAB_ENDPOINT=https://elsewhere.example"),
    });
    const problems = await problemsOf(root);
    expect(problems).toContainEqual(expect.stringMatching(/BOT_DOMAIN must be a host name/));
    expect(problems).toContainEqual(expect.stringMatching(/TAB_ENDPOINT must be on TAB_DOMAIN/));
  });

  it("name.short over 30 characters", async () => {
    const root = fixture({
      template: (t) => {
        t.name.short = `Virtual School of Demo Borough\${{APP_NAME_SUFFIX}}`;
      },
    });
    expect(await problemsOf(root)).toEqual(["manifest.json /name/short: must NOT have more than 30 characters"]);
  });

  it("description.short over 80 characters", async () => {
    const root = fixture({
      template: (t) => {
        t.description.short = "x".repeat(81);
      },
    });
    expect(await problemsOf(root)).toEqual(["manifest.json /description/short: must NOT have more than 80 characters"]);
  });

  it("an unknown placeholder", async () => {
    const root = fixture({
      template: (t) => {
        t.accentColor = `\${{BRAND_COLOUR}}`;
      },
    });
    expect(await problemsOf(root)).toEqual([
      `manifest template: unknown placeholder \${{BRAND_COLOUR}} at /accentColor`,
    ]);
  });

  it("a manifest without icons", async () => {
    const root = fixture({
      template: (t) => {
        delete t.icons;
      },
    });
    expect(await problemsOf(root)).toEqual(["manifest.json /: must have required property 'icons'"]);
  });

  it("a bot command longer than Teams' command menu shows", async () => {
    const root = fixture({
      template: (t) => {
        const [bot] = t.bots as { commandLists: { commands: { title: string }[] }[] }[];
        bot!.commandLists[1]!.commands[0]!.title = "status of a child by name or UPN now";
      },
    });
    expect(await problemsOf(root)).toEqual([
      'manifest.json /bots/0/commandLists/1/commands/0/title: "status of a child by name or UPN now" is over 32 characters',
    ]);
  });

  it("an outline icon with a coloured pixel", async () => {
    const root = fixture({ outline: (png) => png.data.set([255, 0, 0, 255], (7 * png.width + 5) * 4) });
    expect(await problemsOf(root)).toEqual([
      "outline.png pixel (5, 7) is rgba(255, 0, 0, 255): every pixel must be white (255, 255, 255) or fully transparent",
    ]);
  });

  it("a colour icon of the wrong size", async () => {
    const root = fixture({ color: () => PNG.sync.write(new PNG({ width: 100, height: 100 })) });
    expect(await problemsOf(root)).toEqual(["color.png is 100×100; it must be exactly 192×192"]);
  });

  it("every problem at once, not one per run", async () => {
    const root = fixture({
      env: (text) => text.replace(/^AAD_APP_CLIENT_ID=.*$/m, "AAD_APP_CLIENT_ID=not-a-guid"),
      color: () => PNG.sync.write(new PNG({ width: 192, height: 96 })),
    });
    expect(await problemsOf(root)).toEqual([
      "env/.env.local: AAD_APP_CLIENT_ID must be a GUID like 00000000-0000-0000-0000-000000000000",
      "color.png is 192×96; it must be exactly 192×192",
    ]);
  });

  it("the CLI exits 1 and names an env file that does not exist", () => {
    const tsx = join(repoRoot, "node_modules/.bin/tsx");
    const run = spawnSync(tsx, ["scripts/package.ts", "staging"], { cwd: repoRoot, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("env/.env.staging not found (environments: dev, local)");
  });
});
