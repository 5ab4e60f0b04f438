// The settings view's arithmetic: settings grouped by section in the shell's
// order, which rows show (a folder field only when its choice asks for it),
// the text a list is edited as, and the suggestions for folder and note
// fields. Pure: the list of settings, their checks and their files are the
// core's (hanji_core::settings::schema), and nothing here knows a default.
import type { SettingView, TreeNode } from "./api";

export interface Section {
  title: string;
  settings: SettingView[];
}

/** The settings by section, sections and settings in the order given. */
export function sections(all: readonly SettingView[]): Section[] {
  const out: Section[] = [];
  for (const s of all) {
    let section = out.find((x) => x.title === s.section);
    if (!section) out.push((section = { title: s.section, settings: [] }));
    section.settings.push(s);
  }
  return out;
}

/**
 * Whether a row is shown: as in Obsidian, the folder for new notes only when
 * new notes go "in the folder specified below".
 */
export function shown(s: SettingView, all: readonly SettingView[]): boolean {
  if (s.file === "app.json" && s.key === "newFileFolderPath") {
    return all.find((o) => o.file === "app.json" && o.key === "newFileLocation")?.value === "folder";
  }
  return true;
}

/** A list setting as edited: one entry a line. */
export function listText(value: SettingView["value"]): string {
  return Array.isArray(value) ? value.join("\n") : "";
}

/** The entries of a list edited as text (blank lines dropped; the shell trims). */
export function parseList(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

/** An hour as the day-start select shows it. */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** Every folder of the tree (vault paths, the root left out), in tree order. */
export function folderPaths(tree: TreeNode | null): string[] {
  const out: string[] = [];
  const walk = (node: TreeNode) => {
    for (const c of node.children) {
      if (c.kind === "folder") {
        out.push(c.path);
        walk(c);
      }
    }
  };
  if (tree) walk(tree);
  return out;
}

/**
 * The notes under `folder` (the whole vault when it is ""), as a setting
 * names a note: a vault path without `.md`. For the template fields.
 */
export function notesUnder(tree: TreeNode | null, folder: string): string[] {
  const out: string[] = [];
  const prefix = folder.replace(/^\/+|\/+$/g, "");
  const walk = (node: TreeNode) => {
    for (const c of node.children) {
      if (c.kind === "folder") walk(c);
      else if (c.kind === "note" && (prefix === "" || c.path.startsWith(`${prefix}/`))) {
        out.push(c.path.replace(/\.md$/, ""));
      }
    }
  };
  if (tree) walk(tree);
  return out;
}
