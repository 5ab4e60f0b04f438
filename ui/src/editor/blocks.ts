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
import { ensureSyntaxTree, syntaxTree } from "@codemirror/language";
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

/** The block decorations of the whole note. */
function build(state: EditorState, cache: FragmentCache, click: BlockOptions["click"]): DecorationSet {
  // The whole tree, if it can be had quickly; else what is parsed so far
  // (the rest arrives with a later transaction).
  const tree = ensureSyntaxTree(state, state.doc.length, 40) ?? syntaxTree(state);
  const found: Range<Decoration>[] = [];
  const widget = (kind: Kind, text: string) => new Block(kind, text, cache, cache.generation, click);
  tree.iterate({
    enter: (n) => {
      const name = n.name;
      if (name === "FrontMatter" || name === "Table") {
        const from = state.doc.lineAt(n.from).from;
        const to = state.doc.lineAt(n.to).to;
        if (!touches(state, from, to)) {
          const kind = name === "Table" ? "table" : "properties";
          found.push(Decoration.replace({ widget: widget(kind, state.sliceDoc(from, to)), block: true }).range(from, to));
        }
        return false;
      }
      if (name === "Embed") {
        const line = state.doc.lineAt(n.from);
        if (!touches(state, line.from, line.to)) {
          const text = state.sliceDoc(n.from, n.to);
          found.push(Decoration.widget({ widget: widget("embed", text), block: true, side: 1 }).range(line.to));
        }
        return false;
      }
      // Only a paragraph (or a table cell, a heading) can hold an embed:
      // one whose text has no `![[` is not walked into, which keeps a
      // rebuild cheap in a long note (a few top-level nodes, not every
      // inline one).
      if (name === "Paragraph" || /^(ATX|Setext)Heading/.test(name)) {
        return state.sliceDoc(n.from, n.to).includes("![[") ? undefined : false;
      }
      // Nothing of these is a block of ours.
      if (name === "FencedCode" || name === "CodeBlock" || name === "CommentBlock" || name === "HTMLBlock") return false;
      return undefined;
    },
  });
  return Decoration.set(found, true);
}

function composing(tr: Transaction): boolean {
  return tr.isUserEvent("input.type.compose");
}

/** The block widgets, rendered through `options.render`. */
export function blockPreview(options: BlockOptions, cache: FragmentCache): Extension {
  const field = StateField.define<DecorationSet>({
    create: (state) => build(state, cache, options.click),
    update(decorations, tr) {
      const refresh = tr.effects.some((e) => e.is(refreshPreview));
      if (!refresh && !tr.docChanged && !tr.selection && syntaxTree(tr.startState) === syntaxTree(tr.state)) {
        return decorations;
      }
      if (composing(tr)) return decorations.map(tr.changes);
      return build(tr.state, cache, options.click);
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  return field;
}
