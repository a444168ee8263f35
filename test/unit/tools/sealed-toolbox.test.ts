// The tool box as the only way to change the repository: calls after submit are refused and change
// nothing, and with the workspace guard a change that no recorded call made is found and recorded.
import { appendFile, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import { RecordingToolBox } from "../../../src/tools/toolbox.js";
import type { TraceEvent } from "../../../src/trace/events.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";
import { makeToolContext } from "../../helpers/tool-context.js";

let ctx: Awaited<ReturnType<typeof makeToolContext>>;
let events: TraceEvent[];
let n = 0;

function makeBox(guardWorkspace: boolean): {
  box: RecordingToolBox;
  call: (name: string, args: unknown) => ReturnType<RecordingToolBox["call"]>;
} {
  const trace = new TraceRecorder(undefined, { runId: "r", taskId: "t", sample: 0 });
  const record = trace.record.bind(trace);
  trace.record = ((type, data) => {
    const event = record(type, data);
    events.push(event);
    return event;
  }) as typeof trace.record;
  const box = new RecordingToolBox(BUILTIN_TOOLS, ctx, trace, { guardWorkspace });
  return { box, call: (name, args) => box.call({ id: `c${++n}`, name, arguments: args }, n) };
}

beforeEach(async () => {
  events = [];
  n = 0;
  ctx = await makeToolContext({ "pkg/app.py": "X = 1\n", "pkg/util.py": "Y = 2\n", "docs/a note.md": "note\n" });
});
afterEach(async () => {
  await ctx.env.dispose();
  await rm(ctx.root, { recursive: true, force: true });
});

describe("after submit", () => {
  it("refuses every further call, records it, and leaves the submitted patch as it was", async () => {
    const { call } = makeBox(false);
    await call("write_file", { path: "pkg/app.py", content: "X = 2\n" });
    expect((await call("submit", {})).isError).toBe(false);
    const late = await call("write_file", { path: "pkg/app.py", content: "X = 3\n" });
    expect(late).toMatchObject({ isError: true, output: expect.stringContaining("submitted at step 2") });
    expect(await readFile(join(ctx.root, "pkg/app.py"), "utf8")).toBe("X = 2\n");
    expect((await call("shell", { command: "echo late > pkg/util.py" })).isError).toBe(true);
    expect(await readFile(join(ctx.root, "pkg/util.py"), "utf8")).toBe("Y = 2\n");
    const results = events.filter((e) => e.type === "tool_result").map((e) => (e.data as { isError: boolean }).isError);
    expect(results).toEqual([false, false, true, true]);
  });
});

describe("the workspace guard", () => {
  it("finds nothing when every change is a recorded call, shell calls included", async () => {
    const { box, call } = makeBox(true);
    await box.checkWorkspace();
    await call("edit_file", { path: "pkg/app.py", command: "replace", old_text: "X = 1", new_text: "X = 10" });
    await call("shell", { command: "echo 'Z = 3' > pkg/new.py && rm pkg/util.py" });
    await call("write_file", { path: "docs/a note.md", content: "changed\n" });
    await call("submit", {});
    await box.checkWorkspace();
    expect(box.unrecordedChanges()).toEqual([]);
    expect(events.some((e) => e.type === "unrecorded_change")).toBe(false);
  });

  it("finds a file written behind its back, a second write to a changed file, and a change after the last call", async () => {
    const { box, call } = makeBox(true);
    await box.checkWorkspace();
    await writeFile(join(ctx.root, "pkg/util.py"), "Y = 99\n");
    await call("read_file", { path: "pkg/app.py" });
    await call("write_file", { path: "pkg/app.py", content: "X = 2\n" });
    await appendFile(join(ctx.root, "pkg/app.py"), "# and more\n");
    await call("read_file", { path: "pkg/app.py" });
    await writeFile(join(ctx.root, "docs/a note.md"), "after\n");
    await box.checkWorkspace();
    expect(box.unrecordedChanges()).toEqual([
      { beforeStep: 1, paths: ["pkg/util.py"] },
      { beforeStep: 3, paths: ["pkg/app.py"] },
      { beforeStep: null, paths: ["docs/a note.md"] },
    ]);
    const recorded = events.filter((e) => e.type === "unrecorded_change").map((e) => e.data);
    expect(recorded).toEqual(box.unrecordedChanges());
  });

  it("finds new, deleted, renamed and committed changes", async () => {
    const { box, call } = makeBox(true);
    await box.checkWorkspace();
    await writeFile(join(ctx.root, "pkg/extra.py"), "E = 1\n");
    await call("read_file", { path: "pkg/app.py" });
    await rename(join(ctx.root, "pkg/util.py"), join(ctx.root, "pkg/moved.py"));
    await call("read_file", { path: "pkg/app.py" });
    const git = simpleGit(ctx.root);
    await git.add(["-A"]);
    await git.commit("behind its back");
    await box.checkWorkspace();
    const [created, moved, committed] = box.unrecordedChanges();
    expect(created).toEqual({ beforeStep: 1, paths: ["pkg/extra.py"] });
    expect(moved).toEqual({ beforeStep: 2, paths: ["pkg/moved.py", "pkg/util.py"] });
    expect(committed?.beforeStep).toBeNull();
    expect(committed?.paths.some((p) => p.startsWith("(commit "))).toBe(true);
  });

  it("costs nothing when it is off", async () => {
    const { box, call } = makeBox(false);
    await box.checkWorkspace();
    await writeFile(join(ctx.root, "pkg/util.py"), "Y = 99\n");
    await call("read_file", { path: "pkg/app.py" });
    await box.checkWorkspace();
    expect(box.unrecordedChanges()).toEqual([]);
  });
});
