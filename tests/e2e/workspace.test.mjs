// End-to-end tests of the workspace (issue 16) in the real window: tabs
// opened, cycled and closed with the keys and the mouse, kept across a
// restart of the app; the interface zoom kept across a restart; the app's
// own context menu instead of the web view's; page previews with Ctrl
// held; the quick switcher's recent notes and file names; the image
// viewer; the bundled font. Rules as in app.test.mjs.
import { after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { browser, closeModals, endApp, it, openNote, register, shot, showSidebars, startApp, suite, until, vault } from "./harness.mjs";

const CTRL = "\uE009";
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
/**
 * The pointer moved onto `el` with Ctrl held all along, in one action chain
 * (WebKit's driver lets a held key go when its chain ends, so a key held
 * in one chain is up again when the next one moves the pointer).
 */
async function hoverWithCtrl(el) {
  await browser.performActions([
    { type: "key", id: "keyboard", actions: [{ type: "keyDown", value: CTRL }, { type: "pause", duration: 0 }, { type: "pause", duration: 300 }, { type: "keyUp", value: CTRL }] },
    {
      type: "pointer",
      id: "mouse",
      parameters: { pointerType: "mouse" },
      actions: [{ type: "pause", duration: 0 }, { type: "pointerMove", origin: { [ELEMENT]: el.elementId }, x: 0, y: 0, duration: 50 }, { type: "pause", duration: 300 }, { type: "pause", duration: 0 }],
    },
  ]);
  // Without it, keys typed later lose their Shift (and text its Hangul).
  await browser.releaseActions();
}

const tabs = () => browser.execute(() => [...document.querySelectorAll(".tab-bar .tab")].map((t) => t.dataset.path));
const activeTab = () => browser.execute(() => document.querySelector(".tab-bar .tab.active")?.dataset.path ?? null);
const shown = () => browser.execute(() => document.querySelector("#reading-view, #editor")?.dataset.path ?? null);

/** Closes tabs (Ctrl+W) until one is left. */
async function oneTab() {
  for (let i = 0; i < 20 && (await tabs()).length > 1; i++) {
    await closeModals();
    await browser.keys(["Control", "w"]);
    await new Promise((r) => setTimeout(r, 150));
  }
  assert.equal((await tabs()).length, 1);
}

async function restart() {
  // The tabs are kept 300 ms after the last change.
  await new Promise((r) => setTimeout(r, 800));
  await endApp();
  await startApp();
}

suite("Tabs and the workspace", () => {
  beforeEach(async () => {
    if (!browser) await startApp();
    await closeModals();
    await showSidebars();
  });
  after(endApp);

  it("opens, cycles and closes tabs, and restores them after a restart", async () => {
    await oneTab();
    await openNote("CS/Redis", "CS/Redis.md");
    // Ctrl+click on a link opens it in a new tab, after this one. (A
    // middle click does too, but WebKit's WebDriver sends its release and
    // click as the left button's, so it is tested in the component tests.)
    const link = await browser.$('#reading-view .markdown-body a[data-path$=".md"]');
    await link.waitForExist({ timeout: 5000 });
    const target = await link.getAttribute("data-path");
    assert.notEqual(target, "CS/Redis.md");
    await browser.performActions([{ type: "key", id: "keyboard", actions: [{ type: "keyDown", value: "\uE009" }] }]);
    await link.click();
    await browser.releaseActions();
    await until(async () => (await tabs()).length === 2, "a second tab");
    assert.deepEqual(await tabs(), ["CS/Redis.md", target]);
    await until(async () => (await shown()) === target, "the link's note in the new tab");
    // Ctrl+Tab goes back to the first; its note is there again.
    await browser.keys(["Control", "Tab"]);
    await until(async () => (await shown()) === "CS/Redis.md", "the first tab's note");
    assert.equal(await activeTab(), "CS/Redis.md");
    // Ctrl+T: a new tab, and the quick switcher to fill it.
    await browser.keys(["Control", "t"]);
    const input = await browser.$("#quick-switcher input");
    await input.waitForDisplayed({ timeout: 5000 });
    assert.deepEqual(await tabs(), ["CS/Redis.md", "", target]);
    await input.setValue("Home");
    await until(async () => (await browser.$('#quick-switcher [data-path="Home.md"]')).isExisting(), "Home in the switcher");
    await (await browser.$('#quick-switcher [data-path="Home.md"]')).click();
    await until(async () => (await shown()) === "Home.md", "Home in the new tab");
    assert.deepEqual(await tabs(), ["CS/Redis.md", "Home.md", target]);
    await shot("tabs");
    // Ctrl+W closes it; the tab to its right shows.
    await browser.keys(["Control", "w"]);
    await until(async () => (await tabs()).length === 2, "the tab closed");
    await until(async () => (await shown()) === target, "the next tab's note");
    await restart();
    await until(async () => (await tabs()).length === 2, "the tabs restored", 15000);
    assert.deepEqual(await tabs(), ["CS/Redis.md", target]);
    assert.equal(await activeTab(), target);
    await until(async () => (await shown()) === target, "the active tab's note after the restart");
    await oneTab();
  });

  it("opens a note to the right in a pane of its own, and restores the split after a restart", async () => {
    await oneTab();
    await openNote("CS/Redis", "CS/Redis.md");
    const link = await browser.$('#reading-view .markdown-body a[data-path$=".md"]');
    await link.waitForExist({ timeout: 5000 });
    const target = await link.getAttribute("data-path");
    await link.click({ button: "right" });
    await (await browser.$(".file-menu")).waitForDisplayed({ timeout: 5000 });
    const item = await browser.$('//div[contains(@class,"file-menu")]//button[normalize-space()="Open to the right"]');
    await item.click();
    const panes = () =>
      browser.execute(() => [...document.querySelectorAll("section.pane")].map((p) => [...p.querySelectorAll(".tab")].map((t) => t.dataset.path)));
    await until(async () => (await panes()).length === 2, "a second pane");
    assert.deepEqual(await panes(), [["CS/Redis.md"], [target]]);
    await until(async () => (await shown()) === target, "the linked note live in the new pane");
    // The first pane still shows its note, side by side with the second.
    const sides = await browser.execute(() => [...document.querySelectorAll("section.pane")].map((p) => Math.round(p.getBoundingClientRect().left)));
    assert.ok(sides[1] > sides[0] + 200, `side by side: ${sides}`);
    await until(async () => /Redis/.test(await (await browser.$(".static-pane .markdown-body")).getText()), "the other pane's note");
    // The divider between them, dragged 150 px to the left, gives the
    // first pane that much less room (and is kept).
    const widths = () => browser.execute(() => [...document.querySelectorAll("section.pane")].map((p) => Math.round(p.getBoundingClientRect().width)));
    const [left, right] = await widths();
    assert.ok(Math.abs(left - right) <= 2, `even halves at first: ${left}, ${right}`);
    const divider = await browser.$(".split > .divider");
    const at = await browser.execute((el) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
    }, divider);
    await browser.performActions([
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [
          { type: "pointerMove", duration: 0, origin: "viewport", x: at.x, y: at.y },
          { type: "pointerDown", button: 0 },
          ...[1, 2, 3, 4, 5].map((k) => ({ type: "pointerMove", duration: 20, origin: "viewport", x: at.x - 30 * k, y: at.y })),
          { type: "pointerUp", button: 0 },
        ],
      },
    ]);
    await browser.releaseActions();
    await until(async () => Math.abs((await widths())[0] - (left - 150)) <= 3, "the first pane 150 px narrower");
    const dragged = await widths();
    assert.ok(Math.abs(dragged[1] - (right + 150)) <= 3, `the second pane wider by as much: ${dragged}`);
    await shot("split-panes");
    // Kept in the workspace with the tabs (written soon after a change).
    await new Promise((r) => setTimeout(r, 600));
    await restart();
    await until(async () => (await panes()).length === 2, "the split restored", 15000);
    assert.deepEqual(await panes(), [["CS/Redis.md"], [target]]);
    await until(async () => Math.abs((await widths())[0] - dragged[0]) <= 3, "the panes' widths restored");
    // Closing the second pane's only tab closes the pane.
    await until(async () => (await shown()) === target, "the active pane's note after the restart");
    await browser.keys(["Control", "w"]);
    await until(async () => (await panes()).length === 1, "back to one pane");
  });

  it("keeps the interface zoom across a restart", async () => {
    // The page's width in CSS pixels narrows as it is zoomed in.
    const width = () => browser.execute(() => window.innerWidth);
    const before = await width();
    await browser.keys(["Control", "="]);
    await until(async () => (await width()) < before * 0.95, "the page zoomed in");
    const zoomed = await width();
    await restart();
    await until(async () => Math.abs((await width()) - zoomed) <= 2, "the zoom kept after the restart", 15000);
    await browser.keys(["Control", "0"]);
    await until(async () => (await width()) === before, "the zoom back to 100 %");
  });

  it("moves through the file tree with the arrow keys", async () => {
    const focused = () => browser.execute(() => document.activeElement?.dataset?.path ?? null);
    await openNote("CS/Redis", "CS/Redis.md");
    const row = await browser.$('#file-tree [role="treeitem"][data-path="CS/Redis.md"]');
    await row.waitForExist({ timeout: 5000 });
    // Tab reaches the tree at the open note's row: the one row that takes it.
    assert.equal(await row.getAttribute("tabindex"), "0");
    await browser.execute((el) => el.focus(), row);
    await browser.keys("ArrowUp");
    await until(async () => (await focused()) !== "CS/Redis.md", "the row above focused");
    const above = await focused();
    await browser.keys("ArrowDown");
    await until(async () => (await focused()) === "CS/Redis.md", "back down");
    // Left: to its folder; left again: the folder closes; right opens it.
    await browser.keys("ArrowLeft");
    await until(async () => (await focused()) === "CS", "its folder");
    await browser.keys("ArrowLeft");
    await until(async () => (await (await browser.$('#file-tree [data-path="CS"]')).getAttribute("aria-expanded")) === "false", "the folder closed");
    await browser.keys("ArrowRight");
    await until(async () => (await (await browser.$('#file-tree [data-path="CS"]')).getAttribute("aria-expanded")) === "true", "the folder open");
    // Type-ahead, then Enter opens the note focused.
    await browser.keys(["h", "o"]);
    await until(async () => (await focused()) === "Home.md", "Home by its name");
    await browser.keys("Enter");
    await until(async () => (await shown()) === "Home.md", "Home opened with Enter");
    assert.ok(above !== null);
  });

  it("shows the app's own menu on a right-click, never the web view's", async () => {
    await browser.execute(() => {
      window.__menus = [];
      // After the app's own handler (registered first), what it decided.
      window.addEventListener("contextmenu", (e) => window.__menus.push(e.defaultPrevented));
    });
    // On the note's text: the note's own menu, not the web view's.
    const body = await browser.$("#reading-view .markdown-body p");
    await body.click({ button: "right" });
    await until(async () => (await browser.execute(() => window.__menus.length)) === 1, "the right-click seen");
    assert.deepEqual(await browser.execute(() => window.__menus), [true], "the web view's menu was refused");
    const noteMenu = await browser.$(".file-menu");
    await noteMenu.waitForDisplayed({ timeout: 5000 });
    assert.match(await noteMenu.getText(), /Open to the right/);
    await shot("note-menu");
    await browser.keys("Escape");
    await until(async () => !(await noteMenu.isExisting()), "the note's menu closed");
    const row = await browser.$('#file-tree [data-path="Home.md"]');
    await row.click({ button: "right" });
    const menu = await browser.$(".file-menu");
    await menu.waitForDisplayed({ timeout: 5000 });
    assert.deepEqual(await browser.execute(() => window.__menus), [true, true]);
    await shot("context-menu");
    await browser.keys("Escape");
    await until(async () => !(await menu.isExisting()), "the menu closed");
  });

  it("previews a link's section with Ctrl held, and a link inside the preview too", async () => {
    await openNote("Interview/Redis", "Interview/Redis.md");
    const link = await browser.$('#reading-view a.internal-link[data-path="CS/Redis.md"][data-anchor]');
    await link.waitForExist({ timeout: 5000 });
    await link.scrollIntoView({ block: "center" });
    // Hovering without Ctrl shows nothing (the setting's default).
    await link.moveTo();
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(await browser.$(".page-preview").isExisting(), false, "no preview without Ctrl");
    await (await browser.$("#file-tree")).moveTo();
    await hoverWithCtrl(link);
    const card = await browser.$('.page-preview[data-depth="0"]');
    await card.waitForDisplayed({ timeout: 5000 });
    await until(async () => /Sorted Set/.test(await card.getText()), "the section's text in the preview");
    const text = await card.getText();
    assert.match(text, /Redis 개념 정리\s*› 자료구조/, "the note and the section named");
    assert.ok(!text.includes("Single Thread"), "only the section, not the next one");
    // The section's own link previews in a card of its own; the first stays.
    const inner = await card.$('a.internal-link[data-path$="Data_Structure.md"]');
    await inner.waitForExist({ timeout: 5000 });
    await hoverWithCtrl(inner);
    const second = await browser.$('.page-preview[data-depth="1"]');
    await second.waitForDisplayed({ timeout: 5000 });
    await until(async () => /Skip List/i.test(await second.getText()), "the nested preview's section");
    assert.ok(await card.isDisplayed(), "the first card stays while its link is previewed");
    await shot("page-preview");
    // The pointer leaves both: they close.
    await (await browser.$("#file-tree")).moveTo();
    await until(async () => !(await browser.$(".page-preview").isExisting()), "the previews closed when the pointer left", 5000);
  });

  it("lists the notes opened last first in the quick switcher, by file name, the matched title beneath", async () => {
    for (const [q, p] of [["Home", "Home.md"], ["CS/Redis", "CS/Redis.md"], ["Interview/Developer", "Interview/Developer.md"]]) {
      await openNote(q, p);
    }
    await browser.keys(["Control", "o"]);
    const input = await browser.$("#quick-switcher input");
    await input.waitForDisplayed({ timeout: 5000 });
    const rows = () => browser.execute(() => [...document.querySelectorAll("#quick-switcher [data-path]")].map((r) => r.dataset.path));
    await until(async () => (await rows()).length > 3, "the switcher's list");
    // Newest first, the note on screen left out, across tabs and visits.
    assert.deepEqual((await rows()).slice(0, 2), ["CS/Redis.md", "Home.md"]);
    // A title matched: the file name shows, the title beneath it. (ASCII:
    // Hangul typed by WebDriver goes through the input method, which the
    // editor's tests drive for real.)
    await input.setValue("Gildong");
    const row = () =>
      browser.execute(() => {
        const r = document.querySelector('#quick-switcher [data-path="Career/-Resume.md"]');
        return r && { title: r.querySelector(".title")?.textContent, matched: r.querySelector(".matched")?.textContent ?? null };
      });
    await until(async () => (await row())?.matched != null, "Career/-Resume found by its title, the title beneath");
    const found = await row();
    assert.equal(found.title.trim(), "-Resume");
    assert.match(found.matched, /Gildong Hong/);
    await shot("quick-switcher");
    await browser.keys("Escape");
    await until(async () => !(await browser.$("#quick-switcher").isExisting()), "the switcher closed by Escape");
  });

  it("opens a note's image in the viewer, zooms it and goes to the next one", async () => {
    await openNote("Interview/Developer", "Interview/Developer.md");
    const images = await browser.$$("#reading-view .markdown-body img");
    assert.ok(images.length >= 2, `the note has images (${images.length})`);
    const first = images[0];
    await first.scrollIntoView({ block: "center" });
    await until(async () => browser.execute((img) => img.complete && img.naturalWidth > 0, first), "the image loaded");
    await first.click();
    const viewer = await browser.$('.image-viewer[role="dialog"]');
    await viewer.waitForDisplayed({ timeout: 5000 });
    const shown = () =>
      browser.execute(() => {
        const img = document.querySelector(".image-viewer img");
        return { src: img?.getAttribute("src"), loaded: Boolean(img?.complete && img.naturalWidth > 0), zoom: document.querySelector(".image-viewer .zoom-level")?.textContent };
      });
    await until(async () => (await shown()).loaded, "the image in the viewer");
    const before = await shown();
    assert.equal(before.src, await first.getAttribute("src"));
    assert.match(await (await viewer.$(".count")).getText(), new RegExp(`^1 / ${images.length}$`));
    await browser.keys("+");
    await until(async () => (await shown()).zoom !== before.zoom, "zoomed in");
    await shot("image-viewer");
    await browser.keys("ArrowRight");
    await until(async () => (await shown()).src === (await images[1].getAttribute("src")), "the note's next image");
    await browser.keys("Escape");
    await until(async () => !(await viewer.isExisting()), "the viewer closed");
  });

  it("rebinds a command in the settings, kept in .obsidian/hotkeys.json under Obsidian's id", async () => {
    const file = join(vault, ".obsidian", "hotkeys.json");
    assert.equal(existsSync(file), false, "the sample has no hotkeys.json");
    try {
      await (await browser.$("#open-settings")).click();
      const dialog = await browser.$('[role="dialog"][aria-label="Settings"]');
      await dialog.waitForDisplayed({ timeout: 10000 });
      await (await browser.$("button.section-tab=Appearance")).click();
      await (await browser.$("#setting-appearance-theme")).waitForDisplayed({ timeout: 5000 });
      await shot("settings-appearance");
      await (await browser.$("button.section-tab=Hotkeys")).click();
      const row = await browser.$('.hotkey-row[data-command="split-right"]');
      await row.waitForDisplayed({ timeout: 5000 });
      await (await row.$(".add")).click();
      await (await row.$(".recording")).waitForDisplayed({ timeout: 5000 });
      await browser.keys(["Control", "Alt", "s"]);
      await until(() => existsSync(file), "hotkeys.json written");
      const kept = JSON.parse(readFileSync(file, "utf8"));
      assert.deepEqual(kept, { "workspace:split-vertical": [{ modifiers: ["Mod", "Alt"], key: "S" }] });
      await until(async () => /Ctrl\+Alt\+S/.test(await row.getText()), "the new keys listed");
      await shot("settings-hotkeys");
      await browser.keys("Escape");
      await until(async () => !(await dialog.isExisting()), "the settings closed");
      // The new keys split the pane.
      const panes = () => browser.execute(() => document.querySelectorAll("section.pane").length);
      const before = await panes();
      await browser.keys(["Control", "Alt", "s"]);
      await until(async () => (await panes()) === before + 1, "split by the new hotkey");
      await browser.keys(["Control", "w"]);
      await until(async () => (await panes()) === before, "the new pane closed");
    } finally {
      rmSync(file, { force: true });
    }
  });

  it("draws the interface in the bundled font, Hangul and symbols alike", async () => {
    await openNote("Interview/Redis", "Interview/Redis.md");
    const font = await browser.execute(async () => {
      await document.fonts.ready;
      const body = getComputedStyle(document.querySelector("#reading-view .markdown-body")).fontFamily;
      const loaded = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Pretendard Variable").map((f) => f.status);
      // The font itself has the glyphs (not a fallback): → and Hangul measure as Pretendard's.
      return { body, loaded, arrow: document.fonts.check('16px "Pretendard Variable"', "→ 한글 \\") };
    });
    assert.match(font.body, /^"?Pretendard Variable"?,/, font.body);
    assert.ok(font.loaded.includes("loaded"), `Pretendard loaded: ${font.loaded}`);
    assert.ok(font.arrow);
    await shot("reading-view");
  });
});

register();
