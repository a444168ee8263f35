// swerig images build: build (or find) every image the tasks need, printing one line per image.
import { z } from "zod";
import { errorMessage, SwerigError } from "../core/index.js";
import { PRESETS, presetImage } from "../agents/presets/index.js";
import { agentRunnerImage, ensureImages, type EnsureImagesOptions, type ImageStatus } from "../envs/images/index.js";
import { loadTasks } from "../tasks/index.js";
import { table } from "../report/render-table.js";
import { parseOptions, value, type CommandSpec } from "./args.js";
import { reportProblems, type CliIo } from "./output.js";

export const imagesBuildSpec: CommandSpec = {
  name: "images build",
  summary: "Build the base, language and task images the tasks need (cached by recipe hash); check official SWE-bench images.",
  options: {
    tasks: { type: "string", arg: "DIR|FILE", description: "swe-tasks directory or SWE-bench dataset file", default: "swe-tasks" },
    instances: { type: "string", arg: "ID,ID", description: "only the images of these instances" },
    force: { type: "boolean", description: "rebuild swerig's own images even when present" },
    "agent-runner": { type: "boolean", description: "also the image command agents run in (`run --agent command`, sealed)" },
    presets: {
      type: "string",
      arg: "NAME,NAME|all",
      description: `also the images of these agent presets (${Object.keys(PRESETS).join(", ")}), or all`,
    },
    json: { type: "boolean", description: "print JSON" },
  },
};

function presetsNamed(names: string[] | undefined) {
  if (!names) return [];
  if (names.includes("all")) return Object.values(PRESETS);
  return names.map((name) => {
    const preset = PRESETS[name];
    if (!preset)
      throw new SwerigError("invalid_input", `--presets: no preset ${JSON.stringify(name)}; presets: ${Object.keys(PRESETS).join(", ")}`);
    return preset;
  });
}

const ImagesBuildOptions = z.object({
  tasks: value.text,
  instances: value.list.optional(),
  presets: value.list.optional(),
  force: value.flag,
  "agent-runner": value.flag,
  json: value.flag,
});

export async function imagesBuild(argv: string[], io: CliIo): Promise<number> {
  const { options: given } = parseOptions(imagesBuildSpec, argv, ImagesBuildOptions);
  const presets = presetsNamed(given.presets);
  const { tasks, problems } = await loadTasks(given.tasks, given.instances);
  reportProblems(io, problems);
  const started = performance.now();
  const options: EnsureImagesOptions = {
    force: given.force,
    onProgress: (e) => {
      if (e.type === "start") io.err(`${e.action === "build" ? "building" : "pulling"} ${e.image} ...`);
      if (e.type === "done") io.err(`${e.result.status.padEnd(7)} ${e.result.image} (${e.result.seconds.toFixed(1)}s)`);
    },
  };
  const results = await ensureImages(tasks, options);
  const extra: [string, (o: EnsureImagesOptions) => Promise<string>][] = [];
  if (given["agent-runner"]) extra.push(["agent runner", agentRunnerImage]);
  for (const preset of presets) extra.push([`preset ${preset.name}`, (o) => presetImage(preset, o)]);
  for (const [what, ensure] of extra) {
    let done: ImageStatus | undefined;
    const failure = await ensure({
      ...options,
      onProgress: (e) => {
        if (e.type === "done") done = e.result;
        else options.onProgress?.(e);
      },
    }).then(
      () => undefined,
      (error: unknown) => errorMessage(error),
    );
    results.push(done ?? { image: what, status: "failed", reason: failure ?? "not built", seconds: 0 });
  }
  if (given.json) io.out(JSON.stringify(results, null, 2));
  else {
    io.out(
      table(
        ["image", "status", "secs", "reason"],
        results.map((r) => [r.image, r.status, r.seconds.toFixed(1), r.reason ?? ""]),
      ),
    );
    io.out(`\n${results.length} images in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  }
  return results.some((r) => r.status === "failed") ? 1 : 0;
}
