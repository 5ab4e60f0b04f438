// Saving what the editor holds: autosave after typing stops, save now
// (Ctrl+S, switching notes, blur, closing), and what happens when the disk
// changed under the editor. One `EditSession` per open note; the editor
// view feeds it the text and asks it to save, and shows its status.
//
// The rules, each a test in editing.test.ts:
// - a save is always over the content hash the editor last had from disk
//   (`note_source` or the previous save): the shell refuses any other with
//   `conflict`, and nothing is written;
// - never while an input method is composing (a half-built Hangul syllable
//   is not text yet): the save waits for the composition to end;
// - one save at a time; edits during a save are saved by one more after it;
// - a save that fails (disk full, permission) leaves the text dirty, shows
//   why, and is tried again at the next save; it is never shown as saved;
// - the disk changing with no unsaved edits: the new text is adopted (the
//   editor reloads in place); with unsaved edits: a conflict, and no save
//   happens until the user chooses to reload theirs or keep theirs beside
//   as a conflict copy and save theirs over.
//
// It never touches the page or the editor view, and never writes except
// through `Saver` (the shell's save_note, which writes atomically).
import type { NoteSource, SavedNote } from "../api";
import { errorCode, errorMessage } from "../api";

/** The shell's two editing commands (the fake shell in tests). */
export interface Saver {
  noteSource(path: string): Promise<NoteSource>;
  saveNote(path: string, expected: string | null, text: string): Promise<SavedNote>;
}

/** Timers, injectable so tests run on fake time. */
export interface Clock {
  set(f: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): Date;
}

const realClock: Clock = {
  set: (f, ms) => setTimeout(f, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => new Date(),
};

/** How long after the last keystroke an autosave starts. */
export const AUTOSAVE_MS = 1000;

export type EditStatus =
  /** As on disk. */
  | "saved"
  /** Edited, not saved yet. */
  | "dirty"
  | "saving"
  /** The last save failed (`error` says why); still dirty. */
  | "failed"
  /** The disk changed under unsaved edits: nothing is saved until the user chooses. */
  | "conflict";

export class EditSession {
  status: EditStatus = "saved";
  /** Why the last save failed, for the status bar. */
  error: string | null = null;
  /** The disk's version when in conflict (theirs). */
  theirs: NoteSource | null = null;

  /** The editor's text, or how to get it: read only when needed (a save, a comparison), never per keystroke. */
  private source: string | (() => string);
  /** Whether the text differs from the disk's, once asked after the last edit. */
  private differs: boolean | null = null;
  private disk: { text: string; hash: string };
  private composing = false;
  private timer: unknown = null;
  private saving: Promise<void> | null = null;
  private again = false;

  constructor(
    readonly path: string,
    source: NoteSource,
    private readonly saver: Saver,
    private readonly onChange: (s: EditSession) => void = () => {},
    private readonly clock: Clock = realClock,
  ) {
    this.source = source.text;
    this.disk = { text: source.text, hash: source.hash };
  }

  /** The text as the editor holds it. */
  get current(): string {
    return this.text;
  }

  private get text(): string {
    if (typeof this.source === "function") this.source = this.source();
    return this.source;
  }

  private set text(text: string) {
    this.source = text;
    this.differs = null;
  }

  /** The disk's version the next save expects to replace (its text and hash). */
  get base(): NoteSource {
    return { path: this.path, text: this.disk.text, hash: this.disk.hash };
  }

  get dirty(): boolean {
    this.differs ??= this.text !== this.disk.text;
    return this.differs;
  }

  /**
   * The editor's text changed (a keystroke, a paste, an undo). `text` may be
   * a function giving it: a long note's text is then joined only when a save
   * or a comparison needs it, not at every keystroke, and until then the
   * note counts as edited (an undo back to the saved text shows "saved" at
   * the next save, which then writes nothing).
   */
  edit(text: string | (() => string)): void {
    this.source = text;
    this.differs = typeof text === "function" ? true : null;
    if (this.status === "conflict") return;
    this.set(this.dirty ? (this.status === "failed" ? "failed" : "dirty") : "saved");
    this.schedule();
  }

  /** An input method started or ended composing: no save in between. */
  setComposing(composing: boolean): void {
    this.composing = composing;
    if (!composing && this.dirty) this.schedule();
  }

  /** Saves now (Ctrl+S, leaving the note, blur). Resolves when nothing is left to save. */
  async save(): Promise<void> {
    this.unschedule();
    if (this.status === "conflict" || this.composing) return;
    if (this.saving) {
      this.again = true;
      return this.saving;
    }
    // The real comparison (an edit given as a function only assumed one).
    this.differs = null;
    if (!this.dirty) {
      this.set("saved");
      return;
    }
    this.saving = this.run();
    try {
      await this.saving;
    } finally {
      this.saving = null;
    }
    if (this.again) {
      this.again = false;
      await this.save();
    }
  }

  /**
   * The note changed on disk (a change event that is not our own save):
   * with no unsaved edits, the disk's text is adopted and returned for the
   * editor to show; with edits, a conflict, and null.
   */
  async external(): Promise<string | null> {
    const theirs = await this.saver.noteSource(this.path);
    if (theirs.hash === this.disk.hash) return null;
    if (!this.dirty && !this.saving) {
      this.text = theirs.text;
      this.disk = { text: theirs.text, hash: theirs.hash };
      this.set("saved");
      return theirs.text;
    }
    this.conflict(theirs);
    return null;
  }

  /** In conflict: drop the edits, take the disk's text (returned for the editor). */
  reloadTheirs(): string {
    const theirs = this.theirs;
    if (!theirs) return this.text;
    this.text = theirs.text;
    this.disk = { text: theirs.text, hash: theirs.hash };
    this.theirs = null;
    this.error = null;
    this.set("saved");
    return this.text;
  }

  /**
   * In conflict: keep theirs beside the note as a conflict copy (a new
   * note, never over an existing one), then save mine over theirs.
   */
  async keepMine(): Promise<string> {
    const theirs = this.theirs;
    if (!theirs) return this.path;
    const copy = conflictCopyPath(this.path, this.clock.now());
    await this.saver.saveNote(copy, null, theirs.text);
    this.disk = { text: theirs.text, hash: theirs.hash };
    this.differs = null;
    this.theirs = null;
    this.set("dirty");
    await this.save();
    return copy;
  }

  /** Stops the autosave timer (the note is closed; save first). */
  dispose(): void {
    this.unschedule();
  }

  private async run(): Promise<void> {
    const text = this.text;
    this.set("saving");
    try {
      const saved = await this.saver.saveNote(this.path, this.disk.hash, text);
      this.disk = { text, hash: saved.hash };
      this.differs = null;
      this.error = null;
      this.set(this.dirty ? "dirty" : "saved");
      if (this.dirty) this.again = true;
    } catch (e) {
      if (errorCode(e) === "conflict") {
        try {
          this.conflict(await this.saver.noteSource(this.path));
        } catch (read) {
          // Gone or unreadable now: still a conflict, with nothing to show of theirs.
          this.error = errorMessage(read);
          this.set("conflict");
        }
        return;
      }
      this.error = errorMessage(e);
      this.set("failed");
    }
  }

  private conflict(theirs: NoteSource): void {
    this.unschedule();
    this.theirs = theirs;
    this.set("conflict");
  }

  private schedule(): void {
    this.unschedule();
    if (this.composing || !this.dirty || this.status === "conflict") return;
    this.timer = this.clock.set(() => {
      this.timer = null;
      void this.save();
    }, AUTOSAVE_MS);
  }

  private unschedule(): void {
    if (this.timer !== null) this.clock.clear(this.timer);
    this.timer = null;
  }

  private set(status: EditStatus): void {
    this.status = status;
    this.onChange(this);
  }
}

/**
 * Where a conflict copy of `path` goes: beside it, as Obsidian users know
 * from sync tools, `Note (conflict 2026-12-01 130512).md`.
 */
export function conflictCopyPath(path: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp =
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  const dot = name.toLowerCase().endsWith(".md") ? name.length - 3 : name.length;
  return `${dir}${name.slice(0, dot)} (conflict ${stamp})${name.slice(dot)}`;
}
