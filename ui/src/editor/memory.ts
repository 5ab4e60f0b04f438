// What the editor remembers of a note after leaving it, so that coming back
// finds the undo history, the cursor and the scroll where they were (as long
// as the note on disk is still the text that was left: a note changed
// meanwhile starts afresh, since its history would undo into text that is
// no longer there). In memory only, for the last few notes; it never writes.
//
// One exception to "as on disk": text whose save failed when the note was
// left (a read-only file, a full disk). It is kept, with the disk's version
// it was edited from, until a save of it succeeds: reopening the note brings
// it back unsaved, and its save is checked against that version, so a
// change made on disk meanwhile is a conflict, never overwritten.
//
// It imports nothing of CodeMirror (the app's state asks it about unsaved
// text at start, before the editor's code is loaded): the editor hands it
// the state as JSON.
import type { NoteSource } from "../api";

/** How many notes are remembered (each holds its text and history). */
export const REMEMBERED = 20;

interface Kept {
  /** The state as `EditorState.toJSON` gives it, with its history. */
  json: unknown;
  /** The text it holds, joined with the note's own line breaks. */
  text: string;
  scroll: number;
  /** Set when the text is not on disk: the version it was edited from. */
  unsaved: NoteSource | null;
}

/** What a reopened note starts from. */
export interface Recalled {
  json: unknown;
  scroll: number;
  /** The text is unsaved, edited from this version of the disk's. */
  unsaved: NoteSource | null;
}

const kept = new Map<string, Kept>();
/**
 * Notes renamed (old path → new path) since their editor last kept them:
 * an editor closing because its note moved keeps its state under the new
 * path, where the note is reopened.
 */
const moved = new Map<string, string>();

/** Remember `state` for `path` (most recent last; the oldest saved one forgotten, never an unsaved one). */
export function keep(path: string, json: unknown, text: string, scroll: number, unsaved: NoteSource | null = null): void {
  const to = moved.get(path);
  if (to !== undefined) {
    moved.delete(path);
    path = to;
  }
  kept.delete(path);
  kept.set(path, { json, text, scroll, unsaved });
  for (const [p, k] of kept) {
    if (kept.size <= REMEMBERED) break;
    if (!k.unsaved) kept.delete(p);
  }
}

/** The kept text of `path` could not be saved: keep it until a save succeeds. */
export function markUnsaved(path: string, base: NoteSource): void {
  const k = kept.get(path);
  if (k) k.unsaved = base;
}

/**
 * What was kept for `path`: its unsaved text, or its state if its text is
 * `text` (the note as on disk now). Forgotten either way: the editor holds
 * it from now on.
 */
export function recall(path: string, text: string): Recalled | null {
  const k = kept.get(path);
  kept.delete(path);
  if (!k || (!k.unsaved && k.text !== text)) return null;
  return { json: k.json, scroll: k.scroll, unsaved: k.unsaved };
}

/** Notes whose text is kept here unsaved, with that text and the version it was edited from. */
export function unsavedNotes(): { path: string; text: string; base: NoteSource }[] {
  return [...kept].flatMap(([path, k]) => (k.unsaved ? [{ path, text: k.text, base: k.unsaved }] : []));
}

/** The kept unsaved text of `path` is on disk now (or given up): an ordinary memory again. */
export function markSaved(path: string): void {
  const k = kept.get(path);
  if (k) k.unsaved = null;
}

/**
 * A note moved from `from` to `to`: what is kept for it follows, and so
 * does what its open editor keeps when it closes. Its undo history is
 * still only used if the text is what the note holds then (a rename that
 * rewrote a link inside it starts afresh).
 */
export function follow(from: string, to: string): void {
  const k = kept.get(from);
  if (k) {
    kept.delete(from);
    kept.set(to, k);
  }
  moved.set(from, to);
}

/** Forget a note (it was renamed or deleted). */
export function forget(path: string): void {
  kept.delete(path);
}
