import { describe, expect, it } from "vitest";
import { FirstCallGuard } from "../../../src/runner/first-call-guard.js";
import type { TaskFailure } from "../../../src/runner/task-failure.js";

const failure = (status: TaskFailure["status"], beforeFirstAnswer: boolean): TaskFailure => ({
  status,
  code: status === "agent_error" ? "model_endpoint" : "container_gone",
  reason: `${status} reason`,
  beforeFirstAnswer,
});

describe("the first-call guard", () => {
  it("stops at an agent_error before any answer when nothing in the run has worked yet", () => {
    const guard = new FirstCallGuard();
    guard.observe({ taskId: "a", failure: failure("error", true) });
    expect(guard.stopped).toBeUndefined();
    guard.observe({ taskId: "b", failure: failure("agent_error", true) });
    expect(guard.stopped).toEqual({ taskId: "b", reason: "agent_error reason" });
    guard.observe({ taskId: "c", failure: failure("agent_error", true) });
    expect(guard.stopped?.taskId).toBe("b");
  });

  it("goes on once a task run got an answer, even if a later first call fails", () => {
    const guard = new FirstCallGuard();
    guard.observe({ taskId: "a", failure: failure("agent_error", false) });
    guard.observe({ taskId: "b", failure: failure("agent_error", true) });
    expect(guard.stopped).toBeUndefined();
    const other = new FirstCallGuard();
    other.observe({ taskId: "a" });
    other.observe({ taskId: "b", failure: failure("agent_error", true) });
    expect(other.stopped).toBeUndefined();
  });
});
