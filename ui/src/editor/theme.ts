// How Markdown looks in the editor, in both modes: the highlight style of the
// grammar's nodes (syntax.ts). Source mode shows it on the plain text; live
// preview adds its decorations (livepreview.ts, styled in Editor.svelte) on
// top. Colours come from the app's CSS variables, so dark mode follows.
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import type { Extension } from "@codemirror/state";
import { tags as t } from "@lezer/highlight";

const style = HighlightStyle.define([
  { tag: t.heading, fontWeight: "700" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strong, fontWeight: "700" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: [t.link, t.url], color: "var(--link)" },
  { tag: t.monospace, fontFamily: "var(--font-mono, monospace)" },
  { tag: [t.processingInstruction, t.meta, t.contentSeparator], color: "var(--muted)" },
  { tag: t.comment, color: "var(--muted)", fontStyle: "italic" },
  { tag: t.labelName, color: "var(--tag-text)" },
  { tag: t.quote, color: "var(--text-soft)" },
  { tag: t.special(t.content), backgroundColor: "var(--mark)" },
]);

export function markdownStyle(): Extension {
  return syntaxHighlighting(style);
}
