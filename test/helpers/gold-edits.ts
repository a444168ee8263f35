// Turns a unified diff into the swerig tool calls that make the same change: one edit_file replace per
// hunk (its context and removed lines become its context and added lines), write_file for a new file.

export interface EditCall {
  name: "edit_file" | "write_file";
  arguments: Record<string, unknown>;
}

export function goldEditCalls(patch: string): EditCall[] {
  const calls: EditCall[] = [];
  let path = "";
  let created = false;
  let oldLines: string[] | undefined;
  let newLines: string[] = [];
  const flush = () => {
    if (!oldLines) return;
    const text = (lines: string[]) => lines.map((l) => `${l}\n`).join("");
    calls.push(
      created
        ? { name: "write_file", arguments: { path, content: text(newLines) } }
        : { name: "edit_file", arguments: { path, command: "replace", old_text: text(oldLines), new_text: text(newLines) } },
    );
    oldLines = undefined;
    newLines = [];
  };
  for (const line of patch.split("\n")) {
    if (line.startsWith("diff --git ")) {
      flush();
      created = false;
    } else if (line.startsWith("--- ")) created = line === "--- /dev/null";
    else if (line.startsWith("+++ ")) path = line.slice(6);
    else if (line.startsWith("@@")) {
      flush();
      oldLines = [];
    } else if (oldLines && (line.startsWith(" ") || line.startsWith("-") || line.startsWith("+"))) {
      if (!line.startsWith("+")) oldLines.push(line.slice(1));
      if (!line.startsWith("-")) newLines.push(line.slice(1));
    }
  }
  flush();
  return calls;
}
