// swerig judge calibrate: the judge's scores of a run against human labels (JSONL of instance,
// criterion, score): quadratic-weighted kappa, Spearman's rho and a confusion matrix per criterion.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { describeIssues, SwerigError } from "../core/index.js";
import { calibrate, parseLabels, renderCalibration } from "../report/calibration.js";
import { JudgedInstanceSchema } from "../report/judge-rubric.js";
import { JUDGE_FILE } from "../runner/judge-run.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";
import { openRun } from "./report-inputs.js";

export const judgeCalibrateSpec: CommandSpec<"RUN"> = {
  name: "judge calibrate",
  summary: "Agreement of a run's judge scores with human labels (QWK, Spearman's rho, confusion matrix).",
  positionals: [{ name: "RUN", description: "a judged run: a run id under --traces-dir, or a run folder" }],
  options: {
    labels: { type: "string", arg: "FILE", description: "human labels, JSONL: one {instance, criterion, score} per line" },
    "traces-dir": SHARED_OPTIONS["traces-dir"],
    json: { type: "boolean", description: "print the agreement as JSON" },
  },
  required: ["labels"],
};

const JudgeCalibrateOptions = z.object({ labels: value.text, "traces-dir": value.text, json: value.flag });

const JudgeFileView = z.object({ instances: z.array(JudgedInstanceSchema) }).loose();

export async function judgeCalibrate(argv: string[], io: CliIo): Promise<number> {
  const { options, args } = parseOptions(judgeCalibrateSpec, argv, JudgeCalibrateOptions);
  const labels = parseLabels(await readFile(options.labels, "utf8"), options.labels);
  const folder = await openRun(args.RUN, options["traces-dir"]);
  const path = join(folder.runDir, JUDGE_FILE);
  const text = await readFile(path, "utf8").catch(() => {
    throw new SwerigError("invalid_input", `${path}: the run has not been judged (swerig judge ${folder.runId} --agent ... --model ...)`);
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SwerigError("invalid_input", `${path}: not JSON`);
  }
  const parsed = JudgeFileView.safeParse(value);
  if (!parsed.success) throw new SwerigError("invalid_input", `${path}: not a judge.json (${describeIssues(parsed.error.issues)})`);
  const result = calibrate(labels, parsed.data.instances);
  io.out(options.json ? JSON.stringify(result, null, 2) : renderCalibration(result).trimEnd());
  return 0;
}
