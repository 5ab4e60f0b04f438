// @vitest-environment jsdom
// The live preview's inline decorations (livepreview.ts) on small notes:
// which markup is hidden for a given cursor, and what a click follows. The
// look in the real window is checked by tests/e2e/editor.test.mjs.
import { describe, expect, it } from "vitest";
import { EditorSelection, EditorState } from "@codemirror/state";
import { ensureSyntaxTree } from "@codemirror/language";
import { Decoration, EditorView } from "@codemirror/view";
import { buildDecorations, followAt, toggleTask } from "./livepreview";
import { obsidianMarkdown } from "./syntax";

/** The text each replace decoration hides, in order, with the cursor at `‸` in `marked`. */
function hidden(marked: string): string[] {
  const at = marked.indexOf("‸");
  const doc = marked.replace("‸", "");
  const view = new EditorView({
    state: EditorState.create({ doc, selection: EditorSelection.cursor(at), extensions: [obsidianMarkdown()] }),
    parent: document.body,
  });
  ensureSyntaxTree(view.state, doc.length, 5000);
  const out: string[] = [];
  buildDecorations(view).between(0, doc.length, (from, to, deco: Decoration) => {
    if ((deco.spec as { widget?: unknown }).widget === undefined && deco.spec.class === undefined && to > from) {
      out.push(doc.slice(from, to));
    }
  });
  view.destroy();
  return out;
}

describe("live preview", () => {
  it("hides markup away from the cursor and shows it at the cursor", () => {
    expect(hidden("**굵게** ==형광== `code`\n\n‸")).toEqual(["**", "**", "==", "==", "`", "`"]);
    expect(hidden("**굵‸게** ==형광==\n")).toEqual(["==", "=="]);
    // Right after the closing ** counts as touching: the markup shows there.
    expect(hidden("**굵게**‸")).toEqual([]);
  });

  it("hides a heading's marks off its line only", () => {
    expect(hidden("## 제목\n\n‸")).toEqual(["## "]);
    expect(hidden("## 제‸목\n")).toEqual([]);
  });

  it("shows a wiki-link by its alias or its target", () => {
    expect(hidden("[[CS/Redis|레디스]] [[Data]]\n\n‸")).toEqual(["[[CS/Redis|", "]]", "[[", "]]"]);
    expect(hidden("[[CS/Re‸dis]]\n")).toEqual([]);
    expect(hidden("[a link](https://e.com)\n\n‸")).toEqual(["[", "](https://e.com)"]);
  });

  it("follows what a link says", () => {
    const state = EditorState.create({ doc: "[[CS/Redis#Single Thread|x]] [m](Note%20A.md)", extensions: [obsidianMarkdown()] });
    ensureSyntaxTree(state, state.doc.length, 5000);
    expect(followAt(state, 3)).toEqual({ kind: "wiki", link: "CS/Redis#Single Thread" });
    expect(followAt(state, 30)).toEqual({ kind: "url", url: "Note%20A.md" });
    expect(followAt(state, 28)).toBeNull();
  });

  it("toggles a task's marker as a change of one character", () => {
    const view = new EditorView({ state: EditorState.create({ doc: "- [ ] 할 일" }), parent: document.body });
    expect(toggleTask(view, 2)).toBe(true);
    expect(view.state.doc.toString()).toBe("- [x] 할 일");
    expect(toggleTask(view, 2)).toBe(true);
    expect(view.state.doc.toString()).toBe("- [ ] 할 일");
    expect(toggleTask(view, 0)).toBe(false);
    view.destroy();
  });
});
