// The contract between the window and the shell: every Tauri command the UI
// may call, its arguments, and the shape of its answer. The shell's DTOs
// (src-tauri/src/dto.rs) serialise to exactly these shapes; field names are
// snake_case. Positions are 1-based; paths are vault-relative, `/`-separated,
// Unicode NFC.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";

/** A command failed. `code` is stable: the UI branches on it. */
export interface ApiError {
  code:
    | "vault_not_found"
    | "not_a_folder"
    | "vault_unreadable"
    /** A change could not be applied and the vault could not be read again. */
    | "vault_failed"
    | "no_vault"
    | "note_not_found"
    | "bad_query"
    | "search_failed"
    | "cancelled"
    | "internal";
  message: string;
}

export interface VaultInfo {
  root: string;
  name: string;
  notes: number;
  attachments: number;
  links: number;
  tags: number;
}

export interface TreeNode {
  name: string;
  /** Vault path; "" for the root. */
  path: string;
  kind: "folder" | "note" | "attachment";
  /** Notes in this folder and below (1 for a note, 0 for an attachment). */
  note_count: number;
  /** Folders first, then files, each sorted by name. */
  children: TreeNode[];
}

export interface Property {
  key: string;
  /** Lists are joined with ", ". */
  value: string;
}

export interface OutlineItem {
  level: number;
  text: string;
  /** The element id of the heading in `html`. */
  anchor: string;
  line: number;
}

export interface NoteView {
  path: string;
  title: string;
  /**
   * Sanitized HTML of the note body (front matter excluded). Internal links
   * are `<a class="internal-link" data-path="…" data-anchor="…">`, with the
   * extra class `unresolved` (and `data-target`) when nothing matches;
   * external links are `<a class="external-link" href="…">`; headings carry
   * `id` = their anchor; block ids are `<span id="^id">`; images embedded
   * from the vault use `vault://localhost/<encoded vault path>` URLs, which
   * the shell serves from the open vault only; embedded notes are
   * `<div class="embed" data-path="…">` with the embedded HTML inside;
   * callouts are `<div class="callout" data-callout="info">` with a
   * `<div class="callout-title">`; code blocks are
   * `<pre><code class="language-x">`.
   */
  html: string;
  properties: Property[];
  outline: OutlineItem[];
  tags: string[];
}

export interface Mention {
  source: string;
  source_title: string;
  line: number;
  /** The source line, cut to 160 characters around the mention. */
  snippet: string;
}

/** One page of a note's linked mentions (source notes in path order). */
export interface LinkedPage {
  /** How many notes link here. */
  notes: number;
  /** How many links (embeds included) point here from those notes. */
  links: number;
  /** Index of the page's first source note. */
  offset: number;
  /** Every mention from the page's source notes, by source then line. */
  mentions: Mention[];
}

export interface OutgoingLink {
  /** The link as written (`Note#Heading`). */
  target: string;
  /** The resolved vault path; null when unresolved. */
  path: string | null;
  kind: "note" | "attachment" | "unresolved";
  line: number;
}

export interface TagCount {
  name: string;
  notes: number;
  notes_with_children: number;
}

export interface NoteRef {
  path: string;
  title: string;
}

export interface SearchHit {
  path: string;
  title: string;
  line: number;
  snippet: string;
  /**
   * [start, end) offsets into `snippet`, counted in Unicode code points (not
   * UTF-16 units: iterate with `Array.from(snippet)`).
   */
  highlights: [number, number][];
}

export interface SearchResults {
  total: number;
  hits: SearchHit[];
  /** Terms the index cannot search, each a sentence saying what was done with it. */
  unsearchable?: string[];
}

export interface SwitcherItem {
  path: string;
  title: string;
  aliases: string[];
}

export interface Progress {
  phase: "scan" | "load" | "index" | "ready";
  message: string;
  /** Work done in this phase out of `total`; `total` is 0 when not counted. */
  done: number;
  total: number;
}

export interface VaultChanged {
  added: string[];
  modified: string[];
  removed: string[];
  /** `[from, to]` pairs of notes that moved (also in `removed` and `added`). */
  renamed?: [string, string][];
  /** The change is Hanji's own save, not another program's. */
  own_write?: boolean;
  /** The vault folder was deleted or moved away; nothing more will come. */
  vault_gone: boolean;
  /** Problems that did not stop the change. */
  warnings: string[];
  /** How the link graph changed; absent in events from older shells. */
  graph?: GraphDelta;
}

/** A node of the link graph, keyed by `id`: a vault path for notes and
 * attachments, the link text for a ghost (a target that does not exist). */
export interface GraphNode {
  id: string;
  kind: "note" | "attachment" | "ghost";
}

/** An edge: every link from one note (`source`, a vault path) to one node. */
export interface GraphEdge {
  source: string;
  target: string;
  target_kind: GraphNode["kind"];
  links: number;
  embeds: number;
}

/** What one change did to the link graph. An edge whose counts changed is
 * in both `edges_removed` (old counts) and `edges_added` (new ones); the
 * edges of a removed node are listed in `edges_removed` too. */
export interface GraphDelta {
  nodes_added: GraphNode[];
  nodes_removed: GraphNode[];
  edges_added: GraphEdge[];
  edges_removed: GraphEdge[];
}

export const api = {
  openVault: (path: string | null) => invoke<VaultInfo>("open_vault", { path }),
  vaultInfo: () => invoke<VaultInfo>("vault_info"),
  recentVaults: () => invoke<string[]>("recent_vaults"),
  /** The system's folder dialog; null when cancelled. Opens nothing. */
  pickVaultFolder: () => invoke<string | null>("pick_vault_folder"),
  fileTree: () => invoke<TreeNode>("file_tree"),
  noteView: (path: string) => invoke<NoteView>("note_view", { path }),
  /** Linked mentions from `limit` source notes (at most 500) from `offset`. */
  backlinks: (path: string, offset: number, limit: number) =>
    invoke<LinkedPage>("backlinks", { path, offset, limit }),
  /** Reads every note; a newer call makes an older one fail with `cancelled`. */
  unlinkedMentions: (path: string) => invoke<Mention[]>("unlinked_mentions", { path }),
  outgoing: (path: string) => invoke<OutgoingLink[]>("outgoing", { path }),
  tags: () => invoke<TagCount[]>("tags"),
  tagNotes: (tag: string) => invoke<NoteRef[]>("tag_notes", { tag }),
  search: (query: string, limit: number) => invoke<SearchResults>("search", { query, limit }),
  switcherItems: () => invoke<SwitcherItem[]>("switcher_items"),
  /** Opens an http(s) or mailto URL in the system browser. */
  openExternal: (url: string) => invoke<void>("open_external", { url }),
};

export const events = {
  onProgress: (f: (p: Progress) => void): Promise<UnlistenFn> =>
    listen<Progress>("vault://progress", (e) => f(e.payload)),
  onChanged: (f: (c: VaultChanged) => void): Promise<UnlistenFn> =>
    listen<VaultChanged>("vault://changed", (e) => f(e.payload)),
};

/** The readable message of anything a command may reject with. */
export function errorMessage(error: unknown): string {
  if (typeof error === "object" && error !== null && "message" in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

/** The stable code of a command's error, or null for anything else. */
export function errorCode(error: unknown): ApiError["code"] | null {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? (code as ApiError["code"]) : null;
  }
  return null;
}
