// `swerig dev` takes the agent options of `run` (read from run's own table, so new ones come along) and
// refuses what it cannot use, before any container starts.
import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";

async function cli(args: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const io = { out: (l: string) => void lines.push(l), err: (l: string) => void lines.push(l) };
  const code = await main(args, io);
  return { code, text: lines.join("\n") };
}

describe("swerig dev options", () => {
  it("lists run's agent options and its own, without the ones of a batch run", async () => {
    const { code, text } = await cli(["dev", "--help"]);
    expect(code).toBe(0);
    for (const option of ["--agent", "--plan", "--cmd", "--model", "--max-steps", "--instances", "--debounce-ms", "--traces-dir"]) {
      expect(text).toContain(option);
    }
    for (const option of ["--run-id", "--samples", "--force", "--workers"]) expect(text).not.toContain(option);
  });

  it("needs --instances, and names a bad plan or an unknown option", async () => {
    expect(await cli(["dev", "--agent", "gold"])).toMatchObject({ code: 2, text: expect.stringContaining("--instances is required") });
    const plan = await cli(["dev", "--agent", "scripted", "--instances", "a"]);
    expect(plan).toMatchObject({ code: 2, text: expect.stringContaining("--agent scripted needs --plan FILE") });
    expect(await cli(["dev", "--agent", "gold", "--instances", "a", "--run-id", "x"])).toMatchObject({
      code: 2,
      text: expect.stringContaining("unknown option --run-id"),
    });
  });
});
