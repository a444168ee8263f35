// Bounded capture of a command's output: keeps the first and last bytes up to a limit, counts the
// rest, and decodes once at the end so multi-byte characters split across chunks stay whole.

import { omissionMarker } from "../core/index.js";

export const TRUNCATION_MARKER = (dropped: number) => `\n${omissionMarker(dropped, "bytes", "cut by swerig")}\n`;

export class OutputBuffer {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  total = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    const headRoom = Math.floor(this.maxBytes / 2) - this.headBytes;
    if (headRoom > 0) {
      const part = chunk.subarray(0, headRoom);
      this.head.push(part);
      this.headBytes += part.length;
      chunk = chunk.subarray(part.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    const tailLimit = this.maxBytes - Math.floor(this.maxBytes / 2);
    while (this.tailBytes - (this.tail[0]?.length ?? 0) >= tailLimit && this.tail.length > 1) {
      this.tailBytes -= this.tail.shift()!.length;
    }
  }

  get truncated(): boolean {
    return this.total > this.maxBytes;
  }

  text(): string {
    const head = Buffer.concat(this.head);
    let tail = Buffer.concat(this.tail);
    const dropped = this.total - head.length - tail.length;
    if (dropped <= 0 && tail.length + head.length <= this.maxBytes) {
      return Buffer.concat([head, tail]).toString("utf8");
    }
    const tailLimit = this.maxBytes - Math.floor(this.maxBytes / 2);
    let extra = 0;
    if (tail.length > tailLimit) {
      extra = tail.length - tailLimit;
      tail = tail.subarray(extra);
    }
    return head.toString("utf8") + TRUNCATION_MARKER(dropped + extra) + tail.toString("utf8");
  }
}
