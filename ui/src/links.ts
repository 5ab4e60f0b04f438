// What a click inside a rendered note means. The shell's HTML marks internal
// links with data-path/data-anchor (no href), unresolved ones with the class
// `unresolved`, tags with `a.tag[data-tag]`, and external links with an href.
// The web view itself never follows a link.

import { NOTE_ID_PREFIX } from "./locate";

export type LinkAction =
  | { kind: "internal"; path: string; anchor: string | null }
  | { kind: "unresolved"; target: string }
  | { kind: "tag"; tag: string }
  | { kind: "external"; url: string }
  | { kind: "anchor"; anchor: string }
  | { kind: "none" };

/** Schemes the shell will open in the system browser. */
const EXTERNAL = /^(https?:|mailto:)/i;

/** The link under `target`, and what following it means. */
export function linkAt(target: EventTarget | null): { link: HTMLAnchorElement; action: LinkAction } | null {
  if (!(target instanceof Element)) return null;
  const link = target.closest("a");
  if (!link) return null;
  return { link, action: classifyLink(link) };
}

export function classifyLink(a: HTMLAnchorElement): LinkAction {
  if (a.classList.contains("tag") || a.hasAttribute("data-tag")) {
    const tag = a.dataset.tag ?? a.textContent ?? "";
    return tag ? { kind: "tag", tag: tag.replace(/^#/, "") } : { kind: "none" };
  }
  if (a.classList.contains("unresolved")) {
    return { kind: "unresolved", target: a.dataset.target ?? a.textContent ?? "" };
  }
  if (a.dataset.path) {
    return { kind: "internal", path: a.dataset.path, anchor: a.dataset.anchor || null };
  }
  if (a.classList.contains("internal-link") && a.dataset.anchor) {
    // A link to a heading of the same note (`[[#Heading]]`).
    return { kind: "anchor", anchor: a.dataset.anchor };
  }
  const href = a.getAttribute("href") ?? "";
  if (href.startsWith("#") && href.length > 1) {
    // In-page links (footnotes) point at the renderer's prefixed ids; the
    // anchor is what the note wrote.
    const id = href.slice(1);
    const anchor = id.startsWith(NOTE_ID_PREFIX) ? id.slice(NOTE_ID_PREFIX.length) : id;
    return { kind: "anchor", anchor };
  }
  if (EXTERNAL.test(href)) return { kind: "external", url: href };
  return { kind: "none" };
}
