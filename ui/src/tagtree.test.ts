// Tests for building the nested tag tree.
import { describe, expect, it } from "vitest";
import { buildTagTree, tagAncestors, tagKey, type TagNode } from "./tagtree";

const tag = (name: string, notes: number, notes_with_children = notes) => ({
  name,
  notes,
  notes_with_children,
});

const shape = (nodes: TagNode[]): unknown =>
  nodes.map((n) => [n.label, n.notesWithChildren, ...(n.children.length ? [shape(n.children)] : [])]);

describe("buildTagTree", () => {
  it("nests tags under their parents", () => {
    const tree = buildTagTree([
      tag("cs", 2, 9),
      tag("cs/network", 3, 4),
      tag("cs/network/tcp", 1),
      tag("cs/os", 3),
      tag("면접", 5),
    ]);
    expect(shape(tree)).toEqual([
      ["cs", 9, [["network", 4, [["tcp", 1]]], ["os", 3]]],
      ["면접", 5],
    ]);
    expect(tree[0].children[0].children[0].name).toBe("cs/network/tcp");
  });

  it("does not depend on the order", () => {
    const tree = buildTagTree([tag("a/b", 1), tag("a", 0, 1)]);
    expect(shape(tree)).toEqual([["a", 1, [["b", 1]]]]);
    expect(tree[0].notes).toBe(0);
  });

  it("adds missing parents with their children's counts", () => {
    const tree = buildTagTree([tag("lang/rust", 2), tag("lang/go", 1)]);
    expect(shape(tree)).toEqual([["lang", 3, [["rust", 2], ["go", 1]]]]);
  });

  it("merges tags differing only in case, and drops a leading #", () => {
    const tree = buildTagTree([tag("#Rust", 1), tag("rust/async", 2)]);
    expect(shape(tree)).toEqual([["Rust", 1, [["async", 2]]]]);
  });
});

describe("tag helpers", () => {
  it("keys tags case-insensitively, in NFC", () => {
    expect(tagKey("#Lang/Rust")).toBe("lang/rust");
    expect(tagKey("면접".normalize("NFD"))).toBe("면접");
  });

  it("lists a tag's parents", () => {
    expect(tagAncestors("#a/b/c")).toEqual(["a", "a/b", "a/b/c"]);
    expect(tagAncestors("x")).toEqual(["x"]);
  });
});
