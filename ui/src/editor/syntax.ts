// The editor's Markdown grammar: CommonMark and GFM from @lezer/markdown
// (tables, task lists, strikethrough), plus the Obsidian syntax the live
// preview styles and hides: front matter, wiki-links and embeds, `==highlight==`,
// `#tags` and `%% comments %%`.
//
// Presentation only. This grammar decides how text *looks* while it is
// edited; it never decides what a link points at (the core's resolver does,
// through `resolve_link`), what a tag's key is, or what the reading view
// renders. Where it recognises Obsidian syntax it follows the rules of
// `crates/syntax` (the one home of those rules: tag.rs, inline.rs, link.rs),
// and syntax.test.ts holds it to the same cases. It never throws on any
// text: a construct it cannot close is left as plain text.
import { commonmarkLanguage, markdown } from "@codemirror/lang-markdown";
import type { Extension } from "@codemirror/state";
import { tags as t } from "@lezer/highlight";
import { GFM, type BlockContext, type InlineContext, type Line, type MarkdownConfig } from "@lezer/markdown";

const BANG = 33;
const HASH = 35;
const PERCENT = 37;
const EQUALS = 61;
const OPEN_BRACKET = 91;

/** Characters a tag name may hold (tag.rs `is_tag_char`: Unicode alphanumerics, `_`, `-`, `/`). */
const TAG_CHAR = /[\p{Alphabetic}\p{N}_\-/]/u;
const WHITE_SPACE = /\p{White_Space}/u;

/** The tag name right after the `#` at `text[0]` (tag.rs `at`), or null. */
export function tagAt(text: string): string | null {
  if (text[0] !== "#") return null;
  let end = 1;
  for (const ch of text.slice(1)) {
    if (!TAG_CHAR.test(ch)) break;
    end += ch.length;
  }
  const name = text.slice(1, end).replace(/\/+$/, "");
  if (name === "" || name.startsWith("/") || /^[0-9/]+$/.test(name)) return null;
  return name;
}

/** Whether a `#` after `prev` can open a tag (tag.rs `may_follow`): at the start, or after white space. */
export function tagMayFollow(prev: string | undefined): boolean {
  return prev === undefined || prev === "" || WHITE_SPACE.test(prev);
}

/** For `text` starting with `==`, the offset of the closing `==` (inline.rs `highlight_at`), or -1. */
export function highlightEnd(text: string): number {
  if (!text.startsWith("==")) return -1;
  const inner = text.slice(2);
  const first = inner[0];
  if (first === undefined || WHITE_SPACE.test(first) || first === "=") return -1;
  let from = 0;
  for (;;) {
    const at = inner.indexOf("==", from);
    if (at < 0) return -1;
    if (at > 0 && !WHITE_SPACE.test(inner[at - 1])) return 2 + at;
    from = at + 1;
  }
}

/** A character before the position `pos` of an inline context, as a string ("" at its start). */
function charBefore(cx: InlineContext, pos: number): string {
  if (pos <= cx.offset) return "";
  const code = cx.char(pos - 1);
  // A low surrogate: the character is the pair.
  if (code >= 0xdc00 && code < 0xe000 && pos - 2 >= cx.offset) return cx.slice(pos - 2, pos);
  return String.fromCharCode(code);
}

/**
 * `[[target#anchor|alias]]` and `![[…]]`: the node `WikiLink` or `Embed`,
 * with `LinkMark`s for `![[`, `|` and `]]`, `WikiTarget` for what comes
 * before the `|`, and `WikiAlias` after it. A wiki-link never spans lines and
 * never holds `[[`; in a table cell its pipe is written `\|` (the backslash
 * is part of the separator).
 */
const WikiLinks: MarkdownConfig = {
  defineNodes: [
    { name: "WikiLink", style: t.link },
    { name: "Embed", style: t.link },
    { name: "WikiTarget", style: t.url },
    { name: "WikiAlias" },
  ],
  parseInline: [
    {
      name: "WikiLink",
      before: "Link",
      parse(cx, next, pos) {
        const embed = next === BANG;
        const open = embed ? pos + 1 : pos;
        if (cx.char(open) !== OPEN_BRACKET || cx.char(open + 1) !== OPEN_BRACKET) return -1;
        const rest = cx.slice(open + 2, cx.end);
        const close = rest.indexOf("]]");
        if (close < 0) return -1;
        const inside = rest.slice(0, close);
        if (inside.includes("\n") || inside.includes("[[")) return -1;
        const start = open + 2;
        const end = start + close + 2;
        const bar = inside.search(/\\?\|/);
        const children = [cx.elt("LinkMark", pos, start)];
        if (bar < 0) {
          if (inside.length > 0) children.push(cx.elt("WikiTarget", start, start + inside.length));
        } else {
          const barLen = inside[bar] === "\\" ? 2 : 1;
          if (bar > 0) children.push(cx.elt("WikiTarget", start, start + bar));
          children.push(cx.elt("LinkMark", start + bar, start + bar + barLen));
          if (bar + barLen < inside.length) children.push(cx.elt("WikiAlias", start + bar + barLen, start + inside.length));
        }
        children.push(cx.elt("LinkMark", end - 2, end));
        return cx.addElement(cx.elt(embed ? "Embed" : "WikiLink", pos, end, children));
      },
    },
  ],
};

/** `==text==`: `Highlight` with `HighlightMark`s. */
const Highlights: MarkdownConfig = {
  defineNodes: [{ name: "Highlight", style: t.special(t.content) }, { name: "HighlightMark", style: t.processingInstruction }],
  parseInline: [
    {
      name: "Highlight",
      before: "Emphasis",
      parse(cx, next, pos) {
        if (next !== EQUALS || cx.char(pos + 1) !== EQUALS) return -1;
        const close = highlightEnd(cx.slice(pos, cx.end));
        if (close < 0) return -1;
        const end = pos + close + 2;
        return cx.addElement(
          cx.elt("Highlight", pos, end, [cx.elt("HighlightMark", pos, pos + 2), cx.elt("HighlightMark", end - 2, end)]),
        );
      },
    },
  ],
};

/** `#tag` in prose: `Tag`. */
const Tags: MarkdownConfig = {
  defineNodes: [{ name: "Tag", style: t.labelName }],
  parseInline: [
    {
      name: "Tag",
      parse(cx, next, pos) {
        if (next !== HASH || !tagMayFollow(charBefore(cx, pos))) return -1;
        const name = tagAt(cx.slice(pos, Math.min(cx.end, pos + 1 + 512)));
        if (name === null) return -1;
        return cx.addElement(cx.elt("Tag", pos, pos + 1 + name.length));
      },
    },
  ],
};

/**
 * `%% comment %%`: `Comment` with `CommentMark`s, inline within a paragraph,
 * or as a block from a line starting with `%%` to the line holding the
 * closing `%%` (to the end of the note when it never closes, as Obsidian).
 */
const Comments: MarkdownConfig = {
  defineNodes: [
    { name: "Comment", style: t.comment },
    { name: "CommentBlock", block: true, style: t.comment },
    { name: "CommentMark", style: t.comment },
  ],
  parseInline: [
    {
      name: "Comment",
      before: "Emphasis",
      parse(cx, next, pos) {
        if (next !== PERCENT || cx.char(pos + 1) !== PERCENT) return -1;
        const close = cx.slice(pos + 2, cx.end).indexOf("%%");
        if (close < 0) return -1;
        const end = pos + 2 + close + 2;
        return cx.addElement(
          cx.elt("Comment", pos, end, [cx.elt("CommentMark", pos, pos + 2), cx.elt("CommentMark", end - 2, end)]),
        );
      },
    },
  ],
  parseBlock: [
    {
      name: "CommentBlock",
      before: "FencedCode",
      parse(cx: BlockContext, line: Line) {
        if (!line.text.slice(line.pos).startsWith("%%")) return false;
        const first = line.text.slice(line.pos + 2);
        // Closed on its own line: an inline comment in a paragraph.
        if (first.includes("%%")) return false;
        const start = cx.lineStart + line.pos;
        let end = cx.lineStart + line.text.length;
        while (cx.nextLine()) {
          end = cx.lineStart + line.text.length;
          const at = line.text.indexOf("%%");
          if (at >= 0) {
            cx.nextLine();
            break;
          }
        }
        cx.addElement(cx.elt("CommentBlock", start, end));
        return true;
      },
    },
  ],
};

/**
 * Front matter: `---` on the note's first line (after a BOM) up to a line
 * `---` or `...`: `FrontMatter`, with `FrontMatterMark` on both fences, so
 * its YAML is never read as Markdown (a `---` under a line is no heading).
 */
const FrontMatter: MarkdownConfig = {
  defineNodes: [
    { name: "FrontMatter", block: true, style: t.meta },
    { name: "FrontMatterMark", style: t.processingInstruction },
  ],
  parseBlock: [
    {
      name: "FrontMatter",
      before: "HorizontalRule",
      parse(cx: BlockContext, line: Line) {
        if (cx.lineStart !== 0 || !/^\uFEFF?---[ \t]*$/.test(line.text)) return false;
        const start = 0;
        const marks = [cx.elt("FrontMatterMark", 0, line.text.length)];
        let end = line.text.length;
        while (cx.nextLine()) {
          end = cx.lineStart + line.text.length;
          if (/^(---|\.\.\.)[ \t]*$/.test(line.text)) {
            marks.push(cx.elt("FrontMatterMark", cx.lineStart, end));
            cx.nextLine();
            break;
          }
        }
        cx.addElement(cx.elt("FrontMatter", start, end, marks));
        return true;
      },
    },
  ],
};

/** Every extension, in the order they take precedence. */
export const OBSIDIAN: MarkdownConfig[] = [FrontMatter, Comments, WikiLinks, Highlights, Tags];

/** The editor's Markdown language: CommonMark, GFM and Obsidian's syntax. */
export function obsidianMarkdown(): Extension {
  return markdown({ base: commonmarkLanguage, extensions: [GFM, ...OBSIDIAN], addKeymap: true });
}
