// The report in a real browser (Debian's chromium through playwright-core), opened from disk: a real
// run of the gold agent on two bundled tasks, and a synthetic 500 x 5 run for the virtualised list.
// Filters, sorts, opens a trajectory; no console errors, no network requests; screenshots are saved
// under test-output/report/ (or $SWERIG_TEST_OUTPUT) for a person to look at.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { recordFlakes } from "../../src/runner/flake-record-store.js";
import { chromiumPath, launchChromium } from "../helpers/chromium.js";
import { dockerAvailable } from "../helpers/docker.js";
import { writeHandRun } from "../helpers/run-folder.js";
import { writeSyntheticRun } from "../helpers/synthetic-run.js";

const TASKS = ["py-kvconf-zero-padded-ints", "go-tabula-where-in-list"];
const tasksDir = new URL("../../swe-tasks/", import.meta.url).pathname;
const outDir = resolve(process.env["SWERIG_TEST_OUTPUT"] ?? new URL("../../test-output/", import.meta.url).pathname, "report");
const root = await mkdtemp(join(tmpdir(), "swerig-report-"));
const hasChromium = chromiumPath() !== undefined;
if (!hasChromium && process.env["SWERIG_REQUIRE_DOCKER"])
  throw new Error("SWERIG_REQUIRE_DOCKER is set but chromium is missing: run scripts/setup.sh");
afterAll(() => rm(root, { recursive: true, force: true }));

const quiet = { out: () => {}, err: () => {} };

/** Opens a page from disk, recording console errors, page errors and every request that is not file:. */
async function open(browser: Browser, file: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("request", (r) => void (r.url().startsWith("file:") || requests.push(r.url())));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector("#rows .row");
  return { page, errors, requests };
}

async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, name);
  await page.screenshot({ path, fullPage });
  console.log(`report screenshot: ${path}`);
}

describe.runIf(dockerAvailable && hasChromium)("swerig report in a browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("shows a real gold run: filter, sort, open a trajectory with its diff, tests and log", async () => {
    const code = await main(
      [
        "run",
        "--agent",
        "gold",
        "--run-id",
        "browser-gold",
        "--tasks",
        tasksDir,
        "--instances",
        TASKS.join(","),
        "--traces-dir",
        root,
        "--workers",
        "2",
      ],
      quiet,
    );
    expect(code).toBe(0);
    const file = join(root, "gold.html");
    expect(await main(["report", "browser-gold", "--traces-dir", root, "--tasks", tasksDir, "--html", file], quiet)).toBe(0);
    const { page, errors, requests } = await open(browser, file);
    expect(await page.textContent(".headline")).toContain("2/2 resolved");
    expect(await page.textContent("#row-count")).toBe("2 of 2 task runs");
    await page.fill("#filter-text", "tabula");
    expect(await page.textContent("#row-count")).toBe("1 of 2 task runs");
    await page.fill("#filter-text", "");
    await page.click('#list-head button[data-sort="id"]');
    expect(await page.locator("#rows .row .c-id").allTextContents()).toEqual([...TASKS].sort().reverse());
    await page.click("#rows .row:has-text('py-kvconf')");
    const detail = page.locator("#detail");
    await detail.waitFor();
    expect(await detail.locator("h2").textContent()).toContain("py-kvconf-zero-padded-ints");
    expect(await detail.textContent()).toContain("zero");
    expect(await detail.locator(".ev-call").count()).toBeGreaterThan(0);
    expect(await detail.locator(".ev-call .meta b").first().textContent()).toMatch(/^call (edit_file|write_file)/);
    expect(await detail.locator(".side").nth(1).locator(".dl.add").count()).toBeGreaterThan(0);
    expect(await detail.locator(".side").nth(0).locator(".dl.add").count()).toBeGreaterThan(0);
    expect(await detail.locator(".test.pass").count()).toBeGreaterThan(0);
    expect(await detail.locator(".test.fail").count()).toBe(0);
    // The quality block grading wrote for the reference patch: all its lines in the reference, nothing introduced.
    const quality = (label: string) => detail.locator(`table.qual tr:has(th:text-is("${label}")) td`).textContent();
    expect(await quality("reference patch")).toMatch(/^(\d+) of \1 files? also in it; 100% of changed lines overlap it$/);
    expect(await quality("security findings")).toBe("none introduced");
    expect(await quality("agent tests")).toBe("absent: the patch adds or changes no test file");
    expect(page.url()).toMatch(/#py-kvconf-zero-padded-ints\/0$/);
    await page.goto(page.url());
    await page.reload();
    expect(await page.locator("#detail h2").textContent()).toContain("py-kvconf-zero-padded-ints");
    await screenshot(page, "gold-run-detail.png", false);
    await screenshot(page, "gold-run.png");
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 1_800_000);

  it("keeps a 500 x 5 run fast: only visible rows in the DOM, filters, sorts and opens a run", async () => {
    const runDir = join(root, "synthetic");
    await writeSyntheticRun(runDir, {
      runId: "synthetic",
      tasks: 500,
      samples: 5,
      running: 2,
      payload: "<img src=x onerror=console.error('xss')>",
    });
    const file = join(root, "synthetic.html");
    expect(await main(["report", runDir, "--tasks", join(root, "none"), "--html", file], quiet)).toBe(0);
    const { page, errors, requests } = await open(browser, file);
    expect(await page.textContent("#row-count")).toBe("2500 of 2500 task runs");
    expect(await page.locator("#rows .row").count()).toBeLessThan(60);
    await page.locator("#viewport").evaluate((el) => (el.scrollTop = 26 * 1200));
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>("#rows .row")].some((r) => r.style.top === `${26 * 1200}px`),
    );
    expect(await page.locator("#rows .row").count()).toBeLessThan(60);
    await page.selectOption("#filter-status", "running");
    expect(await page.textContent("#row-count")).toBe("2 of 2500 task runs");
    await page.selectOption("#filter-status", "");
    await page.fill("#filter-text", "django");
    const django = Number((await page.textContent("#row-count"))!.split(" ")[0]);
    expect(django).toBeGreaterThan(300);
    expect(django).toBeLessThan(500);
    await page.click('#list-head button[data-sort="costUsd"]');
    await page.click('#list-head button[data-sort="costUsd"]');
    const costs = (await page.locator("#rows .row .c-costUsd").allTextContents()).map(Number);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    await page.locator("#rows .row").first().click();
    const detail = page.locator("#detail");
    expect(await detail.locator(".ev-result pre").first().textContent()).toContain("<img src=x onerror=console.error('xss')>");
    expect(await page.locator("img").count()).toBe(0);
    expect(await detail.locator(".ev-model .cost").first().textContent()).toMatch(/out tokens, \$\d\.\d{4} \(total \$\d\.\d{4}\), 800 ms/);
    await screenshot(page, "synthetic-500x5.png");
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    // Markup that slipped into the page could not run: only the page's own script has the CSP's hash.
    const tampered = join(root, "tampered.html");
    const html = await readFile(file, "utf8");
    const injected = `<script>window.tampered = 1</script><img src=x onerror="window.tampered = 2">`;
    await writeFile(tampered, html.replace("</body>", `${injected}</body>`));
    const second = await open(browser, tampered);
    expect(await second.page.evaluate(() => (window as { tampered?: number }).tampered)).toBeUndefined();
    expect(await second.page.textContent("#row-count")).toBe("2500 of 2500 task runs");
  }, 600_000);

  it("marks a flaky run: the flaky section, the cutoff headline and the runs of its eval in the detail", async () => {
    const runDir = join(root, "traces-flaky", "flaky");
    const [early, late] = ["kvconf-quoted-values", "ts-tickr-timeout-duration"];
    await writeHandRun(runDir, [
      { id: early, status: "resolved" },
      { id: late, status: "unresolved", flaky: true },
    ]);
    const flip = { test: "tests/t.py::test_x", list: "PASS_TO_PASS" as const, statuses: ["FAILED" as const, "PASSED" as const] };
    const runs = [1, 2].map((attempt) => ({
      ...{ attempt, status: attempt === 1 ? ("unresolved" as const) : ("resolved" as const), failing: attempt === 1 ? [flip.test] : [] },
      ...{ testExitCode: 2 - attempt, totalMs: 1, artifacts: attempt === 1 ? "." : "rerun-1" },
    }));
    const evalRuns = { verdictFrom: "first" as const, runs, compared: [1, 2], flipped: [flip] };
    await writeFile(join(runDir, late, "status.json"), JSON.stringify({ instanceId: late, status: "unresolved", flaky: true, evalRuns }));
    const outcome = { instanceId: late, model: "m", status: "unresolved" as const, evalRuns, timings: { totalMs: 1 } };
    await recordFlakes({ path: join(root, "traces-flaky", "flaky-tests.json"), taskSet: "s", runId: "earlier" }, outcome);
    const file = join(root, "flaky.html");
    expect(await main(["report", runDir, "--tasks", tasksDir, "--cutoff", "2025-01-01", "--html", file], quiet)).toBe(0);
    const { page, errors, requests } = await open(browser, file);
    expect(await page.textContent(".cutoff")).toMatch(/^cutoff 2025-01-01: created before: 1\/1 resolved .* at or after: 0\/1 resolved/);
    expect(await page.textContent("#flaky")).toContain(`${late} (unresolved)`);
    expect(await page.locator("#flaky .flaky-tests td").allTextContents()).toEqual([
      late,
      flip.test,
      "1/1",
      "1/2",
      "earlier",
      "FAILED, PASSED",
    ]);
    await page.click(`#rows .row:has-text('${late}')`);
    expect(await page.locator("#rows .row.flaky").count()).toBe(1);
    const detail = page.locator("#detail");
    expect(await detail.textContent()).toContain("Runs of the eval (flaky; the verdict is run 1's)");
    expect(await detail.locator(".test").allTextContents()).toEqual(
      expect.arrayContaining([`run 1: unresolved: failed ${flip.test}`, "run 2: resolved", `flipped ${flip.test} (FAILED, PASSED)`]),
    );
    await screenshot(page, "flaky-run.png");
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 120_000);
});
