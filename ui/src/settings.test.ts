// Tests for the settings view's arithmetic.
import { describe, expect, it } from "vitest";
import type { SettingView, TreeNode } from "./api";
import { folderPaths, hourLabel, listText, notesUnder, parseList, sections, shown } from "./settings";

const setting = (file: string, key: string, section: string, value: SettingView["value"]): SettingView => ({
  file,
  key,
  section,
  label: key,
  help: "",
  kind: "text",
  options: [],
  value,
  min: null,
  max: null,
  error: null,
});

const node = (path: string, kind: TreeNode["kind"], children: TreeNode[] = []): TreeNode => ({
  name: path.split("/").pop() ?? "",
  path,
  kind,
  note_count: 0,
  file_count: 0,
  children,
});

const tree = node("", "folder", [
  node("Daily", "folder", [node("Daily/2025-02-03.md", "note")]),
  node("Templates", "folder", [
    node("Templates/Daily.md", "note"),
    node("Templates/회의", "folder", [node("Templates/회의/주간.md", "note")]),
    node("Templates/logo.png", "attachment"),
  ]),
  node("Home.md", "note"),
]);

describe("settings view", () => {
  it("groups by section in the order given", () => {
    const all = [
      setting("app.json", "a", "Files and links", ""),
      setting("daily-notes.json", "format", "Daily notes", "YYYY-MM-DD"),
      setting("app.json", "b", "Files and links", ""),
    ];
    expect(sections(all).map((s) => [s.title, s.settings.map((x) => x.key)])).toEqual([
      ["Files and links", ["a", "b"]],
      ["Daily notes", ["format"]],
    ]);
  });

  it("shows the folder for new notes only when they go to a chosen folder", () => {
    const folder = setting("app.json", "newFileFolderPath", "Files and links", "Inbox");
    const at = (where: string) => [setting("app.json", "newFileLocation", "Files and links", where), folder];
    expect(shown(folder, at("root"))).toBe(false);
    expect(shown(folder, at("folder"))).toBe(true);
    expect(shown(at("root")[0], at("root"))).toBe(true);
  });

  it("edits a list one entry a line", () => {
    expect(listText(["Archive/", "/\\.excalidraw$/"])).toBe("Archive/\n/\\.excalidraw$/");
    expect(listText("oops")).toBe("");
    expect(parseList("Archive/\n\n  \n보관함/\n")).toEqual(["Archive/", "보관함/"]);
    expect(hourLabel(4)).toBe("04:00");
    expect(hourLabel(23)).toBe("23:00");
  });

  it("suggests the vault's folders, and notes under the templates folder", () => {
    expect(folderPaths(tree)).toEqual(["Daily", "Templates", "Templates/회의"]);
    expect(notesUnder(tree, "Templates/")).toEqual(["Templates/Daily", "Templates/회의/주간"]);
    expect(notesUnder(tree, "")).toEqual(["Daily/2025-02-03", "Templates/Daily", "Templates/회의/주간", "Home"]);
    expect(folderPaths(null)).toEqual([]);
  });
});
