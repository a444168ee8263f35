// The API reference of the library entry, from its types and doc comments: every export of
// src/api/index.ts with its kind, its declaration as TypeScript prints it, and its documentation.
// Used by `npm run docs` (docs/api.md) and by the test that keeps that file current.
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ENTRY = fileURLToPath(new URL("../src/api/index.ts", import.meta.url));

function kindOf(declaration: ts.Declaration): string {
  if (ts.isFunctionDeclaration(declaration)) return "function";
  if (ts.isClassDeclaration(declaration)) return "class";
  if (ts.isInterfaceDeclaration(declaration)) return "interface";
  if (ts.isTypeAliasDeclaration(declaration)) return "type";
  if (ts.isVariableDeclaration(declaration)) return "const";
  return "export";
}

/** The declaration's text without its body: a signature, an interface, a type, a class's public members. */
function declarationText(declaration: ts.Declaration, checker: ts.TypeChecker, name: string): string {
  const source = declaration.getSourceFile();
  if (ts.isFunctionDeclaration(declaration)) {
    const signature = checker.getSignatureFromDeclaration(declaration);
    return `function ${name}${signature ? checker.signatureToString(signature, undefined, ts.TypeFormatFlags.NoTruncation) : "()"}`;
  }
  if (ts.isVariableDeclaration(declaration)) {
    const type = checker.getTypeAtLocation(declaration);
    return `const ${name}: ${checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias)}`;
  }
  if (ts.isClassDeclaration(declaration)) {
    const members = declaration.members
      .filter((m) => !(ts.getCombinedModifierFlags(m as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)))
      .filter((m) => !ts.isPropertyDeclaration(m) || !m.name.getText(source).startsWith("#"))
      .map(
        (m) =>
          `  ${m
            .getText(source)
            .replace(/\s*\{[\s\S]*\}\s*$/, ";")
            .replace(/\s+/g, " ")}`,
      );
    return `class ${name} {\n${members.join("\n")}\n}`;
  }
  return declaration.getText(source).replace(/^export\s+/, "");
}

export function apiReference(): string {
  const program = ts.createProgram([ENTRY], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
  });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(ENTRY);
  const module = entry && checker.getSymbolAtLocation(entry);
  if (!module) throw new Error(`cannot read the exports of ${ENTRY}`);
  const sections = checker
    .getExportsOfModule(module)
    .map((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declaration = symbol.declarations?.[0];
      if (!declaration) return undefined;
      const docs = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
      const code = declarationText(declaration, checker, exported.name);
      return {
        name: exported.name,
        text: `### ${exported.name} (${kindOf(declaration)})\n\n${docs ? `${docs}\n\n` : ""}\`\`\`ts\n${code}\n\`\`\`\n`,
      };
    })
    .filter((s): s is { name: string; text: string } => s !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  const header = [
    "# swerig API reference",
    "",
    'Generated from the types and doc comments of the library entry (`import ... from "swerig"`) by',
    "`npm run docs`; do not edit by hand.",
    "",
  ];
  return `${[...header, ...sections.map((s) => s.text)].join("\n").trimEnd()}\n`;
}
