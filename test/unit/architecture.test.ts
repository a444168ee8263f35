// The import rules of DESIGN.md, checked on every src file: imports go one way (cli → runner →
// {agents, tools, grader, report} → {envs, tasks, trace} → core), modules of one layer share types only,
// no two folders import each other (types included), and each third-party package is imported from its home alone.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SRC = join(ROOT, "src");

const LAYERS: Record<string, number> = {
  core: 0,
  envs: 1,
  tasks: 1,
  trace: 1,
  agents: 2,
  tools: 2,
  grader: 2,
  report: 2,
  runner: 3,
  queue: 4,
  cli: 5,
  api: 6,
};

/** Where each restricted package may be imported from (src-relative folder prefixes). */
const PACKAGE_HOMES: Record<string, string[]> = {
  dockerode: ["envs/"],
  "simple-git": ["envs/"],
  diff: ["grader/", "tools/"],
  bullmq: ["queue/"],
  ioredis: ["queue/"],
};

interface Import {
  /** src-relative path of the importing file. */
  file: string;
  specifier: string;
  /** `import type` / `export type`, or a type position (`typeof import("...")`): gone at run time. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []))
    .sort();
}

/** Static imports, re-exports and dynamic `import("...")` of one file, read with the TypeScript parser. */
function importsOf(path: string): Import[] {
  const file = relative(SRC, path);
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ file, specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ file, specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      found.push({
        file,
        specifier: arg && ts.isStringLiteralLike(arg) ? arg.text : `<computed: ${arg?.getText(source) ?? ""}>`,
        typeOnly: false,
      });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ file, specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const IMPORTS = sourceFiles(SRC).flatMap(importsOf);

const topFolder = (srcRelative: string) => srcRelative.split("/")[0]!;

/** The src folder a relative import lands in, or undefined for a package or node builtin. */
function targetFolder(imp: Import): string | undefined {
  if (!imp.specifier.startsWith(".")) return undefined;
  return topFolder(relative(SRC, resolve(SRC, dirname(imp.file), imp.specifier)));
}

function packageName(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("node:") || specifier.startsWith("<computed")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const show = (imp: Import) => `${imp.file}: ${imp.typeOnly ? "import type " : ""}${imp.specifier}`;

/** Imports from one layer into a different folder of the same layer that stay at run time. */
function sameLayerRuntimeImports(): string[] {
  return IMPORTS.filter((imp) => {
    const from = topFolder(imp.file);
    const to = targetFolder(imp);
    return to !== undefined && to !== from && LAYERS[to] === LAYERS[from] && !imp.typeOnly;
  }).map(show);
}

/** Cycles between src folders, type-only imports counted: each as `a -> b -> a`, found by a depth-first walk. */
function folderCycles(): string[] {
  const edges = new Map<string, Set<string>>();
  for (const imp of IMPORTS) {
    const from = topFolder(imp.file);
    const to = targetFolder(imp);
    if (to === undefined || to === from) continue;
    edges.set(from, (edges.get(from) ?? new Set()).add(to));
  }
  const cycles = new Set<string>();
  const walk = (path: string[]): void => {
    for (const next of [...(edges.get(path.at(-1)!) ?? [])].sort()) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const loop = path.slice(at);
        const start = loop.indexOf([...loop].sort()[0]!);
        cycles.add([...loop.slice(start), ...loop.slice(0, start), loop[start]!].join(" -> "));
      } else walk([...path, next]);
    }
  };
  for (const folder of [...edges.keys()].sort()) walk([folder]);
  return [...cycles].sort();
}

/** Every import from folder `from` into folder `to`, for naming the lines that close a cycle. */
const importsBetween = (from: string, to: string) =>
  IMPORTS.filter((imp) => topFolder(imp.file) === from && targetFolder(imp) === to).map(show);

describe("architecture", () => {
  it("reads the imports of every src file", () => {
    expect(IMPORTS.length).toBeGreaterThan(50);
    // The one computed import: the config file a user names (swerig.config.*), loaded as a module.
    const computed = IMPORTS.filter((imp) => imp.specifier.startsWith("<computed")).map(show);
    expect(computed).toEqual(["cli/config.ts: <computed: url>"]);
  });

  it("puts every src file in a known layer", () => {
    const files = sourceFiles(SRC).map((p) => relative(SRC, p));
    expect(files.filter((f) => !(topFolder(f) in LAYERS))).toEqual([]);
    expect(IMPORTS.filter((imp) => targetFolder(imp) !== undefined && !(targetFolder(imp)! in LAYERS)).map(show)).toEqual([]);
  });

  it("imports go one way: no module imports a higher layer, not even for types", () => {
    const upward = IMPORTS.filter((imp) => {
      const to = targetFolder(imp);
      return to !== undefined && LAYERS[to]! > LAYERS[topFolder(imp.file)]!;
    }).map(show);
    expect(upward).toEqual([]);
  });

  it("modules of one layer share only types with each other", () => {
    expect(sameLayerRuntimeImports()).toEqual([]);
  });

  it("no two folders import each other, not even for types (a type-only cycle is still a cycle)", () => {
    const cycles = folderCycles();
    const lines = cycles.flatMap((cycle) => {
      const hops = cycle.split(" -> ");
      return [cycle, ...hops.slice(1).flatMap((to, i) => importsBetween(hops[i]!, to).map((line) => `  ${line}`))];
    });
    expect(lines).toEqual([]);
  });

  it("finds a type-only cycle when there is one", () => {
    const types = (file: string, specifier: string): Import => ({ file, specifier, typeOnly: true });
    IMPORTS.push(types("tools/x.ts", "../agents/agent.js"), types("agents/y.ts", "../tools/tool.js"));
    try {
      expect(folderCycles()).toContain("agents -> tools -> agents");
    } finally {
      IMPORTS.splice(-2, 2);
    }
  });

  it("imports each restricted package from its home only", () => {
    const misplaced = IMPORTS.filter((imp) => {
      const homes = PACKAGE_HOMES[packageName(imp.specifier) ?? ""];
      return homes !== undefined && !homes.some((home) => imp.file.startsWith(home));
    }).map(show);
    expect(misplaced).toEqual([]);
  });

  it("imports only packages that package.json lists as dependencies (or optional peers, loaded when present)", () => {
    const manifest = z
      .object({ dependencies: z.record(z.string(), z.string()), peerDependencies: z.record(z.string(), z.string()).default({}) })
      .parse(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")));
    const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]);
    const undeclared = IMPORTS.filter((imp) => {
      const name = packageName(imp.specifier);
      return name !== undefined && !declared.has(name);
    }).map(show);
    expect(undeclared).toEqual([]);
  });
});
