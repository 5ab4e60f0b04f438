// Calling back when an element scrolls into view (or near it), for lists
// that load or show more as their end comes into view. The observer fires
// once when attached, so an end that is already visible loads at once.
import type { Attachment } from "svelte/attachments";

/** Runs `f` whenever the element comes within `margin` of being visible. */
export function whenVisible(f: () => void, margin = "300px"): Attachment<HTMLElement> {
  return (el) => {
    if (typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) f();
      },
      { rootMargin: `${margin} 0px` },
    );
    observer.observe(el);
    return () => observer.disconnect();
  };
}
