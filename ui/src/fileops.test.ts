import { describe, expect, it } from "vitest";
import type { PlanView, TreeNode } from "./api";
import {
  doneMessage,
  folderPaths,
  movedPath,
  needsPreview,
  notePathForLink,
  renamedPath,
  untitledFolder,
  untitledPath,
} from "./fileops";

const leaf = (path: string): TreeNode => ({
  name: path.split("/").pop()!,
  path,
  kind: path.endsWith(".md") ? "note" : "attachment",
  note_count: 1,
  file_count: 1,
  children: [],
});
const tree: TreeNode = {
  name: "",
  path: "",
  kind: "folder",
  note_count: 3,
  file_count: 3,
  children: [
    { name: "Career", path: "Career", kind: "folder", note_count: 1, file_count: 1, children: [leaf("Career/Untitled.md")] },
    leaf("Untitled.md"),
    leaf("untitled 1.md"),
  ],
};

const plan = (over: Partial<PlanView>): PlanView => ({
  label: "Rename a.md to b.md",
  moves: [],
  deletes: [],
  notes: [],
  edit_count: 0,
  adopted: 0,
  unresolved: 0,
  always_update_links: false,
  ...over,
});

describe("file operation paths", () => {
  it.each([
    ["Career/Redis.md", "note", "Redis 운영", "Career/Redis 운영.md"],
    ["Redis.md", "note", "  캐시.md ", "캐시.md"],
    ["Redis.md", "note", "Redis", null],
    ["Redis.md", "note", "   ", null],
    ["img/chart.png", "attachment", "차트", "img/차트.png"],
    ["img/chart.png", "attachment", "chart.jpg", "img/chart.jpg"],
    ["Interview", "folder", "면접", "면접"],
  ] as const)("renames %s (%s) to %s", (path, kind, typed, expected) => {
    expect(renamedPath(path, kind, typed)).toBe(expected);
  });

  it("types a Hangul name in NFD and gets NFC", () => {
    expect(renamedPath("a.md", "note", "면접".normalize("NFD"))).toBe("면접.md");
  });

  it("moves into a folder, never into itself", () => {
    expect(movedPath("Career/Redis.md", "")).toBe("Redis.md");
    expect(movedPath("Redis.md", "Career")).toBe("Career/Redis.md");
    expect(movedPath("Redis.md", "")).toBeNull();
    expect(movedPath("Interview", "Interview/Sub")).toBeNull();
    expect(movedPath("Interview", "Career")).toBe("Career/Interview");
  });

  it("finds a free Untitled name, case-insensitively", () => {
    expect(untitledPath(tree, "")).toBe("Untitled 2.md");
    expect(untitledPath(tree, "Career")).toBe("Career/Untitled 1.md");
    expect(untitledPath(tree, "New")).toBe("New/Untitled.md");
  });

  it("finds a free folder name", () => {
    const withFolder: TreeNode = { ...tree, children: [...tree.children, { ...tree.children[0], name: "Untitled", path: "Untitled" }] };
    expect(untitledFolder(withFolder, "")).toBe("Untitled 1");
    expect(untitledFolder(tree, "Career")).toBe("Career/Untitled");
  });

  it("puts the note an unresolved link asks for where the link says", () => {
    expect(notePathForLink("없는 노트", "")).toBe("없는 노트.md");
    expect(notePathForLink("Career/목표#첫째", "Inbox")).toBe("Career/목표.md");
    expect(notePathForLink("Plan", "Inbox")).toBe("Inbox/Plan.md");
    expect(notePathForLink("#only", "")).toBeNull();
    expect(notePathForLink("../escape", "")).toBeNull();
  });

  it("lists folders, the root first", () => {
    expect(folderPaths(tree)).toEqual(["", "Career"]);
  });

  it("previews when other notes change, always for a delete", () => {
    const move = { kind: "move", from: "a.md", to: "b.md" } as const;
    expect(needsPreview(move, plan({ notes: [{ path: "a.md", path_after: "b.md", count: 1 }] }))).toBe(false);
    expect(needsPreview(move, plan({ notes: [{ path: "c.md", path_after: "c.md", count: 2 }] }))).toBe(true);
    expect(needsPreview({ kind: "delete", path: "a.md" }, plan({}))).toBe(true);
    // alwaysUpdateLinks: renames and moves go ahead; a delete still asks.
    const always = { always_update_links: true, notes: [{ path: "c.md", path_after: "c.md", count: 2 }] };
    expect(needsPreview(move, plan(always))).toBe(false);
    expect(needsPreview({ kind: "delete", path: "a.md" }, plan(always))).toBe(true);
  });

  it("says what was done", () => {
    expect(
      doneMessage(plan({ label: 'Rename the heading "a" of n.md to "b"', edit_count: 2, notes: [{ path: "n.md", path_after: "n.md", count: 2 }] })),
    ).toBe('Renamed the heading "a" of n.md to "b" · 2 changes in 1 note updated');
    expect(doneMessage(plan({ edit_count: 3, notes: [{ path: "c.md", path_after: "c.md", count: 3 }] }))).toBe(
      "Renamed a.md to b.md · 3 links in 1 note updated",
    );
    expect(doneMessage(plan({ label: "Delete a.md", deletes: ["a.md"], unresolved: 2 }))).toBe(
      "Deleted a.md · 2 links to it now unresolved",
    );
  });
});
