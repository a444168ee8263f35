// Builds a SWE-agent 1.x trajectory (function calling) for tests. No real 1.x trajectory is at hand,
// so this one is written for the tests, in the shape SWE-agent saves (`.traj`): the field names follow
// sweagent/types.py in SWE-agent's repository (TrajectoryStep: action, observation, response, thought,
// state, execution_time, query, extra_info; HistoryItem: role, content, message_type, agent, thought,
// action, tool_calls, tool_call_ids, is_demo; AgentInfo: model_stats, exit_status, submission,
// swe_agent_version), the str_replace_editor arguments its tools/edit_anthropic/config.yaml declares,
// and its observations' wording as tools/edit_anthropic/bin/str_replace_editor prints them.

export interface V1Call {
  name: "str_replace_editor" | "bash" | "submit" | string;
  arguments: Record<string, unknown>;
  observation: string;
  /** Their shell's working directory after the call (default /testbed). */
  cwd?: string;
  thought?: string;
}

const render = (call: V1Call) =>
  [call.name, ...Object.values(call.arguments).map((v) => (typeof v === "string" && /\s/.test(v) ? `'${v}'` : String(v)))].join(" ");

export function sweAgentV1Trajectory(options: {
  instanceId: string;
  problem: string;
  calls: V1Call[];
  submission: string | null;
  exitStatus?: string;
}): Record<string, unknown> {
  const history: Record<string, unknown>[] = [
    {
      role: "system",
      content: "You are a helpful assistant that can interact with a computer.",
      agent: "main",
      message_type: "system_prompt",
    },
    // A demonstration, as their templates may include: never part of the run.
    {
      role: "assistant",
      content: "demo",
      agent: "main",
      message_type: "action",
      is_demo: true,
      tool_calls: [{ id: "demo_1", type: "function", function: { name: "bash", arguments: '{"command": "rm -rf /testbed"}' } }],
    },
    {
      role: "user",
      content: [{ type: "text", text: `<pr_description>\n${options.problem}\n</pr_description>` }],
      agent: "main",
      message_type: "observation",
    },
  ];
  const trajectory = options.calls.map((call, i) => {
    const id = `toolu_${String(i + 1).padStart(4, "0")}`;
    const thought = call.thought ?? `Step ${i + 1}.`;
    history.push({
      role: "assistant",
      content: thought,
      thought,
      action: render(call),
      agent: "main",
      message_type: "action",
      tool_calls: [{ index: 0, id, type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } }],
      thinking_blocks: [],
    });
    history.push({
      role: "tool",
      content: [{ type: "text", text: `OBSERVATION:\n${call.observation}` }],
      agent: "main",
      message_type: "observation",
      tool_call_ids: [id],
    });
    return {
      action: render(call),
      observation: call.observation,
      response: thought,
      thought,
      execution_time: 0.25,
      state: { working_dir: call.cwd ?? "/testbed", diff: "" },
      query: [],
      extra_info: {},
    };
  });
  return {
    trajectory,
    history,
    info: {
      swe_agent_hash: "0000000",
      swe_agent_version: "1.1.0",
      swe_rex_version: "1.2.0",
      model_stats: { instance_cost: 0.4, tokens_sent: 12000, tokens_received: 800, api_calls: options.calls.length },
      exit_status: options.exitStatus ?? "submitted",
      submission: options.submission,
      edited_files30: "",
    },
    replay_config: JSON.stringify({
      env: { repo: { repo_name: "testbed", type: "preexisting" }, deployment: { image: "python:3.11" } },
      agent: { model: { name: "claude-sonnet-4-20250514" } },
      problem_statement: { id: options.instanceId, type: "text" },
    }),
    environment: "main",
  };
}
