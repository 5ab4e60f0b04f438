// @vitest-environment jsdom
// The file tree with a folder of 10,000 notes open: only a window of rows is
// in the page, and the keys, type-ahead and the open note still reach every
// row. jsdom lays nothing out (the tree's scroller is 0 px high), so the tree
// renders its fallback of 200 rows from where it is scrolled.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TreeNode } from "../api";
import { FakeShell, sampleVault, settle } from "../test/fake-shell";

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

const N = 10_000;
const ROW = 26;
const name = (i: number) => `n${String(i).padStart(5, "0")}`;
const leaf = (path: string): TreeNode => ({ name: path.split("/").pop()!, path, kind: "note", note_count: 1, file_count: 1, children: [] });

let component: ReturnType<typeof mount> | null = null;

/** The sample vault with a folder `Big` of N notes after `Career`, opened. */
async function start() {
  const vault = sampleVault();
  const big: TreeNode = {
    name: "Big",
    path: "Big",
    kind: "folder",
    note_count: N,
    file_count: N,
    children: Array.from({ length: N }, (_, i) => leaf(`Big/${name(i)}.md`)),
  };
  const [cs, career, ...rest] = vault.tree.children;
  vault.tree = { ...vault.tree, children: [cs, career, big, ...rest] };
  vault.notes["Big/n05000.md"] = { ...vault.notes["Home.md"], path: "Big/n05000.md", title: "n05000" };
  shell.current = new FakeShell(vault);
  const app = new AppState();
  const target = document.body.appendChild(document.createElement("div"));
  component = mount(App, { target, props: { app } });
  await settle();
  app.vault.toggleFolder("Big");
  await settle();
  return { app };
}

const $ = (selector: string) => document.querySelector<HTMLElement>(selector);
const rows = () => Array.from(document.querySelectorAll<HTMLElement>('#file-tree [role="treeitem"]'));
const focused = () => (document.activeElement as HTMLElement | null)?.dataset.path;
const nav = () => $("#file-tree")!;
const press = (key: string) =>
  document.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
// Rows: CS, CS/Redis.md, Career, Big, then Big's notes from index 4, Home.md, diagram.png.
const TOTAL = N + 6;

beforeEach(() => localStorage.clear());

afterEach(() => {
  vi.restoreAllMocks();
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = "";
});

describe("a file tree of 10,000 notes", () => {
  it("puts only a window of rows in the page, in a list as tall as all of them", async () => {
    await start();
    const shown = rows();
    expect(shown.length).toBeGreaterThan(100);
    expect(shown.length).toBeLessThan(300);
    expect($('#file-tree [role="tree"]')!.style.height).toBe(`${TOTAL * ROW}px`);
    // Each row says where it is in the tree, as a nested list would.
    const first = $('#file-tree [data-path="Big/n00000.md"]')!;
    expect([first.getAttribute("aria-level"), first.getAttribute("aria-posinset"), first.getAttribute("aria-setsize")]).toEqual(["2", "1", `${N}`]);
    expect($('#file-tree button[data-path="Big"]')!.getAttribute("aria-expanded")).toBe("true");
    expect($('#file-tree [data-path="Big/n09999.md"]')).toBeNull();
  });

  it("shows the rows where it is scrolled to", async () => {
    await start();
    nav().scrollTop = 5000 * ROW;
    nav().dispatchEvent(new Event("scroll"));
    await settle();
    expect($('#file-tree [data-path="Big/n05000.md"]')).not.toBeNull();
    expect($('#file-tree [data-path="Big/n00100.md"]')).toBeNull();
    expect(rows().length).toBeLessThan(300);
  });

  it("moves with the keys past the rows in the page, scrolling to them", async () => {
    await start();
    // The last of Big's rows in the page, then the one after it, not there yet.
    const big = rows().filter((r) => r.dataset.path!.startsWith("Big/"));
    const last = big[big.length - 1];
    const edge = Number(last.getAttribute("aria-posinset"));
    expect($(`#file-tree [data-path="Big/${name(edge)}.md"]`)).toBeNull();
    last.focus();
    press("ArrowDown");
    await settle();
    expect(focused()).toBe(`Big/${name(edge)}.md`);
    expect(nav().scrollTop).toBeGreaterThan(0);
    for (let i = 0; i < 12; i++) {
      press("ArrowDown");
      await settle();
    }
    expect(focused()).toBe(`Big/${name(edge + 12)}.md`);
    press("End");
    await settle();
    expect(focused()).toBe("diagram.png");
    press("ArrowUp");
    await settle();
    expect(focused()).toBe("Home.md");
    // Left from a note far down: its folder, at the top.
    press("ArrowUp");
    await settle();
    press("ArrowLeft");
    await settle();
    expect(focused()).toBe("Big");
    press("End");
    await settle();
    press("Home");
    await settle();
    expect(focused()).toBe("CS");
    expect(nav().scrollTop).toBe(0);
    expect(rows().length).toBeLessThan(300);
  });

  it("jumps by name to rows far from the window", async () => {
    await start();
    $('#file-tree button[data-path="Big"]')!.focus();
    for (const key of "n09998") press(key);
    await settle();
    expect(focused()).toBe("Big/n09998.md");
    // A moment later a new word starts.
    const later = Date.now() + 1000;
    vi.spyOn(Date, "now").mockReturnValue(later);
    press("h");
    await settle();
    expect(focused()).toBe("Home.md");
  });

  it("keeps the focused row in the page, and focused, when the list scrolls away from it", async () => {
    await start();
    const row = $('#file-tree [data-path="Big/n00003.md"]')!;
    row.focus();
    nav().scrollTop = 8000 * ROW;
    nav().dispatchEvent(new Event("scroll"));
    await settle();
    expect($('#file-tree [data-path="Big/n08000.md"]')).not.toBeNull();
    expect(document.activeElement).toBe(row);
    expect(row.tabIndex).toBe(0);
    press("ArrowDown");
    await settle();
    expect(focused()).toBe("Big/n00004.md");
  });

  it("scrolls the open note's row into view when it is not rendered", async () => {
    const { app } = await start();
    expect($('#file-tree [data-path="Big/n05000.md"]')).toBeNull();
    await app.open("Big/n05000.md");
    await settle();
    const row = $('#file-tree [aria-current="page"]')!;
    expect(row.dataset.path).toBe("Big/n05000.md");
    // Its index is 5004 (below CS, Redis, Career and Big): in the 200 rows from the top.
    const top = 5004 * ROW;
    expect(nav().scrollTop).toBeLessThanOrEqual(top);
    expect(nav().scrollTop + 200 * ROW).toBeGreaterThanOrEqual(top + ROW);
    expect($('#file-tree [data-path="Big/n04990.md"]')).not.toBeNull();
    expect(row.tabIndex).toBe(0);
  });
});
