// Live preview: the Markdown stays the document, and decorations make it
// read like the rendered note. Markup (`**`, `[[`, `#`, `==`…) is hidden
// except in the element or on the line that holds the cursor, headings are
// sized, links show their display text and follow on click, tasks are
// checkboxes that toggle their `[ ]`, callouts and quotes are drawn as
// blocks. Tables, embeds and front matter are block widgets (blocks.ts).
//
// Rules this module keeps:
// - The document is never changed by a decoration; only a click on a
//   checkbox edits text (`[ ]` ↔ `[x]`), as a normal undoable change.
// - While an input method composes (`view.composing`), decorations are only
//   mapped through the changes, never rebuilt: a decoration appearing or
//   vanishing next to the syllable being composed garbles it in WebKit.
//   They are rebuilt once the composition has ended.
// - It reads the grammar's nodes (syntax.ts) and never parses text itself.
import { syntaxTree } from "@codemirror/language";
import { StateEffect, type EditorState, type Extension, type Range } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  ViewPlugin,
  WidgetType,
  type DecorationSet,
  type PluginValue,
  type ViewUpdate,
} from "@codemirror/view";
import type { SyntaxNode, SyntaxNodeRef } from "@lezer/common";

/** Where a followed link leads, as written: a wiki-link's text before `|`, or a Markdown link's URL. */
export type Follow = { kind: "wiki"; link: string } | { kind: "url"; url: string };

/** Asks every live-preview decoration to be built again (after a composition, or new data). */
export const refreshPreview = StateEffect.define<null>();

/** The selection ranges of `state`, widened to whole lines: the lines whose markup shows. */
function activeLines(state: EditorState): { from: number; to: number }[] {
  return state.selection.ranges.map((r) => ({ from: state.doc.lineAt(r.from).from, to: state.doc.lineAt(r.to).to }));
}

/** Whether a selection range touches `[from, to]` (its ends included: a cursor right after `**b**` shows them). */
export function touches(state: EditorState, from: number, to: number): boolean {
  return state.selection.ranges.some((r) => r.from <= to && r.to >= from);
}

function onActiveLine(lines: { from: number; to: number }[], from: number, to: number): boolean {
  return lines.some((l) => l.from <= to && l.to >= from);
}

const hidden = Decoration.replace({});
const mark = (cls: string, attributes?: Record<string, string>) => Decoration.mark({ class: cls, attributes });
const line = (cls: string) => Decoration.line({ class: cls });

/** Inline styles by node, shown whatever the cursor does. */
const STYLE: Record<string, Decoration> = {
  Emphasis: mark("cm-lp-em"),
  StrongEmphasis: mark("cm-lp-strong"),
  Strikethrough: mark("cm-lp-strike"),
  InlineCode: mark("cm-lp-code"),
  Highlight: mark("cm-lp-highlight"),
  Tag: mark("cm-lp-tag"),
  Comment: mark("cm-lp-comment"),
};

/** The markup hidden unless the cursor touches its parent element. */
const INLINE_MARKS = new Set(["EmphasisMark", "StrikethroughMark", "CodeMark", "HighlightMark"]);

class Checkbox extends WidgetType {
  constructor(readonly checked: boolean) {
    super();
  }
  eq(other: Checkbox): boolean {
    return other.checked === this.checked;
  }
  toDOM(): HTMLElement {
    const box = document.createElement("input");
    box.type = "checkbox";
    box.className = "cm-lp-task";
    box.checked = this.checked;
    box.setAttribute("aria-label", this.checked ? "Done task" : "Open task");
    return box;
  }
  ignoreEvent(): boolean {
    return false;
  }
}

class Label extends WidgetType {
  constructor(
    readonly text: string,
    readonly cls: string,
  ) {
    super();
  }
  eq(other: Label): boolean {
    return other.text === this.text && other.cls === this.cls;
  }
  toDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = this.cls;
    span.textContent = this.text;
    return span;
  }
}

/** `> [!type]± Title`: the callout's type, fold sign and title, or null. */
const CALLOUT = /^\s*>\s*\[!([^\]\s]+)\]([+-]?)[ \t]*(.*)$/;

/** Decorations of the visible part of the note. */
export function buildDecorations(view: EditorView): DecorationSet {
  const { state } = view;
  const lines = activeLines(state);
  const found: Range<Decoration>[] = [];
  const tree = syntaxTree(state);
  const text = (from: number, to: number) => state.sliceDoc(from, to);

  for (const { from, to } of view.visibleRanges) {
    tree.iterate({
      from,
      to,
      enter: (n: SyntaxNodeRef) => {
        const name = n.name;
        const style = STYLE[name];
        if (style && n.to > n.from) found.push(style.range(n.from, n.to));

        if (/^ATXHeading[1-6]$/.test(name)) {
          found.push(line(`cm-lp-h${name.slice(-1)}`).range(state.doc.lineAt(n.from).from));
        } else if (/^SetextHeading[12]$/.test(name)) {
          const level = name.slice(-1);
          for (let l = state.doc.lineAt(n.from); ; l = state.doc.line(l.number + 1)) {
            found.push(line(`cm-lp-h${level}`).range(l.from));
            if (l.to >= n.to || l.number >= state.doc.lines) break;
          }
        } else if (name === "HeaderMark") {
          if (!onActiveLine(lines, n.from, n.to)) {
            // `## ` at the start: the mark and the space after it; a closing `##` too.
            const after = text(n.to, n.to + 1) === " " ? n.to + 1 : n.to;
            const before = n.from > 0 && text(n.from - 1, n.from) === " " ? n.from - 1 : n.from;
            const atStart = state.doc.lineAt(n.from).from === n.from;
            if (atStart) found.push(hidden.range(n.from, after));
            else found.push(hidden.range(before, n.to));
          }
        } else if (INLINE_MARKS.has(name)) {
          const parent = n.node.parent;
          if (parent && parent.name !== "FencedCode" && !touches(state, parent.from, parent.to)) {
            found.push(hidden.range(n.from, n.to));
          }
        } else if (name === "WikiLink") {
          wikiLink(state, n, found);
          return false;
        } else if (name === "Embed") {
          found.push(mark("cm-lp-embed-source").range(n.from, n.to));
          return false;
        } else if (name === "Link") {
          markdownLink(state, n, found);
        } else if (name === "URL" && n.node.parent?.name !== "Link") {
          found.push(mark("cm-lp-link cm-lp-url").range(n.from, n.to));
        } else if (name === "TaskMarker") {
          task(state, n, lines, found);
        } else if (name === "Blockquote") {
          quote(state, n, lines, found);
        } else if (name === "HorizontalRule") {
          if (!onActiveLine(lines, n.from, n.to)) {
            found.push(line("cm-lp-hr").range(state.doc.lineAt(n.from).from));
            found.push(hidden.range(n.from, n.to));
          }
        } else if (name === "FencedCode" || name === "CodeBlock") {
          for (let l = state.doc.lineAt(n.from); ; l = state.doc.line(l.number + 1)) {
            found.push(line("cm-lp-codeblock").range(l.from));
            if (l.to >= n.to || l.number >= state.doc.lines) break;
          }
          return false;
        } else if (name === "CommentBlock") {
          found.push(mark("cm-lp-comment").range(n.from, n.to));
          return false;
        } else if (name === "FrontMatter" || name === "Table") {
          // Block widgets (blocks.ts) show these when the cursor is elsewhere.
          return false;
        }
        return undefined;
      },
    });
  }
  return Decoration.set(found, true);
}

/** `[[target#anchor|alias]]`: the alias (or the target) shown as a link, the rest hidden off the cursor. */
function wikiLink(state: EditorState, n: SyntaxNodeRef, found: Range<Decoration>[]): void {
  const node = n.node;
  const target = node.getChild("WikiTarget");
  const alias = node.getChild("WikiAlias");
  const link = target ? state.sliceDoc(target.from, target.to) : "";
  const attrs = { "data-link": link };
  if (touches(state, n.from, n.to)) {
    found.push(mark("cm-lp-link cm-lp-link-source", attrs).range(n.from, n.to));
    return;
  }
  const shown = alias ?? target;
  if (!shown) return;
  found.push(hidden.range(n.from, shown.from));
  found.push(mark("cm-lp-link", attrs).range(shown.from, shown.to));
  found.push(hidden.range(shown.to, n.to));
}

/** `[text](url)`: the text shown as a link, `[`, `](url)` hidden off the cursor. */
function markdownLink(state: EditorState, n: SyntaxNodeRef, found: Range<Decoration>[]): void {
  const node = n.node;
  const marks = node.getChildren("LinkMark");
  const url = node.getChild("URL");
  const href = url ? state.sliceDoc(url.from, url.to) : "";
  if (marks.length < 2) return;
  const attrs = { "data-url": href };
  if (touches(state, n.from, n.to)) {
    found.push(mark("cm-lp-link cm-lp-link-source", attrs).range(n.from, n.to));
    return;
  }
  const textFrom = marks[0].to;
  const textTo = marks[1].from;
  if (textTo <= textFrom) return;
  found.push(hidden.range(n.from, textFrom));
  found.push(mark("cm-lp-link", attrs).range(textFrom, textTo));
  found.push(hidden.range(textTo, n.to));
}

/** `- [ ]`: a checkbox for `[ ]` (the bullet hidden) unless the cursor is in the marker. */
function task(state: EditorState, n: SyntaxNodeRef, lines: { from: number; to: number }[], found: Range<Decoration>[]): void {
  const checked = /^\[[xX]\]$/.test(state.sliceDoc(n.from, n.to));
  const l = state.doc.lineAt(n.from);
  if (checked) found.push(line("cm-lp-task-done").range(l.from));
  if (touches(state, n.from, n.to)) return;
  const item = n.node.parent?.parent;
  const listMark = item?.getChild("ListMark");
  if (listMark && !onActiveLine(lines, listMark.from, listMark.to)) {
    const after = state.sliceDoc(listMark.to, listMark.to + 1) === " " ? listMark.to + 1 : listMark.to;
    if (after <= n.from) found.push(hidden.range(listMark.from, after));
  }
  found.push(Decoration.replace({ widget: new Checkbox(checked) }).range(n.from, n.to));
}

/** A blockquote, or a callout (`> [!note] Title`): a line style on each line, `>` hidden off the cursor. */
function quote(state: EditorState, n: SyntaxNodeRef, lines: { from: number; to: number }[], found: Range<Decoration>[]): void {
  const first = state.doc.lineAt(n.from);
  const callout = CALLOUT.exec(first.text);
  const type = callout ? callout[1].toLowerCase() : null;
  for (let l = first; ; l = state.doc.line(l.number + 1)) {
    const cls = type ? `cm-lp-callout cm-lp-callout-${type.replace(/[^a-z0-9-]/g, "")}` : "cm-lp-quote";
    found.push(Decoration.line({ class: l === first && type ? `${cls} cm-lp-callout-title` : cls, attributes: type ? { "data-callout": type } : undefined }).range(l.from));
    const active = onActiveLine(lines, l.from, l.to);
    const m = /^(\s*>\s?)+/.exec(l.text);
    if (m && !active) found.push(hidden.range(l.from, l.from + m[0].length));
    if (l === first && callout && !active) {
      const at = l.text.indexOf("[!");
      const close = l.text.indexOf("]", at) + 1 + callout[2].length;
      const title = callout[3].trim();
      if (title === "") {
        const label = type!.charAt(0).toUpperCase() + type!.slice(1);
        found.push(Decoration.replace({ widget: new Label(label, "cm-lp-callout-label") }).range(l.from + at, l.from + close));
      } else {
        const end = l.from + close + (l.text.slice(close).length - l.text.slice(close).trimStart().length);
        found.push(hidden.range(l.from + at, end));
      }
    }
    if (l.to >= n.to || l.number >= state.doc.lines) break;
  }
}

/** The link under a position, as written: a wiki-link or embed's target, or a Markdown link or bare URL. */
export function followAt(state: EditorState, pos: number): Follow | null {
  for (let node: SyntaxNode | null = syntaxTree(state).resolveInner(pos, 1); node; node = node.parent) {
    if (node.name === "WikiLink" || node.name === "Embed") {
      const target = node.getChild("WikiTarget");
      return { kind: "wiki", link: target ? state.sliceDoc(target.from, target.to).replace(/\\$/, "") : "" };
    }
    if (node.name === "Link") {
      const url = node.getChild("URL");
      return url ? { kind: "url", url: state.sliceDoc(url.from, url.to) } : null;
    }
    if (node.name === "URL" || node.name === "Autolink") {
      const url = node.name === "URL" ? node : node.getChild("URL");
      return url ? { kind: "url", url: state.sliceDoc(url.from, url.to) } : null;
    }
  }
  return null;
}

/** Toggles the task marker `[ ]`/`[x]` at `from` (its `[`). */
export function toggleTask(view: EditorView, from: number): boolean {
  const marker = view.state.sliceDoc(from, from + 3);
  if (!/^\[[ xX]\]$/.test(marker)) return false;
  view.dispatch({
    changes: { from: from + 1, to: from + 2, insert: marker[1] === " " ? "x" : " " },
    userEvent: "input.toggle",
  });
  return true;
}

class Preview implements PluginValue {
  decorations: DecorationSet;
  /** Changes arrived while composing: rebuild once it ends. */
  stale = false;

  constructor(view: EditorView) {
    this.decorations = buildDecorations(view);
  }

  update(u: ViewUpdate): void {
    const refresh = u.transactions.some((tr) => tr.effects.some((e) => e.is(refreshPreview)));
    const changed =
      u.docChanged || u.selectionSet || u.viewportChanged || syntaxTree(u.startState) !== syntaxTree(u.state);
    if (!changed && !refresh) return;
    if (u.view.composing || u.view.compositionStarted) {
      this.decorations = this.decorations.map(u.changes);
      this.stale = true;
      return;
    }
    this.stale = false;
    this.decorations = buildDecorations(u.view);
  }
}

/** Options of the live preview: following links (a click on a shown link, or Ctrl+click anywhere). */
export interface PreviewOptions {
  follow(target: Follow, event: MouseEvent): void;
}

/** Ctrl/Cmd+click follows a link in any mode (source mode too). */
export function followOnModClick(options: PreviewOptions): Extension {
  return EditorView.domEventHandlers({
    mousedown(event, view) {
      if (event.button !== 0 || !(event.ctrlKey || event.metaKey)) return false;
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
      if (pos === null) return false;
      const target = followAt(view.state, pos);
      if (!target) return false;
      event.preventDefault();
      options.follow(target, event);
      return true;
    },
  });
}

/** The live preview's inline part; blocks.ts adds the block widgets. */
export function livePreview(options: PreviewOptions): Extension {
  const plugin = ViewPlugin.fromClass(Preview, {
    decorations: (p) => p.decorations,
    eventHandlers: {
      mousedown(event, view) {
        if (event.button !== 0) return false;
        const target = event.target as HTMLElement;
        if (target instanceof HTMLInputElement && target.classList.contains("cm-lp-task")) {
          const pos = view.posAtDOM(target);
          event.preventDefault();
          return toggleTask(view, pos);
        }
        // A link shown by its text (its markup hidden) follows on a plain click.
        const link = target.closest(".cm-lp-link:not(.cm-lp-link-source)");
        if (link instanceof HTMLElement && !(event.ctrlKey || event.metaKey || event.shiftKey)) {
          const pos = view.posAtDOM(link);
          const follow = followAt(view.state, pos);
          if (follow) {
            event.preventDefault();
            options.follow(follow, event);
            return true;
          }
        }
        return false;
      },
      compositionend(_event, view) {
        // The composition's last transaction came while composing: build
        // once it is over, after CodeMirror has read the DOM.
        setTimeout(() => {
          const p = view.plugin(plugin);
          if (p?.stale && !view.composing) view.dispatch({ effects: refreshPreview.of(null) });
        }, 0);
        return false;
      },
    },
  });
  return plugin;
}
