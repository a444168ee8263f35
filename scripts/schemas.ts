// npm run schemas: writes the JSON Schemas generated from the code's zod schemas to schemas/.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { jsonSchemas } from "../src/api/schemas.js";

const dir = fileURLToPath(new URL("../schemas/", import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemas())) writeFileSync(join(dir, file), `${JSON.stringify(schema, null, 2)}\n`);
console.log(`schemas: ${Object.keys(jsonSchemas()).length} files written to schemas/`);
