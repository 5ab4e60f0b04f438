// A stand-in for the Tauri shell in component tests: answers the commands of
// api.ts from a small in-memory vault, records every call (so a test can
// count what a live update fetched), can hold a command's answers back (to
// see what happens while one is in flight), and lets a test emit the shell's
// events. Used with vi.mock of "@tauri-apps/api/core" and "@tauri-apps/api/event".
import type {
  LinkedPage,
  Mention,
  NoteView,
  OutgoingLink,
  SearchResults,
  SwitcherItem,
  TagCount,
  TreeNode,
  VaultChanged,
  VaultInfo,
} from "../api";

export interface FakeVault {
  info: VaultInfo | null;
  recent: string[];
  tree: TreeNode;
  notes: Record<string, NoteView>;
  backlinks: Record<string, { linked: Mention[]; unlinked: Mention[] }>;
  outgoing: Record<string, OutgoingLink[]>;
  tags: TagCount[];
  tagNotes: Record<string, string[]>;
  switcher: SwitcherItem[];
  search: (query: string) => SearchResults;
  /** What the folder dialog answers; null: cancelled. */
  picked?: string | null;
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
  children: [],
});

const folder = (path: string, children: TreeNode[]): TreeNode => ({
  name: path.split("/").pop() ?? "",
  path,
  kind: "folder",
  note_count: children.reduce((n, c) => n + c.note_count, 0),
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
        tags: ["cs/db"],
        properties: [{ key: "aliases", value: "레디스" }],
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
        linked: [{ source: "Career/이력서.md", source_title: "이력서", line: 3, snippet: "경력 요약. [[CS/Redis#자료구조|Redis 자료구조]]" }],
        unlinked: [{ source: "Home.md", source_title: "Home", line: 7, snippet: "Redis를 공부했다" }],
      },
    },
    outgoing: {
      "Career/이력서.md": [
        { target: "CS/Redis#자료구조", path: "CS/Redis.md", kind: "note", line: 3 },
        { target: "없는 노트", path: null, kind: "unresolved", line: 3 },
      ],
    },
    tags: [
      { name: "cs", notes: 0, notes_with_children: 1 },
      { name: "cs/db", notes: 1, notes_with_children: 1 },
      { name: "면접", notes: 2, notes_with_children: 2 },
    ],
    tagNotes: { "cs/db": ["CS/Redis.md"], cs: ["CS/Redis.md"], 면접: ["Home.md", "Career/이력서.md"] },
    switcher: [
      { path: "CS/Redis.md", title: "Redis", aliases: ["레디스"] },
      { path: "Career/이력서.md", title: "이력서", aliases: ["resume"] },
      { path: "Home.md", title: "Home", aliases: [] },
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
              },
            ],
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
  /** The most calls of a command in flight at once. */
  peak: Record<string, number> = {};
  private inFlight: Record<string, number> = {};
  private gates = new Map<string, (() => void)[]>();
  private unlinkedSeq = 0;
  private handlers = new Map<string, (event: { payload: unknown }) => void>();

  constructor(public vault: FakeVault = sampleVault()) {}

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

  private answer(cmd: string, args?: Record<string, unknown>): unknown {
    const v = this.vault;
    const path = args?.path as string;
    const fail = (code: string, message: string) => Promise.reject({ code, message });
    switch (cmd) {
      case "vault_info":
        return v.info ?? fail("no_vault", "no vault is open");
      case "open_vault":
        if (path !== "/vaults/sample") return fail("vault_not_found", `${path} does not exist`);
        v.info = sampleVault().info;
        return v.info;
      case "recent_vaults":
        return v.recent;
      case "pick_vault_folder":
        return v.picked ?? null;
      case "file_tree":
        return v.tree;
      case "note_view":
        return v.notes[path] ?? fail("note_not_found", `${path} is not a note`);
      case "backlinks":
        return linkedPage(v.backlinks[path]?.linked ?? [], args?.offset as number, args?.limit as number);
      case "unlinked_mentions":
        return v.backlinks[path]?.unlinked ?? [];
      case "outgoing":
        return v.outgoing[path] ?? [];
      case "tags":
        return v.tags;
      case "tag_notes":
        return (v.tagNotes[args?.tag as string] ?? []).map((p) => ({ path: p, title: v.notes[p]?.title ?? p }));
      case "search": {
        const r = v.search(args?.query as string);
        return { ...r, hits: r.hits.slice(0, args?.limit as number) };
      }
      case "switcher_items":
        return v.switcher;
      case "open_external":
        return null;
      case "plugin:event|listen":
      case "plugin:event|unlisten":
        return 0;
      default:
        return fail("internal", `unknown command ${cmd}`);
    }
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

  emit(event: string, payload: unknown): void {
    this.handlers.get(event)?.({ payload });
  }

  /** Emit a `vault://changed` event; lists not given are empty. */
  change(c: Partial<VaultChanged>): void {
    this.emit("vault://changed", { added: [], modified: [], removed: [], vault_gone: false, warnings: [], ...c });
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
