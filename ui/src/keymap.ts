// Which keys run which command: each command's default shortcut, unless
// the vault's `.obsidian/hotkeys.json` (read by the shell) sets its own, as
// Obsidian keeps them, under Obsidian's command id where Hanji's command is
// one of Obsidian's (so a hotkey set in either app works in both), else
// under `hanji:<id>`. Pure.
import type { HotkeyView, HotkeysView } from "./api";
import { COMMANDS, type Command, type CommandId } from "./commands";
import { matchesShortcut, type KeyLike } from "./shortcuts";

/** Obsidian's ids of the commands both apps have. */
const OBSIDIAN: Partial<Record<CommandId, string>> = {
  "quick-switcher": "switcher:open",
  "command-palette": "command-palette:open",
  search: "global-search:open",
  back: "app:go-back",
  forward: "app:go-forward",
  files: "file-explorer:open",
  tags: "tag-pane:open",
  "toggle-left": "app:toggle-left-sidebar",
  "toggle-right": "app:toggle-right-sidebar",
  backlinks: "backlink:open",
  outline: "outline:open",
  "toggle-editing": "markdown:toggle-preview",
  "toggle-source": "editor:toggle-source",
  save: "editor:save-file",
  "rename-file": "workspace:edit-file-title",
  "move-file": "file-explorer:move-file",
  "delete-file": "app:delete-file",
  "new-note": "file-explorer:new-file",
  "new-folder": "file-explorer:new-folder",
  "daily-today": "daily-notes",
  "daily-previous": "daily-notes:goto-prev",
  "daily-next": "daily-notes:goto-next",
  "new-tab": "workspace:new-tab",
  "close-tab": "workspace:close",
  "split-right": "workspace:split-vertical",
  "split-down": "workspace:split-horizontal",
  "next-tab": "workspace:next-tab",
  "previous-tab": "workspace:previous-tab",
  "zoom-in": "window:zoom-in",
  "zoom-out": "window:zoom-out",
  "zoom-reset": "window:reset-zoom",
  "open-settings": "app:open-settings",
  "insert-template": "insert-template",
  "open-graph": "graph:open",
  "open-local-graph": "graph:open-local",
  "collapse-folders": "file-explorer:collapse-all",
  "expand-folders": "file-explorer:expand-all",
};

/** The id of `command` in hotkeys.json. */
export function hotkeyId(command: CommandId): string {
  return OBSIDIAN[command] ?? `hanji:${command}`;
}

/** A hotkey as hotkeys.json has it, as a shortcut spec (`Mod+Shift+D`). */
export function specOf(h: HotkeyView): string {
  return [...h.modifiers, h.key].join("+");
}

/** A shortcut spec as hotkeys.json writes it. */
export function hotkeyOf(spec: string): HotkeyView {
  const parts = spec.split("+");
  // "Mod++" would be the "+" key: the last part, even when empty, is the key.
  const key = parts.pop() || "+";
  return { modifiers: parts.filter(Boolean), key: key.length === 1 ? key.toUpperCase() : key };
}

/** Each command's shortcuts: the vault's where hotkeys.json sets them, else the default. */
export type Keymap = ReadonlyMap<CommandId, readonly string[]>;

export function keymapOf(set: HotkeysView | null): Keymap {
  const byId = new Map((set?.commands ?? []).map((c) => [c.command, c.hotkeys.map(specOf)]));
  return new Map(COMMANDS.map((c) => [c.id, byId.get(hotkeyId(c.id)) ?? (c.shortcut ? [c.shortcut] : [])]));
}

/** Whether `command` has the vault's own hotkeys rather than its default. */
export function isCustom(set: HotkeysView | null, command: CommandId): boolean {
  return (set?.commands ?? []).some((c) => c.command === hotkeyId(command));
}

/** The command a key event runs, if any. */
export function commandFor(e: KeyLike, mac: boolean, keymap: Keymap): Command | null {
  return COMMANDS.find((c) => (keymap.get(c.id) ?? []).some((s) => matchesShortcut(e, s, mac))) ?? null;
}

/** Commands that share a shortcut with another, by shortcut (what the settings warn about). */
export function clashes(keymap: Keymap): Map<string, CommandId[]> {
  const by = new Map<string, CommandId[]>();
  for (const [id, specs] of keymap) {
    for (const s of specs) {
      const k = canonical(s);
      by.set(k, [...(by.get(k) ?? []), id]);
    }
  }
  return new Map([...by].filter(([, ids]) => ids.length > 1));
}

/** A spec with its modifiers in one order, for comparing. */
export function canonical(spec: string): string {
  const h = hotkeyOf(spec);
  const order = ["Mod", "Ctrl", "Meta", "Alt", "Shift"];
  return [...order.filter((m) => h.modifiers.includes(m)), h.key.toLowerCase()].join("+");
}

/**
 * The shortcut a key press makes, while a hotkey is being recorded; null
 * for a modifier alone (keep waiting). Letters by the physical key, so a
 * Korean layout records `Mod+D`, not `Mod+ㅇ`.
 */
export function recorded(e: KeyLike & { code?: string }, mac: boolean): string | null {
  if (["Control", "Shift", "Alt", "Meta", "OS", "Process"].includes(e.key)) return null;
  const letter = /^Key([A-Z])$/.exec(e.code ?? "")?.[1];
  const digit = /^Digit([0-9])$/.exec(e.code ?? "")?.[1];
  const key = letter ?? digit ?? (e.key === " " ? "Space" : e.key.length === 1 ? e.key.toUpperCase() : e.key);
  const mods = [
    (mac ? e.metaKey : e.ctrlKey) ? "Mod" : "",
    mac && e.ctrlKey ? "Ctrl" : "",
    !mac && e.metaKey ? "Meta" : "",
    e.altKey ? "Alt" : "",
    e.shiftKey ? "Shift" : "",
  ].filter(Boolean);
  return [...mods, key].join("+");
}
