// `swerig ... | head`: a reader that stops early closes the pipe; the command ends quietly with its
// own status instead of an unhandled EPIPE stack trace.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the CLI writing into a closed pipe", () => {
  it("exits 0 without a word on stderr when its reader is gone before it writes", async () => {
    // `true` exits at once, so the table is written into a pipe nobody reads.
    const script = './bin/swerig tasks list --tasks swe-tasks | true; echo "status=${PIPESTATUS[0]}"';
    const { stdout, stderr } = await promisify(execFile)("bash", ["-c", script], { cwd: ROOT });
    expect(stderr).toBe("");
    expect(stdout.trim()).toBe("status=0");
  }, 60_000);
});
