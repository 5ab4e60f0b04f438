// The page previews' one rule: the cards up to the pointer's depth stay,
// plus the card of the link under it; Ctrl shows at once, a pause only
// when the setting says; what the pointer left closes a moment later.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { NotePreview } from "../api";
import { CLOSE_DELAY_MS, HOVER_DELAY_MS, Previews, type PreviewLink } from "./previews.svelte";

const link = (path: string, anchor: string | null = null): PreviewLink => ({
  path,
  anchor,
  rect: { left: 10, top: 10, bottom: 30 },
});

function previewsOf(): { p: Previews; asked: string[] } {
  const asked: string[] = [];
  const p = new Previews(
    async (path, anchor) => {
      asked.push(anchor ? `${path}#${anchor}` : path);
      if (path === "Broken.md") throw { code: "note_not_found", message: "Broken.md is not a note" };
      return { path, title: path.replace(/\.md$/, ""), part: anchor, html: `<p>${path}</p>`, properties: [] } satisfies NotePreview;
    },
    (e) => (e as { message: string }).message,
  );
  return { p, asked };
}

const shown = (p: Previews) => p.cards.map((c) => c.link.path + (c.link.anchor ? `#${c.link.anchor}` : ""));

describe("page previews", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows a card at once with Ctrl, and never without it unless the setting says", async () => {
    const { p, asked } = previewsOf();
    p.pointer(0, link("A.md"), false);
    await vi.advanceTimersByTimeAsync(HOVER_DELAY_MS * 3);
    expect(shown(p)).toEqual([]);
    p.pointer(0, link("A.md", "heading"), true);
    expect(shown(p)).toEqual(["A.md#heading"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(p.cards[0].view?.part).toBe("heading");
    expect(asked).toEqual(["A.md#heading"]);
  });

  it("shows a card after a pause when the setting says, and not when the pointer left first", async () => {
    const { p } = previewsOf();
    p.mode = "delay";
    p.pointer(0, link("A.md"), false);
    await vi.advanceTimersByTimeAsync(HOVER_DELAY_MS - 50);
    expect(shown(p)).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(shown(p)).toEqual(["A.md"]);
    p.closeAll();
    p.pointer(0, link("B.md"), false);
    await vi.advanceTimersByTimeAsync(HOVER_DELAY_MS / 2);
    p.pointer(0, null, false);
    await vi.advanceTimersByTimeAsync(HOVER_DELAY_MS * 2);
    expect(shown(p)).toEqual([]);
  });

  it("Ctrl pressed while resting on a link shows it", () => {
    const { p } = previewsOf();
    p.pointer(0, link("A.md"), false);
    p.ctrlPressed();
    expect(shown(p)).toEqual(["A.md"]);
    p.pointer(0, null, false);
    p.ctrlPressed();
    expect(shown(p), "no link under the pointer: nothing new").toEqual(["A.md"]);
  });

  it("keeps a card while the pointer crosses to it, and closes it a moment after it leaves", async () => {
    const { p } = previewsOf();
    p.pointer(0, link("A.md"), true);
    // Off the link, onto the page between link and card: not closed at once.
    p.pointer(0, null, false);
    await vi.advanceTimersByTimeAsync(CLOSE_DELAY_MS / 2);
    p.pointer(1, null, false); // inside card 0
    await vi.advanceTimersByTimeAsync(CLOSE_DELAY_MS * 2);
    expect(shown(p)).toEqual(["A.md"]);
    p.pointer(0, null, false);
    await vi.advanceTimersByTimeAsync(CLOSE_DELAY_MS + 1);
    expect(shown(p)).toEqual([]);
  });

  it("a link inside a card opens a card above it; another link replaces what was above", async () => {
    const { p } = previewsOf();
    p.pointer(0, link("A.md"), true);
    p.pointer(1, link("B.md"), true);
    p.pointer(2, link("C.md"), true);
    expect(shown(p)).toEqual(["A.md", "B.md", "C.md"]);
    // Back in card 0, on another link: B and C give way to D at once.
    p.pointer(1, link("D.md"), true);
    expect(shown(p)).toEqual(["A.md", "D.md"]);
    // Back on the page's own link: its card and nothing above it stays.
    p.pointer(0, link("A.md"), false);
    await vi.advanceTimersByTimeAsync(CLOSE_DELAY_MS + 1);
    expect(shown(p)).toEqual(["A.md"]);
  });

  it("a note that cannot be shown says why in its card", async () => {
    const { p } = previewsOf();
    p.pointer(0, link("Broken.md"), true);
    await vi.advanceTimersByTimeAsync(0);
    expect(p.cards[0].error).toBe("Broken.md is not a note");
    expect(p.cards[0].view).toBeNull();
  });
});
