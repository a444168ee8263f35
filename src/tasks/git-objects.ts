// Git object ids computed without git: the base commit of a swe-tasks snapshot is known as soon as the
// task is loaded, and materializing the repository with real git must reproduce the same id.
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import { SNAPSHOT_IDENTITY, snapshotCommitMessage } from "../core/index.js";

function objectId(type: string, body: Buffer): Buffer {
  return createHash("sha1").update(`${type} ${body.length}\0`).update(body).digest();
}

interface TreeEntry {
  mode: string;
  name: string;
  id: Buffer;
  isTree: boolean;
}

/** Id of the tree git would write for `dir` (its `.git` skipped); undefined for a tree with no files. */
export async function treeId(dir: string): Promise<Buffer | undefined> {
  const entries: TreeEntry[] = [];
  for (const dirent of await readdir(dir, { withFileTypes: true })) {
    if (dirent.name === ".git") continue;
    const abs = join(dir, dirent.name);
    if (dirent.isDirectory()) {
      const id = await treeId(abs);
      if (id) entries.push({ mode: "40000", name: dirent.name, id, isTree: true });
    } else if (dirent.isSymbolicLink()) {
      const target = Buffer.from(await readlink(abs), "utf8");
      entries.push({ mode: "120000", name: dirent.name, id: objectId("blob", target), isTree: false });
    } else if (dirent.isFile()) {
      const st = await lstat(abs);
      const mode = st.mode & 0o100 ? "100755" : "100644";
      entries.push({ mode, name: dirent.name, id: objectId("blob", await readFile(abs)), isTree: false });
    }
  }
  if (entries.length === 0) return undefined;
  // Git orders a tree's entries by name, comparing a subtree's name as if it ended in "/".
  const key = (e: TreeEntry) => Buffer.from(e.isTree ? `${e.name}/` : e.name, "utf8");
  entries.sort((a, b) => Buffer.compare(key(a), key(b)));
  const body = Buffer.concat(entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`, "utf8"), e.id]));
  return objectId("tree", body);
}

/** Id of the single root commit of `dir` made with SNAPSHOT_IDENTITY at `dateIso`. */
export async function snapshotCommitId(dir: string, repo: string, dateIso: string): Promise<string> {
  const tree = await treeId(dir);
  if (!tree) throw new Error(`${dir} holds no files`);
  const seconds = Math.floor(Date.parse(dateIso) / 1000);
  const who = `${SNAPSHOT_IDENTITY.name} <${SNAPSHOT_IDENTITY.email}> ${seconds} +0000`;
  const body = `tree ${tree.toString("hex")}\nauthor ${who}\ncommitter ${who}\n\n${snapshotCommitMessage(repo)}`;
  return objectId("commit", Buffer.from(body, "utf8")).toString("hex");
}
