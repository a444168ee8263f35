// What travels through the queue: jobs and results survive JSON (as BullMQ stores them) and are
// validated where they are read; job ids are deterministic per unit and configuration; results are
// bounded in size with a marker, and their files land in the unit's folder only.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/index.js";
import { parseQueueUrl, showQueueUrl } from "../../../src/queue/connection.js";
import {
  configHash,
  type GradeJob,
  gradeOutcomeOf,
  jobId,
  QueueJobSchema,
  QueueResultSchema,
  type RunJob,
} from "../../../src/queue/job.js";
import { boundFiles, readResultFiles, writeResultFiles } from "../../../src/queue/result-files.js";
import type { RunManifest } from "../../../src/runner/manifest.js";

const root = await mkdtemp(join(tmpdir(), "swerig-queue-unit-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const task = { source: "/data/swe-tasks", id: "pyledger-show-zero", sha256: "a".repeat(64) };
const gradeJob: GradeJob = {
  ...{ v: 1, kind: "grade", runId: "nightly", config: "0123456789abcdef", task, sample: 0 },
  prediction: { instanceId: task.id, model: "gold", patch: "diff --git a/x b/x\n", origin: "gold" },
  grading: { semantics: "v5", timeoutSec: null },
};
const runJob: RunJob = {
  ...{ v: 1, kind: "run", runId: "nightly", config: "0123456789abcdef", task, sample: 3 },
  agent: { agent: "openai", model: "m", "api-key-env": "KEY", sandbox: "container" },
  limits: { maxCostUsd: 1, maxSteps: 10, maxWallTimeMs: 60_000 },
};

describe("queue jobs", () => {
  it("come back from JSON as they went in, grade and run alike", () => {
    for (const job of [gradeJob, runJob]) expect(QueueJobSchema.parse(JSON.parse(JSON.stringify(job)))).toEqual(job);
  });

  it("refuse a job of another version or with a field missing, naming it", () => {
    expect(QueueJobSchema.safeParse({ ...gradeJob, v: 2 }).success).toBe(false);
    const { prediction: _p, ...noPrediction } = gradeJob;
    const parsed = QueueJobSchema.safeParse(noPrediction);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["prediction"]);
  });

  it("have one id per run, configuration, instance and sample", () => {
    expect(jobId(gradeJob)).toBe("nightly~0123456789abcdef~pyledger-show-zero~0");
    expect(jobId(runJob)).toBe("nightly~0123456789abcdef~pyledger-show-zero~3");
    expect(jobId({ ...gradeJob, config: "fedcba9876543210" })).not.toBe(jobId(gradeJob));
  });

  it("carry a configuration hash that ignores when the manifest was written, not what it says", () => {
    const manifest = {
      manifest_version: 1,
      command: "grade",
      swerig_version: "0.1.0",
      agent: null,
      grading: { semantics: "v5", timeout_sec: null },
      predictions: { kind: "gold", count: 2, sha256: "p" },
      tasks: { ids: { a: "1", b: "2" }, count: 2, sha256: "t" },
      created_at: "2026-01-01T00:00:00.000Z",
    } satisfies RunManifest;
    const later = { ...manifest, created_at: "2026-06-01T00:00:00.000Z" };
    expect(configHash(later)).toBe(configHash(manifest));
    expect(configHash({ ...manifest, grading: { semantics: "v4", timeout_sec: null } })).not.toBe(configHash(manifest));
  });
});

describe("queue results", () => {
  const result = {
    ...{ v: 1, kind: "grade", instanceId: task.id, sample: 0, outcome: { status: "resolved" } },
    files: [{ name: "test_output.txt", content: "ok\n", truncated: false }],
    worker: { id: "host:1", startedAt: 1, finishedAt: 2 },
  };

  it("are validated where the coordinator reads them", () => {
    expect(QueueResultSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(result);
    expect(QueueResultSchema.safeParse({ ...result, files: [{ name: "x" }] }).success).toBe(false);
  });

  it("carry the outcome of their own instance, with a status swerig knows", () => {
    const parsed = QueueResultSchema.parse({ ...result, outcome: { instanceId: task.id, status: "resolved", timings: { totalMs: 1 } } });
    expect(gradeOutcomeOf(parsed).status).toBe("resolved");
    for (const outcome of [
      { instanceId: "other", status: "resolved" },
      { instanceId: task.id, status: "great" },
    ]) {
      expect(() => gradeOutcomeOf({ ...parsed, outcome })).toThrow(`${task.id}: the queue result carries no outcome of this instance`);
    }
  });

  it("keep files within the budget whole", () => {
    const files = [
      { name: "a.txt", content: "a".repeat(100) },
      { name: "b.txt", content: "é".repeat(100) },
    ];
    expect(boundFiles(files, 400)).toEqual(files.map((f) => ({ ...f, truncated: false })));
  });

  it("cut the largest files to fit, head and tail kept around a marker, small files whole", () => {
    const big = `${"head ".repeat(2000)}${"x".repeat(50_000)}${" tail".repeat(2000)}`;
    const files = [
      { name: "trace.jsonl", content: big },
      { name: "agent.json", content: "{}" },
      { name: "test_output.txt", content: "€".repeat(30_000) },
    ];
    const max = 20_000;
    const out = boundFiles(files, max);
    expect(out.map((f) => f.name)).toEqual(["trace.jsonl", "agent.json", "test_output.txt"]);
    expect(out[1]).toEqual({ name: "agent.json", content: "{}", truncated: false });
    const bytes = out.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
    expect(bytes).toBeLessThanOrEqual(max);
    expect(bytes).toBeGreaterThan(max * 0.8);
    for (const f of [out[0]!, out[2]!]) {
      expect(f.truncated).toBe(true);
      expect(f.content).toMatch(/\[\.\.\. \d+ characters omitted; cut by the queue/);
    }
    expect(out[0]!.content.startsWith("head head")).toBe(true);
    expect(out[0]!.content.endsWith("tail tail")).toBe(true);
  });

  it("land in the unit's folder, nested names too, and a name that leaves it is refused", async () => {
    const dir = join(root, "unit");
    await writeResultFiles(dir, [
      { name: "trace.jsonl", content: "{}\n", truncated: false },
      { name: "logs/agent.txt", content: "hi", truncated: false },
    ]);
    expect(await readFile(join(dir, "logs", "agent.txt"), "utf8")).toBe("hi");
    expect(await readResultFiles(dir)).toEqual([
      { name: "logs/agent.txt", content: "hi" },
      { name: "trace.jsonl", content: "{}\n" },
    ]);
    for (const name of ["../escape.txt", "/etc/passwd", "a//b", ""]) {
      await expect(writeResultFiles(dir, [{ name, content: "x", truncated: false }])).rejects.toThrow(/not inside its folder/);
    }
    expect(await readResultFiles(join(root, "absent"))).toEqual([]);
  });
});

describe("--queue URLs", () => {
  it("take redis:// and rediss:// with a host, and hide the password when shown", () => {
    expect(parseQueueUrl("redis://10.0.0.5:6379")).toEqual({ url: "redis://10.0.0.5:6379", maxRetriesPerRequest: null });
    expect(parseQueueUrl("rediss://:pw@cache.internal:6380/2").url).toBe("rediss://:pw@cache.internal:6380/2");
    expect(showQueueUrl("redis://:secret@h:1/0")).toBe("redis://:***@h:1/0");
  });

  it.each([
    ["localhost:6379", /redis:\/\/ and rediss:\/\//],
    ["http://h:1", /only redis:\/\//],
    ["not a url", /not a URL/],
    ["redis://h:1/queue", /database number/],
  ])("refuse %s, naming what is wrong", (raw, message) => {
    const error = (() => {
      try {
        parseQueueUrl(raw);
      } catch (e) {
        return e;
      }
    })();
    expect(SwerigError.isInstance(error) && error.code).toBe("invalid_input");
    expect((error as Error).message).toMatch(message);
  });
});
