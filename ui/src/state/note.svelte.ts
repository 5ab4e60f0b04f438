// The note on screen and its reading panels: the rendered view (with its
// outline), linked mentions (a page at a time), unlinked mentions (only
// while their section is open) and outgoing links. Each part reloads on its
// own with at most one fetch in flight (see coalesce.ts), so a live update
// refetches only the parts it names, and answers for a note no longer on
// screen are dropped. It never decides what a change event touched (that is
// changes.ts), never touches the page (the host passes the scroll offset in),
// and never holds text being edited (that is documents.svelte.ts).
import {
  api,
  errorCode,
  errorMessage,
  type LinkedPage,
  type Mention,
  type NoteView,
  type OutgoingLink,
} from "../api";
import { Coalesced } from "./coalesce";
import type { Target } from "./navigation.svelte";

/** The linked mentions loaded so far: the first pages of them. */
export interface Linked {
  /** How many notes link here, and with how many links. */
  notes: number;
  links: number;
  /** Source notes whose mentions are in `mentions` (a prefix, in path order). */
  loaded: number;
  mentions: Mention[];
}

/** Source notes per page of linked mentions: one page fills the panel. */
export const LINKED_PAGE = 40;

/** What the note store needs from the window around it. */
export interface NoteHost {
  /** How far the reading view is scrolled now. */
  scrollTop(): number;
  /** The note at `path` arrived for a visit: scroll to `target`. */
  arrived(path: string, target: Target): void;
  /** The note on screen changed under the reader: scroll to `target` in the new body. */
  aim(target: Target): void;
  unlinkedOpen(): boolean;
  notify(message: string): void;
}

/** The parts of the note on screen that a live update can reload. */
export interface Parts {
  view?: boolean;
  linked?: boolean;
  outgoing?: boolean;
  unlinked?: boolean;
}

export class NoteStore {
  /** The note this store is about (the one asked for); null when none. */
  path = $state<string | null>(null);
  view = $state.raw<NoteView | null>(null);
  /** Why the note cannot be shown; `view` is null then. */
  error = $state<string | null>(null);
  /** The note was deleted from disk; what it said is still shown. */
  deleted = $state(false);
  linked = $state.raw<Linked | null>(null);
  /** Unlinked mentions; asked for only while their section is open. */
  unlinked = $state.raw<Mention[] | null>(null);
  outgoing = $state.raw<OutgoingLink[] | null>(null);

  /** Bumped for every note shown (or moved, deleted, cleared): older answers lose. */
  private seq = 0;
  /** Where the first view of the note being visited lands; null once it has. */
  private landing: Target | null = null;
  /** Bumped when the unlinked list is dropped, so a scan in flight does not restore it. */
  private unlinkedGen = 0;
  private linkedLoading = false;
  private readonly viewJob = new Coalesced(() => this.fetchView());
  private readonly linkedJob = new Coalesced(() => this.fetchLinked());
  private readonly outgoingJob = new Coalesced(() => this.fetchOutgoing());
  private readonly unlinkedJob = new Coalesced(() => this.fetchUnlinked());

  constructor(private readonly host: NoteHost) {}

  /**
   * Visit `path`: the note, then its panels: outgoing links and the first
   * page of linked mentions, then unlinked mentions if their section is open.
   * Those read every note, so they start last and never hold up the rest.
   */
  show(path: string, target: Target): Promise<void> {
    const seq = ++this.seq;
    if (path !== this.path) {
      this.linked = null;
      this.unlinked = null;
      this.outgoing = null;
    }
    this.path = path;
    this.landing = target;
    this.deleted = false;
    const view = this.viewJob.restart();
    const panels = Promise.all([this.linkedJob.restart(), this.outgoingJob.restart()]).then(() => {
      if (seq === this.seq && this.host.unlinkedOpen()) return this.unlinkedJob.restart();
    });
    return Promise.all([view, panels]).then(() => {});
  }

  /** Fetch again the parts named (the reader stays where they are in the note). */
  reload(parts: Parts): Promise<void> {
    if (this.path === null) return Promise.resolve();
    const jobs: Promise<void>[] = [];
    if (parts.view) jobs.push(this.viewJob.request());
    if (parts.linked) jobs.push(this.linkedJob.request());
    if (parts.outgoing) jobs.push(this.outgoingJob.request());
    if (parts.unlinked && this.host.unlinkedOpen()) jobs.push(this.unlinkedJob.request());
    return Promise.all(jobs).then(() => {});
  }

  /** The note on screen moved to `to`: everything is fetched again there, the old lists shown meanwhile. */
  move(to: string): Promise<void> {
    this.seq++;
    this.path = to;
    this.deleted = false;
    const jobs = [this.viewJob.restart(), this.linkedJob.restart(), this.outgoingJob.restart()];
    if (this.host.unlinkedOpen()) jobs.push(this.unlinkedJob.restart());
    else this.forgetUnlinked();
    return Promise.all(jobs).then(() => {});
  }

  /** The note on screen was deleted from disk: keep what it said, marked as deleted. */
  markDeleted(): void {
    this.seq++;
    this.landing = null;
    this.deleted = true;
    this.cancelQueued();
  }

  /** No note on screen. */
  clear(): void {
    this.seq++;
    this.path = null;
    this.view = null;
    this.error = null;
    this.deleted = false;
    this.linked = null;
    this.unlinked = null;
    this.outgoing = null;
    this.landing = null;
    this.cancelQueued();
  }

  /** The unlinked section was opened: find them unless they are already there. */
  openUnlinked(): Promise<void> {
    if (this.path === null || this.unlinked !== null) return Promise.resolve();
    return this.unlinkedJob.request();
  }

  /** The closed section's list no longer holds: opening it searches again. */
  forgetUnlinked(): void {
    this.unlinkedGen++;
    this.unlinked = null;
    this.unlinkedJob.cancel();
  }

  /** The next page of linked mentions, when the end of the list comes into view. */
  async loadMoreLinked(): Promise<void> {
    const { path, linked } = this;
    if (path === null || linked === null || linked.loaded >= linked.notes || this.linkedLoading) return;
    const seq = this.seq;
    this.linkedLoading = true;
    try {
      const page = await api.backlinks(path, linked.loaded, LINKED_PAGE);
      // A reload or another note meanwhile replaced the list: drop the page.
      if (seq !== this.seq || this.linked !== linked) return;
      this.linked = appendPage(linked, page);
    } catch (error) {
      if (seq === this.seq) this.host.notify(`Cannot list more backlinks: ${errorMessage(error)}`);
    } finally {
      this.linkedLoading = false;
    }
  }

  private cancelQueued(): void {
    this.viewJob.cancel();
    this.linkedJob.cancel();
    this.outgoingJob.cancel();
    this.unlinkedJob.cancel();
  }

  private async fetchView(): Promise<void> {
    const { path, seq } = this;
    if (path === null) return;
    try {
      const view = await api.noteView(path);
      if (seq !== this.seq) return;
      const landing = this.landing;
      const before = this.view;
      this.landing = null;
      this.error = null;
      this.deleted = false;
      if (landing) {
        this.view = view;
        this.host.arrived(path, landing);
      } else if (!sameNote(before, view)) {
        // The same note, changed: the reader stays where they were.
        this.host.aim({ kind: "scroll", top: this.host.scrollTop() });
        this.view = view;
        // Unlinked mentions are found by title and aliases: new ones, new
        // list (a note that moved was scanned again anyway).
        if (before !== null && before.path === view.path && mentionTerms(before) !== mentionTerms(view)) {
          if (this.host.unlinkedOpen()) void this.unlinkedJob.request();
          else this.forgetUnlinked();
        }
      }
    } catch (error) {
      if (seq !== this.seq) return;
      const visiting = this.landing !== null;
      this.landing = null;
      this.view = null;
      this.error =
        errorCode(error) !== "note_not_found"
          ? `Cannot show this note: ${errorMessage(error)}`
          : visiting
            ? "This note does not exist any more."
            : "This note was deleted or moved.";
    }
  }

  /** The first pages of linked mentions: as many source notes as are on screen. */
  private async fetchLinked(): Promise<void> {
    const { path, seq } = this;
    if (path === null) return;
    const notes = Math.max(LINKED_PAGE, this.linked?.loaded ?? 0);
    try {
      const page = await api.backlinks(path, 0, notes);
      if (seq === this.seq) this.linked = linkedFrom(page);
    } catch {
      if (seq === this.seq) this.linked = { notes: 0, links: 0, loaded: 0, mentions: [] };
    }
  }

  private async fetchOutgoing(): Promise<void> {
    const { path, seq } = this;
    if (path === null) return;
    try {
      const outgoing = await api.outgoing(path);
      if (seq === this.seq) this.outgoing = outgoing;
    } catch {
      if (seq === this.seq) this.outgoing = [];
    }
  }

  private async fetchUnlinked(): Promise<void> {
    const { path, seq, unlinkedGen } = this;
    if (path === null) return;
    const current = () => seq === this.seq && unlinkedGen === this.unlinkedGen;
    try {
      const unlinked = await api.unlinkedMentions(path);
      if (current()) this.unlinked = unlinked;
    } catch (error) {
      // `cancelled`: a newer scan (for another note) replaced this one.
      if (current() && errorCode(error) !== "cancelled") this.unlinked = [];
    }
  }
}

/** The first page of linked mentions as the list loaded so far. */
export function linkedFrom(page: LinkedPage): Linked {
  return { notes: page.notes, links: page.links, loaded: pageNotes(page), mentions: page.mentions };
}

/**
 * `linked` with the page after it. A page that does not start where the list
 * ends (the vault changed between the two) is ignored; the live update that
 * changed the vault reloads the list anyway.
 */
export function appendPage(linked: Linked, page: LinkedPage): Linked {
  if (page.offset !== linked.loaded) return linked;
  return {
    notes: page.notes,
    links: page.links,
    loaded: Math.min(page.notes, linked.loaded + pageNotes(page)),
    mentions: [...linked.mentions, ...page.mentions],
  };
}

/** How many source notes a page covers: all it asked for unless at the end. */
function pageNotes(page: LinkedPage): number {
  return new Set(page.mentions.map((m) => m.source)).size;
}

/** What the shell looks for as unlinked mentions of a note, besides its file name. */
function mentionTerms(view: NoteView): string {
  const aliases = view.properties.filter((p) => p.key === "aliases" || p.key === "alias").map((p) => p.value);
  return JSON.stringify([view.title, ...aliases]);
}

function sameNote(a: NoteView | null, b: NoteView): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
