// What the conflict bar's Compare view (components/ConflictCompare.svelte)
// counts and says about two versions of a note, without a DOM: how many
// changed chunks @codemirror/merge finds between them, and whether their line
// endings differ (which a line-by-line view cannot show). It only reads the
// texts; it must never change, normalise or save either of them.
import { Chunk, type DiffConfig } from "@codemirror/merge";
import { Text } from "@codemirror/state";

/**
 * The diff settings of the Compare view. The component passes these to its
 * MergeView, so the count in its header is the number of chunks it draws
 * (500 is also the library's default scan limit: past it, a large and very
 * different pair of texts gets a coarser diff instead of a quadratic wait).
 */
export const DIFF_CONFIG: DiffConfig = { scanLimit: 500 };

/** How an EditorState without a line separator splits a document into lines. */
const LINE_BREAK = /\r\n?|\n/;

/**
 * The number of changed chunks between `a` and `b`: runs of changed lines,
 * as the merge view groups them. Lines are split as the view splits them, so
 * `\r\n` and `\n` count alike (see `lineEndings` for that difference).
 */
export function changeCount(a: string, b: string): number {
  if (a === b) return 0;
  return Chunk.build(Text.of(a.split(LINE_BREAK)), Text.of(b.split(LINE_BREAK)), DIFF_CONFIG).length;
}

/** The line endings a text uses: one kind, "mixed", or null for a text of one line. */
export function lineEndings(text: string): "LF" | "CRLF" | "CR" | "mixed" | null {
  const kinds = new Set(text.match(/\r\n|\r|\n/g) ?? []);
  if (kinds.size === 0) return null;
  if (kinds.size > 1) return "mixed";
  const [only] = kinds;
  return only === "\r\n" ? "CRLF" : only === "\r" ? "CR" : "LF";
}

/** The header's wording for `count` changed chunks. */
export function changeLabel(count: number): string {
  return count === 0 ? "No changes" : count === 1 ? "1 change" : `${count} changes`;
}
