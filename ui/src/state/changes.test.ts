// The rules for live updates as a table: each row an event and what is on
// screen, and everything the plan fetches again (anything not named is not).
import { describe, expect, it } from "vitest";
import type { GraphEdge, NoteView, VaultChanged } from "../api";
import { changeEvent, graphDelta } from "../test/fake-shell";
import { embedsOf, everything, NOTHING, plan, type OnScreen, type Plan } from "./changes";

const CURRENT = "CS/Redis.md";

const screen = (s: Partial<OnScreen> = {}): OnScreen => ({
  path: CURRENT,
  deleted: false,
  backlinkSources: new Set(["Career/이력서.md"]),
  embeds: new Set(),
  unlinkedOpen: false,
  tagSelected: false,
  ...s,
});

// The rows "without the graph" are events from shells before the graph
// delta: the generated VaultChanged requires `graph` now, but plan() still
// reads such events, so they are cast.
const event = changeEvent;
const delta = graphDelta;

const edge = (source: string, target: string): GraphEdge => ({
  source,
  target,
  target_kind: "note",
  links: 1,
  embeds: 0,
});

/** What every change to a note's content reloads, wherever it is. */
const NOTES = { tags: true, search: true, switcher: true } as const;
/** Notes came or went. */
const STRUCTURE = { tree: true, info: true } as const;

interface Row {
  name: string;
  event: Partial<VaultChanged>;
  screen?: Partial<OnScreen>;
  fetches: Partial<Plan>;
}

const rows: Row[] = [
  // ---- Without the graph (older shells): coarser rules ----
  {
    name: "another note modified: not the note, its outgoing links or unlinked mentions (closed), but backlinks",
    event: { modified: ["Home.md"] },
    fetches: { ...NOTES, linked: true, unlinkedStale: true },
  },
  {
    name: "another note modified with unlinked mentions open: they are scanned again",
    event: { modified: ["Home.md"] },
    screen: { unlinkedOpen: true },
    fetches: { ...NOTES, linked: true, unlinked: true },
  },
  {
    name: "only the current note modified: its view and outgoing links, no backlinks, no unlinked scan",
    event: { modified: [CURRENT] },
    screen: { unlinkedOpen: true },
    fetches: { ...NOTES, note: true, outgoing: true },
  },
  {
    name: "a note added: tree, counts, and the current note's links may resolve to it",
    event: { added: ["New.md"] },
    fetches: { ...NOTES, ...STRUCTURE, note: true, outgoing: true, linked: true, unlinkedStale: true },
  },
  {
    name: "a selected tag's notes follow note changes",
    event: { modified: ["Home.md"] },
    screen: { tagSelected: true },
    fetches: { ...NOTES, tagNotes: true, linked: true, unlinkedStale: true },
  },
  {
    name: "an event naming no note is about attachments: the tree and counts only",
    event: {},
    fetches: { ...STRUCTURE },
  },
  {
    name: "warnings and nothing named: everything on screen",
    event: { warnings: ["an internal error interrupted a change; the vault was read again from disk"] },
    screen: { tagSelected: true },
    fetches: everything(screen({ tagSelected: true })),
  },

  // ---- With the graph ----
  {
    name: "another note modified, not linking here: no backlinks either",
    event: { modified: ["Home.md"], graph: delta({}) },
    fetches: { ...NOTES, unlinkedStale: true },
  },
  {
    name: "an edge to the current note added: its backlinks",
    event: { modified: ["Home.md"], graph: delta({ edges_added: [edge("Home.md", CURRENT)] }) },
    fetches: { ...NOTES, linked: true, unlinkedStale: true },
  },
  {
    name: "an edge to the current note removed: its backlinks",
    event: { modified: ["Home.md"], graph: delta({ edges_removed: [edge("Home.md", CURRENT)] }) },
    fetches: { ...NOTES, linked: true, unlinkedStale: true },
  },
  {
    name: "a note shown as a backlink modified: its lines may have changed",
    event: { modified: ["Career/이력서.md"], graph: delta({}) },
    fetches: { ...NOTES, linked: true, unlinkedStale: true },
  },
  {
    name: "a note modified while backlinks load: they are fetched again",
    event: { modified: ["Home.md"], graph: delta({}) },
    screen: { backlinkSources: null },
    fetches: { ...NOTES, linked: true, unlinkedStale: true },
  },
  {
    name: "an edge from the current note changed: its view and outgoing links",
    event: {
      added: ["없는 노트.md"],
      graph: delta({
        nodes_added: [{ id: "없는 노트.md", kind: "note" }],
        edges_removed: [{ ...edge(CURRENT, "없는 노트"), target_kind: "ghost" }],
        edges_added: [edge(CURRENT, "없는 노트.md")],
      }),
    },
    fetches: { ...NOTES, ...STRUCTURE, note: true, outgoing: true, unlinkedStale: true },
  },
  {
    name: "a note added that links nowhere here: tree and counts, not the current note",
    event: { added: ["New.md"], graph: delta({ nodes_added: [{ id: "New.md", kind: "note" }] }) },
    fetches: { ...NOTES, ...STRUCTURE, unlinkedStale: true },
  },
  {
    name: "an attachment added: the tree and counts, nothing about notes",
    event: { graph: delta({ nodes_added: [{ id: "img.png", kind: "attachment" }] }) },
    fetches: { ...STRUCTURE },
  },
  {
    name: "a ghost appearing is no change to the tree",
    event: { modified: ["Home.md"], graph: delta({ nodes_added: [{ id: "Nowhere", kind: "ghost" }], edges_added: [{ ...edge("Home.md", "Nowhere"), target_kind: "ghost" }] }) },
    fetches: { ...NOTES, unlinkedStale: true },
  },
  {
    name: "an embedded note modified: the view, not the outgoing links",
    event: { modified: ["Embedded.md"], graph: delta({}) },
    screen: { embeds: new Set(["Embedded.md"]) },
    fetches: { ...NOTES, note: true, unlinkedStale: true },
  },
  {
    name: "an empty graph delta and nothing named: nothing",
    event: { graph: delta({}) },
    fetches: {},
  },

  // ---- The current note moved, deleted, back ----
  {
    name: "the current note renamed: follow it",
    event: { removed: [CURRENT], added: ["DB/Redis.md"], renamed: [[CURRENT, "DB/Redis.md"]] },
    fetches: { ...NOTES, ...STRUCTURE, follow: "DB/Redis.md" },
  },
  {
    name: "the current note deleted: keep it, marked, nothing fetched for it",
    event: { removed: [CURRENT] },
    fetches: { ...NOTES, ...STRUCTURE, deleted: true },
  },
  {
    name: "after deletion, other changes leave the kept note alone",
    event: { modified: ["Home.md"] },
    screen: { deleted: true, unlinkedOpen: true },
    fetches: { ...NOTES },
  },
  {
    name: "a note written at the deleted note's path: everything for it",
    event: { added: [CURRENT] },
    screen: { deleted: true, unlinkedOpen: true },
    fetches: { ...NOTES, ...STRUCTURE, note: true, outgoing: true, linked: true, unlinked: true },
  },
  {
    name: "no note on screen: only the vault's lists",
    event: { modified: ["Home.md"] },
    screen: { path: null, backlinkSources: null },
    fetches: { ...NOTES },
  },
  {
    name: "Hanji's own save: the same rules",
    event: { modified: [CURRENT], own_write: true },
    fetches: { ...NOTES, note: true, outgoing: true },
  },
];

describe("plan", () => {
  it.each(rows)("$name", (row) => {
    expect(plan(event(row.event), screen(row.screen))).toEqual({ ...NOTHING, ...row.fetches });
  });

  it("reloads everything for the Reload command, with unlinked mentions only when open", () => {
    expect(everything(screen({ unlinkedOpen: true }))).toMatchObject({ note: true, linked: true, unlinked: true, unlinkedStale: false });
    expect(everything(screen({ path: null }))).toMatchObject({ tree: true, note: false, unlinked: false });
  });
});

describe("embedsOf", () => {
  const view = (html: string): NoteView => ({ path: "a.md", title: "a", html, properties: [], outline: [], tags: [] });

  it("finds embedded notes at any depth, with escaped paths", () => {
    const html =
      `<div class="embed" data-path="A.md"><p>A has </p>` +
      `<div class="embed" data-path="Folder/B &amp; C.md" data-anchor="x"><p>B</p></div></div>` +
      `<a class="internal-link" data-path="Linked.md">not embedded</a>`;
    expect([...embedsOf(view(html))]).toEqual(["A.md", "Folder/B & C.md"]);
    expect(embedsOf(null).size).toBe(0);
  });
});
