// Schema of swe-tasks/<id>/task.json, the task file of our own suite. The directory also holds
// issue.md (the problem statement), gold.patch, test.patch and repo/ (the snapshot at the base commit).
import { z } from "zod";
import { LANGUAGES } from "./task.js";

export const TASK_FILE_SCHEMA_VERSION = 1;

export const TaskFileSchema = z
  .object({
    /** The JSON Schema an editor validates the file with (schemas/task.schema.json); not read otherwise. */
    $schema: z.string().optional(),
    schema: z.literal(TASK_FILE_SCHEMA_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, "lower-case letters, digits, '.', '_' and '-'"),
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "owner/name"),
    language: z.enum(LANGUAGES),
    kind: z.enum(["bug", "feature", "refactor"]),
    difficulty: z.enum(["easy", "medium", "hard"]),
    /** Date of the base commit; pins the commit's author and committer dates. */
    created_at: z.iso.datetime(),
    image: z
      .object({
        /** Per-language base image. */
        base: z.enum(LANGUAGES),
        /** Shell commands run in /testbed when the task image is built (no network). */
        setup: z.array(z.string()).default([]),
      })
      .strict(),
    /**
     * Where the repository comes from: by default the folder repo/ (one commit at created_at); or a git
     * bundle with real history (path relative to the task folder) and the base commit in it.
     */
    source: z
      .object({
        bundle: z.string().min(1),
        base_commit: z.string().regex(/^[0-9a-f]{40}$/, "a full 40-hex commit id"),
      })
      .strict()
      .optional(),
    /** Test command; the test files of test.patch are appended, as the SWE-bench harness does. */
    test_command: z.string().min(1),
    /** False for runners that take packages or filters rather than files (go test, cargo test). */
    pass_test_files: z.boolean().default(true),
    log_parser: z.string().min(1),
    FAIL_TO_PASS: z.array(z.string().min(1)).min(1),
    PASS_TO_PASS: z.array(z.string().min(1)),
    tags: z.array(z.string()).default([]),
    timeout_sec: z.number().int().positive().max(7200).default(600),
  })
  .strict();

export type TaskFile = z.infer<typeof TaskFileSchema>;
