// JSON Schemas of the files people write or read by hand, generated from the zod schemas the code
// validates them with, so the two cannot drift: task.json, scripted-agent plans, predictions, one line
// of a trace, the flaky-test record and a judge label. `npm run schemas` writes them to schemas/; the package ships
// that folder and a unit test fails when a committed file differs from what the code generates.
import { z } from "zod";
import { PredictionSchema } from "../grader/predictions.js";
import { LabelSchema } from "../report/calibration.js";
import { FlakeRecordSchema } from "../report/flake-record.js";
import { TaskFileSchema } from "../tasks/task-file.js";
import { ToolCallSchema, TraceEventSchema } from "../trace/events.js";

const BASE_URL = "https://unpkg.com/swerig/schemas/";

function document(file: string, title: string, description: string, schema: z.ZodType, io: "input" | "output"): object {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return { ...generated, $id: `${BASE_URL}${file}`, title, description };
}

/** File name in schemas/ → its JSON Schema. */
export function jsonSchemas(): Record<string, object> {
  const predictionsFile = z.union([z.array(PredictionSchema), z.record(z.string(), PredictionSchema)]);
  return {
    "task.schema.json": document(
      "task.schema.json",
      "swerig task.json",
      "A task of a swe-tasks folder: swe-tasks/<id>/task.json beside issue.md, gold.patch, test.patch and repo/ or a git bundle.",
      TaskFileSchema,
      "input",
    ),
    "plan.schema.json": document(
      "plan.schema.json",
      "swerig scripted-agent plan",
      "The tool calls `swerig run --agent scripted --plan FILE` makes, in order.",
      z.array(ToolCallSchema),
      "input",
    ),
    "predictions.schema.json": document(
      "predictions.schema.json",
      "SWE-bench predictions",
      "A JSON list of predictions or an object keyed by instance id (one record per line in JSONL files).",
      predictionsFile,
      "input",
    ),
    "flaky-tests.schema.json": document(
      "flaky-tests.schema.json",
      "swerig flaky-test record",
      "traces/flaky-tests.json: per task set, instance and test, how often reruns of the eval (--reruns) re-examined it and saw it flip.",
      FlakeRecordSchema,
      "output",
    ),
    "judge-label.schema.json": document(
      "judge-label.schema.json",
      "swerig judge label",
      "One line of the JSONL file `swerig judge calibrate --labels` reads: a person's 1-5 score of one instance's diff on one criterion.",
      LabelSchema,
      "input",
    ),
    "trace-event.schema.json": document(
      "trace-event.schema.json",
      "swerig trace event",
      "One line of a trace.jsonl file.",
      TraceEventSchema,
      "output",
    ),
  };
}
