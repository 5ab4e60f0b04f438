// CodeMirror writes its style sheets (layout, panels, tooltips, the merge
// view) into <style> elements at run time, which the window's CSP
// (`style-src 'self'`) refuses unless they carry the page's nonce. Tauri
// makes a nonce for each page load, stamps it on the inline <style> of
// index.html and allows exactly it; this gives it to CodeMirror
// (`EditorView.cspNonce`). Without it the editor still edits, but unstyled:
// the search panel's buttons run together and the compare view loses its
// two columns (seen in the real window). It adds no source to the CSP.
import type { Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";

/** The page's style nonce, as Tauri stamped it ("" when there is none, as in tests). */
export function styleNonce(doc: Document = document): string {
  const el = doc.getElementById("style-nonce") as HTMLStyleElement | null;
  // After load the attribute reads "" (browsers hide nonces); the property keeps it.
  return el?.nonce || el?.getAttribute("nonce") || "";
}

export function cspNonce(): Extension {
  const nonce = styleNonce();
  return nonce ? EditorView.cspNonce.of(nonce) : [];
}
