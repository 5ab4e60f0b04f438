// What the editor remembers of a note after leaving it, so that coming back
// finds the undo history, the cursor and the scroll where they were (as long
// as the note on disk is still the text that was left: a note changed
// meanwhile starts afresh, since its history would undo into text that is
// no longer there). In memory only, for the last few notes; it never keeps
// anything the disk does not also have, and never writes.
import type { EditorState } from "@codemirror/state";
import { historyField } from "@codemirror/commands";

/** How many notes are remembered (each holds its text and history). */
export const REMEMBERED = 20;

interface Kept {
  /** The state as `EditorState.toJSON` gives it, with its history. */
  json: unknown;
  /** The text it holds, joined with the note's own line breaks. */
  text: string;
  scroll: number;
}

const kept = new Map<string, Kept>();

/** The fields kept beside the document and selection. */
export const KEPT_FIELDS = { history: historyField };

/** Remember `state` for `path` (most recent last; the oldest forgotten). */
export function keep(path: string, state: EditorState, scroll: number): void {
  kept.delete(path);
  kept.set(path, { json: state.toJSON(KEPT_FIELDS), text: state.sliceDoc(), scroll });
  while (kept.size > REMEMBERED) kept.delete(kept.keys().next().value!);
}

/** What was kept for `path`, if its text is `text` (the note as on disk now); forgotten either way. */
export function recall(path: string, text: string): { json: unknown; scroll: number } | null {
  const k = kept.get(path);
  kept.delete(path);
  if (!k || k.text !== text) return null;
  return { json: k.json, scroll: k.scroll };
}

/** Forget a note (it was renamed or deleted). */
export function forget(path: string): void {
  kept.delete(path);
}
