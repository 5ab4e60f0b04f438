// The paths of file operations as the UI forms them: a rename's new path
// from the name typed, a move into a folder, a free "Untitled" name, the
// note an unresolved link asks for, and what a plan's toast says. Pure;
// whether a path is allowed and what the links become is the shell's to
// decide (it plans, proves and refuses).
import type { OperationArg, PlanView, TreeNode } from "./api";

/** The folder part of a vault path (`""` at the root). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** `folder` + `/` + `name`, or `name` at the root. */
export function joinPath(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}

/**
 * The new path of a note, attachment or folder renamed to `typed` (NFC,
 * trimmed): in the same folder; a note keeps `.md` when it is not typed,
 * an attachment its extension. `null` when the name is empty or unchanged.
 */
export function renamedPath(path: string, kind: TreeNode["kind"], typed: string): string | null {
  const name = typed.normalize("NFC").trim();
  if (!name) return null;
  const old = path.slice(path.lastIndexOf("/") + 1);
  let file = name;
  if (kind === "note" && !/\.md$/i.test(name)) file = `${name}.md`;
  if (kind === "attachment" && !name.includes(".")) {
    const ext = old.includes(".") ? old.slice(old.lastIndexOf(".")) : "";
    file = `${name}${ext}`;
  }
  const to = joinPath(folderOf(path), file);
  return to === path ? null : to;
}

/** The path of `path` moved into `folder` (`""`: the root); null when it is there already or would go into itself. */
export function movedPath(path: string, folder: string): string | null {
  if (folderOf(path) === folder) return null;
  if (folder === path || folder.startsWith(`${path}/`)) return null;
  return joinPath(folder, path.slice(path.lastIndexOf("/") + 1));
}

/** Every name directly in `folder` of the tree, lower-cased. */
function namesIn(tree: TreeNode, folder: string): Set<string> {
  let node: TreeNode | undefined = tree;
  for (const part of folder ? folder.split("/") : []) {
    node = node?.children.find((c) => c.kind === "folder" && c.name === part);
  }
  return new Set((node?.children ?? []).map((c) => c.name.toLowerCase()));
}

/** `Untitled.md`, else `Untitled 1.md`, `Untitled 2.md`… in `folder`, as Obsidian names new notes. */
export function untitledPath(tree: TreeNode, folder: string, base = "Untitled"): string {
  const taken = namesIn(tree, folder);
  for (let n = 0; ; n++) {
    const name = n === 0 ? `${base}.md` : `${base} ${n}.md`;
    if (!taken.has(name.toLowerCase())) return joinPath(folder, name);
  }
}

/** A free folder name in `parent`: `Untitled`, else `Untitled 1`… (what Obsidian names a new folder). */
export function untitledFolder(tree: TreeNode, parent: string): string {
  const taken = namesIn(tree, parent);
  for (let n = 0; ; n++) {
    const name = n === 0 ? "Untitled" : `Untitled ${n}`;
    if (!taken.has(name.toLowerCase())) return joinPath(parent, name);
  }
}

/**
 * The note an unresolved link asks for: `Folder/Name` becomes
 * `Folder/Name.md`, a bare `Name` goes to `folder` (where new notes go);
 * an anchor is dropped. `null` when the link names no file (`#Heading`
 * alone, `..`).
 */
export function notePathForLink(target: string, folder: string): string | null {
  const path = target.split("#")[0].normalize("NFC").trim().replace(/^\/+/, "");
  if (!path || path.split("/").some((p) => p === "" || p === "." || p === "..")) return null;
  const file = /\.md$/i.test(path) ? path : `${path}.md`;
  return path.includes("/") ? file : joinPath(folder, file);
}

/** Every folder of the tree, root first (as `""`), for the move picker. */
export function folderPaths(tree: TreeNode): string[] {
  const out = [""];
  const walk = (n: TreeNode) => {
    for (const c of n.children) {
      if (c.kind === "folder") {
        out.push(c.path);
        walk(c);
      }
    }
  };
  walk(tree);
  return out;
}

/** Whether a plan changes more than the file it renames: then the user sees the list first. */
export function needsPreview(op: OperationArg, plan: PlanView): boolean {
  if (op.kind === "delete") return true;
  // Obsidian's "Automatically update internal links": renames just happen.
  if (op.kind === "move" && plan.always_update_links) return false;
  if (op.kind === "relink") return plan.notes.length > 0;
  if (op.kind === "rename_heading") return plan.notes.some((n) => n.path !== op.note);
  return plan.notes.some((n) => n.path !== op.from);
}

/** What the toast says once a plan is done. */
export function doneMessage(plan: PlanView): string {
  const notes = plan.notes.length;
  if (plan.deletes.length > 0 && plan.moves.length === 0) {
    const gone = plan.unresolved > 0 ? ` · ${plan.unresolved} link${plan.unresolved === 1 ? "" : "s"} to it now unresolved` : "";
    return `${plan.label.replace(/^Delete/, "Deleted")}${gone}`;
  }
  const past = plan.label.replace(/^Rename/, "Renamed").replace(/^Move/, "Moved").replace(/^Update/, "Updated");
  if (plan.edit_count === 0) return past;
  // A heading rename's edits are its own line and the links to it.
  const unit = plan.label.startsWith("Rename the heading") ? "change" : "link";
  const links = `${plan.edit_count} ${unit}${plan.edit_count === 1 ? "" : "s"}`;
  return `${past} · ${links} in ${notes} note${notes === 1 ? "" : "s"} updated`;
}
