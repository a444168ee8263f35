import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskFullError } from "../../../src/core/index.js";
import { writeFileAtomic } from "../../../src/envs/file-lock.js";

const dir = await mkdtemp(join(tmpdir(), "swerig-atomic-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("replaces the file whole and leaves no temporary file", async () => {
    const path = join(dir, "status.json");
    await writeFile(path, "old");
    await writeFileAtomic(path, '{"status":"resolved"}\n');
    expect(await readFile(path, "utf8")).toBe('{"status":"resolved"}\n');
    expect(await readdir(dir)).toEqual(["status.json"]);
  });

  it("leaves the old file and no temporary file when the write fails", async () => {
    const path = join(dir, "gone", "report.json");
    await expect(writeFileAtomic(path, "{}")).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readdir(dir)).toEqual(["status.json"]);
  });

  it("names a full disk and the file it was writing", () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    expect(diskFullError(enospc, "/runs/r1/a/status.json")).toMatchObject({
      code: "disk_full",
      message: "no space left on the device (ENOSPC) while writing /runs/r1/a/status.json",
    });
    expect(diskFullError(Object.assign(new Error("x"), { code: "EACCES" }), "/p")).toBeUndefined();
  });
});
