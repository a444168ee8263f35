// The log of one image build: every line goes to a file on the host, the last lines stay in memory so
// a failure can quote them.
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

const TAIL_LINES = 40;
// Colour codes the daemon wraps around a RUN step's stderr.
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes and control characters are what it removes
const ANSI_ESCAPE = /\u001b\[[0-9;]*m/g;

export class BuildLog {
  private readonly tailLines: string[] = [];
  private partial = "";

  private constructor(
    readonly path: string,
    private readonly out: WriteStream,
    private readonly onLine?: (line: string) => void,
  ) {}

  /** Creates (truncates) the log file at `path`. Rejects when its directory cannot be created. */
  static async open(path: string, onLine?: (line: string) => void): Promise<BuildLog> {
    await mkdir(dirname(path), { recursive: true });
    return new BuildLog(path, createWriteStream(path, { flags: "w" }), onLine);
  }

  /** Appends raw output, which may hold several lines or part of one. */
  write(raw: string): void {
    const text = raw.replace(ANSI_ESCAPE, "");
    this.out.write(text);
    const pieces = (this.partial + text).split(/\r?\n|\r/);
    this.partial = pieces.pop() ?? "";
    for (const line of pieces) this.remember(line);
  }

  /** Appends one line. */
  line(text: string): void {
    this.write(`${text}\n`);
  }

  /** The last lines written, for an error message. */
  tail(lines: number = TAIL_LINES): string {
    const all = this.partial ? [...this.tailLines, this.partial] : this.tailLines;
    return all.slice(-lines).join("\n");
  }

  /** Flushes and closes the file; never rejects. */
  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(() => resolve()));
  }

  private remember(line: string): void {
    this.tailLines.push(line);
    if (this.tailLines.length > TAIL_LINES) this.tailLines.shift();
    this.onLine?.(line);
  }
}
