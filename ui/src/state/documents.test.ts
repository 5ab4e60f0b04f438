// Tests for the per-note document store: live updates never overwrite a
// dirty document.
import { describe, expect, it } from "vitest";
import { changeEvent } from "../test/fake-shell";
import { Documents } from "./documents.svelte";

const change = changeEvent;

function withDocs() {
  const docs = new Documents();
  docs.offer("a.md", { text: "A", hash: "h1" });
  docs.offer("b.md", { text: "B", hash: "h2" });
  docs.edit("b.md", "B edited");
  return docs;
}

describe("Documents", () => {
  it("takes fresh reads of clean documents", () => {
    const docs = withDocs();
    expect(docs.offer("a.md", { text: "A2", hash: "h3" })).toBe(true);
    expect(docs.get("a.md")).toMatchObject({ text: "A2", hash: "h3", dirty: false });
  });

  it("never lets a fresh read overwrite a dirty document, and flags a newer disk version", () => {
    const docs = withDocs();
    expect(docs.get("b.md")).toMatchObject({ text: "B edited", hash: "h2", dirty: true, conflict: false });
    expect(docs.offer("b.md", { text: "B on disk", hash: "h2" })).toBe(false);
    expect(docs.get("b.md")?.conflict).toBe(false);
    expect(docs.offer("b.md", { text: "B on disk", hash: "h9" })).toBe(false);
    expect(docs.get("b.md")).toMatchObject({ text: "B edited", hash: "h2", dirty: true, conflict: true });
    expect(docs.dirtyPaths()).toEqual(["b.md"]);
  });

  it("drops clean documents a change touched and flags dirty ones", () => {
    const docs = withDocs();
    docs.apply(change({ modified: ["a.md", "b.md"] }));
    expect(docs.get("a.md")).toBeUndefined();
    expect(docs.get("b.md")).toMatchObject({ text: "B edited", dirty: true, conflict: true });
  });

  it("keeps a dirty document whose note was removed, marked gone", () => {
    const docs = withDocs();
    docs.apply(change({ removed: ["a.md", "b.md"] }));
    expect(docs.get("a.md")).toBeUndefined();
    expect(docs.get("b.md")).toMatchObject({ text: "B edited", dirty: true, gone: true });
  });

  it("moves documents with their notes, edits and all", () => {
    const docs = withDocs();
    docs.apply(change({ removed: ["a.md", "b.md"], added: ["x/a.md", "x/b.md"], renamed: [["a.md", "x/a.md"], ["b.md", "x/b.md"]] }));
    expect(docs.get("a.md")).toBeUndefined();
    expect(docs.get("x/a.md")).toMatchObject({ path: "x/a.md", text: "A", dirty: false });
    expect(docs.get("x/b.md")).toMatchObject({ path: "x/b.md", text: "B edited", dirty: true, gone: false, conflict: false });
  });

  it("leaves documents alone on Hanji's own save", () => {
    const docs = withDocs();
    docs.saved("b.md", "B edited", "h5");
    expect(docs.get("b.md")).toMatchObject({ hash: "h5", dirty: false });
    docs.edit("b.md", "B edited again");
    docs.apply(change({ modified: ["b.md"], own_write: true }));
    expect(docs.get("b.md")).toMatchObject({ text: "B edited again", hash: "h5", dirty: true, conflict: false });
  });

  it("stays dirty when edited again while a save was under way", () => {
    const docs = withDocs();
    docs.edit("b.md", "B edited more");
    docs.saved("b.md", "B edited", "h5");
    expect(docs.get("b.md")).toMatchObject({ text: "B edited more", hash: "h5", dirty: true });
  });

  it("edits only documents that were read", () => {
    const docs = new Documents();
    expect(docs.edit("nowhere.md", "x")).toBe(false);
    expect(docs.get("nowhere.md")).toBeUndefined();
  });
});
