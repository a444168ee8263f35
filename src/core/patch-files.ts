// What a unified diff touches, read from its headers alone (no application): used for test
// directives, the files a reference patch edits, and the safety checks before a patch is applied.

export interface PatchFile {
  /** Path before the change, or undefined for a created file (`/dev/null`). */
  oldPath: string | undefined;
  /** Path after the change, or undefined for a deleted file. */
  newPath: string | undefined;
  /** Git binary patch with data (`GIT binary patch`). */
  binary: boolean;
  /** Binary change without its data (`Binary files a/x and b/x differ`): it cannot be applied. */
  binaryWithoutData: boolean;
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** Decodes a path git quoted C-style (core.quotePath): backslash escapes and octal UTF-8 bytes. */
export function unquoteGitPath(quoted: string): string {
  const body = quoted.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function stripPrefix(raw: string): string | undefined {
  let path = raw.replace(/^\s+/, "");
  if (path.startsWith('"')) {
    const end = /^"(?:[^"\\]|\\.)*"/.exec(path);
    path = end ? unquoteGitPath(end[0]) : path;
  } else {
    const tab = path.indexOf("\t");
    if (tab >= 0) path = path.slice(0, tab);
    path = path.replace(/\s+$/, "");
  }
  if (path === "/dev/null") return undefined;
  return path.replace(/^[ab]\//, "");
}

/** The two paths of a `diff --git` line: quoted, or unquoted with spaces (`a/x y b/x y`). */
function gitHeaderPaths(rest: string): [string, string] | undefined {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*")$/.exec(rest) ?? /^("(?:[^"\\]|\\.)*") (\S+)$/.exec(rest);
  if (quoted) return [quoted[1]!, quoted[2]!];
  // Unquoted paths may hold spaces; when old and new are the same path, the line splits in the middle.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === " " && rest.slice(2, half) === rest.slice(half + 3)) {
    return [rest.slice(0, half), rest.slice(half + 1)];
  }
  const split = rest.indexOf(" b/");
  return split > 0 ? [rest.slice(0, split), rest.slice(split + 1)] : undefined;
}

/** Files of a patch in order of appearance; understands `diff --git` blocks and bare `---`/`+++` pairs. */
export function patchFiles(patch: string): PatchFile[] {
  const files: PatchFile[] = [];
  let current: PatchFile | undefined;
  const lines = patch.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const git = line.startsWith("diff --git ") ? gitHeaderPaths(line.slice("diff --git ".length).replace(/\s+$/, "")) : undefined;
    if (git) {
      current = { oldPath: stripPrefix(git[0]), newPath: stripPrefix(git[1]), binary: false, binaryWithoutData: false };
      files.push(current);
      continue;
    }
    if (line.startsWith("--- ") && lines[i + 1]?.startsWith("+++ ")) {
      const oldPath = stripPrefix(line.slice(4));
      const newPath = stripPrefix(lines[i + 1]!.slice(4));
      if (!current || current.oldPath !== (oldPath ?? current.oldPath) || current.newPath !== (newPath ?? current.newPath)) {
        current = { oldPath, newPath, binary: false, binaryWithoutData: false };
        files.push(current);
      } else {
        current.oldPath = oldPath;
        current.newPath = newPath;
      }
      i++;
      continue;
    }
    if (current && line.startsWith("new file mode")) current.oldPath = undefined;
    if (current && line.startsWith("deleted file mode")) current.newPath = undefined;
    if (current && line === "GIT binary patch") current.binary = true;
    if (current && /^Binary files .* differ$/.test(line)) current.binaryWithoutData = true;
  }
  return files;
}

/** Paths a patch touches (new path, else old), de-duplicated in order. */
export function touchedPaths(patch: string): string[] {
  const seen = new Set<string>();
  for (const f of patchFiles(patch)) {
    const p = f.newPath ?? f.oldPath;
    if (p !== undefined) seen.add(p);
  }
  return [...seen];
}

/** Why a repository-relative path from a patch is unsafe, or undefined when it stays inside the repository. */
export function unsafePathReason(path: string): string | undefined {
  if (path.startsWith("/")) return "is absolute";
  if (path.split("/").some((part) => part === "..")) return "climbs out with '..'";
  if (path.split("/")[0] === ".git") return "writes into .git";
  if (path.includes("\0")) return "holds a NUL byte";
  return undefined;
}

export interface PatchHunk {
  /** Repository path the hunk edits (its new path). */
  path: string;
  oldStart: number;
  /** Context and removed lines, as the file holds them before the change. */
  oldText: string;
  /** Context and added lines, as the file holds them after the change. */
  newText: string;
  /** The hunk's `@@ -a,b +c,d @@` line, without the section text after it. */
  header: string;
  /** The hunk's lines as the patch writes them (` `, `-`, `+` or `\` first). */
  lines: string[];
}

/** The hunks of the text changes of a patch, per file, in order (binary parts are skipped). */
export function patchHunks(patch: string): PatchHunk[] {
  const hunks: PatchHunk[] = [];
  const lines = patch.split("\n");
  let path: string | undefined;
  let current:
    | (Pick<PatchHunk, "path" | "oldStart" | "header" | "lines"> & {
        old: string[];
        neu: string[];
        oldNoEol: boolean;
        newNoEol: boolean;
        last: string;
      })
    | undefined;
  const flush = () => {
    if (!current) return;
    const join = (parts: string[], noEol: boolean) => (parts.length === 0 ? "" : parts.join("\n") + (noEol ? "" : "\n"));
    hunks.push({
      path: current.path,
      oldStart: current.oldStart,
      oldText: join(current.old, current.oldNoEol),
      newText: join(current.neu, current.newNoEol),
      header: current.header,
      lines: current.lines,
    });
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith("diff --git ")) {
      flush();
      path = undefined;
      continue;
    }
    if (line.startsWith("+++ ") && lines[i - 1]?.startsWith("--- ")) {
      flush();
      const files = patchFiles(`${lines[i - 1]}\n${line}\n`);
      path = files[0]?.newPath ?? files[0]?.oldPath;
      continue;
    }
    const header = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
    if (header && path) {
      flush();
      current = {
        ...{ path, oldStart: Number(header[1]), header: header[0], lines: [] },
        ...{ old: [], neu: [], oldNoEol: false, newNoEol: false, last: " " },
      };
      continue;
    }
    if (!current) continue;
    const tag = line[0];
    const body = line.slice(1);
    if (tag === " ") {
      current.old.push(body);
      current.neu.push(body);
    } else if (tag === "-") current.old.push(body);
    else if (tag === "+") current.neu.push(body);
    else if (tag === "\\") {
      if (current.last !== "+") current.oldNoEol = true;
      if (current.last !== "-") current.newNoEol = true;
    } else if (line === "" && i === lines.length - 1) continue;
    else flush();
    if (tag === " " || tag === "-" || tag === "+") current!.last = tag;
    if (tag === " " || tag === "-" || tag === "+" || tag === "\\") current?.lines.push(line);
  }
  flush();
  return hunks;
}
