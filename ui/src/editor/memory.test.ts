// What the editor keeps of a note it left (memory.ts): its state while the
// disk still holds that text, and unsaved text until it is saved.
import { beforeEach, describe, expect, it } from "vitest";
import { follow, forget, keep, markSaved, markUnsaved, recall, REMEMBERED, unsavedNotes } from "./memory";

const base = (text: string) => ({ path: "a.md", text, hash: "0000000000000001" });

describe("editor memory", () => {
  beforeEach(() => {
    for (const n of unsavedNotes()) forget(n.path);
    for (let i = 0; i < REMEMBERED + 5; i++) forget(`n${i}.md`);
    forget("a.md");
  });

  it("gives a note's state back while the disk holds the text it had", () => {
    keep("a.md", { doc: "x" }, "x", 40);
    expect(recall("a.md", "x")).toEqual({ json: { doc: "x" }, scroll: 40, unsaved: null });
    // Taken back: once only.
    expect(recall("a.md", "x")).toBeNull();
    keep("a.md", { doc: "x" }, "x", 0);
    // Changed on disk meanwhile: the history would undo into text that is gone.
    expect(recall("a.md", "y")).toBeNull();
  });

  it("keeps text whose save failed, whatever the disk holds, until it is saved", () => {
    keep("a.md", { doc: "mine" }, "mine", 0);
    markUnsaved("a.md", base("old"));
    expect(unsavedNotes()).toEqual([{ path: "a.md", text: "mine", base: base("old") }]);
    // Never pushed out by notes visited later.
    for (let i = 0; i < REMEMBERED + 5; i++) keep(`n${i}.md`, {}, "", 0);
    expect(unsavedNotes().map((n) => n.path)).toEqual(["a.md"]);
    expect(recall("a.md", "theirs")).toEqual({ json: { doc: "mine" }, scroll: 0, unsaved: base("old") });
    expect(unsavedNotes()).toEqual([]);
  });

  it("forgets that text was unsaved once it is saved", () => {
    keep("a.md", {}, "mine", 0);
    markUnsaved("a.md", base("old"));
    markSaved("a.md");
    expect(unsavedNotes()).toEqual([]);
  });

  it("remembers the last notes only", () => {
    for (let i = 0; i < REMEMBERED + 5; i++) keep(`n${i}.md`, {}, "t", 0);
    expect(recall("n0.md", "t")).toBeNull();
    expect(recall(`n${REMEMBERED + 4}.md`, "t")).not.toBeNull();
  });

  it("follows a renamed note, also for an editor that keeps its state after the rename", () => {
    keep("a.md", { doc: "a" }, "a", 10);
    follow("a.md", "b.md");
    expect(recall("a.md", "a")).toBeNull();
    expect(recall("b.md", "a")?.scroll).toBe(10);
    // The editor of c.md closes after its note moved: its state goes with it.
    follow("c.md", "d.md");
    keep("c.md", { doc: "c" }, "c", 20);
    expect(recall("d.md", "c")?.scroll).toBe(20);
    expect(recall("c.md", "c")).toBeNull();
  });
});
