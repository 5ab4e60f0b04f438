// A stand-in for the Tauri shell in component tests: answers the commands of
// api.ts from a small in-memory vault, records every call (so a test can
// count what a live update fetched), can hold a command's answers back (to
// see what happens while one is in flight), and lets a test emit the shell's
// events. Used with vi.mock of "@tauri-apps/api/core" and "@tauri-apps/api/event".
// Its answers and events are typed by api.ts's `Commands` and `Events`, whose
// shapes are generated from the shell's DTOs: when a DTO changes, this file
// stops type-checking until the fake answers as the shell now does. It has
// no syntax rules of its own: tag keys and anchors are written into its data
// as the shell would send them.
import type {
  ApiError,
  HotkeysView,
  RenderingView,
  WorkspaceView,
  Command,
  Commands,
  Events,
  GraphDelta,
  LinkedPage,
  LinkTarget,
  Mention,
  NoteAnchors,
  NoteView,
  OperationArg,
  OutgoingLink,
  PlanView,
  SearchResults,
  SettingView,
  SwitcherItem,
  TagCount,
  TreeNode,
  VaultChanged,
  VaultInfo,
} from "../api";

export interface FakeVault {
  info: VaultInfo | null;
  recent: string[];
  /** The open tabs kept last time (what `workspace` answers at first). */
  workspace?: WorkspaceView | null;
  tree: TreeNode;
  notes: Record<string, NoteView>;
  backlinks: Record<string, { linked: Mention[]; unlinked: Mention[] }>;
  outgoing: Record<string, OutgoingLink[]>;
  tags: TagCount[];
  /** The paths of the notes of each tag, by key. */
  tagNotes: Record<string, string[]>;
  switcher: SwitcherItem[];
  search: (query: string) => SearchResults;
  /** What the folder dialog answers; null: cancelled. */
  picked?: string | null;
  /** Keys of tag spellings not in `tags` (`CS/DB` → `cs/db`), as the shell would give them. */
  tagKeys?: Record<string, string>;
  /** Link texts as the shell's resolver would give them, by target path (default: the file name without `.md`). */
  linkTexts?: Record<string, string>;
  /** What note_anchors answers, by the link text asked about. */
  anchors?: Record<string, NoteAnchors>;
  /** What resolve_link answers, by the link text asked about. */
  linkTargets?: Record<string, LinkTarget>;
  /** What render_fragment answers, by the Markdown asked about (default: the text in a <p>). */
  fragments?: Record<string, string>;
  /** The notes' text on "disk", for note_source and save_note. */
  sources?: Record<string, string>;
  /** daily-notes.json's autorun (default false). */
  autorun?: boolean;
  /** Today, for open_daily and daily_neighbour (default 2025-02-20). */
  today?: string;
  /** What new_note_folder answers: a folder, or "current" for the open note's (default: the root). */
  newNoteFolder?: string;
  /** What plan_operation (and apply_operation) answer (default: the file moves, no link changes). */
  planFor?: (op: OperationArg) => PlanView;
  /** The settings view's settings (default: a few of daily-notes.json and app.json). */
  settings?: SettingView[];
  /** The templates folder and its notes (default: none set). */
  templates?: { folder: string; notes: Record<string, string> };
}

/** A setting as the shell lists it. */
export function fakeSetting(
  file: string,
  key: string,
  section: string,
  kind: SettingView["kind"],
  value: SettingView["value"],
  error: string | null = null,
): SettingView {
  const options =
    kind === "choice" ? ["root", "current", "folder"].map((v) => ({ value: v, label: `At ${v}` })) : [];
  return { file, key, section, label: `${key} label`, help: `${key} help`, kind, options, value, min: null, max: null, error };
}

const DEFAULT_SETTINGS: SettingView[] = [
  fakeSetting("app.json", "newFileLocation", "Files and links", "choice", "root"),
  fakeSetting("app.json", "newFileFolderPath", "Files and links", "folder", ""),
  fakeSetting("app.json", "userIgnoreFilters", "Files and links", "list", []),
  fakeSetting("daily-notes.json", "format", "Daily notes", "text", "YYYY-MM-DD"),
  fakeSetting("daily-notes.json", "autorun", "Daily notes", "bool", false),
  fakeSetting("hanji.json", "dayStartHour", "Daily notes", "hour", 0),
];

/** A plan that moves or deletes one file and rewrites no link. */
export function simplePlan(op: OperationArg): PlanView {
  const moves = op.kind === "move" ? [{ from: op.from, to: op.to }] : [];
  const label =
    op.kind === "move"
      ? `Rename ${op.from} to ${op.to}`
      : op.kind === "delete"
        ? `Delete ${op.path}`
        : op.kind === "rename_heading"
          ? `Rename the heading "${op.old}" of ${op.note} to "${op.new}"`
          : `Update the links to ${op.pairs.length} notes renamed outside Hanji`;
  return {
    label,
    moves,
    deletes: op.kind === "delete" ? [op.path] : [],
    notes: [],
    edit_count: 0,
    adopted: 0,
    unresolved: 0,
    always_update_links: false,
  };
}

/** A stand-in for the shell's content hash: 16 hex digits that change with the text. */
function fakeHash(text: string): string {
  let h = 0xcbf29ce4n;
  for (const c of text) h = (h * 0x100000001b3n + BigInt(c.codePointAt(0)!)) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, "0");
}


const note = (path: string, title: string, html: string, extra: Partial<NoteView> = {}): NoteView => ({
  path,
  title,
  html,
  properties: [],
  outline: [],
  tags: [],
  ...extra,
});

const leaf = (path: string): TreeNode => ({
  name: path.split("/").pop()!,
  path,
  kind: path.endsWith(".md") ? "note" : "attachment",
  note_count: path.endsWith(".md") ? 1 : 0,
  file_count: 1,
  children: [],
});

const folder = (path: string, children: TreeNode[]): TreeNode => ({
  name: path.split("/").pop() ?? "",
  path,
  kind: "folder",
  note_count: children.reduce((n, c) => n + c.note_count, 0),
  file_count: children.reduce((n, c) => n + c.file_count, 0),
  children,
});

/** A small interview-prep vault. */
export function sampleVault(): FakeVault {
  const notes: Record<string, NoteView> = {
    "CS/Redis.md": note(
      "CS/Redis.md",
      "Redis",
      `<h1 id="Redis">Redis</h1><p>인메모리 저장소.</p><h2 id="자료구조">자료구조</h2>` +
        `<p>String, List, Hash. <a class="tag" data-tag="cs/db">#cs/db</a></p>` +
        `<pre><code class="language-rust">fn main() {}</code></pre>`,
      {
        outline: [
          { level: 1, text: "Redis", anchor: "Redis", line: 1 },
          { level: 2, text: "자료구조", anchor: "자료구조", line: 5 },
        ],
        tags: ["면접", "cs/db"],
        properties: [
          { key: "aliases", value: "레디스", tags: [] },
          { key: "tags", value: "면접", tags: ["면접"] },
        ],
      },
    ),
    "Career/이력서.md": note(
      "Career/이력서.md",
      "이력서",
      `<p>경력 요약. <a class="internal-link" data-path="CS/Redis.md" data-anchor="자료구조">Redis 자료구조</a> ` +
        `<a class="internal-link unresolved" data-target="없는 노트">없는 노트</a> ` +
        `<a class="external-link" href="https://example.com/">example</a></p>`,
    ),
    "Home.md": note("Home.md", "Home", `<p>시작 <a class="internal-link" data-path="Career/이력서.md">이력서</a></p>`),
  };
  return {
    info: { root: "/vaults/sample", name: "sample", notes: 3, attachments: 1, links: 2, tags: 2 },
    recent: ["/vaults/sample", "/vaults/old"],
    tree: folder("", [
      folder("CS", [leaf("CS/Redis.md")]),
      folder("Career", [leaf("Career/이력서.md")]),
      leaf("Home.md"),
      leaf("diagram.png"),
    ]),
    notes,
    backlinks: {
      "CS/Redis.md": {
        linked: [{ source: "Career/이력서.md", source_title: "이력서", line: 3, snippet: "경력 요약. Redis 자료구조", highlights: [[7, 17]] }],
        unlinked: [
          { source: "Home.md", source_title: "Home", line: 7, snippet: "Redis를 공부했다", highlights: [[0, 5]] },
          { source: "Home.md", source_title: "Home", line: 9, snippet: "레디스 캐시도", highlights: [[0, 3]] },
        ],
      },
    },
    outgoing: {
      "Career/이력서.md": [
        { target: "CS/Redis#자료구조", path: "CS/Redis.md", kind: "note", anchor: "자료구조", line: 3 },
        { target: "없는 노트", path: null, kind: "unresolved", anchor: null, line: 3 },
      ],
    },
    tags: [
      { name: "cs", key: "cs", parent: null, notes: 0, notes_with_children: 1 },
      { name: "cs/db", key: "cs/db", parent: "cs", notes: 1, notes_with_children: 1 },
      { name: "면접", key: "면접", parent: null, notes: 2, notes_with_children: 2 },
    ],
    tagNotes: { "cs/db": ["CS/Redis.md"], cs: ["CS/Redis.md"], 면접: ["Home.md", "Career/이력서.md"] },
    switcher: [
      { path: "CS/Redis.md", title: "Redis", aliases: ["레디스"], excluded: false },
      { path: "Career/이력서.md", title: "이력서", aliases: ["resume"], excluded: false },
      { path: "Home.md", title: "Home", aliases: [], excluded: false },
    ],
    search: (query) =>
      query.includes("AND AND")
        ? (() => {
            throw { code: "bad_query", message: "unexpected AND" };
          })()
        : {
            total: 1,
            hits: [
              {
                path: "CS/Redis.md",
                title: "Redis",
                line: 5,
                snippet: "String, List, Hash 자료구조",
                highlights: [[19, 23]],
                lines: [
                  { line: 5, snippet: "String, List, Hash 자료구조", highlights: [[19, 23]] },
                  { line: 9, snippet: "자료구조는 여기에도", highlights: [[0, 4]] },
                ],
                matches: 2,
              },
            ],
            unsearchable: [],
          },
  };
}

/** The page of `linked` (in source order) the shell would answer. */
function linkedPage(linked: Mention[], offset: number, limit: number): LinkedPage {
  const sources = [...new Set(linked.map((m) => m.source))];
  const page = new Set(sources.slice(offset, offset + limit));
  return {
    notes: sources.length,
    links: linked.length,
    offset,
    mentions: linked.filter((m) => page.has(m.source)),
  };
}

/** A command's answer: a value, or a promise of one (a rejection for an error). */
type Answer<C extends Command> = Commands[C]["answer"] | Promise<Commands[C]["answer"]>;

/** A command failing as the shell's do, with one of its codes. */
function fail(code: ApiError["code"], message: string): Promise<never> {
  return Promise.reject({ code, message } satisfies ApiError);
}

export interface Call {
  cmd: string;
  args: Record<string, unknown> | undefined;
}

/** Calls to one command held back until the test lets them answer. */
export interface Hold {
  /** Calls waiting. */
  readonly waiting: number;
  /** Let the oldest waiting call answer (then settle). */
  next(): Promise<void>;
  /** Let every waiting call answer and stop holding (then settle). */
  release(): Promise<void>;
}

/**
 * The shell: `invoke` answers from `vault`; every call is recorded, with the
 * most calls of each command ever in flight at once. As in the shell, a
 * newer `unlinked_mentions` call makes an older one still running fail with
 * `cancelled`.
 */
export class FakeShell {
  calls: Call[] = [];
  /** What the page last told the shell through set_unsaved. */
  unsaved = false;
  /** Whether the page asked to close the window. */
  closed = false;
  /** What hotkeys.json holds (hotkeys, write_hotkey). */
  hotkeysSet: HotkeysView = { commands: [], error: null };
  /** The vault files open_attachment was asked to open, in order. */
  openedFiles: string[] = [];
  /** The file operations applied, oldest first; undo takes the last. */
  operations: OperationArg[] = [];
  /** The open tabs save_workspace was last given (what workspace answers). */
  kept: WorkspaceView | null = null;
  /** How the window draws, as the shell would answer; `next` is what set_hardware_acceleration kept. */
  rendering: RenderingView = {
    now: { preference: "auto", accelerated: false, reason: "no GPU was found, and software compositing is slower" },
    next: "auto",
  };
  /** The interface zoom set_zoom was last given (clamped), 1 at first. */
  zoom = 1;
  /** Notes created with create_note. */
  created: string[] = [];
  /** The attachments save_attachment was given, in order. */
  attachments: { path: string; bytes: number }[] = [];
  /** The most calls of a command in flight at once. */
  peak: Record<string, number> = {};
  private inFlight: Record<string, number> = {};
  private gates = new Map<string, (() => void)[]>();
  private unlinkedSeq = 0;
  private handlers = new Map<string, (event: { payload: unknown }) => void>();

  constructor(public vault: FakeVault = sampleVault()) {
    this.kept = vault.workspace ?? null;
  }

  invoke = async (cmd: string, args?: Record<string, unknown>): Promise<unknown> => {
    this.calls.push({ cmd, args });
    this.inFlight[cmd] = (this.inFlight[cmd] ?? 0) + 1;
    this.peak[cmd] = Math.max(this.peak[cmd] ?? 0, this.inFlight[cmd]);
    const ticket = cmd === "unlinked_mentions" ? ++this.unlinkedSeq : 0;
    try {
      const gate = this.gates.get(cmd);
      if (gate) await new Promise<void>((resolve) => gate.push(resolve));
      if (ticket && ticket !== this.unlinkedSeq) {
        throw { code: "cancelled", message: "a newer scan replaced this one" };
      }
      return await this.answer(cmd, args);
    } finally {
      this.inFlight[cmd]--;
    }
  };

  /** What each command answers, typed by api.ts's table (a value or a rejection). */
  private readonly answers: { [C in Command]: (args: Commands[C]["args"]) => Answer<C> } = {
    vault_info: () => this.vault.info ?? fail("no_vault", "no vault is open"),
    open_vault: ({ path }) => {
      if (path !== "/vaults/sample") return fail("vault_not_found", `${path} does not exist`);
      this.vault.info = sampleVault().info;
      return this.vault.info!;
    },
    recent_vaults: () => this.vault.recent,
    forget_vault: ({ path }) => (this.vault.recent = this.vault.recent.filter((r) => r !== path)),
    zoom: () => this.zoom,
    set_zoom: ({ zoom }) => (this.zoom = Math.min(3, Math.max(0.5, zoom))),
    rendering: () => this.rendering,
    set_hardware_acceleration: ({ preference }) => (this.rendering = { ...this.rendering, next: preference }),
    workspace: () => this.kept,
    save_workspace: ({ workspace }) => {
      this.kept = workspace;
      return null;
    },
    pick_vault_folder: () => this.vault.picked ?? null,
    file_tree: () => this.vault.tree,
    hotkeys: () => this.hotkeysSet,
    write_hotkey: ({ command, hotkeys }) => {
      const others = this.hotkeysSet.commands.filter((c) => c.command !== command);
      this.hotkeysSet = { commands: hotkeys === null ? others : [...others, { command, hotkeys }], error: null };
      return this.hotkeysSet;
    },
    open_attachment: ({ path }) => {
      this.openedFiles.push(path);
      return null;
    },
    note_view: ({ path }) => this.vault.notes[path] ?? fail("note_not_found", `${path} is not a note`),
    // The whole note (the fake has no sections), its anchor named as the part.
    note_preview: ({ path, anchor }) => {
      const note = this.vault.notes[path];
      if (!note) return fail("note_not_found", `${path} is not a note`);
      return { path, title: note.title, part: anchor, html: note.html, properties: anchor ? [] : note.properties };
    },
    backlinks: ({ path, offset, limit }) => linkedPage(this.vault.backlinks[path]?.linked ?? [], offset, limit),
    unlinked_mentions: ({ path }) => this.vault.backlinks[path]?.unlinked ?? [],
    outgoing: ({ path }) => this.vault.outgoing[path] ?? [],
    tags: () => this.vault.tags,
    tag_notes: ({ tag }) => {
      const v = this.vault;
      // The key the shell would compute, from the data (the fake has no rule).
      const key = v.tags.find((t) => t.name === tag || t.key === tag)?.key ?? v.tagKeys?.[tag] ?? tag;
      const notes = (v.tagNotes[key] ?? []).map((p) => ({ path: p, title: v.notes[p]?.title ?? p }));
      return { key, notes };
    },
    search: ({ query, limit }) => {
      const r = this.vault.search(query);
      return { ...r, hits: r.hits.slice(0, limit) };
    },
    switcher_items: () => this.vault.switcher,
    open_external: () => null,
    note_source: ({ path }) => {
      const text = this.vault.sources?.[path];
      if (text === undefined) return fail("note_not_found", `${path} is not a note`);
      return { path, text, hash: fakeHash(text) };
    },
    save_note: ({ path, expected, text }) => {
      const sources = (this.vault.sources ??= {});
      const now = sources[path];
      if ((now === undefined ? null : fakeHash(now)) !== expected) {
        return fail("conflict", "the note changed on disk since it was opened; nothing was written");
      }
      sources[path] = text;
      return { hash: fakeHash(text) };
    },
    link_texts: ({ targets }) => ({
      markdown: false,
      texts: targets.map((t) => this.vault.linkTexts?.[t] ?? t.replace(/^.*\//, "").replace(/\.md$/, "")),
    }),
    note_anchors: ({ link }) => this.vault.anchors?.[link] ?? null,
    render_fragment: ({ text }) => ({
      html: this.vault.fragments?.[text] ?? `<p>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`,
      properties: [],
    }),
    resolve_link: ({ link }) => this.vault.linkTargets?.[link] ?? null,
    set_unsaved: ({ value }) => {
      this.unsaved = value;
      return null;
    },
    close_window: () => {
      this.closed = true;
      return null;
    },
    plan_operation: ({ op }) => (this.vault.planFor ?? simplePlan)(op),
    apply_operation: ({ op }) => {
      this.operations.push(op);
      return (this.vault.planFor ?? simplePlan)(op);
    },
    undo_operation: () => {
      const op = this.operations.pop();
      if (!op) return fail("nothing_to_undo", "there is nothing to undo");
      return { label: simplePlan(op).label };
    },
    undo_info: () => {
      const op = this.operations.at(-1);
      return { label: op ? simplePlan(op).label : null };
    },
    open_daily: ({ date }) => {
      const day = date ?? this.vault.today ?? "2025-02-20";
      const path = `Daily/${day}.md`;
      const sources = (this.vault.sources ??= {});
      const created = sources[path] === undefined && !this.vault.notes[path];
      if (created) {
        sources[path] = `# ${day}\n\n## 오늘 할 일\n- [ ] `;
        this.created.push(path);
      }
      return { path, date: day, created };
    },
    daily_neighbour: ({ path, forward }) => {
      const days = Object.keys(this.vault.notes).filter((p) => p.startsWith("Daily/")).sort();
      const from = path && days.includes(path) ? path : `Daily/${this.vault.today ?? "2025-02-20"}.md`;
      return (forward ? days.find((d) => d > from) : days.filter((d) => d < from).at(-1)) ?? null;
    },
    daily_calendar: ({ month }) => {
      const m = month ?? (this.vault.today ?? "2025-02-20").slice(0, 7);
      const [y, mo] = m.split("-").map(Number);
      const first = new Date(Date.UTC(y, mo - 1, 1));
      const start = new Date(first.getTime() - first.getUTCDay() * 86400000);
      const weeks = [];
      for (let w = 0; w < 6; w++) {
        const days = [];
        for (let i = 0; i < 7; i++) {
          const d = new Date(start.getTime() + (w * 7 + i) * 86400000);
          const date = d.toISOString().slice(0, 10);
          const path = this.vault.notes[`Daily/${date}.md`] || this.created.includes(`Daily/${date}.md`) ? `Daily/${date}.md` : null;
          days.push({ date, day: d.getUTCDate(), in_month: d.getUTCMonth() === mo - 1, path, size: path ? 800 : 0 });
        }
        if (w > 0 && !days[0].in_month) break;
        weeks.push({ number: 5 + w, days });
      }
      return { month: m, title: m, today: this.vault.today ?? "2025-02-20", weekdays: ["일", "월", "화", "수", "목", "금", "토"], today_label: "오늘", weeks, autorun: this.vault.autorun ?? false };
    },
    settings_view: () => ({ settings: structuredClone((this.vault.settings ??= structuredClone(DEFAULT_SETTINGS))), daily_preview: "Daily/2025-02-20.md" }),
    write_setting: ({ file, key, value }) => {
      const settings = (this.vault.settings ??= structuredClone(DEFAULT_SETTINGS));
      const s = settings.find((x) => x.file === file && x.key === key);
      if (!s) return fail("bad_setting", `${file} has no setting "${key}" that Hanji writes`);
      if (s.error) return fail("settings_malformed", s.error);
      if (s.kind === "text" && typeof value === "string" && value.trim() === "") return fail("bad_setting", `${key} takes text`);
      s.value = Array.isArray(value) ? value.map((v) => v.trim()) : value;
      // A new answer each time, as from the real shell.
      return { settings: structuredClone(settings), daily_preview: "Daily/2025-02-20.md" };
    },
    template_list: () => ({
      folder: this.vault.templates?.folder ?? null,
      templates: Object.keys(this.vault.templates?.notes ?? {}).sort(),
    }),
    // The shell merges front matter; the fake only puts the template's text at the cursor.
    insert_template: ({ template, cursor }) => {
      const text = this.vault.templates?.notes[template];
      if (text === undefined) return fail("no_template", `no template ${JSON.stringify(template)}`);
      return { edits: [{ from: cursor, to: cursor, insert: text }], cursor: cursor + text.length, warning: null };
    },
    graph_data: () => fail("internal", "no graph in the component tests"),
    write_graph_settings: () => null,
    write_local_graph: () => null,
    graph_positions: () => ({ ids: [], x: [], y: [] }),
    save_graph_positions: () => null,
    graph_presets: () => [],
    save_graph_preset: ({ name }) => [name],
    apply_graph_preset: () => fail("bad_setting", "no presets in the component tests"),
    delete_graph_preset: () => [],
    save_attachment: (bytes) => {
      const path = `Attachments/Pasted image ${this.attachments.length + 1}.png`;
      this.attachments.push({ path, bytes: bytes.length });
      return { path, link: `![[${path.slice("Attachments/".length)}]]` };
    },
    new_note_folder: ({ current }) =>
      this.vault.newNoteFolder === "current" ? (current?.split("/").slice(0, -1).join("/") ?? "") : (this.vault.newNoteFolder ?? ""),
    create_note: ({ path }) => {
      const sources = (this.vault.sources ??= {});
      if (sources[path] !== undefined || this.vault.notes[path]) return fail("exists", `${path} already exists`);
      sources[path] = "";
      this.created.push(path);
      return { path, hash: fakeHash("") };
    },
  };

  private answer(cmd: string, args?: Record<string, unknown>): unknown {
    if (cmd === "plugin:event|listen" || cmd === "plugin:event|unlisten") return 0;
    if (!Object.hasOwn(this.answers, cmd)) return fail("internal", `unknown command ${cmd}`);
    // `invoke` is untyped: the arguments are those api.ts passed for `cmd`.
    const answer = this.answers[cmd as Command] as (args: unknown) => unknown;
    return answer(args);
  }

  /** Hold calls to `cmd` (from now on) until the test lets them answer. */
  hold(cmd: string): Hold {
    const gate: (() => void)[] = [];
    this.gates.set(cmd, gate);
    return {
      get waiting() {
        return gate.length;
      },
      next: async () => {
        gate.shift()?.();
        await settle();
      },
      release: async () => {
        if (this.gates.get(cmd) === gate) this.gates.delete(cmd);
        gate.splice(0).forEach((go) => go());
        await settle();
      },
    };
  }

  listen = async (event: string, handler: (event: { payload: unknown }) => void) => {
    this.handlers.set(event, handler);
    return () => this.handlers.delete(event);
  };

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    this.handlers.get(event)?.({ payload });
  }

  /**
   * Emit a `vault://changed` event; lists not given are empty. Without
   * `graph` it is an event as shells before the graph delta sent it: the
   * generated type requires `graph` now, but the UI still reads such events
   * (changes.ts), and the live-update tests use them, so it is cast.
   */
  change(c: Partial<VaultChanged>): void {
    this.emit("vault://changed", changeEvent(c));
  }

  called(cmd: string): Call[] {
    return this.calls.filter((c) => c.cmd === cmd);
  }

  /** Forget the calls so far (and the peaks), to count what comes next. */
  forget(): void {
    this.calls = [];
    this.peak = {};
  }
}

/** Let promises and timers settle (Svelte effects, fake-shell answers). */
export async function settle(ms = 0): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, ms));
  }
}

/**
 * A `vault://changed` event with every list empty but those given. Without
 * `graph` it is an event as shells before the graph delta sent it: the
 * generated type requires `graph` now, but the UI still reads such events
 * (changes.ts), so it is cast. One builder for every test that makes events.
 */
export function changeEvent(c: Partial<VaultChanged>): VaultChanged {
  const base = { added: [], modified: [], removed: [], renamed: [], own_write: false, operation: null, vault_gone: false, verified: false, warnings: [] };
  return { ...base, ...c } as VaultChanged;
}

/** A graph delta with every list empty but those given. */
export function graphDelta(g: Partial<GraphDelta>): GraphDelta {
  return { nodes_added: [], nodes_removed: [], edges_added: [], edges_removed: [], ...g };
}
