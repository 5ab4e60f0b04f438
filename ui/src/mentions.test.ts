// Tests for grouping backlinks and listing outgoing links.
import { describe, expect, it } from "vitest";
import type { Mention, OutgoingLink } from "./api";
import { distinctOutgoing, groupMentions, noteName } from "./mentions";

const m = (source: string, line: number): Mention => ({
  source,
  source_title: source.replace(".md", "").toUpperCase(),
  line,
  snippet: `line ${line}`,
  highlights: [],
});

describe("groupMentions", () => {
  it("groups by source in first-seen order, lines ascending", () => {
    const groups = groupMentions([m("b.md", 9), m("a.md", 3), m("b.md", 2)]);
    expect(groups.map((g) => [g.source, g.title, g.mentions.map((x) => x.line)])).toEqual([
      ["b.md", "B", [2, 9]],
      ["a.md", "A", [3]],
    ]);
    expect(groupMentions([])).toEqual([]);
  });
});

describe("distinctOutgoing", () => {
  const link = (target: string, path: string | null, line: number, anchor: string | null = null): OutgoingLink => ({
    target,
    path,
    kind: path === null ? "unresolved" : path.endsWith(".md") ? "note" : "attachment",
    anchor,
    line,
  });

  it("keeps one entry per link, counting repeats, in line order", () => {
    const out = distinctOutgoing([
      link("TCP", "CS/TCP.md", 8),
      link("없는 노트", null, 3),
      link("TCP", "CS/TCP.md", 12),
      link("TCP#3-way handshake", "CS/TCP.md", 5, "3-way-handshake"),
      link("img.png", "Attachments/img.png", 1),
    ]);
    expect(out.map((e) => [e.target, e.count, e.anchor, e.line])).toEqual([
      ["img.png", 1, null, 1],
      ["없는 노트", 1, null, 3],
      ["TCP#3-way handshake", 1, "3-way-handshake", 5],
      ["TCP", 2, null, 8],
    ]);
  });

  it("names notes by their file", () => {
    expect(noteName("Interview/면접 준비.md")).toBe("면접 준비");
    expect(noteName("Home.md")).toBe("Home");
  });
});
