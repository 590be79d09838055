/**
 * The tab's record forms in headless Chromium against the real server: the PEP form (book,
 * then record held with targets and Pupil Premium Plus), field errors from the page and
 * from the API next to the right inputs, quality assurance by an education adviser, a
 * designated teacher recording a suspension, a refusal said in a sentence, the PP+ totals
 * on the dashboard, and axe-core on each new view.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../core/platform/db.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { browserAvailable, browserSession, expectAccessible, signIn } from "../support/browser.js";
import { buildSmallAuthority, createTestChild, type Fixture, PEOPLE, TODAY } from "../support/factories.js";

let t: TestApp;
let f: Fixture;
let extra: Awaited<ReturnType<typeof addChildren>>;

beforeAll(async () => {
  t = await startTestApp({ today: TODAY });
  f = await buildSmallAuthority(t.database.db);
  extra = await addChildren(t.database.db, f);
});
afterAll(() => t?.close());

/** Each test drives a real browser through several saves: room for a machine running other tests too. */
const BROWSER_TEST_MS = 60_000;

describe.skipIf(!browserAvailable)("the tab's record forms in headless Chromium", () => {
  const session = browserSession(() => t.base);
  const axe = expectAccessible;

  /** A page at `path`, signed in as `email`. */
  async function open(path: string, email: string): Promise<Page> {
    const page = await session.open(path);
    await signIn(page, email);
    return page;
  }

  const heading = (page: Page) => page.locator("h1").textContent();
  /** The message next to the control with this id. */
  const errorOf = (page: Page, id: string) => page.locator(`#${id}-error`).textContent();

  it(
    "a DT books the PEP, then records it held with two targets: the API then shows them",
    async () => {
      const page = await open(`/tab#/children/${f.jordan.id}/pep`, PEOPLE.dtA);
      await expect.poll(() => heading(page)).toBe("PEP for Jordan Smith");
      expect(await page.locator("main").textContent()).toContain("Initial PEP");
      await axe(page, "PEP form, booking");

      // Booking: only the date; the held part is hidden.
      await page.getByLabel("The meeting is booked").check();
      expect(await page.locator("#pep-held-part").isHidden()).toBe(true);
      await page.getByLabel("Meeting date").fill("2026-11-30");
      await page.getByRole("button", { name: "Book the meeting" }).click();
      await expect.poll(() => heading(page)).toBe("Jordan Smith");
      expect(await page.locator(".notice--done").textContent()).toBe("PEP meeting booked for 30 Nov 2026.");
      const booked = await t.database.db.pep.findFirstOrThrow({ where: { childId: f.jordan.id } });
      expect(booked).toMatchObject({ status: "booked", meetingDate: "2026-11-30", term: "initial" });
      const pepSection = page.locator("section", { has: page.locator("#pep-heading") });
      expect(await pepSection.textContent()).toContain("Meeting booked for30 Nov 2026");
      const timeline = page.locator(".timeline > li");
      expect(await timeline.count()).toBe(1);
      expect(await timeline.first().textContent()).toContain("Booked for 30 Nov 2026");
      // A booked PEP has nothing to submit yet.
      expect(await page.getByRole("button", { name: "Submit to the Virtual School" }).count()).toBe(0);

      // Held: the meeting came forward. A booked PEP opens the form on "held".
      await page.getByRole("link", { name: "Book or record the PEP" }).click();
      await expect.poll(() => heading(page)).toBe("PEP for Jordan Smith");
      expect(await page.getByLabel("The meeting has been held").isChecked()).toBe(true);
      await page.getByLabel("Meeting date").fill("2026-11-20");
      await page.getByLabel("Person 1", { exact: true }).fill("Ms Patel, designated teacher");
      await page.getByRole("button", { name: "Add another person" }).click();
      await page.getByLabel("Person 2", { exact: true }).fill("Wrong person");
      await page.getByRole("button", { name: "Add another person" }).click();
      await page.getByLabel("Person 3", { exact: true }).fill("Sam Jones, social worker");
      // Removing a row keeps what was typed in the others, renumbered.
      await page.getByRole("button", { name: "Remove person 2" }).click();
      expect(await page.getByLabel("Person 2", { exact: true }).inputValue()).toBe("Sam Jones, social worker");
      expect(await page.getByLabel("Person 3", { exact: true }).count()).toBe(0);
      await page.getByLabel("The child’s views").fill("I like maths and want help with reading.");
      const target = (n: number) => page.getByRole("group", { name: `Target ${n}` });
      await target(1).getByLabel("What the child will achieve").fill("Read a chapter book on his own by spring");
      await target(1).getByLabel("Who makes it happen").fill("Class teacher");
      await target(1).getByLabel("By when").fill("2027-03-26");
      await target(1).getByLabel("Pupil Premium Plus requested (£)").fill("£250");
      await page.getByRole("button", { name: "Add another target" }).click();
      await target(2).getByLabel("What the child will achieve").fill("Attend every morning this term");
      await target(2).getByLabel("Who makes it happen").fill("Carer");
      await target(2).getByLabel("By when").fill("2026-12-18");
      await target(2).getByLabel("Pupil Premium Plus requested (£)").fill("300.50");
      await axe(page, "PEP form, held");
      await page.getByRole("button", { name: "Save PEP" }).click();

      await expect.poll(() => heading(page)).toBe("Jordan Smith");
      expect(await page.locator(".notice--done").textContent()).toBe("PEP held on 20 Nov 2026 recorded.");
      const item = page.locator(".timeline > li").first();
      expect(await item.textContent()).toContain("Held on 20 Nov 2026");
      expect(await item.textContent()).toContain("Held");
      // Held, not yet submitted: the page offers to submit it.
      expect(await item.getByRole("button", { name: "Submit to the Virtual School" }).count()).toBe(1);

      const res = await t.call("GET", `/api/peps/${booked.id}`, { as: PEOPLE.dtA });
      expect(res.status).toBe(200);
      const pep = await res.json();
      expect(pep).toMatchObject({
        id: booked.id,
        status: "held",
        meetingDate: "2026-11-20",
        attendees: ["Ms Patel, designated teacher", "Sam Jones, social worker"],
        childViews: "I like maths and want help with reading.",
      });
      expect(pep.targets.map(({ id: _id, ...rest }: { id: number }) => rest)).toEqual([
        {
          text: "Read a chapter book on his own by spring",
          owner: "Class teacher",
          byDate: "2027-03-26",
          ppRequestedPence: 25_000,
          ppApprovedPence: null,
        },
        {
          text: "Attend every morning this term",
          owner: "Carer",
          byDate: "2026-12-18",
          ppRequestedPence: 30_050,
          ppApprovedPence: null,
        },
      ]);

      // The form now points to the PEP held, not yet submitted, rather than only the next one.
      await page.getByRole("link", { name: "Book or record the PEP" }).click();
      await expect.poll(() => heading(page)).toBe("PEP for Jordan Smith");
      expect(await page.locator(".pep-unfinished").textContent()).toContain(
        "The Initial PEP, held on 20 Nov 2026, is not submitted yet.",
      );
      await page.getByRole("link", { name: /^Add who attended, the child’s views and the targets/ }).click();
      await expect.poll(() => heading(page)).toBe("Change the Initial PEP for Jordan Smith");
      expect(await page.getByLabel("Person 2", { exact: true }).inputValue()).toBe("Sam Jones, social worker");
      await page.getByRole("link", { name: "Jordan Smith" }).click();
      await expect.poll(() => heading(page)).toBe("Jordan Smith");

      // Submitting from the child page; the PEP's own page then shows it submitted.
      await item.getByRole("button", { name: "Submit to the Virtual School" }).click();
      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toBe("PEP submitted to the Virtual School for quality assurance.");
      expect((await t.database.db.pep.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe("submitted");
      await page.getByRole("link", { name: "Open the Initial PEP" }).click();
      await expect.poll(() => heading(page)).toBe("Initial PEP for Jordan Smith");
      expect(await page.locator("main").textContent()).toContain("Submitted to the Virtual School");
      // A DT is not Virtual School staff: no quality-assurance panel.
      expect(await page.locator("#qa-heading").count()).toBe(0);
      await axe(page, "PEP page");
      await page.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "puts the page's own checks and the API's field errors next to the right inputs, keeping what was typed",
    async () => {
      const page = await open(`/tab#/children/${f.amira.id}/pep`, PEOPLE.dtB);
      await expect.poll(() => heading(page)).toBe("PEP for Amira Khan");
      await page.getByLabel("The meeting has been held").check();
      const target = (n: number) => page.getByRole("group", { name: `Target ${n}` });
      await target(1).getByLabel("What the child will achieve").fill("Join an after-school club");
      await target(1).getByLabel("Pupil Premium Plus requested (£)").fill("lots");
      await page.getByRole("button", { name: "Save PEP" }).click();

      // The page's checks: nothing was sent.
      const summary = page.locator("#pep-errors");
      await summary.waitFor({ state: "visible" });
      expect(await page.evaluate("document.activeElement?.id")).toBe("pep-errors");
      expect(await errorOf(page, "pep-meeting-date")).toBe("Enter the meeting date");
      expect(await page.locator("#pep-meeting-date").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#pep-meeting-date").getAttribute("aria-describedby")).toContain(
        "pep-meeting-date-error",
      );
      expect(await errorOf(page, "pep-target-0-owner")).toBe("Say who makes target 1 happen");
      expect(await errorOf(page, "pep-target-0-by")).toBe("Enter the date for target 1");
      expect(await errorOf(page, "pep-target-0-pp")).toMatch(/^Enter the Pupil Premium Plus for target 1 in pounds/);
      expect(await errorOf(page, "pep-target-0-text")).toBe("");
      expect(await summary.locator("li").count()).toBe(4);
      expect(await t.database.db.pep.count({ where: { childId: f.amira.id } })).toBe(0);
      await axe(page, "PEP form with errors");
      // A summary line takes you to its field without leaving the page.
      await summary.getByRole("link", { name: "Say who makes target 1 happen" }).click();
      expect(await page.evaluate("document.activeElement?.id")).toBe("pep-target-0-owner");
      expect(page.url()).toContain(`#/children/${f.amira.id}/pep`);

      // The API's rule (a target's date after the meeting) is shown at the second target's date.
      await page.getByLabel("Meeting date").fill("2026-11-20");
      await target(1).getByLabel("Who makes it happen").fill("Head of year");
      await target(1).getByLabel("By when").fill("2027-01-29");
      await target(1).getByLabel("Pupil Premium Plus requested (£)").fill("");
      await page.getByRole("button", { name: "Add another target" }).click();
      await target(2).getByLabel("What the child will achieve").fill("Catch up on missed science work");
      await target(2).getByLabel("Who makes it happen").fill("Science teacher");
      await target(2).getByLabel("By when").fill("2026-11-02");
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/children/${f.amira.id}/peps`));
      await page.getByRole("button", { name: "Save PEP" }).click();
      const refused = await answer;
      expect(refused.status()).toBe(422);
      expect((await refused.json()).errors).toEqual([
        { field: "targets.1.byDate", message: "must be on or after the meeting date" },
      ]);
      await expect.poll(() => errorOf(page, "pep-target-1-by")).toBe("Must be on or after the meeting date");
      expect(await page.locator("#pep-target-1-by").getAttribute("aria-invalid")).toBe("true");
      expect(await errorOf(page, "pep-meeting-date")).toBe("");
      expect(await errorOf(page, "pep-target-0-owner")).toBe("");
      expect(await summary.textContent()).toContain("A target's date is before the meeting that set it.");
      // Nothing typed was lost.
      expect(await target(1).getByLabel("What the child will achieve").inputValue()).toBe("Join an after-school club");
      expect(await target(2).getByLabel("Who makes it happen").inputValue()).toBe("Science teacher");
      expect(await page.getByLabel("Meeting date").inputValue()).toBe("2026-11-20");
      expect(await t.database.db.pep.count({ where: { childId: f.amira.id } })).toBe(0);

      // Leaving and coming back: the draft is still there.
      await page.getByRole("link", { name: "Amira Khan" }).click();
      await expect.poll(() => heading(page)).toBe("Amira Khan");
      await page.getByRole("link", { name: "Book or record the PEP" }).click();
      await expect.poll(() => heading(page)).toBe("PEP for Amira Khan");
      expect(await target(2).getByLabel("What the child will achieve").inputValue()).toBe(
        "Catch up on missed science work",
      );
      await page.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "an education adviser rates a submitted PEP: criteria, RAG, comment and the PP+ approved",
    async () => {
      const page = await open(`/tab#/children/${extra.casey.id}/peps/${extra.caseyPep}`, PEOPLE.ea1);
      await expect.poll(() => heading(page)).toBe("Initial PEP for Casey Green");
      expect(await page.locator("#nav a[data-route=school]").isVisible()).toBe(true);
      const panel = page.locator("section", { has: page.locator("#qa-heading") });
      await panel.waitFor();
      await axe(page, "quality-assurance panel");
      // Neither a rating nor a comment: each action says what it needs.
      await panel.getByRole("button", { name: "Return for changes" }).click();
      await expect.poll(() => errorOf(page, "qa-comment")).toBe("Say what needs to change before returning the PEP");
      await panel.getByRole("button", { name: "Quality-assured" }).click();
      await expect.poll(() => errorOf(page, "qa-rating")).toBe("Choose a rating: green, amber or red");

      await panel.getByLabel("The child's views are recorded").check();
      await panel.getByLabel("Targets are SMART, each with an owner and a date").check();
      await panel.getByLabel("Amber").check();
      await panel.getByLabel("Comment").fill("Good targets; add the carer's view next time.");
      expect(await panel.getByLabel("PP+ approved for target 1 (£)").inputValue()).toBe("400.00");
      await panel.getByLabel("PP+ approved for target 2 (£)").fill("100");
      await panel.getByRole("button", { name: "Quality-assured" }).click();

      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toMatch(/^PEP quality-assured, rated Amber\./);
      expect(await page.locator("#qa-heading").count()).toBe(0);
      const outcome = page.locator("section", { has: page.locator("#pep-qa-outcome-heading") });
      expect(await outcome.textContent()).toContain("Met: The child's views are recorded");
      expect(await outcome.textContent()).toContain("Not met: Attendance is addressed");
      const pep = await t.database.db.pep.findUniqueOrThrow({
        where: { id: extra.caseyPep },
        include: { targetList: { orderBy: { id: "asc" } } },
      });
      expect(pep).toMatchObject({
        status: "quality_assured",
        rag: "amber",
        qaComment: "Good targets; add the carer's view next time.",
        ppPlusPence: 50_000,
      });
      expect(JSON.parse(pep.qaCriteria ?? "[]")).toEqual(["child_voice", "smart_targets"]);
      expect(pep.targetList.map((x) => x.ppApprovedPence)).toEqual([40_000, 10_000]);
      await axe(page, "PEP page, quality-assured");
      await page.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "returned for changes by the Virtual School, the DT changes the PEP and submits it again",
    async () => {
      const adviser = await open(`/tab#/children/${extra.morgan.id}/peps/${extra.morganPep}`, PEOPLE.ea1);
      await expect.poll(() => heading(adviser)).toBe("Initial PEP for Morgan Lee");
      const panel = adviser.locator("section", { has: adviser.locator("#qa-heading") });
      await panel.getByLabel("Comment").fill("Add a target for attendance, with who will follow it up.");
      await panel.getByRole("button", { name: "Return for changes" }).click();
      await expect.poll(() => adviser.locator(".notice--done").textContent()).toMatch(/^PEP returned for changes\./);
      expect(await adviser.locator("#pep-qa-outcome-heading").textContent()).toBe("Returned by the Virtual School");
      await adviser.close();

      const page = await open(`/tab#/children/${extra.morgan.id}/peps/${extra.morganPep}`, PEOPLE.dtA);
      await expect.poll(() => heading(page)).toBe("Initial PEP for Morgan Lee");
      expect(await page.locator("main").textContent()).toContain("Returned for changes");
      await page.getByRole("link", { name: "Make the changes asked for" }).click();
      await expect.poll(() => heading(page)).toBe("Change the Initial PEP for Morgan Lee");
      expect(await page.locator(".notice").textContent()).toContain("Add a target for attendance");
      // The PEP as recorded, ready to change.
      const target = (n: number) => page.getByRole("group", { name: `Target ${n}` });
      expect(await page.getByLabel("Meeting date").inputValue()).toBe("2026-11-16");
      expect(await target(1).getByLabel("What the child will achieve").inputValue()).toBe("Learn times tables to 12");
      expect(await target(1).getByLabel("Pupil Premium Plus requested (£)").inputValue()).toBe("150.00");
      await page.getByRole("button", { name: "Add another target" }).click();
      await target(2).getByLabel("What the child will achieve").fill("Attend every day until the spring half-term");
      await target(2).getByLabel("Who makes it happen").fill("Designated teacher, with the carer");
      await target(2).getByLabel("By when").fill("2027-02-12");
      await page.getByLabel("Submit to the Virtual School again now").check();
      await axe(page, "PEP form, changing a returned PEP");
      await page.getByRole("button", { name: "Save changes" }).click();

      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toBe("Changes saved, and the PEP submitted to the Virtual School.");
      expect(await heading(page)).toBe("Initial PEP for Morgan Lee");
      const pep = await t.database.db.pep.findUniqueOrThrow({
        where: { id: extra.morganPep },
        include: { targetList: { orderBy: { id: "asc" } } },
      });
      expect(pep.status).toBe("submitted");
      expect(pep.targetList.map((x) => [x.text, x.ppRequestedPence])).toEqual([
        ["Learn times tables to 12", 15_000],
        ["Attend every day until the spring half-term", 0],
      ]);
      await page.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "a DT records a suspension on the child's page; the forms shown depend on the role",
    async () => {
      const page = await open(`/tab#/children/${f.jordan.id}`, PEOPLE.dtA);
      await expect.poll(() => heading(page)).toBe("Jordan Smith");
      // A DT records exclusions and part-time timetables, not reviews, places or SEN.
      expect(await page.locator("summary", { hasText: "Record a suspension or exclusion" }).count()).toBe(1);
      expect(await page.locator("summary", { hasText: "Start a part-time timetable" }).count()).toBe(1);
      expect(await page.locator("summary", { hasText: /review/ }).count()).toBe(0);
      expect(await page.locator("summary", { hasText: /school place|SEN/ }).count()).toBe(0);

      await page.locator("summary", { hasText: "Record a suspension or exclusion" }).click();
      const form = page.getByRole("form", { name: "Record a suspension or exclusion" });
      await form.getByLabel("A suspension").check();
      await form.getByLabel("First day").fill("2026-11-19");
      await form.getByLabel("Length in school days").fill("2");
      await form.getByLabel("Reason (optional)").fill("Persistent disruption");
      await axe(page, "child page, suspension form");
      await form.getByRole("button", { name: "Record it" }).click();

      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toBe("Suspension from 19 Nov 2026 recorded.");
      const list = page
        .locator("section", { has: page.locator("#exclusion-records-heading") })
        .locator(".records")
        .first();
      expect(await list.textContent()).toContain("Suspension from 19 Nov 2026, 2 school days at Oakfield Primary");
      const saved = await t.database.db.exclusion.findMany({ where: { childId: f.jordan.id } });
      expect(saved).toEqual([
        expect.objectContaining({
          kind: "suspension",
          startDate: "2026-11-19",
          days: 2,
          reason: "Persistent disruption",
          schoolId: f.schoolA.id,
          recordedById: f.dtA.id,
        }),
      ]);
      // The status the page shows counts it.
      expect(await page.locator("section", { has: page.locator("#sen-heading") }).textContent()).toContain(
        "1 (2 days)",
      );
      await axe(page, "child page after recording");

      // A part-time timetable, then its review moved: the form becomes the update form.
      await page.locator("summary", { hasText: "Start a part-time timetable" }).click();
      const start = page.getByRole("form", { name: "Start a part-time timetable" });
      await start.getByLabel("First day").fill("2026-11-23");
      await start.getByLabel("Planned end").fill("2026-12-18");
      await start.getByLabel("Review date").fill("2026-12-04");
      await start.getByLabel("Hours a week (optional)").fill("15");
      await start.getByRole("button", { name: "Start the timetable" }).click();
      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toBe("Part-time timetable from 23 Nov 2026 recorded, review on 4 Dec 2026.");
      // The page reloads the child after a change: wait for it, so the form filled is the one submitted.
      await page.waitForLoadState("networkidle");
      await page.locator("summary", { hasText: "Update the part-time timetable" }).click();
      const update = page.getByRole("form", { name: "Update the part-time timetable" });
      await update.getByLabel("New review date").fill("2026-12-11");
      await update.getByRole("button", { name: "Save" }).click();
      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toBe("Part-time timetable review moved to 11 Dec 2026.");
      const timetable = await t.database.db.partTimeTimetable.findFirstOrThrow({ where: { childId: f.jordan.id } });
      expect(timetable).toMatchObject({ startDate: "2026-11-23", reviewDate: "2026-12-11", hoursPerWeek: 15 });
      await page.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "the IRO books a review; the social worker records Tyler's school place (from the school list), its end and his SEN",
    async () => {
      const iro = await open(`/tab#/children/${f.jordan.id}`, PEOPLE.iro1);
      await expect.poll(() => heading(iro)).toBe("Jordan Smith");
      const reviews = iro.locator("section", { has: iro.locator("#reviews-heading") });
      expect(await reviews.textContent()).toContain("Next review due by");
      // An IRO records reviews only.
      expect(await iro.locator("summary", { hasText: /suspension|school place|SEN|PEP/ }).count()).toBe(0);
      expect(await iro.getByRole("link", { name: "Book or record the PEP" }).count()).toBe(0);
      await iro.locator("summary", { hasText: "Book the next review" }).click();
      const book = iro.getByRole("form", { name: "Book the next review" });
      await book.getByLabel("Date of the review").fill("2026-11-02");
      await book.getByRole("button", { name: "Book the review" }).click();
      await expect.poll(() => iro.locator("#review-planned-date-error").textContent()).toMatch(/today or later/);
      await book.getByLabel("Date of the review").fill("2026-12-10");
      await book.getByRole("button", { name: "Book the review" }).click();
      await expect.poll(() => iro.locator(".notice--done").textContent()).toBe("Review booked for 10 Dec 2026.");
      expect(await reviews.textContent()).toContain("Booked for10 Dec 2026");
      expect(await t.database.db.careReview.findMany({ where: { childId: f.jordan.id } })).toEqual([
        expect.objectContaining({ date: "2026-12-10", status: "planned", bookedById: f.iro1.id }),
      ]);
      await iro.close();

      const page = await open(`/tab#/children/${f.tyler.id}`, PEOPLE.sw1);
      await expect.poll(() => heading(page)).toBe("Tyler Brooks");
      expect(await page.locator("section", { has: page.locator("#flags-heading") }).textContent()).toContain(
        "No school place",
      );
      await page.locator("summary", { hasText: "Record a new school place" }).click();
      const place = page.getByRole("form", { name: "Record a new school place" });
      const schools = await place.getByLabel("School").locator("option").allTextContents();
      expect(schools).toEqual(["Choose a school", "Hillside Academy", "Oakfield Primary"]);
      await place.getByLabel("School").selectOption({ label: "Hillside Academy" });
      await place.getByLabel("First day").fill("2026-11-23");
      await place.getByLabel("Year group (optional)").selectOption({ label: "Year 6" });
      await axe(page, "child page, school place form");
      await place.getByRole("button", { name: "Record the place" }).click();
      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toBe("School place at Hillside Academy from 23 Nov 2026 recorded.");
      expect(await page.locator("section", { has: page.locator("#school-heading") }).textContent()).toContain(
        "Hillside Academy",
      );
      expect(await page.locator("section", { has: page.locator("#flags-heading") }).textContent()).not.toContain(
        "No school place",
      );
      expect(await t.database.db.enrolment.findMany({ where: { childId: f.tyler.id } })).toEqual([
        expect.objectContaining({ schoolId: f.schoolB.id, fromDate: "2026-11-23", yearGroup: "6", toDate: null }),
      ]);

      // The place's agreed end, and a change of SEN status.
      await page.locator("summary", { hasText: "Record the place ending" }).click();
      const end = page.getByRole("form", { name: "Record the place ending" });
      await end.getByLabel("Last day on roll").fill("2027-04-01");
      await end.getByRole("button", { name: "Record the end" }).click();
      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toBe("The place at Hillside Academy ends on 1 Apr 2027.");
      await page.locator("summary", { hasText: "Record a change of SEN status" }).click();
      const sen = page.getByRole("form", { name: "Record a change of SEN status" });
      await sen.getByLabel("EHCP").check();
      await sen.getByLabel("From").fill("2026-11-20");
      await sen.getByRole("button", { name: "Record the change" }).click();
      await expect
        .poll(() => page.locator(".notice--done").textContent())
        .toBe("SEN status EHCP from 20 Nov 2026 recorded.");
      expect(await page.locator("section", { has: page.locator("#sen-heading") }).textContent()).toContain("EHCP");
      expect(await t.database.db.enrolment.findFirstOrThrow({ where: { childId: f.tyler.id } })).toMatchObject({
        toDate: "2027-04-01",
      });
      expect(await t.database.db.child.findUniqueOrThrow({ where: { id: f.tyler.id } })).toMatchObject({
        senStatus: "ehcp",
        senSince: "2026-11-20",
      });
      await page.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "a refusal by the API is said in a sentence, and what was typed stays",
    async () => {
      // Riley moved to Oakfield this month: a suspension from before the move was Hillside's.
      const page = await open(`/tab#/children/${extra.riley.id}`, PEOPLE.dtA);
      await expect.poll(() => heading(page)).toBe("Riley Adams");
      await page.locator("summary", { hasText: "Record a suspension or exclusion" }).click();
      const form = page.getByRole("form", { name: "Record a suspension or exclusion" });
      await form.getByLabel("First day").fill("2026-10-20");
      await form.getByLabel("Or in sessions").fill("3");
      const answer = page.waitForResponse((r) => r.url().endsWith(`/api/children/${extra.riley.id}/exclusions`));
      await form.getByRole("button", { name: "Record it" }).click();
      expect((await answer).status()).toBe(403);
      const summary = page.locator("#exclusion-errors");
      await expect.poll(() => summary.textContent()).toContain("Not saved. You can record a");
      expect(await summary.textContent()).toContain("only for your own school.");
      expect(await form.getByLabel("Or in sessions").inputValue()).toBe("3");
      expect(await t.database.db.exclusion.count({ where: { childId: extra.riley.id } })).toBe(0);
      await page.close();
    },
    BROWSER_TEST_MS,
  );

  it(
    "the VSH's dashboard shows Pupil Premium Plus for the Virtual School and each school",
    async () => {
      const stats = await (await t.call("GET", "/api/stats", { as: PEOPLE.vsh })).json();
      const pp = stats.pupilPremiumPlus;
      const page = await open("/tab#/school", PEOPLE.vsh);
      await expect.poll(() => heading(page)).toBe("School dashboard");
      const section = page.locator("section", { has: page.locator("#pp-plus-heading") });
      await section.waitFor();
      const pounds = (pence: number) =>
        new Intl.NumberFormat("en-GB", {
          style: "currency",
          currency: "GBP",
          maximumFractionDigits: pence % 100 === 0 ? 0 : 2,
        }).format(pence / 100);
      const figure = (label: string) =>
        section
          .locator(".tile", { has: page.locator("dt", { hasText: label }) })
          .locator(".tile__value")
          .textContent();
      // Every fixture child is looked after and 11 on 31 August: each is allocated the year's rate.
      const children = await t.database.db.child.count({ where: { ceasedLookedAfter: null } });
      expect(pp.virtualSchool.allocated).toBe(children * 257_000);
      expect(await figure("Allocated")).toBe(pounds(pp.virtualSchool.allocated));
      expect(await figure("Requested")).toBe(pounds(pp.virtualSchool.requested));
      expect(await figure("Approved")).toBe(pounds(pp.virtualSchool.approved));
      expect(await figure("Remaining")).toBe(pounds(pp.virtualSchool.remaining));
      const rows = section.locator("tbody tr");
      expect(await rows.count()).toBe(pp.schools.length);
      const oakfield = pp.schools.find(
        (s: { school: { name: string } | null }) => s.school?.name === "Oakfield Primary",
      );
      const row = section.locator("tbody tr", { has: page.locator("th", { hasText: "Oakfield Primary" }) });
      expect(await row.locator("td").allTextContents()).toEqual([
        String(oakfield.eligibleChildren),
        pounds(oakfield.allocated),
        pounds(oakfield.requested),
        pounds(oakfield.approved),
        pounds(oakfield.remaining),
      ]);
      await axe(page, "dashboard with PP+");
      await page.close();
    },
    BROWSER_TEST_MS,
  );
});

/**
 * More children: Casey and Morgan (Oakfield, allocated to the education adviser), each with
 * a PEP held and submitted through the API, asking for PP+ against its targets; and Riley,
 * who moved from Hillside to Oakfield this month.
 */
async function addChildren(db: Db, f: Fixture) {
  const child = (localId: string, firstName: string, lastName: string, serial: number) =>
    createTestChild(db, { localId, firstName, lastName, serial });
  const casey = await child("T101", "Casey", "Green", 101);
  const riley = await child("T102", "Riley", "Adams", 102);
  const morgan = await child("T103", "Morgan", "Lee", 103);
  await db.enrolment.createMany({
    data: [
      { childId: casey.id, schoolId: f.schoolA.id, fromDate: "2022-09-01", yearGroup: "6" },
      { childId: riley.id, schoolId: f.schoolB.id, fromDate: "2023-09-01", toDate: "2026-11-01", yearGroup: "6" },
      { childId: riley.id, schoolId: f.schoolA.id, fromDate: "2026-11-02", yearGroup: "6" },
      { childId: morgan.id, schoolId: f.schoolA.id, fromDate: "2022-09-01", yearGroup: "6" },
    ],
  });
  await db.allocation.createMany({
    data: [casey, morgan].map((c) => ({
      childId: c.id,
      professionalId: f.ea1.id,
      role: "education_adviser",
      fromDate: "2024-01-15",
    })),
  });
  const caseyPep = await submittedPep(casey.id, {
    attendees: ["Ms Patel, designated teacher"],
    childViews: "I want to be in the football team.",
    targets: [
      { text: "Reading age up by a year", owner: "Class teacher", byDate: "2027-03-26", ppRequestedPence: 40_000 },
      { text: "Join football club", owner: "Carer", byDate: "2027-01-29", ppRequestedPence: 20_000 },
    ],
  });
  const morganPep = await submittedPep(morgan.id, {
    targets: [
      { text: "Learn times tables to 12", owner: "Class teacher", byDate: "2027-03-26", ppRequestedPence: 15_000 },
    ],
  });
  return { casey, riley, morgan, caseyPep, morganPep };
}

/** A PEP held on 16 November and submitted, recorded through the API by the DT. */
async function submittedPep(childId: number, content: Record<string, unknown>): Promise<number> {
  const res = await t.call("POST", `/api/children/${childId}/peps`, {
    as: PEOPLE.dtA,
    body: { status: "held", meetingDate: "2026-11-16", ...content, submit: true },
  });
  if (res.status !== 201) throw new Error(`the PEP was not saved: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}
