// Finding the place to scroll to inside a rendered note: the element an
// anchor names, or the block that holds a given source line (the HTML
// carries no line numbers, so a line is found through the text of its
// snippet, else through the heading above it). DOM queries only, no side
// effects.
//
// Every anchor the UI is handed is an element id the shell made with the
// engine's one rule (`hanji_syntax::heading::anchor`, block ids in lower
// case): an outline item's `anchor`, a rendered link's `data-anchor`, an
// outgoing link's `anchor`, an in-page `href`. So an anchor is looked up as
// it is, never normalised or guessed at here.
import type { OutlineItem } from "./api";
import { NOTE_ID_PREFIX } from "./bindings";

/**
 * The prefix the renderer puts before every id a note brings (so a heading
 * called `search-input` cannot shadow the app's own element); anchors are
 * compared without it. Generated from `hanji_render::ID_PREFIX`.
 */
export { NOTE_ID_PREFIX };

function decode(anchor: string): string {
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

/** An element's id as the note wrote it (without the renderer's prefix). */
function noteId(el: HTMLElement): string {
  return el.id.startsWith(NOTE_ID_PREFIX) ? el.id.slice(NOTE_ID_PREFIX.length) : el.id;
}

/**
 * The element inside `root` whose id, without the renderer's prefix, is
 * `anchor` (a leading `#` ignored; percent-encoded as an `href` may be, or
 * not). The first one, as a browser would: `[[Note#Heading]]` points at the
 * first heading of that name. Searched inside `root` only, so a note never
 * reaches the app's own ids.
 */
export function findAnchor(root: ParentNode, anchor: string): HTMLElement | null {
  const raw = anchor.replace(/^#/, "");
  if (!raw) return null;
  const wanted = new Set([raw, decode(raw)]);
  return Array.from(root.querySelectorAll<HTMLElement>("[id]")).find((el) => wanted.has(noteId(el))) ?? null;
}

/** The last heading at or above `line`, or null when the line comes first. */
export function headingBefore(outline: readonly OutlineItem[], line: number): OutlineItem | null {
  let found: OutlineItem | null = null;
  for (const item of outline) {
    if (item.line <= line) found = item;
    else break;
  }
  return found;
}

const MARKUP =
  /!?\[\[[^\]]*\]\]|!?\[[^\]]*\]\([^)]*\)|`[^`]*`|<[^>]+>|(?:^|\s)#[^\s#]+|\s\^[\w-]+\s*$|[*_~=]{1,3}|\$[^$]*\$/gu;

/**
 * The longest run of plain prose in a Markdown source line: the part most
 * likely to appear unchanged in the rendered text. Null when none is long
 * enough to be told apart.
 */
export function snippetProbe(snippet: string): string | null {
  const line = snippet
    .replace(/^\s*(?:…|\.\.\.)/, "")
    .replace(/(?:…|\.\.\.)\s*$/, "")
    .replace(/^\s*(?:>\s*)*(?:#{1,6}\s+|[-*+]\s+(?:\[.\]\s+)?|\d+[.)]\s+(?:\[.\]\s+)?)?/, "")
    // A snippet read as the note reads shows a task's box as ☐ or ☑.
    .replace(/^[☐☑]\s+/, "");
  let best = "";
  for (const piece of line.split(MARKUP)) {
    const text = (piece ?? "").replace(/\s+/g, " ").trim();
    if (Array.from(text).length > Array.from(best).length) best = text;
  }
  return Array.from(best).length >= 2 ? best : null;
}

const BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, blockquote, pre, dt, dd, .callout-title";

function follows(a: Node, b: Node): boolean {
  return (b.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

/**
 * The innermost block of the note (embeds left out) whose text holds the
 * snippet's probe; among several, the first at or after `after` if given.
 */
export function findTextBlock(
  root: Element,
  snippet: string,
  after: Element | null = null,
): HTMLElement | null {
  const probe = snippetProbe(snippet);
  if (!probe) return null;
  const matches = Array.from(root.querySelectorAll<HTMLElement>(BLOCKS)).filter(
    (el) =>
      !el.closest(".embed") &&
      (el.textContent ?? "").replace(/\s+/g, " ").includes(probe),
  );
  const innermost = matches.filter((el) => !matches.some((m) => m !== el && el.contains(m)));
  if (after) {
    const later = innermost.find((el) => el === after || follows(el, after));
    if (later) return later;
  }
  return innermost[0] ?? null;
}

/**
 * Where to scroll for a source line: the block holding its snippet when the
 * text can be found, else the heading above it, else null (the top).
 */
export function findLine(
  root: Element,
  outline: readonly OutlineItem[],
  line: number,
  snippet?: string,
): HTMLElement | null {
  const heading = headingBefore(outline, line);
  const headingEl = heading ? findAnchor(root, heading.anchor) : null;
  const block = snippet ? findTextBlock(root, snippet, headingEl) : null;
  return block ?? headingEl;
}

/** Whether a rendered note starts with its own H1: then the page shows no title of its own above it. */
export function startsWithTitle(html: string): boolean {
  return /^\s*<h1[\s>]/i.test(html);
}
