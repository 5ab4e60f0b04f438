// The graph's force layout, off the UI thread: ForceAtlas2 (forces.ts) run
// in steps of about 12 ms until the layout settles or has run for LIMIT_MS;
// then it stops by itself and the worker sits idle, costing nothing, until
// it is asked again (a node dragged, new nodes, other forces). Positions go
// back (as transferred Float32Arrays) one frame at a time: the next only
// once the page has drawn the last ("ack"), so a page that draws slowly is
// never buried under frames it cannot show, and has nothing left to catch
// up on once the layout has stopped.
import { ForceLayout, SettleWatch, type Fa2Settings, type LayoutInput } from "./forces";

export type ToLayout =
  | ({ type: "run"; settings: Fa2Settings; run: number } & LayoutInput)
  | { type: "pin"; index: number; x: number; y: number; fixed: boolean }
  | { type: "reheat" }
  | { type: "ack"; run: number }
  | { type: "stop" };

export type FromLayout = { type: "positions"; x: Float32Array; y: Float32Array; settled: boolean; steps: number; run: number };

const STEP_MS = 12;
const LIMIT_MS = 30_000;

let layout: ForceLayout | null = null;
let run = 0;
let started = 0;
let steps = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let watch = new SettleWatch();
/** A frame was sent and the page has not drawn it yet. */
let unacked = false;
/** The layout stopped while a frame was unacknowledged: the last is sent at the ack. */
let finalDue = false;

function post(settled: boolean): void {
  if (!layout) return;
  unacked = true;
  const { x, y } = layout.positions();
  const message: FromLayout = { type: "positions", x, y, settled, steps, run };
  (self as unknown as Worker).postMessage(message, [x.buffer, y.buffer]);
}

function tick(): void {
  timer = null;
  if (!layout) return;
  const until = performance.now() + STEP_MS;
  let calm = false;
  // At least one iteration a tick; more while there is time.
  do {
    calm = watch.add(layout.step(1), layout.extent());
    steps++;
  } while (!calm && performance.now() < until);
  const settled = calm || performance.now() - started > LIMIT_MS;
  if (settled) {
    // The final positions always reach the page.
    if (unacked) finalDue = true;
    else post(true);
    return;
  }
  if (!unacked) post(false);
  timer = setTimeout(tick, 0);
}

function start(): void {
  started = performance.now();
  steps = 0;
  watch = new SettleWatch();
  unacked = false;
  finalDue = false;
  if (timer === null) timer = setTimeout(tick, 0);
}

self.onmessage = (e: MessageEvent<ToLayout>) => {
  const m = e.data;
  switch (m.type) {
    case "run":
      run = m.run;
      layout = new ForceLayout(m, m.settings);
      start();
      break;
    case "pin":
      layout?.pin(m.index, m.x, m.y, m.fixed);
      if (layout) start();
      break;
    case "ack":
      if (m.run !== run) break;
      unacked = false;
      if (finalDue) {
        finalDue = false;
        post(true);
      }
      break;
    case "reheat":
      layout?.release();
      if (layout) start();
      break;
    case "stop":
      if (timer !== null) clearTimeout(timer);
      timer = null;
      layout = null;
      break;
  }
};
