// What one change event from the shell can have changed on screen: a pure
// function from the event and a summary of what the window shows to a plan
// of what to fetch again. The rules live here, apart from the fetching (the
// stores) and the dispatch (app.svelte.ts), so they read and test as a
// table. Nothing here fetches, looks at the page, or keeps state.
//
// What the shell sends (src-tauri's VaultChanged, crates/live's ChangeEvent):
// `added`/`modified`/`removed` list notes only; a rename is in `renamed` and
// also in `removed` and `added`; attachments are not listed (only as graph
// nodes, once the shell sends `graph`); no event is sent for nothing, so one
// naming no note and no graph change is about attachments, or, when it
// carries warnings, may follow a reread of the whole vault after an error.
import type { GraphDelta, NoteView, VaultChanged } from "../api";

/** What the window shows, as far as the rules need to know. */
export interface OnScreen {
  /** The note on screen (or being opened); null when none. */
  path: string | null;
  /** The note on screen was deleted; what it said is still shown. */
  deleted: boolean;
  /** Source notes of the linked mentions shown; null while they load. */
  backlinkSources: ReadonlySet<string> | null;
  /** Notes embedded in the note on screen (their text is part of its view). */
  embeds: ReadonlySet<string>;
  unlinkedOpen: boolean;
  tagSelected: boolean;
}

/** What to fetch again. */
export interface Plan {
  /** The file tree. */
  tree: boolean;
  /** The vault's counts. */
  info: boolean;
  tags: boolean;
  /** The selected tag's notes. */
  tagNotes: boolean;
  /** The search on screen, if any. */
  search: boolean;
  /** The quick switcher's list (titles, aliases), next time it opens. */
  switcher: boolean;
  /** The note's view (body, outline, properties). */
  note: boolean;
  outgoing: boolean;
  /** Linked mentions (backlinks). */
  linked: boolean;
  /** Scan for unlinked mentions again (their section is open). */
  unlinked: boolean;
  /** Drop the unlinked mentions kept from before (their section is closed). */
  unlinkedStale: boolean;
  /** The note on screen moved here: show it there (everything fetched again). */
  follow: string | null;
  /** The note on screen was deleted: keep what it said, marked as deleted. */
  deleted: boolean;
}

/** A plan that fetches nothing. */
export const NOTHING: Readonly<Plan> = {
  tree: false,
  info: false,
  tags: false,
  tagNotes: false,
  search: false,
  switcher: false,
  note: false,
  outgoing: false,
  linked: false,
  unlinked: false,
  unlinkedStale: false,
  follow: null,
  deleted: false,
};

/** Everything on screen, as for the Reload command. */
export function everything(screen: OnScreen): Plan {
  const note = screen.path !== null;
  return {
    ...NOTHING,
    tree: true,
    info: true,
    tags: true,
    tagNotes: screen.tagSelected,
    search: true,
    switcher: true,
    note,
    outgoing: note,
    linked: note,
    unlinked: note && screen.unlinkedOpen,
    unlinkedStale: note && !screen.unlinkedOpen,
  };
}

export function plan(event: VaultChanged, screen: OnScreen): Plan {
  const added = new Set(event.added);
  const modified = new Set(event.modified);
  const removed = new Set(event.removed);
  const renamed = event.renamed ?? [];
  const notes = new Set([...added, ...modified, ...removed]);
  const graph = event.graph;

  if (notes.size === 0 && !(graph && graphChanged(graph))) {
    // Warnings and nothing named: the shell may have read the whole vault
    // again (after an internal error), so nothing on screen can be trusted.
    if (event.warnings.length > 0) return everything(screen);
    // Without the graph, an event naming no note is about attachments.
    return graph ? NOTHING : { ...NOTHING, tree: true, info: true };
  }

  const attachments = graph
    ? [...graph.nodes_added, ...graph.nodes_removed].some((n) => n.kind === "attachment")
    : false;
  // The tree lists notes and attachments; the counts shown are of notes.
  const structure = added.size > 0 || removed.size > 0 || renamed.length > 0 || attachments;
  const noteChanged = notes.size > 0;
  const p: Plan = {
    ...NOTHING,
    tree: structure,
    info: structure,
    tags: noteChanged,
    tagNotes: noteChanged && screen.tagSelected,
    search: noteChanged,
    switcher: noteChanged,
  };

  const current = screen.path;
  if (current === null) return p;
  const to = renamed.find(([from]) => from === current)?.[1];
  if (to !== undefined) return { ...p, follow: to };
  if (removed.has(current) && !added.has(current)) return { ...p, deleted: true };
  if (added.has(current)) {
    // A note at this path again (deleted and written anew, or another moved here).
    return {
      ...p,
      note: true,
      outgoing: true,
      linked: true,
      unlinked: screen.unlinkedOpen,
      unlinkedStale: !screen.unlinkedOpen,
    };
  }
  // A deleted note keeps showing what it said until the reader leaves it.
  if (screen.deleted) return p;

  const self = modified.has(current);
  const others = [...notes].some((n) => n !== current);
  // Its links resolve differently once their targets come, go or move: with
  // the graph, its own edges say so; without it, any note added or removed may.
  const relinked = graph
    ? [...graph.edges_added, ...graph.edges_removed].some((e) => e.source === current)
    : added.size > 0 || removed.size > 0;
  const embedChanged = [...screen.embeds].some((e) => modified.has(e) || removed.has(e));
  const sources = screen.backlinkSources;
  const linked = graph
    ? [...graph.edges_added, ...graph.edges_removed].some((e) => e.target === current) ||
      // A source's lines may have changed, or it went away.
      (sources === null ? others : [...modified, ...removed].some((s) => sources.has(s)))
    : others;
  // Unlinked mentions come from the other notes: the note's own text holds
  // none that count (its title or aliases changing is caught once its view
  // is read again, see note.svelte.ts).
  const rescan = others;
  return {
    ...p,
    note: self || relinked || embedChanged,
    outgoing: self || relinked,
    linked,
    unlinked: rescan && screen.unlinkedOpen,
    unlinkedStale: rescan && !screen.unlinkedOpen,
  };
}

function graphChanged(g: GraphDelta): boolean {
  return g.nodes_added.length + g.nodes_removed.length + g.edges_added.length + g.edges_removed.length > 0;
}

const EMBED = /<div class="embed" data-path="([^"]*)"/g;

/**
 * The vault paths of the notes embedded in a view, at any depth: the
 * renderer writes each as `<div class="embed" data-path="…">` (api.ts).
 */
export function embedsOf(view: NoteView | null): Set<string> {
  const paths = new Set<string>();
  if (view === null) return paths;
  for (const m of view.html.matchAll(EMBED)) paths.add(unescapeAttr(m[1]));
  return paths;
}

function unescapeAttr(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (all, dec, hex, name) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[(name as string).toLowerCase()] ?? all;
  });
}
