// @vitest-environment jsdom
// The whole window against a fake shell: opening a vault and a note, links,
// history, panels, tags, search, the pickers, progress and live updates.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GraphEdge } from "../api";
import { FakeShell, fakeSetting, graphDelta, sampleVault, settle, type FakeVault } from "../test/fake-shell";

const shell = vi.hoisted(() => ({ current: null as FakeShell | null }));
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (cmd: string, args?: Record<string, unknown>) => shell.current!.invoke(cmd, args),
}));
vi.mock("@tauri-apps/api/event", () => ({
  listen: (event: string, handler: (e: { payload: unknown }) => void) => shell.current!.listen(event, handler),
}));

import { mount, unmount } from "svelte";
import { AppState } from "../state/app.svelte";
import App from "./App.svelte";

let component: ReturnType<typeof mount> | null = null;

async function start(vault: FakeVault = sampleVault()) {
  shell.current = new FakeShell(vault);
  const app = new AppState();
  const target = document.body.appendChild(document.createElement("div"));
  component = mount(App, { target, props: { app } });
  await settle();
  return { app, shell: shell.current };
}

const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);
const $$ = (selector: string) => Array.from(document.querySelectorAll<HTMLElement>(selector));
const readingPath = () => $("#reading-view")?.dataset.path;

/**
 * How many times each command was called (since the last `forget`): what
 * the page fetched. Keeping the open
 * tabs (save_workspace, on a timer after each visit) is not a fetch and is
 * left out.
 */
function counts(shell: FakeShell): Record<string, number> {
  const n: Record<string, number> = {};
  for (const c of shell.calls) if (c.cmd !== "save_workspace") n[c.cmd] = (n[c.cmd] ?? 0) + 1;
  return n;
}

function click(el: Element | null): void {
  expect(el, "element to click").not.toBeNull();
  (el as HTMLElement).dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 }));
}

function type(el: Element | null, value: string): void {
  const input = el as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

function key(target: EventTarget, init: KeyboardEventInit): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init }));
}

// The editor (CodeMirror) opens in some tests (a daily note, a note made
// from a link) and measures text with Range rectangles, which jsdom does
// not have: empty ones stand in.
if (!("getClientRects" in Range.prototype)) {
  Object.assign(Range.prototype, {
    getClientRects: () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }),
    getBoundingClientRect: () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 }),
  });
}

beforeEach(() => localStorage.clear());

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = "";
  vi.useRealTimers();
});

describe("opening", () => {
  it("opens the vault and its first note", async () => {
    const { shell } = await start();
    expect(shell.called("vault_info")).toHaveLength(1);
    expect(readingPath()).toBe("CS/Redis.md");
    expect($("#note-title")?.textContent).toBe("Redis");
    expect(document.title).toBe("Redis — sample — Hanji");
    expect($("#file-tree")?.textContent).toContain("sample");
    // Folders with counts; the open note's folder is expanded and its row marked.
    const folders = $$("#file-tree li.folder > button").map((b) => b.textContent?.replace(/\s+/g, " ").trim());
    expect(folders).toEqual(["CS 1", "Career 1"]);
    expect($('#file-tree [aria-current="page"]')?.dataset.path).toBe("CS/Redis.md");
  });

  it("shows properties, tags and highlighted code", async () => {
    await start();
    expect($(".properties th")?.textContent).toBe("aliases");
    expect($(".properties td")?.textContent).toBe("레디스");
    // Each tag once: the front matter's among the properties (as a tag),
    // the inline one where it is written.
    expect($$(".properties .tag-chip").map((t) => t.textContent)).toEqual(["#면접"]);
    expect($$("#reading-view .markdown-body a.tag").map((t) => t.textContent)).toEqual(["#cs/db"]);
    expect($$("#reading-view .tag-chip, #reading-view a.tag").length).toBe(2);
    expect($("#reading-view pre code .hljs-keyword")?.textContent).toBe("fn");
    // The note starts with its own H1: no second title.
    expect($(".inline-title")).toBeNull();
  });

  it("reopens the note last opened in this vault", async () => {
    localStorage.setItem("hanji:last-note:/vaults/sample", "Home.md");
    await start();
    expect(readingPath()).toBe("Home.md");
    expect($(".inline-title")?.textContent).toBe("Home");
  });

  it("asks for a vault when none is open", async () => {
    const vault = sampleVault();
    vault.info = null;
    const { shell } = await start(vault);
    expect($("#open-vault")).not.toBeNull();
    expect($$(".recent-vault").map((b) => b.dataset.root)).toEqual(["/vaults/sample", "/vaults/old"]);
    // Folders come from the dialog or the recent list only: no path can be typed.
    expect($$("#open-vault input, #open-vault form")).toHaveLength(0);
    click($('.recent-vault[data-root="/vaults/old"]'));
    await settle();
    expect($('#open-vault [role="alert"]')?.textContent).toContain("/vaults/old does not exist");
    click($('.recent-vault[data-root="/vaults/sample"]'));
    await settle();
    expect(shell.called("open_vault").map((c) => c.args?.path)).toEqual(["/vaults/old", "/vaults/sample"]);
    expect($("#open-vault")).toBeNull();
    expect(readingPath()).toBe("CS/Redis.md");
  });
});

describe("opening, continued", () => {
  it("takes a vault off the recent list, and opens nothing for it", async () => {
    const vault = sampleVault();
    vault.info = null;
    const { shell } = await start(vault);
    click($('#open-vault button[aria-label="Remove old from the recent list"]'));
    await settle();
    expect($$(".recent-vault").map((b) => b.dataset.root)).toEqual(["/vaults/sample"]);
    expect(shell.called("forget_vault").map((c) => c.args?.path)).toEqual(["/vaults/old"]);
    expect(shell.called("open_vault")).toHaveLength(0);
  });

  it("zooms the interface in steps with Ctrl+= and Ctrl+-, and back with Ctrl+0", async () => {
    const { shell } = await start();
    const press = (key: string, shiftKey = false) =>
      window.dispatchEvent(new KeyboardEvent("keydown", { key, ctrlKey: true, shiftKey, bubbles: true, cancelable: true }));
    press("=");
    await settle();
    expect(shell.zoom).toBe(1.1);
    // Ctrl++ (Shift and =) too, as in a browser.
    press("+", true);
    await settle();
    expect(shell.zoom).toBe(1.25);
    press("-");
    press("-");
    await settle();
    expect(shell.zoom).toBeLessThan(1.25);
    press("0");
    await settle();
    expect(shell.zoom).toBe(1);
    expect($(".toast .message")?.textContent).toBe("Zoom 100 %");
  });

  it("opens the folder chosen in the system dialog, and nothing when cancelled", async () => {
    const vault = sampleVault();
    vault.info = null;
    vault.picked = null;
    const { shell } = await start(vault);
    click($("#pick-vault"));
    await settle();
    expect(shell.called("pick_vault_folder")).toHaveLength(1);
    expect(shell.called("open_vault")).toHaveLength(0);
    expect($("#open-vault")).not.toBeNull();
    shell.vault.picked = "/vaults/sample";
    click($("#pick-vault"));
    await settle();
    expect(shell.called("open_vault").map((c) => c.args?.path)).toEqual(["/vaults/sample"]);
    expect($("#open-vault")).toBeNull();
    expect(readingPath()).toBe("CS/Redis.md");
  });

  it("shows the vault the shell finishes opening while it asks for one", async () => {
    const vault = sampleVault();
    const info = vault.info;
    vault.info = null;
    const { shell } = await start(vault);
    expect($("#open-vault")).not.toBeNull();
    shell.vault.info = info;
    shell.emit("vault://progress", { phase: "ready", message: "", done: 0, total: 0 });
    await settle();
    expect($("#open-vault")).toBeNull();
    expect(readingPath()).toBe("CS/Redis.md");
  });

  it("goes back to the open vault from the vault chooser", async () => {
    const { app } = await start();
    await app.run("open-vault");
    await settle();
    expect($("#open-vault")).not.toBeNull();
    click($("#open-vault .cancel"));
    await settle();
    expect($("#open-vault")).toBeNull();
    expect(readingPath()).toBe("CS/Redis.md");
  });
});

describe("links and history", () => {
  it("follows internal links and goes back and forward", async () => {
    await start();
    click($('#file-tree button[data-path="Career"]'));
    await settle();
    click($('#file-tree button[data-path="Career/이력서.md"]'));
    await settle();
    expect(readingPath()).toBe("Career/이력서.md");
    click($('#reading-view a.internal-link[data-path="CS/Redis.md"]'));
    await settle();
    expect(readingPath()).toBe("CS/Redis.md");
    expect($("#nav-forward")?.hasAttribute("disabled")).toBe(true);
    click($("#nav-back"));
    await settle();
    expect(readingPath()).toBe("Career/이력서.md");
    key(window, { key: "ArrowRight", altKey: true });
    await settle();
    expect(readingPath()).toBe("CS/Redis.md");
    key(window, { key: "ArrowLeft", altKey: true });
    key(window, { key: "ArrowLeft", altKey: true });
    await settle();
    expect(readingPath()).toBe("CS/Redis.md");
    expect($("#nav-back")?.hasAttribute("disabled")).toBe(true);
  });

  it("marks unresolved links and opens external ones outside", async () => {
    localStorage.setItem("hanji:last-note:/vaults/sample", "Career/이력서.md");
    const { shell } = await start();
    const external = $<HTMLAnchorElement>("#reading-view a.external-link")!;
    const event = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 });
    external.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    await settle();
    expect(shell.called("open_external").map((c) => c.args?.url)).toEqual(["https://example.com/"]);
  });

  it("shows a tag's notes when a tag is clicked", async () => {
    const { shell } = await start();
    click($("#reading-view a.tag"));
    await settle();
    expect($("#pane-tags")?.hidden).toBe(false);
    expect(shell.called("tag_notes").map((c) => c.args?.tag)).toEqual(["cs/db"]);
    expect($('#tag-pane [data-tag="cs/db"]')?.getAttribute("aria-pressed")).toBe("true");
    expect($$("#tag-pane .tag-note").map((b) => b.dataset.path)).toEqual(["CS/Redis.md"]);
  });

  it("selects a tag written in another case by the key the shell answers with", async () => {
    const vault = sampleVault();
    const redis = vault.notes["CS/Redis.md"];
    vault.notes["CS/Redis.md"] = { ...redis, html: `<p><a class="tag" data-tag="CS/DB">#CS/DB</a></p>` };
    vault.tagKeys = { "CS/DB": "cs/db" };
    const { shell } = await start(vault);
    click($("#reading-view a.tag"));
    await settle();
    expect(shell.called("tag_notes").map((c) => c.args?.tag)).toEqual(["CS/DB"]);
    // The listed tag (`cs/db`, under `cs`, opened for it) is the one selected.
    expect($('#tag-pane [data-tag="cs/db"]')?.getAttribute("aria-pressed")).toBe("true");
    expect($$("#tag-pane .tag-note").map((b) => b.dataset.path)).toEqual(["CS/Redis.md"]);
  });
});

describe("panels", () => {
  it("pages through thousands of backlinks as the list scrolls", async () => {
    const vault = sampleVault();
    const linked = Array.from({ length: 100 }, (_, i) => {
      const source = `Hub links/${String(i).padStart(3, "0")}.md`;
      return { source, source_title: source, line: 2, snippet: `관련: Redis ${i}`, highlights: [[4, 9]] as [number, number][] };
    });
    // One note links twice: its two lines stay together, in line order.
    linked.splice(1, 0, { ...linked[0], line: 9, snippet: "again Redis", highlights: [[6, 11]] });
    vault.backlinks["CS/Redis.md"] = { linked, unlinked: [] };
    const { shell } = await start(vault);
    const groups = () => $$("#backlinks-linked .group").map((g) => g.dataset.path);
    expect(groups()).toHaveLength(40);
    expect($$('#backlinks-linked .group[data-path="Hub links/000.md"] .mention').map((m) => m.dataset.line)).toEqual(["2", "9"]);
    expect($("#panel-backlinks .count")?.textContent).toBe("100");
    expect($(".backlinks h3 .count")?.textContent).toBe("101 links");
    expect(shell.called("backlinks").map((c) => [c.args?.offset, c.args?.limit])).toEqual([[0, 40]]);
    click($(".backlinks .more"));
    await settle();
    expect(groups()).toHaveLength(80);
    click($(".backlinks .more"));
    await settle();
    expect(groups()).toEqual(linked.filter((m, i) => i !== 1).map((m) => m.source));
    expect($(".backlinks .more")).toBeNull();
    expect(shell.called("backlinks").map((c) => c.args?.offset)).toEqual([0, 40, 80]);
    // A live update fetches again as many notes as were on screen.
    shell.change({ modified: ["Hub links/050.md"] });
    await settle();
    expect(shell.called("backlinks").at(-1)?.args).toMatchObject({ offset: 0, limit: 100 });
    expect(groups()).toHaveLength(100);
  });

  it("lists backlinks, outgoing links and the outline", async () => {
    const { shell } = await start();
    expect($$("#backlinks-linked .mention").map((m) => m.dataset.path)).toEqual(["Career/이력서.md"]);
    // The link's own text is marked, as the note reads it.
    expect($("#backlinks-linked mark")?.textContent).toBe("Redis 자료구조");
    // Unlinked mentions start collapsed and are looked for once opened.
    const toggle = $('.backlinks .toggle');
    expect(toggle?.getAttribute("aria-expanded")).toBe("false");
    expect(shell.called("unlinked_mentions")).toHaveLength(0);
    click(toggle);
    await settle();
    expect(shell.called("unlinked_mentions").map((c) => c.args?.path)).toEqual(["CS/Redis.md"]);
    expect($$("#backlinks-unlinked .mention").map((m) => m.dataset.path)).toEqual(["Home.md", "Home.md"]);
    // Each highlighted where it spells the note: its title, or an alias.
    expect($$("#backlinks-unlinked .mention mark").map((m) => m.textContent)).toEqual(["Redis", "레디스"]);
    expect($$("#outline .outline-item").map((i) => i.textContent?.trim())).toEqual(["Redis", "자료구조"]);
    click($("#backlinks-unlinked .mention"));
    await settle();
    expect(readingPath()).toBe("Home.md");
    click($('#reading-view a[data-path="Career/이력서.md"]'));
    await settle();
    expect($$("#outgoing-links .outgoing-link").map((l) => [l.className.split(" ")[1], l.textContent?.replace(/\s+/g, " ").trim()])).toEqual([
      ["note", "CS/Redis#자료구조"],
      ["unresolved", "없는 노트 not created"],
    ]);
  });
});

describe("outline of a long note", () => {
  it("draws a page of headings at first, and always the one being read", async () => {
    const vault = sampleVault();
    const redis = vault.notes["CS/Redis.md"];
    redis.outline = Array.from({ length: 400 }, (_, i) => ({ level: 2, text: `절 ${i}`, anchor: `절-${i}`, line: i + 1 }));
    const { app } = await start(vault);
    expect(readingPath()).toBe("CS/Redis.md");
    expect($$("#outline .outline-item")).toHaveLength(150);
    expect($("#outline .more")).not.toBeNull();
    app.nav.activeAnchor = "절-300";
    await settle();
    expect($$("#outline .outline-item")).toHaveLength(301);
    expect($("#outline .active")?.textContent?.trim()).toBe("절 300");
  });
});

describe("tags pane", () => {
  it("nests tags and lists a tag's notes", async () => {
    await start();
    click($('[data-tab="tags"]'));
    await settle();
    expect($$("#tag-pane > ul > li > .row .tag-name").map((b) => b.dataset.tag)).toEqual(["cs", "면접"]);
    click($('#tag-pane [aria-label="Expand #cs"]'));
    await settle();
    expect($('#tag-pane [data-tag="cs/db"]')).not.toBeNull();
    click($('#tag-pane [data-tag="면접"]'));
    await settle();
    expect($$("#tag-pane .tag-note").map((b) => b.dataset.path)).toEqual(["Home.md", "Career/이력서.md"]);
    click($('#tag-pane .tag-note[data-path="Home.md"]'));
    await settle();
    expect(readingPath()).toBe("Home.md");
  });
});

describe("search", () => {
  it("shows three matching lines of a note, the rest on request", async () => {
    const vault = sampleVault();
    const lines = Array.from({ length: 7 }, (_, k) => ({ line: k + 1, snippet: `redis ${k + 1}`, highlights: [[0, 5]] as [number, number][] }));
    vault.search = () => ({
      total: 1,
      unsearchable: [],
      hits: [{ path: "CS/Redis.md", title: "Redis", score: 1, line: 1, snippet: "redis 1", highlights: [[0, 5]], lines, matches: 7 }],
    });
    await start(vault);
    click($('[data-tab="search"]'));
    type($("#search-input"), "redis");
    await settle(30);
    const shown = () => $$("#search-results .line-hit").map((b) => b.dataset.line);
    expect(shown()).toEqual(["1", "2", "3"]);
    expect($("#search-results .show-more")?.textContent?.trim()).toBe("Show 4 more lines");
    click($("#search-results .show-more"));
    await settle();
    expect(shown()).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect($("#search-results .show-more")).toBeNull();
  });

  it("searches as you type and marks the matches", async () => {
    const { shell, app } = await start();
    click($('[data-tab="search"]'));
    type($("#search-input"), "자");
    type($("#search-input"), "자료");
    type($("#search-input"), "자료구조");
    await settle(30);
    // The first keystroke is asked at once; of those typed while it was in
    // flight, only the newest is asked after it.
    expect(shell.called("search").map((c) => c.args)).toEqual([
      { query: "자", limit: 20 },
      { query: "자료구조", limit: 20 },
    ]);
    const result = $("#search-results .search-result")!;
    expect(result.dataset.path).toBe("CS/Redis.md");
    expect(result.querySelector("mark")?.textContent).toBe("자료구조");
    // Every matching line, and the count, per note and (all notes listed) in all.
    expect($$("#search-results .line-hit").map((b) => b.dataset.line)).toEqual(["5", "9"]);
    expect(result.querySelector(".count")?.textContent).toBe("2");
    expect($("#pane-search [role=status]")?.textContent?.trim()).toBe("1 note · 2 matches");
    key($("#search-input")!, { key: "Enter" });
    await settle();
    expect(readingPath()).toBe("CS/Redis.md");
    // A line of it opens the note there.
    const open = vi.spyOn(app, "open");
    click($('#search-results .line-hit[data-line="9"]'));
    await settle();
    expect(open).toHaveBeenCalledWith(
      "CS/Redis.md",
      { kind: "line", line: 9, snippet: "자료구조는 여기에도", marks: ["자료구조"] },
      { newTab: false },
    );
  });

  it("says which query terms could not be searched", async () => {
    const vault = sampleVault();
    vault.search = () => ({
      total: 0,
      hits: [],
      unsearchable: ["\"!!!\" has no letter or digit to search for; it was ignored."],
    });
    await start(vault);
    click($('[data-tab="search"]'));
    type($("#search-input"), "면접 !!!");
    await settle(30);
    expect($$(".unsearchable li").map((li) => li.textContent)).toEqual([
      "\"!!!\" has no letter or digit to search for; it was ignored.",
    ]);
  });

  it("asks for the first hits per keystroke and for more on the way down", async () => {
    const vault = sampleVault();
    const hits = Array.from({ length: 60 }, (_, i) => ({
      path: `n${String(i).padStart(2, "0")}.md`,
      title: `노트 ${i}`,
      line: 1,
      snippet: "면접 준비",
      highlights: [[0, 2]] as [number, number][],
      lines: [],
      matches: 1,
    }));
    vault.search = () => ({ total: 60, hits, unsearchable: [] });
    const { shell } = await start(vault);
    click($('[data-tab="search"]'));
    type($("#search-input"), "면접");
    await settle(30);
    expect($$("#search-results .search-result")).toHaveLength(20);
    expect($("#pane-search [role=status]")?.textContent?.trim()).toBe("60 notes");
    for (let i = 0; i < 19; i++) key($("#search-input")!, { key: "ArrowDown" });
    await settle();
    // At the last hit, the same query is asked for 50 more; the selection stays.
    expect(shell.called("search").map((c) => c.args)).toEqual([
      { query: "면접", limit: 20 },
      { query: "면접", limit: 70 },
    ]);
    expect($$("#search-results .search-result")).toHaveLength(60);
    expect($("#search-results .selected")?.dataset.path).toBe("n19.md");
    // Everything is there: the end asks for nothing more.
    for (let i = 0; i < 45; i++) key($("#search-input")!, { key: "ArrowDown" });
    await settle();
    expect(shell.called("search")).toHaveLength(2);
    expect($("#search-results .selected")?.dataset.path).toBe("n59.md");
  });

  it("shows a bad query inline", async () => {
    await start();
    type($("#search-input"), "a AND AND");
    await settle(30);
    expect($("#pane-search .bad-query")?.textContent).toBe("unexpected AND");
    expect($$("#search-results .search-result")).toHaveLength(0);
  });
});

describe("the file tree's keys", () => {
  it("moves, opens and closes folders, jumps by name, and opens a note with Enter", async () => {
    await start();
    const focused = () => (document.activeElement as HTMLElement | null)?.dataset.path;
    const first = $('#file-tree [role="treeitem"]') as HTMLElement;
    expect($('#file-tree [role="tree"]')).not.toBeNull();
    // One row takes Tab: the open note's.
    expect($$('#file-tree [role="treeitem"][tabindex="0"]').map((r) => r.dataset.path)).toEqual(["CS/Redis.md"]);
    first.focus();
    const press = (key: string) => key === "" || document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    expect(focused()).toBe("CS");
    press("ArrowDown");
    expect(focused()).toBe("CS/Redis.md");
    // Left from a note: its folder; left again: the folder closes.
    press("ArrowLeft");
    expect(focused()).toBe("CS");
    press("ArrowLeft");
    await settle();
    expect($('#file-tree [data-path="CS"]')?.getAttribute("aria-expanded")).toBe("false");
    expect($('#file-tree [data-path="CS/Redis.md"]')).toBeNull();
    // Right opens it, right again steps in.
    press("ArrowRight");
    await settle();
    expect($('#file-tree [data-path="CS"]')?.getAttribute("aria-expanded")).toBe("true");
    press("ArrowRight");
    await settle();
    expect(focused()).toBe("CS/Redis.md");
    // Typing a name's first letters jumps there; End and Home go to the ends.
    press("h");
    expect(focused()).toBe("Home.md");
    press("End");
    const all = $$('#file-tree [role="treeitem"]');
    expect(focused()).toBe(all[all.length - 1].dataset.path);
    press("Home");
    expect(focused()).toBe("CS");
    // Enter on a note opens it (a button's own Enter).
    const home = $('#file-tree [data-path="Home.md"]') as HTMLElement;
    home.focus();
    click(home);
    await settle();
    expect(readingPath()).toBe("Home.md");
  });
});

describe("tabs", () => {
  const tabs = () => $$("#app-tabs .tab, .tab-bar .tab").map((t) => t.dataset.path);
  const activeTab = () => $(".tab-bar .tab.active")?.dataset.path;

  it("opens a link in a new tab with Ctrl+click, each tab keeping its note", async () => {
    const { app } = await start();
    expect(tabs()).toEqual(["CS/Redis.md"]);
    await app.open("Career/이력서.md");
    await settle();
    // A row of the tree clicked with Ctrl: a new tab.
    const row = $('#file-tree [data-path="Home.md"]')!;
    row.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ctrlKey: true }));
    await settle();
    expect(tabs()).toEqual(["Career/이력서.md", "Home.md"]);
    expect(activeTab()).toBe("Home.md");
    click($$(".tab-bar .tab")[0]);
    await settle();
    expect(readingPath()).toBe("Career/이력서.md");
    // A link followed with Ctrl+click in the reading view: a third tab.
    const link = $('#reading-view a[data-path="CS/Redis.md"]')!;
    link.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ctrlKey: true }));
    await settle();
    // After the active tab.
    expect(tabs()).toEqual(["Career/이력서.md", "CS/Redis.md", "Home.md"]);
    expect(readingPath()).toBe("CS/Redis.md");
    // Ctrl+Tab and Ctrl+Shift+Tab cycle.
    key(window, { key: "Tab", ctrlKey: true });
    await settle();
    expect(readingPath()).toBe("Home.md");
    key(window, { key: "Tab", ctrlKey: true });
    await settle();
    expect(readingPath()).toBe("Career/이력서.md");
    key(window, { key: "Tab", ctrlKey: true, shiftKey: true });
    await settle();
    expect(activeTab()).toBe("Home.md");
    // Ctrl+W closes the active tab; the one to its left shows (it was last).
    key(window, { key: "w", code: "KeyW", ctrlKey: true });
    await settle();
    expect(tabs()).toEqual(["Career/이력서.md", "CS/Redis.md"]);
    expect(readingPath()).toBe("CS/Redis.md");
    // A middle click on a tab closes it.
    $$(".tab-bar .tab")[0].dispatchEvent(new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 }));
    await settle();
    expect(tabs()).toEqual(["CS/Redis.md"]);
  });

  it("keeps each tab's own back history", async () => {
    const { app } = await start();
    key(window, { key: "t", code: "KeyT", ctrlKey: true });
    await settle();
    expect(tabs()).toEqual(["CS/Redis.md", ""]);
    // A new tab asks which note: the quick switcher is open.
    expect($("#quick-switcher")).not.toBeNull();
    key($("#quick-switcher input")!, { key: "Escape" });
    await settle();
    await app.open("Career/이력서.md");
    await app.open("Home.md");
    await settle();
    key(window, { key: "ArrowLeft", altKey: true });
    await settle();
    expect(readingPath()).toBe("Career/이력서.md");
    // The first tab never went to 이력서: nothing to go back to there.
    click($$(".tab-bar .tab")[0]);
    await settle();
    expect(readingPath()).toBe("CS/Redis.md");
  });

  it("keeps the open tabs for next time and restores them", async () => {
    const { app, shell } = await start();
    await app.open("Career/이력서.md");
    await settle();
    $('#file-tree [data-path="Home.md"]')!.dispatchEvent(
      new MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ctrlKey: true }),
    );
    await settle();
    await new Promise((r) => setTimeout(r, 350));
    const kept = shell.kept;
    expect(kept?.panes[0].tabs.map((t) => t.paths)).toEqual([["CS/Redis.md", "Career/이력서.md"], ["Home.md"]]);
    expect(kept?.panes[0].active).toBe(1);
    if (component) unmount(component);
    component = null;
    document.body.innerHTML = "";
    const vault = sampleVault();
    vault.workspace = kept;
    await start(vault);
    expect(tabs()).toEqual(["Career/이력서.md", "Home.md"]);
    expect(readingPath()).toBe("Home.md");
  });

  it("splits a pane right and down, each with its own tabs, kept and restored", async () => {
    const { app, shell } = await start();
    await app.open("Career/이력서.md");
    await settle();
    // From the note's menu: open a linked note to the right.
    $('#reading-view a[data-path="CS/Redis.md"]')!.dispatchEvent(
      new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 20, clientY: 20 }),
    );
    await settle();
    click($$(".file-menu button").find((b) => b.textContent?.trim() === "Open to the right")!);
    await settle();
    const panes = () => $$("section.pane").map((p) => Array.from(p.querySelectorAll<HTMLElement>(".tab")).map((t) => t.dataset.path));
    expect(panes()).toEqual([["Career/이력서.md"], ["CS/Redis.md"]]);
    // The new pane is the live one; the other shows its note, read only.
    expect(readingPath()).toBe("CS/Redis.md");
    expect($(".pane .static-pane")?.dataset.path).toBe("Career/이력서.md");
    expect($(".static-pane .markdown-body")?.textContent).toContain("경력 요약");
    // Fetched again when its own note changes on disk, not for another's.
    const fetched = () => shell.called("note_view").filter((c) => c.args?.path === "Career/이력서.md").length;
    const before = fetched();
    shell.change({ modified: ["Home.md"] });
    await settle();
    expect(fetched()).toBe(before);
    shell.change({ modified: ["Career/이력서.md"] });
    await settle();
    expect(fetched()).toBe(before + 1);
    // Split down from the palette's command: the same note beneath.
    await app.run("split-down");
    await settle();
    expect(panes()).toEqual([["Career/이력서.md"], ["CS/Redis.md"], ["CS/Redis.md"]]);
    expect($(".split .split.column")).not.toBeNull();
    // A click on the first pane makes it the live one.
    click($(".static-pane[data-path='Career/이력서.md']")!);
    await settle();
    expect(readingPath()).toBe("Career/이력서.md");
    expect($$(".static-pane").length).toBe(2);
    await new Promise((r) => setTimeout(r, 350));
    const kept = shell.kept!;
    expect(kept.layout.map((n) => n.dir)).toEqual(["row", null, "column", null, null]);
    expect(kept.active).toBe(0);
    // Closing the last tab of a pane closes the pane.
    await app.closeTab(0, app.panes.list[2]);
    await settle();
    expect(panes()).toEqual([["Career/이력서.md"], ["CS/Redis.md"]]);
    expect($(".split.column")).toBeNull();
    // The divider moves with the arrow keys, as a slider, and is kept.
    const divider = $(".split > .divider")!;
    expect(divider.getAttribute("aria-valuenow")).toBe("50");
    key(divider, { key: "ArrowRight" });
    key(divider, { key: "ArrowRight" });
    await settle();
    expect(divider.getAttribute("aria-valuenow")).toBe("54");
    expect($$(".split > .share").map((el) => Number(el.style.flexGrow).toFixed(2))).toEqual(["0.54", "0.46"]);
    await new Promise((r) => setTimeout(r, 350));
    expect(shell.kept!.layout[0].sizes.map((x) => Math.round(x * 100))).toEqual([54, 46]);
    // A tab dragged onto the other pane's tab bar goes into that pane with
    // its history; the pane it leaves empty closes.
    const transfer = { setData: () => {}, getData: () => "", types: [], effectAllowed: "", dropEffect: "" };
    const drag = (el: Element, type: string) => {
      const e = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(e, "dataTransfer", { value: transfer });
      el.dispatchEvent(e);
    };
    const [first, second] = $$("section.pane");
    drag(second.querySelector(".tab")!, "dragstart");
    drag(first.querySelector(".tab-bar")!, "dragover");
    drag(first.querySelector(".tab-bar")!, "drop");
    await settle();
    expect(panes()).toEqual([["Career/이력서.md", "CS/Redis.md"]]);
    expect(readingPath(), "the tab moved is shown").toBe("CS/Redis.md");
    expect(activeTab()).toBe("CS/Redis.md");
    if (component) unmount(component);
    component = null;
    document.body.innerHTML = "";
    const vault = sampleVault();
    vault.workspace = kept;
    await start(vault);
    expect(panes()).toEqual([["Career/이력서.md"], ["CS/Redis.md"], ["CS/Redis.md"]]);
    expect(readingPath()).toBe("Career/이력서.md");
  });

  it("opens a link in a new tab with a middle click", async () => {
    const { app } = await start();
    await app.open("Career/이력서.md");
    await settle();
    $('#reading-view a[data-path="CS/Redis.md"]')!.dispatchEvent(
      new MouseEvent("auxclick", { bubbles: true, cancelable: true, button: 1 }),
    );
    await settle();
    expect(tabs()).toEqual(["Career/이력서.md", "CS/Redis.md"]);
    expect(readingPath()).toBe("CS/Redis.md");
  });

  it("gives a link and a tab the note's menu: a new tab, its path, a link to it", async () => {
    const { app } = await start();
    await app.open("Career/이력서.md");
    await settle();
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async (t: string) => void copied.push(t) },
    });
    const link = $('#reading-view a[data-path="CS/Redis.md"]')!;
    link.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 20, clientY: 20 }));
    await settle();
    expect($(".file-menu")).not.toBeNull();
    click($$(".file-menu button").find((b) => b.textContent?.trim() === "Copy path")!);
    await settle();
    expect(copied).toEqual(["CS/Redis.md"]);
    link.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 20, clientY: 20 }));
    await settle();
    click($$(".file-menu button").find((b) => b.textContent?.trim() === "Open in new tab")!);
    await settle();
    expect(tabs()).toEqual(["Career/이력서.md", "CS/Redis.md"]);
    // A tab's menu is its note's.
    $$(".tab-bar .tab")[0].dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 5, clientY: 5 }));
    await settle();
    click($$(".file-menu button").find((b) => b.textContent?.trim() === "Copy path")!);
    await settle();
    expect(copied).toEqual(["CS/Redis.md", "Career/이력서.md"]);
    Reflect.deleteProperty(navigator, "clipboard");
  });

  it("drags a tab to another place", async () => {
    const { app } = await start();
    await app.open("Home.md", undefined, { newTab: true });
    await settle();
    expect(tabs()).toEqual(["CS/Redis.md", "Home.md"]);
    app.moveTab(1, 0);
    await settle();
    expect(tabs()).toEqual(["Home.md", "CS/Redis.md"]);
    expect(activeTab()).toBe("Home.md");
  });
});

describe("pickers", () => {
  it("opens a note from the quick switcher by its initials", async () => {
    await start();
    key(window, { key: "o", code: "KeyO", ctrlKey: true });
    await settle();
    const input = $<HTMLInputElement>("#quick-switcher input")!;
    expect(document.activeElement).toBe(input);
    type(input, "ㅇㄹㅅ");
    await settle();
    expect($$("#quick-switcher [role=option] [data-path]").map((r) => r.dataset.path)[0]).toBe("Career/이력서.md");
    expect($("#quick-switcher [role=option] mark")?.textContent).toBe("이력서");
    key(input, { key: "Enter" });
    await settle();
    expect($("#quick-switcher")).toBeNull();
    expect(readingPath()).toBe("Career/이력서.md");
  });

  it("focuses the search box when the Search tab is clicked", async () => {
    await start();
    click($("#tab-search"));
    await settle();
    expect(document.activeElement?.id).toBe("search-input");
  });

  it("shows the file name, with the alias that matched beneath it", async () => {
    await start();
    key(window, { key: "o", code: "KeyO", ctrlKey: true });
    await settle();
    const input = $<HTMLInputElement>("#quick-switcher input")!;
    type(input, "레디스");
    await settle();
    const first = $("#quick-switcher [role=option]")!;
    expect(first.querySelector<HTMLElement>("[data-path]")?.dataset.path).toBe("CS/Redis.md");
    expect(first.querySelector(".title")?.textContent).toBe("Redis");
    expect(first.querySelector(".matched")?.textContent?.replace(/\s+/g, " ").trim()).toBe("alias 레디스");
    // Matched on the name itself: nothing beneath.
    type(input, "redis");
    await settle();
    expect($("#quick-switcher [role=option] .title mark")?.textContent).toBe("Redis");
    expect($("#quick-switcher [role=option] .matched")).toBeNull();
    key(input, { key: "Escape" });
    await settle();
  });

  it("opens the pick in a new tab with Ctrl+Enter, and offers to make a note no one has", async () => {
    const { shell } = await start();
    key(window, { key: "o", code: "KeyO", ctrlKey: true });
    await settle();
    let input = $<HTMLInputElement>("#quick-switcher input")!;
    type(input, "ㅇㄹㅅ");
    await settle();
    key(input, { key: "Enter", ctrlKey: true });
    await settle();
    expect($$(".tab-bar .tab").map((t) => t.dataset.path)).toEqual(["CS/Redis.md", "Career/이력서.md"]);
    // A name no note has: the last row makes it.
    key(window, { key: "o", code: "KeyO", ctrlKey: true });
    await settle();
    input = $<HTMLInputElement>("#quick-switcher input")!;
    type(input, "면접 회고");
    await settle();
    const last = $$("#quick-switcher [role=option]").pop()!;
    expect(last.querySelector<HTMLElement>("[data-create]")?.dataset.create).toBe("면접 회고");
    click(last);
    await settle();
    expect(shell.created.at(-1)).toMatch(/면접 회고\.md$/);
    // A name a note has: nothing to make.
    key(window, { key: "o", code: "KeyO", ctrlKey: true });
    await settle();
    type($("#quick-switcher input"), "redis");
    await settle();
    expect($("#quick-switcher [data-create]")).toBeNull();
  });

  it("ignores Enter while a Hangul syllable is being composed", async () => {
    await start();
    key(window, { key: "ㅐ", code: "KeyO", ctrlKey: true });
    await settle();
    const input = $<HTMLInputElement>("#quick-switcher input")!;
    type(input, "이력");
    key(input, { key: "Enter", isComposing: true });
    await settle();
    expect($("#quick-switcher")).not.toBeNull();
    key(input, { key: "Escape" });
    await settle();
    expect($("#quick-switcher")).toBeNull();
  });

  it("lists commands with shortcuts and runs them", async () => {
    await start();
    key(window, { key: "p", code: "KeyP", ctrlKey: true });
    await settle();
    const rows = $$("#command-palette .command-row");
    const back = rows.find((r) => r.dataset.command === "back")!;
    expect(back.querySelector("kbd")?.textContent).toBe("Alt+Left");
    expect(rows.some((r) => r.dataset.command === "command-palette")).toBe(false);
    const input = $<HTMLInputElement>("#command-palette input")!;
    type(input, "right side");
    await settle();
    expect($("#command-palette [role=option] .command-row")?.dataset.command).toBe("toggle-right");
    key(input, { key: "Enter" });
    await settle();
    expect($("#command-palette")).toBeNull();
    expect($("#right-sidebar")?.hidden).toBe(true);
  });
});

describe("the shell's events", () => {
  it("shows progress while the vault loads", async () => {
    const { shell } = await start();
    expect($("#progress")?.hidden).toBe(true);
    shell.emit("vault://progress", { phase: "scan", message: "Checking for changes", done: 0, total: 0 });
    await settle();
    expect($("#progress")?.hidden).toBe(false);
    expect($("#progress")?.textContent?.trim()).toBe("Checking for changes");
    expect($("#progress .bar.sliding")).not.toBeNull();
    expect($("#progress")?.getAttribute("aria-valuenow")).toBeNull();
    // A counted phase fills the bar.
    shell.emit("vault://progress", { phase: "index", message: "Indexing for search", done: 843, total: 2000 });
    await settle();
    expect($("#progress")?.textContent?.trim()).toBe("Indexing for search 42%");
    expect($("#progress")?.getAttribute("aria-valuenow")).toBe("42");
    expect($("#progress .sliding")).toBeNull();
    expect($<HTMLElement>("#progress .bar")?.style.width).toBe("42%");
    shell.emit("vault://progress", { phase: "ready", message: "", done: 0, total: 0 });
    await settle();
    expect($("#progress")?.hidden).toBe(true);
  });

  it("goes back to choosing a vault, saying why, when the vault folder is gone", async () => {
    const { shell } = await start();
    const message = "the vault folder /v is gone; stopped following it";
    shell.change({ vault_gone: true, warnings: [message] });
    await settle();
    expect($("[role=alert]")?.textContent).toBe(message);
    expect($("#file-tree")).toBeNull();
  });

  it("refreshes the tree and the open note on a change", async () => {
    const { shell } = await start();
    const before = shell.called("note_view").length;
    const vault = shell.vault;
    vault.tree = { ...vault.tree, children: [...vault.tree.children, { name: "새 노트.md", path: "새 노트.md", kind: "note", note_count: 1, file_count: 1, children: [] }] };
    vault.notes["CS/Redis.md"] = { ...vault.notes["CS/Redis.md"], html: "<p>바뀐 내용</p>" };
    shell.change({ added: ["새 노트.md"], modified: ["CS/Redis.md"] });
    await settle();
    expect($('#file-tree button[data-path="새 노트.md"]')?.textContent?.trim()).toBe("새 노트");
    expect(shell.called("note_view").length).toBe(before + 1);
    expect($("#reading-view .markdown-body")?.textContent).toBe("바뀐 내용");
  });

  it("says so when the open note is deleted, still showing what it said", async () => {
    const { shell } = await start();
    delete shell.vault.notes["CS/Redis.md"];
    shell.forget();
    shell.change({ removed: ["CS/Redis.md"] });
    await settle();
    expect($("#reading-view .error")?.textContent).toBe("This note was deleted. What it said is still shown here.");
    expect($("#reading-view .markdown-body")?.textContent).toContain("인메모리 저장소.");
    expect(readingPath()).toBe("CS/Redis.md");
    expect(counts(shell)).not.toHaveProperty("note_view");
    // Written again at the same path: shown again, fresh.
    shell.vault.notes["CS/Redis.md"] = { ...sampleVault().notes["CS/Redis.md"], html: "<p>다시</p>" };
    shell.change({ added: ["CS/Redis.md"] });
    await settle();
    expect($("#reading-view .error")).toBeNull();
    expect($("#reading-view .markdown-body")?.textContent).toBe("다시");
  });

  it("shows the shell's warnings", async () => {
    const { shell } = await start();
    shell.change({ modified: ["Home.md"], warnings: ["search index not updated: disk full"] });
    await settle();
    expect($(".toast")?.textContent?.trim()).toBe("search index not updated: disk full");
  });
});

describe("live updates fetch only what changed", () => {
  const delta = graphDelta;
  const edge = (source: string, target: string): GraphEdge => ({ source, target, target_kind: "note", links: 1, embeds: 0 });

  /** Start, with the unlinked mentions open if asked, then count from zero. */
  async function ready(opts: { unlinked?: boolean; vault?: FakeVault } = {}) {
    const started = await start(opts.vault);
    if (opts.unlinked) {
      click($(".backlinks .toggle"));
      await settle();
    }
    started.shell.forget();
    return started;
  }

  it("leaves the open note alone when another note changes (unlinked mentions closed)", async () => {
    const { shell } = await ready();
    shell.change({ modified: ["Home.md"], graph: delta({}) });
    await settle();
    expect(counts(shell)).toEqual({ tags: 1 });
    // Without the graph, backlinks may have changed: they are fetched, nothing else of the note.
    shell.forget();
    shell.change({ modified: ["Home.md"] });
    await settle();
    expect(counts(shell)).toEqual({ tags: 1, backlinks: 1 });
  });

  it("scans for unlinked mentions again when another note changes, if they are open", async () => {
    const { shell } = await ready({ unlinked: true });
    const mentions = shell.vault.backlinks["CS/Redis.md"];
    mentions.unlinked = [{ source: "Career/이력서.md", source_title: "이력서", line: 1, snippet: "Redis 경험", highlights: [[0, 5]] }, ...mentions.unlinked];
    shell.change({ modified: ["Career/이력서.md"], graph: delta({}) });
    await settle();
    // 이력서 is a backlink source: its lines may have changed too.
    expect(counts(shell)).toEqual({ tags: 1, backlinks: 1, unlinked_mentions: 1 });
    expect($$("#backlinks-unlinked .mention").map((m) => m.dataset.path)).toEqual(["Career/이력서.md", "Home.md", "Home.md"]);
  });

  it("refetches only the view and outgoing links when the open note itself changes", async () => {
    const { shell } = await ready({ unlinked: true });
    shell.vault.notes["CS/Redis.md"] = { ...shell.vault.notes["CS/Redis.md"], html: "<p>바뀐 내용</p>" };
    shell.change({ modified: ["CS/Redis.md"] });
    await settle();
    expect(counts(shell)).toEqual({ tags: 1, note_view: 1, outgoing: 1 });
    expect($("#reading-view .markdown-body")?.textContent).toBe("바뀐 내용");
  });

  it("scans for unlinked mentions again when the open note's title changes", async () => {
    const { shell } = await ready({ unlinked: true });
    shell.vault.notes["CS/Redis.md"] = { ...shell.vault.notes["CS/Redis.md"], title: "Redis 정리" };
    shell.change({ modified: ["CS/Redis.md"] });
    await settle();
    expect(counts(shell)).toEqual({ tags: 1, note_view: 1, outgoing: 1, unlinked_mentions: 1 });
  });

  it("reloads the open note's backlinks when an edge to it is added", async () => {
    const { shell } = await ready();
    const mentions = shell.vault.backlinks["CS/Redis.md"];
    mentions.linked = [...mentions.linked, { source: "Home.md", source_title: "Home", line: 2, snippet: "Redis 공부", highlights: [[0, 5]] }];
    shell.change({ modified: ["Home.md"], graph: delta({ edges_added: [edge("Home.md", "CS/Redis.md")] }) });
    await settle();
    expect(counts(shell)).toEqual({ tags: 1, backlinks: 1 });
    expect($$("#backlinks-linked .group").map((g) => g.dataset.path)).toEqual(["Career/이력서.md", "Home.md"]);
  });

  it("follows the open note when it is renamed, and so does the history", async () => {
    const { shell } = await ready();
    click($('#file-tree button[data-path="Home.md"]'));
    await settle();
    click($("#nav-back"));
    await settle();
    expect(readingPath()).toBe("CS/Redis.md");
    const v = shell.vault;
    v.notes["DB/Redis.md"] = { ...v.notes["CS/Redis.md"], path: "DB/Redis.md" };
    delete v.notes["CS/Redis.md"];
    v.backlinks["DB/Redis.md"] = v.backlinks["CS/Redis.md"];
    v.tree = {
      ...v.tree,
      children: [
        { name: "DB", path: "DB", kind: "folder", note_count: 1, file_count: 1, children: [{ name: "Redis.md", path: "DB/Redis.md", kind: "note", note_count: 1, file_count: 1, children: [] }] },
        ...v.tree.children.filter((c) => c.path !== "CS"),
      ],
    };
    shell.forget();
    shell.change({ removed: ["CS/Redis.md"], added: ["DB/Redis.md"], renamed: [["CS/Redis.md", "DB/Redis.md"]] });
    await settle();
    expect(readingPath()).toBe("DB/Redis.md");
    expect($("#reading-view .error")).toBeNull();
    expect(shell.called("note_view").map((c) => c.args?.path)).toEqual(["DB/Redis.md"]);
    expect($('#file-tree [aria-current="page"]')?.dataset.path).toBe("DB/Redis.md");
    expect(localStorage.getItem("hanji:last-note:/vaults/sample")).toBe("DB/Redis.md");
    click($("#nav-forward"));
    await settle();
    expect(readingPath()).toBe("Home.md");
    click($("#nav-back"));
    await settle();
    expect(readingPath()).toBe("DB/Redis.md");
    expect($("#reading-view .error")).toBeNull();
  });

  it("reloads the tree and counts, nothing else, when an attachment is added", async () => {
    const { shell } = await ready({ unlinked: true });
    shell.change({ graph: delta({ nodes_added: [{ id: "photo.png", kind: "attachment" }] }) });
    await settle();
    expect(counts(shell)).toEqual({ vault_info: 1, file_tree: 1 });
  });

  it("asks the search on screen again when a note is added", async () => {
    const { shell } = await ready();
    click($('[data-tab="search"]'));
    type($("#search-input"), "자료구조");
    await settle(30);
    shell.forget();
    shell.change({ added: ["New.md"], graph: delta({ nodes_added: [{ id: "New.md", kind: "note" }] }) });
    await settle();
    expect(shell.called("search").map((c) => c.args)).toEqual([{ query: "자료구조", limit: 20 }]);
    // A note came: the calendar looks for a new daily note too.
    expect(counts(shell)).toEqual({ vault_info: 1, file_tree: 1, tags: 1, search: 1, daily_calendar: 1 });
  });

  it("turns a burst of changes during an unlinked scan into one more scan", async () => {
    const { shell } = await ready({ unlinked: true });
    const scans = shell.hold("unlinked_mentions");
    shell.change({ modified: ["Home.md"] });
    await settle();
    expect(scans.waiting).toBe(1);
    for (const path of ["a.md", "b.md", "c.md"]) shell.change({ modified: [path] });
    await settle();
    expect(shell.called("unlinked_mentions")).toHaveLength(1);
    await scans.next();
    expect(shell.called("unlinked_mentions")).toHaveLength(2);
    await scans.release();
    expect(shell.called("unlinked_mentions")).toHaveLength(2);
    expect(shell.peak.unlinked_mentions).toBe(1);
    expect(shell.peak.backlinks).toBe(1);
  });

  it("lets a scan for the next note replace one still running for the last", async () => {
    const { shell } = await ready({ unlinked: true });
    shell.vault.backlinks["Home.md"] = { linked: [], unlinked: [{ source: "CS/Redis.md", source_title: "Redis", line: 1, snippet: "Home", highlights: [[0, 4]] }] };
    const scans = shell.hold("unlinked_mentions");
    shell.change({ modified: ["Career/이력서.md"] });
    await settle();
    click($('#file-tree button[data-path="Home.md"]'));
    await settle();
    expect(shell.called("unlinked_mentions").map((c) => c.args?.path)).toEqual(["CS/Redis.md", "Home.md"]);
    await scans.release();
    expect(readingPath()).toBe("Home.md");
    expect($$("#backlinks-unlinked .mention").map((m) => m.dataset.path)).toEqual(["CS/Redis.md"]);
    expect(shell.called("unlinked_mentions")).toHaveLength(2);
  });

  it("brings the vault up to date on the way back from the vault chooser", async () => {
    const { app, shell } = await ready();
    await app.run("open-vault");
    await settle();
    shell.change({ modified: ["Home.md"] });
    await settle();
    expect(counts(shell)).not.toHaveProperty("tags");
    click($("#open-vault .cancel"));
    await settle();
    expect(counts(shell)).toMatchObject({ tags: 1, file_tree: 1, note_view: 1 });
  });

  it("fetches the open note once more, never twice at once, when it changes while loading", async () => {
    const { shell } = await ready();
    const views = shell.hold("note_view");
    for (let i = 0; i < 3; i++) shell.change({ modified: ["CS/Redis.md"] });
    await settle();
    expect(views.waiting).toBe(1);
    await views.next();
    expect(views.waiting).toBe(1);
    await views.release();
    expect(shell.called("note_view")).toHaveLength(2);
    expect(shell.peak.note_view).toBe(1);
  });

  it("never overwrites a document with unsaved edits", async () => {
    const { app, shell } = await ready();
    app.documents.offer("CS/Redis.md", { text: "# Redis", hash: "h1" });
    app.documents.edit("CS/Redis.md", "# Redis, edited");
    shell.change({ modified: ["CS/Redis.md"] });
    await settle();
    expect(app.documents.get("CS/Redis.md")).toMatchObject({ text: "# Redis, edited", dirty: true, conflict: true });
  });
});

describe("file operations", () => {
  const row = (path: string) => $(`#file-tree [data-path="${path}"]`);

  it("renames a note in place with F2, through the shell's plan", async () => {
    const { shell } = await start();
    key(row("CS/Redis.md")!, { key: "F2" });
    await settle();
    const field = $<HTMLInputElement>("#file-tree input.rename-field")!;
    expect(field.value).toBe("Redis");
    field.value = "Redis 운영";
    key(field, { key: "Enter" });
    await settle();
    expect(shell.called("plan_operation").map((c) => c.args?.op)).toEqual([
      { kind: "move", from: "CS/Redis.md", to: "CS/Redis 운영.md" },
    ]);
    // Only the file itself changes: no preview, done at once, with Undo offered.
    expect(shell.operations).toEqual([{ kind: "move", from: "CS/Redis.md", to: "CS/Redis 운영.md" }]);
    expect($(".toast .message")?.textContent).toBe("Renamed CS/Redis.md to CS/Redis 운영.md");
    click($(".toast-action"));
    await settle();
    expect(shell.operations).toEqual([]);
    expect(shell.called("undo_operation")).toHaveLength(1);
  });

  it("shows the notes whose links change before it renames, and cancels", async () => {
    const vault = sampleVault();
    vault.planFor = (op) => ({
      label: "Rename Redis.md to 캐시.md",
      moves: op.kind === "move" ? [{ from: op.from, to: op.to }] : [],
      deletes: [],
      notes: [
        { path: "Career/이력서.md", path_after: "Career/이력서.md", count: 2 },
        { path: "Home.md", path_after: "Home.md", count: 1 },
      ],
      edit_count: 3,
      adopted: 0,
      unresolved: 0,
      always_update_links: false,
    });
    const { shell } = await start(vault);
    key(row("CS/Redis.md")!, { key: "F2" });
    await settle();
    const field = $<HTMLInputElement>("#file-tree input.rename-field")!;
    field.value = "캐시";
    key(field, { key: "Enter" });
    await settle();
    const dialog = $(".operation-dialog")!;
    expect(dialog.textContent).toContain("3 links in 2 notes will be rewritten");
    expect($$(".operation-dialog li").map((li) => li.dataset.path)).toEqual(["Career/이력서.md", "Home.md"]);
    expect(shell.operations).toEqual([]);
    key(dialog, { key: "Escape" });
    await settle();
    expect($(".operation-dialog")).toBeNull();
    expect(shell.operations).toEqual([]);
    // Again, and yes this time.
    key(row("CS/Redis.md")!, { key: "F2" });
    await settle();
    $<HTMLInputElement>("#file-tree input.rename-field")!.value = "캐시";
    key($("#file-tree input.rename-field")!, { key: "Enter" });
    await settle();
    click($(".operation-dialog .confirm"));
    await settle();
    expect(shell.operations).toEqual([{ kind: "move", from: "CS/Redis.md", to: "CS/캐시.md" }]);
    expect($(".toast .message")?.textContent).toBe("Renamed Redis.md to 캐시.md · 3 links in 2 notes updated");
  });

  it("deletes only after a yes, from the row's menu", async () => {
    const { shell } = await start();
    row("CS/Redis.md")!.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
    await settle();
    const items = $$(".file-menu button").map((b) => b.textContent?.trim());
    expect(items).toEqual([
      "Open in new tab",
      "Open to the right",
      "Reveal in file tree",
      "Copy path",
      "Copy link",
      "New note here",
      "New folder here",
      "Rename note…",
      "Move note to…",
      "Delete note",
    ]);
    click($$(".file-menu button").find((b) => b.textContent?.trim() === "Delete note")!);
    await settle();
    expect($(".operation-dialog")?.textContent).toContain("will go to the vault's trash");
    expect(shell.operations).toEqual([]);
    click($(".operation-dialog .confirm"));
    await settle();
    expect(shell.operations).toEqual([{ kind: "delete", path: "CS/Redis.md" }]);
  });

  it("never lets the web view's own menu open, but leaves text fields theirs", async () => {
    await start();
    const menu = (el: Element) => {
      const e = new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 10, clientY: 10 });
      el.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(menu($("#reading-view")!)).toBe(true);
    expect(menu(document.body)).toBe(true);
    // The tree's own menu opens instead.
    expect(menu(row("CS/Redis.md")!)).toBe(true);
    await settle();
    expect($(".file-menu")).not.toBeNull();
    key($(".file-menu button")!, { key: "Escape" });
    await settle();
    const input = document.createElement("input");
    document.body.append(input);
    expect(menu(input)).toBe(false);
    input.remove();
  });

  it("moves a note into a folder by drag and drop", async () => {
    const { shell } = await start();
    const data = new Map<string, string>();
    const transfer = {
      setData: (t: string, v: string) => data.set(t, v),
      getData: (t: string) => data.get(t) ?? "",
      get types() {
        return [...data.keys()];
      },
      effectAllowed: "",
      dropEffect: "",
    };
    const drag = (el: Element, type: string) => {
      const e = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(e, "dataTransfer", { value: transfer });
      el.dispatchEvent(e);
    };
    drag(row("CS/Redis.md")!, "dragstart");
    drag(row("Career")!, "dragover");
    drag(row("Career")!, "drop");
    await settle();
    expect(shell.operations).toEqual([{ kind: "move", from: "CS/Redis.md", to: "Career/Redis.md" }]);
  });

  it("makes a new note where newFileLocation says, with a free Untitled name", async () => {
    const vault = sampleVault();
    vault.newNoteFolder = "current";
    const { shell, app } = await start(vault);
    await app.run("new-note");
    await settle();
    expect(shell.called("new_note_folder").map((c) => c.args?.current)).toEqual(["CS/Redis.md"]);
    expect(shell.created).toEqual(["CS/Untitled.md"]);
    expect(app.nav.path).toBe("CS/Untitled.md");
    expect(app.layout.editing).toBe(true);
  });

  it("makes a new folder, with a first note, and names it in place", async () => {
    const { shell, app } = await start();
    await app.run("new-folder");
    await settle();
    expect(shell.created).toEqual(["Untitled/Untitled.md"]);
    expect(app.fileops.renaming).toBe("Untitled");
  });

  it("renames the note's file from its title (double-click)", async () => {
    const { shell } = await start();
    $("#note-title")!.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
    await settle();
    const field = $<HTMLInputElement>(".title-rename input")!;
    expect(field.value).toBe("Redis");
    field.value = "레디스";
    key(field, { key: "Enter" });
    await settle();
    expect(shell.operations).toEqual([{ kind: "move", from: "CS/Redis.md", to: "CS/레디스.md" }]);
  });

  it("creates the note an unresolved link names and opens it to write", async () => {
    localStorage.setItem("hanji:last-note:/vaults/sample", "Career/이력서.md");
    const { shell, app } = await start();
    const unresolved = $("#reading-view a.unresolved")!;
    expect(unresolved.title).toBe("Not created yet: click to create it");
    click(unresolved);
    await settle();
    expect(shell.created).toEqual(["없는 노트.md"]);
    expect(app.nav.path).toBe("없는 노트.md");
    expect(app.layout.editing).toBe(true);
  });
});

describe("renames done outside Hanji", () => {
  it("offers to update the links a rename outside left behind, and not for Hanji's own", async () => {
    const vault = sampleVault();
    vault.planFor = (op) => ({
      label: "Update the links to CS/캐시.md (renamed from CS/Redis.md outside Hanji)",
      moves: [],
      deletes: [],
      notes: op.kind === "relink" ? [{ path: "Career/이력서.md", path_after: "Career/이력서.md", count: 2 }] : [],
      edit_count: op.kind === "relink" ? 2 : 0,
      adopted: 0,
      unresolved: 0,
      always_update_links: false,
    });
    const { shell } = await start(vault);
    shell.change({ removed: ["Home.md"], added: ["Start.md"], renamed: [["Home.md", "Start.md"]], operation: "Rename Home.md to Start.md" });
    await settle();
    expect(shell.called("plan_operation")).toHaveLength(0);
    shell.change({ removed: ["CS/Redis.md"], added: ["CS/캐시.md"], renamed: [["CS/Redis.md", "CS/캐시.md"]] });
    await settle();
    expect(shell.called("plan_operation").map((c) => c.args?.op)).toEqual([
      { kind: "relink", pairs: [["CS/Redis.md", "CS/캐시.md"]] },
    ]);
    expect($(".toast .message")?.textContent).toBe(
      "CS/Redis.md was renamed to CS/캐시.md outside Hanji: 2 links in 1 note no longer lead to it",
    );
    click($(".toast-action"));
    await settle();
    expect($$(".operation-dialog li").map((li) => li.dataset.path)).toEqual(["Career/이력서.md"]);
    click($(".operation-dialog .confirm"));
    await settle();
    expect(shell.operations).toEqual([{ kind: "relink", pairs: [["CS/Redis.md", "CS/캐시.md"]] }]);
  });
});

describe("daily notes", () => {
  it("opens today's note from the top bar, made once, with the cursor at the end of its template", async () => {
    const { shell, app } = await start();
    click($("#open-daily"));
    await settle();
    expect(shell.called("open_daily").map((c) => c.args?.date)).toEqual([null]);
    expect(shell.created).toEqual(["Daily/2025-02-20.md"]);
    expect(app.nav.path).toBe("Daily/2025-02-20.md");
    expect(app.layout.editing).toBe(true);
    // The editor opens on it (its code may take a few turns to load) with
    // the cursor at the end of the template.
    for (let i = 0; i < 50 && !app.editor?.snapshot().text; i++) await settle();
    const opened = app.editor?.snapshot();
    expect(opened?.text.length).toBeGreaterThan(0);
    expect(opened?.cursor).toBe(opened?.text.length);
    // Again: the same note, not a second one, and no cursor move over what was written.
    await app.run("daily-today");
    await settle();
    expect(shell.created).toEqual(["Daily/2025-02-20.md"]);
    expect(app.takeCursorAtEnd("Daily/2025-02-20.md")).toBe(false);
  });

  it("goes to the previous and next daily note, skipping days without one", async () => {
    const vault = sampleVault();
    for (const day of ["2025-02-10", "2025-02-13", "2025-02-19"]) {
      vault.notes[`Daily/${day}.md`] = { path: `Daily/${day}.md`, title: day, html: `<p>${day}</p>`, properties: [], outline: [], tags: [] };
    }
    const { app } = await start(vault);
    await app.run("daily-previous");
    await settle();
    expect(app.nav.path).toBe("Daily/2025-02-19.md");
    await app.run("daily-previous");
    await settle();
    expect(app.nav.path).toBe("Daily/2025-02-13.md");
    await app.run("daily-next");
    await settle();
    expect(app.nav.path).toBe("Daily/2025-02-19.md");
  });
});

describe("calendar", () => {
  it("shows a month with dots on the days that have a note, and opens or makes a day's note", async () => {
    const vault = sampleVault();
    vault.notes["Daily/2025-02-13.md"] = { path: "Daily/2025-02-13.md", title: "2025-02-13", html: "<p>x</p>", properties: [], outline: [], tags: [] };
    const { shell, app } = await start(vault);
    await settle();
    const day = (date: string) => $(`#calendar button[data-date="${date}"]`);
    expect(day("2025-02-13")?.querySelector(".dot")).not.toBeNull();
    expect(day("2025-02-14")?.querySelector(".dot")).toBeNull();
    expect(day("2025-02-20")?.classList.contains("today")).toBe(true);
    expect($$("#calendar thead th").map((th) => th.textContent)).toEqual(["", "일", "월", "화", "수", "목", "금", "토"]);
    click(day("2025-02-14"));
    await settle();
    expect(shell.called("open_daily").map((c) => c.args?.date)).toEqual(["2025-02-14"]);
    expect(app.nav.path).toBe("Daily/2025-02-14.md");
    click($('#calendar button[aria-label="Next month"]'));
    await settle();
    expect(shell.called("daily_calendar").at(-1)?.args?.month).toBe("2025-03");
  });

  it("opens today's note at launch when daily-notes.json says autorun", async () => {
    const vault = sampleVault();
    vault.autorun = true;
    const { app } = await start(vault);
    await settle();
    expect(app.nav.path).toBe("Daily/2025-02-20.md");
  });
});

describe("settings", () => {
  it("opens with Mod+, and writes each setting as it changes, showing what the shell refused", async () => {
    const { shell } = await start();
    key(window, { key: ",", ctrlKey: true });
    await settle();
    expect($('[role="dialog"][aria-label="Settings"]')).not.toBeNull();
    expect($$(".section-tab").map((b) => b.textContent)).toEqual(["Files and links", "Daily notes", "Hotkeys"]);
    // The folder for new notes shows only when they go to a chosen folder.
    expect($('[data-setting="app.json newFileFolderPath"]')).toBeNull();
    const location = $<HTMLSelectElement>("#setting-app-newFileLocation")!;
    location.value = "folder";
    location.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(shell.called("write_setting").map((c) => c.args)).toEqual([
      { file: "app.json", key: "newFileLocation", value: "folder" },
    ]);
    expect($('[data-setting="app.json newFileFolderPath"]')).not.toBeNull();
    // Excluded files are edited one a line and written as a list.
    const filters = $<HTMLTextAreaElement>("#setting-app-userIgnoreFilters")!;
    filters.value = "Archive/\n\n보관함/";
    filters.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(shell.called("write_setting").at(-1)?.args).toEqual({
      file: "app.json",
      key: "userIgnoreFilters",
      value: ["Archive/", "보관함/"],
    });

    click($$(".section-tab")[1]);
    await settle();
    expect($("#daily-preview")?.textContent).toContain("Daily/2025-02-20.md");
    const autorun = $<HTMLInputElement>("#setting-daily-notes-autorun")!;
    autorun.click();
    await settle();
    expect(shell.called("write_setting").at(-1)?.args).toEqual({ file: "daily-notes.json", key: "autorun", value: true });
    expect($('[data-setting="daily-notes.json autorun"] .saved')?.textContent).toContain(".obsidian/daily-notes.json");
    const hour = $<HTMLSelectElement>("#setting-hanji-dayStartHour")!;
    expect(Array.from(hour.options).map((o) => o.textContent).slice(0, 2)).toEqual(["00:00", "01:00"]);
    hour.value = "4";
    hour.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(shell.called("write_setting").at(-1)?.args).toEqual({ file: "hanji.json", key: "dayStartHour", value: 4 });
    // A value the shell refuses: said on the row, and nothing else changes.
    const format = $<HTMLInputElement>("#setting-daily-notes-format")!;
    type(format, "  ");
    format.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect($('[data-setting="daily-notes.json format"] [role="alert"]')?.textContent).toBe("format takes text");
    key(window, { key: "Escape" });
    key($('[role="dialog"]')!, { key: "Escape" });
    await settle();
    expect($('[role="dialog"][aria-label="Settings"]')).toBeNull();
  });

  it("shows a settings file that is not valid JSON, and leaves its settings alone", async () => {
    const vault = sampleVault();
    vault.settings = [
      fakeSetting("daily-notes.json", "format", "Daily notes", "text", "YYYY-MM-DD", "daily-notes.json is not valid JSON"),
    ];
    await start(vault);
    click($("#open-settings"));
    await settle();
    const input = $<HTMLInputElement>("#setting-daily-notes-format")!;
    expect(input.disabled).toBe(true);
    expect($('[data-setting="daily-notes.json format"] [role="alert"]')?.textContent).toContain("not valid JSON");
  });
});

describe("appearance", () => {
  it("follows the vault's theme, font size and readable line length", async () => {
    const vault = sampleVault();
    vault.settings = [
      fakeSetting("appearance.json", "theme", "Appearance", "choice", "obsidian"),
      fakeSetting("appearance.json", "baseFontSize", "Appearance", "number", 19),
      fakeSetting("app.json", "readableLineLength", "Appearance", "bool", false),
    ];
    await start(vault);
    await settle();
    const root = document.documentElement;
    expect(root.dataset.theme).toBe("dark");
    expect(root.style.getPropertyValue("--note-font-size")).toBe("19px");
    expect(root.dataset.readable).toBe("false");
  });

  it("keeps hardware acceleration for the next launch, and says how the window draws now", async () => {
    const vault = sampleVault();
    vault.settings = [fakeSetting("appearance.json", "theme", "Appearance", "choice", "obsidian")];
    const { shell } = await start(vault);
    click($("#open-settings"));
    await settle();
    click($$(".section-tab").find((b) => b.textContent === "Appearance")!);
    await settle();
    expect($("#rendering-now")?.textContent).toContain("Now off: no GPU was found");
    expect($("#rendering-now")?.textContent).not.toContain("Restart");
    const select = $<HTMLSelectElement>("#setting-hardware-acceleration")!;
    expect(select.value).toBe("auto");
    select.value = "on";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(shell.called("set_hardware_acceleration").map((c) => c.args)).toEqual([{ preference: "on" }]);
    expect($("#rendering-now")?.textContent).toContain("Restart Hanji to apply the change.");
    expect($("#rendering-now")?.textContent).toContain("Now off");
  });

  it("reads the editor settings from app.json", async () => {
    const vault = sampleVault();
    vault.settings = [
      fakeSetting("app.json", "showLineNumber", "Editor", "bool", true),
      fakeSetting("app.json", "autoPairBrackets", "Editor", "bool", false),
      fakeSetting("app.json", "useTab", "Editor", "bool", false),
      fakeSetting("app.json", "tabSize", "Editor", "number", 2),
    ];
    const { app } = await start(vault);
    await settle();
    expect(app.appearance).toMatchObject({ lineNumbers: true, pairBrackets: false, useTab: false, tabSize: 2 });
  });

  it("has no line numbers, pairs brackets and indents with tabs of 4 by Obsidian's defaults", async () => {
    const { app } = await start();
    await settle();
    expect(app.appearance).toMatchObject({ lineNumbers: false, pairBrackets: true, useTab: true, tabSize: 4 });
  });

  it("is light, 16 px and readable by Obsidian's defaults", async () => {
    await start();
    await settle();
    const root = document.documentElement;
    // jsdom has no matchMedia: the system's scheme reads as light.
    expect(root.dataset.theme).toBe("light");
    expect(root.style.getPropertyValue("--note-font-size")).toBe("16px");
    expect(root.dataset.readable).toBe("true");
  });
});

describe("hotkeys", () => {
  it("rebinds a command in the settings, written under Obsidian's id, and runs it by its new keys", async () => {
    const { shell } = await start();
    click($("#open-settings"));
    await settle();
    click($$(".section-tab").find((b) => b.textContent === "Hotkeys")!);
    await settle();
    const row = () => $('.hotkey-row[data-command="daily-today"]')!;
    const kbds = () => Array.from(row().querySelectorAll("kbd")).map((k) => k.textContent);
    expect(row().dataset.hotkeyId).toBe("daily-notes");
    expect(kbds()).toEqual(["Ctrl+Shift+D"]);
    click(row().querySelector<HTMLElement>(".add")!);
    await settle();
    // A modifier alone waits; then the key, by its physical place (a Korean layout's ㅇ is D).
    key(row().querySelector(".recording")!, { key: "Control", ctrlKey: true });
    key(row().querySelector(".recording")!, { key: "ㅇ", code: "KeyD", ctrlKey: true, altKey: true });
    await settle();
    expect(shell.called("write_hotkey").at(-1)?.args).toEqual({
      command: "daily-notes",
      hotkeys: [
        { modifiers: ["Mod", "Shift"], key: "D" },
        { modifiers: ["Mod", "Alt"], key: "D" },
      ],
    });
    expect(kbds()).toEqual(["Ctrl+Shift+D", "Ctrl+Alt+D"]);
    // The default taken away, the new one kept.
    click(row().querySelector<HTMLElement>('[aria-label^="Remove Ctrl+Shift+D"]')!);
    await settle();
    expect(shell.hotkeysSet.commands).toEqual([{ command: "daily-notes", hotkeys: [{ modifiers: ["Mod", "Alt"], key: "D" }] }]);
    key($('[role="dialog"][aria-label="Settings"]')!, { key: "Escape" });
    await settle();
    const before = shell.called("open_daily").length;
    key(window, { key: "D", code: "KeyD", ctrlKey: true, shiftKey: true });
    await settle();
    expect(shell.called("open_daily").length, "the old keys do nothing now").toBe(before);
    key(window, { key: "d", code: "KeyD", ctrlKey: true, altKey: true });
    await settle();
    expect(shell.called("open_daily").length).toBe(before + 1);
    // Back to the default.
    click($("#open-settings"));
    await settle();
    click($$(".section-tab").find((b) => b.textContent === "Hotkeys")!);
    await settle();
    click(row().querySelector<HTMLElement>(".reset")!);
    await settle();
    expect(shell.hotkeysSet.commands).toEqual([]);
    expect(kbds()).toEqual(["Ctrl+Shift+D"]);
  });
});

describe("templates", () => {
  it("inserts a template picked from the templates folder at the cursor, as one change", async () => {
    const vault = sampleVault();
    vault.sources = { "Home.md": "# Home\n" };
    vault.templates = { folder: "Templates", notes: { "Templates/회의.md": "## 안건\n", "Templates/주간/리뷰.md": "## 리뷰\n" } };
    const { shell, app } = await start(vault);
    await app.open("Home.md");
    await app.run("insert-template");
    await settle();
    expect(app.layout.editing).toBe(true);
    expect($$("#template-picker .template-row").map((r) => r.textContent)).toEqual(["주간/리뷰", "회의"]);
    const input = $<HTMLInputElement>("#template-picker input")!;
    type(input, "ㅎㅇ");
    await settle();
    expect($$("#template-picker .template-row").map((r) => r.textContent)).toEqual(["회의"]);
    key(input, { key: "Enter" });
    // The editor loads (lazily) while the picker is open.
    await vi.waitFor(() => expect(shell.called("insert_template")).toHaveLength(1), { timeout: 4000 });
    await settle();
    expect(shell.called("insert_template").map((c) => c.args)).toEqual([
      { path: "Home.md", template: "Templates/회의.md", text: "# Home\n", cursor: 0 },
    ]);
    expect(app.editor?.snapshot()).toEqual({ text: "## 안건\n# Home\n", cursor: "## 안건\n".length });
    expect($("#template-picker")).toBeNull();
  });

  it("says where to set a templates folder when none is set", async () => {
    const vault = sampleVault();
    vault.sources = { "Home.md": "# Home\n" };
    const { app } = await start(vault);
    await app.open("Home.md");
    await app.run("insert-template");
    await settle();
    expect($("#template-picker")?.textContent).toContain("No template folder is set: choose one in Settings → Templates");
  });
});
