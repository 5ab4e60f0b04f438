// Every action the command palette lists, with its default keyboard
// shortcut (keymap.ts says which keys run it, the vault's hotkeys
// included). The app binds each id to what it does; this module only names
// them. Pure.

export type CommandId =
  | "quick-switcher"
  | "command-palette"
  | "search"
  | "back"
  | "forward"
  | "files"
  | "tags"
  | "toggle-left"
  | "toggle-right"
  | "backlinks"
  | "outline"
  | "reload"
  | "toggle-editing"
  | "toggle-source"
  | "save"
  | "collapse-folders"
  | "expand-folders"
  | "open-vault"
  | "rename-file"
  | "move-file"
  | "delete-file"
  | "new-note"
  | "new-folder"
  | "undo-file-operation"
  | "daily-today"
  | "new-tab"
  | "close-tab"
  | "split-right"
  | "split-down"
  | "focus-next-pane"
  | "focus-previous-pane"
  | "next-tab"
  | "previous-tab"
  | "zoom-in"
  | "zoom-out"
  | "zoom-reset"
  | "daily-previous"
  | "daily-next"
  | "open-settings"
  | "insert-template"
  | "open-graph"
  | "open-local-graph";

export interface Command {
  id: CommandId;
  title: string;
  shortcut?: string;
}

export const COMMANDS: readonly Command[] = [
  { id: "quick-switcher", title: "Open quick switcher", shortcut: "Mod+O" },
  { id: "command-palette", title: "Open command palette", shortcut: "Mod+P" },
  { id: "search", title: "Search in all notes", shortcut: "Mod+Shift+F" },
  { id: "back", title: "Go back", shortcut: "Alt+ArrowLeft" },
  { id: "forward", title: "Go forward", shortcut: "Alt+ArrowRight" },
  { id: "files", title: "Focus file tree", shortcut: "Mod+Shift+E" },
  { id: "tags", title: "Show tags", shortcut: "Mod+Shift+T" },
  { id: "toggle-left", title: "Toggle left sidebar", shortcut: "Mod+Shift+L" },
  { id: "toggle-right", title: "Toggle right sidebar", shortcut: "Mod+Shift+R" },
  { id: "backlinks", title: "Show backlinks", shortcut: "Mod+Shift+B" },
  { id: "outline", title: "Show outline", shortcut: "Mod+Shift+O" },
  { id: "reload", title: "Reload the current note" },
  { id: "toggle-editing", title: "Toggle editing and reading", shortcut: "Mod+E" },
  { id: "toggle-source", title: "Toggle source mode and live preview" },
  { id: "save", title: "Save the note being edited", shortcut: "Mod+S" },
  { id: "collapse-folders", title: "Collapse all folders" },
  { id: "expand-folders", title: "Expand all folders" },
  { id: "open-vault", title: "Open another vault" },
  { id: "new-note", title: "Create new note", shortcut: "Mod+N" },
  { id: "new-folder", title: "Create new folder" },
  { id: "rename-file", title: "Rename the current note", shortcut: "F2" },
  { id: "move-file", title: "Move the current note to another folder" },
  { id: "delete-file", title: "Delete the current note" },
  { id: "undo-file-operation", title: "Undo the last rename, move or delete" },
  { id: "daily-today", title: "Open today's daily note", shortcut: "Mod+Shift+D" },
  { id: "daily-previous", title: "Open the previous daily note", shortcut: "Alt+Shift+ArrowLeft" },
  { id: "daily-next", title: "Open the next daily note", shortcut: "Alt+Shift+ArrowRight" },
  { id: "open-settings", title: "Open settings", shortcut: "Mod+," },
  { id: "insert-template", title: "Templates: Insert template" },
  { id: "open-graph", title: "Graph view: Open graph view", shortcut: "Mod+G" },
  { id: "open-local-graph", title: "Graph view: Open local graph" },
  { id: "new-tab", title: "Open a new tab", shortcut: "Mod+T" },
  { id: "close-tab", title: "Close the current tab", shortcut: "Mod+W" },
  { id: "split-right", title: "Split right" },
  { id: "split-down", title: "Split down" },
  { id: "focus-next-pane", title: "Go to the next pane", shortcut: "Mod+Alt+ArrowRight" },
  { id: "focus-previous-pane", title: "Go to the previous pane", shortcut: "Mod+Alt+ArrowLeft" },
  { id: "next-tab", title: "Go to the next tab", shortcut: "Ctrl+Tab" },
  { id: "previous-tab", title: "Go to the previous tab", shortcut: "Ctrl+Shift+Tab" },
  { id: "zoom-in", title: "Zoom in", shortcut: "Mod+=" },
  { id: "zoom-out", title: "Zoom out", shortcut: "Mod+-" },
  { id: "zoom-reset", title: "Reset zoom", shortcut: "Mod+0" },
];

/** What the palette offers: everything but opening itself. */
export const PALETTE_COMMANDS = COMMANDS.filter((c) => c.id !== "command-palette");

