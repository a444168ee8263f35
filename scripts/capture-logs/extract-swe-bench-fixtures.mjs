// Copies the published SWE-bench logs used as parser fixtures into test/fixtures/logs/ and writes,
// next to them, the few dataset fields their tests need (decoded FAIL_TO_PASS / PASS_TO_PASS,
// log_parser, published verdict). Usage: node extract-swe-bench-fixtures.mjs <shared datasets dir>
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const datasets = process.argv[2];
if (!datasets) throw new Error("usage: node extract-swe-bench-fixtures.mjs <datasets dir>");
const out = fileURLToPath(new URL("../../test/fixtures/logs/", import.meta.url));

function readJsonl(file) {
  return readFileSync(join(datasets, file), "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
}
const byId = new Map();
for (const file of ["swe-bench-lite.jsonl", "swe-bench-lite-dev.jsonl"]) {
  for (const row of readJsonl(file)) byId.set(row.instance_id, row);
}
const parserById = new Map(readJsonl("swe-bench-lite.harness-v5.jsonl").map((row) => [row.instance_id, row.log_parser]));
// The dev split has no harness-v5 file; these are the harness's parser names for its repos.
const PARSER_BY_REPO = {
  "sqlfluff/sqlfluff": "parse_log_sqlfluff",
  "pylint-dev/astroid": "parse_log_astroid",
  "marshmallow-code/marshmallow": "parse_log_marshmallow",
};

function instanceFields(id, resolved) {
  const row = byId.get(id);
  if (!row) throw new Error(`${id} is in neither Lite split`);
  return {
    instance_id: id,
    repo: row.repo,
    version: row.version,
    log_parser: parserById.get(id) ?? PARSER_BY_REPO[row.repo],
    published_resolved: resolved,
    FAIL_TO_PASS: JSON.parse(row.FAIL_TO_PASS),
    PASS_TO_PASS: JSON.parse(row.PASS_TO_PASS),
  };
}

// Old-harness (2024) logs with the verdicts published in their README table.
const evalLogs = join(datasets, "samples/eval-logs");
const coderOut = join(out, "swe-bench-coder-2024");
mkdirSync(coderOut, { recursive: true });
const coder = [];
const coderRow = /^\| `(([^`]+?)\.20240604_CodeR\.eval\.log)` \| (resolved|not resolved) \|$/gm;
for (const match of readFileSync(join(evalLogs, "README.md"), "utf8").matchAll(coderRow)) {
  // ".txt" appended: the repository ignores *.log files.
  copyFileSync(join(evalLogs, match[1]), join(coderOut, `${match[1]}.txt`));
  coder.push({ log: `${match[1]}.txt`, ...instanceFields(match[2], match[3] === "resolved") });
}
writeFileSync(join(coderOut, "instances.json"), `${JSON.stringify(coder, null, 2)}\n`);

// Harness v4 logs with their official report.json.
const runDir = join(
  datasets,
  "samples/predictions__mini-swe-agent_deepseek-chat_lite-dev",
  "logs/run_evaluation/deepseek_bench_eval/deepseek__deepseek-chat",
);
const devOut = join(out, "swe-bench-lite-dev");
const dev = [];
for (const id of readdirSync(runDir).sort()) {
  if (!readdirSync(join(runDir, id)).includes("test_output.txt")) continue;
  mkdirSync(join(devOut, id), { recursive: true });
  for (const file of ["test_output.txt", "report.json"]) copyFileSync(join(runDir, id, file), join(devOut, id, file));
  const report = JSON.parse(readFileSync(join(runDir, id, "report.json"), "utf8"))[id];
  dev.push(instanceFields(id, report.resolved));
}
writeFileSync(join(devOut, "instances.json"), `${JSON.stringify(dev, null, 2)}\n`);
console.log(`${coder.length} old-harness logs, ${dev.length} harness v4 logs`);
