// Generated from the shell's DTOs (src-tauri/src/dto.rs) by src-tauri/src/bindings.rs:
// do not edit. After changing a DTO, regenerate with
//   HANJI_WRITE_BINDINGS=1 cargo test --workspace --features hanji-app/custom-protocol bindings
// Field names are snake_case, as serde sends them; an Option is `T | null`.

/**
 * A command's failure. `code` is stable (the UI branches on it); `message`
 * is for people.
 */
export type ApiError = {
  /**
   * Every code the shell uses (`bindings.rs` checks the list against the
   * sources). `vault_failed`: a change could not be applied and the vault
   * could not be read again; `not_allowed`: a folder the user did not
   * choose; `conflict`: the note changed on disk since it was read, and
   * nothing was written; `not_editable`: the note can be read but not
   * edited safely (the message says why); `save_failed`: the disk
   * refused the write, which did not happen; `exists`: a file operation
   * would land on a path that is taken; `bad_name`: a name links could
   * not say (or hidden, or changing a note's kind); `refused`: a file
   * operation that would break a link, or that the disk refused before
   * anything changed; `nothing_to_undo`; `bad_setting`: a value a
   * setting does not take; `settings_malformed`: a settings file that is
   * not valid JSON, left as it is; `no_template`: no templates folder, or
   * no such template in it, or it cannot be read.
   */
  code: "vault_not_found" | "not_a_folder" | "vault_unreadable" | "vault_failed" | "no_vault" | "not_allowed" | "note_not_found" | "bad_query" | "search_failed" | "cancelled" | "conflict" | "not_editable" | "save_failed" | "exists" | "bad_name" | "refused" | "nothing_to_undo" | "bad_setting" | "settings_malformed" | "no_template" | "internal",
  message: string,
};

export type VaultInfo = {
  root: string,
  name: string,
  notes: number,
  attachments: number,
  links: number,
  tags: number,
};

export type TreeNode = {
  name: string,
  /**
   * Vault path; "" for the root.
   */
  path: string,
  kind: "folder" | "note" | "attachment",
  /**
   * Notes in this folder and below (1 for a note, 0 for an attachment).
   */
  note_count: number,
  /**
   * Files (notes and attachments) in this folder and below: what the
   * tree lists under it (1 for a file).
   */
  file_count: number,
  /**
   * Folders first, then files, each sorted by name.
   */
  children: Array<TreeNode>,
};

export type Property = {
  key: string,
  /**
   * Lists are joined with ", ".
   */
  value: string,
  /**
   * For the key that holds the note's tags (`tags`): each tag, without
   * `#`, shown as a tag rather than as text; empty for any other key.
   */
  tags: Array<string>,
};

export type OutlineItem = {
  level: number,
  text: string,
  /**
   * The heading element's id in `html`, without the renderer's `N-`
   * prefix; empty when the heading has no id.
   */
  anchor: string,
  line: number,
};

export type NoteView = {
  path: string,
  title: string,
  /**
   * Sanitized HTML of the note body (front matter excluded), as
   * `hanji-render` documents it: internal links are `<a
   * class="internal-link" data-path="…" data-anchor="…">` (the extra class
   * `unresolved` and `data-target` when nothing matches), with
   * `data-anchor` the id of the element the link points at; external links
   * are `<a class="external-link" href="…">`; every id the note brings
   * (headings, block ids `^id`, footnotes) starts with `N-`; images from
   * the vault use `vault://localhost/<encoded vault path>` URLs; embedded
   * notes are `<div class="embed" data-path="…">`; inline tags `<a
   * class="tag" data-tag="…">`; callouts `<div class="callout"
   * data-callout="…">` with a `callout-title`; code blocks `<pre><code
   * class="language-x">`.
   */
  html: string,
  properties: Array<Property>,
  outline: Array<OutlineItem>,
  /**
   * Front-matter tags, then inline tags, as first written, without `#`.
   */
  tags: Array<string>,
};

/**
 * A note opened for editing: every byte of its text, and the hash a save
 * of it expects (16 hex digits; a JavaScript number cannot hold 64 bits).
 */
export type NoteSource = {
  path: string,
  text: string,
  hash: string,
};

/**
 * A save that happened: the hash of what is on disk now, to expect next.
 */
export type SavedNote = {
  hash: string,
};

/**
 * What `[[Note#` and `[[Note#^` can complete to: the headings and block
 * ids of the note a link names.
 */
export type NoteAnchors = {
  /**
   * The note the link resolved to.
   */
  path: string,
  headings: Array<AnchorHeading>,
  blocks: Array<AnchorBlock>,
};

export type AnchorHeading = {
  level: number,
  /**
   * As written after the `#`s.
   */
  text: string,
  /**
   * What a link writes after `#` to point at it (`hanji_syntax::heading::link_text`).
   */
  link: string,
};

export type AnchorBlock = {
  /**
   * Without `^`.
   */
  id: string,
  /**
   * The line that carries it, without the id.
   */
  text: string,
};

/**
 * Markdown rendered as part of a note (an embed, a table or a callout of
 * the editor's live preview): sanitized HTML, as `NoteView.html`.
 */
export type Fragment = {
  html: string,
  /**
   * The front matter's properties, when the text starts with one.
   */
  properties: Array<Property>,
};

/**
 * What a page preview shows (a link hovered with Ctrl held): the note a
 * link names, or only the section or block its anchor names.
 */
export type NotePreview = {
  path: string,
  title: string,
  /**
   * The heading or block shown (`Heading`, `^id`); `None` for the whole
   * note, also when the anchor names nothing in it (then the note is
   * shown, as Obsidian does).
   */
  part: string | null,
  /**
   * Sanitized HTML, as `NoteView.html`.
   */
  html: string,
  /**
   * The note's properties (none when a part is shown).
   */
  properties: Array<Property>,
};

/**
 * One hotkey, as `.obsidian/hotkeys.json` writes it: modifiers (`Mod`,
 * `Ctrl`, `Meta`, `Shift`, `Alt`, in that order) and a key as the web
 * names it (`D`, `ArrowLeft`).
 */
export type HotkeyView = {
  modifiers: Array<string>,
  key: string,
};

/**
 * A command's hotkeys as set in the vault (an empty list: none, its
 * default taken away).
 */
export type CommandHotkeys = {
  /**
   * The command's id in hotkeys.json (Obsidian's, where Hanji's command
   * is one of Obsidian's; else `hanji:…`).
   */
  command: string,
  hotkeys: Array<HotkeyView>,
};

/**
 * The hotkeys set in the vault; commands not listed have their defaults.
 */
export type HotkeysView = {
  commands: Array<CommandHotkeys>,
  /**
   * Why hotkeys.json cannot be read (then nothing can be changed until
   * it is fixed, and the defaults apply); null when it can.
   */
  error: string | null,
};

/**
 * What a link in the editor points at, for Ctrl+click.
 */
export type LinkTarget = {
  /**
   * The note or attachment, a vault path.
   */
  path: string,
  /**
   * The element id of the heading or block the link names in the reading
   * view (as `data-anchor` of a rendered link), if any.
   */
  anchor: string | null,
};

/**
 * A file operation, as the UI asks for it.
 */
export type OperationArg = {
  "kind": "move",
  from: string,
  to: string,
} | {
  "kind": "delete",
  path: string,
} | {
  "kind": "relink",
  pairs: Array<[string, string]>,
} | {
  "kind": "rename_heading",
  note: string,
  old: string,
  new: string,
};

/**
 * What a file operation does (or did): the preview the UI shows.
 */
export type PlanView = {
  /**
   * `Rename "a" to "b"`-style description of the operation.
   */
  label: string,
  /**
   * Every file that moves (a folder's contents included): from, to.
   */
  moves: Array<PlanMove>,
  deletes: Array<string>,
  /**
   * Notes whose links are rewritten, in path order, with how many.
   */
  notes: Array<PlanNote>,
  edit_count: number,
  /**
   * Unresolved links that will lead to the moved file (they name it by
   * its new name).
   */
  adopted: number,
  /**
   * Links to a deleted file, which will be unresolved.
   */
  unresolved: number,
  /**
   * `app.json`'s `alwaysUpdateLinks`: a rename or move is done without
   * showing this plan first (Undo still offered).
   */
  always_update_links: boolean,
};

export type PlanMove = {
  from: string,
  to: string,
};

export type PlanNote = {
  path: string,
  path_after: string,
  count: number,
};

/**
 * The label of what `undo_operation` would undo, if anything.
 */
export type UndoInfo = {
  label: string | null,
};

/**
 * A note created: its path and the hash a save of it expects.
 */
export type CreatedNote = {
  path: string,
  hash: string,
};

/**
 * A day's note (`open_daily`).
 */
export type DailyNoteView = {
  path: string,
  /**
   * YYYY-MM-DD.
   */
  date: string,
  /**
   * Made just now from its template: the editor opens it with the cursor
   * at the end.
   */
  created: boolean,
};

/**
 * A month of the calendar panel.
 */
export type CalendarView = {
  /**
   * YYYY-MM.
   */
  month: string,
  /**
   * The month as the locale writes it (`2026년 12월`, `December 2026`).
   */
  title: string,
  /**
   * YYYY-MM-DD, by the day-start hour.
   */
  today: string,
  /**
   * The weekdays' short names, in the order the weeks start.
   */
  weekdays: Array<string>,
  /**
   * "Today" in the locale.
   */
  today_label: string,
  weeks: Array<CalendarWeek>,
  /**
   * `daily-notes.json`'s `autorun`: open today's note at launch.
   */
  autorun: boolean,
};

export type CalendarWeek = {
  /**
   * The locale's week number.
   */
  number: number,
  days: Array<CalendarDay>,
};

export type CalendarDay = {
  /**
   * YYYY-MM-DD.
   */
  date: string,
  day: number,
  /**
   * The day is in the month shown (not a neighbour's day filling a week).
   */
  in_month: boolean,
  /**
   * The day's daily note, if it has one.
   */
  path: string | null,
  /**
   * Its size in bytes (0 without a note): the dot's size.
   */
  size: number,
};

/**
 * One setting of the settings view, with its value now.
 */
export type SettingView = {
  /**
   * The file in `.obsidian/` (`app.json`, `daily-notes.json`, …).
   */
  file: string,
  key: string,
  /**
   * The section it is listed under.
   */
  section: string,
  label: string,
  help: string,
  kind: "bool" | "text" | "folder" | "note" | "choice" | "hour" | "number" | "list",
  /**
   * For a choice: its values and their words.
   */
  options: Array<SettingOption>,
  /**
   * The value in the file, or the default when the key is missing.
   */
  value: boolean | number | string | string[],
  /**
   * For a number: the least and the most it may be.
   */
  min: number | null,
  max: number | null,
  /**
   * Why the file cannot be read (its settings cannot be changed until
   * it is fixed); null when it can.
   */
  error: string | null,
};

export type SettingOption = {
  value: string,
  label: string,
};

/**
 * The settings view's content.
 */
export type SettingsView = {
  settings: Array<SettingView>,
  /**
   * Where today's daily note is, by the settings now (null when the
   * format writes no usable name).
   */
  daily_preview: string | null,
};

/**
 * The link texts the editor's completion inserts, as `app.json` says.
 */
export type LinkTexts = {
  /**
   * `useMarkdownLinks`: write `[name](path)`, each text a destination
   * (`.md` written, encoded); else `[[text]]`.
   */
  markdown: boolean,
  /**
   * One per target, in order.
   */
  texts: Array<string>,
};

/**
 * A pasted or dropped file, saved as an attachment.
 */
export type AttachmentSaved = {
  path: string,
  /**
   * What the note writes to embed it (`![[…]]` or `![](…)`).
   */
  link: string,
};

/**
 * The templates folder and its notes, for the Insert template picker.
 */
export type TemplateList = {
  /**
   * `templates.json`'s folder; null when none is set.
   */
  folder: string | null,
  /**
   * Vault paths, in path order.
   */
  templates: Array<string>,
};

/**
 * What inserting a template changes in the editor's text: edits in order,
 * in UTF-16 offsets of the text as it was, applied as one change.
 */
export type TemplateInsertion = {
  edits: Array<TemplateEdit>,
  /**
   * Where the cursor goes once the edits are made (after the body).
   */
  cursor: number,
  /**
   * Why the front matter was not merged (it is not valid YAML).
   */
  warning: string | null,
};

export type TemplateEdit = {
  from: number,
  to: number,
  insert: string,
};

export type Mention = {
  source: string,
  source_title: string,
  line: number,
  /**
   * The source line as the note reads (no Markdown around the words),
   * cut to 160 characters around the mention.
   */
  snippet: string,
  /**
   * Where the mention is in `snippet` (the link's text, or the title,
   * alias or file name written): `[start, end)` code points.
   */
  highlights: Array<[number, number]>,
};

/**
 * One page of a note's linked mentions: the mentions from `limit` source
 * notes starting at `offset` (in path order), and the totals.
 */
export type LinkedPage = {
  /**
   * How many notes link here.
   */
  notes: number,
  /**
   * How many links (embeds included) point here from those notes.
   */
  links: number,
  /**
   * Index of the page's first source note.
   */
  offset: number,
  /**
   * Every mention from the page's source notes, by source then line.
   */
  mentions: Array<Mention>,
};

export type OutgoingLink = {
  /**
   * The link as written (`Note#Heading`).
   */
  target: string,
  /**
   * The resolved vault path; null when unresolved.
   */
  path: string | null,
  kind: "note" | "attachment" | "unresolved",
  /**
   * The id (without `N-`) of the element the link points at in the target
   * note, as the rendered link's `data-anchor` gives it; null without
   * `#anchor`.
   */
  anchor: string | null,
  line: number,
};

/**
 * One tag with its counts. Listed in key order, implied parents included
 * (`a` for `a/b`), so a tag's parent always comes before it.
 */
export type TagCount = {
  /**
   * The tag as first written, without `#`.
   */
  name: string,
  /**
   * What tags are compared by (`hanji_syntax::tag::key`: no `#`, NFC,
   * lower case); `Rust` and `rust` share one.
   */
  key: string,
  /**
   * The key of the tag this one nests under (`a/b` for `a/b/c`); null
   * for a top-level tag.
   */
  parent: string | null,
  /**
   * Notes that carry exactly this tag.
   */
  notes: number,
  /**
   * Notes that carry this tag or one nested under it.
   */
  notes_with_children: number,
};

export type NoteRef = {
  path: string,
  title: string,
};

/**
 * The notes of one tag (and of the tags nested under it), in path order,
 * with the key the tag asked for compares by: a tag named in a note
 * (`#Rust`) is found in the tag list (`rust`) by this key.
 */
export type TagNotes = {
  key: string,
  notes: Array<NoteRef>,
};

export type SearchHit = {
  path: string,
  title: string,
  line: number,
  snippet: string,
  /**
   * `[start, end)` offsets into `snippet`, counted in Unicode code points
   * (not UTF-16 units: iterate with `Array.from(snippet)`).
   */
  highlights: Array<[number, number]>,
  /**
   * Every line of the note with a match, in order (the first 20), each
   * shown and marked as `snippet` is.
   */
  lines: Array<SearchLine>,
  /**
   * How many matches the note has in all.
   */
  matches: number,
};

/**
 * One matching line of a search hit.
 */
export type SearchLine = {
  line: number,
  snippet: string,
  /**
   * As [`SearchHit::highlights`].
   */
  highlights: Array<[number, number]>,
};

export type SearchResults = {
  total: number,
  hits: Array<SearchHit>,
  /**
   * Terms of the query the index cannot search, each a sentence saying
   * what was done with it (ignored, or matching nothing).
   */
  unsearchable: Array<string>,
};

export type SwitcherItem = {
  path: string,
  title: string,
  aliases: Array<string>,
  /**
   * In the vault's excluded files (`userIgnoreFilters`): listed after
   * the rest, as Obsidian makes them less noticeable.
   */
  excluded: boolean,
};

/**
 * The `vault://progress` event.
 */
export type Progress = {
  phase: "scan" | "load" | "index" | "ready",
  message: string,
  /**
   * Notes done so far in this phase, out of `total`; `total` is 0 when
   * the phase is not counted.
   */
  done: number,
  total: number,
};

/**
 * The `vault://changed` event.
 */
export type VaultChanged = {
  added: Array<string>,
  modified: Array<string>,
  removed: Array<string>,
  /**
   * `[from, to]` pairs of notes that moved (also in `removed`/`added`).
   */
  renamed: Array<[string, string]>,
  /**
   * The change is Hanji's own save, not another program's.
   */
  own_write: boolean,
  /**
   * The change is one of Hanji's file operations (its label): its
   * renames were done by Hanji, links updated already.
   */
  operation: string | null,
  /**
   * The vault folder was deleted or moved away; nothing more will come.
   */
  vault_gone: boolean,
  /**
   * Problems that did not stop the change (an index or cache not
   * written, a folder that could not be watched).
   */
  warnings: Array<string>,
  /**
   * How the link graph changed.
   */
  graph: GraphDelta,
  /**
   * This event ends the comparison of a vault opened from its cache with
   * the disk: it lists what changed while the vault was closed, and
   * search is up to date from now on.
   */
  verified: boolean,
};

/**
 * A node of the link graph, keyed by `id`: a vault path for notes and
 * attachments, the normalised link text for a ghost (a target that does
 * not exist).
 */
export type GraphNode = {
  id: string,
  kind: "note" | "attachment" | "ghost",
};

/**
 * Every link from one note (`source`, a vault path) to one node.
 */
export type GraphEdge = {
  source: string,
  target: string,
  target_kind: "note" | "attachment" | "ghost",
  links: number,
  embeds: number,
};

/**
 * What one change did to the link graph. An edge whose counts changed is
 * in both lists (old counts removed, new ones added); the edges of a
 * removed node are listed as removed.
 */
export type GraphDelta = {
  nodes_added: Array<GraphNode>,
  nodes_removed: Array<GraphNode>,
  edges_added: Array<GraphEdge>,
  edges_removed: Array<GraphEdge>,
};

/**
 * A graph view's content, column by column (one entry a node in each of
 * `ids`…`distances`; one a edge in `sources` and `targets`, indexes into
 * the nodes): a 10,000-note graph is a few arrays, not 60,000 objects.
 */
export type GraphData = {
  /**
   * Which answer this is: asking again with it (`since`) answers with
   * what changed since, a [`GraphViewDelta`], where that is smaller.
   */
  generation: number,
  /**
   * Stable across updates: a vault path, `#key` for a tag, `?` + the
   * link text for an unresolved target.
   */
  ids: Array<string>,
  labels: Array<string>,
  /**
   * 0 note, 1 attachment, 2 unresolved, 3 tag.
   */
  kinds: Array<number>,
  degrees: Array<number>,
  /**
   * The colour group (an index into `settings.color_groups`); -1: none.
   */
  groups: Array<number>,
  /**
   * From the centre, in a local graph; -1 in the global one.
   */
  distances: Array<number>,
  sources: Array<number>,
  targets: Array<number>,
  settings: GraphSettingsView,
  local: LocalGraphView,
  /**
   * Draw with Canvas 2D even where WebGL works: `hanji.json`'s
   * `graphRenderer` is `canvas`, or the window draws without hardware
   * acceleration (see `rendering.rs`).
   */
  prefer_canvas: boolean,
  /**
   * What of the settings could not be used (a query that does not parse).
   */
  warnings: Array<string>,
};

/**
 * What changed in a graph view since the generation the view has: nodes
 * gone (with their edges), nodes new or changed (whole, as columns like
 * [`GraphData`]'s), and edges added or removed, by node id.
 */
export type GraphViewDelta = {
  generation: number,
  removed: Array<string>,
  ids: Array<string>,
  labels: Array<string>,
  kinds: Array<number>,
  degrees: Array<number>,
  groups: Array<number>,
  distances: Array<number>,
  added_sources: Array<string>,
  added_targets: Array<string>,
  removed_sources: Array<string>,
  removed_targets: Array<string>,
  settings: GraphSettingsView,
  local: LocalGraphView,
  warnings: Array<string>,
};

/**
 * The graph view's answer: the whole view, or what changed since.
 */
export type GraphUpdate = {
  "kind": "whole"
} & GraphData | {
  "kind": "delta"
} & GraphViewDelta;

/**
 * `.obsidian/graph.json`, as the graph view's controls show and change it.
 */
export type GraphSettingsView = {
  search: string,
  show_tags: boolean,
  show_attachments: boolean,
  hide_unresolved: boolean,
  show_orphans: boolean,
  color_groups: Array<ColorGroupView>,
  show_arrow: boolean,
  text_fade_multiplier: number,
  node_size_multiplier: number,
  line_size_multiplier: number,
  center_strength: number,
  repel_strength: number,
  link_strength: number,
  link_distance: number,
};

export type ColorGroupView = {
  query: string,
  /**
   * `0xRRGGBB`.
   */
  rgb: number,
  alpha: number,
};

/**
 * The local graph's own settings (kept in `.obsidian/hanji.json`).
 */
export type LocalGraphView = {
  depth: number,
  incoming: boolean,
  outgoing: boolean,
  neighbours: boolean,
};

/**
 * Node positions kept between runs (cache), by id.
 */
export type GraphPositions = {
  ids: Array<string>,
  x: Array<number>,
  y: Array<number>,
};

/**
 * One tab of the workspace: its history's places (path and scroll
 * offset, oldest first) and where it is in them.
 */
export type TabPlacesView = {
  paths: Array<string>,
  scrolls: Array<number>,
  index: number,
};

/**
 * One pane's tabs, in order, and the active one.
 */
export type PaneTabsView = {
  tabs: Array<TabPlacesView>,
  active: number,
};

/**
 * A node of the panes' layout, in preorder: a split (`row`: side by side,
 * `column`: one above the other) with its number of children, or, with no
 * `dir`, a pane (the next of `WorkspaceView.panes`).
 */
export type LayoutNodeView = {
  dir: "row" | "column" | null,
  children: number,
  /**
   * A split's share of its room for each child; empty: even shares.
   */
  sizes: Array<number>,
};

/**
 * The note area of a vault as it was left: its panes and their layout
 * (empty: one pane), the active pane, and the notes opened last.
 */
export type WorkspaceView = {
  panes: Array<PaneTabsView>,
  layout: Array<LayoutNodeView>,
  /**
   * The active pane.
   */
  active: number,
  /**
   * The notes opened last, across tabs, newest first (the quick
   * switcher's list before anything is typed).
   */
  recent: Array<string>,
};

/**
 * The user's preference, kept with the app's own preferences.
 */
export type Acceleration = "auto" | "on" | "off";

/**
 * Whether the web view composites through OpenGL, and why, in the words
 * the settings show.
 */
export type Rendering = {
  preference: Acceleration,
  accelerated: boolean,
  reason: string,
};

/**
 * What the settings show of hardware acceleration.
 */
export type RenderingView = {
  /**
   * As decided at this launch.
   */
  now: Rendering,
  /**
   * The preference kept, for the next launch.
   */
  next: Acceleration,
};

/**
 * The prefix the renderer puts before every id a note brings
 * (`hanji_render::ID_PREFIX`), so no note can name an element of the app.
 */
export const NOTE_ID_PREFIX = "N-";

/**
 * The extensions (lower case) of the files shown as images
 * (`hanji_render::IMAGE_EXTENSIONS`): embedded, and opened in the image viewer.
 */
export const IMAGE_EXTENSIONS: readonly string[] = ["png","jpg","jpeg","gif","bmp","svg","webp","avif","ico"];
