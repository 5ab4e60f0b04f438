// End-to-end tests of file operations in the real Hanji window (issue 13):
// a rename in the tree that rewrites the links of three other notes, its
// preview and its undo, a move into a folder by drag and drop, a delete to
// the vault's .trash/ and its restore, and a click on an unresolved link
// that creates the note. Every check reads the files on disk. Each test
// writes its own notes (under a folder of its own) from outside and removes
// them, so it passes alone and in any order; the rules of app.test.mjs hold.
import { after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  browser,
  closeModals,
  editAtEnd,
  endApp,
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

const read = (path) => readFileSync(join(vault, path), "utf8");

/** Writes `files` ({path: text}) under a new folder `dir` from outside, runs `body`, then removes the folder (and the trash). */
async function withFolder(dir, files, body) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(vault, dir, path, ".."), { recursive: true });
    writeFileSync(join(vault, dir, path), text);
  }
  try {
    await showTab("files");
    await until(async () => inTree(dir), `${dir}/ in the tree`, verifyDelay + 20000);
    await body();
  } finally {
    if (await (await browser.$("#editor")).isExisting()) await browser.keys(["Control", "e"]);
    await closeModals();
    rmSync(join(vault, dir), { recursive: true, force: true });
    rmSync(join(vault, ".trash"), { recursive: true, force: true });
  }
  await showTab("files");
  await until(async () => !(await inTree(dir)), `${dir}/ gone from the tree`, verifyDelay + 20000);
}

/** The tree row of `path`, its folders opened. */
async function row(path) {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    const folder = parts.slice(0, i).join("/");
    const button = await browser.$(`#file-tree button[data-path="${folder}"]`);
    if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  }
  const el = await browser.$(`#file-tree [data-path="${path}"]`);
  await el.waitForDisplayed({ timeout: 10000 });
  return el;
}

/** Renames the tree row `path` in place to `name` (F2, type, Enter). */
async function renameInTree(path, name) {
  await (await row(path)).click();
  // The note opens first (the tree is redrawn around it), then F2 on its row.
  await until(async () => (await (await browser.$("#reading-view")).getAttribute("data-path")) === path, `${path} open`);
  await (await row(path)).click();
  await browser.keys(["F2"]);
  await (await browser.$("#file-tree input.rename-field")).waitForDisplayed({ timeout: 5000 });
  // Typed as a person types, into the focused field with the name selected
  // (WebDriver's element clear would blur it, which ends a rename). Names
  // are lower case: typing through the input method can drop a Shift.
  await browser.keys(["Control", "a"]);
  await browser.keys([...name]);
  await browser.keys(["Enter"]);
}

async function toast() {
  const el = await browser.$(".toast .message");
  await until(async () => (await el.getText()).length > 0, "a toast");
  return el.getText();
}

suite("File operations", () => {
  beforeEach(async () => {
    if (!browser) await startApp();
    await closeModals();
    await showSidebars();
  });
  after(endApp);

  // Issue 13: renaming a note that three others link to (three link
  // forms) shows the plan first, then rewrites exactly the links' paths
  // on disk; Undo in the toast puts every file back, byte for byte.
  it("renames a note linked from three others, and undoes it", async () => {
    const files = {
      "Target.md": "# Target\n",
      "A.md": "See [[Target]] here.\n",
      "B.md": "- [[Target|the target]] and [[Target#Target]]\n",
      "C.md": "| t |\n|---|\n| [md](Target.md) [[Target\\|t]] |\n",
    };
    await withFolder("Ops rename", files, async () => {
      await renameInTree("Ops rename/Target.md", "renamed target");
      const dialog = await browser.$(".operation-dialog");
      await dialog.waitForDisplayed({ timeout: 10000 });
      const listed = await browser.$$(".operation-dialog li");
      const paths = [];
      for (const li of listed) paths.push(await li.getAttribute("data-path"));
      assert.deepEqual(paths, ["Ops rename/A.md", "Ops rename/B.md", "Ops rename/C.md"]);
      assert.match(await dialog.getText(), /5 links in 3 notes will be rewritten/);
      await shot("fileops-rename-preview");
      await (await browser.$(".operation-dialog .confirm")).click();
      await until(() => existsSync(join(vault, "Ops rename/renamed target.md")), "the renamed file on disk");
      assert.equal(read("Ops rename/renamed target.md"), "# Target\n");
      assert.ok(!existsSync(join(vault, "Ops rename/Target.md")));
      assert.equal(read("Ops rename/A.md"), "See [[renamed target]] here.\n");
      assert.equal(read("Ops rename/B.md"), "- [[renamed target|the target]] and [[renamed target#Target]]\n");
      assert.equal(read("Ops rename/C.md"), "| t |\n|---|\n| [md](renamed%20target.md) [[renamed target\\|t]] |\n");
      assert.match(await toast(), /Renamed Target\.md to renamed target\.md · 5 links in 3 notes updated/);
      await until(async () => inTree("Ops rename/renamed target.md"), "the new name in the tree");
      await shot("fileops-renamed");
      await (await browser.$(".toast-action")).click();
      await until(() => existsSync(join(vault, "Ops rename/Target.md")), "the old name back on disk");
      for (const [path, text] of Object.entries(files)) assert.equal(read(`Ops rename/${path}`), text, path);
      assert.ok(!existsSync(join(vault, "Ops rename/renamed target.md")));
    });
  });

  // Issue 13: a note dropped on a folder moves into it, and its relative
  // link is rewritten for the new folder. WebDriver cannot drive WebKitGTK's
  // native drag and drop, so the row's drag events are dispatched in the
  // page, carrying the path as a real drag does; the move itself is real.
  it("moves a note into a folder by drag and drop", async () => {
    const files = { "Inbox/Idea.md": "Back to [up](../Hub.md).\n", "Hub.md": "# Hub\n", "Archive/Deep/Old.md": "old\n" };
    await withFolder("Ops move", files, async () => {
      await row("Ops move/Inbox/Idea.md");
      await row("Ops move/Archive/Deep/Old.md");
      await browser.execute(() => {
        const from = document.querySelector('#file-tree [data-path="Ops move/Inbox/Idea.md"]');
        const to = document.querySelector('#file-tree button[data-path="Ops move/Archive/Deep"]');
        const data = new DataTransfer();
        for (const [el, type] of [
          [from, "dragstart"],
          [to, "dragover"],
          [to, "drop"],
        ]) {
          el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
        }
      });
      await until(() => existsSync(join(vault, "Ops move/Archive/Deep/Idea.md")), "the moved note on disk");
      assert.ok(!existsSync(join(vault, "Ops move/Inbox/Idea.md")));
      assert.equal(read("Ops move/Archive/Deep/Idea.md"), "Back to [up](../../Hub.md).\n");
      await until(async () => inTree("Ops move/Archive/Deep/Idea.md"), "the note under its new folder in the tree");
    });
  });

  // Issue 13: delete asks first, moves the note into the vault's .trash/
  // (Obsidian's default place), and the palette's Undo brings it back.
  it("deletes a note to .trash/ and restores it", async () => {
    const files = { "Draft.md": "초안 #draft\n", "Links.md": "[[Draft]]\n" };
    await withFolder("Ops delete", files, async () => {
      const el = await row("Ops delete/Draft.md");
      await el.click({ button: "right" });
      await (await (await browser.$(".file-menu")).$("button=Delete note")).click();
      const dialog = await browser.$(".operation-dialog");
      await dialog.waitForDisplayed({ timeout: 10000 });
      assert.match(await dialog.getText(), /1 link to it will be left as written, pointing nowhere/);
      await shot("fileops-delete-confirm");
      await (await browser.$(".operation-dialog .confirm")).click();
      await until(() => existsSync(join(vault, ".trash/Draft.md")), "the note in .trash/");
      assert.equal(readFileSync(join(vault, ".trash/Draft.md"), "utf8"), "초안 #draft\n");
      assert.ok(!existsSync(join(vault, "Ops delete/Draft.md")));
      assert.equal(read("Ops delete/Links.md"), "[[Draft]]\n", "links to a deleted note are not edited");
      await until(async () => !(await inTree("Ops delete/Draft.md")), "the note gone from the tree");
      await browser.keys(["Control", "p"]);
      const input = await browser.$("#command-palette input");
      await input.waitForDisplayed({ timeout: 5000 });
      await input.setValue("Undo the last");
      await browser.keys(["Enter"]);
      await until(() => existsSync(join(vault, "Ops delete/Draft.md")), "the note back from the trash");
      assert.equal(read("Ops delete/Draft.md"), "초안 #draft\n");
      assert.ok(!existsSync(join(vault, ".trash/Draft.md")));
    });
  });

  // Issue 13: renaming a heading from the outline rewrites its line and
  // the links in other notes that point at it.
  it("renames a heading from the outline, and the links to it", async () => {
    const files = { "Topic.md": "# Topic\n\n## Old name\n\nText.\n", "Refs.md": "[[Topic#Old name|see]] [t](Topic.md#Old%20name)\n" };
    await withFolder("Ops heading", files, async () => {
      await (await row("Ops heading/Topic.md")).click();
      const item = await (await browser.$("#outline")).$("button=Old name");
      await item.waitForDisplayed({ timeout: 10000 });
      await item.doubleClick();
      const field = await browser.$("#outline input.rename-field");
      await field.waitForDisplayed({ timeout: 5000 });
      await browser.keys(["Control", "a"]);
      // Lower case: WebDriver's typing through the input method can drop a Shift.
      await browser.keys([..."fresh name"]);
      await browser.keys(["Enter"]);
      const dialog = await browser.$(".operation-dialog");
      await dialog.waitForDisplayed({ timeout: 10000 });
      await shot("fileops-heading-preview");
      await (await browser.$(".operation-dialog .confirm")).click();
      await until(() => read("Ops heading/Refs.md").includes("fresh"), "the links rewritten on disk").catch(async (e) => {
        await shot("fileops-heading-failed");
        throw e;
      });
      assert.equal(read("Ops heading/Topic.md"), "# Topic\n\n## fresh name\n\nText.\n");
      assert.equal(read("Ops heading/Refs.md"), "[[Topic#fresh name|see]] [t](Topic.md#fresh%20name)\n");
    });
  });

  // Issue 13: a note renamed while the editor holds unsaved text: the text
  // is saved first, so the renamed file has it and nothing is left at the
  // old path; the editor follows the note to its new name.
  it("renames a note with unsaved edits, keeping them", async () => {
    const files = { "Draft one.md": "start\n", "Ref.md": "[[Draft one]]\n" };
    await withFolder("Ops unsaved", files, async () => {
      await editAtEnd("Draft one", "Ops unsaved/Draft one.md");
      await browser.keys([..." typed"]);
      // At once, before the autosave: F2 renames the note being edited.
      await browser.keys(["F2"]);
      await (await browser.$("#file-tree input.rename-field")).waitForDisplayed({ timeout: 5000 });
      await browser.keys(["Control", "a"]);
      await browser.keys([..."draft six"]);
      await browser.keys(["Enter"]);
      const dialog = await browser.$(".operation-dialog");
      await dialog.waitForDisplayed({ timeout: 10000 });
      await (await browser.$(".operation-dialog .confirm")).click();
      await until(() => existsSync(join(vault, "Ops unsaved/draft six.md")), "the renamed note on disk").catch(async (e) => {
        await shot("fileops-unsaved-failed");
        throw e;
      });
      assert.equal(read("Ops unsaved/draft six.md"), "start\n typed");
      assert.ok(!existsSync(join(vault, "Ops unsaved/Draft one.md")));
      assert.equal(read("Ops unsaved/Ref.md"), "[[draft six]]\n");
      const editor = await browser.$("#editor");
      await until(async () => (await editor.getAttribute("data-path")) === "Ops unsaved/draft six.md", "the editor on the new name");
    });
  });

  // Issue 13: a note renamed by another program (here, straight on disk)
  // leaves links to its old name; the window offers to update them, with
  // the same plan, and does.
  it("offers to update the links a rename outside Hanji left behind", async () => {
    const files = { "Old name.md": "# 원래 이름\n", "Ref.md": "[[Old name]] and [o](Old%20name.md)\n" };
    await withFolder("Ops outside", files, async () => {
      await row("Ops outside/Old name.md");
      renameSync(join(vault, "Ops outside/Old name.md"), join(vault, "Ops outside/New name.md"));
      const action = await browser.$(".toast-action");
      await until(async () => (await action.isExisting()) && (await action.getText()) === "Update links", "the offer to update links", 20000);
      assert.match(await toast(), /Old name\.md was renamed to Ops outside\/New name\.md outside Hanji: 2 links in 1 note no longer lead to it/);
      await shot("fileops-renamed-outside");
      await action.click();
      await (await browser.$(".operation-dialog .confirm")).click();
      await until(() => read("Ops outside/Ref.md").includes("New"), "the links rewritten on disk");
      assert.equal(read("Ops outside/Ref.md"), "[[New name]] and [o](New%20name.md)\n");
    });
  });

  // Issue 13: clicking a link to a note that does not exist creates it
  // (in the folder the link names) and opens it in the editor.
  it("creates the note an unresolved link names", async () => {
    const files = { "Plan.md": "Next: [[Ops create/Next step]]\n" };
    await withFolder("Ops create", files, async () => {
      await (await row("Ops create/Plan.md")).click();
      const link = await browser.$("#reading-view a.unresolved");
      await link.waitForDisplayed({ timeout: 10000 });
      await link.click();
      await until(() => existsSync(join(vault, "Ops create/Next step.md")), "the new note on disk");
      assert.equal(read("Ops create/Next step.md"), "");
      const editor = await browser.$("#editor");
      await until(async () => (await editor.getAttribute("data-path")) === "Ops create/Next step.md", "the new note in the editor");
    });
  });
});

register();
