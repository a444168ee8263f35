#!/usr/bin/env node
// The `swerig` executable: the command line on this process's arguments, with Ctrl-C handling for the
// long commands. Everything else lives in main.ts, which tests and the library call without side effects.
import { handleSigint } from "./interrupt.js";
import { main } from "./main.js";
import { processIo } from "./output.js";

// A reader that stops early (`swerig tasks list | head`) closes the pipe: end quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  });
}

const name = process.argv[2] ?? "";
const devEnd = "\nswerig: ending the dev session: cancelling the iteration in flight, removing its containers (Ctrl-C again to quit now)\n";
const interrupt = handleSigint(["run", "grade"].includes(name), undefined, name === "dev" ? devEnd : undefined);
process.exitCode = await main(process.argv.slice(2), processIo, interrupt.stop, interrupt.abort);
