// End-to-end tests of daily notes in the real Hanji window (issue 14):
// Ctrl+Shift+D opens today's note, made in the folder and with the name and
// template vault-sample's .obsidian/daily-notes.json gives, written at its
// end; pressed twice, still one file. The calendar shows the sample's daily
// notes. A setting changed in the settings view is written into
// .obsidian/daily-notes.json with the other keys kept. What a test makes or
// changes is put back afterwards, so each passes alone and in any order.
// The rules of app.test.mjs hold.
import { after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  browser,
  closeModals,
  endApp,
  expandPanel,
  inTree,
  it,
  register,
  shot,
  showSidebars,
  showTab,
  startApp,
  suite,
  until,
  vault,
  verifyDelay,
} from "./harness.mjs";

suite("Daily notes", () => {
  beforeEach(async () => {
    if (!browser) await startApp();
    await closeModals();
    await showSidebars();
  });
  after(endApp);

  it("opens today's daily note with Ctrl+Shift+D, from the template, once", async () => {
    const before = new Set(readdirSync(join(vault, "Daily")));
    let made = null;
    try {
      await browser.keys(["Control", "Shift", "d"]);
      const editor = await browser.$("#editor");
      await until(async () => /^Daily\/\d{4}-\d{2}-\d{2}\.md$/.test((await editor.getAttribute("data-path")) ?? ""), "today's note in the editor");
      made = await editor.getAttribute("data-path");
      const day = made.slice("Daily/".length, -".md".length);
      const text = readFileSync(join(vault, made), "utf8");
      assert.ok(!before.has(`${day}.md`), "a new file");
      // The sample's Korean template, expanded for that day.
      assert.match(text, new RegExp(`^---\\ntags: daily\\n---\\n# ${day}\\n\\n\\d{4}년 \\d{1,2}월 \\d{1,2}일 [일월화수목금토]요일 · 어제 \\d{4}-\\d{2}-\\d{2} · 내일 \\d{4}-\\d{2}-\\d{2}\\n`));
      assert.ok(!text.includes("{{"), text);
      await until(async () => inTree(made), "the note in the tree", verifyDelay + 20000);
      await shot("daily-today");
      // The cursor is at the end: what is typed goes after the template.
      await browser.keys([..."note"]);
      await browser.keys(["Control", "s"]);
      await until(() => readFileSync(join(vault, made), "utf8").endsWith("## 회고\nnote"), "the typing at the end");
      // Pressed again (from the reading view): the same note, no second file.
      await browser.keys(["Control", "e"]);
      await until(async () => (await (await browser.$("#reading-view")).getAttribute("data-path")) === made, "the note read");
      await browser.keys(["Control", "Shift", "d"]);
      await until(async () => (await (await browser.$("#editor")).getAttribute("data-path")) === made, "the same note again");
      const after = readdirSync(join(vault, "Daily")).filter((n) => !before.has(n));
      assert.deepEqual(after, [`${day}.md`]);
    } finally {
      if (await (await browser.$("#editor")).isExisting()) await browser.keys(["Control", "e"]);
      if (made) rmSync(join(vault, made), { force: true });
    }
    if (made) {
      await showTab("files");
      await until(async () => !(await inTree(made)), "the note gone from the tree", verifyDelay + 20000);
      assert.ok(!existsSync(join(vault, made)));
    }
  });

  it("shows the sample's daily notes in the calendar and opens one", async () => {
    await expandPanel("panel-calendar");
    const title = await browser.$("#calendar .title");
    await title.waitForDisplayed({ timeout: 10000 });
    // Back to February 2025, where the sample's daily notes are.
    for (let i = 0; i < 40 && (await title.getText()) !== "2025년 2월"; i++) {
      await (await browser.$('#calendar button[aria-label="Previous month"]')).click();
      await until(async () => (await title.getText()).length > 0, "the month");
    }
    assert.equal(await title.getText(), "2025년 2월");
    const withDots = [];
    for (const b of await browser.$$("#calendar button.day")) {
      if ((await b.$$(".dot")).length > 0) withDots.push(await b.getAttribute("data-date"));
    }
    assert.deepEqual(withDots, ["2025-02-10", "2025-02-11", "2025-02-12", "2025-02-13", "2025-02-19"]);
    await (await browser.$("#calendar")).scrollIntoView();
    await shot("calendar");
    await (await browser.$('#calendar button[data-date="2025-02-12"]')).click();
    const shown = async () => (await browser.$("#reading-view, #editor")).getAttribute("data-path");
    await until(async () => (await shown()) === "Daily/2025-02-12.md", "the day's note");
    if (await (await browser.$("#editor")).isExisting()) await browser.keys(["Control", "e"]);
  });

  it("writes a setting into .obsidian/daily-notes.json, keeping the other keys", async () => {
    const file = join(vault, ".obsidian", "daily-notes.json");
    const original = readFileSync(file, "utf8");
    const keys = Object.keys(JSON.parse(original));
    assert.ok(keys.length >= 3 && !keys.includes("autorun"), original);
    try {
      await (await browser.$("#open-settings")).click();
      const dialog = await browser.$('[role="dialog"][aria-label="Settings"]');
      await dialog.waitForDisplayed({ timeout: 10000 });
      const tab = await browser.$("button.section-tab=Daily notes");
      await tab.click();
      const preview = await browser.$("#daily-preview code");
      await preview.waitForDisplayed({ timeout: 10000 });
      assert.match(await preview.getText(), /^Daily\/\d{4}-\d{2}-\d{2}\.md$/);
      // What the sample's files say is shown.
      assert.equal(await (await browser.$("#setting-daily-notes-format")).getValue(), "YYYY-MM-DD");
      assert.equal(await (await browser.$("#setting-hanji-dayStartHour")).getValue(), "4");
      const autorun = await browser.$("#setting-daily-notes-autorun");
      assert.equal(await autorun.isSelected(), false);
      await autorun.click();
      await until(() => readFileSync(file, "utf8") !== original, "daily-notes.json written");
      const written = readFileSync(file, "utf8");
      const parsed = JSON.parse(written);
      assert.deepEqual(Object.keys(parsed), [...keys, "autorun"], "every key kept, in its order, the new one last");
      assert.equal(parsed.autorun, true);
      for (const k of keys) assert.deepEqual(parsed[k], JSON.parse(original)[k], k);
      assert.ok(written.startsWith('{\n  "'), "two-space JSON, as Obsidian writes it");
      const saved = await browser.$('[data-setting="daily-notes.json autorun"] .saved');
      await saved.waitForDisplayed({ timeout: 5000 });
      assert.equal(await (await browser.$("#setting-daily-notes-autorun")).isSelected(), true);
      await shot("settings-daily-notes");
      assert.ok(await saved.isDisplayed(), "still saying where it was saved");
      await browser.keys("Escape");
      await until(async () => !(await dialog.isExisting()), "the settings closed");
    } finally {
      writeFileSync(file, original);
    }
  });
});

register();
