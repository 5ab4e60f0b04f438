// Tests for the file tree helpers.
import { describe, expect, it } from "vitest";
import type { TreeNode } from "./api";
import { allFolders, displayName, firstNote, hasNote, parentFolders } from "./tree";

const note = (path: string): TreeNode => ({
  name: path.split("/").pop()!,
  path,
  kind: "note",
  note_count: 1,
  children: [],
});
const file = (path: string): TreeNode => ({ ...note(path), kind: "attachment", note_count: 0 });
const folder = (path: string, children: TreeNode[]): TreeNode => ({
  name: path.split("/").pop() ?? "",
  path,
  kind: "folder",
  note_count: children.reduce((n, c) => n + c.note_count, 0),
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
