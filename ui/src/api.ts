// The contract between the window and the shell: every Tauri command the UI
// may call, its arguments and its answer, and the shell's events. The shapes
// themselves are not written here: they are generated from the shell's DTOs
// (src-tauri/src/dto.rs) into ./bindings.ts, so a DTO that changes shows up
// here as a type error. Field names are snake_case. Positions are 1-based;
// paths are vault-relative, `/`-separated, Unicode NFC.
//
// Keys the UI compares by (a tag's `key`, a heading's `anchor`) come from the
// shell too; the UI never derives them from names itself.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  Acceleration,
  RenderingView,
  ApiError,
  Fragment,
  LinkTarget,
  LinkedPage,
  Mention,
  NoteAnchors,
  CalendarView,
  CreatedNote,
  DailyNoteView,
  AttachmentSaved,
  GraphData,
  GraphUpdate,
  GraphViewDelta,
  WorkspaceView,
  GraphPositions,
  GraphSettingsView,
  LinkTexts,
  LocalGraphView,
  SettingView,
  SettingsView,
  TemplateInsertion,
  TemplateList,
  NoteSource,
  NotePreview,
  HotkeyView,
  HotkeysView,
  CommandHotkeys,
  NoteView,
  OperationArg,
  PlanView,
  UndoInfo,
  OutgoingLink,
  Progress,
  SavedNote,
  SearchResults,
  SwitcherItem,
  TagCount,
  TagNotes,
  TreeNode,
  VaultChanged,
  VaultInfo,
} from "./bindings";

export type {
  Acceleration,
  RenderingView,
  AnchorBlock,
  AnchorHeading,
  CalendarDay,
  CalendarView,
  CalendarWeek,
  CreatedNote,
  DailyNoteView,
  SettingOption,
  SettingView,
  SettingsView,
  AttachmentSaved,
  ColorGroupView,
  GraphData,
  GraphUpdate,
  GraphViewDelta,
  WorkspaceView,
  GraphPositions,
  GraphSettingsView,
  LinkTexts,
  LocalGraphView,
  TemplateEdit,
  TemplateInsertion,
  TemplateList,
  Fragment,
  LinkTarget,
  NoteAnchors,
  ApiError,
  GraphDelta,
  GraphEdge,
  GraphNode,
  LinkedPage,
  Mention,
  NoteRef,
  NoteSource,
  HotkeyView,
  HotkeysView,
  CommandHotkeys,
  NotePreview,
  NoteView,
  OperationArg,
  OutgoingLink,
  OutlineItem,
  PlanMove,
  PlanNote,
  PlanView,
  Progress,
  Property,
  SavedNote,
  SearchHit,
  SearchLine,
  SearchResults,
  SwitcherItem,
  TagCount,
  TagNotes,
  TreeNode,
  VaultChanged,
  VaultInfo,
} from "./bindings";

/**
 * Every command the shell registers (src-tauri/src/lib.rs): the arguments it
 * takes (`undefined`: none) and what it answers. `api` below calls them; the
 * fake shell of the UI tests answers them, typed by this same table; a Rust
 * test checks that the names are the ones the shell registers.
 */
export interface Commands {
  open_vault: { args: { path: string | null }; answer: VaultInfo };
  vault_info: { args: undefined; answer: VaultInfo };
  recent_vaults: { args: undefined; answer: string[] };
  forget_vault: { args: { path: string }; answer: string[] };
  zoom: { args: undefined; answer: number };
  set_zoom: { args: { zoom: number }; answer: number };
  rendering: { args: undefined; answer: RenderingView };
  set_hardware_acceleration: { args: { preference: Acceleration }; answer: RenderingView };
  workspace: { args: undefined; answer: WorkspaceView | null };
  save_workspace: { args: { workspace: WorkspaceView }; answer: null };
  pick_vault_folder: { args: undefined; answer: string | null };
  file_tree: { args: undefined; answer: TreeNode };
  note_view: { args: { path: string }; answer: NoteView };
  backlinks: { args: { path: string; offset: number; limit: number }; answer: LinkedPage };
  unlinked_mentions: { args: { path: string }; answer: Mention[] };
  outgoing: { args: { path: string }; answer: OutgoingLink[] };
  tags: { args: undefined; answer: TagCount[] };
  tag_notes: { args: { tag: string }; answer: TagNotes };
  search: { args: { query: string; limit: number }; answer: SearchResults };
  switcher_items: { args: undefined; answer: SwitcherItem[] };
  open_external: { args: { url: string }; answer: null };
  open_attachment: { args: { path: string }; answer: null };
  note_source: { args: { path: string }; answer: NoteSource };
  save_note: { args: { path: string; expected: string | null; text: string }; answer: SavedNote };
  link_texts: { args: { from: string; targets: string[] }; answer: LinkTexts };
  note_anchors: { args: { from: string; link: string }; answer: NoteAnchors | null };
  render_fragment: { args: { from: string; text: string }; answer: Fragment };
  note_preview: { args: { path: string; anchor: string | null }; answer: NotePreview };
  hotkeys: { args: undefined; answer: HotkeysView };
  write_hotkey: { args: { command: string; hotkeys: HotkeyView[] | null }; answer: HotkeysView };
  resolve_link: { args: { from: string; link: string }; answer: LinkTarget | null };
  set_unsaved: { args: { value: boolean }; answer: null };
  close_window: { args: undefined; answer: null };
  plan_operation: { args: { op: OperationArg }; answer: PlanView };
  apply_operation: { args: { op: OperationArg }; answer: PlanView };
  undo_operation: { args: undefined; answer: UndoInfo };
  undo_info: { args: undefined; answer: UndoInfo };
  create_note: { args: { path: string }; answer: CreatedNote };
  new_note_folder: { args: { current: string | null }; answer: string };
  open_daily: { args: { date: string | null }; answer: DailyNoteView };
  daily_neighbour: { args: { path: string | null; forward: boolean }; answer: string | null };
  daily_calendar: { args: { month: string | null }; answer: CalendarView };
  settings_view: { args: undefined; answer: SettingsView };
  write_setting: { args: { file: string; key: string; value: SettingView["value"] }; answer: SettingsView };
  template_list: { args: undefined; answer: TemplateList };
  insert_template: { args: { path: string; template: string; text: string; cursor: number }; answer: TemplateInsertion };
  graph_data: { args: { local: string | null; since: number | null }; answer: GraphUpdate };
  write_graph_settings: { args: { settings: GraphSettingsView }; answer: null };
  write_local_graph: { args: { local: LocalGraphView }; answer: null };
  graph_positions: { args: undefined; answer: GraphPositions };
  save_graph_positions: { args: { positions: GraphPositions }; answer: null };
  graph_presets: { args: undefined; answer: string[] };
  save_graph_preset: { args: { name: string; settings: GraphSettingsView }; answer: string[] };
  apply_graph_preset: { args: { name: string }; answer: GraphSettingsView };
  delete_graph_preset: { args: { name: string }; answer: string[] };
  /** The bytes as the raw body; the note, name and extension in headers (saveAttachment). */
  save_attachment: { args: Uint8Array; answer: AttachmentSaved };
}

export type Command = keyof Commands;

/** The shell's events and what each carries. */
export interface Events {
  "vault://progress": Progress;
  "vault://changed": VaultChanged;
  /** The window was asked to close while some text is unsaved: save, then close_window. */
  "app://close-requested": null;
}

/** The arguments of a call to `C`: none, or its one argument object. */
export type CallArgs<C extends Command> = Commands[C]["args"] extends undefined ? [] : [Commands[C]["args"]];

function call<C extends Command>(cmd: C, ...args: CallArgs<C>): Promise<Commands[C]["answer"]> {
  return invoke<Commands[C]["answer"]>(cmd, args[0] as InvokeArgs | undefined);
}

export const api = {
  openVault: (path: string | null) => call("open_vault", { path }),
  vaultInfo: () => call("vault_info"),
  recentVaults: () => call("recent_vaults"),
  /** Takes a vault off the recent list; answers the list left. */
  forgetVault: (path: string) => call("forget_vault", { path }),
  /** The interface zoom kept from last time (1: 100 %). */
  zoom: () => call("zoom"),
  /** Zooms the interface (clamped to 50–300 %) and keeps it; answers the zoom now. */
  setZoom: (zoom: number) => call("set_zoom", { zoom }),
  /** How the window draws in this launch, and the preference for the next. */
  rendering: () => call("rendering"),
  /** Keeps the hardware-acceleration preference; it takes effect at the next launch. */
  setHardwareAcceleration: (preference: Acceleration) => call("set_hardware_acceleration", { preference }),
  /** The open tabs kept when the vault was last open (null the first time). */
  workspace: () => call("workspace"),
  /** Keeps the open tabs for the next time the vault opens. */
  saveWorkspace: (workspace: WorkspaceView) => call("save_workspace", { workspace }),
  /** The system's folder dialog; null when cancelled. Opens nothing. */
  pickVaultFolder: () => call("pick_vault_folder"),
  fileTree: () => call("file_tree"),
  noteView: (path: string) => call("note_view", { path }),
  /** Linked mentions from `limit` source notes (at most 500) from `offset`. */
  backlinks: (path: string, offset: number, limit: number) => call("backlinks", { path, offset, limit }),
  /** Reads every note; a newer call makes an older one fail with `cancelled`. */
  unlinkedMentions: (path: string) => call("unlinked_mentions", { path }),
  outgoing: (path: string) => call("outgoing", { path }),
  tags: () => call("tags"),
  /** The notes of `tag` (as written, with or without `#`) and its key. */
  tagNotes: (tag: string) => call("tag_notes", { tag }),
  search: (query: string, limit: number) => call("search", { query, limit }),
  switcherItems: () => call("switcher_items"),
  /** Opens an http(s) or mailto URL in the system browser. */
  openExternal: (url: string) => call("open_external", { url }),
  /** A file of the vault the window does not show (a PDF…), opened with the system's default application. */
  openAttachment: (path: string) => call("open_attachment", { path }),
  /** A note's exact text and the hash a save of it expects; `not_editable` with the reason. */
  noteSource: (path: string) => call("note_source", { path }),
  /** Saves over the content with hash `expected` (null: a new note); `conflict` when the disk changed. */
  saveNote: (path: string, expected: string | null, text: string) =>
    call("save_note", { path, expected, text }),
  /** The shortest link text from note `from` to each target, proved by the core's resolver. */
  linkTexts: (from: string, targets: string[]) => call("link_texts", { from, targets }),
  /** Headings and block ids of the note `link` names from `from` (`""`: `from` itself); null: no note. */
  noteAnchors: (from: string, link: string) => call("note_anchors", { from, link }),
  /** Markdown rendered (sanitized) as if written in note `from`: for the live preview's embeds and tables. */
  renderFragment: (from: string, text: string) => call("render_fragment", { from, text }),
  /** A note, or the section or block `anchor` (a rendered link's `data-anchor`) names, for a page preview. */
  notePreview: (path: string, anchor: string | null) => call("note_preview", { path, anchor }),
  /** The hotkeys set in the vault's .obsidian/hotkeys.json. */
  hotkeys: () => call("hotkeys"),
  /** One command's hotkeys written to hotkeys.json (null: back to its default). */
  writeHotkey: (command: string, hotkeys: HotkeyView[] | null) => call("write_hotkey", { command, hotkeys }),
  /** Where a link's text (`Note#Heading`, before any `|`) written in `from` leads; null: nowhere. */
  resolveLink: (from: string, link: string) => call("resolve_link", { from, link }),
  /** Tells the shell whether some text is not on disk: a close request then waits for the page. */
  setUnsaved: (value: boolean) => call("set_unsaved", { value }),
  /** Closes the window (after saving, or when the user chose to close without saving). */
  closeWindow: () => call("close_window"),
  /** What renaming, moving or deleting would change (every rewritten link); changes nothing. */
  planOperation: (op: OperationArg) => call("plan_operation", { op }),
  /** Renames, moves or deletes, all-or-nothing, keeping every link; `exists`, `bad_name`, `refused`… */
  applyOperation: (op: OperationArg) => call("apply_operation", { op }),
  /** Undoes the last file operation; `conflict` when a file it changed has changed since. */
  undoOperation: () => call("undo_operation"),
  /** What `undoOperation` would undo (null: nothing). */
  undoInfo: () => call("undo_info"),
  /** An empty note at `path` (folders made); `exists` when taken. */
  createNote: (path: string) => call("create_note", { path }),
  /** Where a new note goes (`newFileLocation`), given the note open now; `""` is the root. */
  newNoteFolder: (current: string | null) => call("new_note_folder", { current }),
  /** A day's daily note (YYYY-MM-DD; null: today, by the day-start hour), made from its template when there is none. */
  openDaily: (date: string | null) => call("open_daily", { date }),
  /** The daily note after (or before) the day of `path` (or today), skipping days without one; null: none. */
  dailyNeighbour: (path: string | null, forward: boolean) => call("daily_neighbour", { path, forward }),
  /** A month of the calendar (YYYY-MM; null: this month) with each day's daily note. */
  dailyCalendar: (month: string | null) => call("daily_calendar", { month }),
  /** Every setting of the settings view, with its value now. */
  settingsView: () => call("settings_view"),
  /** Writes one setting into its file in `.obsidian/`, every other key kept; the view as it is then. */
  writeSetting: (file: string, key: string, value: SettingView["value"]) =>
    call("write_setting", { file, key, value }),
  /**
   * Saves a pasted or dropped file as an attachment of the note `note`
   * (named `name`, or for null `Pasted image <now>.<ext>`), where the
   * vault's attachmentFolderPath says; answers its path and the link to write.
   */
  saveAttachment: (note: string, name: string | null, ext: string, bytes: Uint8Array) =>
    invoke<AttachmentSaved>("save_attachment", bytes, {
      headers: {
        "x-hanji-note": encodeURIComponent(note),
        "x-hanji-name": encodeURIComponent(name ?? ""),
        "x-hanji-ext": encodeURIComponent(ext),
      },
    }),
  /**
   * The graph view (global, or the local graph of the note at `local`) by
   * the vault's graph.json: whole, or (for a view that has the generation
   * `since`) what changed since.
   */
  graphData: (local: string | null, since: number | null = null) => call("graph_data", { local, since }),
  /** Writes the graph view's settings into .obsidian/graph.json (other keys kept). */
  writeGraphSettings: (settings: GraphSettingsView) => call("write_graph_settings", { settings }),
  /** Writes the local graph's depth and toggles (.obsidian/hanji.json). */
  writeLocalGraph: (local: LocalGraphView) => call("write_local_graph", { local }),
  /** Node positions kept from the last time the graph settled. */
  graphPositions: () => call("graph_positions"),
  savePositions: (positions: GraphPositions) => call("save_graph_positions", { positions }),
  /** The vault's graph presets (files of .obsidian/graph-presets/), by name. */
  graphPresets: () => call("graph_presets"),
  saveGraphPreset: (name: string, settings: GraphSettingsView) => call("save_graph_preset", { name, settings }),
  /** Makes a preset the graph's settings; answers them. */
  applyGraphPreset: (name: string) => call("apply_graph_preset", { name }),
  deleteGraphPreset: (name: string) => call("delete_graph_preset", { name }),
  /** The templates folder and its notes. */
  templateList: () => call("template_list"),
  /** The edits that insert a template into the note being edited (UTF-16 offsets of `text`); nothing is written. */
  insertTemplate: (path: string, template: string, text: string, cursor: number) =>
    call("insert_template", { path, template, text, cursor }),
};

function on<E extends keyof Events>(event: E, f: (payload: Events[E]) => void): Promise<UnlistenFn> {
  return listen<Events[E]>(event, (e) => f(e.payload));
}

export const events = {
  onProgress: (f: (p: Progress) => void): Promise<UnlistenFn> => on("vault://progress", f),
  onChanged: (f: (c: VaultChanged) => void): Promise<UnlistenFn> => on("vault://changed", f),
  onCloseRequested: (f: () => void): Promise<UnlistenFn> => on("app://close-requested", f),
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
