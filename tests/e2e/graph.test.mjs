// End-to-end tests of the graph view in the real Hanji window (issue 15):
// the global graph of vault-sample has the nodes and edges `hanji graph
// --view` prints for the same vault and settings; a colour group of
// .obsidian/graph.json colours its nodes (read from the rendered pixels);
// clicking a node opens its note; the local graph at depth 2 holds the
// neighbourhood the CLI gives; a link added to a note adds the edge live.
// Each test puts back what it changed (graph.json, a note). The rules of
// app.test.mjs hold.
import { after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { app, browser, closeModals, endApp, expandPanel, it, register, screenshotPng, shot, showSidebars, startApp, suite, until, vault } from "./harness.mjs";
import { centreOfColour, countColour, decodePng } from "./png.mjs";

const cli = join(dirname(app), "hanji");

/** What `hanji graph --view` prints for the test vault now. */
function cliGraph(...args) {
  return JSON.parse(execFileSync(cli, ["graph", vault, "--view", "--json", "--no-cache", ...args], { encoding: "utf8" }));
}

async function openGraph() {
  await closeModals();
  const canvas = await browser.$("#graph-view .graph-canvas");
  if (!(await canvas.isExisting())) await (await browser.$("#open-graph")).click();
  await canvas.waitForExist({ timeout: 10000 });
  await until(async () => Number(await canvas.getAttribute("data-nodes")) > 0, "the graph drawn", 20000);
  return canvas;
}

async function closeGraph() {
  const close = await browser.$('#graph-view button[aria-label="Close the graph"]');
  if (await close.isExisting()) await close.click();
}

/** Writes graph.json (null: removes it) and makes the open graph read it again. */
async function withGraphJson(json, body) {
  const file = join(vault, ".obsidian", "graph.json");
  const before = existsSync(file) ? readFileSync(file) : null;
  try {
    if (json === null) rmSync(file, { force: true });
    else writeFileSync(file, JSON.stringify(json, null, 2));
    await closeGraph();
    await body();
  } finally {
    await closeGraph();
    if (before) writeFileSync(file, before);
    else rmSync(file, { force: true });
  }
}

suite("Graph view", () => {
  beforeEach(async () => {
    if (!browser) await startApp();
    await closeModals();
    await showSidebars();
  });
  after(endApp);

  it("shows the nodes and edges hanji graph --view gives, and settles", async () => {
    await withGraphJson(null, async () => {
      const expected = cliGraph();
      const canvas = await openGraph();
      assert.equal(Number(await canvas.getAttribute("data-nodes")), expected.nodes.length);
      assert.equal(Number(await canvas.getAttribute("data-edges")), expected.edges.length);
      await until(async () => (await canvas.getAttribute("data-settled")) === "true", "the layout settled", 40000);
      const renderer = await canvas.getAttribute("data-renderer");
      assert.ok(renderer === "webgl" || renderer === "canvas", renderer);
      // A window drawn without compositing draws the graph with Canvas 2D:
      // its WebGL canvases go blank after their first frame there.
      const drawing = await browser.executeAsync((done) => window.__TAURI_INTERNALS__.invoke("rendering").then((r) => done(r.now)));
      if (!drawing.accelerated) assert.equal(renderer, "canvas", `drawn without compositing (${drawing.reason})`);
      console.log(`# graph renderer: ${renderer}; first frame ${await canvas.getAttribute("data-first-frame-ms")} ms`);
      await shot("graph-global");
      // Filtered as graph.json says: tags as nodes, orphans hidden.
      await closeGraph();
    });
    await withGraphJson({ showTags: true, showOrphans: false, search: "path:CS/" }, async () => {
      const expected = cliGraph();
      const canvas = await openGraph();
      await until(async () => Number(await canvas.getAttribute("data-nodes")) === expected.nodes.length, "the filtered graph");
      assert.equal(Number(await canvas.getAttribute("data-edges")), expected.edges.length);
      assert.ok(expected.nodes.some((n) => n.kind === "tag"), "tags are nodes");
    });
  });

  it("colours a group's nodes in its colour", async () => {
    const magenta = 0xe0218a;
    const pixels = async () => {
      const canvas = await openGraph();
      await until(async () => (await canvas.getAttribute("data-settled")) === "true", "the layout settled", 40000);
      await new Promise((r) => setTimeout(r, 500));
      const png = decodePng(screenshotPng());
      const box = await browser.execute(() => {
        const r = document.querySelector("#graph-view .graph-canvas").getBoundingClientRect();
        return { x: r.x * devicePixelRatio, y: r.y * devicePixelRatio, width: r.width * devicePixelRatio, height: r.height * devicePixelRatio };
      });
      return countColour(png, magenta, box);
    };
    await withGraphJson({ colorGroups: [] }, async () => {
      assert.equal(await pixels(), 0, "nothing that colour without the group");
    });
    await withGraphJson({ colorGroups: [{ query: "path:CS/", color: { a: 1, rgb: magenta } }] }, async () => {
      const n = await pixels();
      await shot("graph-groups");
      const inGroup = cliGraph().nodes.filter((x) => x.group === 0).length;
      assert.ok(inGroup >= 5, `${inGroup} CS notes`);
      assert.ok(n >= inGroup * 4, `${n} pixels of the group's colour for ${inGroup} nodes`);
      const legend = await browser.$("#graph-view .legend");
      assert.match(await legend.getText(), /path:CS\//);
    });
  });

  it("draws the same graph with Canvas 2D when WebGL is not to be used", async () => {
    const hanjiJson = join(vault, ".obsidian", "hanji.json");
    const before = readFileSync(hanjiJson);
    const teal = 0x12a4a4;
    try {
      writeFileSync(hanjiJson, JSON.stringify({ ...JSON.parse(before.toString()), graphRenderer: "canvas" }, null, 2));
      await withGraphJson({ colorGroups: [{ query: "path:Interview/", color: { a: 1, rgb: teal } }] }, async () => {
        const expected = cliGraph();
        const canvas = await openGraph();
        assert.equal(await canvas.getAttribute("data-renderer"), "canvas");
        assert.equal(Number(await canvas.getAttribute("data-nodes")), expected.nodes.length);
        assert.equal(Number(await canvas.getAttribute("data-edges")), expected.edges.length);
        await until(async () => (await canvas.getAttribute("data-settled")) === "true", "settled", 40000);
        await new Promise((r) => setTimeout(r, 500));
        const png = decodePng(screenshotPng());
        const box = await browser.execute(() => {
          const r = document.querySelector("#graph-view .graph-canvas").getBoundingClientRect();
          return { x: r.x * devicePixelRatio, y: r.y * devicePixelRatio, width: r.width * devicePixelRatio, height: r.height * devicePixelRatio };
        });
        const inGroup = expected.nodes.filter((x) => x.group === 0).length;
        assert.ok(countColour(png, teal, box) >= inGroup * 4, `${inGroup} Interview notes drawn in the group's colour`);
        await shot("graph-canvas");
      });
    } finally {
      writeFileSync(hanjiJson, before);
    }
  });

  it("saves the graph's settings as a preset file and applies it again", async () => {
    const presets = join(vault, ".obsidian", "graph-presets");
    await withGraphJson({ search: "path:Interview/", showTags: true }, async () => {
      try {
        const canvas = await openGraph();
        await (await browser.$('#graph-view button[aria-label="Graph settings"]')).click();
        const view = await browser.$("#graph-view");
        const section = await view.$("summary=Presets");
        await section.click();
        // Typed as an input event (WebKitWebDriver's typing into a field
        // scrolled into the panel is not what is tested here).
        const fill = (selector, value) =>
          browser.execute(
            (selector, value) => {
              const input = document.querySelector(selector);
              input.value = value;
              input.dispatchEvent(new Event("input", { bubbles: true }));
            },
            selector,
            value,
          );
        await fill('#graph-view input[aria-label="New preset\'s name"]', "interview");
        await (await view.$("button=Save")).click();
        const file = join(presets, "interview.json");
        await until(() => existsSync(file), "the preset's file in the vault");
        const saved = JSON.parse(readFileSync(file, "utf8"));
        assert.equal(saved.search, "path:Interview/");
        assert.equal(saved.showTags, true);
        // Another filter, then the preset back.
        const search = await browser.$("#graph-search");
        await fill("#graph-search", "path:CS/");
        const graphJson = join(vault, ".obsidian", "graph.json");
        await until(() => JSON.parse(readFileSync(graphJson, "utf8")).search === "path:CS/", "the new filter written");
        await (await browser.$('#graph-view select[aria-label="Preset"]')).selectByAttribute("value", "interview");
        await (await view.$("button=Apply")).click();
        await until(() => JSON.parse(readFileSync(graphJson, "utf8")).search === "path:Interview/", "the preset applied");
        const expected = cliGraph();
        await until(async () => Number(await canvas.getAttribute("data-nodes")) === expected.nodes.length, "the preset's graph");
        assert.equal(await search.getValue(), "path:Interview/");
      } finally {
        rmSync(presets, { recursive: true, force: true });
      }
    });
  });

  it("opens the note of a node clicked", async () => {
    // One note alone, drawn in the middle: a click there opens it.
    await withGraphJson({ search: "file:career-goal" }, async () => {
      const expected = cliGraph();
      assert.deepEqual(expected.nodes.map((n) => n.id), ["Career/career-goal.md"]);
      const canvas = await openGraph();
      await until(async () => Number(await canvas.getAttribute("data-nodes")) === 1, "one node");
      await until(async () => (await canvas.getAttribute("data-settled")) === "true", "settled", 20000);
      await new Promise((r) => setTimeout(r, 400));
      await canvas.moveTo();
      await canvas.click();
      await until(async () => (await (await browser.$("#reading-view, #editor")).getAttribute("data-path")) === "Career/career-goal.md", "the note opened");
      assert.equal(await (await browser.$("#graph-view")).isExisting(), false, "the graph gave the pane back");
    });
  });

  it("moves a dragged node where it is dropped and pins it there", async () => {
    // The notes of Career/, one of them red; the red node is dragged away
    // and must stay where it was dropped while the layout runs around it
    // (its gravity would pull a free node back), and the drag opens nothing.
    const red = 0xe0202a;
    await withGraphJson({ search: "path:Career/", colorGroups: [{ query: "file:career-goal", color: { a: 1, rgb: red } }] }, async () => {
      const canvas = await openGraph();
      await until(async () => (await canvas.getAttribute("data-settled")) === "true", "settled", 40000);
      await new Promise((r) => setTimeout(r, 500));
      // The canvas above the legend (whose swatch is red too).
      const box = await browser.execute(() => {
        const r = document.querySelector("#graph-view .graph-canvas").getBoundingClientRect();
        const legend = document.querySelector("#graph-view .legend")?.getBoundingClientRect();
        const bottom = legend ? Math.min(r.bottom, legend.top) : r.bottom;
        return { x: r.x, y: r.y, width: r.width, height: bottom - r.y, ratio: devicePixelRatio };
      });
      const find = async () => {
        const png = decodePng(screenshotPng());
        const k = box.ratio;
        const at = centreOfColour(png, red, { x: box.x * k, y: box.y * k, width: box.width * k, height: box.height * k });
        return at && { x: at.x / k, y: at.y / k, n: at.n };
      };
      const from = await find();
      assert.ok(from && from.n >= 4, `the red node is drawn (${JSON.stringify(from)})`);
      // Towards the middle of the free side of the canvas.
      const to = {
        x: Math.round(from.x < box.x + box.width / 2 ? from.x + box.width / 4 : from.x - box.width / 4),
        y: Math.round(from.y < box.y + box.height / 2 ? from.y + box.height / 5 : from.y - box.height / 5),
      };
      const steps = 12;
      const moves = Array.from({ length: steps }, (_, i) => ({
        type: "pointerMove",
        duration: 16,
        origin: "viewport",
        x: Math.round(from.x + ((to.x - from.x) * (i + 1)) / steps),
        y: Math.round(from.y + ((to.y - from.y) * (i + 1)) / steps),
      }));
      await browser.performActions([
        {
          type: "pointer",
          id: "mouse",
          parameters: { pointerType: "mouse" },
          actions: [
            { type: "pointerMove", duration: 0, origin: "viewport", x: Math.round(from.x), y: Math.round(from.y) },
            { type: "pointerDown", button: 0 },
            { type: "pause", duration: 50 },
            ...moves,
            { type: "pointerUp", button: 0 },
          ],
        },
      ]);
      await browser.releaseActions();
      // The layout ran around the pinned node, and stopped.
      await until(async () => (await canvas.getAttribute("data-settled")) === "true", "settled after the drag", 40000);
      await new Promise((r) => setTimeout(r, 500));
      await shot("graph-dragged");
      const now = await find();
      assert.ok(now, "the red node is still drawn");
      const off = Math.hypot(now.x - to.x, now.y - to.y);
      assert.ok(off <= 8, `the node is where it was dropped: ${JSON.stringify({ from, to, now })}`);
      assert.ok(await (await browser.$("#graph-view")).isExisting(), "the drag opened no note");
    });
  });

  it("shows a note's local graph at depth 2, as the CLI gives it", async () => {
    const note = "Interview/Redis.md";
    const hanjiJson = join(vault, ".obsidian", "hanji.json");
    const before = readFileSync(hanjiJson);
    try {
      await closeGraph();
      await (await browser.$("#file-tree")).waitForExist();
      const { openNote } = await import("./harness.mjs");
      await openNote("Interview/Redis", note);
      await expandPanel("panel-local-graph");
      const list = await browser.$("#local-graph ul");
      await list.waitForExist({ timeout: 20000 });
      await browser.execute(() => {
        const depth = document.querySelector('#local-graph input[type="range"]');
        depth.value = "2";
        depth.dispatchEvent(new Event("input", { bubbles: true }));
        depth.dispatchEvent(new Event("change", { bubbles: true }));
      });
      const expected = cliGraph("--local", note, "--depth", "2").nodes.map((n) => n.id).sort();
      await until(async () => {
        const ids = await browser.execute(() => [...document.querySelectorAll("#local-graph li[data-id]")].map((li) => li.dataset.id));
        return JSON.stringify(ids.sort()) === JSON.stringify(expected);
      }, `the depth-2 neighbourhood ${expected.join(", ")}`, 15000);
      const centre = await browser.$(`#local-graph li[data-id="${note}"]`);
      assert.equal(await centre.getAttribute("data-distance"), "0");
      assert.ok(JSON.parse(readFileSync(hanjiJson, "utf8")).localGraph.depth === 2, "kept in hanji.json");
      await (await browser.$("#local-graph")).scrollIntoView();
      await shot("graph-local");
    } finally {
      writeFileSync(hanjiJson, before);
      const button = await browser.$("#panel-local-graph-title button");
      if ((await button.getAttribute("aria-expanded")) === "true") await button.click();
    }
  });

  it("adds an edge live when a note gains a link", async () => {
    await withGraphJson(null, async () => {
      const file = join(vault, "Career", "career-goal.md");
      const made = join(vault, "Graph live 새 노트.md");
      const original = readFileSync(file);
      try {
        const canvas = await openGraph();
        await until(async () => (await canvas.getAttribute("data-settled")) === "true", "settled", 40000);
        const edges = Number(await canvas.getAttribute("data-edges"));
        const nodes = Number(await canvas.getAttribute("data-nodes"));
        // A link to a note career-goal does not link to yet.
        assert.ok(!original.toString().includes("[[Hostile]]"));
        const started = Date.now();
        writeFileSync(file, Buffer.concat([original, Buffer.from("\n\nSee [[Hostile]].\n")]));
        await until(async () => Number(await canvas.getAttribute("data-edges")) === edges + 1, "the new edge", 5000);
        console.log(`# edge live after ${Date.now() - started} ms`);
        assert.equal(Number(await canvas.getAttribute("data-nodes")), nodes, "no node added or lost");
        // It came as what changed, not as the whole graph again.
        assert.equal(await canvas.getAttribute("data-update"), "delta");
        // A new note that links to it: one node and one edge more; deleted,
        // both go again.
        writeFileSync(made, "# 새 노트\n\n[[Hostile]]\n");
        await until(async () => Number(await canvas.getAttribute("data-nodes")) === nodes + 1, "the new note's node", 5000);
        assert.equal(Number(await canvas.getAttribute("data-edges")), edges + 2);
        rmSync(made);
        await until(async () => Number(await canvas.getAttribute("data-nodes")) === nodes, "the note's node gone", 5000);
        assert.equal(Number(await canvas.getAttribute("data-edges")), edges + 1);
        assert.equal(await canvas.getAttribute("data-update"), "delta");
      } finally {
        writeFileSync(file, original);
        rmSync(made, { force: true });
      }
    });
  });
});

register();
