// The recent notes: newest first across tabs, renames followed, the note
// on screen and deleted notes left out, kept and restored.
import { describe, expect, it } from "vitest";
import { RECENT_KEPT, Recent } from "./recent";

describe("recent notes", () => {
  it("puts the note opened last first, once", () => {
    const r = new Recent();
    for (const p of ["A.md", "B.md", "C.md", "A.md"]) r.visit(p);
    expect(r.list(null)).toEqual(["A.md", "C.md", "B.md"]);
    expect(r.list("A.md"), "the note on screen is not offered").toEqual(["C.md", "B.md"]);
    expect(r.list(null, (p) => p !== "C.md"), "a deleted note is not offered").toEqual(["A.md", "B.md"]);
  });

  it("follows renames and keeps at most RECENT_KEPT", () => {
    const r = new Recent();
    r.visit("A.md");
    r.visit("B.md");
    r.rename([["A.md", "Z/A.md"]]);
    expect(r.list(null)).toEqual(["B.md", "Z/A.md"]);
    for (let i = 0; i < RECENT_KEPT + 10; i++) r.visit(`${i}.md`);
    expect(r.list(null)).toHaveLength(RECENT_KEPT);
    expect(r.list(null)[0]).toBe(`${RECENT_KEPT + 9}.md`);
  });

  it("is kept and restored whole", () => {
    const r = new Recent();
    r.visit("A.md");
    r.visit("B.md");
    const again = new Recent();
    again.restore([...r.saved(), "B.md"]);
    expect(again.list(null)).toEqual(["B.md", "A.md"]);
  });
});
