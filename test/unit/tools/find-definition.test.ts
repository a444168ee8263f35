// find_definition over a repository of fixture files in every grammar: plain and qualified names,
// top-level constants, narrowing by path, the bound, and "did you mean" from the same index.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_DEFINITIONS } from "../../../src/tools/find-definition.js";
import { makeToolRepo, type ToolRepo } from "../../fixtures/tools/tool-context.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/tools");
let repo: ToolRepo;

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const [dir, name] of [
    ["py", "shapes.py"],
    ["ts", "shapes.ts"],
    ["go", "shapes.go"],
    ["rs", "shapes.rs"],
    ["js", "shapes.js"],
  ] as const) {
    files[`${dir}/${name}`] = await readFile(join(FIXTURES, name), "utf8");
  }
  files["node_modules/dep/shapes.py"] = "class Circle:\n    pass\n";
  files["docs/readme.txt"] = "class Circle\n";
  repo = await makeToolRepo(files);
});
afterAll(async () => repo.dispose());

const find = (args: Record<string, unknown>) => repo.call("find_definition", args);

describe("find_definition", () => {
  it("finds a type in every language as path:start-end: kind name with the first line, outside dependency folders", async () => {
    const r = await find({ symbol: "Circle" });
    expect(r.isError).toBe(false);
    expect(r.output).toBe(`go/shapes.go:15-17: struct Circle
    type Circle struct {
py/shapes.py:15-36: class Circle
    class Circle:
rs/shapes.rs:6-8: struct Circle
    pub struct Circle {
ts/shapes.ts:21-33: class Circle
    export class Circle implements Shape {`);
    expect(r.viewed).toEqual(["go/shapes.go", "py/shapes.py", "rs/shapes.rs", "ts/shapes.ts"]);
  });

  it("finds a method of one class with Class.method, Type::method, a Go receiver or a Rust impl", async () => {
    expect((await find({ symbol: "Circle.area" })).output).toBe(`py/shapes.py:24-26: method Circle.area
    def area(self):
rs/shapes.rs:29-31: method Circle.area
    fn area(&self) -> f64 {
ts/shapes.ts:26-28: method Circle.area
    area(): number {`);
    expect((await find({ symbol: "Circle::new" })).output).toBe(
      "rs/shapes.rs:23-25: method Circle.new\n    pub fn new(radius: f64) -> Self {",
    );
    expect((await find({ symbol: "Circle.Area" })).output).toBe(
      "go/shapes.go:22-24: method Circle.Area\n    func (c *Circle) Area() float64 {",
    );
    expect((await find({ symbol: "Shape.area" })).output).toBe(
      "rs/shapes.rs:16-16: method Shape.area\n    fn area(&self) -> f64;\nts/shapes.ts:3-3: method Shape.area\n    area(): number;",
    );
  });

  it("finds top-level constants and functions, narrowed by folder, file or module name", async () => {
    expect((await find({ symbol: "DEFAULT_SCALE" })).viewed).toEqual(["js/shapes.js", "py/shapes.py", "rs/shapes.rs"]);
    expect((await find({ symbol: "DEFAULT_SCALE", path: "rs" })).output).toBe(
      "rs/shapes.rs:4-4: const DEFAULT_SCALE\n    pub const DEFAULT_SCALE: f64 = 2.0;",
    );
    expect((await find({ symbol: "area", path: "ts/shapes.ts" })).viewed).toEqual(["ts/shapes.ts"]);
    expect((await find({ symbol: "shapes.load_shapes" })).output).toBe(
      "py/shapes.py:39-43: function load_shapes\n    async def load_shapes(path):",
    );
    expect((await find({ symbol: "grow" })).output).toBe("py/shapes.py:30-31: function grow\n    def grow(value):");
  });

  it(`shows at most ${MAX_DEFINITIONS} definitions and says how to narrow`, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`many/h${String(i).padStart(2, "0")}.py`] = "def handler(event):\n    return event\n";
    const many = await makeToolRepo(files);
    const lines = (await many.call("find_definition", { symbol: "handler" })).output.split("\n");
    await many.dispose();
    expect(lines).toHaveLength(2 * MAX_DEFINITIONS + 1);
    expect(lines[0]).toBe("many/h00.py:1-2: function handler");
    expect(lines.at(-1)).toBe(`[${MAX_DEFINITIONS} of 60 definitions shown; give Class.method or a path to narrow]`);
  });
});

describe("find_definition errors the model can act on", () => {
  it("answers an unknown name with similar names from the index", async () => {
    const r = await find({ symbol: "load_shape" });
    expect(r).toMatchObject({
      isError: true,
      output: "no definition of load_shape in 5 source files of the repository; did you mean load_shapes, Shape?",
    });
    expect((await find({ symbol: "Circle.aera", path: "py" })).output).toBe(
      "no definition of Circle.aera in 1 source files of py; did you mean Circle.area, Circle, Circle.__init__, Circle.scaled?",
    );
    expect((await find({ symbol: "Square.area", path: "py" })).output).toBe(
      "no definition of Square.area in 1 source files of py; did you mean Circle.area?",
    );
    expect((await find({ symbol: "zzz" })).output).toBe(
      "no definition of zzz in 5 source files of the repository; use search to find where the name occurs",
    );
  });

  it("rejects a non-name, an unsupported file, a folder without source files, a missing path and an escape", async () => {
    expect((await find({ symbol: "foo bar" })).output).toBe(
      '"foo bar" is not a symbol name; give one name such as parse_args or Class.method',
    );
    expect((await find({ symbol: "Circle", path: "docs/readme.txt" })).output).toContain(
      "find_definition does not read docs/readme.txt: it reads .cjs,",
    );
    expect((await find({ symbol: "Circle", path: "docs" })).output).toContain("there are no .cjs .cts .go");
    expect(await find({ symbol: "Circle", path: "lib" })).toMatchObject({ isError: true, output: "no such file: lib" });
    const escaping = await find({ symbol: "Circle", path: "/etc" });
    expect(escaping).toMatchObject({ isError: true });
    expect(escaping.output).toContain("outside the repository");
  });
});
