// File operations from the window: rename (inline in the tree, F2), move
// (drag and drop, the Move to… picker), delete (with confirmation), create,
// undo. The shell plans each one first; when it changes more than the file
// itself, or deletes, the plan is shown and waits for a yes. What is being
// edited is saved before anything moves, so no unsaved text is left behind
// at an old path. What changed on disk comes back as a change event, which
// updates the tree, the note on screen and the history (changes.ts). Never
// touches the page.
import { api, errorCode, errorMessage, type OperationArg, type PlanView, type TreeNode } from "../api";
import { doneMessage, folderOf, needsPreview, notePathForLink, untitledFolder, untitledPath } from "../fileops";

export interface FileOpsDeps {
  /** A message at the bottom of the window, with an optional action (Undo). */
  notify(message: string, action?: { label: string; run: () => void }): void;
  /** Saves what is being edited; false when some text could not be saved. */
  saveEdits(): Promise<boolean>;
  /** Opens a note, in the editor when `edit`. */
  open(path: string, edit: boolean): Promise<void>;
  tree(): TreeNode | null;
  /** The note open now, if any. */
  current(): string | null;
  /** Opens the folders of `path` in the tree. */
  reveal(path: string): void;
}

/** A plan waiting for the user's yes. */
export interface Pending {
  op: OperationArg;
  plan: PlanView;
}

/** The context menu of a tree row. */
export interface Menu {
  path: string;
  kind: TreeNode["kind"];
  x: number;
  y: number;
}

export class FileOps {
  /** The tree row being renamed in place. */
  renaming = $state<string | null>(null);
  pending = $state<Pending | null>(null);
  /** The file or folder the Move to… picker is moving. */
  moving = $state<string | null>(null);
  menu = $state<Menu | null>(null);
  busy = $state(false);

  constructor(private readonly deps: FileOpsDeps) {}

  /** Plans `op`; applies it at once when it changes only the file, else shows the plan. */
  async request(op: OperationArg): Promise<void> {
    if (this.busy) return;
    let plan: PlanView;
    try {
      plan = await api.planOperation(op);
    } catch (error) {
      this.deps.notify(refusal(error));
      return;
    }
    if (needsPreview(op, plan)) this.pending = { op, plan };
    else await this.apply(op);
  }

  /** The user said yes to the plan shown. */
  async confirm(): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (pending) await this.apply(pending.op);
  }

  cancel(): void {
    this.pending = null;
  }

  private async apply(op: OperationArg): Promise<void> {
    this.busy = true;
    try {
      if (!(await this.deps.saveEdits())) {
        this.deps.notify("Not done: the note being edited could not be saved first");
        return;
      }
      const plan = await api.applyOperation(op);
      this.deps.notify(doneMessage(plan), { label: "Undo", run: () => void this.undo() });
    } catch (error) {
      this.deps.notify(refusal(error));
    } finally {
      this.busy = false;
    }
  }

  /** Undoes the last file operation. */
  async undo(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      if (!(await this.deps.saveEdits())) {
        this.deps.notify("Not undone: the note being edited could not be saved first");
        return;
      }
      const done = await api.undoOperation();
      this.deps.notify(`Undone: ${done.label ?? "the last operation"}`);
    } catch (error) {
      this.deps.notify(errorCode(error) === "nothing_to_undo" ? "Nothing to undo" : refusal(error));
    } finally {
      this.busy = false;
    }
  }

  /**
   * Creates a note (`Untitled` in `folder` unless a path is given; without
   * a folder, where the vault's `newFileLocation` says) and opens it in the
   * editor.
   */
  async create(folder?: string, path?: string): Promise<string | null> {
    const tree = this.deps.tree();
    const into = folder ?? (await this.newNoteFolder());
    const at = path ?? (tree ? untitledPath(tree, into) : null);
    if (!at) return null;
    try {
      const created = await api.createNote(at);
      await this.deps.open(created.path, true);
      return created.path;
    } catch (error) {
      this.deps.notify(`Cannot create ${at}: ${errorMessage(error)}`);
      return null;
    }
  }

  /**
   * A new folder in `parent`, named in place right away (as Obsidian does).
   * The vault lists files, not folders, so the folder is made with a first
   * note in it, `Untitled.md`, which also keeps it when it is renamed.
   */
  async createFolder(parent: string): Promise<void> {
    const tree = this.deps.tree();
    if (!tree) return;
    const folder = untitledFolder(tree, parent);
    try {
      await api.createNote(`${folder}/Untitled.md`);
    } catch (error) {
      this.deps.notify(`Cannot create ${folder}: ${errorMessage(error)}`);
      return;
    }
    this.deps.reveal(`${folder}/Untitled.md`);
    this.renaming = folder;
  }

  private async newNoteFolder(): Promise<string> {
    try {
      return await api.newNoteFolder(this.deps.current());
    } catch {
      return "";
    }
  }

  /** A click on an unresolved link: the note it names (in its folder, else where new notes go), created and opened. */
  async createFromLink(target: string): Promise<void> {
    const path = notePathForLink(target, target.includes("/") ? "" : await this.newNoteFolder());
    if (!path) {
      this.deps.notify(`No note can be made for the link ${target}`);
      return;
    }
    await this.create(folderOf(path), path);
  }

  /**
   * Notes were renamed outside Hanji (a file manager, git): when links now
   * lead nowhere because of it, offer to rewrite them (the same plan, shown
   * first).
   */
  async renamedOutside(pairs: [string, string][]): Promise<void> {
    if (pairs.length === 0) return;
    const op: OperationArg = { kind: "relink", pairs };
    let plan: PlanView;
    try {
      plan = await api.planOperation(op);
    } catch {
      // Nothing to offer (the note moved on again, say): the links stay as they are.
      return;
    }
    if (plan.edit_count === 0) return;
    const what = pairs.length === 1 ? `${pairs[0][0]} was renamed to ${pairs[0][1]}` : `${pairs.length} notes were renamed`;
    const links = `${plan.edit_count} link${plan.edit_count === 1 ? "" : "s"}`;
    const notes = `${plan.notes.length} note${plan.notes.length === 1 ? "" : "s"}`;
    this.deps.notify(`${what} outside Hanji: ${links} in ${notes} no longer lead to it`, {
      label: "Update links",
      run: () => void this.request(op),
    });
  }

  startRename(path: string): void {
    this.menu = null;
    this.renaming = path;
  }

  /** The inline rename ended: `to` is the new path, null when cancelled or unchanged. */
  async finishRename(from: string, to: string | null): Promise<void> {
    this.renaming = null;
    if (to) await this.request({ kind: "move", from, to });
  }
}

/** What to tell the user when the shell refused. */
function refusal(error: unknown): string {
  return `Not done: ${errorMessage(error)}`;
}
