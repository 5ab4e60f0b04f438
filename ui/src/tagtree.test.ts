// Tests for building the nested tag tree from the shell's tag list. Each tag
// is written as the shell sends it: its key and its parent's key come from
// the engine, so the rows below also say what the tree must not decide
// itself (case, NFC, nesting).
import { describe, expect, it } from "vitest";
import type { TagCount } from "./api";
import { buildTagTree, listedKey, tagAncestors, type TagNode } from "./tagtree";

const tag = (name: string, key: string, parent: string | null, notes: number, notes_with_children = notes): TagCount => ({
  name,
  key,
  parent,
  notes,
  notes_with_children,
});

const shape = (nodes: TagNode[]): unknown =>
  nodes.map((n) => [n.label, n.notesWithChildren, ...(n.children.length ? [shape(n.children)] : [])]);

// As the shell lists them: key order, implied parents (`cs`) included.
const listed = [
  tag("cs", "cs", null, 0, 9),
  tag("cs/Network", "cs/network", "cs", 3, 4),
  tag("cs/Network/tcp", "cs/network/tcp", "cs/network", 1),
  tag("cs/os", "cs/os", "cs", 3),
  tag("면접", "면접", null, 5),
];

describe("buildTagTree", () => {
  it("nests tags under the parent key the shell gives", () => {
    const tree = buildTagTree(listed);
    expect(shape(tree)).toEqual([
      ["cs", 9, [["Network", 4, [["tcp", 1]]], ["os", 3]]],
      ["면접", 5],
    ]);
    const tcp = tree[0].children[0].children[0];
    expect([tcp.name, tcp.key]).toEqual(["cs/Network/tcp", "cs/network/tcp"]);
  });

  it("does not depend on the order", () => {
    const tree = buildTagTree([tag("a/b", "a/b", "a", 1), tag("a", "a", null, 0, 1)]);
    expect(shape(tree)).toEqual([["a", 1, [["b", 1]]]]);
    expect(tree[0].notes).toBe(0);
  });

  it("follows the keys, not the spelling", () => {
    // `Rust` keyed `rust` is the parent of `rust/async`; a tag spelled like
    // another but keyed apart stays apart.
    const tree = buildTagTree([
      tag("Rust", "rust", null, 1, 3),
      tag("rust/async", "rust/async", "rust", 2),
      tag("RUST2", "rust2", null, 1),
    ]);
    expect(shape(tree)).toEqual([["Rust", 3, [["async", 2]]], ["RUST2", 1]]);
  });

  it("keeps a tag whose parent is not listed, at the top", () => {
    expect(shape(buildTagTree([tag("lang/go", "lang/go", "lang", 1)]))).toEqual([["go", 1]]);
  });
});

describe("tag helpers", () => {
  it("lists the keys above a tag through the parents the shell gives", () => {
    expect(tagAncestors(listed, "cs/network/tcp")).toEqual(["cs", "cs/network"]);
    expect(tagAncestors(listed, "면접")).toEqual([]);
    expect(tagAncestors(listed, "not/listed")).toEqual([]);
  });

  it("finds a listed tag's key by its exact spelling only", () => {
    expect(listedKey(listed, "cs/Network")).toBe("cs/network");
    // Another spelling is the shell's to key (it answers with the key).
    expect(listedKey(listed, "CS/network")).toBeNull();
  });
});
