// Images and other attachments as the window meets them: which vault file
// an image's URL serves (the shell's `vault:` scheme, `assets::url_of`),
// which files are images the window shows itself, and the image viewer's
// zoom arithmetic. Pure: no page, no fetching.
import { IMAGE_EXTENSIONS } from "./bindings";

/** Whether the window shows `path` as an image (the renderer's rule, from the bindings). */
export function isImagePath(path: string): boolean {
  const dot = path.lastIndexOf(".");
  return dot >= 0 && IMAGE_EXTENSIONS.includes(path.slice(dot + 1).toLowerCase());
}

/**
 * The vault path an image's `src` serves: `vault://localhost/<encoded>` (or
 * `http://vault.localhost/<encoded>` where the web view maps schemes so);
 * null for anything else.
 */
export function vaultPathOfSrc(src: string): string | null {
  const m = /^(?:vault:\/\/localhost|http:\/\/vault\.localhost)\/(.*)$/.exec(src);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

/** The URL the shell serves a vault file at (its `assets::url_of`; [`vaultPathOfSrc`] reads it back). */
export function vaultUrl(path: string, windows = /Windows/.test(globalThis.navigator?.userAgent ?? "")): string {
  // WebView2 reaches custom schemes only through http://<scheme>.localhost.
  return `${windows ? "http://vault.localhost" : "vault://localhost"}/${encodeURIComponent(path)}`;
}

/** Where an image stands in the viewer: its scale and its centre's offset from the viewer's centre. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 16;

/** The scale that fits an image of `w`×`h` in `vw`×`vh` (never enlarging a small one). */
export function fitScale(w: number, h: number, vw: number, vh: number): number {
  if (w <= 0 || h <= 0 || vw <= 0 || vh <= 0) return 1;
  return Math.min(1, vw / w, vh / h);
}

/**
 * `view` zoomed by `factor` about the point (`px`, `py`), given from the
 * viewer's centre: that point of the image stays under the pointer.
 */
export function zoomAbout(view: View, factor: number, px: number, py: number): View {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: px - (px - view.x) * k, y: py - (py - view.y) * k };
}
