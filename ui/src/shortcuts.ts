// Keyboard shortcuts: matching key events against "Mod+Shift+F"-style specs
// and showing them as people expect on their platform. Pure.
//
// "Mod" is Cmd on macOS and Ctrl elsewhere. Letters match by the character
// typed when it is a Latin letter, else by the physical key, so Ctrl+O still
// works while a Korean input method is active (the key then reads "ㅐ").

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface Spec {
  mod: boolean;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

function parse(shortcut: string): Spec {
  const parts = shortcut.split("+");
  const key = parts.pop() ?? "";
  const has = (m: string) => parts.includes(m);
  return { mod: has("Mod"), ctrl: has("Ctrl"), meta: has("Meta"), alt: has("Alt"), shift: has("Shift"), key };
}

/** Whether this runs on macOS (from the user agent). */
export function isMac(nav: { userAgent: string } = navigator): boolean {
  return /Mac|iPhone|iPad/.test(nav.userAgent);
}

function keyMatches(e: KeyLike, key: string): boolean {
  if (/^[a-z]$/i.test(key)) {
    if (/^[a-z]$/i.test(e.key)) return e.key.toLowerCase() === key.toLowerCase();
    return e.code === `Key${key.toUpperCase()}`;
  }
  if (/^[0-9]$/.test(key)) {
    return e.key === key || e.code === `Digit${key}`;
  }
  // "=" is also "+": the same key shifted on most layouts, and the
  // keypad's; as in a browser, both zoom in.
  if (key === "=") return e.key === "=" || e.key === "+" || e.code === "Equal";
  if (key === "-") return e.key === "-" || e.code === "Minus";
  if (key === "Space") return e.key === " " || e.code === "Space";
  return e.key.toLowerCase() === key.toLowerCase();
}

/** Whether the event is exactly this shortcut (no extra modifiers). */
export function matchesShortcut(e: KeyLike, shortcut: string, mac: boolean): boolean {
  const s = parse(shortcut);
  const wantCtrl = s.ctrl || (s.mod && !mac);
  const wantMeta = s.meta || (s.mod && mac);
  return (
    e.ctrlKey === wantCtrl &&
    e.metaKey === wantMeta &&
    e.altKey === s.alt &&
    (e.shiftKey === s.shift || (s.key === "=" && e.key === "+")) &&
    keyMatches(e, s.key)
  );
}

const MAC_KEY_NAMES: Record<string, string> = {
  ArrowLeft: "←",
  ArrowRight: "→",
  ArrowUp: "↑",
  ArrowDown: "↓",
  Escape: "Esc",
};

const KEY_NAMES: Record<string, string> = {
  ArrowLeft: "Left",
  ArrowRight: "Right",
  ArrowUp: "Up",
  ArrowDown: "Down",
  Escape: "Esc",
};

/** "Ctrl+Shift+F" and "Alt+Left" on Linux and Windows, "⇧⌘F" and "⌥←" on macOS. */
export function formatShortcut(shortcut: string, mac: boolean): string {
  const s = parse(shortcut);
  const key = (mac ? MAC_KEY_NAMES : KEY_NAMES)[s.key] ?? (s.key.length === 1 ? s.key.toUpperCase() : s.key);
  if (mac) {
    return `${s.ctrl ? "⌃" : ""}${s.alt ? "⌥" : ""}${s.shift ? "⇧" : ""}${s.mod || s.meta ? "⌘" : ""}${key}`;
  }
  const mods = [s.ctrl || s.mod ? "Ctrl" : "", s.meta ? "Super" : "", s.alt ? "Alt" : "", s.shift ? "Shift" : ""];
  return [...mods.filter(Boolean), key].join("+");
}
