// The editor's grammar on the cases of crates/syntax (tags, highlights) and
// the Obsidian constructs the live preview relies on: each case is the text
// and the Obsidian nodes found in it, written `Node(text)`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import { syntaxTree, ensureSyntaxTree } from "@codemirror/language";
import { highlightEnd, obsidianMarkdown, tagAt, tagMayFollow } from "./syntax";

const OURS = new Set([
  "WikiLink",
  "Embed",
  "WikiTarget",
  "WikiAlias",
  "Highlight",
  "Tag",
  "Comment",
  "CommentBlock",
  "FrontMatter",
  "Table",
  "Task",
  "TaskMarker",
  "ATXHeading1",
  "SetextHeading2",
  "HorizontalRule",
  "InlineCode",
  "Strikethrough",
]);

function nodes(text: string): string[] {
  const state = EditorState.create({ doc: text, extensions: [obsidianMarkdown()] });
  const tree = ensureSyntaxTree(state, state.doc.length, 5000) ?? syntaxTree(state);
  const out: string[] = [];
  tree.iterate({
    enter(n) {
      if (OURS.has(n.name)) out.push(`${n.name}(${state.sliceDoc(n.from, n.to)})`);
    },
  });
  return out;
}

function check(text: string, expected: string[]): void {
  expect(nodes(text), JSON.stringify(text)).toEqual(expected);
}

/** hanji-syntax's answers (src-tauri/src/oracle.rs writes them; a Rust test keeps the file current). */
const oracle = JSON.parse(readFileSync(new URL("./syntax-oracle.json", import.meta.url), "utf8")) as {
  tag_at: [string, string | null][];
  highlight_end: [string, number][];
  tag_may_follow: [string, boolean][];
};

describe("agrees with hanji-syntax on every # and == of vault-sample and the fixtures", () => {
  it("finds the tags the core finds", () => {
    expect(oracle.tag_at.length).toBeGreaterThan(50);
    const wrong = oracle.tag_at.filter(([text, name]) => tagAt(text) !== name);
    expect(wrong).toEqual([]);
  });

  it("opens a tag where the core does", () => {
    const wrong = oracle.tag_may_follow.filter(([prev, ok]) => tagMayFollow(prev === "" ? undefined : prev) !== ok);
    expect(wrong).toEqual([]);
  });

  it("ends a highlight where the core does", () => {
    expect(oracle.highlight_end.length).toBeGreaterThan(5);
    const wrong = oracle.highlight_end.filter(([text, end]) => highlightEnd(text) !== end);
    expect(wrong).toEqual([]);
  });
});

describe("tag rules (crates/syntax/src/tag.rs)", () => {
  it.each([
    ["#면접", "면접"],
    ["#면접/기술/", "면접/기술"],
    ["#cs/database rest", "cs/database"],
    ["#1984", null],
    ["#19/84", null],
    ["#/x", null],
    ["#", null],
    ["#a_b-c.", "a_b-c"],
    ["#v2", "v2"],
  ])("tagAt(%j) = %j", (text, name) => {
    expect(tagAt(text)).toBe(name);
  });

  it("opens only at the start or after white space", () => {
    expect(tagMayFollow(undefined)).toBe(true);
    expect(tagMayFollow(" ")).toBe(true);
    expect(tagMayFollow("\u3000")).toBe(true);
    expect(tagMayFollow("a")).toBe(false);
    expect(tagMayFollow("(")).toBe(false);
  });
});

describe("highlight rule (crates/syntax/src/inline.rs)", () => {
  it.each([
    ["==a==", 3],
    ["==형광펜== 뒤", 5],
    ["== a ==", -1],
    ["==a ==b==", 7],
    ["====", -1],
    ["==a", -1],
  ])("highlightEnd(%j) = %j", (text, end) => {
    expect(highlightEnd(text)).toBe(end);
  });
});

describe("the grammar", () => {
  it("finds wiki-links, embeds, aliases and anchors", () => {
    check("see [[Redis]] and [[CS/Redis#Single Thread|스레드]]", [
      "WikiLink([[Redis]])",
      "WikiTarget(Redis)",
      "WikiLink([[CS/Redis#Single Thread|스레드]])",
      "WikiTarget(CS/Redis#Single Thread)",
      "WikiAlias(스레드)",
    ]);
    check("![[img.png|300]]", ["Embed(![[img.png|300]])", "WikiTarget(img.png)", "WikiAlias(300)"]);
    check("[[a\n b]] [[no close", []);
  });

  it("reads a wiki-link's escaped pipe in a table cell", () => {
    check("| a | b |\n|---|---|\n| [[X\\|y]] | 2 |", [
      "Table(| a | b |\n|---|---|\n| [[X\\|y]] | 2 |)",
      "WikiLink([[X\\|y]])",
      "WikiTarget(X)",
      "WikiAlias(y)",
    ]);
  });

  it("finds tags in prose only", () => {
    check("a #면접 b#not `#code` [x](http://e.com/#frag) #1984", ["Tag(#면접)", "InlineCode(`#code`)"]);
    check("# Heading #tag", ["ATXHeading1(# Heading #tag)", "Tag(#tag)"]);
  });

  it("finds highlights, strikethrough, tasks and comments", () => {
    check("==중요== ~~old~~", ["Highlight(==중요==)", "Strikethrough(~~old~~)"]);
    check("- [ ] 할 일\n- [x] done", ["Task([ ] 할 일)", "TaskMarker([ ])", "Task([x] done)", "TaskMarker([x])"]);
    check("a %%hidden [[X]]%% b", ["Comment(%%hidden [[X]]%%)"]);
    check("%%\nhidden\n# not heading\n%%\nafter", ["CommentBlock(%%\nhidden\n# not heading\n%%)"]);
  });

  it("reads front matter as front matter, never as a heading", () => {
    check("---\ntitle: x\n---\n# H", ["FrontMatter(---\ntitle: x\n---)", "ATXHeading1(# H)"]);
    check("\uFEFF---\na: 1\n...\n", ["FrontMatter(\uFEFF---\na: 1\n...)"]);
    check("text\n---\n", ["SetextHeading2(text\n---)"]);
  });

  it("never throws on odd text", () => {
    for (const text of ["[[", "]]", "![[", "==", "%%", "#", "---", "[[|]]", "[[\\|]]", "\uFEFF", "==\n==", "| [[x\\|"]) {
      expect(() => nodes(text)).not.toThrow();
    }
  });
});
