// Per-note documents: what the window holds of a note beyond what is on
// screen, keyed by vault path: its Markdown text or rendered view, the
// content hash of the disk version it started from (the base a save must
// match, see the shell's save path), and whether it has unsaved edits.
//
// The contract: a live update (a change event, or a fresh read offered after
// one) never overwrites a dirty document. It only flags it: `conflict` when
// the note changed on disk beneath the edits, `gone` when it was removed. A
// clean document touched by a change is dropped, to be read again when
// needed; one that moved follows its note. Nothing here fetches or saves:
// the editor (next issue) reads, offers and saves through the stores.
import { SvelteMap } from "svelte/reactivity";
import type { NoteView, VaultChanged } from "../api";

export interface Doc {
  path: string;
  /** The note's Markdown as held here (edited or as read); null if only the view was read. */
  text: string | null;
  view: NoteView | null;
  /** Content hash of the disk version this document is based on; null when unknown. */
  hash: string | null;
  /** Edited since it was read or saved. */
  dirty: boolean;
  /** The note changed on disk while this document was dirty. */
  conflict: boolean;
  /** The note was removed from disk while this document was dirty. */
  gone: boolean;
}

/** A read of a note from the shell. */
export interface Fresh {
  text?: string | null;
  view?: NoteView | null;
  hash: string | null;
}

export class Documents {
  private readonly docs = new SvelteMap<string, Doc>();

  get(path: string): Doc | undefined {
    return this.docs.get(path);
  }

  /** Paths of the documents with unsaved edits. */
  dirtyPaths(): string[] {
    return [...this.docs.values()].filter((d) => d.dirty).map((d) => d.path);
  }

  /**
   * A fresh read of `path`. Taken unless the document is dirty; a dirty one
   * keeps its text and is flagged as conflicting when the disk moved on.
   * Returns whether the read was taken.
   */
  offer(path: string, fresh: Fresh): boolean {
    const doc = this.docs.get(path);
    if (doc?.dirty) {
      if (fresh.hash !== null && fresh.hash !== doc.hash) this.docs.set(path, { ...doc, conflict: true });
      return false;
    }
    this.docs.set(path, {
      path,
      text: fresh.text !== undefined ? fresh.text : (doc?.text ?? null),
      view: fresh.view !== undefined ? fresh.view : (doc?.view ?? null),
      hash: fresh.hash,
      dirty: false,
      conflict: false,
      gone: false,
    });
    return true;
  }

  /** The reader typed: `text` is the document now. Only a document read first can be edited. */
  edit(path: string, text: string): boolean {
    const doc = this.docs.get(path);
    if (!doc) return false;
    this.docs.set(path, { ...doc, text, dirty: doc.dirty || text !== doc.text });
    return true;
  }

  /**
   * `text` was written and has `hash` on disk now. The document is clean
   * unless it was edited again meanwhile (it then stays dirty, on the new base).
   */
  saved(path: string, text: string, hash: string): void {
    const doc = this.docs.get(path);
    if (!doc) return;
    const edited = doc.text !== text;
    this.docs.set(path, { ...doc, hash, dirty: edited, conflict: false, gone: false });
  }

  /** Let go of a document (its editor closed), edits and all. */
  forget(path: string): void {
    this.docs.delete(path);
  }

  /**
   * A change event from the shell. Hanji's own save (`own_write`) leaves
   * documents alone: `saved` already recorded it. Otherwise moved documents
   * follow their note; clean ones changed or removed are dropped; dirty ones
   * are kept, text and all, and flagged.
   */
  apply(event: VaultChanged): void {
    if (event.own_write) return;
    for (const [from, to] of event.renamed ?? []) {
      const doc = this.docs.get(from);
      if (!doc) continue;
      this.docs.delete(from);
      this.docs.set(to, { ...doc, path: to });
    }
    // A moved note keeps its content: its document is still good at the new path.
    const from = new Set((event.renamed ?? []).map(([f]) => f));
    const to = new Set((event.renamed ?? []).map(([, t]) => t));
    for (const path of event.modified) this.touch(path, "conflict");
    for (const path of event.removed) if (!from.has(path)) this.touch(path, "gone");
    // A note appearing where a removed one was is a new base for a dirty document.
    for (const path of event.added) if (!to.has(path)) this.touch(path, "conflict");
  }

  private touch(path: string, flag: "conflict" | "gone"): void {
    const doc = this.docs.get(path);
    if (!doc) return;
    if (!doc.dirty) this.docs.delete(path);
    else if (flag === "gone") this.docs.set(path, { ...doc, gone: true });
    else this.docs.set(path, { ...doc, conflict: true, gone: false });
  }
}
