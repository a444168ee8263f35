// Each task run's quality in the report, in a real browser (Debian's chromium through playwright-core):
// a run folder whose status.json files carry quality blocks as grading writes them. The counts show in
// the list and the detail, a click opens the findings, every absent signal shows its reason, the
// quality filter narrows the list, and a finding's text never becomes markup. No Docker needed.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { chromiumPath, launchChromium } from "../helpers/chromium.js";
import { CLEAN, EMPTY, JUDGE_REASON, OLD, PYRIGHT_MESSAGE, RISKY, writeQualityRun } from "../helpers/quality-run.js";

const outDir = resolve(process.env["SWERIG_TEST_OUTPUT"] ?? new URL("../../test-output/", import.meta.url).pathname, "report");
const root = await mkdtemp(join(tmpdir(), "swerig-report-quality-"));
const hasChromium = chromiumPath() !== undefined;
if (!hasChromium && process.env["SWERIG_REQUIRE_DOCKER"])
  throw new Error("SWERIG_REQUIRE_DOCKER is set but chromium is missing: run scripts/setup.sh");
afterAll(() => rm(root, { recursive: true, force: true }));

const PAYLOAD = "<img src=x onerror=console.error('xss')>";
const quiet = { out: () => {}, err: () => {} };

describe.runIf(hasChromium)("the quality of each task run in the report, in a browser", () => {
  it("shows counts in the list and the detail, opens the findings on a click, gives reasons, filters", async () => {
    const runDir = join(root, "quality-run");
    await writeQualityRun(runDir, PAYLOAD);
    const file = join(root, "quality.html");
    expect(await main(["report", runDir, "--tasks", join(root, "none"), "--html", file], quiet)).toBe(0);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector("#rows .row");
      const row = (id: string) => page.locator(`#rows .row:has-text('${id}')`);
      expect(await row(RISKY).locator(".c-findings").textContent()).toBe("1");
      expect(await row(RISKY).locator(".c-security").textContent()).toBe("1");
      expect(await row(EMPTY).locator(".c-findings").textContent()).toBe("–");
      expect(await row(CLEAN).locator(".c-security").textContent()).toBe("0");

      await page.selectOption("#filter-quality", "findings");
      expect(await page.textContent("#row-count")).toBe("1 of 5 task runs");
      expect(await page.locator("#rows .row .c-id").allTextContents()).toEqual([RISKY]);
      await page.selectOption("#filter-quality", "security");
      expect(await page.locator("#rows .row .c-id").allTextContents()).toEqual([RISKY]);
      await page.selectOption("#filter-quality", "");
      expect(await page.textContent("#row-count")).toBe("5 of 5 task runs");
      await page.click('#list-head button[data-sort="security"]');
      await page.click('#list-head button[data-sort="security"]');
      expect(await page.locator("#rows .row .c-id").first().textContent()).toBe(RISKY);

      await row(RISKY).click();
      const quality = page.locator("#detail .quality");
      const value = (label: string) => quality.locator(`table.qual tr:has(th:text-is("${label}")) td`);
      expect(await value("security findings").textContent()).toBe("1: CWE-78 shell-true");
      expect(await value("security findings").getAttribute("class")).toBe("bad");
      expect(await value("pyright").textContent()).toBe("1 introduced");
      expect(await value("complexity added").textContent()).toBe("+3 over 1 function changed");
      expect(await value("test files touched").textContent()).toBe("tests/test_report.py");
      expect(await value("reference patch").textContent()).toBe(
        "1 of 2 files also in it; 50% of changed lines overlap it; not in it: tests/test_report.py",
      );
      expect(await value("agent tests catch the bug").textContent()).toBe(
        "yes (1 of 1 test run fails before the reference fix, passing after)",
      );
      expect(await value("judge: correctness_risk").textContent()).toBe(`2/5: ${JUDGE_REASON}`);
      expect(await value("judged by").textContent()).toBe("openai/judge-model rubric 1");
      // The findings themselves are behind a click.
      const pyright = quality.locator("details.qd:has(summary:text-is('pyright findings (1)'))");
      expect(await pyright.locator("li").isVisible()).toBe(false);
      await pyright.locator("summary").click();
      expect(await pyright.locator("li").isVisible()).toBe(true);
      expect(await pyright.locator("li").textContent()).toBe(`ledger/report.py:9 reportUndefinedVariable: ${PYRIGHT_MESSAGE}${PAYLOAD}`);
      const security = quality.locator("details.qd:has(summary:text-is('security findings (1)'))");
      await security.locator("summary").click();
      expect(await security.locator("li code").textContent()).toBe("ledger/report.py:8");
      expect(await security.locator("pre.snippet").textContent()).toBe("shell=True");
      expect(await page.locator("img").count()).toBe(0);
      await mkdir(outDir, { recursive: true });
      await page.locator("#detail section.block:has(h3:text-is('Quality of the patch'))").screenshot({ path: join(outDir, "quality.png") });

      await row(CLEAN).click();
      expect(await value("tsc").textContent()).toBe("absent: tsc is not installed in the task image");
      expect(await value("agent tests").textContent()).toBe("absent: the patch adds or changes no test file");
      expect(await value("judge").textContent()).toMatch(/^absent: the judge \(openai\/judge-model rubric 1\) failed: /);
      await row(EMPTY).click();
      expect(await value("patch analysis").textContent()).toBe("absent: the patch is empty: nothing to analyse");
      expect(await value("judge").textContent()).toBe("absent: the patch is empty: nothing to judge");
      await row(OLD).click();
      expect(await value("patch analysis").textContent()).toMatch(/^absent: no quality block in status.json \(status resolved\): /);
      expect(await value("judge").textContent()).toBe("absent: not judged (swerig judge)");
      await page.screenshot({ path: join(outDir, "quality-absent.png"), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
