// The window's state, composed of small stores with one job each, and what
// ties them together: opening a vault and its first note, visiting notes
// through the history, commands, and live updates. Components get this one
// object from the context and read the store they need (`app.note.view`,
// `app.layout.leftOpen`); they call its methods, or a store's, to act.
// Fetching is the stores' business (this module only asks the shell to open
// an external link); what a change event touched is changes.ts's; only
// dom.ts touches the page.
import { api, errorMessage, events, type HotkeysView, type NoteView, type TemplateEdit, type VaultChanged, type VaultInfo } from "../api";
import type { CommandId } from "../commands";
import { hotkeyId, hotkeyOf, keymapOf, type Keymap } from "../keymap";
import type { LinkAction } from "../links";
import { LOCAL_GRAPH_PANEL, recallLastNote, rememberLastNote, UNLINKED_PANEL } from "../prefs";
import { isImagePath, vaultPathOfSrc, vaultUrl } from "../images";
import { firstNote, hasNote } from "../tree";
import { embedsOf, everything, plan, type OnScreen, type Plan } from "./changes";
import type { EditSession } from "./editing";
import { follow, markSaved, unsavedNotes } from "../editor/memory";
import { Documents } from "./documents.svelte";
import { FileOps } from "./fileops.svelte";
import { Dom } from "./dom";
import { Layout } from "./layout.svelte";
import type { Navigation, Target } from "./navigation.svelte";
import { Previews, type HoverMode } from "./previews.svelte";
import { Recent } from "./recent";
import { Panes, type Dir, type Pane, type SavedNode } from "./panes.svelte";
import type { Tabs } from "./tabs.svelte";
import { NoteStore } from "./note.svelte";
import { Session } from "./session.svelte";
import { VaultView } from "./vaultview.svelte";

/** What the window's look follows (`settings`: the vault's `.obsidian/`). */
export interface Appearance {
  theme: "system" | "light" | "dark";
  /** The note text's size in pixels. */
  fontSize: number;
  readableLineLength: boolean;
  spellcheck: boolean;
  /** The editor's (app.json, Obsidian's keys and defaults): line numbers, bracket pairs, indentation. */
  lineNumbers: boolean;
  pairBrackets: boolean;
  useTab: boolean;
  tabSize: number;
}

export const DEFAULT_APPEARANCE: Appearance = {
  theme: "system",
  fontSize: 16,
  readableLineLength: true,
  spellcheck: false,
  lineNumbers: false,
  pairBrackets: true,
  useTab: true,
  tabSize: 4,
};

export class AppState {
  readonly dom = new Dom();
  readonly layout = new Layout();
  /** The note area's panes, each with its tabs; one is active. */
  readonly panes = new Panes();
  /** The active pane's tabs; `nav` is its active tab's. */
  get tabs(): Tabs {
    return this.panes.active.tabs;
  }
  get nav(): Navigation {
    return this.tabs.current.nav;
  }
  readonly documents = new Documents();
  /** The notes opened last, across tabs, for the quick switcher. */
  readonly recent = new Recent();
  /** The page previews over the window (a link hovered with Ctrl held). */
  readonly previews = new Previews(
    (path, anchor) => api.notePreview(path, anchor),
    (error) => errorMessage(error),
  );
  /**
   * The note open in the editor, registered by the editor view while it is
   * mounted: live updates ask it about changes on disk, and leaving editing
   * saves it first. `replace` shows a text the disk gave (a reload).
   */
  editor: {
    session: EditSession;
    replace(text: string): void;
    /** Any change in the vault: what the editor shows of other notes (embeds) may be stale. */
    vaultChanged(event: VaultChanged): void;
    /** The text and the cursor (a UTF-16 offset), for a command that edits at the cursor. */
    snapshot(): { text: string; cursor: number };
    /**
     * Makes `edits` (offsets in `text`) as one change, undone as one, the
     * cursor then at `cursor`; false (and nothing done) when the text is no
     * longer `text` (typed meanwhile).
     */
    change(text: string, edits: readonly TemplateEdit[], cursor: number): boolean;
  } | null = null;
  readonly vault = new VaultView((message) => this.layout.notify(message));
  readonly note = new NoteStore({
    scrollTop: () => this.dom.scrollTop(),
    arrived: (path, target) => {
      this.nav.land(target);
      this.recent.visit(path);
      if (this.session.info) rememberLastNote(this.session.info.root, path);
    },
    aim: (target) => this.nav.aim(target),
    unlinkedOpen: () => this.layout.unlinkedOpen,
    notify: (message) => this.layout.notify(message),
  });
  readonly session = new Session({
    opened: (info, previous) => this.opened(info, previous),
    changed: (event) => this.changed(event),
  });

  readonly fileops = new FileOps({
    notify: (message, action) => this.layout.notify(message, action),
    saveEdits: async () => {
      const editor = this.editor?.session;
      if (!editor) return true;
      await editor.save();
      return !editor.dirty;
    },
    open: async (path, edit) => {
      this.layout.editing = edit;
      await this.open(path);
    },
    tree: () => this.vault.tree,
    current: () => this.nav.path,
    reveal: (path) => this.vault.reveal(path),
  });

  /**
   * Bumped when notes come or go (made, deleted, renamed) and when a
   * setting is written: the calendar, whose dots are daily notes named by
   * the settings, fetches its month again.
   */
  changes = $state(0);
  /** The notes the last change event modified (a calendar day's dot grows with its note). */
  modifiedNotes = $state.raw<readonly string[]>([]);

  /** A setting was written from the settings view. */
  settingsChanged(): void {
    this.changes += 1;
    void this.readSettings();
  }

  /** `.obsidian/hotkeys.json`'s hotkeys, as the shell read them (null: none read yet). */
  hotkeys = $state.raw<HotkeysView | null>(null);
  /** Which keys run which command: the defaults, the vault's hotkeys over them. */
  readonly keymap: Keymap = $derived(keymapOf(this.hotkeys));

  private async readHotkeys(): Promise<void> {
    this.hotkeys = await api.hotkeys().catch(() => null);
  }

  /**
   * Sets the hotkeys of `command` in hotkeys.json (`null`: back to its
   * default; `[]`: none); says why when it cannot.
   */
  async setHotkeys(command: CommandId, specs: readonly string[] | null): Promise<void> {
    try {
      this.hotkeys = await api.writeHotkey(hotkeyId(command), specs === null ? null : specs.map(hotkeyOf));
    } catch (error) {
      this.layout.notify(`Hotkeys not saved: ${errorMessage(error)}`);
    }
  }

  /**
   * The settings the window itself follows (appearance.json's theme and
   * font size, app.json's readable line length and the editor's), applied
   * by App.svelte and, as a note opens in it, the editor; Obsidian's
   * defaults until read.
   */
  appearance = $state.raw<Appearance>(DEFAULT_APPEARANCE);

  /** The settings the window follows, and `hanji.json`'s `hoverPreview` for the page previews. */
  private async readSettings(): Promise<void> {
    const view = await api.settingsView().catch(() => null);
    const value = (file: string, key: string) => view?.settings.find((s) => s.file === file && s.key === key)?.value;
    const mode = value("hanji.json", "hoverPreview");
    this.previews.mode = (mode === "delay" ? "delay" : "ctrl") satisfies HoverMode;
    const theme = value("appearance.json", "theme");
    const size = value("appearance.json", "baseFontSize");
    const tab = value("app.json", "tabSize");
    this.appearance = {
      theme: theme === "moonstone" ? "light" : theme === "obsidian" ? "dark" : "system",
      fontSize: typeof size === "number" ? size : DEFAULT_APPEARANCE.fontSize,
      readableLineLength: value("app.json", "readableLineLength") !== false,
      spellcheck: value("app.json", "spellcheck") === true,
      lineNumbers: value("app.json", "showLineNumber") === true,
      pairBrackets: value("app.json", "autoPairBrackets") !== false,
      useTab: value("app.json", "useTab") !== false,
      tabSize: typeof tab === "number" && tab >= 1 && tab <= 8 ? tab : DEFAULT_APPEARANCE.tabSize,
    };
  }

  /** A note the editor opens with the cursor at its end (a daily note just made from its template). */
  private cursorAtEnd: string | null = null;

  /** Whether the editor opening `path` puts the cursor at the end (asked once). */
  takeCursorAtEnd(path: string): boolean {
    const yes = this.cursorAtEnd === path;
    if (yes) this.cursorAtEnd = null;
    return yes;
  }

  /** Opens a day's daily note (today when null) in the editor, made from its template when there is none. */
  async openDaily(date: string | null = null): Promise<void> {
    try {
      const daily = await api.openDaily(date);
      if (daily.created) this.cursorAtEnd = daily.path;
      this.layout.editing = true;
      await this.open(daily.path);
    } catch (error) {
      this.layout.notify(`Cannot open the daily note: ${errorMessage(error)}`);
    }
  }

  /**
   * Inserts the template at `path` into the note being edited, at the
   * cursor, its front matter merged into the note's (the shell works out
   * the edits; the editor makes them as one change).
   */
  async insertTemplate(path: string): Promise<void> {
    // The editor may still be loading (the command opened it a moment ago).
    for (let i = 0; i < 60 && !this.editor && this.layout.editing && this.nav.path; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const editor = this.editor;
    if (!editor) {
      this.layout.notify("Open a note in the editor to insert a template");
      return;
    }
    const { text, cursor } = editor.snapshot();
    try {
      const ins = await api.insertTemplate(editor.session.path, path, text, cursor);
      if (this.editor !== editor || !editor.change(text, ins.edits, ins.cursor)) {
        this.layout.notify("Not inserted: the note changed meanwhile; try again");
      } else if (ins.warning) {
        this.layout.notify(ins.warning);
      }
    } catch (error) {
      this.layout.notify(`Cannot insert the template: ${errorMessage(error)}`);
    }
  }

  /**
   * Zooms the whole interface a step in or out (as a browser's steps), or
   * back to 100 %; the shell zooms the page and keeps it for next launch.
   */
  private async zoom(how: "zoom-in" | "zoom-out" | "zoom-reset"): Promise<void> {
    const steps = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];
    try {
      const now = await api.zoom();
      let next = 1;
      if (how === "zoom-in") next = steps.find((s) => s > now + 0.001) ?? steps[steps.length - 1];
      if (how === "zoom-out") next = [...steps].reverse().find((s) => s < now - 0.001) ?? steps[0];
      const set = await api.setZoom(next);
      this.layout.notify(`Zoom ${Math.round(set * 100)} %`);
    } catch (error) {
      this.layout.notify(`Cannot zoom: ${errorMessage(error)}`);
    }
  }

  /** The daily note before or after the one on screen (or today), skipping days without one. */
  private async dailyNeighbour(forward: boolean): Promise<void> {
    try {
      const path = await api.dailyNeighbour(this.nav.path, forward);
      if (path) await this.open(path);
      else this.layout.notify(forward ? "No later daily note" : "No earlier daily note");
    } catch (error) {
      this.layout.notify(errorMessage(error));
    }
  }

  /** Changes came while the vault chooser was up: the vault is refreshed on the way back. */
  private missed = false;
  /** The notes embedded in the view last looked at, found once per view. */
  private embeds: { view: NoteView | null; paths: Set<string> } = { view: null, paths: new Set() };

  /** What the shell was last told: whether some text is not on disk. */
  private unsavedReported = false;

  start(): Promise<void> {
    void events.onCloseRequested(() => void this.closeRequested());
    return this.session.start();
  }

  /**
   * Tells the shell whether any text is unsaved (the open editor's, or one
   * kept from a note whose save failed): a close request then waits.
   */
  reportUnsaved(): void {
    const unsaved = (this.editor?.session.dirty ?? false) || unsavedNotes().length > 0;
    if (unsaved === this.unsavedReported) return;
    this.unsavedReported = unsaved;
    api.setUnsaved(unsaved).catch(() => {
      this.unsavedReported = !unsaved;
    });
  }

  /**
   * The window was asked to close with text unsaved: save everything once
   * more, close if that worked, else keep the window and say what is not
   * saved (the user may still close without saving).
   */
  async closeRequested(): Promise<void> {
    await this.editor?.session.save();
    for (const note of unsavedNotes()) {
      try {
        await api.saveNote(note.path, note.base.hash, note.text);
        markSaved(note.path);
      } catch {
        // Still unsaved: listed below.
      }
    }
    const editor = this.editor?.session;
    const left = [...(editor?.dirty ? [editor.path] : []), ...unsavedNotes().map((n) => n.path)];
    this.reportUnsaved();
    if (left.length === 0) {
      await this.closeWindow();
      return;
    }
    this.layout.closeBlocked = left;
  }

  /** Close the window now, saved or not (the user's choice, or nothing is left unsaved). */
  async closeWindow(): Promise<void> {
    try {
      await api.closeWindow();
    } catch (error) {
      this.layout.notify(`Cannot close the window: ${errorMessage(error)}`);
    }
  }

  stop(): void {
    // A keeping of the tabs still waiting would land after the page is gone.
    if (this.keeping) clearTimeout(this.keeping);
    this.keeping = null;
    this.session.stop();
  }

  /** Back from the vault chooser to the open vault, brought up to date. */
  async backToVault(): Promise<void> {
    if (!this.session.cancelChooseVault() || !this.missed) return;
    this.missed = false;
    await this.refresh();
  }

  // ---- Notes and history ----

  /**
   * Open a note, adding a step to the active tab's history; with
   * `newTab`, in a new tab after the active one (Ctrl+click, a middle
   * click).
   */
  async open(path: string, target: Target = { kind: "top" }, opts: { newTab?: boolean } = {}): Promise<void> {
    // Opening a note shows it: the graph gives the middle pane back, and
    // no preview stays over it.
    this.layout.graph = false;
    this.previews.closeAll();
    if (opts.newTab && this.nav.path !== null) {
      this.nav.keep(this.dom.scrollTop());
      this.tabs.add();
    } else if (path === this.nav.path && this.note.view) {
      this.nav.aim(target);
      return;
    }
    this.nav.visit(path, this.dom.scrollTop());
    this.keepTabs();
    await this.show(path, target);
  }

  async back(): Promise<void> {
    const place = this.nav.back(this.dom.scrollTop());
    this.keepTabs();
    if (place) await this.show(place.path, { kind: "scroll", top: place.scroll });
  }

  async forward(): Promise<void> {
    const place = this.nav.forward(this.dom.scrollTop());
    this.keepTabs();
    if (place) await this.show(place.path, { kind: "scroll", top: place.scroll });
  }

  // ---- Tabs ----

  /** Makes the tab at `i` (of `pane`, the active pane by default) active, showing its note where it was scrolled to. */
  async switchTab(i: number, pane: Pane = this.panes.active): Promise<void> {
    if (pane !== this.panes.active) {
      this.nav.keep(this.dom.scrollTop());
      this.panes.active = pane;
      pane.tabs.activate(i);
      this.keepTabs();
      await this.showTab();
      return;
    }
    const before = this.tabs.current;
    this.nav.keep(this.dom.scrollTop());
    this.tabs.activate(i);
    if (this.tabs.current === before) return;
    this.keepTabs();
    await this.showTab();
  }

  /** A new, empty tab (Ctrl+T): the quick switcher opens to fill it. */
  async newTab(): Promise<void> {
    this.nav.keep(this.dom.scrollTop());
    this.tabs.add();
    this.layout.graph = false;
    this.clearNote();
    this.keepTabs();
    this.layout.modal = "switcher";
  }

  /**
   * Closes the tab at `i` of `pane` (the active tab by default); the next
   * one shows. A pane's last tab closes the pane, when it is not the only
   * one (as Obsidian's).
   */
  async closeTab(i: number = this.tabs.index, pane: Pane = this.panes.active): Promise<void> {
    const live = pane === this.panes.active;
    const active = pane.tabs.current;
    if (live && i === pane.tabs.index && this.layout.editing && this.editor?.session.dirty) {
      // Its edits are saved first, as when another note opens in it.
      await this.editor.session.save();
    }
    if (pane.tabs.list.length === 1 && this.panes.list.length > 1) {
      this.panes.close(pane);
      this.keepTabs();
      if (live) await this.showTab();
      return;
    }
    pane.tabs.close(i);
    this.keepTabs();
    if (live && (pane.tabs.current !== active || pane.tabs.list.length === 1)) await this.showTab();
  }

  /**
   * The active pane split (`row`: a pane to its right, `column`: below),
   * the new pane active and showing `path` (by default the note shown,
   * where it is scrolled to, as Obsidian's "Split right" does).
   */
  async splitPane(dir: Dir, path: string | null = this.nav.path): Promise<void> {
    const scroll = this.dom.scrollTop();
    this.nav.keep(scroll);
    const same = path === this.nav.path;
    const made = this.panes.split(this.panes.active, dir);
    if (path !== null) made.tabs.current.nav.visit(path, 0);
    if (same && path !== null) made.tabs.current.nav.keep(scroll);
    this.layout.graph = false;
    this.keepTabs();
    await this.showTab();
  }

  /** Makes `pane` the active one: its note shows live, where it was left. */
  async activatePane(pane: Pane): Promise<void> {
    if (pane === this.panes.active) return;
    if (this.layout.editing && this.editor?.session.dirty) await this.editor.session.save();
    this.nav.keep(this.dom.scrollTop());
    this.panes.active = pane;
    this.keepTabs();
    await this.showTab();
  }

  /** Moves the divider after child `i` of a split by `delta` of its room (a drag), and keeps the layout. */
  resizeSplit(id: number, i: number, delta: number): void {
    this.panes.resize(id, i, delta);
    this.keepTabs();
  }

  /** Even shares for a split's children (a double click on a divider). */
  evenSplit(id: number): void {
    this.panes.even(id);
    this.keepTabs();
  }

  /** Moves a tab along its pane's tab bar (a drag). */
  moveTab(from: number, to: number, pane: Pane = this.panes.active): void {
    pane.tabs.move(from, to);
    this.keepTabs();
  }

  /**
   * Moves the tab at `i` of `from` into `to` at `at` (a tab dragged to
   * another pane's tab bar), with its history; `to` becomes the active
   * pane, showing it. A pane left without tabs closes, as Obsidian's.
   */
  async moveTabToPane(from: Pane, i: number, to: Pane, at: number): Promise<void> {
    if (from === to) return this.moveTab(i, Math.min(at, from.tabs.list.length - 1), from);
    const tab = from.tabs.list[i];
    if (!tab) return;
    if (from === this.panes.active) {
      if (i === from.tabs.index && this.layout.editing && this.editor?.session.dirty) await this.editor.session.save();
      this.nav.keep(this.dom.scrollTop());
    }
    const last = from.tabs.list.length === 1;
    from.tabs.take(i);
    to.tabs.put(tab, at);
    if (last) this.panes.close(from);
    this.panes.active = to;
    this.layout.graph = false;
    this.keepTabs();
    await this.showTab();
  }

  /** Shows the active tab: its note where it was left, or nothing for an empty tab. */
  private async showTab(): Promise<void> {
    const path = this.nav.path;
    if (path === null) {
      this.note.clear();
      return;
    }
    await this.show(path, { kind: "scroll", top: this.nav.scrollHere() });
  }

  private keeping: ReturnType<typeof setTimeout> | null = null;
  /** Keeps the open tabs for the next time this vault opens (soon, once). */
  private keepTabs(): void {
    if (this.keeping) clearTimeout(this.keeping);
    this.keeping = setTimeout(() => {
      this.keeping = null;
      this.saveTabs();
    }, 300);
  }

  /** Keeps the open tabs now, the active one's scroll offset included. */
  saveTabs(): void {
    if (!this.session.info || this.session.screen !== "vault") return;
    this.nav.keep(this.dom.scrollTop());
    const saved = this.panes.saved();
    void api
      .saveWorkspace({
        panes: saved.panes.map((pane) => ({
          tabs: pane.tabs.map((t) => ({ paths: t.places.map((p) => p.path), scrolls: t.places.map((p) => p.scroll), index: t.index })),
          active: pane.active,
        })),
        layout: saved.layout.map((n) => ({ dir: n.dir, children: n.children, sizes: n.dir === null ? [] : (n.sizes ?? []) })),
        active: saved.active,
        recent: this.recent.saved(),
      })
      .catch(() => {});
  }

  /** The tabs kept when this vault was last open, if any of their notes are still there. */
  private async restoreTabs(exists: (path: string) => boolean): Promise<boolean> {
    const kept = await api.workspace().catch(() => null);
    if (!kept) return false;
    this.recent.restore(kept.recent);
    const saved = {
      layout: kept.layout.map(
        (n): SavedNode => (n.dir === null ? { dir: null, children: 0 } : { dir: n.dir, children: n.children, sizes: n.sizes }),
      ),
      panes: kept.panes.map((pane) => ({
        tabs: pane.tabs.map((t) => ({ places: t.paths.map((path, k) => ({ path, scroll: t.scrolls[k] ?? 0 })), index: t.index })),
        active: pane.active,
      })),
      active: kept.active,
    };
    if (!this.panes.restore(saved, exists)) return false;
    await this.showTab();
    return true;
  }

  /** Open or close the unlinked mentions, finding them when opened. */
  async toggleUnlinked(): Promise<void> {
    this.layout.togglePanel(UNLINKED_PANEL);
    if (this.layout.unlinkedOpen) await this.note.openUnlinked();
  }

  /** Show a tag's notes in the Tags tab. */
  async showTag(tag: string): Promise<void> {
    this.layout.showTab("tags");
    await this.vault.showTag(tag);
  }

  /** Follow a link of a rendered note (the reading view's, or an editor's embed or table). */
  follow(action: LinkAction, opts: { newTab?: boolean } = {}): void {
    switch (action.kind) {
      case "internal":
        if (!/\.md$/i.test(action.path)) this.openFile(action.path);
        else void this.open(action.path, action.anchor ? { kind: "anchor", anchor: action.anchor } : { kind: "top" }, opts);
        break;
      case "anchor":
        this.nav.aim({ kind: "anchor", anchor: action.anchor });
        break;
      case "tag":
        void this.showTag(action.tag);
        break;
      case "external":
        this.openExternal(action.url);
        break;
      case "unresolved":
        // As in Obsidian: the note the link asks for is made, and opened to write in.
        void this.fileops.createFromLink(action.target);
        break;
      case "none":
        break;
    }
  }

  /**
   * A file of the vault that is not a note: an image in the image viewer,
   * anything else with the system's default application.
   */
  openFile(path: string): void {
    if (isImagePath(path)) {
      this.layout.viewer = { images: [{ src: vaultUrl(path), alt: path.split("/").pop() ?? path, path }], index: 0 };
      return;
    }
    api.openAttachment(path).catch((error) => this.layout.notify(errorMessage(error)));
  }

  /** The image viewer over `images` (a note's, in order), at `index`. */
  viewImages(images: readonly HTMLImageElement[], index: number): void {
    if (images.length === 0) return;
    this.layout.viewer = {
      images: images.map((img) => ({ src: img.currentSrc || img.src, alt: img.alt, path: vaultPathOfSrc(img.currentSrc || img.src) })),
      index: Math.max(0, Math.min(index, images.length - 1)),
    };
  }

  /** A web or mail link, opened in the system's browser. */
  openExternal(url: string): void {
    // The shell's message says what failed and names the address, once.
    api.openExternal(url).catch((error) => this.layout.notify(errorMessage(error)));
  }

  private show(path: string, target: Target): Promise<void> {
    this.vault.reveal(path);
    return this.note.show(path, target);
  }

  private clearNote(): void {
    this.nav.leave();
    this.note.clear();
  }

  // ---- Opening a vault ----

  private async opened(info: VaultInfo, previous: VaultInfo | null): Promise<void> {
    const switching = previous !== null && previous.root !== info.root;
    if (previous) this.clearNote();
    this.missed = false;
    this.vault.forgetSwitcher();
    if (switching) {
      this.panes.reset();
      this.recent.restore([]);
      this.vault.reset();
    }
    await Promise.all([this.vault.reloadTree(), this.vault.reloadTags(), this.readSettings(), this.readHotkeys()]);
    const tree = this.vault.tree;
    if (!tree) return;
    // The tabs left open last time, else the note last read, else the first.
    const restored = (!previous || switching) && (await this.restoreTabs((path) => hasNote(tree, path)));
    if (!restored) {
      const last = recallLastNote(info.root);
      const start = last !== null && hasNote(tree, last) ? last : firstNote(tree);
      if (start !== null) await this.open(start);
      else this.clearNote();
    }
    // daily-notes.json's autorun: today's note, as Obsidian opens it at launch.
    const calendar = await api.dailyCalendar(null).catch(() => null);
    if (calendar?.autorun) await this.openDaily();
  }

  // ---- Live updates ----

  /**
   * A change event: each part of the screen fetches again only if the event
   * can have changed it (the rules are in changes.ts). Each part keeps at
   * most one fetch in flight; changes arriving meanwhile cause one more.
   */
  private changed(event: VaultChanged): void {
    // Documents first, whatever the screen: a dirty one is never overwritten.
    this.documents.apply(event);
    if ([...event.added, ...event.removed].some((p) => p.endsWith(".md"))) this.changes += 1;
    const modified = event.modified.filter((p) => p.endsWith(".md"));
    if (modified.length > 0) this.modifiedNotes = modified;
    // An editor's undo history, cursor and scroll follow a renamed note.
    for (const [from, to] of event.renamed) follow(from, to);
    if (this.session.screen !== "vault") {
      this.missed = true;
      return;
    }
    if (event.warnings.length > 0) this.layout.notify(event.warnings.join("; "));
    const editor = this.editor;
    editor?.vaultChanged(event);
    if (editor && !event.own_write && event.modified.includes(editor.session.path)) {
      // Another program changed the note being edited: reload it in place,
      // or, under unsaved edits, a conflict (the editor shows the choice).
      void editor.session.external().then((text) => {
        if (text !== null && this.editor === editor) editor.replace(text);
      });
    }
    const todo = plan(event, this.onScreen());
    // Places visited follow the notes that moved, the current one included.
    for (const pane of this.panes.list) pane.tabs.rename(event.renamed ?? []);
    this.recent.rename(event.renamed ?? []);
    if ((event.renamed ?? []).length > 0) this.keepTabs();
    // Renamed by another program: the links to the old name may need updating.
    if (!event.operation && event.renamed.length > 0) {
      void this.fileops.renamedOutside(event.renamed.map(([from, to]) => [from, to]));
    }
    void this.apply(todo);
  }

  /** Fetch again everything on screen: counts, tree, tags, the note and its panels. */
  async refresh(): Promise<void> {
    if (this.session.screen !== "vault") return;
    await this.apply(everything(this.onScreen()));
  }

  private onScreen(): OnScreen {
    const { note } = this;
    if (this.embeds.view !== note.view) this.embeds = { view: note.view, paths: embedsOf(note.view) };
    return {
      path: note.path,
      deleted: note.deleted,
      backlinkSources: note.linked ? new Set(note.linked.mentions.map((m) => m.source)) : null,
      embeds: this.embeds.paths,
      unlinkedOpen: this.layout.unlinkedOpen,
      tagSelected: this.vault.selectedTag !== null,
    };
  }

  private async apply(todo: Plan): Promise<void> {
    const jobs: Promise<void>[] = [];
    if (todo.switcher) this.vault.forgetSwitcher();
    if (todo.search) this.vault.searchChanged();
    if (todo.info) jobs.push(this.session.reloadInfo());
    if (todo.tree) jobs.push(this.vault.reloadTree());
    if (todo.tags) jobs.push(this.vault.reloadTags());
    if (todo.tagNotes) jobs.push(this.vault.reloadTagNotes());
    if (todo.follow !== null) {
      const to = todo.follow;
      this.vault.reveal(to);
      if (this.session.info) rememberLastNote(this.session.info.root, to);
      jobs.push(this.note.move(to));
    } else if (todo.deleted) {
      this.note.markDeleted();
    } else {
      if (todo.unlinkedStale) this.note.forgetUnlinked();
      jobs.push(
        this.note.reload({ view: todo.note, linked: todo.linked, outgoing: todo.outgoing, unlinked: todo.unlinked }),
      );
    }
    await Promise.all(jobs);
  }

  // ---- Commands ----

  async run(id: CommandId): Promise<void> {
    const { layout, dom } = this;
    switch (id) {
      case "quick-switcher":
        layout.modal = "switcher";
        break;
      case "command-palette":
        layout.modal = "palette";
        break;
      case "search":
        layout.modal = null;
        layout.showTab("search");
        await dom.focus("search-input", true);
        break;
      case "back":
        await this.back();
        break;
      case "forward":
        await this.forward();
        break;
      case "files":
        layout.modal = null;
        layout.showTab("files");
        await dom.focusTreeRow();
        break;
      case "tags":
        layout.modal = null;
        layout.showTab("tags");
        break;
      case "toggle-left":
        layout.toggleLeft();
        break;
      case "toggle-right":
        layout.toggleRight();
        break;
      case "backlinks":
      case "outline": {
        const panel = id === "backlinks" ? "panel-backlinks" : "panel-outline";
        layout.expandPanel(panel);
        await dom.reveal(panel);
        break;
      }
      case "reload":
        await this.refresh();
        break;
      case "save":
        await this.editor?.session.save();
        break;
      case "toggle-source":
        layout.toggleSource();
        if (!layout.editing && this.nav.path) layout.editing = true;
        break;
      case "toggle-editing":
        if (layout.editing) {
          // What was typed is saved before the rendered note comes back.
          await this.editor?.session.save();
          layout.editing = false;
          await this.refresh();
        } else if (this.nav.path) {
          layout.editing = true;
        }
        break;
      case "collapse-folders":
        this.vault.collapseFolders();
        break;
      case "expand-folders":
        this.vault.expandFolders();
        break;
      case "open-vault":
        await this.session.chooseVault();
        break;
      case "rename-file":
        if (this.nav.path) {
          layout.modal = null;
          if (!layout.leftOpen) layout.toggleLeft();
          layout.showTab("files");
          this.vault.reveal(this.nav.path);
          this.fileops.startRename(this.nav.path);
        }
        break;
      case "move-file":
        if (this.nav.path) this.fileops.moving = this.nav.path;
        break;
      case "delete-file":
        if (this.nav.path) await this.fileops.request({ kind: "delete", path: this.nav.path });
        break;
      case "new-note":
        await this.fileops.create();
        break;
      case "new-folder":
        if (!layout.leftOpen) layout.toggleLeft();
        layout.showTab("files");
        await this.fileops.createFolder("");
        break;
      case "undo-file-operation":
        await this.fileops.undo();
        break;
      case "daily-today":
        await this.openDaily();
        break;
      case "open-settings":
        layout.modal = layout.modal === "settings" ? null : "settings";
        break;
      case "open-graph":
        layout.modal = null;
        layout.graph = !layout.graph;
        break;
      case "open-local-graph":
        if (!layout.rightOpen) layout.toggleRight();
        layout.expandPanel(LOCAL_GRAPH_PANEL);
        await dom.reveal(LOCAL_GRAPH_PANEL);
        break;
      case "insert-template":
        if (!this.nav.path) {
          layout.notify("Open a note to insert a template into");
          break;
        }
        // Templates go into the text: the editor opens if it is not open.
        layout.editing = true;
        layout.modal = "templates";
        break;
      case "new-tab":
        await this.newTab();
        break;
      case "close-tab":
        await this.closeTab();
        break;
      case "split-right":
        await this.splitPane("row");
        break;
      case "split-down":
        await this.splitPane("column");
        break;
      case "focus-next-pane":
      case "focus-previous-pane": {
        const list = this.panes.list;
        const k = list.indexOf(this.panes.active) + (id === "focus-next-pane" ? 1 : -1);
        await this.activatePane(list[(k + list.length) % list.length]);
        break;
      }
      case "next-tab":
        await this.switchTab(this.tabs.index + 1);
        break;
      case "previous-tab":
        await this.switchTab(this.tabs.index - 1);
        break;
      case "zoom-in":
      case "zoom-out":
      case "zoom-reset":
        await this.zoom(id);
        break;
      case "daily-previous":
        await this.dailyNeighbour(false);
        break;
      case "daily-next":
        await this.dailyNeighbour(true);
        break;
    }
  }
}
