// npm run docs: the API reference of the library entry (src/api/index.ts), generated from its types and
// doc comments with the TypeScript compiler, written to docs/api.md. A unit test fails when it is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { apiReference } from "./api-reference.js";

const out = fileURLToPath(new URL("../docs/api.md", import.meta.url));
writeFileSync(out, apiReference());
console.log("docs: docs/api.md written");
