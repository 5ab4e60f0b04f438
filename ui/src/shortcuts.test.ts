// Tests for shortcut matching and formatting, and the command table.
import { describe, expect, it } from "vitest";
import { COMMANDS, PALETTE_COMMANDS } from "./commands";
import { formatShortcut, isMac, matchesShortcut, type KeyLike } from "./shortcuts";

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : undefined,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe("matchesShortcut", () => {
  it("reads Mod as Ctrl off macOS and Cmd on it", () => {
    expect(matchesShortcut(key("o", { ctrlKey: true }), "Mod+O", false)).toBe(true);
    expect(matchesShortcut(key("o", { metaKey: true }), "Mod+O", false)).toBe(false);
    expect(matchesShortcut(key("o", { metaKey: true }), "Mod+O", true)).toBe(true);
    expect(matchesShortcut(key("o", { ctrlKey: true }), "Mod+O", true)).toBe(false);
  });

  it("needs exactly the modifiers named", () => {
    expect(matchesShortcut(key("F", { ctrlKey: true, shiftKey: true }), "Mod+Shift+F", false)).toBe(true);
    expect(matchesShortcut(key("f", { ctrlKey: true }), "Mod+Shift+F", false)).toBe(false);
    expect(matchesShortcut(key("o", { ctrlKey: true, altKey: true }), "Mod+O", false)).toBe(false);
  });

  it("matches the physical key when a Korean input method changes the character", () => {
    const hangul: KeyLike = { ...key("ㅐ", { ctrlKey: true }), code: "KeyO" };
    expect(matchesShortcut(hangul, "Mod+O", false)).toBe(true);
    const macAlt: KeyLike = { ...key("∫", { altKey: true }), code: "KeyB" };
    expect(matchesShortcut(macAlt, "Alt+B", true)).toBe(true);
  });

  it("trusts the character of a Latin layout over the physical key", () => {
    // Dvorak: the key labelled O sits where QWERTY has S.
    const dvorak: KeyLike = { ...key("o", { ctrlKey: true }), code: "KeyS" };
    expect(matchesShortcut(dvorak, "Mod+O", false)).toBe(true);
    expect(matchesShortcut(dvorak, "Mod+S", false)).toBe(false);
  });

  it("matches named keys", () => {
    expect(matchesShortcut(key("ArrowLeft", { altKey: true }), "Alt+ArrowLeft", false)).toBe(true);
    expect(matchesShortcut(key("ArrowLeft"), "Alt+ArrowLeft", false)).toBe(false);
  });
});

describe("formatShortcut", () => {
  it("writes shortcuts the platform's way", () => {
    expect(formatShortcut("Mod+Shift+F", false)).toBe("Ctrl+Shift+F");
    expect(formatShortcut("Mod+Shift+F", true)).toBe("⇧⌘F");
    expect(formatShortcut("Alt+ArrowLeft", false)).toBe("Alt+Left");
    expect(formatShortcut("Alt+ArrowRight", true)).toBe("⌥→");
    expect(formatShortcut("Mod+o", false)).toBe("Ctrl+O");
  });

  it("detects macOS from the user agent", () => {
    expect(isMac({ userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)" })).toBe(true);
    expect(isMac({ userAgent: "Mozilla/5.0 (X11; Linux x86_64)" })).toBe(false);
  });
});

describe("commands", () => {
  it("gives every shortcut to one command only", () => {
    const shortcuts = COMMANDS.flatMap((c) => (c.shortcut ? [c.shortcut] : []));
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it("does not list the palette inside itself", () => {
    expect(PALETTE_COMMANDS.some((c) => c.id === "command-palette")).toBe(false);
    expect(PALETTE_COMMANDS.length).toBe(COMMANDS.length - 1);
  });
});
