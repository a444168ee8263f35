// Append-only trace writer: each event is validated, numbered and written with one synchronous write,
// so a crash loses at most the line being written. A write that fails (a full disk) stops the writing,
// not the task run: the error is kept for the runner to act on, and the events stay in memory.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { diskFullError } from "../core/disk-full.js";
import { SwerigError } from "../core/errors.js";
import { describeIssues } from "../core/load-problem.js";
import { TRACE_VERSION, TraceEventSchema, type TraceEvent, type TraceEventType, type TracePayload } from "./events.js";

export interface TraceSink {
  record<T extends TraceEventType>(type: T, data: TracePayload<T>): TraceEvent;
}

export class TraceRecorder implements TraceSink {
  private fd: number | undefined;
  private seq = 0;
  readonly events: TraceEvent[] = [];
  /** The first write that failed (SwerigError "disk_full" for a full disk); nothing was written after it. */
  writeError: Error | undefined;

  constructor(
    readonly path: string | undefined,
    private readonly ids: { runId: string; taskId: string; sample: number },
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, "w");
    }
  }

  /** Throws SwerigError("internal") naming the event and its bad fields when it does not match the schema (a bug). */
  record<T extends TraceEventType>(type: T, data: TracePayload<T>): TraceEvent {
    const parsed = TraceEventSchema.safeParse({ v: TRACE_VERSION, ...this.ids, seq: this.seq, ts: this.clock().toISOString(), type, data });
    if (!parsed.success)
      throw new SwerigError(
        "internal",
        `trace event ${type} #${this.seq} does not match its schema: ${describeIssues(parsed.error.issues)}`,
      );
    const event = parsed.data;
    this.seq++;
    this.events.push(event);
    if (this.fd !== undefined && !this.writeError) {
      try {
        writeSync(this.fd, `${JSON.stringify(event)}\n`);
      } catch (error) {
        this.writeError = diskFullError(error, this.path!) ?? (error as Error);
      }
    }
    return event;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
