// The debug tool on a real working copy with host processes (LocalEnvironment): Python scripts traced
// through sitecustomize, Node scripts through an inspector preload; what a hit shows, and how misses
// and the model's mistakes are reported.
import { mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterEach, describe, expect, it } from "vitest";
import { LocalEnvironment } from "../../../src/envs/local-environment.js";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import { RecordingToolBox } from "../../../src/tools/toolbox.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";
import { makeToolContext } from "../../helpers/tool-context.js";

const FIXTURES = new URL("../../fixtures/debug/", import.meta.url);
const fixture = (path: string) => readFile(new URL(path, FIXTURES), "utf8");

const contexts: Awaited<ReturnType<typeof makeToolContext>>[] = [];
afterEach(async () => {
  for (const ctx of contexts.splice(0)) {
    await ctx.env.dispose();
    await rm(ctx.root, { recursive: true, force: true });
  }
});

async function debugIn(files: Record<string, string>) {
  const ctx = await makeToolContext(files);
  contexts.push(ctx);
  const box = new RecordingToolBox(BUILTIN_TOOLS, ctx, new TraceRecorder(undefined, { runId: "r", taskId: "t", sample: 0 }));
  let n = 0;
  return async (args: Record<string, unknown>) => {
    const r = await box.call({ id: `c${++n}`, name: "debug", arguments: args }, n);
    return { ...r, output: r.output.replace(/pid \d+/g, "pid N") };
  };
}

const pythonApp = async () => debugIn({ "app/calc.py": await fixture("python/calc.py"), "app/run.py": await fixture("python/run.py") });
const nodeApp = async () =>
  debugIn({
    "app/calc.js": await fixture("node/calc.js"),
    "app/run.js": await fixture("node/run.js"),
    "app/triple.mjs": await fixture("node/triple.mjs"),
  });

/** The hit headers of an output, in order. */
const hitLines = (output: string) => output.split("\n").filter((l) => l.startsWith("hit "));

describe("debug, Python", () => {
  it("shows each hit with the values of the expressions, then the exit code and the output", async () => {
    const debug = await pythonApp();
    const r = await debug({
      command: "python3 app/run.py",
      breakpoints: [{ file: "app/calc.py", line: 7 }],
      expressions: ["x", "y", "x + y"],
    });
    expect(r.isError).toBe(false);
    expect(r.output).toContain(
      [
        "hit 1 at app/calc.py:7 in double (MainThread, pid N)",
        "  x = 1",
        "  y = 2",
        "  x + y = 3",
        "hit 2 at app/calc.py:7 in double (MainThread, pid N)",
        "  x = 2",
      ].join("\n"),
    );
    expect(hitLines(r.output)).toHaveLength(3);
    expect(r.output).toContain("[exit code 0]\noutput:\ntotal 12 fact 24");
  });

  it("counts a hit only where the condition is true, and follows a recursive function down", async () => {
    const debug = await pythonApp();
    const r = await debug({
      command: "python3 app/run.py",
      breakpoints: [{ file: "app/calc.py", line: 13, condition: "n >= 2" }],
      expressions: ["n"],
    });
    expect(r.output.split("\n").filter((l) => l.startsWith("  n = "))).toEqual(["  n = 4", "  n = 3", "  n = 2"]);
    expect(hitLines(r.output)[0]).toBe("hit 1 at app/calc.py:13 in fact (MainThread, pid N)");
  });

  it("stops recording at max_hits and says so", async () => {
    const debug = await pythonApp();
    const r = await debug({
      command: "python3 app/run.py",
      breakpoints: [{ file: "app/calc.py", line: 11 }],
      expressions: ["n"],
      max_hits: 2,
    });
    expect(hitLines(r.output)).toHaveLength(2);
    expect(r.output).toContain("[stopped at max_hits=2; the command ran on without breakpoints]");
    expect(r.output).toContain("total 12 fact 24");
  });

  it("reports an exception inside an expression as that value's error, and a failing condition as a hit that shows it", async () => {
    const debug = await pythonApp();
    const r = await debug({
      command: "python3 app/run.py",
      breakpoints: [{ file: "app/calc.py", line: 6, condition: "x.missing > 0" }],
      expressions: ["x / 0", "undefined_name", "x", "(", "'v' * 500"],
      max_hits: 1,
    });
    expect(r.output).toContain("  condition failed, counted as true: <error: AttributeError: 'int' object has no attribute 'missing'>");
    expect(r.output).toContain("  x / 0 = <error: ZeroDivisionError: division by zero>");
    expect(r.output).toContain("  undefined_name = <error: NameError: name 'undefined_name' is not defined>");
    expect(r.output).toContain("  x = 1\n");
    expect(r.output).toMatch(/ {2}\( = <error: SyntaxError: .*>/);
    const long = r.output.split("\n").find((l) => l.startsWith("  'v' * 500 = "))!;
    expect(long.length).toBeLessThan(240);
  });

  it("names the thread and the process of each hit, child processes included", async () => {
    const debug = await pythonApp();
    const threaded = await debug({
      command: "python3 app/run.py thread",
      breakpoints: [{ file: "app/calc.py", line: 6, condition: "x == 5" }],
      expressions: ["x"],
    });
    expect(hitLines(threaded.output)).toEqual(["hit 1 at app/calc.py:6 in double (worker-1, pid N)"]);
    const child = await debug({
      command: "python3 app/run.py child",
      breakpoints: [{ file: "app/calc.py", line: 6, condition: "x == 3" }],
      expressions: ["x"],
    });
    expect(hitLines(child.output)).toEqual([
      "hit 1 at app/calc.py:6 in double (MainThread, pid N)",
      "hit 2 at app/calc.py:6 in double (MainThread, pid N)",
    ]);
  });

  it("explains a miss: a line that cannot be hit, a line never reached, a file never run", async () => {
    const debug = await pythonApp();
    const r = await debug({
      command: "python3 app/run.py",
      breakpoints: [
        { file: "app/calc.py", line: 16 },
        { file: "app/calc.py", line: 27 },
        { file: "app/run.py", line: 12 },
      ],
    });
    expect(r.output).toContain("no breakpoint was hit");
    expect(r.output).toContain(
      "breakpoint 1 (app/calc.py:16) was not hit: line 16 (`# a comment line`) cannot be hit (a blank line, a comment, or not the " +
        "first line of a statement); the next line that can is 18 (`def in_thread(value):`)",
    );
    expect(r.output).toContain("breakpoint 2 (app/calc.py:27) was not hit: app/calc.py ran, but line 27 was never reached");
    expect(r.output).toContain("breakpoint 3 (app/run.py:12) was not hit: app/run.py ran, but line 12 was never reached");
    const other = await debug({ command: "python3 -c 'print(1)'", breakpoints: [{ file: "app/calc.py", line: 6 }] });
    expect(other.output).toContain("was not hit: no Python process of the command ran code from app/calc.py");
  });

  it("keeps the hits of a command killed at its timeout", async () => {
    const debug = await pythonApp();
    const r = await debug({
      command: "python3 app/run.py sleep",
      breakpoints: [{ file: "app/calc.py", line: 6 }],
      expressions: ["x"],
      // Room for the three hits before the sleep on a loaded machine (2 s was too tight with the suite beside it).
      timeout_sec: 4,
    });
    expect(r.isError).toBe(false);
    expect(hitLines(r.output)).toHaveLength(3);
    expect(r.output).toContain("[killed after 4 s (timeout)]");
  });
});

describe("debug, Node", () => {
  it("shows each hit of a plain script with the values of the expressions", async () => {
    const debug = await nodeApp();
    const r = await debug({
      command: "node app/run.js",
      breakpoints: [{ file: "app/calc.js", line: 3 }],
      expressions: ["x", "{ x, list: [x, x] }", "'s'.repeat(3)"],
    });
    expect(r.isError).toBe(false);
    expect(r.output).toContain(
      [
        "hit 1 at app/calc.js:3 in double (main, pid N)",
        "  x = 1",
        "  { x, list: [x, x] } = { x: 1, list: [ 1, 1 ] }",
        "  's'.repeat(3) = 'sss'",
      ].join("\n"),
    );
    expect(hitLines(r.output)).toHaveLength(3);
    expect(r.output).toContain("[exit code 0]\noutput:\ntotal 12 fact 24");
  });

  it("counts a hit only where the condition is true, follows recursion, and stops at max_hits", async () => {
    const debug = await nodeApp();
    const cond = await debug({
      command: "node app/run.js",
      breakpoints: [{ file: "app/calc.js", line: 9, condition: "n >= 2" }],
      expressions: ["n"],
    });
    expect(cond.output.split("\n").filter((l) => l.startsWith("  n = "))).toEqual(["  n = 4", "  n = 3", "  n = 2"]);
    const capped = await debug({
      command: "node app/run.js",
      breakpoints: [{ file: "app/calc.js", line: 8 }],
      expressions: ["n"],
      max_hits: 2,
    });
    expect(hitLines(capped.output)).toHaveLength(2);
    expect(capped.output).toContain("[stopped at max_hits=2; the command ran on without breakpoints]");
    expect(capped.output).toContain("total 12 fact 24");
  });

  it("reports a throwing expression per hit and a throwing condition as a hit that shows it", async () => {
    const debug = await nodeApp();
    const r = await debug({
      command: "node app/run.js",
      breakpoints: [{ file: "app/calc.js", line: 3, condition: "x.missing.deeper" }],
      expressions: ["x.missing.deeper", "notDefined", "x", "(("],
      max_hits: 1,
    });
    expect(r.output).toContain(
      "  condition failed, counted as true: <error: TypeError: Cannot read properties of undefined (reading 'deeper')>",
    );
    expect(r.output).toContain("  x.missing.deeper = <error: TypeError: Cannot read properties of undefined (reading 'deeper')>");
    expect(r.output).toContain("  notDefined = <error: ReferenceError: notDefined is not defined>");
    expect(r.output).toContain("  x = 1\n");
    expect(r.output).toMatch(/ {2}\(\( = <error: SyntaxError: .*>/);
  });

  it("hits ES modules and child processes", async () => {
    const debug = await nodeApp();
    const esm = await debug({ command: "node app/triple.mjs", breakpoints: [{ file: "app/triple.mjs", line: 3 }], expressions: ["x"] });
    expect(hitLines(esm.output)).toEqual([
      "hit 1 at app/triple.mjs:3 in triple (main, pid N)",
      "hit 2 at app/triple.mjs:3 in triple (main, pid N)",
    ]);
    const child = await debug({
      command: "node app/run.js child",
      breakpoints: [{ file: "app/calc.js", line: 3, condition: "x === 3" }],
      expressions: ["x"],
    });
    expect(hitLines(child.output)).toHaveLength(2);
  });

  it("keeps the hits of a command killed at its timeout, and says what Node conditions cost", async () => {
    const debug = await nodeApp();
    const r = await debug({
      command: "node app/run.js sleep",
      breakpoints: [{ file: "app/calc.js", line: 3, condition: "x > 1" }],
      expressions: ["x"],
      timeout_sec: 4,
    });
    expect(r.isError).toBe(false);
    expect(hitLines(r.output)).toHaveLength(2);
    expect(r.output).toContain("[killed after 4 s (timeout)]\nNode evaluates a condition through the inspector each time its line runs");
  });

  it("maps TypeScript lines through source maps, in a map file or inline", async () => {
    const source = await fixture("node/shapes.ts");
    const compile = (inline: boolean) =>
      ts.transpileModule(source, {
        fileName: "shapes.ts",
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          sourceMap: !inline,
          inlineSourceMap: inline,
          inlineSources: inline,
        },
      });
    const fileMap = compile(false);
    const debug = await debugIn({
      "src/shapes.ts": source,
      "dist/shapes.js": fileMap.outputText,
      "dist/shapes.js.map": fileMap.sourceMapText!.replace(/"sources":\["[^"]*"\]/, '"sources":["../src/shapes.ts"]'),
      "inline/shapes.js": compile(true).outputText.replace(
        /base64,(\S+)/,
        (_, b64: string) =>
          `base64,${Buffer.from(
            Buffer.from(b64, "base64")
              .toString()
              .replace(/"sources":\["[^"]*"\]/, '"sources":["../src/shapes.ts"]'),
          ).toString("base64")}`,
      ),
    });
    for (const script of ["dist/shapes.js", "inline/shapes.js"]) {
      const r = await debug({
        command: `node ${script}`,
        breakpoints: [
          { file: "src/shapes.ts", line: 9 },
          { file: "src/shapes.ts", line: 3 },
        ],
        expressions: ["box", "result"],
      });
      expect(hitLines(r.output), script).toEqual([
        "hit 1 at src/shapes.ts:9 in area (main, pid N)",
        "hit 2 at src/shapes.ts:9 in area (main, pid N)",
      ]);
      expect(r.output).toContain("  box = { width: 2, height: 3 }\n  result = 6");
      expect(r.output).toMatch(
        new RegExp(
          /breakpoint 2 \(src\/shapes\.ts:3\) was not hit: line 3 \(`width: number;`\) has no code of its own .*; /.source +
            /the next line with code is 7 \(`export function area/.source,
        ),
      );
    }
  });

  it("explains a miss: a line without code, a line never reached, a file never loaded", async () => {
    const debug = await nodeApp();
    const r = await debug({
      command: "node app/run.js",
      breakpoints: [
        { file: "app/calc.js", line: 12 },
        { file: "app/calc.js", line: 13, condition: "true" },
        { file: "app/triple.mjs", line: 3 },
        { file: "app/calc.js", line: 1 },
      ],
    });
    expect(r.output).toContain("no breakpoint was hit");
    expect(r.output).toContain(
      "breakpoint 1 (app/calc.js:12) was not hit: line 12 (`function neverCalled() {`) " +
        "has no code of its own in the JavaScript that runs " +
        "(a blank line, a comment, a type, or not the start of a statement), so it cannot be hit; " +
        "the next line with code is 13 (`return 0;`)",
    );
    expect(r.output).toContain(
      "breakpoint 2 (app/calc.js:13) was not hit: app/calc.js was loaded, but line 13 was never reached (or its condition was never true)",
    );
    expect(r.output).toContain("breakpoint 3 (app/triple.mjs:3) was not hit: no Node process of the command loaded app/triple.mjs");
    expect(r.output).toContain(
      "breakpoint 4 (app/calc.js:1) was not hit: line 1 (`// Arithmetic the debug tool's tests set breakpoints in.`) has no code of " +
        "its own",
    );
  });
});

describe("debug, the model's mistakes", () => {
  it("answers a missing file, a line past the end, mixed or unknown languages and bad conditions with error results", async () => {
    const debug = await pythonApp();
    const cases: [Record<string, unknown>, string | RegExp][] = [
      [{ command: "true", breakpoints: [{ file: "calc.py", line: 1 }] }, "no such file: calc.py; did you mean app/calc.py?"],
      [{ command: "true", breakpoints: [{ file: "app/calc.py", line: 99 }] }, "app/calc.py has 27 lines; line 99 is past its end"],
      [{ command: "true", breakpoints: [{ file: "app", line: 1 }] }, /handles Python \(\.py\) and JavaScript\/TypeScript/],
      [
        {
          command: "true",
          breakpoints: [
            { file: "app/calc.py", line: 1 },
            { file: "app/x.ts", line: 1 },
          ],
        },
        "the breakpoints mix Python and Node files; one call debugs one language, so make one call per language",
      ],
      [
        { command: "true", breakpoints: [{ file: "app/calc.py", line: 6, condition: "x ==" }] },
        /^the condition of breakpoint 1 \(app\/calc\.py:6\) is not a valid Python expression: SyntaxError/,
      ],
      [{ command: "true", breakpoints: [{ file: "../../etc/passwd.py", line: 1 }] }, /outside the repository/],
      [{ command: "true", breakpoints: [] }, /invalid arguments for debug: breakpoints/],
      [{ command: "true", breakpoints: [{ file: "app/calc.py", line: 6 }], max_hits: 500 }, /invalid arguments for debug: max_hits/],
    ];
    for (const [args, message] of cases) {
      const r = await debug(args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
      if (typeof message === "string") expect(r.output).toBe(message);
      else expect(r.output).toMatch(message);
    }
  });

  it("refuses a JavaScript condition that does not parse, before running anything", async () => {
    const debug = await nodeApp();
    const r = await debug({ command: "touch ran", breakpoints: [{ file: "app/calc.js", line: 3, condition: "x as number" }] });
    expect(r).toMatchObject({ isError: true });
    expect(r.output).toMatch(/^the condition of breakpoint 1 \(app\/calc\.js:3\) is not a valid JavaScript expression: .*no type syntax/);
  });

  it("says when the environment has no interpreter for the language", async () => {
    const bin = await mkdtemp(join(tmpdir(), "swerig-bin-"));
    for (const tool of ["bash", "rm"]) await symlink(`/bin/${tool}`, join(bin, tool));
    const debug = await pythonApp();
    const ctx = contexts.at(-1)!;
    const path = process.env["PATH"];
    process.env["PATH"] = bin;
    ctx.env = new LocalEnvironment(ctx.root);
    try {
      const r = await debug({ command: "python3 app/run.py", breakpoints: [{ file: "app/calc.py", line: 6 }] });
      expect(r).toMatchObject({ isError: true, output: "this environment has no python3, so Python code cannot be debugged here" });
    } finally {
      process.env["PATH"] = path;
      await rm(bin, { recursive: true, force: true });
    }
  });
});
