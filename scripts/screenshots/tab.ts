/**
 * The tab, as a person sees it outside Teams in dev mode: the real app (API and tab) in
 * this process on a throwaway SQLite file seeded with the demo authority on a fixed day
 * and scanned for alerts once; Redis under a queue prefix of its own and no workers, so
 * nothing is sent and the developer's own database and queues are untouched. Each person
 * signs in through the page's own dev sign-in form in a fresh browser context (the token
 * lives in sessionStorage), and each view is a full-page PNG at 1280×900.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { ensureRedis } from "../../api/redis.js";
import { createRuntime } from "../../api/runtime.js";
import { runScan } from "../../core/alerts/scan.js";
import { createCalendarRepo } from "../../core/calendar/calendar.repo.js";
import { fixedClock } from "../../core/platform/clock.js";
import { loadConfig } from "../../core/platform/config.js";
import type { IsoDate } from "../../core/platform/dates.js";
import { createDb } from "../../core/platform/db.js";
import { migrate } from "../../core/platform/migrate.js";
import { DEMO_SIGN_INS, seedDemo } from "../../prisma/seed/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The day the demo is laid out around: the same data, and the same pictures, every run. */
export const TAB_DAY: IsoDate = "2026-11-23";
const VIEWPORT = { width: 1280, height: 900 };
/** Long enough for a cold first API call over the freshly seeded database. */
const VIEW_TIMEOUT_MS = 20_000;

/** Thrown when the tab is not in this checkout yet: the caller skips it and says so. */
export class TabUnavailable extends Error {
  override readonly name = "TabUnavailable";
}

/** What must exist for the tab to be served with a dev sign-in. */
const TAB_PARTS = ["tab/index.html", "api/routes/tab.ts", "api/routes/dev-token.ts"];

export function missingTabParts(): string[] {
  return TAB_PARTS.filter((p) => !existsSync(resolve(repoRoot, p)));
}

type Server = { base: string; close(): Promise<void> };

/** The app on an ephemeral port over a new, seeded SQLite file; close() removes it all. */
async function startDemoServer(): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), "vs-screenshots-"));
  const url = `file:${join(dir, "demo.db")}`;
  const config = loadConfig({
    NODE_ENV: "development",
    DATABASE_URL: url,
    AUTH_MODE: "dev",
    // A key of our own, so no dev key file is written into the checkout.
    DEV_AUTH_SECRET: randomBytes(32).toString("base64url"),
    QUEUE_PREFIX: `vs-screenshots-${process.pid}-${Date.now().toString(36)}`,
    SEED_DEMO: "false",
    CLOCK_TODAY: TAB_DAY,
    LOG_LEVEL: "silent",
  });
  const privateRedis = await ensureRedis(config);
  await migrate(url);
  const db = await createDb(url);
  const clock = fixedClock(TAB_DAY);
  await seedDemo(db, { today: TAB_DAY, laCode: config.AUTHORITY_LA_CODE });
  const runtime = await createRuntime({ config, db, clock, api: true, worker: false, schedules: false });
  // The scan a running app does on its schedule, once, after registers close: the demo day
  // then has its alerts (the dashboard counts them). Deliveries wait in our own queues,
  // which no worker reads and close() removes, so nobody is messaged.
  await runScan(
    {
      db,
      calendars: createCalendarRepo(db, config.AUTHORITY_LA_CODE),
      policy: config.policy,
      clock,
      queue: runtime.queues.port,
    },
    { registersClosed: true },
  );
  const app = runtime.app;
  if (!app) throw new Error("the runtime built no HTTP app");
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      // Nothing is queued with workers and schedules off, but a page load may have created
      // queue keys (the queue board reads them): remove whatever sits under our prefix.
      const keys = await runtime.redis.keys(`${config.QUEUE_PREFIX}:*`);
      if (keys.length > 0) await runtime.redis.del(...keys);
      await runtime.close();
      await db.$disconnect();
      privateRedis?.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the page's own dev sign-in form, as a person trying the tab would. */
async function signIn(page: Page, base: string, email: string): Promise<void> {
  // The form appears once TeamsJS has given up looking for Teams (a few seconds).
  await page.goto(`${base}/tab`);
  await page.getByLabel(/e-?mail/i).fill(email);
  await page.getByRole("button", { name: /^sign in$/i }).click();
}

/**
 * Waits until the view is drawn: its heading is there, no request is outstanding (the
 * tab draws a view only once all its data has arrived) and #main is no longer busy.
 */
async function settle(page: Page, heading: RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.waitForLoadState("networkidle");
  await page.locator('[aria-busy="true"]').first().waitFor({ state: "detached" });
}

type View = {
  /** File name under docs/tab/, without .png. */
  file: string;
  /** The view's h1, which says it has been drawn. */
  heading: RegExp;
  /** Gets there from the previous view the way a person would; the first view needs nothing. */
  open?(page: Page): Promise<void>;
  /** Photographs this element only (a part of the page), not the full page. */
  element?: string;
  /** What the person does after the picture (e.g. saves the form photographed). */
  afterwards?(page: Page): Promise<void>;
};

/** The PEP Amira's designated teacher submits, which the VSH then quality-assures. */
let submittedPepPath = "";

/**
 * Amira's designated teacher records her overdue PEP as held, with who came, her views and
 * two targets asking for Pupil Premium Plus, to be sent to the Virtual School.
 */
async function fillAmirasPep(page: Page): Promise<void> {
  await page.getByLabel("The meeting has been held").check();
  await page.getByLabel("Meeting date").fill("2026-11-19");
  const people = ["Mr Okafor, designated teacher", "Ms Hughes, social worker", "Mrs Khan, foster carer", "Amira"];
  for (const [i, person] of people.entries()) {
    if (i > 0) await page.getByRole("button", { name: "Add another person" }).click();
    await page.getByLabel(`Person ${i + 1}`, { exact: true }).fill(person);
  }
  await page
    .getByLabel("The child’s views")
    .fill("I like art and science. Maths is hard when I have missed lessons. I want to join the drama club.");
  const targets = [
    ["Catch up in maths: at the expected standard in the spring assessment", "Maths teacher", "2027-03-26", "450"],
    ["Attend drama club every week this term", "Foster carer", "2026-12-18", "120"],
  ];
  for (const [i, [text, owner, by, pounds]] of targets.entries()) {
    if (i > 0) await page.getByRole("button", { name: "Add another target" }).click();
    const target = page.getByRole("group", { name: `Target ${i + 1}`, exact: true });
    await target.getByLabel("What the child will achieve").fill(text ?? "");
    await target.getByLabel("Who makes it happen").fill(owner ?? "");
    await target.getByLabel("By when").fill(by ?? "");
    await target.getByLabel("Pupil Premium Plus requested (£)").fill(pounds ?? "");
  }
  await page.getByLabel("Submit to the Virtual School for quality assurance now").check();
  // No focus ring in the picture.
  await page.evaluate("document.activeElement?.blur()");
}

/** Who signs in, and what is photographed in their session, in order. */
const SESSIONS: { email: string; views: View[] }[] = [
  {
    email: DEMO_SIGN_INS.social_worker,
    views: [
      { file: "caseload", heading: /my caseload/i },
      {
        file: "child",
        heading: /Jordan Smith/,
        async open(page) {
          await page.getByRole("link", { name: "Jordan Smith" }).first().click();
          await page.waitForURL(/#\/children\/\d+$/);
        },
      },
    ],
  },
  {
    email: DEMO_SIGN_INS.designated_teacher,
    views: [
      {
        // The PEP form, filled in as the DT would before saving it.
        file: "pep-form",
        heading: /^PEP for Amira Khan$/,
        async open(page) {
          await page.getByRole("link", { name: "Amira Khan" }).first().click();
          await page.waitForURL(/#\/children\/\d+$/);
          await settle(page, /Amira Khan/);
          await page.getByRole("link", { name: "Book or record the PEP" }).click();
          await page.waitForURL(/\/pep$/);
          await settle(page, /^PEP for Amira Khan$/);
          await fillAmirasPep(page);
        },
        async afterwards(page) {
          await page.getByRole("button", { name: "Save PEP" }).click();
          await page.waitForURL(/#\/children\/\d+$/);
          await settle(page, /Amira Khan/);
          const submitted = page.locator(".timeline > li", { hasText: "Submitted to the Virtual School" });
          submittedPepPath = (await submitted.getByRole("link").getAttribute("href")) ?? "";
        },
      },
    ],
  },
  {
    email: DEMO_SIGN_INS.vsh,
    views: [
      {
        file: "school",
        heading: /school dashboard/i,
        async open(page) {
          await page
            .getByRole("navigation", { name: "Main" })
            .getByRole("link", { name: /school dashboard/i })
            .click();
          await page.waitForURL(/#\/school$/);
        },
      },
      { file: "school-pp-plus", heading: /school dashboard/i, element: 'section[aria-labelledby="pp-plus-heading"]' },
      {
        // The PEP the DT submitted, with the Virtual School's quality-assurance panel half done.
        file: "pep-qa",
        heading: /PEP for Amira Khan$/,
        async open(page) {
          if (!submittedPepPath) throw new Error("the designated teacher's PEP was not submitted");
          await page.goto(`${new URL(page.url()).origin}/tab${submittedPepPath}`);
          await settle(page, /PEP for Amira Khan$/);
          const panel = page.locator('section[aria-labelledby="qa-heading"]');
          await panel.getByLabel("The child's views are recorded").check();
          await panel.getByLabel("Targets are SMART, each with an owner and a date").check();
          await panel.getByLabel("Pupil Premium Plus is linked to the targets").check();
          await panel.getByLabel("Green").check();
          await panel
            .getByLabel("Comment")
            .fill("Clear targets with costed support. Add the carer's view on homework.");
          // No focus ring in the picture.
          await page.evaluate("document.activeElement?.blur()");
        },
      },
    ],
  },
];

/** Writes docs/tab/<view>.png for each view; throws TabUnavailable when the tab is not here. */
export async function shootTab(browser: Browser, docsDir: string): Promise<string[]> {
  const missing = missingTabParts();
  if (missing.length > 0) throw new TabUnavailable(`not in this checkout yet (missing ${missing.join(", ")})`);
  const outDir = join(docsDir, "tab");
  mkdirSync(outDir, { recursive: true });

  const server = await startDemoServer();
  const written: string[] = [];
  try {
    for (const session of SESSIONS) {
      // A context per person: the dev token lives in sessionStorage, so each starts signed out.
      // England's locale and time zone: date inputs show 19/11/2026, as a person here sees them.
      const context = await browser.newContext({ viewport: VIEWPORT, locale: "en-GB", timezoneId: "Europe/London" });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(VIEW_TIMEOUT_MS);
        await signIn(page, server.base, session.email);
        for (const view of session.views) {
          await view.open?.(page);
          await settle(page, view.heading);
          const file = join(outDir, `${view.file}.png`);
          if (view.element) await page.locator(view.element).screenshot({ path: file, animations: "disabled" });
          else await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
          written.push(file);
          await view.afterwards?.(page);
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await server.close();
  }
  return written;
}
