// What the left sidebar shows of the vault as a whole: the file tree (with
// the folders opened), the tag tree (with the tags opened), the selected
// tag's notes, the quick switcher's list, and a counter that tells a search
// on screen to ask again. Each list reloads on its own with at most one fetch
// in flight (coalesce.ts); answers for a vault no longer open are dropped.
// It never decides what a change touched (changes.ts) and knows nothing of
// the note on screen beyond revealing its row.
import { SvelteSet } from "svelte/reactivity";
import {
  api,
  errorMessage,
  type NoteRef,
  type SearchResults,
  type SwitcherItem,
  type TagCount,
  type TreeNode,
} from "../api";
import { listedKey, tagAncestors } from "../tagtree";
import { parentFolders } from "../tree";
import { Coalesced } from "./coalesce";

export class VaultView {
  tree = $state.raw<TreeNode | null>(null);
  tags = $state.raw<TagCount[]>([]);
  expandedFolders = new SvelteSet<string>();
  /** Keys of the tags opened in the tag tree. */
  expandedTags = new SvelteSet<string>();
  /** The selected tag as asked for (spelled as written, without `#`). */
  selectedTag = $state<string | null>(null);
  /**
   * The selected tag's key: known at once when it is spelled as the tag list
   * spells it, else once the shell's answer for its notes says it.
   */
  selectedKey = $state<string | null>(null);
  tagNotes = $state.raw<NoteRef[] | null>(null);
  /** Bumped when notes changed, so the search on screen (if any) asks again. */
  searchEpoch = $state(0);

  /** Bumped when another vault opens: answers for the old one are dropped. */
  private gen = 0;
  /** Bumped when the selected tag changes. */
  private tagSeq = 0;
  /** Open the tags above the selected one once its key is known. */
  private revealTag = false;
  private switcherCache: Promise<SwitcherItem[]> | null = null;
  private readonly treeJob = new Coalesced(() => this.fetchTree());
  private readonly tagsJob = new Coalesced(() => this.fetchTags());
  private readonly tagNotesJob = new Coalesced(() => this.fetchTagNotes());

  constructor(private readonly notify: (message: string) => void) {}

  /** Another vault: nothing opened or selected, nothing cached. */
  reset(): void {
    this.gen++;
    this.tagSeq++;
    this.expandedFolders.clear();
    this.expandedTags.clear();
    this.selectedTag = null;
    this.selectedKey = null;
    this.revealTag = false;
    this.tagNotes = null;
    this.switcherCache = null;
  }

  reloadTree(): Promise<void> {
    return this.treeJob.request();
  }

  reloadTags(): Promise<void> {
    return this.tagsJob.request();
  }

  /** The selected tag's notes again (a live update); nothing when none is selected. */
  reloadTagNotes(): Promise<void> {
    return this.selectedTag === null ? Promise.resolve() : this.tagNotesJob.request();
  }

  /** Titles or aliases may have changed: the quick switcher asks again next time. */
  forgetSwitcher(): void {
    this.switcherCache = null;
  }

  /** Notes changed: a search on screen asks again. */
  searchChanged(): void {
    this.searchEpoch++;
  }

  /** Open the folders above `path`, so its row is in the tree. */
  reveal(path: string): void {
    for (const folder of parentFolders(path)) this.expandedFolders.add(folder);
  }

  toggleFolder(path: string): void {
    if (this.expandedFolders.has(path)) this.expandedFolders.delete(path);
    else this.expandedFolders.add(path);
  }

  collapseFolders(): void {
    this.expandedFolders.clear();
  }

  /** Every folder of the tree open (Obsidian's "Expand all"). */
  expandFolders(): void {
    const walk = (node: TreeNode) => {
      for (const child of node.children) {
        if (child.kind !== "folder") continue;
        this.expandedFolders.add(child.path);
        walk(child);
      }
    };
    if (this.tree) walk(this.tree);
  }

  /** Open or close the tag with key `key` in the tag tree. */
  toggleTagOpen(key: string): void {
    if (this.expandedTags.has(key)) this.expandedTags.delete(key);
    else this.expandedTags.add(key);
  }

  /**
   * Select `tag` as a note writes it (with or without its #), opening the
   * tags above it. A spelling the tag list does not have (`#Rust` for
   * `rust`) is matched once the shell answers with its key.
   */
  showTag(tag: string): Promise<void> {
    const name = tag.replace(/^#+/, "");
    const key = listedKey(this.tags, name);
    const same = this.selectedTag === name || (key !== null && key === this.selectedKey);
    if (!same) {
      this.tagNotes = null;
      this.selectedKey = key;
    }
    this.selectedTag = name;
    this.revealTag = this.selectedKey === null;
    if (this.selectedKey !== null) this.openAbove(this.selectedKey);
    return this.selectionChanged();
  }

  /** Select a tag of the tag list, or unselect it when it already is. */
  toggleTag(name: string, key: string | null = listedKey(this.tags, name)): Promise<void> {
    const same = this.selectedTag !== null && (key !== null ? key === this.selectedKey : name === this.selectedTag);
    this.selectedTag = same ? null : name;
    this.selectedKey = same ? null : key;
    this.revealTag = false;
    this.tagNotes = null;
    return this.selectionChanged();
  }

  private openAbove(key: string): void {
    for (const above of tagAncestors(this.tags, key)) this.expandedTags.add(above);
  }

  search(query: string, limit: number): Promise<SearchResults> {
    return api.search(query, limit);
  }

  /** The quick switcher's list, fetched once until notes change. */
  switcherItems(): Promise<SwitcherItem[]> {
    if (!this.switcherCache) {
      const cache = api.switcherItems().catch((error) => {
        if (this.switcherCache === cache) this.switcherCache = null;
        throw error;
      });
      this.switcherCache = cache;
    }
    return this.switcherCache;
  }

  private selectionChanged(): Promise<void> {
    this.tagSeq++;
    if (this.selectedTag === null) {
      this.tagNotesJob.cancel();
      return Promise.resolve();
    }
    return this.tagNotesJob.restart();
  }

  private async fetchTree(): Promise<void> {
    const gen = this.gen;
    try {
      const tree = await api.fileTree();
      if (gen === this.gen) this.tree = tree;
    } catch (error) {
      if (gen === this.gen) this.notify(`Cannot list the notes: ${errorMessage(error)}`);
    }
  }

  private async fetchTags(): Promise<void> {
    const gen = this.gen;
    try {
      const tags = await api.tags();
      if (gen === this.gen) this.tags = tags;
    } catch {
      if (gen === this.gen) this.tags = [];
    }
  }

  private async fetchTagNotes(): Promise<void> {
    const { gen, tagSeq, selectedTag: tag } = this;
    if (tag === null) return;
    const current = () => gen === this.gen && tagSeq === this.tagSeq;
    try {
      const answer = await api.tagNotes(tag);
      if (current()) {
        this.tagNotes = answer.notes;
        this.selectedKey = answer.key;
        if (this.revealTag) this.openAbove(answer.key);
        this.revealTag = false;
      }
    } catch (error) {
      if (current()) {
        this.tagNotes = [];
        this.notify(`Cannot list the notes tagged #${tag}: ${errorMessage(error)}`);
      }
    }
  }
}
