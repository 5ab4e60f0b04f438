// Which keys run which command: the defaults, the vault's hotkeys.json over
// them (under Obsidian's ids), a hotkey recorded from a key press.
import { describe, expect, it } from "vitest";
import type { HotkeysView } from "./api";
import { clashes, commandFor, hotkeyId, hotkeyOf, isCustom, keymapOf, recorded, specOf } from "./keymap";
import type { KeyLike } from "./shortcuts";

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

const set = (commands: HotkeysView["commands"]): HotkeysView => ({ commands, error: null });

describe("keymap", () => {
  it("finds the command for a key by the defaults", () => {
    const defaults = keymapOf(null);
    expect(commandFor(key("o", { ctrlKey: true }), false, defaults)?.id).toBe("quick-switcher");
    expect(commandFor(key("p", { metaKey: true }), true, defaults)?.id).toBe("command-palette");
    expect(commandFor(key("ArrowRight", { altKey: true }), false, defaults)?.id).toBe("forward");
    expect(commandFor(key("x", { ctrlKey: true }), false, defaults)).toBeNull();
  });

  it("takes the vault's hotkeys over the defaults, under Obsidian's ids", () => {
    expect(hotkeyId("daily-today")).toBe("daily-notes");
    expect(hotkeyId("focus-next-pane")).toBe("hanji:focus-next-pane");
    const vault = set([
      { command: "daily-notes", hotkeys: [{ modifiers: ["Mod", "Alt"], key: "D" }] },
      { command: "switcher:open", hotkeys: [] },
      { command: "workspace:split-vertical", hotkeys: [{ modifiers: ["Mod"], key: "\\" }] },
      { command: "hanji:focus-next-pane", hotkeys: [{ modifiers: ["Alt"], key: "N" }] },
      { command: "plugin:other", hotkeys: [{ modifiers: ["Mod"], key: "K" }] },
    ]);
    const map = keymapOf(vault);
    expect(map.get("daily-today")).toEqual(["Mod+Alt+D"]);
    expect(commandFor(key("d", { ctrlKey: true, altKey: true }), false, map)?.id).toBe("daily-today");
    expect(commandFor(key("D", { ctrlKey: true, shiftKey: true }), false, map), "the default is replaced").toBeNull();
    expect(commandFor(key("o", { ctrlKey: true }), false, map), "an empty list takes the default away").toBeNull();
    expect(commandFor(key("\\", { ctrlKey: true }), false, map)?.id).toBe("split-right");
    expect(commandFor(key("n", { altKey: true }), false, map)?.id).toBe("focus-next-pane");
    expect(isCustom(vault, "daily-today")).toBe(true);
    expect(isCustom(vault, "search")).toBe(false);
  });

  it("writes and reads hotkeys as Obsidian does", () => {
    expect(hotkeyOf("Mod+Shift+d")).toEqual({ modifiers: ["Mod", "Shift"], key: "D" });
    expect(hotkeyOf("Alt+ArrowLeft")).toEqual({ modifiers: ["Alt"], key: "ArrowLeft" });
    expect(hotkeyOf("Mod++")).toEqual({ modifiers: ["Mod"], key: "+" });
    expect(specOf({ modifiers: ["Mod", "Shift"], key: "D" })).toBe("Mod+Shift+D");
  });

  it("records a hotkey by the physical key, a Korean layout's too", () => {
    expect(recorded(key("Control", { ctrlKey: true }), false), "a modifier alone: still waiting").toBeNull();
    expect(recorded({ ...key("ㅇ", { ctrlKey: true, shiftKey: true }), code: "KeyD" }, false)).toBe("Mod+Shift+D");
    expect(recorded({ ...key("d", { metaKey: true }), code: "KeyD" }, true)).toBe("Mod+D");
    expect(recorded({ ...key("ArrowLeft", { altKey: true }), code: "ArrowLeft" }, false)).toBe("Alt+ArrowLeft");
    expect(recorded({ ...key("F2"), code: "F2" }, false)).toBe("F2");
  });

  it("finds the shortcuts two commands share", () => {
    const map = keymapOf(set([{ command: "daily-notes", hotkeys: [{ modifiers: ["Mod"], key: "O" }] }]));
    expect([...clashes(map)]).toEqual([["Mod+o", ["quick-switcher", "daily-today"]]]);
    expect(clashes(keymapOf(null)).size).toBe(0);
  });
});
