// The one place the window's state reaches into the page: the reading view's
// scrolling element (registered by the view while it is mounted) and
// focusing or revealing an element after a command. No store touches
// `document` or an element itself; without a page (or before the view is
// mounted) everything here is a harmless no-op.
import { tick } from "svelte";

export class Dom {
  /** The reading view's scrolling element, set by ReadingView.svelte. */
  scroller: HTMLElement | null = null;

  /** How far the reading view is scrolled; 0 when it is not there. */
  scrollTop(): number {
    return this.scroller?.scrollTop ?? 0;
  }

  /** Focus the element `id` once the page has updated (selecting an input's text). */
  async focus(id: string, select = false): Promise<void> {
    await tick();
    const el = document.getElementById(id);
    if (el instanceof HTMLInputElement) {
      el.focus();
      if (select) el.select();
    } else {
      el?.focus();
    }
  }

  /** Focus the open note's row in the file tree, or its first row. */
  async focusTreeRow(): Promise<void> {
    await tick();
    const tree = document.getElementById("file-tree");
    const row =
      tree?.querySelector<HTMLElement>('[aria-current="page"]') ?? tree?.querySelector<HTMLElement>("button");
    row?.focus();
  }

  /** Scroll the element `id` to the top of its scroller once the page has updated. */
  async reveal(id: string): Promise<void> {
    await tick();
    document.getElementById(id)?.scrollIntoView?.({ block: "start" });
  }
}
