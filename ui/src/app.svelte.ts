// The window's state and everything that changes it: the open vault, the
// note on screen with its panels, navigation history, the layout, and live
// updates from the shell. Components read it and call its methods; only this
// module talks to `api`.
import { tick } from "svelte";
import { SvelteSet } from "svelte/reactivity";
import {
  api,
  errorCode,
  errorMessage,
  events,
  type LinkedPage,
  type Mention,
  type NoteRef,
  type NoteView,
  type OutgoingLink,
  type Progress,
  type SearchResults,
  type SwitcherItem,
  type TagCount,
  type TreeNode,
  type VaultInfo,
} from "./api";
import type { CommandId } from "./commands";
import * as hist from "./history";
import {
  loadLayout,
  recallLastNote,
  rememberLastNote,
  saveLayout,
  UNLINKED_PANEL,
  type LeftTab,
} from "./prefs";
import { tagAncestors, tagKey } from "./tagtree";
import { firstNote, hasNote, parentFolders } from "./tree";

/** Where the reading view should scroll once the note is on screen. */
export type Target =
  | { kind: "top" }
  | { kind: "anchor"; anchor: string }
  | { kind: "line"; line: number; snippet?: string }
  | { kind: "scroll"; top: number };

/** One step of the back/forward history. */
export interface Place {
  path: string;
  scroll: number;
}

const samePlace = (a: Place, b: Place) => a.path === b.path;

export type Screen = "starting" | "choose-vault" | "vault";

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


export class AppState {
  screen = $state<Screen>("starting");
  vault = $state.raw<VaultInfo | null>(null);
  recentVaults = $state.raw<string[]>([]);
  openError = $state<string | null>(null);
  progress = $state.raw<Progress | null>(null);

  tree = $state.raw<TreeNode | null>(null);
  tags = $state.raw<TagCount[]>([]);
  expandedFolders = new SvelteSet<string>();
  expandedTags = new SvelteSet<string>();
  selectedTag = $state<string | null>(null);
  tagNotes = $state.raw<NoteRef[] | null>(null);

  /** The path asked for; `note` follows once it has loaded. */
  path = $state<string | null>(null);
  note = $state.raw<NoteView | null>(null);
  noteError = $state<string | null>(null);
  linked = $state.raw<Linked | null>(null);
  /** Unlinked mentions; asked for only while their section is open. */
  unlinked = $state.raw<Mention[] | null>(null);
  outgoing = $state.raw<OutgoingLink[] | null>(null);
  target = $state.raw<Target | null>(null);
  activeAnchor = $state<string | null>(null);
  history = $state.raw<hist.History<Place>>(hist.emptyHistory());

  leftOpen = $state(true);
  rightOpen = $state(true);
  tab = $state<LeftTab>("files");
  collapsedPanels = new SvelteSet<string>();
  modal = $state<"switcher" | "palette" | null>(null);
  toast = $state<string | null>(null);
  /** Bumped after every live update, for views that fetch on their own. */
  changes = $state(0);

  /** The reading view's scrolling element, registered by the view. */
  scroller: HTMLElement | null = null;

  private noteSeq = 0;
  private linkedLoading = false;
  /** Where the load in flight will scroll, while one is. */
  private loadingTarget: Target | null = null;
  private tagSeq = 0;
  private switcherCache: Promise<SwitcherItem[]> | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private unlisten: (() => void)[] = [];
  private toastTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    const layout = loadLayout();
    this.leftOpen = layout.left;
    this.rightOpen = layout.right;
    this.tab = layout.tab;
    layout.collapsed.forEach((id) => this.collapsedPanels.add(id));
  }

  // ---- Starting and choosing a vault ----

  async start(): Promise<void> {
    await this.listen();
    try {
      await this.showVault(await api.vaultInfo());
    } catch (error) {
      await this.chooseVault(errorCode(error) === "no_vault" ? null : errorMessage(error));
    }
  }

  stop(): void {
    this.unlisten.forEach((f) => f());
    this.unlisten = [];
  }

  private async listen(): Promise<void> {
    try {
      this.unlisten.push(await events.onProgress((p) => this.onProgress(p)));
      this.unlisten.push(
        await events.onChanged((c) =>
          // A vault folder deleted or moved away cannot be shown any more:
          // back to choosing one, saying why.
          c.vault_gone
            ? void this.chooseVault(c.warnings[0] ?? "The vault folder is gone.")
            : void this.onChanged(),
        ),
      );
    } catch {
      // No event channel (outside the shell): the app still works without
      // progress and live updates.
    }
  }

  private onProgress(p: Progress): void {
    if (p.phase !== "ready") {
      this.progress = p;
      return;
    }
    this.progress = null;
    // The shell finished opening a vault while the window asked for one.
    if (this.screen === "choose-vault") {
      api.vaultInfo().then(
        (info) => this.showVault(info),
        () => {},
      );
    }
  }

  async chooseVault(error: string | null = null): Promise<void> {
    this.openError = error;
    this.screen = "choose-vault";
    try {
      this.recentVaults = await api.recentVaults();
    } catch {
      this.recentVaults = [];
    }
  }

  /** Back from the vault chooser to the vault already open, if any. */
  cancelChooseVault(): void {
    if (this.vault) this.screen = "vault";
  }

  /** Ask for a folder with the system dialog, then open it as the vault. */
  async pickAndOpenVault(): Promise<void> {
    let folder: string | null;
    try {
      folder = await api.pickVaultFolder();
    } catch (error) {
      this.openError = errorMessage(error);
      return;
    }
    if (folder !== null) await this.openVault(folder);
  }

  async openVault(path: string): Promise<void> {
    this.openError = null;
    try {
      await this.showVault(await api.openVault(path));
    } catch (error) {
      this.openError = errorMessage(error);
    }
  }

  private async showVault(info: VaultInfo): Promise<void> {
    const reopening = this.vault !== null;
    const switching = reopening && this.vault?.root !== info.root;
    if (reopening) this.clearNote();
    this.vault = info;
    this.screen = "vault";
    this.openError = null;
    this.switcherCache = null;
    if (switching) {
      this.history = hist.emptyHistory();
      this.expandedFolders.clear();
      this.expandedTags.clear();
      this.selectedTag = null;
      this.tagNotes = null;
    }
    await this.loadTreeAndTags();
    const tree = this.tree;
    if (!tree) return;
    const last = recallLastNote(info.root);
    const start = last !== null && hasNote(tree, last) ? last : firstNote(tree);
    if (start !== null) await this.open(start);
    else this.clearNote();
  }

  private async loadTreeAndTags(): Promise<void> {
    const [tree, tags] = await Promise.allSettled([api.fileTree(), api.tags()]);
    if (tree.status === "fulfilled") this.tree = tree.value;
    else this.notify(`Cannot list the notes: ${errorMessage(tree.reason)}`);
    this.tags = tags.status === "fulfilled" ? tags.value : [];
  }

  // ---- Opening notes and history ----

  /** Open a note, adding a step to the history. */
  async open(path: string, target: Target = { kind: "top" }): Promise<void> {
    if (path === this.path && this.note) {
      this.target = target;
      return;
    }
    this.saveScroll();
    this.history = hist.push(this.history, { path, scroll: 0 }, samePlace);
    await this.load(path, target);
  }

  async back(): Promise<void> {
    if (!hist.canGoBack(this.history)) return;
    this.saveScroll();
    this.history = hist.back(this.history);
    await this.loadCurrent();
  }

  async forward(): Promise<void> {
    if (!hist.canGoForward(this.history)) return;
    this.saveScroll();
    this.history = hist.forward(this.history);
    await this.loadCurrent();
  }

  private async loadCurrent(): Promise<void> {
    const place = hist.current(this.history);
    if (place) await this.load(place.path, { kind: "scroll", top: place.scroll });
  }

  private saveScroll(): void {
    const top = this.scroller?.scrollTop ?? 0;
    const path = this.path;
    if (path === null) return;
    this.history = hist.updateCurrent(this.history, (p) => (p.path === path ? { ...p, scroll: top } : p));
  }

  private clearNote(): void {
    this.path = null;
    this.note = null;
    this.noteError = null;
    this.linked = null;
    this.unlinked = null;
    this.outgoing = null;
  }

  /** Show `path`: the note first, then its panels. Older loads lose. */
  private async load(path: string, target: Target): Promise<void> {
    const seq = ++this.noteSeq;
    const changed = path !== this.path;
    this.path = path;
    this.loadingTarget = target;
    for (const folder of parentFolders(path)) this.expandedFolders.add(folder);
    if (changed) {
      this.linked = null;
      this.unlinked = null;
      this.outgoing = null;
    }
    const panels = this.loadPanels(path, seq);
    try {
      const note = await api.noteView(path);
      if (seq !== this.noteSeq) return;
      this.loadingTarget = null;
      this.note = note;
      this.noteError = null;
      this.activeAnchor = null;
      this.target = target;
      if (this.vault) rememberLastNote(this.vault.root, path);
    } catch (error) {
      if (seq !== this.noteSeq) return;
      this.loadingTarget = null;
      this.note = null;
      this.noteError =
        errorCode(error) === "note_not_found"
          ? "This note does not exist any more."
          : `Cannot show this note: ${errorMessage(error)}`;
    }
    await panels;
  }

  /**
   * The panels of `path`: outgoing links, the first page of linked mentions
   * (as many source notes as were on screen before, when reloading), then
   * unlinked mentions if their section is open. Unlinked mentions read every
   * note, so they never hold up the rest.
   */
  private async loadPanels(path: string, seq: number): Promise<void> {
    const notes = Math.max(LINKED_PAGE, this.path === path ? (this.linked?.loaded ?? 0) : 0);
    const [linked, outgoing] = await Promise.allSettled([api.backlinks(path, 0, notes), api.outgoing(path)]);
    if (seq !== this.noteSeq) return;
    this.linked =
      linked.status === "fulfilled"
        ? linkedFrom(linked.value)
        : { notes: 0, links: 0, loaded: 0, mentions: [] };
    this.outgoing = outgoing.status === "fulfilled" ? outgoing.value : [];
    if (!this.collapsedPanels.has(UNLINKED_PANEL)) await this.loadUnlinked(path, seq);
  }

  /** The next page of linked mentions, when the end of the list comes into view. */
  async loadMoreLinked(): Promise<void> {
    const { path, linked } = this;
    if (path === null || linked === null || linked.loaded >= linked.notes || this.linkedLoading) return;
    const seq = this.noteSeq;
    this.linkedLoading = true;
    try {
      const page = await api.backlinks(path, linked.loaded, LINKED_PAGE);
      // A reload or another note meanwhile replaced the list: drop the page.
      if (seq !== this.noteSeq || this.linked !== linked) return;
      this.linked = appendPage(linked, page);
    } catch (error) {
      if (seq === this.noteSeq) this.notify(`Cannot list more backlinks: ${errorMessage(error)}`);
    } finally {
      this.linkedLoading = false;
    }
  }

  private async loadUnlinked(path: string, seq: number): Promise<void> {
    try {
      const unlinked = await api.unlinkedMentions(path);
      if (seq === this.noteSeq) this.unlinked = unlinked;
    } catch (error) {
      // `cancelled`: a newer request, for this note or another, replaced it.
      if (seq === this.noteSeq && errorCode(error) !== "cancelled") this.unlinked = [];
    }
  }

  /** Open or close the unlinked mentions, finding them when opened. */
  async toggleUnlinked(): Promise<void> {
    this.togglePanel(UNLINKED_PANEL);
    const path = this.path;
    if (!this.collapsedPanels.has(UNLINKED_PANEL) && path !== null && this.unlinked === null) {
      await this.loadUnlinked(path, this.noteSeq);
    }
  }

  /** Fetch the open note again, keeping the scroll position. */
  async reloadNote(): Promise<void> {
    const path = this.path;
    if (path === null) return;
    // A note still loading is loaded again, landing where it was going to.
    if (this.loadingTarget) return this.load(path, this.loadingTarget);
    const seq = ++this.noteSeq;
    const panels = this.loadPanels(path, seq);
    try {
      const note = await api.noteView(path);
      if (seq !== this.noteSeq) return;
      if (!sameNote(this.note, note)) {
        this.target = { kind: "scroll", top: this.scroller?.scrollTop ?? 0 };
        this.note = note;
      }
      this.noteError = null;
    } catch (error) {
      if (seq !== this.noteSeq) return;
      this.note = null;
      this.noteError =
        errorCode(error) === "note_not_found"
          ? "This note was deleted or moved."
          : `Cannot show this note: ${errorMessage(error)}`;
    }
    await panels;
  }

  /** Paths visited, most recent first, for the quick switcher. */
  recentPaths(): string[] {
    const { entries, index } = this.history;
    return entries
      .slice(0, index + 1)
      .reverse()
      .map((p) => p.path)
      .filter((p) => p !== this.path);
  }

  // ---- Live updates ----

  /**
   * The shell's events say where to look; the current view is cheap to fetch
   * again, so it always is. Changes arriving during a refresh cause one more.
   */
  private async onChanged(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = this.refresh();
    try {
      await this.refreshing;
    } finally {
      this.refreshing = null;
      this.changes++;
    }
    if (this.refreshAgain) {
      this.refreshAgain = false;
      await this.onChanged();
    }
  }

  /** Re-fetch everything on screen: tree, tags, the note and its panels. */
  async refresh(): Promise<void> {
    if (this.screen !== "vault") return;
    this.switcherCache = null;
    const info = api.vaultInfo().then(
      (v) => (this.vault = v),
      () => {},
    );
    await Promise.all([this.loadTreeAndTags(), this.reloadNote(), this.reloadTagNotes(), info]);
  }

  // ---- Tags ----

  /** Show a tag's notes in the Tags tab. */
  async showTag(tag: string): Promise<void> {
    const name = tag.replace(/^#+/, "");
    this.setTab("tags");
    this.leftOpen = true;
    if (this.selectedTag === null || tagKey(this.selectedTag) !== tagKey(name)) this.tagNotes = null;
    this.selectedTag = name;
    const ancestors = tagAncestors(name);
    ancestors.slice(0, -1).forEach((t) => this.expandedTags.add(tagKey(t)));
    await this.reloadTagNotes();
  }

  /** Select a tag, or unselect it when it already is. */
  async toggleTag(tag: string): Promise<void> {
    if (this.selectedTag !== null && tagKey(this.selectedTag) === tagKey(tag)) {
      this.selectedTag = null;
      this.tagNotes = null;
      return;
    }
    this.selectedTag = tag;
    this.tagNotes = null;
    await this.reloadTagNotes();
  }

  private async reloadTagNotes(): Promise<void> {
    const tag = this.selectedTag;
    const seq = ++this.tagSeq;
    if (tag === null) return;
    try {
      const notes = await api.tagNotes(tag);
      if (seq === this.tagSeq) this.tagNotes = notes;
    } catch (error) {
      if (seq === this.tagSeq) {
        this.tagNotes = [];
        this.notify(`Cannot list the notes tagged #${tag}: ${errorMessage(error)}`);
      }
    }
  }

  // ---- Search and the quick switcher ----

  search(query: string, limit: number): Promise<SearchResults> {
    return api.search(query, limit);
  }

  switcherItems(): Promise<SwitcherItem[]> {
    if (!this.switcherCache) {
      this.switcherCache = api.switcherItems().catch((error) => {
        this.switcherCache = null;
        throw error;
      });
    }
    return this.switcherCache;
  }

  // ---- Layout ----

  setTab(tab: LeftTab): void {
    this.tab = tab;
    this.saveLayout();
  }

  toggleLeft(): void {
    this.leftOpen = !this.leftOpen;
    this.saveLayout();
  }

  toggleRight(): void {
    this.rightOpen = !this.rightOpen;
    this.saveLayout();
  }

  togglePanel(id: string): void {
    if (this.collapsedPanels.has(id)) this.collapsedPanels.delete(id);
    else this.collapsedPanels.add(id);
    this.saveLayout();
  }

  private saveLayout(): void {
    saveLayout({
      left: this.leftOpen,
      right: this.rightOpen,
      tab: this.tab,
      collapsed: [...this.collapsedPanels],
    });
  }

  toggleFolder(path: string): void {
    if (this.expandedFolders.has(path)) this.expandedFolders.delete(path);
    else this.expandedFolders.add(path);
  }

  toggleTagOpen(tag: string): void {
    const key = tagKey(tag);
    if (this.expandedTags.has(key)) this.expandedTags.delete(key);
    else this.expandedTags.add(key);
  }

  /** A short message at the bottom of the window. */
  notify(message: string): void {
    this.toast = message;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      this.toast = null;
      this.toastTimer = null;
    }, 5000);
  }

  openExternal(url: string): void {
    api.openExternal(url).catch((error) => this.notify(`Cannot open ${url}: ${errorMessage(error)}`));
  }

  // ---- Commands ----

  async run(id: CommandId): Promise<void> {
    switch (id) {
      case "quick-switcher":
        this.modal = "switcher";
        break;
      case "command-palette":
        this.modal = "palette";
        break;
      case "search":
        this.modal = null;
        this.leftOpen = true;
        this.setTab("search");
        await focusById("search-input", true);
        break;
      case "back":
        await this.back();
        break;
      case "forward":
        await this.forward();
        break;
      case "files":
        this.modal = null;
        this.leftOpen = true;
        this.setTab("files");
        await tick();
        focusTreeRow();
        break;
      case "tags":
        this.modal = null;
        this.leftOpen = true;
        this.setTab("tags");
        break;
      case "toggle-left":
        this.toggleLeft();
        break;
      case "toggle-right":
        this.toggleRight();
        break;
      case "backlinks":
      case "outline": {
        const panel = id === "backlinks" ? "panel-backlinks" : "panel-outline";
        this.rightOpen = true;
        this.collapsedPanels.delete(panel);
        this.saveLayout();
        await tick();
        document.getElementById(panel)?.scrollIntoView?.({ block: "start" });
        break;
      }
      case "reload":
        await this.refresh();
        break;
      case "collapse-folders":
        this.expandedFolders.clear();
        break;
      case "open-vault":
        await this.chooseVault();
        break;
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

function sameNote(a: NoteView | null, b: NoteView): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

async function focusById(id: string, select = false): Promise<void> {
  await tick();
  const el = document.getElementById(id);
  if (el instanceof HTMLInputElement) {
    el.focus();
    if (select) el.select();
  } else {
    el?.focus();
  }
}

function focusTreeRow(): void {
  const tree = document.getElementById("file-tree");
  const row =
    tree?.querySelector<HTMLElement>('[aria-current="page"]') ?? tree?.querySelector<HTMLElement>("button");
  row?.focus();
}
