// End-to-end tests of the workspace (issue 16) in the real window: tabs
// opened, cycled and closed with the keys and the mouse, kept across a
// restart of the app; the interface zoom kept across a restart; the app's
// own context menu instead of the web view's. Rules as in app.test.mjs.
import { after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { browser, closeModals, endApp, it, openNote, register, shot, showSidebars, startApp, suite, until } from "./harness.mjs";

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
    const body = await browser.$("#reading-view .markdown-body");
    await body.click({ button: "right" });
    await until(async () => (await browser.execute(() => window.__menus.length)) === 1, "the right-click seen");
    assert.deepEqual(await browser.execute(() => window.__menus), [true], "the web view's menu was refused");
    const row = await browser.$('#file-tree [data-path="Home.md"]');
    await row.click({ button: "right" });
    const menu = await browser.$(".file-menu");
    await menu.waitForDisplayed({ timeout: 5000 });
    assert.deepEqual(await browser.execute(() => window.__menus), [true, true]);
    await shot("context-menu");
    await browser.keys("Escape");
    await until(async () => !(await menu.isExisting()), "the menu closed");
  });
});

register();
