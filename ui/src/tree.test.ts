// Tests for the file tree helpers.
import { describe, expect, it } from "vitest";
import type { TreeNode } from "./api";
import { allFolders, displayName, firstNote, hasNote, parentFolders, typeAhead, visibleRows } from "./tree";

const note = (path: string): TreeNode => ({
  name: path.split("/").pop()!,
  path,
  kind: "note",
  note_count: 1,
  file_count: 1,
  children: [],
});
const file = (path: string): TreeNode => ({ ...note(path), kind: "attachment", note_count: 0 });
const folder = (path: string, children: TreeNode[]): TreeNode => ({
  name: path.split("/").pop() ?? "",
  path,
  kind: "folder",
  note_count: children.reduce((n, c) => n + c.note_count, 0),
  file_count: children.reduce((n, c) => n + c.file_count, 0),
  children,
});

const vault = folder("", [
  folder("Attachments", [file("Attachments/a.png")]),
  folder("CS", [folder("CS/Network", [note("CS/Network/TCP.md")]), note("CS/OS.md")]),
  note("Home.md"),
]);

describe("tree helpers", () => {
  it("finds the first note, skipping folders without notes", () => {
    expect(firstNote(vault)).toBe("CS/Network/TCP.md");
    expect(firstNote(folder("", []))).toBeNull();
  });

  it("knows which notes exist", () => {
    expect(hasNote(vault, "CS/OS.md")).toBe(true);
    expect(hasNote(vault, "Home.md")).toBe(true);
    expect(hasNote(vault, "CS/Network/TCP.md")).toBe(true);
    expect(hasNote(vault, "CS/Missing.md")).toBe(false);
    expect(hasNote(vault, "Attachments/a.png")).toBe(false);
  });

  it("lists the folders to open for a note", () => {
    expect(parentFolders("CS/Network/TCP.md")).toEqual(["CS", "CS/Network"]);
    expect(parentFolders("Home.md")).toEqual([]);
  });

  it("hides the .md extension of notes only", () => {
    expect(displayName(note("면접 준비.md"))).toBe("면접 준비");
    expect(displayName(file("diagram.png"))).toBe("diagram.png");
  });

  it("lists every folder", () => {
    expect(allFolders(vault)).toEqual(["Attachments", "CS", "CS/Network"]);
  });
});

describe("the rows shown", () => {
  // Each row as `path level posinset/setsize parent open?`: what the tree
  // renders and what its keys and ARIA attributes are worked out from.
  const shown = (root: TreeNode, expanded: string[]) =>
    visibleRows(root, new Set(expanded)).map(
      (r) => `${r.node.path} ${r.level} ${r.posInSet}/${r.setSize} ${r.parent}${r.open ? " open" : ""}`,
    );

  const cases: [string, TreeNode, string[], string[]][] = [
    ["everything closed: the top level", vault, [], ["Attachments 1 1/3 -1", "CS 1 2/3 -1", "Home.md 1 3/3 -1"]],
    [
      "an open folder: its children after it, one level deeper",
      vault,
      ["CS"],
      ["Attachments 1 1/3 -1", "CS 1 2/3 -1 open", "CS/Network 2 1/2 1", "CS/OS.md 2 2/2 1", "Home.md 1 3/3 -1"],
    ],
    [
      "open folders inside open folders",
      vault,
      ["CS", "CS/Network", "Attachments"],
      [
        "Attachments 1 1/3 -1 open",
        "Attachments/a.png 2 1/1 0",
        "CS 1 2/3 -1 open",
        "CS/Network 2 1/2 2 open",
        "CS/Network/TCP.md 3 1/1 3",
        "CS/OS.md 2 2/2 2",
        "Home.md 1 3/3 -1",
      ],
    ],
    [
      "an open folder inside a closed one stays out of sight",
      vault,
      ["CS/Network"],
      ["Attachments 1 1/3 -1", "CS 1 2/3 -1", "Home.md 1 3/3 -1"],
    ],
    ["an empty vault: no rows", folder("", []), [], []],
    ["an empty open folder: its row alone", folder("", [folder("New", [])]), ["New"], ["New 1 1/1 -1 open"]],
  ];

  it.each(cases)("%s", (_, root, expanded, rows) => {
    expect(shown(root, expanded)).toEqual(rows);
  });

  it("lists a folder of 10,000 notes in order", () => {
    const big = folder("", [folder("Big", Array.from({ length: 10_000 }, (_, i) => note(`Big/${i}.md`)))]);
    const rows = visibleRows(big, new Set(["Big"]));
    expect(rows).toHaveLength(10_001);
    expect(rows[10_000]).toMatchObject({ level: 2, posInSet: 10_000, setSize: 10_000, parent: 0 });
  });
});

describe("type-ahead", () => {
  const names = ["cs", "career", "home", "hash", "diagram.png"];
  const cases: [string, number, string, number][] = [
    ["a first letter: the next row starting with it", 0, "c", 1],
    ["a first letter skips the row it is on", 2, "h", 3],
    ["and wraps around", 3, "h", 2],
    ["more letters may keep the row", 2, "ho", 2],
    ["more letters go on to a longer match", 0, "car", 1],
    ["more letters wrap around too", 4, "ca", 1],
    ["nothing starts so: nowhere", 0, "x", -1],
    ["only the row it is on starts so, with one letter: nowhere", 4, "d", -1],
  ];
  it.each(cases)("%s", (_, from, typed, hit) => {
    expect(typeAhead(names, from, typed)).toBe(hit);
  });
});
