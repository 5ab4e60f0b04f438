// Speed of the graph view in the real app window (run by bench/graph.sh,
// not by CI). For one vault: the app is launched (once to fill the cache,
// then measured warm), the global graph opened, and measured:
//   - first frame: the click on the graph button until the frame that
//     shows the graph is up (the start of the frame after the one whose
//     callbacks drew it: a requestAnimationFrame timestamp), with where the
//     time went (fetch, code, renderer) and when a big graph's edges, taken
//     in after that first frame, are on screen too;
//   - settle: until the layout stopped by itself (data-settled);
//   - frames per second while the layout runs, and while zooming and
//     panning after it settled (wheel and drag events sent to the graph
//     every frame), from requestAnimationFrame timings: median frame time
//     and frames per second over the run;
//   - idle CPU after settling: the app's processes' CPU time over 5 s;
//   - memory: the resident size of those processes.
// Positions are kept in the cache: the second opening (a relaunch) shows
// the graph without running the layout; its first frame is measured too.
// Prints one JSON object.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { remote } from "webdriverio";

const app = process.env.HANJI_APP;
const vault = process.env.HANJI_VAULT;

function pct(values, p) {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.round((p / 100) * (v.length - 1)))] : null;
}

/** The app's processes: hanji-app and the WebKit processes it started. */
function appPids() {
  const out = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8");
      if (/hanji-app|WebKitWebProcess|WebKitNetworkProcess/.test(cmd)) out.push(Number(d));
    } catch {
      // gone
    }
  }
  return out;
}

function cpuTicks(pids) {
  let t = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      t += Number(f[11]) + Number(f[12]); // utime + stime
    } catch {
      // gone
    }
  }
  return t;
}

function rssMb(pids) {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/);
      if (m) kb += Number(m[1]);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}

const HZ = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

async function launch() {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: 4444,
    logLevel: "error",
    capabilities: { "tauri:options": { application: app, args: [vault] } },
  });
  await browser.setTimeout({ script: 300000 });
  for (;;) {
    if (await browser.execute(() => Boolean(document.querySelector("#file-tree [data-path]")))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return browser;
}

/** Clicks the graph button; answers ms until the graph has been drawn. */
async function openGraph(browser) {
  return browser.executeAsync((done) => {
    const t0 = performance.now();
    document.querySelector("#open-graph").click();
    const poll = () => {
      const c = document.querySelector("#graph-view .graph-canvas");
      // The view marks the start of the frame after the one that drew the
      // graph (paintedAt); a big graph's edges come in after that
      // (edgesIn), and are on screen a frame later.
      if (c && Number(c.dataset.nodes) > 0 && c.dataset.paintedAt && c.dataset.edgesIn !== "false") {
        requestAnimationFrame((edgesShown) => {
          // Where the time went, from the click (the view's own marks).
          const at = (k) => (c.dataset[k] === undefined ? null : Math.round(Number(c.dataset[k]) - t0));
          done({
            ms: Number(c.dataset.paintedAt) - t0,
            timeline: {
              mounted: at("mountedAt"),
              fetched: at("fetchedAt"),
              imported: at("importedAt"),
              shown: at("shownAt"),
              drawn: at("frameAt"),
              painted: at("paintedAt"),
              edges_on_screen: Math.round(edgesShown - t0),
              renderer_ms: Number(c.dataset.rendererMs),
            },
          });
        });
      } else setTimeout(poll, 5);
    };
    poll();
  });
}

/** Frame times (ms) for `ms` of time, while `drive` (a page function) runs each frame. */
async function frames(browser, ms, drive) {
  return browser.executeAsync(
    (ms, drive, done) => {
      const canvas = document.querySelector("#graph-view .graph-canvas");
      const target = canvas.querySelector("canvas:last-of-type") ?? canvas;
      const rect = canvas.getBoundingClientRect();
      const times = [];
      let last = performance.now();
      const end = last + ms;
      let k = 0;
      const step = (now) => {
        times.push(now - last);
        last = now;
        k++;
        if (drive === "zoom") {
          // In for the first half, out for the second: the view ends as it began.
          const e = new WheelEvent("wheel", {
            deltaY: now < end - ms / 2 ? -40 : 40,
            clientX: rect.x + rect.width / 2,
            clientY: rect.y + rect.height / 2,
            bubbles: true,
            cancelable: true,
          });
          target.dispatchEvent(e);
        } else if (drive === "pan") {
          // From a corner, where no node is (the graph is fitted with a
          // margin): the background is dragged, not a node.
          const x = rect.x + 12 + 60 * (1 - Math.cos(k / 10));
          const y = rect.y + 12 + 40 * (1 - Math.cos(k / 10));
          const type = k === 1 ? "mousedown" : "mousemove";
          target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, button: 0, buttons: 1 }));
        }
        if (now < end) requestAnimationFrame(step);
        else {
          if (drive === "pan") target.dispatchEvent(new MouseEvent("mouseup", { bubbles: true, button: 0 }));
          done({ times: times.slice(1), settled: canvas.dataset.settled === "true" });
        }
      };
      requestAnimationFrame(step);
    },
    ms,
    drive,
  );
}

const summary = (r) => {
  const t = r.times;
  const total = t.reduce((a, b) => a + b, 0);
  return {
    frames: t.length,
    fps: Math.round((t.length / total) * 1000 * 10) / 10,
    median_frame_ms: Math.round(pct(t, 50) * 10) / 10,
    p90_frame_ms: Math.round(pct(t, 90) * 10) / 10,
  };
};

const out = { vault };
// First launch: fills the metadata cache and the search index.
let browser = await launch();
await browser.deleteSession();

browser = await launch();
const info = await browser.execute(() => {
  const c = document.createElement("canvas");
  const gl = c.getContext("webgl2") ?? c.getContext("webgl");
  if (!gl) return { webgl: false };
  const ext = gl.getExtension("WEBGL_debug_renderer_info");
  return {
    webgl: true,
    version: gl.getParameter(gl.VERSION),
    renderer: ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
  };
});
out.webgl = info;
const t0 = Date.now();
{
  const first = await openGraph(browser);
  out.first_frame_ms = Math.round(first.ms);
  out.first_frame_timeline = first.timeline;
}
const counts = await browser.execute(() => {
  const c = document.querySelector("#graph-view .graph-canvas");
  return {
    nodes: Number(c.dataset.nodes),
    edges: Number(c.dataset.edges),
    renderer: c.dataset.renderer,
    fetch_ms: Number(c.dataset.fetchMs),
    show_ms: Number(c.dataset.showMs),
  };
});
out.graph = counts;
const during = await frames(browser, 3000, "none");
out.layout_frames = summary(during);
out.layout_frames.still_running = !during.settled;
for (;;) {
  const settled = await browser.execute(() => document.querySelector("#graph-view .graph-canvas")?.dataset.settled === "true");
  if (settled) break;
  if (Date.now() - t0 > 120000) {
    out.settle_ms = null;
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
out.settle_ms ??= Date.now() - t0;
await new Promise((r) => setTimeout(r, 1000));
out.zoom_frames = summary(await frames(browser, 3000, "zoom"));
out.pan_frames = summary(await frames(browser, 3000, "pan"));
// Idle: at rest (a drag that caught a node would have run the layout again).
for (let i = 0; i < 600; i++) {
  if (await browser.execute(() => document.querySelector("#graph-view .graph-canvas")?.dataset.settled === "true")) break;
  await new Promise((r) => setTimeout(r, 100));
}
await new Promise((r) => setTimeout(r, 2000));
const pids = appPids();
const before = cpuTicks(pids);
const started = Date.now();
await new Promise((r) => setTimeout(r, 5000));
out.idle_cpu_percent = Math.round(((cpuTicks(pids) - before) / HZ / ((Date.now() - started) / 1000)) * 1000) / 10;
out.rss_mb = rssMb(pids);
// Live: a link added to a note (to a note that does not exist: one node
// and one edge more), until the graph shows the edge, and how it came
// (a delta or the whole graph); the note is then put back.
{
  const note = readdirSync(vault, { recursive: true }).find((f) => String(f).endsWith(".md") && !String(f).startsWith("."));
  const file = join(vault, String(note));
  const original = readFileSync(file);
  const edges = await browser.execute(() => Number(document.querySelector("#graph-view .graph-canvas").dataset.edges));
  const t = Date.now();
  writeFileSync(file, Buffer.concat([original, Buffer.from("\n\n[[그래프 실시간 시험]]\n")]));
  for (;;) {
    const now = await browser.execute(() => Number(document.querySelector("#graph-view .graph-canvas").dataset.edges));
    if (now === edges + 1 || Date.now() - t > 20000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  out.live_edge_ms = Date.now() - t;
  out.live_update = await browser.execute(() => document.querySelector("#graph-view .graph-canvas").dataset.update ?? null);
  writeFileSync(file, original);
  for (let i = 0; i < 600; i++) {
    if (await browser.execute(() => document.querySelector("#graph-view .graph-canvas")?.dataset.settled === "true")) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}
// Wait for the positions to be written, then relaunch: the kept layout.
await new Promise((r) => setTimeout(r, 1000));
await browser.deleteSession();
browser = await launch();
{
  const again = await openGraph(browser);
  out.reopen_first_frame_ms = Math.round(again.ms);
  out.reopen_timeline = again.timeline;
}
await new Promise((r) => setTimeout(r, 300));
out.reopen_settled_at_once = await browser.execute(
  () => document.querySelector("#graph-view .graph-canvas")?.dataset.settled === "true",
);
await browser.deleteSession();
console.log(JSON.stringify(out, null, 2));
