// The tools a model sees, in the order it sees them.
import type { ToolSpec } from "./tool.js";
import { debugTool } from "./debug.js";
import { editFileTool } from "./edit-file.js";
import { findDefinitionTool } from "./find-definition.js";
import { findFilesTool } from "./find-files.js";
import { outlineTool } from "./outline.js";
import { readFileTool } from "./read-file.js";
import { runTestsTool } from "./run-tests.js";
import { searchTool } from "./search.js";
import { shellTool } from "./shell.js";
import { submitTool } from "./submit.js";
import { toolJsonSchema, type Tool } from "./tool.js";
import { writeFileTool } from "./write-file.js";

export const BUILTIN_TOOLS: readonly Tool[] = [
  readFileTool,
  writeFileTool,
  editFileTool,
  searchTool,
  findFilesTool,
  outlineTool,
  findDefinitionTool,
  debugTool,
  shellTool,
  runTestsTool,
  submitTool,
] as readonly Tool[];

/**
 * The tools as a model sees them, in order: name, description written for a model, and the JSON Schema
 * of the arguments (generated from the zod schema the call is validated with). Default: every built-in tool.
 */
export function toolSpecs(tools: readonly Tool[] = BUILTIN_TOOLS): ToolSpec[] {
  return tools.map((t) => ({ name: t.name, description: t.description, parameters: toolJsonSchema(t), effects: t.effects }));
}
