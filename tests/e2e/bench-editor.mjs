// Speed of the editor in the real app window (run by bench/editor.sh, not by
// CI): opening a 1 MB note in the editor, keystroke to painted in it against
// the paint floor of a bare text area typed into the same way, and a save to
// the note being found by search and to its outline painted. Times are taken
// in the page with performance.now(); "painted" is two animation frames
// after the DOM changed. Prints one JSON object.
import { remote } from "webdriverio";

const app = process.env.HANJI_APP;
const vault = process.env.HANJI_VAULT;
const big = process.env.HANJI_BIG || "Big.md";
const small = process.env.HANJI_SMALL || "Bench.md";
const sessions = Number(process.env.HANJI_SESSIONS || 3);

function pct(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.round((p / 100) * (v.length - 1)))];
}
const stats = (v) => ({ p50: round(pct(v, 50)), p95: round(pct(v, 95)), p99: round(pct(v, 99)), n: v.length });
const round = (x) => Math.round(x * 10) / 10;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function launch() {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "error",
    capabilities: { "tauri:options": { application: app, args: [vault] } },
  });
  await browser.setTimeout({ script: 120000 });
  await until(browser, () => document.querySelector("#file-tree [data-path]") !== null);
  return browser;
}

async function until(browser, f, timeout = 60000) {
  const started = Date.now();
  while (Date.now() - started < timeout) {
    if (await browser.execute(f)) return;
    await sleep(20);
  }
  throw new Error(`timed out: ${f}`);
}

/** Shows `path` in the reading view (a click in the file tree). */
async function read(browser, path) {
  await browser.execute((p) => document.querySelector(`#file-tree [data-path="${CSS.escape(p)}"]`).click(), path);
  await until(browser, new Function(`return document.querySelector("#reading-view")?.getAttribute("data-path") === ${JSON.stringify(path)}`));
}

/**
 * Opens the editor on `path` and times it to the editor's lines painted, in
 * ms: with Ctrl+E from its reading view (`path` null: the note shown), or by
 * a click on it in the file tree while another note is being edited.
 */
function timeOpen(browser, path = null) {
  return browser.executeAsync((path, done) => {
    performance.clearMarks();
    const t0 = performance.now();
    window.__openT0 = t0;
    if (path === null) {
      window.dispatchEvent(new KeyboardEvent("keydown", { key: "e", ctrlKey: true, bubbles: true, cancelable: true }));
    } else {
      document.querySelector(`#file-tree [data-path="${CSS.escape(path)}"]`).click();
    }
    const editor = path === null ? "#editor" : `#editor[data-path="${CSS.escape(path)}"]`;
    const check = () => {
      if (document.querySelector(`${editor}[data-status="saved"] .cm-content .cm-line`)) {
        performance.mark("hanji:editor:seen");
        requestAnimationFrame(() => {
          performance.mark("hanji:editor:frame1");
          requestAnimationFrame(() => done(performance.now() - t0));
        });
      } else setTimeout(check, 1);
    };
    check();
  }, path);
}

/** The editor's marks of the last open (Editor.svelte), as `name@ms` after it began. */
function marksOf(browser) {
  return browser.execute(() =>
    performance
      .getEntriesByType("mark")
      .map((m) => `${m.name.replace("hanji:editor:", "")}@${Math.round(m.startTime - window.__openT0)}`)
      .join(" "),
  );
}

/** Ctrl+E back to reading (saves first). */
async function closeEditor(browser) {
  await browser.execute(() =>
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "e", ctrlKey: true, bubbles: true, cancelable: true })),
  );
  await until(browser, () => document.querySelector("#reading-view") !== null);
}

/**
 * Installs a probe: from each keydown (capture, on the window) to two frames
 * after the first change under `selector`; durations collect in window.__lat.
 */
function probe(browser, selector) {
  return browser.execute((selector) => {
    window.__lat = [];
    let t0 = null;
    const target = document.querySelector(selector);
    window.__probeKey = (e) => {
      if (!e.ctrlKey) t0 = performance.now();
    };
    window.addEventListener("keydown", window.__probeKey, true);
    window.__probeObs?.disconnect();
    window.__probeObs = new MutationObserver(() => {
      if (t0 === null) return;
      const start = t0;
      t0 = null;
      requestAnimationFrame(() => requestAnimationFrame(() => window.__lat.push(performance.now() - start)));
    });
    window.__probeObs.observe(target, { childList: true, subtree: true, characterData: true, attributes: true });
  }, selector);
}

async function typeMeasured(browser, selector, keys) {
  await probe(browser, selector);
  for (const k of keys) {
    await browser.keys(k);
    await sleep(120);
  }
  await sleep(300);
  const lat = await browser.execute(() => {
    window.removeEventListener("keydown", window.__probeKey, true);
    window.__probeObs.disconnect();
    return window.__lat;
  });
  return lat;
}

const out = { vault, big, first_open_ms: [], reopen_ms: [], first_tree_open_ms: [] };
// Opening the 1 MB note from the file tree while editing another note: the
// editor's own cost, with no reading view of it to leave (a fresh app each).
for (let s = 0; s < sessions; s++) {
  const browser = await launch();
  await read(browser, small);
  await timeOpen(browser);
  await sleep(2000);
  out.first_tree_open_ms.push(round(await timeOpen(browser, big)));
  console.error(`tree session ${s + 1}: ${out.first_tree_open_ms.at(-1)} ms (${await marksOf(browser)})`);
  await browser.deleteSession();
}
for (let s = 0; s < sessions; s++) {
  const browser = await launch();
  console.error(`session ${s + 1}: launched`);
  await read(browser, big);
  console.error(`session ${s + 1}: reading ${big}`);
  out.first_open_ms.push(round(await timeOpen(browser)));
  const marks = await marksOf(browser);
  console.error(`session ${s + 1}: opened in the editor in ${out.first_open_ms.at(-1)} ms (${marks})`);
  (out.first_open_marks ??= []).push(marks);
  if (s < sessions - 1) {
    await browser.deleteSession();
    continue;
  }
  for (let i = 0; i < 10; i++) {
    await closeEditor(browser);
    await sleep(200);
    out.reopen_ms.push(round(await timeOpen(browser)));
  }

  console.error(`reopened: ${out.reopen_ms.join(" ")}`);
  // Keystrokes in the middle of the 1 MB note.
  await (await browser.$("#editor .cm-content")).click();
  for (let i = 0; i < 40; i++) await browser.keys("PageDown");
  await sleep(500);
  const keys = [];
  for (let i = 0; i < 40; i++) keys.push(i % 4 === 3 ? "Backspace" : "가나다"[i % 3]);
  out.keystroke_big_ms = stats(await typeMeasured(browser, "#editor .cm-content", keys));

  console.error(`keystrokes: ${JSON.stringify(out.keystroke_big_ms)}`);
  // The floor: a bare text area, typed into the same way.
  await browser.execute(() => {
    const area = document.createElement("textarea");
    area.id = "bench-floor";
    area.style.cssText = "position:fixed;left:10px;bottom:10px;width:200px;height:40px;z-index:99";
    document.body.append(area);
    area.focus();
  });
  const mirror = await browser.execute(() => {
    // A textarea's value is no DOM change: mirror it into a node, as a
    // minimal page would show what was typed.
    const area = document.querySelector("#bench-floor");
    const shown = document.createElement("div");
    shown.id = "bench-floor-shown";
    document.body.append(shown);
    area.addEventListener("input", () => (shown.textContent = area.value));
    return true;
  });
  out.paint_floor_ms = stats(await typeMeasured(browser, "#bench-floor-shown", keys));
  void mirror;
  await browser.execute(() => {
    document.querySelector("#bench-floor")?.remove();
    document.querySelector("#bench-floor-shown")?.remove();
  });
  await closeEditor(browser);

  // Save to searchable, and save to the outline painted, in a small note.
  await read(browser, small);
  await timeOpen(browser);
  await (await browser.$("#editor .cm-content")).click();
  await browser.keys(["Control", "End"]);
  const searchable = [];
  const outlined = [];
  for (let r = 0; r < 20; r++) {
    // No key twice in a row: WebKitWebDriver drops a repeated key.
    const word = `hanjibenchq${r.toString(36)}x`;
    await browser.keys(["Enter", ..."## ".split(""), ...word.split("")]);
    await sleep(50);
    const [toSearch, toOutline] = await browser.executeAsync((word, path, done) => {
      const t0 = performance.now();
      let search = null;
      let outline = null;
      const finish = () => {
        if (search !== null && outline !== null) done([search, outline]);
      };
      // Given up after 10 s (-1): a figure, not a hang.
      setTimeout(() => done([search ?? -1, outline ?? -1]), 10000);
      const poll = () => {
        window.__TAURI_INTERNALS__.invoke("search", { query: word, limit: 5 }).then(
          (r) => {
            if (r.hits.some((h) => h.path === path)) {
              search = performance.now() - t0;
              finish();
            } else setTimeout(poll, 2);
          },
          () => setTimeout(poll, 2),
        );
      };
      const look = () => {
        const items = [...document.querySelectorAll("#panel-outline button, #panel-outline a, #panel-outline li")];
        if (items.some((e) => e.textContent.trim() === word)) {
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              outline = performance.now() - t0;
              finish();
            }),
          );
        } else setTimeout(look, 1);
      };
      window.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true, cancelable: true }));
      poll();
      look();
    }, word, small);
    if (toSearch < 0 || toOutline < 0) {
      const seen = await browser.execute(() => ({
        status: document.querySelector("#editor")?.getAttribute("data-status"),
        outline: document.querySelector("#panel-outline")?.textContent.slice(0, 300),
      }));
      console.error(`round ${r}: search ${toSearch}, outline ${toOutline}; ${JSON.stringify(seen)}`);
    }
    searchable.push(toSearch);
    outlined.push(toOutline);
    await sleep(300);
  }
  out.save_to_searchable_ms = { ...stats(searchable.filter((t) => t >= 0)), missed: searchable.filter((t) => t < 0).length };
  out.save_to_outline_ms = { ...stats(outlined.filter((t) => t >= 0)), missed: outlined.filter((t) => t < 0).length };
  await browser.deleteSession();
}
out.first_open_ms = { all: out.first_open_ms, median: round(pct(out.first_open_ms, 50)) };
out.first_tree_open_ms = { all: out.first_tree_open_ms, median: round(pct(out.first_tree_open_ms, 50)) };
out.reopen_ms = { ...stats(out.reopen_ms) };
console.log(JSON.stringify(out));
