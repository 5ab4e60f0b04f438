// @vitest-environment jsdom
// Tests for the editor's completion (complete.ts): each source is called
// directly on a Markdown state with a fake vault, and an option is applied in
// a real EditorView to read back the exact text and cursor. `‸` marks the
// cursor in every document below. The fake never touches the shell.
import {
  acceptCompletion,
  CompletionContext,
  completionStatus,
  currentCompletions,
  type Completion,
  type CompletionResult,
} from "@codemirror/autocomplete";
import { markdown } from "@codemirror/lang-markdown";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import type { LinkTexts, SwitcherItem, TagCount } from "../api";
import {
  anchorSource,
  inCode,
  linkCompletion,
  linkTargetSource,
  matchRanges,
  tagSource,
  type Anchors,
  type CompletionData,
} from "./complete";

const CURSOR = "‸";
const FROM = "Interview/면접.md";

const NOTES: SwitcherItem[] = [
  { path: "DB/레디스.md", title: "레디스", aliases: [], excluded: false },
  { path: "Interview/Redis.md", title: "Redis", aliases: [], excluded: false },
  { path: "Study/Redis.md", title: "Redis", aliases: [], excluded: false },
  { path: "Study/Kubernetes.md", title: "Kubernetes", aliases: ["쿠버네티스", "k8s"], excluded: false },
  { path: "Home.md", title: "Home", aliases: [], excluded: false },
];

const TAGS: TagCount[] = [
  { name: "Rust", key: "rust", parent: null, notes: 4, notes_with_children: 4 },
  { name: "면접", key: "면접", parent: null, notes: 2, notes_with_children: 3 },
  { name: "면접/기술", key: "면접/기술", parent: "면접", notes: 1, notes_with_children: 1 },
];

const REDIS: Anchors = {
  path: "Interview/Redis.md",
  headings: [
    // `link` as the core's heading rule writes it (hanji_syntax::heading::link_text).
    { text: "Redis", level: 1, link: "Redis" },
    { text: "Persistence: RDB", level: 2, link: "Persistence RDB" },
    { text: "복제", level: 2, link: "복제" },
  ],
  blocks: [
    { id: "b1", text: "Redis runs commands\non one thread." },
    { id: "persist", text: "RDB snapshots the data set." },
  ],
};

/** Link texts as the core would answer from `FROM`: `Interview/Redis` is ambiguous with `Study/Redis`. */
const LINK_TEXTS: Record<string, string> = {
  "DB/레디스.md": "레디스",
  "Interview/Redis.md": "Interview/Redis",
  "Study/Redis.md": "Study/Redis",
  "Study/Kubernetes.md": "Kubernetes",
  "Home.md": "Home",
  "img/a.png": "img/a.png",
  "files/report.pdf": "report.pdf",
};

/** As LINK_TEXTS, with useMarkdownLinks on: destinations with `.md`, a space as `%20`. */
const MARKDOWN_TEXTS: Record<string, string> = {
  "DB/레디스.md": "DB/레디스.md",
  "Interview/Redis.md": "Interview/Redis.md",
  "Study/Kubernetes.md": "Study/Kubernetes.md",
  "img/a.png": "img/a.png",
};

class FakeVault implements CompletionData {
  /** useMarkdownLinks. */
  markdown = false;
  linkTextCalls: { from: string; targets: string[] }[] = [];
  anchorCalls: { from: string; link: string }[] = [];
  fail: keyof CompletionData | null = null;

  private check(what: keyof CompletionData): Promise<void> {
    return this.fail === what ? Promise.reject(new Error(`${what} failed`)) : Promise.resolve();
  }
  from(): string {
    if (this.fail === "from") throw new Error("no note");
    return FROM;
  }
  async notes(): Promise<SwitcherItem[]> {
    await this.check("notes");
    return NOTES;
  }
  async attachments(): Promise<string[]> {
    await this.check("attachments");
    return ["img/a.png", "files/report.pdf"];
  }
  async tags(): Promise<TagCount[]> {
    await this.check("tags");
    return TAGS;
  }
  async linkTexts(from: string, targets: string[]): Promise<LinkTexts> {
    await this.check("linkTexts");
    this.linkTextCalls.push({ from, targets });
    const table = this.markdown ? MARKDOWN_TEXTS : LINK_TEXTS;
    return { markdown: this.markdown, texts: targets.map((t) => table[t] ?? t) };
  }
  async anchors(from: string, link: string): Promise<Anchors | null> {
    await this.check("anchors");
    this.anchorCalls.push({ from, link });
    return link === "Redis" || link === `/${FROM}` ? REDIS : null;
  }
}

type Source = (data: CompletionData) => (context: CompletionContext) => unknown;

function stateOf(doc: string, data: CompletionData): EditorState {
  const pos = doc.indexOf(CURSOR);
  if (pos < 0) throw new Error("no cursor in the test document");
  return EditorState.create({
    doc: doc.replace(CURSOR, ""),
    selection: { anchor: pos },
    extensions: [markdown(), linkCompletion(data)],
  });
}

async function complete(source: Source, doc: string, data = new FakeVault(), explicit = false) {
  const state = stateOf(doc, data);
  const context = new CompletionContext(state, state.selection.main.head, explicit);
  const result = (await source(data)(context)) as CompletionResult | null;
  return { state, result, data };
}

const labels = (result: CompletionResult | null) => result?.options.map((o) => o.label) ?? null;

/** Applies `option` as CodeMirror would on Enter; the text with `‸` at the cursor after it. */
function pick(state: EditorState, result: CompletionResult, option: Completion): string {
  const view = new EditorView({ state });
  const from = result.from;
  const to = result.to ?? state.selection.main.head;
  try {
    if (typeof option.apply === "function") option.apply(view, option, from, to);
    else view.dispatch({ changes: { from, to, insert: option.apply ?? option.label }, selection: { anchor: from } });
    const text = view.state.doc.toString();
    const head = view.state.selection.main.head;
    return text.slice(0, head) + CURSOR + text.slice(head);
  } finally {
    view.destroy();
  }
}

function option(result: CompletionResult | null, label: string, detail?: string): Completion {
  const found = result?.options.find((o) => o.label === label && (detail === undefined || o.detail === detail));
  if (!found) throw new Error(`no option ${label} ${detail ?? ""} in ${JSON.stringify(labels(result))}`);
  return found;
}

describe("note links", () => {
  it("finds 레디스 from its initials and inserts its link text", async () => {
    const { state, result, data } = await complete(linkTargetSource, `Cache: [[ㄹㄷㅅ${CURSOR}`);
    expect(result?.options[0]).toMatchObject({ label: "레디스", detail: "DB/레디스.md" });
    expect(result?.from).toBe("Cache: ".length);
    expect(result?.filter).toBe(false);
    expect(result?.getMatch?.(result.options[0])).toEqual([0, 3]);
    expect(pick(state, result!, result!.options[0])).toBe(`Cache: [[레디스]]${CURSOR}`);
    expect(data.linkTextCalls).toHaveLength(1);
    expect(data.linkTextCalls[0].from).toBe(FROM);
  });

  it("asks for link texts once per query, and uses the longer text of an ambiguous name", async () => {
    const { state, result, data } = await complete(linkTargetSource, `[[Redis${CURSOR}`);
    expect(result?.options.slice(0, 2).map((o) => [o.label, o.detail])).toEqual([
      ["Redis", "Interview/Redis.md"],
      ["Redis", "Study/Redis.md"],
    ]);
    expect(data.linkTextCalls).toEqual([{ from: FROM, targets: result!.options.map((o) => o.detail) }]);
    expect(pick(state, result!, option(result, "Redis", "Interview/Redis.md"))).toBe(`[[Interview/Redis]]${CURSOR}`);
  });

  it("shows a matched alias and inserts it as the display text", async () => {
    const latin = await complete(linkTargetSource, `[[k8s${CURSOR}`);
    expect(latin.result?.options[0]).toMatchObject({ label: "k8s", detail: "Study/Kubernetes.md" });
    expect(pick(latin.state, latin.result!, latin.result!.options[0])).toBe(`[[Kubernetes|k8s]]${CURSOR}`);

    const hangul = await complete(linkTargetSource, `[[쿠버${CURSOR}`);
    expect(hangul.result?.options[0].label).toBe("쿠버네티스");
    expect(pick(hangul.state, hangul.result!, hangul.result!.options[0])).toBe(`[[Kubernetes|쿠버네티스]]${CURSOR}`);
  });

  it("takes in a ]] already after the cursor instead of doubling it", async () => {
    const { state, result } = await complete(linkTargetSource, `see [[ㄹㄷ${CURSOR}]] later`);
    expect(pick(state, result!, option(result, "레디스"))).toBe(`see [[레디스]]${CURSOR} later`);
  });

  it("lists notes with no query, at most 30", async () => {
    const { result } = await complete(linkTargetSource, `[[${CURSOR}`);
    expect(labels(result)).toEqual(["레디스", "Redis", "Redis", "Kubernetes", "Home"]);
  });

  it("completes nothing outside an open link, after |, or in code", async () => {
    for (const doc of [
      `plain text${CURSOR}`,
      `[[Redis]] and more${CURSOR}`,
      `[[Redis|Re${CURSOR}`,
      `\`[[Re${CURSOR}\``,
      `\`\`\`\n[[Re${CURSOR}\n\`\`\``,
    ]) {
      expect((await complete(linkTargetSource, doc)).result, doc).toBeNull();
    }
  });

  it("re-ranks synchronously while typing when the link texts are known", async () => {
    const { state, result, data } = await complete(linkTargetSource, `[[Redis${CURSOR}`);
    // `Redis` narrowed by a trailing space still shows the two Redis notes.
    const next = state.update({ changes: { from: 7, insert: " " }, selection: { anchor: 8 } }).state;
    const updated = result!.update!(result!, result!.from, 8, new CompletionContext(next, 8, false));
    expect(labels(updated)).toEqual(labels(result));
    // A query whose options were not asked for yet is asked again (null).
    const other = state.update({ changes: { from: 2, to: 7, insert: "Home" }, selection: { anchor: 6 } }).state;
    const again = result!.update!(result!, result!.from, 6, new CompletionContext(other, 6, false));
    expect(again).toBeNull();
    expect(data.linkTextCalls).toHaveLength(1);
  });
});

describe("Markdown links (useMarkdownLinks)", () => {
  it("writes [name](destination) with the shell's destination, the alias as the text", async () => {
    const data = new FakeVault();
    data.markdown = true;
    const note = await complete(linkTargetSource, `see [[ㄹㄷ${CURSOR}]] later`, data);
    expect(pick(note.state, note.result!, option(note.result, "레디스"))).toBe(`see [레디스](DB/레디스.md)${CURSOR} later`);
    const alias = await complete(linkTargetSource, `[[k8s${CURSOR}`, data);
    expect(pick(alias.state, alias.result!, alias.result!.options[0])).toBe(`[k8s](Study/Kubernetes.md)${CURSOR}`);
    const image = await complete(linkTargetSource, `![[a.p${CURSOR}`, data);
    expect(pick(image.state, image.result!, image.result!.options[0])).toBe(`![a.png](img/a.png)${CURSOR}`);
  });
});

describe("embeds", () => {
  it("lists an image by file name and inserts its link text", async () => {
    const { state, result } = await complete(linkTargetSource, `![[a.p${CURSOR}`);
    expect(result?.options[0]).toMatchObject({ label: "a.png", detail: "img/a.png" });
    expect(pick(state, result!, result!.options[0])).toBe(`![[img/a.png]]${CURSOR}`);
  });

  it("lists attachments first, then notes, and embeds a note without a display text", async () => {
    const empty = await complete(linkTargetSource, `![[${CURSOR}`);
    expect(labels(empty.result)?.slice(0, 3)).toEqual(["a.png", "report.pdf", "레디스"]);
    const alias = await complete(linkTargetSource, `![[k8s${CURSOR}]]`);
    expect(pick(alias.state, alias.result!, alias.result!.options[0])).toBe(`![[Kubernetes]]${CURSOR}`);
  });
});

describe("headings and blocks", () => {
  it("lists the headings of the linked note in order and writes a heading as a link can hold it", async () => {
    const { state, result, data } = await complete(anchorSource, `[[Redis#${CURSOR}`);
    expect(data.anchorCalls).toEqual([{ from: FROM, link: "Redis" }]);
    expect(result?.options.map((o) => [o.label, o.detail])).toEqual([
      ["Redis", "H1"],
      ["Persistence: RDB", "H2"],
      ["복제", "H2"],
    ]);
    expect(pick(state, result!, option(result, "Persistence: RDB"))).toBe(`[[Redis#Persistence RDB]]${CURSOR}`);
  });

  it("matches headings with the fuzzy matcher", async () => {
    const { state, result } = await complete(anchorSource, `![[Redis#ㅂㅈ${CURSOR}]]`);
    expect(labels(result)).toEqual(["복제"]);
    expect(pick(state, result!, result!.options[0])).toBe(`![[Redis#복제]]${CURSOR}`);
  });

  it("lists block ids with their text and inserts #^id", async () => {
    const { state, result } = await complete(anchorSource, `[[Redis#^${CURSOR}`);
    expect(result?.options.map((o) => [o.label, o.detail])).toEqual([
      ["^b1", "Redis runs commands on one thread."],
      ["^persist", "RDB snapshots the data set."],
    ]);
    expect(pick(state, result!, option(result, "^b1"))).toBe(`[[Redis#^b1]]${CURSOR}`);
    const byText = await complete(anchorSource, `[[Redis#^snapshot${CURSOR}`);
    expect(labels(byText.result)).toEqual(["^persist"]);
  });

  it("reads [[# as the note being edited, asked for by its path from the vault root", async () => {
    const { state, result, data } = await complete(anchorSource, `[[#${CURSOR}`);
    expect(data.anchorCalls).toEqual([{ from: FROM, link: `/${FROM}` }]);
    expect(pick(state, result!, option(result, "복제"))).toBe(`[[#복제]]${CURSOR}`);
  });

  it("gives nothing for a target that does not resolve", async () => {
    expect((await complete(anchorSource, `[[Nowhere#${CURSOR}`)).result).toBeNull();
  });
});

describe("tags", () => {
  it("suggests Korean tags and nested ones, and inserts #tag only", async () => {
    const { state, result } = await complete(tagSource, `준비 #면${CURSOR}`);
    expect(result?.options.map((o) => [o.label, o.detail])).toEqual([
      ["#면접", "3"],
      ["#면접/기술", "1"],
    ]);
    expect(result?.from).toBe("준비 ".length);
    expect(result?.getMatch?.(result.options[0])).toEqual([1, 2]);
    expect(pick(state, result!, option(result, "#면접/기술"))).toBe(`준비 #면접/기술${CURSOR}`);
  });

  it("completes at line start and in a heading, replacing the rest of the tag under the cursor", async () => {
    const start = await complete(tagSource, `#ru${CURSOR}`);
    expect(labels(start.result)).toEqual(["#Rust"]);
    expect(pick(start.state, start.result!, start.result!.options[0])).toBe(`#Rust${CURSOR}`);
    expect(labels((await complete(tagSource, `# Title #면${CURSOR}`)).result)).toEqual(["#면접", "#면접/기술"]);
    const inside = await complete(tagSource, `#면${CURSOR}접 text`);
    expect(pick(inside.state, inside.result!, option(inside.result, "#면접/기술"))).toBe(`#면접/기술${CURSOR} text`);
  });

  it("lists every tag for a bare # only when asked", async () => {
    expect((await complete(tagSource, `text #${CURSOR}`)).result).toBeNull();
    const asked = await complete(tagSource, `text #${CURSOR}`, new FakeVault(), true);
    expect(labels(asked.result)).toEqual(["#Rust", "#면접", "#면접/기술"]);
  });

  it("gives nothing in code, in a heading's marker, after a word, or inside a link", async () => {
    for (const [doc, explicit] of [
      [`\` #면${CURSOR}\``, false],
      [`\`\`\`\n#면${CURSOR}\n\`\`\``, false],
      [`text\n\n    #면${CURSOR}`, false],
      [`# ${CURSOR}`, true],
      [`#${CURSOR} Heading`, true],
      [`#${CURSOR}`, false],
      [`이력서#면${CURSOR}`, false],
      [`[[Note#면${CURSOR}`, false],
      [`#/면${CURSOR}`, false],
    ] as const) {
      expect((await complete(tagSource, doc, new FakeVault(), explicit)).result, doc).toBeNull();
    }
  });

  it("tells code from prose by the syntax tree", () => {
    const data = new FakeVault();
    const at = (doc: string) => {
      const state = stateOf(doc, data);
      return inCode(state, state.doc.toString().indexOf("#"));
    };
    expect(at(`a \` #면${CURSOR}\` b`)).toBe(true);
    expect(at(`\`\`\`\n#면${CURSOR}\n\`\`\``)).toBe(true);
    expect(at(`\`\`\`\n#면${CURSOR}`)).toBe(true);
    expect(at(`text\n\n    #면${CURSOR}`)).toBe(true);
    expect(at(`a \` b #면${CURSOR}`)).toBe(false);
    expect(at(`- #면${CURSOR}`)).toBe(false);
  });

  it("narrows synchronously as the tag is typed", async () => {
    const { state, result } = await complete(tagSource, `#면${CURSOR}`);
    const next = state.update({ changes: { from: 2, insert: "접/" }, selection: { anchor: 4 } }).state;
    const updated = result!.update!(result!, result!.from, 4, new CompletionContext(next, 4, false));
    expect(labels(updated)).toEqual(["#면접/기술"]);
    const gone = state.update({ changes: { from: 2, insert: " " }, selection: { anchor: 3 } }).state;
    expect(result!.update!(result!, result!.from, 3, new CompletionContext(gone, 3, false))).toBeNull();
  });
});

describe("failures", () => {
  it("gives no completions when the data fails, never an error", async () => {
    const cases: [Source, string, keyof CompletionData][] = [
      [linkTargetSource, `[[Re${CURSOR}`, "notes"],
      [linkTargetSource, `[[Re${CURSOR}`, "linkTexts"],
      [linkTargetSource, `[[Re${CURSOR}`, "from"],
      [linkTargetSource, `![[a${CURSOR}`, "attachments"],
      [anchorSource, `[[Redis#${CURSOR}`, "anchors"],
      [anchorSource, `[[#${CURSOR}`, "from"],
      [tagSource, `#면${CURSOR}`, "tags"],
    ];
    for (const [source, doc, fail] of cases) {
      const data = new FakeVault();
      data.fail = fail;
      expect((await complete(source, doc, data)).result, `${doc} with ${fail} failing`).toBeNull();
    }
  });

  it("leaves Enter alone while no list is open", () => {
    const view = new EditorView({ state: stateOf(`[[Re${CURSOR}`, new FakeVault()) });
    try {
      expect(acceptCompletion(view)).toBe(false);
      expect(view.state.doc.toString()).toBe("[[Re");
    } finally {
      view.destroy();
    }
  });
});

describe("in an editor", () => {
  it("opens the list on typing and Enter's command applies the first option", async () => {
    const view = new EditorView({ state: stateOf(`Cache: ${CURSOR}]]`, new FakeVault()) });
    try {
      view.dispatch({ changes: { from: 7, insert: "[[ㄹㄷㅅ" }, selection: { anchor: 12 }, userEvent: "input.type" });
      await waitFor(() => completionStatus(view.state) === "active");
      expect(currentCompletions(view.state).map((c) => c.label)).toEqual(["레디스"]);
      // The list takes keys only after its interaction delay (75 ms).
      await new Promise((r) => setTimeout(r, 100));
      expect(acceptCompletion(view)).toBe(true);
      expect(view.state.doc.toString()).toBe("Cache: [[레디스]]");
      expect(view.state.selection.main.head).toBe(view.state.doc.length);
    } finally {
      view.destroy();
    }
  });
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(done()).toBe(true);
}

describe("matchRanges", () => {
  it("turns code point positions into UTF-16 ranges, merging neighbours", () => {
    expect(matchRanges("레디스", [0, 1, 2])).toEqual([0, 3]);
    expect(matchRanges("a😀b", [1, 2])).toEqual([1, 4]);
    expect(matchRanges("면접", [0], 1)).toEqual([1, 2]);
    expect(matchRanges("면접".normalize("NFD"), [0])).toEqual([]);
  });
});
