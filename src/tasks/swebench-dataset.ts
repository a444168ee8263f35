// Reads SWE-bench instance files (JSON list or JSONL) in the HuggingFace field encodings:
// FAIL_TO_PASS/PASS_TO_PASS as JSON-encoded strings or arrays. Harness-v5 rows carry their image,
// eval script and log parser; plain rows take them from a sibling `<name>.harness-v5.jsonl` when
// there is one. A malformed line is reported with its number and the rest still load.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { z } from "zod";
import { touchedPaths } from "../core/index.js";
import { djangoTestLabel, START_TEST_OUTPUT, testDirectives } from "./eval-script.js";
import { describeIssues, type LoadProblem } from "../core/load-problem.js";
import { EVAL_TYPES, type Task } from "./task.js";

/** A list of test ids, as an array or as the JSON-encoded string the HuggingFace datasets hold. */
const TestList = z.unknown().transform((value, ctx): string[] => {
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      list = undefined;
    }
  }
  if (Array.isArray(list) && list.every((x) => typeof x === "string")) return list as string[];
  ctx.addIssue({ code: "custom", message: "expected a JSON-encoded list of test ids (or an array of strings)" });
  return z.NEVER;
});

export const SwebenchRowSchema = z.object({
  instance_id: z.string().min(1),
  repo: z.string().min(1),
  base_commit: z.string().min(1),
  patch: z.string(),
  test_patch: z.string(),
  problem_statement: z.string(),
  hints_text: z.string().optional().default(""),
  created_at: z.string().optional(),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  FAIL_TO_PASS: TestList,
  PASS_TO_PASS: TestList,
  environment_setup_commit: z.string().optional(),
  difficulty: z.string().optional(),
  image: z.string().optional(),
  log_parser: z.string().optional(),
  eval_type: z.enum(EVAL_TYPES).optional(),
  eval_script: z.string().optional(),
});
export type SwebenchRow = z.infer<typeof SwebenchRowSchema>;

export const SWEBENCH_TIMEOUT_SEC = 1800;

/** The published instance image: `swebench/sweb.eval.x86_64.<id lower-cased, "__" as "_1776_">:latest`. */
export function officialImageName(instanceId: string): string {
  return `swebench/sweb.eval.x86_64.${instanceId.toLowerCase().replace(/__/g, "_1776_")}:latest`;
}

const PARSER_BY_REPO: Record<string, string> = {
  "astropy/astropy": "parse_log_astropy",
  "django/django": "parse_log_django",
  "matplotlib/matplotlib": "parse_log_matplotlib",
  "mwaskom/seaborn": "parse_log_seaborn",
  "pallets/flask": "parse_log_flask",
  "psf/requests": "parse_log_requests",
  "pydata/xarray": "parse_log_xarray",
  "pylint-dev/pylint": "parse_log_pylint",
  "pydicom/pydicom": "parse_log_pytest_options",
  "scikit-learn/scikit-learn": "parse_log_scikit",
  "sphinx-doc/sphinx": "parse_log_sphinx",
  "sympy/sympy": "parse_log_sympy",
};

/** Parses a JSON list or JSONL text into raw rows, with problems for lines that are not JSON objects. */
export function parseRecords(text: string, file: string): { rows: { value: unknown; line: number }[]; problems: LoadProblem[] } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("[")) {
    let list: unknown;
    try {
      list = JSON.parse(text);
    } catch (error) {
      return { rows: [], problems: [{ where: file, message: `not valid JSON: ${(error as Error).message}` }] };
    }
    const rows = (list as unknown[]).map((value, i) => ({ value, line: i + 1 }));
    return { rows, problems: [] };
  }
  const rows: { value: unknown; line: number }[] = [];
  const problems: LoadProblem[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    try {
      rows.push({ value: JSON.parse(raw), line: i + 1 });
    } catch (error) {
      problems.push({ where: `${file}:${i + 1}`, message: `malformed JSON line: ${(error as Error).message}` });
    }
  });
  return { rows, problems };
}

function rowToTask(row: SwebenchRow, file: string, line: number): Task {
  return {
    id: row.instance_id,
    repo: row.repo,
    language: "python",
    baseCommit: row.base_commit,
    problemStatement: row.problem_statement,
    hintsText: row.hints_text,
    goldPatch: row.patch,
    testPatch: row.test_patch,
    failToPass: row.FAIL_TO_PASS,
    passToPass: row.PASS_TO_PASS,
    workdir: "/testbed",
    image: { kind: "swebench", name: row.image ?? officialImageName(row.instance_id) },
    evalScript: row.eval_script ?? "",
    logParser: row.log_parser ?? PARSER_BY_REPO[row.repo] ?? "parse_log_pytest",
    ...(row.eval_type !== undefined ? { evalType: row.eval_type } : {}),
    testCommand: row.eval_script ? testCommandOf(row.eval_script, row.test_patch) : "",
    timeoutSec: SWEBENCH_TIMEOUT_SEC,
    ...(row.version !== undefined ? { version: row.version } : {}),
    ...(row.created_at !== undefined ? { createdAt: row.created_at } : {}),
    ...(row.difficulty !== undefined ? { difficulty: row.difficulty } : {}),
    tags: [],
    goldFiles: touchedPaths(row.patch),
    origin: { kind: "dataset", file, line },
  };
}

/** The eval script's test command without the test files the harness appended to it. */
export function testCommandOf(evalScript: string, testPatch: string): string {
  const lines = evalScript.split("\n");
  const start = lines.indexOf(`: '${START_TEST_OUTPUT}'`);
  const line = start >= 0 ? (lines[start + 1] ?? "") : "";
  const directives = new Set(testDirectives(testPatch));
  const djangoLabels = new Set([...directives].map(djangoTestLabel));
  const words = line.split(" ");
  while (words.length > 1 && (directives.has(words.at(-1)!) || djangoLabels.has(words.at(-1)!))) words.pop();
  return words.join(" ");
}

/**
 * Files that hold a task source's hidden parts (tests, reference patches, eval scripts): the folder or
 * file itself and, for a dataset file, its harness-v5 sibling. An agent's sandbox hides them.
 */
export function taskSourceFiles(path: string): string[] {
  const file = resolve(path);
  const sibling = /\.jsonl?$/.test(file) ? harnessSibling(file) : undefined;
  return sibling ? [file, sibling] : [file];
}

function harnessSibling(file: string): string | undefined {
  const stem = basename(file).replace(/\.jsonl?$/, "");
  if (stem.endsWith(".harness-v5")) return undefined;
  const candidate = join(dirname(file), `${stem}.harness-v5.jsonl`);
  return existsSync(candidate) ? candidate : undefined;
}

/** Loads a SWE-bench dataset file; duplicate ids keep the first row and report the others. */
export async function loadSwebenchDataset(path: string): Promise<{ tasks: Task[]; problems: LoadProblem[] }> {
  const file = resolve(path);
  const { rows, problems } = parseRecords(await readFile(file, "utf8"), path);
  const tasks: Task[] = [];
  const seen = new Map<string, number>();
  for (const { value, line } of rows) {
    const parsed = SwebenchRowSchema.safeParse(value);
    const id = typeof value === "object" && value !== null ? (value as { instance_id?: unknown }).instance_id : undefined;
    if (!parsed.success) {
      problems.push({
        where: `${path}:${line}`,
        message: describeIssues(parsed.error.issues),
        ...(typeof id === "string" ? { instanceId: id } : {}),
      });
      continue;
    }
    const first = seen.get(parsed.data.instance_id);
    if (first !== undefined) {
      problems.push({
        where: `${path}:${line}`,
        instanceId: parsed.data.instance_id,
        message: `duplicate instance (first at line ${first}); this row is ignored`,
      });
      continue;
    }
    seen.set(parsed.data.instance_id, line);
    tasks.push(rowToTask(parsed.data, file, line));
  }
  const sibling = tasks.some((t) => t.evalScript === "") ? harnessSibling(file) : undefined;
  if (sibling) {
    const harness = await loadSwebenchDataset(sibling);
    const byId = new Map(harness.tasks.map((t) => [t.id, t]));
    for (const task of tasks) {
      const h = byId.get(task.id);
      if (task.evalScript === "" && h) {
        task.evalScript = h.evalScript;
        task.image = h.image;
        task.logParser = h.logParser;
        if (h.evalType !== undefined) task.evalType = h.evalType;
        task.testCommand = h.testCommand;
      }
    }
  }
  return { tasks, problems };
}
