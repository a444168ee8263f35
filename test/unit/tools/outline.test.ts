// outline on real tree-sitter parses of fixture files in every supported grammar: exact text (kinds,
// names, line ranges, nesting), a file that changes between calls, and the model's mistakes.
import { readFile, utimes } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeToolRepo, writeFiles, type ToolRepo } from "../../fixtures/tools/tool-context.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/tools");
let repo: ToolRepo;

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const name of ["shapes.py", "shapes.ts", "shapes.go", "shapes.rs", "shapes.js"])
    files[`src/${name}`] = await readFile(join(FIXTURES, name), "utf8");
  files["ui/app.tsx"] =
    "export default function () {\n  return <div />;\n}\nexport const App = () => <main>{1}</main>;\n" +
    "namespace Views {\n  export function render() {}\n}\nabstract class Base {\n  abstract run(): void;\n}\nlet counter = 0;\n";
  files["lib/legacy.cjs"] = "exports.handler = function (event) {\n  return event;\n};\nvar count = 1;\n";
  files["notes.txt"] = "not code\n";
  files["big/generated.py"] = "x = 1\n".repeat(400_000);
  files["broken.py"] = "def ok():\n    pass\n\ndef broken(:\n    pass\n\nclass After:\n    def m(self):\n        pass\n";
  repo = await makeToolRepo(files);
});
afterAll(async () => repo.dispose());

const outline = (path: string) => repo.call("outline", { path });

describe("outline of each grammar", () => {
  it("Python: classes with methods (decorators in the range), nested functions, nested class, module variables", async () => {
    const r = await outline("src/shapes.py");
    expect(r).toMatchObject({ isError: false, viewed: ["src/shapes.py"] });
    expect(r.output).toBe(`src/shapes.py (python, 43 lines)
variable DEFAULT_SCALE (line 4)
function register (lines 7-9)
variable REGISTRY (line 12)
class Circle (lines 15-36)
  method __init__ (lines 21-22)
  method area (lines 24-26)
  method scaled (lines 28-33)
    function grow (lines 30-31)
  class Meta (lines 35-36)
function load_shapes (lines 39-43)
  function read_one (lines 40-41)`);
  });

  it("TypeScript: interface, type alias, enum, consts, arrow-function consts, class members, export default function", async () => {
    expect((await outline("src/shapes.ts")).output).toBe(`src/shapes.ts (typescript, 42 lines)
interface Shape (lines 2-5)
  method area (line 3)
type ShapeKind (line 7)
enum Color (lines 9-12)
const DEFAULT_COLOR (line 14)
function makeSquare (lines 16-19)
class Circle (lines 21-33)
  method constructor (line 24)
  method area (lines 26-28)
  method unit (lines 30-32)
function totalArea (lines 35-38)
  function sum (line 36)
function describeShape (lines 40-42)`);
  });

  it("TSX: anonymous default export, JSX arrow component, namespace, abstract class, let", async () => {
    expect((await outline("ui/app.tsx")).output).toBe(`ui/app.tsx (tsx, 11 lines)
function default (lines 1-3)
function App (line 4)
namespace Views (lines 5-7)
  function render (line 6)
class Base (lines 8-10)
  method run (line 9)
variable counter (line 11)`);
  });

  it("Go: const, interface with its methods, struct, named type, methods with pointer and value receivers", async () => {
    expect((await outline("src/shapes.go")).output).toBe(`src/shapes.go (go, 33 lines)
const DefaultScale (line 6)
interface Shape (lines 9-12)
  method Area (line 10)
  method Name (line 11)
struct Circle (lines 15-17)
type Meters (line 19)
method (*Circle) Area (lines 22-24)
method (Circle) Name (lines 26-28)
function NewCircle (lines 31-33)`);
  });

  it("Rust: const, struct, enum, trait, impl blocks with their fns, free fn, mod", async () => {
    expect((await outline("src/shapes.rs")).output).toBe(`src/shapes.rs (rust, 50 lines)
const DEFAULT_SCALE (line 4)
struct Circle (lines 6-8)
enum Color (lines 10-13)
trait Shape (lines 15-20)
  method area (line 16)
  method name (lines 17-19)
impl Circle (lines 22-26)
  method new (lines 23-25)
impl Shape for Circle (lines 28-32)
  method area (lines 29-31)
impl fmt::Display for Circle (lines 34-38)
  method fmt (lines 35-37)
function total_area (lines 40-42)
module tests (lines 44-50)
  function unit (lines 47-49)`);
  });

  it("JavaScript: class, methods, function, arrow const, CommonJS export assignment, var", async () => {
    expect((await outline("src/shapes.js")).output).toBe(`src/shapes.js (javascript, 20 lines)
const DEFAULT_SCALE (line 2)
class Square (lines 4-12)
  method constructor (lines 5-7)
  method area (lines 9-11)
function makeSquare (lines 14-16)
function double (line 18)`);
    expect((await outline("lib/legacy.cjs")).output).toBe(
      "lib/legacy.cjs (javascript, 4 lines)\nfunction handler (lines 1-3)\nvariable count (line 4)",
    );
  });

  it("still outlines the parts of a file with a syntax error", async () => {
    const lines = (await outline("broken.py")).output.split("\n");
    expect(lines).toContain("function ok (lines 1-2)");
    expect(lines).toContain("class After (lines 7-9)");
    expect(lines).toContain("  method m (lines 8-9)");
  });
});

describe("outline follows the file", () => {
  it("re-parses a file whose size or modification time changed", async () => {
    await writeFiles(repo.root, { "mod.py": "def a():\n    pass\n" });
    expect((await outline("mod.py")).output).toBe("mod.py (python, 2 lines)\nfunction a (lines 1-2)");
    await writeFiles(repo.root, { "mod.py": "def b():\n    pass\n" });
    await utimes(join(repo.root, "mod.py"), new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect((await outline("mod.py")).output).toBe("mod.py (python, 2 lines)\nfunction b (lines 1-2)");
    await writeFiles(repo.root, { "mod.py": "" });
    expect((await outline("mod.py")).output).toBe("mod.py (python, 0 lines): no definitions found");
  });
});

describe("outline errors the model can act on", () => {
  it("names the supported extensions for an unsupported file", async () => {
    const r = await outline("notes.txt");
    expect(r.isError).toBe(true);
    expect(r.output).toBe(
      "outline does not support notes.txt: it reads .cjs, .cts, .go, .js, .jsx, .mjs, .mts, .py, .pyi, .rs, .ts, .tsx files; use " +
        "read_file or search for other files",
    );
  });

  it("answers a missing file with close names, a folder, and a path leaving the repository", async () => {
    expect(await outline("shapes.py")).toMatchObject({ isError: true, output: "no such file: shapes.py; did you mean src/shapes.py?" });
    expect((await outline("src")).output).toBe("src is a folder; outline takes one source file (find_files lists a folder's files)");
    expect(await outline("big/generated.py")).toMatchObject({
      isError: true,
      output: "big/generated.py is over 2 MB; outline cannot parse it",
    });
    const escaping = await outline("../../etc/passwd.py");
    expect(escaping.isError).toBe(true);
    expect(escaping.output).toContain("leads outside the repository");
  });
});
