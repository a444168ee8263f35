// swerig export otel: a run's traces as OpenTelemetry spans in one OTLP/JSON file (one trace per task
// run), for the tracing tools teams already use (an OTLP/HTTP collector takes the file as a request body).
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { otlpDocument, SEMCONV_VERSION, traceSpans, type OtlpSpan } from "../report/otel/otlp-trace.js";
import { swerigVersion } from "../runner/manifest.js";
import { readTrace } from "../trace/reader.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";
import { openRun } from "./report-inputs.js";

export const exportOtelSpec: CommandSpec<"RUN"> = {
  name: "export otel",
  summary: `Write a run's traces as OpenTelemetry spans (OTLP/JSON, gen_ai semantic conventions ${SEMCONV_VERSION}).`,
  positionals: [{ name: "RUN", description: "a run id under --traces-dir, or a run folder" }],
  options: {
    out: { type: "string", arg: "FILE", description: "where to write the spans (default: <run folder>/otel-traces.json)" },
    "traces-dir": SHARED_OPTIONS["traces-dir"],
  },
};

const ExportOtelOptions = z.object({ out: value.text.optional(), "traces-dir": value.text });

export async function exportOtel(argv: string[], io: CliIo): Promise<number> {
  const { options, args } = parseOptions(exportOtelSpec, argv, ExportOtelOptions);
  const folder = await openRun(args.RUN, options["traces-dir"]);
  const spans: OtlpSpan[] = [];
  let traces = 0;
  for (const run of folder.runs) {
    const trace = await readTrace(join(run.dir, "trace.jsonl")).catch(() => undefined);
    if (!trace) continue;
    for (const p of trace.problems) io.err(`warning: ${p.where}: ${p.message}`);
    const found = traceSpans(trace.events);
    if (found.length > 0) traces++;
    spans.push(...found);
  }
  const out = resolve(options.out ?? join(folder.runDir, "otel-traces.json"));
  await writeFile(out, `${JSON.stringify(otlpDocument(spans, swerigVersion()))}\n`);
  io.out(`otel: ${out} (${traces} traces, ${spans.length} spans, from ${folder.runs.length} task runs)`);
  return 0;
}
