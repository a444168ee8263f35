export * from "./check-witness.js";
export * from "./helper-files.js";
export * from "./read-witness.js";
export * from "./witness-kind.js";
export * from "./witness-script.js";
export * from "./judge-witness.js";
