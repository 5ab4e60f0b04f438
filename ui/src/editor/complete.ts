// Autocompletion for the Markdown editor, as Obsidian does it: `[[` and `![[`
// suggest notes (and, for embeds, attachments), `[[Note#` a note's headings,
// `[[Note#^` its block ids, and `#` existing tags.
//
// What it must never do: change the document by itself (an option is applied
// only when the user picks it, and CodeMirror ignores keys while an input
// method composes), throw or reject (a failing data call means no list), call
// the shell directly (everything comes through `CompletionData`, so tests
// need no window), or derive a link's text itself (the core's resolver says
// which spelling reaches a file from this note; guessing would write links
// that point elsewhere when names are shared).
//
// Ranking is the quick switcher's matcher (../fuzzy.ts), which CodeMirror's
// own filter knows nothing of (`ㄹㄷㅅ` does not match `레디스` there), so
// every result says `filter: false` and carries its own order and
// highlighting. Without a `validFor`, CodeMirror asks the source again on
// every key and, until the answer comes, shows the old list disabled, where
// Enter would insert a line break; so each result also has an `update` that
// re-ranks the data it already has synchronously while the context stays
// the same (same kind, same `[[` or `#`, same target), and only asks again
// when it cannot (a note whose link text it does not know yet).
import {
  autocompletion,
  pickedCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
  type CompletionSource,
} from "@codemirror/autocomplete";
import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";
import type { EditorState, Extension } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import type { SyntaxNode } from "@lezer/common";
import type { LinkTexts, SwitcherItem, TagCount } from "../api";
import { fuzzyFilter, type Ranked } from "../fuzzy";
import { matchedOn, rankSwitcher, switcherKeys } from "../switcher";

export interface Anchors {
  /** The vault path the link resolved to. */
  path: string;
  /** `link`: what a link writes after `#` for it, from the core (the one home of the heading rule). */
  headings: { text: string; level: number; link: string }[];
  blocks: { id: string; text: string }[];
}

/** What completion reads from the vault; the editor backs it with the shell. */
export interface CompletionData {
  /** Vault path of the note being edited (e.g. "Interview/Redis.md"). */
  from(): string;
  /** Notes for the switcher: path, title, aliases. */
  notes(): Promise<SwitcherItem[]>;
  /** Attachment (non-Markdown) file paths in the vault. */
  attachments(): Promise<string[]>;
  /** Existing tags, parents included. */
  tags(): Promise<TagCount[]>;
  /**
   * The link text that resolves to each target from the note `from`, as
   * the vault's settings write new links, computed by the core's resolver
   * ("Redis" or "Interview/Redis" for notes, without `.md`; "img/a.png" for
   * attachments), in the order of `targets`. With `markdown`, each is a
   * Markdown destination instead ("Interview/Redis.md", `%20` for a space)
   * and the link is written `[name](text)`.
   */
  linkTexts(from: string, targets: string[]): Promise<LinkTexts>;
  /**
   * Headings and block ids of the note a link's path text (as written, e.g.
   * "Redis") resolves to from the note `from`; null when it does not resolve.
   */
  anchors(from: string, link: string): Promise<Anchors | null>;
}

/** Notes and tags shown at most; the list scrolls, typing narrows it. */
export const LIMIT = 30;
/** A note's headings or blocks shown at most (they come in document order). */
export const ANCHOR_LIMIT = 100;
/** Characters of a block's text shown beside its id. */
const BLOCK_DETAIL = 60;

/**
 * Syntax nodes whose text is code, where `[[` and `#` mean nothing. Names from
 * @lezer/markdown; `CodeText` and `CodeMark` are the insides of the first three.
 */
const CODE_NODES = new Set(["InlineCode", "FencedCode", "CodeBlock", "CodeText", "CodeMark", "URL", "Autolink"]);

/** Whether the character at `pos` is inside code (or a URL) by the Markdown syntax tree. */
export function inCode(state: EditorState, pos: number): boolean {
  // The tree near the cursor is normally parsed already; ensuring it costs
  // nothing then and makes the answer right on a large note just opened.
  const tree = ensureSyntaxTree(state, Math.min(pos + 1, state.doc.length), 20) ?? syntaxTree(state);
  for (let node: SyntaxNode | null = tree.resolveInner(pos, 1); node; node = node.parent) {
    if (CODE_NODES.has(node.name)) return true;
  }
  return false;
}

// ---- Contexts: what is being typed before the cursor ----

/** An unclosed `[[` (or `![[`) on the line before the cursor, and what follows it. */
const OPEN_LINK = /(!?)\[\[([^[\]]*)$/;

export type LinkContext =
  | { kind: "note"; embed: boolean; from: number; query: string }
  | { kind: "heading" | "block"; embed: boolean; from: number; target: string; query: string };

/**
 * The wiki link being typed at `pos`: `from` is where `[[` (or `![[`) starts,
 * so an option replaces the whole link. Null outside a link, in code, and
 * after `|` (the display text is the user's own).
 */
export function linkContext(state: EditorState, pos: number): LinkContext | null {
  const line = state.doc.lineAt(pos);
  const m = OPEN_LINK.exec(line.text.slice(0, pos - line.from));
  if (!m) return null;
  const from = line.from + m.index;
  const inner = m[2];
  if (inner.includes("|") || inCode(state, from + m[1].length)) return null;
  const embed = m[1] === "!";
  const hash = inner.indexOf("#");
  if (hash < 0) return { kind: "note", embed, from, query: inner };
  const target = inner.slice(0, hash);
  const rest = inner.slice(hash + 1);
  return rest.startsWith("^")
    ? { kind: "block", embed, from, target, query: rest.slice(1) }
    : { kind: "heading", embed, from, target, query: rest };
}

/** Characters a tag may hold (the core's `is_tag_char`: Rust's alphanumeric, `_`, `-`, `/`). */
const TAG_CHARS = /[\p{Alphabetic}\p{N}_\-/]/u;
/** `#` after white space or at line start, then tag characters up to the cursor. */
const TAG_BEFORE = /(?:^|\s)#([\p{Alphabetic}\p{N}_\-/]*)$/u;

export interface TagContext {
  /** Where the `#` is. */
  from: number;
  query: string;
}

/**
 * The tag being typed at `pos`, by the core's rule for what a tag is (a `#`
 * at line start or after white space, so `a#b` and URL fragments are not);
 * null in code, inside an open `[[` (there `#` starts a heading), or for a
 * `#` that begins a heading. A bare `#` completes only when asked (Ctrl-Space):
 * typing `#` to start a heading must not open a list that takes the Enter.
 */
export function tagContext(state: EditorState, pos: number, explicit: boolean): TagContext | null {
  const line = state.doc.lineAt(pos);
  const before = line.text.slice(0, pos - line.from);
  const m = TAG_BEFORE.exec(before);
  if (!m) return null;
  const query = m[1];
  const hash = pos - query.length - 1;
  if (query.startsWith("/")) return null;
  if (query === "" && (!explicit || (hash === line.from && /^\s/.test(line.text.slice(pos - line.from))))) {
    return null;
  }
  if (OPEN_LINK.test(before.slice(0, hash - line.from)) || inCode(state, hash)) return null;
  return { from: hash, query };
}

// ---- Options ----

/** Extra fields the options carry for highlighting (UTF-16 ranges in the label). */
type Option = Completion & { ranges?: readonly number[] };

/**
 * The matched characters of `text` (NFC code point positions from the
 * matcher) as `[from, to, from, to, ...]` UTF-16 ranges shifted by `shift`;
 * none for a text not in NFC, where the positions would not line up.
 */
export function matchRanges(text: string, positions: readonly number[], shift = 0): number[] {
  if (positions.length === 0 || text !== text.normalize("NFC")) return [];
  const wanted = new Set(positions);
  const out: number[] = [];
  let offset = 0;
  let index = 0;
  for (const ch of text) {
    if (wanted.has(index)) {
      const start = offset + shift;
      if (out.length > 0 && out[out.length - 1] === start) out[out.length - 1] = start + ch.length;
      else out.push(start, start + ch.length);
    }
    offset += ch.length;
    index++;
  }
  return out;
}

/**
 * Applies an option by replacing `from..to` with `text` and putting the cursor
 * after it. A `]]` right after the cursor (closed by bracket closing, or left
 * from a link being edited) is taken in, so the link does not end doubled.
 */
function insertLink(text: string) {
  return (view: EditorView, completion: Completion, from: number, to: number): void => {
    const end = view.state.sliceDoc(to, to + 2) === "]]" ? to + 2 : to;
    view.dispatch({
      changes: { from, to: end, insert: text },
      selection: { anchor: from + text.length },
      annotations: pickedCompletion.of(completion),
      userEvent: "input.complete",
      scrollIntoView: true,
    });
  };
}

/** Applies a tag, taking in the rest of a tag the cursor is inside (`#면|접`). */
function insertTag(text: string) {
  return (view: EditorView, completion: Completion, from: number, to: number): void => {
    const line = view.state.doc.lineAt(to);
    let end = to;
    for (const ch of line.text.slice(to - line.from)) {
      if (!TAG_CHARS.test(ch)) break;
      end += ch.length;
    }
    view.dispatch({
      changes: { from, to: end, insert: text },
      selection: { anchor: from + text.length },
      annotations: pickedCompletion.of(completion),
      userEvent: "input.complete",
      scrollIntoView: true,
    });
  };
}


function fileName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * A result for context `ctx` built by `build`, which re-ranks synchronously
 * while the user keeps typing in the same context (`same`); `build` returns
 * null when it cannot (then CodeMirror asks the source again).
 */
function result<C extends { from: number }>(
  ctx: C,
  options: Option[] | null,
  reparse: (state: EditorState, pos: number) => C | null,
  same: (a: C, b: C) => boolean,
  build: (ctx: C) => Option[] | null,
): CompletionResult | null {
  if (!options || options.length === 0) return null;
  return {
    from: ctx.from,
    options,
    filter: false,
    getMatch: (c) => (c as Option).ranges ?? [],
    update: (_current, from, _to, context) => {
      try {
        const next = reparse(context.state, context.pos);
        if (!next || next.from !== from || !same(ctx, next)) return null;
        return result(next, build(next), reparse, same, build);
      } catch {
        return null;
      }
    },
  };
}

// ---- Sources ----

type Candidate = { kind: "note"; note: SwitcherItem } | { kind: "file"; path: string };

const candidateKeys = (c: Candidate): string[] =>
  c.kind === "note" ? switcherKeys(c.note) : [fileName(c.path), c.path];
const candidatePath = (c: Candidate): string => (c.kind === "note" ? c.note.path : c.path);

/** The candidates for `ctx`, best first: notes for `[[`, attachments then notes for `![[`. */
function rankCandidates(
  ctx: LinkContext,
  notes: readonly SwitcherItem[],
  files: readonly string[],
): Ranked<Candidate>[] {
  if (!ctx.embed) {
    return rankSwitcher(ctx.query, notes, [], LIMIT).map((r) => ({ ...r, item: { kind: "note", note: r.item } }));
  }
  // An embed is most often an image: with no query, attachments come first.
  const pool: Candidate[] = [
    ...files.map((path): Candidate => ({ kind: "file", path })),
    ...notes.map((note): Candidate => ({ kind: "note", note })),
  ];
  return fuzzyFilter(ctx.query, pool, candidateKeys, LIMIT);
}

function targetOption(ctx: LinkContext, r: Ranked<Candidate>, linkText: string, markdown: boolean): Option {
  const c = r.item;
  const bang = ctx.embed ? "!" : "";
  if (c.kind === "file") {
    const name = fileName(c.path);
    return {
      label: name,
      detail: c.path,
      type: "file",
      ranges: r.key === 0 ? matchRanges(name, r.positions) : [],
      apply: insertLink(markdown ? `${bang}[${markdownText(name)}](${linkText})` : `${bang}[[${linkText}]]`),
    };
  }
  const { note } = c;
  const on = matchedOn(note, r.key);
  const alias = on.kind === "alias" ? on.text : null;
  const label = alias ?? note.title;
  // The alias becomes the display text of a link; an embed shows the note
  // itself, where a display text would not appear, so it gets none.
  const display = alias !== null && !ctx.embed && alias !== linkText ? `|${alias}` : "";
  // A Markdown link always shows a text: the alias chosen, else the file's name.
  const shown = alias ?? fileName(note.path).replace(/\.md$/i, "");
  return {
    label,
    detail: note.path,
    type: alias !== null ? "alias" : "note",
    // The match is marked where it is the label shown (the path's is not).
    ranges: on.kind !== "path" && on.text === label ? matchRanges(label, r.positions) : [],
    apply: insertLink(markdown ? `${bang}[${markdownText(shown)}](${linkText})` : `${bang}[[${linkText}${display}]]`),
  };
}

/** A Markdown link's text: brackets escaped, so the link ends where it should. */
function markdownText(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

/** The link being typed at the cursor, or null; never throws. */
function typedLink(context: CompletionContext): LinkContext | null {
  try {
    return linkContext(context.state, context.pos);
  } catch {
    return null;
  }
}

const sameTargetKind = (a: LinkContext, b: LinkContext) => a.kind === b.kind && a.embed === b.embed;

/**
 * `[[query` and `![[query`: notes ranked by the quick switcher's matcher
 * (title, aliases, path; Hangul initials), and for embeds attachments by file
 * name and path too. One `linkTexts` call per query, for the options shown.
 */
export function linkTargetSource(data: CompletionData): CompletionSource {
  return (context: CompletionContext) => {
    const ctx = typedLink(context);
    if (!ctx || ctx.kind !== "note") return null;
    const first = ctx;
    return (async () => {
      try {
        const from = data.from();
        const [notes, files] = await Promise.all([data.notes(), first.embed ? data.attachments() : []]);
        if (context.aborted) return null;
        /** Link texts known so far, by path; grows with each query asked again. */
        const texts = new Map<string, string>();
        let markdown = false;
        const build = (c: LinkContext): Option[] | null => {
          const ranked = rankCandidates(c, notes, files);
          if (!ranked.every((r) => texts.has(candidatePath(r.item)))) return null;
          return ranked.map((r) => targetOption(c, r, texts.get(candidatePath(r.item))!, markdown));
        };
        const ranked = rankCandidates(first, notes, files);
        if (ranked.length === 0) return null;
        const paths = ranked.map((r) => candidatePath(r.item));
        const answer = await data.linkTexts(from, paths);
        if (context.aborted || answer.texts.length !== paths.length) return null;
        markdown = answer.markdown;
        paths.forEach((p, i) => texts.set(p, answer.texts[i]));
        return result(first, build(first), linkContext, sameTargetKind, build);
      } catch {
        return null;
      }
    })();
  };
}

const sameAnchorTarget = (a: LinkContext, b: LinkContext) =>
  a.kind === b.kind && a.embed === b.embed && a.kind !== "note" && b.kind !== "note" && a.target === b.target;

/**
 * `[[Target#query` and `[[Target#^query`: the headings, or the block ids, of
 * the note the target resolves to. An empty target (`[[#`) is the note being
 * edited, asked for as `"/" + from()`: a path from the vault root resolves
 * to exactly that file by the core's rules, where `""` resolves to nothing.
 */
export function anchorSource(data: CompletionData): CompletionSource {
  return (context: CompletionContext) => {
    const ctx = typedLink(context);
    if (!ctx || ctx.kind === "note") return null;
    const first = ctx;
    return (async () => {
      try {
        const from = data.from();
        const link = first.target.trim() === "" ? `/${from}` : first.target;
        const anchors = await data.anchors(from, link);
        if (!anchors || context.aborted) return null;
        const build = (c: LinkContext): Option[] | null =>
          c.kind === "note" ? null : c.kind === "heading" ? headingOptions(c, anchors) : blockOptions(c, anchors);
        return result(first, build(first), linkContext, sameAnchorTarget, build);
      } catch {
        return null;
      }
    })();
  };
}

type AnchorContext = Extract<LinkContext, { kind: "heading" | "block" }>;

function headingOptions(ctx: AnchorContext, anchors: Anchors): Option[] {
  const bang = ctx.embed ? "!" : "";
  return fuzzyFilter(ctx.query, anchors.headings, (h) => [h.text], ANCHOR_LIMIT).map((r) => ({
    label: r.item.text,
    detail: `H${r.item.level}`,
    type: "heading",
    ranges: matchRanges(r.item.text, r.positions),
    apply: insertLink(`${bang}[[${ctx.target}#${r.item.link}]]`),
  }));
}

function blockOptions(ctx: AnchorContext, anchors: Anchors): Option[] {
  const bang = ctx.embed ? "!" : "";
  // Blocks are found by id or by their text: ids are often generated.
  return fuzzyFilter(ctx.query, anchors.blocks, (b) => [b.id, b.text], ANCHOR_LIMIT).map((r) => {
    const text = r.item.text.replace(/\s+/g, " ").trim();
    return {
      label: `^${r.item.id}`,
      detail: text.length > BLOCK_DETAIL ? `${text.slice(0, BLOCK_DETAIL - 1)}…` : text,
      type: "block",
      ranges: r.key === 0 ? matchRanges(r.item.id, r.positions, 1) : [],
      apply: insertLink(`${bang}[[${ctx.target}#^${r.item.id}]]`),
    };
  });
}

/** `#query`: existing tags, nested ones included, by the fuzzy matcher on their names. */
export function tagSource(data: CompletionData): CompletionSource {
  return (context: CompletionContext) => {
    let ctx: TagContext | null;
    try {
      ctx = tagContext(context.state, context.pos, context.explicit);
    } catch {
      return null;
    }
    if (!ctx) return null;
    const first = ctx;
    const explicit = context.explicit;
    return (async () => {
      try {
        const tags = await data.tags();
        if (context.aborted) return null;
        const build = (c: TagContext): Option[] =>
          fuzzyFilter(c.query, tags, (t) => [t.name], LIMIT).map((r) => ({
            label: `#${r.item.name}`,
            detail: String(r.item.notes_with_children),
            type: "tag",
            ranges: matchRanges(r.item.name, r.positions, 1),
            apply: insertTag(`#${r.item.name}`),
          }));
        const reparse = (state: EditorState, pos: number) => tagContext(state, pos, explicit);
        return result(first, build(first), reparse, () => true, build);
      } catch {
        return null;
      }
    })();
  };
}

/**
 * Link, anchor and tag completion for the editor. The autocompletion's own
 * keymap comes with it (at the highest precedence, by key name): Enter and
 * the arrows act on the list only while it is open, Escape closes it,
 * Ctrl-Space opens it; nothing else is bound.
 */
export function linkCompletion(data: CompletionData): Extension {
  return autocompletion({
    override: [linkTargetSource(data), anchorSource(data), tagSource(data)],
    activateOnTyping: true,
    defaultKeymap: true,
    // CodeMirror's icons are for code (class, function...); these options
    // are told apart by their detail.
    icons: false,
  });
}
