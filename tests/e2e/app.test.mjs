// End-to-end tests of the real Hanji window (WebKitGTK under Xvfb), driven
// over WebDriver through tauri-driver. Run by .ci/e2e.sh, which builds the
// app, copies vault-sample (plus a hostile note) to a temporary folder and
// sets HANJI_APP, HANJI_VAULT and HANJI_ARTIFACTS. Expected values come from
// the vault-sample notes themselves (the same facts `hanji` prints).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { remote } from "webdriverio";

const app = process.env.HANJI_APP;
const vault = process.env.HANJI_VAULT;
const artifacts = process.env.HANJI_ARTIFACTS;
if (!app || !vault) {
  throw new Error("HANJI_APP and HANJI_VAULT must be set (run .ci/e2e.sh)");
}

let browser;

/** Waits until `f` returns something truthy, or fails with `what`. */
async function until(f, what, timeout = 10000) {
  const started = Date.now();
  let last;
  while (Date.now() - started < timeout) {
    try {
      last = await f();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last})`);
}

async function shot(name) {
  if (!artifacts) return;
  // Let layout and images settle before the picture.
  await new Promise((r) => setTimeout(r, 500));
  await browser.saveScreenshot(join(artifacts, `${name}.png`));
}

/** Opens a note through the quick switcher, as a person would. */
async function openNote(query, path) {
  await browser.keys(["Control", "o"]);
  const input = await browser.$("#quick-switcher input");
  await input.waitForDisplayed({ timeout: 5000 });
  await input.setValue(query);
  await until(
    async () => (await browser.$(`#quick-switcher [data-path="${path}"]`)).isExisting(),
    `${path} in the quick switcher`,
  );
  await (await browser.$(`#quick-switcher [data-path="${path}"]`)).click();
  await until(
    async () => (await (await browser.$("#reading-view")).getAttribute("data-path")) === path,
    `${path} in the reading view`,
  );
}

async function texts(selector) {
  const els = await browser.$$(selector);
  const out = [];
  for (const el of els) out.push(await el.getText());
  return out;
}

before(async () => {
  browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: { "tauri:options": { application: app, args: [vault] } },
  });
  await until(
    async () => (await browser.$("#file-tree")).isExisting(),
    "the file tree",
    30000,
  );
});

after(async () => {
  await browser?.deleteSession();
});

describe("Hanji on vault-sample", () => {
  it("opens the vault and lists its folders", async () => {
    await (await browser.$('[data-tab="files"]')).click();
    for (const folder of ["CS", "Interview", "Daily"]) {
      await until(
        async () => (await browser.$(`#file-tree [data-path="${folder}"]`)).isDisplayed(),
        `${folder}/ in the tree`,
      );
    }
    await shot("01-opened");
  });

  it("finds 쿠버네티스 inside 쿠버네티스를, with highlighted snippets", async () => {
    const input = await browser.$("#search-input");
    if (!(await input.isDisplayed())) await (await browser.$('[data-tab="search"]')).click();
    await input.setValue("쿠버네티스");
    const paths = await until(async () => {
      const found = [];
      for (const r of await browser.$$("#search-results .search-result")) {
        found.push(await r.getAttribute("data-path"));
      }
      return found.length >= 4 ? found : null;
    }, "four search results");
    assert.deepEqual(
      [...paths].sort(),
      [
        "CS/Computer_Architecture.md",
        "Daily/2025-02-11.md",
        "Interview/Developer.md",
        "blog/Deploy_ERP_server_story.md",
      ],
    );
    const marks = await texts("#search-results mark");
    assert.ok(marks.length > 0, "snippets carry highlights");
    assert.ok(marks.every((m) => "쿠버네티스".includes(m) || m.includes("쿠버")), `${marks}`);
    await shot("02-search");
  });

  it("opens a search result", async () => {
    const first = await browser.$('#search-results .search-result[data-path="Daily/2025-02-11.md"]');
    await first.click();
    await until(
      async () =>
        (await (await browser.$("#reading-view")).getAttribute("data-path")) === "Daily/2025-02-11.md",
      "the result in the reading view",
    );
  });

  it("says which query terms cannot be searched, and still searches the rest", async () => {
    const input = await browser.$("#search-input");
    if (!(await input.isDisplayed())) await (await browser.$('[data-tab="search"]')).click();
    await input.setValue("쿠버네티스 !!!");
    const notes = await until(async () => {
      const found = await texts(".unsearchable li");
      return found.length ? found : null;
    }, "a note about the unsearchable term");
    assert.equal(notes.length, 1);
    assert.ok(notes[0].includes("!!!"), notes[0]);
    const hits = await browser.$$("#search-results .search-result");
    assert.equal(hits.length, 4, "the searchable word still finds its notes");
    await shot("02b-search-unsearchable");
  });

  it("follows [[CS/Redis#자료구조]] to the heading", async () => {
    await openNote("Interview/Redis", "Interview/Redis.md");
    const link = await browser.$('#reading-view a.internal-link[data-path="CS/Redis.md"][data-anchor]');
    await link.waitForExist({ timeout: 5000 });
    await link.click();
    await until(
      async () => (await (await browser.$("#reading-view")).getAttribute("data-path")) === "CS/Redis.md",
      "CS/Redis.md in the reading view",
    );
    // Note ids carry the renderer's prefix (N-), so none can shadow the app's.
    const heading = await browser.$("#reading-view #N-자료구조");
    await heading.waitForExist({ timeout: 5000 });
    await until(
      async () => heading.isDisplayed({ withinViewport: true }),
      "the heading scrolled into view",
    );
    await shot("03-followed-link");
  });

  it("shows linked and unlinked mentions of CS/Redis", async () => {
    const linked = await browser.$("#backlinks-linked");
    await until(async () => (await linked.getText()).includes("Interview/Redis") || (await linked.getText()).includes("Redis"), "linked mentions");
    const linkedSources = [];
    for (const el of await browser.$$("#backlinks-linked [data-path]")) {
      linkedSources.push(await el.getAttribute("data-path"));
    }
    for (const source of ["CS/Architecture.md", "CS/Data_Structure.md", "Home.md", "Interview/Redis.md"]) {
      assert.ok(linkedSources.includes(source), `${source} links to CS/Redis (got ${linkedSources})`);
    }
    // Unlinked mentions start collapsed (finding them reads every note).
    const toggle = await browser.$(".backlinks .toggle");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    await toggle.click();
    const unlinkedSources = await until(async () => {
      const found = [];
      for (const el of await browser.$$("#backlinks-unlinked [data-path]")) {
        found.push(await el.getAttribute("data-path"));
      }
      return found.length ? found : null;
    }, "unlinked mentions");
    assert.ok(unlinkedSources.includes("Career/-Resume.md"), `unlinked: ${unlinkedSources}`);
    await shot("04-backlinks");
  });

  it("lists the notes tagged 면접", async () => {
    await (await browser.$('[data-tab="tags"]')).click();
    const tag = await browser.$('#tag-pane [data-tag="면접"]');
    await tag.waitForExist({ timeout: 5000 });
    await tag.click();
    const notes = await until(async () => {
      const found = [];
      for (const el of await browser.$$("#tag-pane [data-path]")) found.push(await el.getAttribute("data-path"));
      return found.length >= 7 ? found : null;
    }, "the notes tagged 면접");
    for (const p of ["Home.md", "Interview/Developer.md", "Interview/Redis.md", "Interview/프로젝트 경험.md"]) {
      assert.ok(notes.includes(p), `${p} is tagged 면접 (got ${notes})`);
    }
    await shot("05-tags");
  });

  it("displays an embedded image", async () => {
    await openNote("Interview/Developer", "Interview/Developer.md");
    const img = await browser.$("#reading-view img");
    await img.waitForExist({ timeout: 5000 });
    await img.scrollIntoView();
    const width = await until(
      async () => browser.execute((el) => el.complete && el.naturalWidth, img),
      "the image to load",
    );
    assert.ok(width > 0, `natural width ${width}`);
    const src = await img.getAttribute("src");
    assert.match(src, /^vault:\/\/localhost\/Attachments%2F/, "served by the vault: scheme, by vault path");
    // The scheme serves the open vault's files and nothing beside it: the
    // same image copied next to the vault folder does not load.
    const loads = (url) =>
      browser.executeAsync((url, done) => {
        const probe = new Image();
        probe.onload = () => done(probe.naturalWidth);
        probe.onerror = () => done(0);
        probe.src = url;
      }, url);
    assert.ok((await loads(src)) > 0, "the vault's image loads again");
    for (const escape of ["..%2Foutside.png", "%2E%2E%2Foutside.png", "Attachments%2F..%2F..%2Foutside.png"]) {
      assert.equal(await loads(`vault://localhost/${escape}`), 0, escape);
    }
    await shot("06-image");
  });

  it("runs nothing from a note with script", async () => {
    await openNote("Hostile", "Hostile.md");
    await new Promise((r) => setTimeout(r, 500));
    for (const a of await browser.$$("#reading-view a")) {
      if ((await a.getText()) === "click") await a.click();
    }
    const pwned = await browser.execute(() => window.__hanjiPwned ?? null);
    assert.equal(pwned, null);
    const scripts = await browser.$$("#reading-view script");
    assert.equal(scripts.length, 0);
  });

  it("never leaves the app, even when a script sends the window elsewhere", async () => {
    const before = await browser.execute(() => location.href);
    await browser.execute(() => {
      location.href = "https://example.com/";
    });
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(await browser.execute(() => location.href), before);
    assert.ok(await (await browser.$("#file-tree")).isExisting(), "the app is still there");
  });

  it("shows a note written from outside in the tree and in search within a second", async () => {
    await (await browser.$('[data-tab="files"]')).click();
    writeFileSync(join(vault, "외부에서 쓴 노트.md"), "# 외부 노트\n\n한지외부단어 테스트\n");
    const started = Date.now();
    await until(
      async () => (await browser.$('#file-tree [data-path="외부에서 쓴 노트.md"]')).isExisting(),
      "the new note in the tree",
      5000,
    );
    const inTree = Date.now() - started;
    assert.ok(inTree < 1000, `in the tree after ${inTree} ms`);
    await (await browser.$('[data-tab="search"]')).click();
    const input = await browser.$("#search-input");
    await input.setValue("한지외부단어");
    await until(
      async () => (await browser.$('#search-results [data-path="외부에서 쓴 노트.md"]')).isExisting(),
      "the new note in search",
      5000,
    );
    // Typing the query is part of this wait; the index had the note as soon
    // as the tree did (one change event updates both).
    const inSearch = Date.now() - started;
    assert.ok(inSearch < 3000, `in search after ${inSearch} ms`);
  });
});
