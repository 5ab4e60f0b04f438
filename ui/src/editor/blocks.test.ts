// The live preview's block list (blocks.ts) kept up to date by scanning only
// what a change touched: after any edit it must equal a scan of the whole
// note, or a table would show stale, or an embed go missing.
import { describe, expect, it } from "vitest";
import { EditorState, type Transaction } from "@codemirror/state";
import { ensureSyntaxTree } from "@codemirror/language";
import { scanBlocks, updateBlocks, type Found } from "./blocks";
import { obsidianMarkdown } from "./syntax";

const NOTE = [
  "---",
  "tags: [a]",
  "---",
  "# 제목",
  "",
  "앞 문단 ![[그림.png|300]] 뒤",
  "",
  "| a | b |",
  "|---|---|",
  "| 1 | [[X\\|y]] |",
  "",
  "- 목록 ![[Note#Heading]]",
  "",
  "```",
  "![[not an embed]]",
  "```",
  "",
  "> 인용 ![[Quote]]",
  "",
  "끝",
].join("\n");

const parsed = (state: EditorState) => {
  ensureSyntaxTree(state, state.doc.length, 5000);
  return state;
};
const whole = (state: EditorState) => scanBlocks(state, 0, state.doc.length);
const brief = (blocks: Found[]) => blocks.map((b) => `${b.kind}@${b.from}-${b.to}:${b.text}`);

/** Applies `spec`, then checks the incremental update against a full scan. */
function check(state: EditorState, blocks: Found[], tr: Transaction): { state: EditorState; blocks: Found[] } {
  const next = parsed(tr.state);
  const updated = updateBlocks(blocks, tr, state.doc.length);
  expect(brief(updated)).toEqual(brief(whole(next)));
  return { state: next, blocks: updated };
}

describe("block scan", () => {
  it("finds front matter, tables and embeds, not embeds in code", () => {
    const state = parsed(EditorState.create({ doc: NOTE, extensions: [obsidianMarkdown()] }));
    expect(whole(state).map((b) => `${b.kind}:${b.text}`)).toEqual([
      "properties:---\ntags: [a]\n---",
      "embed:![[그림.png|300]]",
      "table:| a | b |\n|---|---|\n| 1 | [[X\\|y]] |",
      "embed:![[Note#Heading]]",
      "embed:![[Quote]]",
    ]);
  });

  it("stays equal to a full scan through every kind of edit", () => {
    let state = parsed(EditorState.create({ doc: NOTE, extensions: [obsidianMarkdown()] }));
    let blocks = whole(state);
    const edits: ((s: EditorState) => Transaction)[] = [
      // Typing inside a table cell, then breaking the table.
      (s) => s.update({ changes: { from: s.doc.toString().indexOf("| 1 |") + 2, insert: "0" } }),
      (s) => s.update({ changes: { from: s.doc.toString().indexOf("|---|"), to: s.doc.toString().indexOf("|---|") + 1 } }),
      // A new embed typed into a paragraph, one removed.
      (s) => s.update({ changes: { from: s.doc.toString().indexOf("끝"), insert: "![[새]] " } }),
      (s) => {
        const at = s.doc.toString().indexOf("![[Quote]]");
        return s.update({ changes: { from: at, to: at + "![[Quote]]".length } });
      },
      // Opening a code fence swallows what follows; closing the front matter's fence away.
      (s) => s.update({ changes: { from: s.doc.toString().indexOf("- 목록"), insert: "```\n" } }),
      (s) => s.update({ changes: { from: 0, to: 3, insert: "" } }),
      (s) => s.update({ changes: { from: 0, insert: "---" } }),
      // Two changes in one transaction, far apart.
      (s) => s.update({ changes: [{ from: 5, insert: "x" }, { from: s.doc.length, insert: "\n\n| q |\n|---|\n| r |" }] }),
      // Everything replaced.
      (s) => s.update({ changes: { from: 0, to: s.doc.length, insert: "![[a]]\n\n| z |\n|---|" } }),
    ];
    for (const edit of edits) ({ state, blocks } = check(state, blocks, edit(state)));
  });

  it("stays equal to a full scan through 300 random edits of block syntax", () => {
    // A fixed seed: the same edits every run.
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ["```\n", "\n", "| a | b |\n|---|---|\n", "![[새 그림.png]]", "---\n", "%%\n", "> ", "- ", "# ", "글자", "\n\n"];
    let state = parsed(EditorState.create({ doc: NOTE, extensions: [obsidianMarkdown()] }));
    let blocks = whole(state);
    for (let i = 0; i < 300; i++) {
      const at = random(state.doc.length + 1);
      const tr =
        random(3) === 0 && state.doc.length > 0
          ? state.update({ changes: { from: at, to: Math.min(state.doc.length, at + 1 + random(12)) } })
          : state.update({ changes: { from: at, insert: pieces[random(pieces.length)] } });
      ({ state, blocks } = check(state, blocks, tr));
    }
  });
});
