// A ModelClient that plays a fixed list of turns, in order: drives the agent loop in tests (ours and
// users') with no provider and no network, and keeps every request it was sent for assertions.
import { SwerigError } from "../core/index.js";
import type { ModelClient, ModelRequest, ModelResponse } from "./model-client.js";

/** One scripted assistant turn; omitted fields default to no text, no calls, zero usage. */
export interface ScriptedTurn {
  text?: string;
  /** Ids default to `call-<n>`, numbered across the whole script. */
  toolCalls?: { id?: string; name: string; arguments?: unknown }[];
  usage?: { inputTokens: number; outputTokens: number };
  stopReason?: string | null;
}

/** A turn, or a function of the request that produces one (to answer what the loop sent). */
export type ScriptStep = ScriptedTurn | ((request: ModelRequest) => ScriptedTurn);

export class ScriptedModel implements ModelClient {
  readonly provider = "scripted";
  /** Every request received, messages copied as they were at the time of the call. */
  readonly requests: ModelRequest[] = [];
  private next = 0;
  private callIds = 0;

  constructor(
    private readonly script: readonly ScriptStep[],
    readonly model = "scripted",
  ) {}

  /** Turns not yet played. */
  get remaining(): number {
    return this.script.length - this.next;
  }

  /** The next turn. Rejects with SwerigError("internal") when the script has no turn left. */
  async doGenerate(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push({ ...request, messages: structuredClone(request.messages) });
    const step = this.script[this.next];
    if (step === undefined) throw new SwerigError("internal", `the scripted model has no turn left (it had ${this.script.length})`);
    this.next++;
    const turn = typeof step === "function" ? step(request) : step;
    const hasCalls = (turn.toolCalls?.length ?? 0) > 0;
    return {
      text: turn.text ?? "",
      toolCalls: (turn.toolCalls ?? []).map((c) => ({ id: c.id ?? `call-${++this.callIds}`, name: c.name, arguments: c.arguments ?? {} })),
      usage: turn.usage ?? { inputTokens: 0, outputTokens: 0 },
      stopReason: turn.stopReason !== undefined ? turn.stopReason : hasCalls ? "tool_use" : "end_turn",
    };
  }
}
