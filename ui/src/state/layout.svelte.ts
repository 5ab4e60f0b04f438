// The window's layout: which sidebars are open, the left tab, collapsed
// panels, the modal picker and the toast. Remembered between runs through
// prefs.ts. It knows nothing of the vault and never fetches.
import { SvelteSet } from "svelte/reactivity";
import { loadLayout, saveLayout, UNLINKED_PANEL, type LeftTab } from "../prefs";

export type Modal = "switcher" | "palette" | "settings" | "templates" | null;

/** What the image viewer shows: a note's images in order, one of them first. */
export interface ImageSet {
  images: { src: string; alt: string; path: string | null }[];
  index: number;
}

/** How long a toast stays. */
const TOAST_MS = 5000;

export class Layout {
  leftOpen = $state(true);
  rightOpen = $state(true);
  tab = $state<LeftTab>("files");
  collapsedPanels = new SvelteSet<string>();
  modal = $state<Modal>(null);
  /** The middle pane edits the note instead of showing it rendered. */
  editing = $state(false);
  /** The middle pane shows the global graph instead of the note. */
  graph = $state(false);
  /** The editor shows plain Markdown (source mode), not the live preview; remembered. */
  source = $state(false);
  toast = $state<string | null>(null);
  /** A button in the toast (Undo), while it shows. */
  toastAction = $state<{ label: string; run: () => void } | null>(null);
  /** The image viewer, over everything, while it is open. */
  viewer = $state<ImageSet | null>(null);
  /** A close request is held back: these notes are not saved. */
  closeBlocked = $state<string[] | null>(null);

  private toastTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    const layout = loadLayout();
    this.leftOpen = layout.left;
    this.rightOpen = layout.right;
    this.tab = layout.tab;
    layout.collapsed.forEach((id) => this.collapsedPanels.add(id));
    this.source = layout.source;
  }

  /** The unlinked mentions are searched for only while their section is open. */
  get unlinkedOpen(): boolean {
    return !this.collapsedPanels.has(UNLINKED_PANEL);
  }

  setTab(tab: LeftTab): void {
    this.tab = tab;
    this.save();
  }

  /** The left sidebar, open on `tab`. */
  showTab(tab: LeftTab): void {
    this.leftOpen = true;
    this.setTab(tab);
  }

  toggleLeft(): void {
    this.leftOpen = !this.leftOpen;
    this.save();
  }

  toggleRight(): void {
    this.rightOpen = !this.rightOpen;
    this.save();
  }

  toggleSource(): void {
    this.source = !this.source;
    this.save();
  }

  togglePanel(id: string): void {
    if (this.collapsedPanels.has(id)) this.collapsedPanels.delete(id);
    else this.collapsedPanels.add(id);
    this.save();
  }

  /** A panel of the right sidebar, opened (and the sidebar with it). */
  expandPanel(id: string): void {
    this.rightOpen = true;
    this.collapsedPanels.delete(id);
    this.save();
  }

  /** A short message at the bottom of the window, with an optional action (it stays twice as long). */
  notify(message: string, action?: { label: string; run: () => void }): void {
    this.toast = message;
    this.toastAction = action ?? null;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(
      () => {
        this.toast = null;
        this.toastAction = null;
        this.toastTimer = null;
      },
      action ? 2 * TOAST_MS : TOAST_MS,
    );
  }

  private save(): void {
    saveLayout({
      left: this.leftOpen,
      right: this.rightOpen,
      tab: this.tab,
      collapsed: [...this.collapsedPanels],
      source: this.source,
    });
  }
}
