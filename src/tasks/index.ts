export * from "./created-range.js";
export * from "./eval-script.js";
export * from "./git-objects.js";
export * from "./load-tasks.js";
export * from "./swe-tasks-dir.js";
export * from "./swebench-dataset.js";
export * from "./task-file.js";
export * from "./task.js";
