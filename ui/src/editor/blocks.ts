// The live preview's block widgets: front matter shown as properties, tables
// and embeds (`![[Note#Heading]]`, `![[img.png|300]]`) rendered as the reading
// view renders them. The HTML comes from the core's renderer
// (`render_fragment`, sanitized there) for the block's own text, so the
// editor never renders Markdown itself and shows exactly what reading shows.
//
// A table or the front matter is replaced by its widget while the cursor is
// elsewhere, and shown as text (to edit) when the cursor enters it (a click
// on the widget puts it there); an embed's rendering sits below its line.
// Like the inline preview, nothing here is rebuilt during an input method's
// composition (its transactions are only mapped), and nothing here changes
// the document.
import { syntaxTree } from "@codemirror/language";
import { StateField, type EditorState, type Extension, type Range, type Transaction } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";
import type { Fragment } from "../api";
import { refreshPreview, touches } from "./livepreview";

/** What the widgets need from the app. */
export interface BlockOptions {
  /** The Markdown rendered as part of the note being edited. */
  render(text: string): Promise<Fragment>;
  /** A click on a link inside a rendered block (`a` from the core's HTML). */
  click(link: HTMLAnchorElement, event: MouseEvent): void;
}

/** Renders, remembering the last answers by text (a table re-rendered on every keystroke elsewhere costs nothing). */
export class FragmentCache {
  private answers = new Map<string, Promise<Fragment>>();
  /** Bumped by `clear`: widgets of an older generation render again. */
  generation = 0;
  constructor(private readonly render: (text: string) => Promise<Fragment>) {}

  get(text: string): Promise<Fragment> {
    let answer = this.answers.get(text);
    if (!answer) {
      answer = this.render(text);
      // A failed render is not kept: the next look tries again.
      answer.catch(() => this.answers.delete(text));
      if (this.answers.size >= 200) this.answers.delete(this.answers.keys().next().value!);
      this.answers.set(text, answer);
    }
    return answer;
  }

  /** Forget every answer (the vault changed: an embedded note may have). */
  clear(): void {
    this.answers.clear();
    this.generation++;
  }
}

type Kind = "properties" | "table" | "embed";

class Block extends WidgetType {
  constructor(
    readonly kind: Kind,
    readonly text: string,
    readonly cache: FragmentCache,
    readonly generation: number,
    readonly click: BlockOptions["click"],
  ) {
    super();
  }

  eq(other: Block): boolean {
    return other.kind === this.kind && other.text === this.text && other.generation === this.generation;
  }

  get estimatedHeight(): number {
    return this.kind === "embed" ? 120 : 28 * Math.max(1, this.text.split("\n").length);
  }

  toDOM(view: EditorView): HTMLElement {
    const box = document.createElement("div");
    box.className = `cm-lp-block cm-lp-${this.kind} markdown-body`;
    box.setAttribute("contenteditable", "false");
    box.textContent = "…";
    this.cache.get(this.text).then(
      (f) => {
        if (this.kind === "properties") fillProperties(box, f);
        // The core's renderer sanitized this HTML (as for the reading view).
        else box.innerHTML = f.html;
        view.requestMeasure();
      },
      () => {
        box.textContent = this.kind === "embed" ? `Cannot show ${this.text.trim()}` : "";
        box.classList.add("cm-lp-failed");
        view.requestMeasure();
      },
    );
    box.addEventListener("mousedown", (event) => {
      const link = (event.target as Element | null)?.closest?.("a");
      if (link instanceof HTMLAnchorElement) {
        event.preventDefault();
        this.click(link, event);
        return;
      }
      if (this.kind === "embed") return;
      // Into the text, to edit it: the widget gives way to the Markdown.
      event.preventDefault();
      const at = view.posAtDOM(box);
      const line = view.state.doc.lineAt(Math.min(at, view.state.doc.length));
      const next = line.number < view.state.doc.lines ? view.state.doc.line(line.number + 1) : line;
      view.dispatch({ selection: { anchor: this.kind === "properties" ? next.from : line.from }, scrollIntoView: true });
      view.focus();
    });
    return box;
  }

  ignoreEvent(): boolean {
    return true;
  }
}

/** Properties as the reading view lists them: one key and value a row. */
function fillProperties(box: HTMLElement, f: Fragment): void {
  box.textContent = "";
  const table = document.createElement("dl");
  table.className = "cm-lp-properties-list";
  for (const p of f.properties) {
    const key = document.createElement("dt");
    key.textContent = p.key;
    const value = document.createElement("dd");
    value.textContent = p.value;
    table.append(key, value);
  }
  if (f.properties.length === 0) {
    const empty = document.createElement("p");
    empty.className = "cm-lp-properties-empty";
    empty.textContent = "No properties";
    box.append(empty);
  } else {
    box.append(table);
  }
}

/** A block the preview renders: where it is and its Markdown. */
export interface Found {
  kind: Kind;
  /** The block's lines (for an embed, its own text). */
  from: number;
  to: number;
  text: string;
  /** An embed's widget goes after this line end. */
  lineFrom: number;
  lineTo: number;
}

/**
 * The blocks in `[from, to)` of the parsed tree. Only a paragraph or a
 * heading can hold an embed, and one whose text has no `![[` is not walked
 * into: a scan looks at the top-level blocks of a long note, not at every
 * inline node.
 */
export function scanBlocks(state: EditorState, from: number, to: number): Found[] {
  const found: Found[] = [];
  syntaxTree(state).iterate({
    from,
    to,
    enter: (n) => {
      const name = n.name;
      if (name === "FrontMatter" || name === "Table") {
        const start = state.doc.lineAt(n.from).from;
        const end = state.doc.lineAt(n.to).to;
        const kind = name === "Table" ? "table" : "properties";
        found.push({ kind, from: start, to: end, text: state.sliceDoc(start, end), lineFrom: start, lineTo: end });
        return false;
      }
      if (name === "Embed") {
        const line = state.doc.lineAt(n.from);
        const text = state.sliceDoc(n.from, n.to);
        found.push({ kind: "embed", from: n.from, to: n.to, text, lineFrom: line.from, lineTo: line.to });
        return false;
      }
      if (name === "Paragraph" || /^(ATX|Setext)Heading/.test(name)) {
        return state.sliceDoc(n.from, n.to).includes("![[") ? undefined : false;
      }
      // Nothing of these is a block of ours.
      if (name === "FencedCode" || name === "CodeBlock" || name === "CommentBlock" || name === "HTMLBlock") return false;
      return undefined;
    },
  });
  return found;
}

/**
 * `blocks` after `tr`: mapped through its changes, with the top-level
 * blocks it touched scanned again (and what the parser reached since the
 * last scan, up to `parsedTo`). Never the whole note for a keystroke.
 */
export function updateBlocks(
  blocks: readonly Found[],
  tr: Transaction,
  parsedTo: number,
  pending: readonly [number, number][] = [],
): Found[] {
  const state = tr.state;
  const ranges: [number, number][] = pending.map(([a, b]) => [tr.changes.mapPos(a, -1), tr.changes.mapPos(b, 1)]);
  if (tr.docChanged) {
    // The old tree's blocks around each change too, mapped: an edit can cut
    // a block that began before it (a table loses its rows, and a line that
    // was a cell is a paragraph with an embed now).
    const old = syntaxTree(tr.startState);
    const top = (pos: number, side: -1 | 1) => {
      let node = old.resolve(pos, side);
      while (node.parent && node.parent.name !== "Document") node = node.parent;
      return node.name === "Document" ? null : node;
    };
    tr.changes.iterChangedRanges((fromA, toA, from, to) => {
      const first = top(fromA, 1);
      const last = top(toA, -1);
      ranges.push([
        Math.min(from, first ? tr.changes.mapPos(first.from, -1) : from),
        Math.max(to, last ? tr.changes.mapPos(last.to, 1) : to),
      ]);
    });
  }
  const parsed = syntaxTree(state).length;
  if (parsed > parsedTo) ranges.push([Math.min(tr.changes.mapPos(parsedTo, -1), state.doc.length), parsed]);
  if (ranges.length === 0) return blocks as Found[];
  // Widened to whole top-level blocks (a table or a paragraph is scanned
  // whole), and on to where the new tree agrees with the old one again: an
  // edit can change what follows it (a code fence opened swallows the rest).
  const tree = syntaxTree(state);
  const widened = ranges.map(([from, to]) => {
    let a = state.doc.lineAt(Math.min(from, state.doc.length)).from;
    let b = state.doc.lineAt(Math.min(to, state.doc.length)).to;
    for (const pos of [a, b]) {
      let node = tree.resolve(pos, pos === a ? 1 : -1);
      while (node.parent && node.parent.name !== "Document") node = node.parent;
      if (node.name !== "Document") {
        a = Math.min(a, node.from);
        b = Math.max(b, node.to);
      }
    }
    return [a, resync(tr, b)] as [number, number];
  });
  const mapped = tr.docChanged ? mapBlocks(blocks, tr) : blocks;
  const outside = mapped.filter((b) => !widened.some(([a, z]) => b.lineFrom <= z && b.lineTo >= a));
  const rescanned = widened.flatMap(([a, z]) => scanBlocks(state, a, z));
  const seen = new Set<string>();
  return [...outside, ...rescanned]
    .sort((x, y) => x.from - y.from || x.to - y.to)
    .filter((b) => {
      const key = `${b.kind}:${b.from}:${b.to}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * From `pos` in the new tree, the end of the last top-level block that is
 * not also in the old tree (same type, same extent, at the mapped place):
 * after it, the two parses agree, and the blocks found before still hold.
 */
function resync(tr: Transaction, pos: number): number {
  const now = syntaxTree(tr.state).topNode;
  const before = syntaxTree(tr.startState).topNode;
  const back = tr.docChanged ? tr.changes.invert(tr.startState.doc) : null;
  let end = pos;
  for (let n = now.childAfter(pos); n; n = n.nextSibling) {
    if (n.from < pos) continue;
    const from = back ? back.mapPos(n.from, 1) : n.from;
    const old = before.childAfter(from);
    if (old && old.from === from && old.name === n.name && old.to - old.from === n.to - n.from) break;
    end = n.to;
  }
  return end;
}

/** The widgets for `blocks`: each where the cursor is not. */
function decorate(state: EditorState, blocks: readonly Found[], cache: FragmentCache, click: BlockOptions["click"]): DecorationSet {
  const found: Range<Decoration>[] = [];
  for (const b of blocks) {
    if (touches(state, b.lineFrom, b.lineTo)) continue;
    const widget = new Block(b.kind, b.text, cache, cache.generation, click);
    if (b.kind === "embed") {
      found.push(Decoration.widget({ widget, block: true, side: 1 }).range(b.lineTo));
    } else {
      found.push(Decoration.replace({ widget, block: true }).range(b.from, b.to));
    }
  }
  return Decoration.set(found, true);
}

function composing(tr: Transaction): boolean {
  return tr.isUserEvent("input.type.compose");
}

interface Blocks {
  blocks: Found[];
  /** How far the tree was parsed at the last scan. */
  parsedTo: number;
  /** Ranges changed during a composition, to scan once it has ended. */
  pending: [number, number][];
  decorations: DecorationSet;
}

/** `blocks` mapped through `tr`'s changes (no scan). */
function mapBlocks(blocks: readonly Found[], tr: Transaction): Found[] {
  return blocks.flatMap((b) => {
    const from = tr.changes.mapPos(b.from, 1);
    const to = tr.changes.mapPos(b.to, -1);
    if (to < from) return [];
    return [{ ...b, from, to, lineFrom: tr.changes.mapPos(b.lineFrom, 1), lineTo: tr.changes.mapPos(b.lineTo, -1) }];
  });
}

/** The block widgets, rendered through `options.render`. */
export function blockPreview(options: BlockOptions, cache: FragmentCache): Extension {
  const field = StateField.define<Blocks>({
    create: (state) => {
      const blocks = scanBlocks(state, 0, state.doc.length);
      const decorations = decorate(state, blocks, cache, options.click);
      return { blocks, parsedTo: syntaxTree(state).length, pending: [], decorations };
    },
    update(value, tr) {
      const refresh = tr.effects.some((e) => e.is(refreshPreview));
      const treeChanged = syntaxTree(tr.startState) !== syntaxTree(tr.state);
      if (!refresh && !tr.docChanged && !tr.selection && !treeChanged) return value;
      if (composing(tr)) {
        // Positions follow the text; nothing is scanned or rebuilt until
        // the composition ends, when what it changed is scanned.
        const pending: [number, number][] = value.pending.map(([a, b]) => [tr.changes.mapPos(a, -1), tr.changes.mapPos(b, 1)]);
        tr.changes.iterChangedRanges((_fa, _ta, from, to) => pending.push([from, to]));
        return { ...value, blocks: mapBlocks(value.blocks, tr), pending, decorations: value.decorations.map(tr.changes) };
      }
      const blocks = updateBlocks(value.blocks, tr, value.parsedTo, value.pending);
      return {
        blocks,
        parsedTo: syntaxTree(tr.state).length,
        pending: [],
        decorations: decorate(tr.state, blocks, cache, options.click),
      };
    },
    provide: (f) => EditorView.decorations.from(f, (v) => v.decorations),
  });
  return field;
}
