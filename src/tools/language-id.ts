// The languages the tree-sitter tools parse, as a plain type in a file of its own: the package's
// declarations that name one (a quality finding's language) then do not pull in web-tree-sitter's
// types, which name Emscripten globals a user of the package does not have.
export type LanguageId = "python" | "typescript" | "tsx" | "javascript" | "go" | "rust";
