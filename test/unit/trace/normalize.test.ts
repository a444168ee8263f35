import { describe, expect, it } from "vitest";
import { firstDifference, normalizeObservation } from "../../../src/trace/normalize.js";
import { truncateOutput } from "../../../src/tools/limits.js";

describe("observation normalization", () => {
  it("ignores the timings test runners print and nothing else", () => {
    expect(firstDifference("===== 5 passed in 0.12s =====", "===== 5 passed in 3.4s =====")).toBeUndefined();
    expect(firstDifference('{"duration":12.5,"status":"passed"}', '{"duration":3,"status":"passed"}')).toBeUndefined();
    expect(firstDifference("ok  \texample.com/x\t0.012s", "ok  \texample.com/x\t1.5s")).toBeUndefined();
    expect(firstDifference("Ran 3 tests in 0.001s", "Ran 3 tests in 0.2s")).toBeUndefined();
    expect(firstDifference("===== 5 passed in 0.1s =====", "===== 4 passed in 0.1s =====")).toEqual({
      line: 1,
      recorded: "===== 5 passed in <T>s =====",
      replayed: "===== 4 passed in <T>s =====",
    });
    expect(normalizeObservation("took 12 seconds")).toBe("took 12 seconds");
  });

  it("names the first differing line and the end of a shorter output", () => {
    expect(firstDifference("a\nb\nc", "a\nb")).toEqual({ line: 3, recorded: "c", replayed: "<end of output>" });
  });
});

describe("output truncation", () => {
  it("keeps whole head and tail lines with a marker and a hint", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    const { text: cut, truncated } = truncateOutput(text, "read a smaller range", 1000);
    expect(truncated).toBe(true);
    expect(cut.startsWith("line 0\nline 1\n")).toBe(true);
    expect(cut.endsWith("line 999")).toBe(true);
    expect(cut).toMatch(/\[\.\.\. \d+ lines omitted; read a smaller range \.\.\.\]/);
    expect(cut.length).toBeLessThanOrEqual(1100);
  });

  it("cuts at the same lines when only timings differ", () => {
    const make = (t: string) => Array.from({ length: 500 }, (_, i) => `test_${i} PASSED in ${t}s`).join("\n");
    const a = truncateOutput(make("0.1"), "h", 2000).text.replace(/in [\d.]+s/g, "");
    const b = truncateOutput(make("10.25"), "h", 2000).text.replace(/in [\d.]+s/g, "");
    expect(a).toBe(b);
  });

  it("leaves short output alone", () => {
    expect(truncateOutput("short", "h", 100)).toEqual({ text: "short", truncated: false });
  });
});

describe("normalization of what differs between processes", () => {
  it("ignores process ids, object addresses and vitest's clock lines", () => {
    expect(firstDifference("hit 1 at a.py:3 in f (MainThread, pid 412)", "hit 1 at a.py:3 in f (MainThread, pid 9)")).toBeUndefined();
    expect(firstDifference("x = <Obj at 0x7f3a2b1c4d50>", "x = <Obj at 0x7f11aa00bb22>")).toBeUndefined();
    expect(
      firstDifference(
        "   Start at  14:04:05\n   Duration  3.67s (transform 238ms)",
        "   Start at  09:00:01\n   Duration  1.2s (transform 9ms)",
      ),
    ).toBeUndefined();
    expect(firstDifference("pid 4 exited 1", "pid 5 exited 2")).toMatchObject({ line: 1 });
  });
});
