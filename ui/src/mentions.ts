// Grouping backlink mentions by the note they come from, for the Backlinks
// panel, and the outgoing links as a list without repeats. Pure.
import type { Mention, OutgoingLink } from "./api";

export interface MentionGroup {
  source: string;
  title: string;
  mentions: Mention[];
}

/** Mentions grouped by source note (in first-seen order), lines ascending. */
export function groupMentions(mentions: readonly Mention[]): MentionGroup[] {
  const groups = new Map<string, MentionGroup>();
  for (const m of mentions) {
    let g = groups.get(m.source);
    if (!g) {
      g = { source: m.source, title: m.source_title, mentions: [] };
      groups.set(m.source, g);
    }
    g.mentions.push(m);
  }
  for (const g of groups.values()) g.mentions.sort((a, b) => a.line - b.line);
  return [...groups.values()];
}

/** An outgoing link (its `anchor` is the shell's element id) and its repeats. */
export interface OutgoingEntry extends OutgoingLink {
  /** How many times the note writes this link. */
  count: number;
}

/** Outgoing links in line order, one entry per distinct link text and target. */
export function distinctOutgoing(links: readonly OutgoingLink[]): OutgoingEntry[] {
  const seen = new Map<string, OutgoingEntry>();
  for (const link of [...links].sort((a, b) => a.line - b.line)) {
    const key = `${link.path ?? ""}\u0000${link.target}`;
    const entry = seen.get(key);
    if (entry) {
      entry.count++;
      continue;
    }
    seen.set(key, { ...link, count: 1 });
  }
  return [...seen.values()];
}

/** A file name without folders or `.md`: how a note is usually mentioned. */
export function noteName(path: string): string {
  return (path.split("/").pop() ?? path).replace(/\.md$/i, "");
}
