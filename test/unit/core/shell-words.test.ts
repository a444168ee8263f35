// splitShellWords reads pass-through flags (--agent-args) the way a shell would, without expanding anything.
import { describe, expect, it } from "vitest";
import { shellWord, splitShellWords } from "../../../src/core/index.js";

describe("splitShellWords", () => {
  it("splits on blanks and keeps quoted blanks, quotes and backslashes as a shell does", () => {
    expect(splitShellWords("  --effort low   --name 'my run' ")).toEqual(["--effort", "low", "--name", "my run"]);
    expect(splitShellWords(`--settings '{"a": [1]}' --x "say \\"hi\\" \\$HOME" a\\ b ''`)).toEqual([
      "--settings",
      '{"a": [1]}',
      "--x",
      'say "hi" $HOME',
      "a b",
      "",
    ]);
    expect(splitShellWords("")).toEqual([]);
  });

  it("reads back what shellWord quoted", () => {
    const words = ["it's", "a b", "$HOME", "", "x\\y", '"q"'];
    expect(splitShellWords(words.map(shellWord).join(" "))).toEqual(words);
  });

  it("returns undefined for a quote left open", () => {
    expect(splitShellWords("--name 'my run")).toBeUndefined();
    expect(splitShellWords('--x "y')).toBeUndefined();
  });
});
