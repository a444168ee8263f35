import { describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { RUN_EXIT } from "../../../src/cli/run-exit.js";

describe("swerig run --help", () => {
  it("lists the exit codes, infrastructure errors and the early stop among them", async () => {
    const out: string[] = [];
    const code = await main(["run", "--help"], { out: (t) => out.push(t), err: () => undefined });
    expect(code).toBe(0);
    const help = out.join("\n");
    expect(help).toContain("exit codes:");
    expect(help).toMatch(new RegExp(`\\n  ${RUN_EXIT.infraErrors} +some task runs ended in an infrastructure error \\(agent_error`));
    expect(help).toMatch(new RegExp(`\\n  ${RUN_EXIT.stoppedEarly} +stopped early: the agent's first model call or start failed`));
    expect(help).toContain("the command line, run in the current directory");
  });
});
