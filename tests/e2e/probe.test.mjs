import { after, beforeEach } from "node:test";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { browser, closeModals, endApp, it, register, showSidebars, startApp, suite, vault, until, inTree } from "./harness.mjs";
suite("probe", () => {
  beforeEach(async () => { if (!browser) await startApp(); await closeModals(); await showSidebars(); });
  after(endApp);
  it("probe big", async () => {
    execFileSync("python3", ["bench/make_big_note.py", "vault-sample", join(vault, "Big.md")], { cwd: "../.." });
    await until(async () => inTree("Big.md"), "big in tree", 30000);
    await browser.execute(() => document.querySelector('#file-tree [data-path="Big.md"]').click());
    await until(async () => (await browser.$("#reading-view")).getAttribute("data-path").then((p) => p === "Big.md"), "reading", 60000);
    const t0 = Date.now();
    await browser.keys(["Control", "e"]);
    let info = "";
    try {
      await until(async () => {
        info = await browser.execute(() => { const e = document.querySelector("#editor"); return e ? `${e.getAttribute("data-status")} lines=${document.querySelectorAll("#editor .cm-line").length} msg=${e.textContent.slice(0, 200)}` : "no editor"; });
        return info.startsWith("saved");
      }, "editor", 60000);
    } finally {
      writeFileSync("/tmp/probe-big.txt", `${Date.now() - t0} ms ${info}\n`);
      await browser.saveScreenshot("/tmp/probe-big.png");
    }
  });
});
register();
