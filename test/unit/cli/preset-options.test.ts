// `run --agent <preset>` refuses bad options before it builds anything, naming the option.
import { describe, expect, it } from "vitest";
import { parseCommand, stringOption } from "../../../src/cli/args.js";
import { applyConfig } from "../../../src/cli/config.js";
import { main } from "../../../src/cli/main.js";
import { runSpec } from "../../../src/cli/run.js";

async function cli(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await main(argv, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
  return { code, text: lines.join("\n") };
}

const run = (...extra: string[]) => cli("run", "--agent", "claude-code", "--run-id", "preset-options", ...extra);

describe("run --agent claude-code", () => {
  it("needs --model", async () => {
    expect(await run()).toMatchObject({ code: 2, text: expect.stringContaining("--agent claude-code needs --model NAME") });
  });

  it("runs sealed only", async () => {
    const r = await run("--model", "m", "--sandbox", "host");
    expect(r).toMatchObject({ code: 2, text: expect.stringContaining("runs sealed in its own container only") });
  });

  it("names an --agent-args quote left open", async () => {
    const r = await run("--model", "m", "--base-url", "http://127.0.0.1:1", "--agent-args=--name 'x");
    expect(r).toMatchObject({ code: 2, text: expect.stringContaining("has a quote that is not closed") });
  });

  it("lists the presets among the agents when the name is unknown", async () => {
    const r = await cli("run", "--agent", "claude", "--run-id", "x");
    expect(r).toMatchObject({ code: 2, text: expect.stringContaining("claude-code") });
  });

  it("images build names an unknown preset before it builds anything", async () => {
    const r = await cli("images", "build", "--presets", "claude-code,nope");
    expect(r).toMatchObject({ code: 2, text: expect.stringContaining('--presets: no preset "nope"; presets: claude-code') });
  });

  it("takes a preset with its extra flags from a config file", () => {
    const agents = { cc: { agent: "claude-code", model: "m", agentName: "cc-low", agentArgs: "--effort low" } };
    const argv = applyConfig(["--agent", "cc", "--run-id", "r"], runSpec, { file: "swerig.config.json", config: { agents } });
    const { values } = parseCommand(runSpec, argv);
    expect([values["agent"], values["agent-name"], stringOption(values, "agent-args")]).toEqual(["claude-code", "cc-low", "--effort low"]);
  });
});
