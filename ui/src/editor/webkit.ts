// A typing fix for the editor in WebKitGTK (the Linux web view), seen in
// the real window with the real input method (end-to-end tests). (The other
// one WebKitGTK needs is CSS: Editor.svelte sets `white-space: pre-wrap`.)
//
// CodeMirror takes WebKitGTK for Safari (its vendor string is Apple's) and
// so applies a Safari rule: the first key pressed within 100 ms after a
// composition ends is dropped, because macOS Safari sends the key that
// confirmed a conversion after `compositionend`. Under ibus on Linux a key
// the input method consumed arrives as keyCode 229 instead, and a key it
// passed on is a real key: ibus-hangul commits the syllable being composed
// on Enter, an arrow or Backspace and then hands the key on, so with the
// rule an Enter mid-composition committed the syllable and inserted no line
// break, and an arrow did not move. (Recorded with ibus-hangul:
// `compositionend` with the syllable, then `keydown` Enter with keyCode 13
// and isComposing false.)
//
// The fix runs the editor's key bindings itself for such a key, before
// CodeMirror sees (and drops) it. It never touches a key an input method
// consumed (keyCode 229), a key during a composition, or anything outside
// WebKit or on macOS, where the Safari rule is right.
import type { Extension } from "@codemirror/state";
import { EditorView, runScopeHandlers, ViewPlugin } from "@codemirror/view";

/** CodeMirror's window after `compositionend` in which it drops a key (input.ts, `ignoreDuringComposition`). */
const DROPPED_WITHIN_MS = 100;

/** Whether this web view passes keys on after a composition as ibus does (not macOS). */
export function keysFollowComposition(userAgent: string): boolean {
  return /AppleWebKit/.test(userAgent) && !/Macintosh|iPhone|iPad/.test(userAgent);
}

/**
 * Whether a keydown arriving `sinceEnd` ms after a composition ended is a
 * real key CodeMirror would drop, that the editor must handle itself.
 */
export function isPassedOnKey(event: Pick<KeyboardEvent, "keyCode" | "isComposing">, sinceEnd: number): boolean {
  return event.keyCode !== 229 && !event.isComposing && sinceEnd >= 0 && sinceEnd < DROPPED_WITHIN_MS;
}

/** The fix, in a WebKit web view that is not macOS's. */
export function webkitFixes(userAgent = typeof navigator === "undefined" ? "" : navigator.userAgent): Extension {
  if (!keysFollowComposition(userAgent)) return [];
  return ViewPlugin.define((view: EditorView) => {
    let endedAt = -Infinity;
    const ended = () => {
      endedAt = Date.now();
    };
    const keydown = (event: KeyboardEvent) => {
      if (view.composing || !isPassedOnKey(event, Date.now() - endedAt)) return;
      endedAt = -Infinity;
      if (runScopeHandlers(view, event, "editor")) event.preventDefault();
    };
    const dom = view.contentDOM;
    dom.addEventListener("compositionend", ended);
    // Capture: before CodeMirror's own listener on the same element.
    dom.addEventListener("keydown", keydown, true);
    return {
      destroy() {
        dom.removeEventListener("compositionend", ended);
        dom.removeEventListener("keydown", keydown, true);
      },
    };
  });
}
