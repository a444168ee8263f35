// The file tools and the tool box on a real working copy: what they return, and how they tell the
// model about its mistakes.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RecordingToolBox } from "../../../src/tools/toolbox.js";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";
import { makeToolContext } from "../../helpers/tool-context.js";

let ctx: Awaited<ReturnType<typeof makeToolContext>>;
let box: RecordingToolBox;
let trace: TraceRecorder;
let n = 0;
const call = (name: string, args: unknown) => box.call({ id: `c${++n}`, name, arguments: args }, n);

beforeEach(async () => {
  ctx = await makeToolContext({
    "pkg/app.py": "def main():\n    print('hi')\n    return 0\n\n\ndef helper():\n    return 0\n",
    "pkg/util.py": "X = 1\n",
    "README.md": `${Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join("\n")}\n`,
  });
  trace = new TraceRecorder(undefined, { runId: "r", taskId: "t", sample: 0 });
  box = new RecordingToolBox(BUILTIN_TOOLS, ctx, trace);
});
afterEach(async () => {
  await ctx.env.dispose();
  await rm(ctx.root, { recursive: true, force: true });
});

describe("read_file", () => {
  it("numbers lines, reads ranges and says how to read on", async () => {
    const r = await call("read_file", { path: "pkg/app.py", start_line: 2, end_line: 3 });
    expect(r).toMatchObject({
      isError: false,
      output: "2\t    print('hi')\n3\t    return 0\n[lines 2-3 of 7; read on with start_line=4]",
      viewed: ["pkg/app.py"],
    });
    const long = await call("read_file", { path: "README.md" });
    expect(long.output.split("\n").at(-1)).toBe("[lines 1-400 of 1000; read on with start_line=401]");
  });

  it("lists a folder and answers a missing file with close names", async () => {
    expect((await call("read_file", { path: "pkg" })).output).toBe("app.py\nutil.py");
    const miss = await call("read_file", { path: "app.py" });
    expect(miss).toMatchObject({ isError: true, output: "no such file: app.py; did you mean pkg/app.py?" });
  });

  it("hints from the same walk as search: dependency and build folders are not suggested", async () => {
    await mkdir(join(ctx.root, "node_modules", "lib"), { recursive: true });
    await writeFile(join(ctx.root, "node_modules", "lib", "util.py"), "Y = 2\n");
    const miss = await call("read_file", { path: "util.py" });
    expect(miss.output).toBe("no such file: util.py; did you mean pkg/util.py?");
    expect((await call("find_files", { pattern: "util.py" })).output).toBe("pkg/util.py");
  });

  it("refuses paths outside the repository", async () => {
    const r = await call("read_file", { path: "../../etc/passwd" });
    expect(r.isError).toBe(true);
    expect(r.output).toContain("outside the repository");
  });
});

describe("edit_file and write_file", () => {
  it("replaces a unique string, shows the result, and undoes it", async () => {
    const r = await call("edit_file", { path: "pkg/app.py", command: "replace", old_text: "print('hi')", new_text: "print('hello')" });
    expect(r.isError).toBe(false);
    expect(r.output).toContain("2\t    print('hello')");
    expect(await readFile(join(ctx.root, "pkg/app.py"), "utf8")).toContain("print('hello')");
    await call("edit_file", { path: "pkg/app.py", command: "undo" });
    expect(await readFile(join(ctx.root, "pkg/app.py"), "utf8")).toContain("print('hi')");
    expect((await call("edit_file", { path: "pkg/app.py", command: "undo" })).output).toBe("no change of pkg/app.py to undo");
  });

  it("says where a non-unique string occurs and what is close to a missing one", async () => {
    const many = await call("edit_file", { path: "pkg/app.py", command: "replace", old_text: "return 0", new_text: "return 1" });
    expect(many).toMatchObject({
      isError: true,
      output: "old_text occurs 2 times in pkg/app.py (lines 3, 7); include more surrounding text so it occurs once",
    });
    const none = await call("edit_file", { path: "pkg/app.py", command: "replace", old_text: "print('hi')\n  return 0", new_text: "x" });
    expect(none.isError).toBe(true);
    expect(none.output).toContain("line 2 has \"print('hi')\" but the text around it differs");
  });

  it("inserts after a line, and creates then removes a new file with write and undo", async () => {
    await call("edit_file", { path: "pkg/util.py", command: "insert", line: 0, new_text: "import os" });
    expect(await readFile(join(ctx.root, "pkg/util.py"), "utf8")).toBe("import os\nX = 1\n");
    expect((await call("write_file", { path: "pkg/new/mod.py", content: "Y = 2\n" })).output).toBe("created pkg/new/mod.py (1 lines)");
    expect((await call("edit_file", { path: "pkg/new/mod.py", command: "undo" })).output).toContain("removed pkg/new/mod.py");
  });
});

describe("the tool box", () => {
  it("answers unknown tools, invalid JSON and bad arguments as error results the model can act on", async () => {
    expect((await call("open_file", {})).output).toMatch(/^there is no tool named "open_file"; the tools are: read_file, /);
    expect((await call("read_file", "{not json")).output).toMatch(/^the arguments of read_file are not valid JSON/);
    const bad = await call("read_file", { path: 3, extra: true });
    expect(bad.isError).toBe(true);
    expect(bad.output).toMatch(/^invalid arguments for read_file: .*path.*Fix them and call read_file again\.$/);
  });

  it("records every call and result in the trace", async () => {
    await call("shell", { command: "echo hi" });
    const types = trace.events.map((e) => e.type);
    expect(types).toEqual(["tool_call", "tool_result"]);
    const result = trace.events[1]!;
    expect(result.type === "tool_result" && result.data.output).toBe("hi\n[exit code 0]");
  });

  it("reports a shell timeout as an error result", async () => {
    const r = await call("shell", { command: "sleep 5", timeout_sec: 1 });
    expect(r).toMatchObject({ isError: true });
    expect(r.output).toContain("killed after 1 s (timeout)");
  });

  it("submits the working copy's diff", async () => {
    await call("write_file", { path: "pkg/util.py", content: "X = 2\n" });
    const r = await call("submit", {});
    expect(r).toMatchObject({ submitted: true, output: "submitted a patch touching 1 file(s)" });
  });
});
