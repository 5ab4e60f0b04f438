// The end-to-end harness shared by the test files: starting and ending the
// real app (one process a suite, over tauri-driver), waiting, screenshots,
// and the moves a person makes (open a note with the quick switcher, search,
// show a tab, edit a note), plus the suite registration that can run tests
// in reverse order (HANJI_E2E_REVERSE=1). See app.test.mjs for the rules
// every test keeps. It asserts nothing itself.
import { describe, it as nodeIt } from "node:test";
import { execFileSync } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { remote } from "webdriverio";

export const app = process.env.HANJI_APP;
export const vault = process.env.HANJI_VAULT;
export const artifacts = process.env.HANJI_ARTIFACTS;
if (!app || !vault) {
  throw new Error("HANJI_APP and HANJI_VAULT must be set (run .ci/e2e.sh)");
}
/** How long a vault reopened from its cache holds back its comparison with the disk. */
export const verifyDelay = Number(process.env.HANJI_TEST_VERIFY_DELAY_MS ?? 0);
export const reverse = process.env.HANJI_E2E_REVERSE === "1";

/** The app session of the suite running now (one app process). */
export let browser;

/** Starts the app on the vault (a new process) and waits for its window. */
export async function startApp() {
  browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "warn",
    capabilities: { "tauri:options": { application: app, args: [vault] } },
  });
  await until(async () => (await browser.$("#file-tree")).isExisting(), "the file tree", 30000);
}

/** Ends the app session, if one is running (tauri-driver stops the app). */
export async function endApp() {
  const b = browser;
  browser = undefined;
  await b?.deleteSession();
}

/** Waits until `f` returns something truthy, or fails with `what`. */
export async function until(f, what, timeout = 10000) {
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

/**
 * The window as it is on the display, as PNG bytes: taken from the X
 * server (the app's window fills the virtual screen), not by WebDriver,
 * whose snapshot can wait forever for a paint when the web view draws
 * without compositing (as it does with no GPU, see src-tauri's
 * rendering.rs). It is also what a person would see.
 */
export function screenshotPng() {
  return execFileSync("import", ["-window", "root", "PNG24:-"], { maxBuffer: 64 << 20 });
}

export async function shot(name) {
  if (!artifacts) return;
  // Let layout and images settle before the picture.
  await new Promise((r) => setTimeout(r, 500));
  writeFileSync(join(artifacts, `${name}.png`), screenshotPng());
}

/** Closes the quick switcher or the command palette if one is open. */
export async function closeModals() {
  for (const id of ["quick-switcher", "command-palette"]) {
    const input = await browser.$(`#${id} input`);
    if (!(await input.isExisting())) continue;
    await input.click();
    await browser.keys("Escape");
    await until(async () => !(await browser.$(`#${id}`)).isExisting(), `the ${id} to close`);
  }
  const settings = await browser.$('[role="dialog"][aria-label="Settings"] button.close');
  if (await settings.isExisting()) {
    await settings.click();
    await until(async () => !(await settings.isExisting()), "the settings to close");
  }
}

/** Opens both sidebars (the layout is remembered between sessions). */
export async function showSidebars() {
  for (const side of ["left", "right"]) {
    const toggle = await browser.$(`button[aria-label="Toggle ${side} sidebar"]`);
    if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
    await until(
      async () => (await toggle.getAttribute("aria-pressed")) === "true",
      `the ${side} sidebar to open`,
    );
  }
}

/** Shows the left sidebar's tab `name` ("files", "tags" or "search"). */
export async function showTab(name) {
  const tab = await browser.$(`[data-tab="${name}"]`);
  if ((await tab.getAttribute("aria-selected")) !== "true") await tab.click();
  await until(async () => (await browser.$(`#pane-${name}`)).isDisplayed(), `the ${name} tab`);
}

/** Opens the right sidebar's panel `id` (e.g. "panel-backlinks") if it is collapsed. */
export async function expandPanel(id) {
  const button = await browser.$(`#${id}-title button`);
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  await until(async () => (await button.getAttribute("aria-expanded")) === "true", `${id} open`);
}

/**
 * Types `query` into the Search tab and waits for its answer (the status
 * line settled on a count, "No notes match" or an error). Returns the paths
 * of the hits and the status line.
 */
export async function search(query) {
  await closeModals();
  await showTab("search");
  const input = await browser.$("#search-input");
  await input.setValue(query);
  const status = await browser.$("#pane-search .status");
  const said = await until(async () => {
    if ((await input.getValue()) !== query) return null;
    if ((await status.getAttribute("class")).split(/\s+/).includes("busy")) return null;
    return (await status.getText()).trim() || null;
  }, `the answer to ${query}`);
  const paths = [];
  for (const r of await browser.$$("#search-results .search-result")) paths.push(await r.getAttribute("data-path"));
  return { paths, status: said };
}

export async function readingPath() {
  return (await browser.$("#reading-view")).getAttribute("data-path");
}

/** Opens a note through the quick switcher, as a person would. */
export async function openNote(query, path) {
  // Reading or editing, as the pane was.
  const shown = async () => (await browser.$("#reading-view, #editor")).getAttribute("data-path");
  const rows = () =>
    browser.execute(() => [...document.querySelectorAll("#quick-switcher [data-path]")].map((r) => r.dataset.path).join("\n"));
  for (let attempt = 0; ; attempt++) {
    await closeModals();
    await browser.keys(["Control", "o"]);
    const input = await browser.$("#quick-switcher input");
    await input.waitForDisplayed({ timeout: 5000 });
    await input.setValue(query);
    const row = await browser.$(`#quick-switcher [data-path="${path}"]`);
    await until(async () => row.isExisting(), `${path} in the quick switcher`);
    // The list can still be drawn again (the notes' list refreshed, the
    // ranking redone): the click waits until it stands still.
    let before = await rows();
    await until(async () => {
      await new Promise((r) => setTimeout(r, 200));
      const now = await rows();
      const still = now === before;
      before = now;
      return still;
    }, "the quick switcher's list to stand still");
    await (await browser.$(`#quick-switcher [data-path="${path}"]`)).click();
    try {
      await until(async () => (await shown()) === path, `${path} in the middle pane`, 5000);
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

/**
 * The shown text of every element matching `selector`, read in one step in
 * the page: reading element by element over WebDriver races a list that
 * re-renders between the reads (a stale element), and a list re-renders on
 * every keystroke.
 */
export async function texts(selector) {
  return browser.execute(
    (sel) => Array.from(document.querySelectorAll(sel), (el) => el.innerText.trim()),
    selector,
  );
}

export async function attributes(selector, name) {
  const out = [];
  for (const el of await browser.$$(selector)) out.push(await el.getAttribute(name));
  return out;
}

/** Whether the file tree lists `path` (top-level entries are always shown). */
export async function inTree(path) {
  return (await browser.$(`#file-tree [data-path="${path}"]`)).isExisting();
}

/** Shows the Files tab and waits for the sample's top folders in it. */
export async function treeShowsSample() {
  await showTab("files");
  for (const folder of ["CS", "Interview", "Daily"]) {
    await until(
      async () => (await browser.$(`#file-tree [data-path="${folder}"]`)).isDisplayed(),
      `${folder}/ in the tree`,
      30000,
    );
  }
}

/**
 * Calls a shell command from the page, as a script in a note would (what
 * @tauri-apps/api's `invoke` does). Resolves to `{ ok: answer }` or
 * `{ error }`, passed back as JSON text: WebKitWebDriver reports an object
 * handed to `done` from a rejection as a script error.
 */
export async function invokeFromPage(command, args) {
  const json = await browser.executeAsync(
    (command, args, done) =>
      window.__TAURI_INTERNALS__.invoke(command, args).then(
        (value) => done(JSON.stringify({ ok: value })),
        (error) => done(JSON.stringify({ error })),
      ),
    command,
    args,
  );
  return JSON.parse(json);
}

/**
 * Runs `body(file)` with a note `name` holding `text` written into the vault
 * from outside, once it is in the tree; afterwards leaves the editor, removes
 * the note (and `extra()` files) and waits until the app has forgotten it,
 * so the next test sees the sample as it was.
 */
export async function withScratchNote(name, text, body, extra = () => []) {
  const file = join(vault, name);
  writeFileSync(file, text);
  try {
    await until(async () => inTree(name), "the note in the tree", verifyDelay + 20000);
    await body(file);
  } finally {
    if (await (await browser.$("#editor")).isExisting()) await browser.keys(["Control", "e"]);
    chmodSync(file, 0o644);
    rmSync(file, { force: true });
    for (const other of extra()) rmSync(join(vault, other), { force: true });
  }
  await showTab("files");
  await until(async () => !(await inTree(name)), "the note gone from the tree", verifyDelay + 20000);
}

/** Opens the note in the editor (Ctrl+E) with the cursor at its end. */
export async function editAtEnd(query, path) {
  await openNote(query, path);
  await browser.keys(["Control", "e"]);
  const content = await browser.$("#editor .cm-content");
  await content.waitForDisplayed({ timeout: 10000 });
  await content.click();
  await browser.keys(["Control", "End"]);
}

export async function editorStatus() {
  return (await browser.$("#editor")).getAttribute("data-status");
}

/**
 * Types `keys` (xdotool key names as typed on a US keyboard) into the focused
 * app window through the real ibus-hangul input method (started by
 * .ci/e2e.sh), then a space unless `end` says otherwise: the 2-set layout's
 * "dkssud" is 안녕. The engine goes back to Latin afterwards: the other tests
 * type through WebDriver.
 */
/** The app's X window (the last visible one named Hanji). */
function appWindow() {
  const windows = execFileSync("xdotool", ["search", "--onlyvisible", "--name", "Hanji"], { encoding: "utf8" })
    .trim()
    .split("\n");
  return windows[windows.length - 1];
}

/** Asks the app's window to close, as its close button does (wm-delete.py). */
export function requestClose() {
  execFileSync("python3", [join(import.meta.dirname, "wm-delete.py"), appWindow()]);
}

export function imeType(keys, { end = ["space"], delay = 250 } = {}) {
  const win = appWindow();
  execFileSync("ibus", ["engine", "hangul"]);
  try {
    execFileSync("xdotool", ["windowfocus", "--sync", win]);
    if (keys) execFileSync("xdotool", ["type", "--delay", String(delay), keys]);
    // The last syllable is committed when composition ends (a space, Enter, an arrow…).
    if (end.length > 0) execFileSync("xdotool", ["key", "--delay", String(delay), ...end]);
  } finally {
    execFileSync("ibus", ["engine", "xkb:us::eng"]);
  }
}

// Suites and tests are collected first and registered at the end of the
// file, in reverse order under HANJI_E2E_REVERSE=1, to show that no test
// depends on what another did.
const suites = [];
let collecting = null;
export function suite(name, body) {
  suites.push([name, body]);
}
export function it(name, fn) {
  if (!collecting) throw new Error(`it("${name}") outside a suite`);
  collecting.push([name, fn]);
}

/** Registers the collected suites with node:test (call once, at the end of a test file). */
export function register() {
  for (const [name, body] of reverse ? suites.toReversed() : suites) {
    describe(name, () => {
      collecting = [];
      body();
      const tests = collecting;
      collecting = null;
      for (const [testName, fn] of reverse ? tests.toReversed() : tests) nodeIt(testName, fn);
    });
  }
}
