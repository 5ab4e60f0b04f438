// Page previews: the cards shown over the window for a hovered link, each
// the note, section or block the link names, rendered by the shell. A card's
// own links open cards of their own, so the cards are a stack: the card for
// a link at depth d (0 the page, k inside card k - 1) replaces every card
// from d up.
//
// One rule decides what stays: the cards up to the pointer's depth, plus the
// card of the link under the pointer. Whatever else is open closes a moment
// after the pointer leaves it (the moment lets the pointer cross the gap
// between a link and its card). Plain state and timers: it fetches through
// the `load` it is given and never touches the page.
import type { NotePreview } from "../api";

/** What a hovered link leads to, and where it is on screen. */
export interface PreviewLink {
  path: string;
  anchor: string | null;
  /** The link's rectangle, in viewport pixels. */
  rect: { left: number; top: number; bottom: number };
}

export interface PreviewCard {
  readonly id: number;
  readonly link: PreviewLink;
  view: NotePreview | null;
  error: string | null;
}

/** When a plain hover (no Ctrl) shows a card, with the setting on. */
export const HOVER_DELAY_MS = 600;
/** How long a card outlives the pointer leaving it. */
export const CLOSE_DELAY_MS = 300;

export type HoverMode = "ctrl" | "delay";

export class Previews {
  cards = $state<PreviewCard[]>([]);
  /** `hanji.json`'s `hoverPreview`: Ctrl needed, or a pause is enough. */
  mode: HoverMode = "ctrl";
  private next = 1;
  private openTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  /** The link under the pointer and its depth, for Ctrl pressed while resting on it. */
  private hovered: { link: PreviewLink; depth: number } | null = null;

  constructor(private readonly load: (path: string, anchor: string | null) => Promise<NotePreview>, private readonly describe: (error: unknown) => string) {}

  /**
   * The pointer moved onto something at `depth`: a link (or null), with
   * Ctrl held or not.
   */
  pointer(depth: number, link: PreviewLink | null, ctrl: boolean): void {
    this.clearTimers();
    this.hovered = link ? { link, depth } : null;
    const shown = link !== null && this.showsAt(depth, link);
    const keep = shown ? depth + 1 : depth;
    if (this.cards.length > keep) {
      this.closeTimer = setTimeout(() => {
        this.closeTimer = null;
        this.cards = this.cards.slice(0, keep);
      }, CLOSE_DELAY_MS);
    }
    if (!link || shown) return;
    if (ctrl) void this.show(link, depth);
    else if (this.mode === "delay") {
      this.openTimer = setTimeout(() => {
        this.openTimer = null;
        void this.show(link, depth);
      }, HOVER_DELAY_MS);
    }
  }

  /** Ctrl pressed: the link the pointer rests on shows its card at once. */
  ctrlPressed(): void {
    const h = this.hovered;
    if (h && !this.showsAt(h.depth, h.link)) {
      this.clearTimers();
      void this.show(h.link, h.depth);
    }
  }

  /** Every card closes (Escape, a click elsewhere, another note opened). */
  closeAll(): void {
    this.clearTimers();
    this.hovered = null;
    if (this.cards.length > 0) this.cards = [];
  }

  private showsAt(depth: number, link: PreviewLink): boolean {
    const card = this.cards[depth];
    return card !== undefined && card.link.path === link.path && card.link.anchor === link.anchor;
  }

  private async show(link: PreviewLink, depth: number): Promise<void> {
    const card: PreviewCard = { id: this.next++, link, view: null, error: null };
    this.cards = [...this.cards.slice(0, depth), card];
    const id = card.id;
    try {
      const view = await this.load(link.path, link.anchor);
      const shown = this.cards.find((c) => c.id === id);
      if (shown) shown.view = view;
    } catch (error) {
      const shown = this.cards.find((c) => c.id === id);
      if (shown) shown.error = this.describe(error);
    }
  }

  private clearTimers(): void {
    if (this.openTimer) clearTimeout(this.openTimer);
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.openTimer = this.closeTimer = null;
  }
}
