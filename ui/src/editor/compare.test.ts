// @vitest-environment jsdom
// Tests of the conflict bar's Compare view: the pure count and wording of
// compare.ts, then ConflictCompare mounted in jsdom (which has no layout, so
// these check what the view shows and that it leaves both texts alone, not
// how the columns line up).
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { getChunks } from "@codemirror/merge";
import { EditorView } from "@codemirror/view";
import { changeCount, changeLabel, lineEndings } from "./compare";
import ConflictCompare from "../components/ConflictCompare.svelte";

/** `n` numbered lines of a note, joined with `\n`. */
const lines = (n: number, word = "line") => Array.from({ length: n }, (_, i) => `${word} ${i + 1}`).join("\n");

describe("changeCount", () => {
  it("is 0 for equal texts", () => {
    expect(changeCount("", "")).toBe(0);
    expect(changeCount(lines(30), lines(30))).toBe(0);
  });

  it("is 1 for one changed line", () => {
    const mine = lines(30).replace("line 12", "line twelve");
    expect(changeCount(lines(30), mine)).toBe(1);
  });

  it("is 1 for an added line and for a removed one", () => {
    expect(changeCount(lines(10), lines(10) + "\nline 11")).toBe(1);
    expect(changeCount(lines(10), lines(10).replace("line 5\n", ""))).toBe(1);
  });

  it("is 2 for two edits far apart", () => {
    const mine = lines(60).replace("line 3\n", "line three\n").replace("line 50\n", "line fifty\n");
    expect(changeCount(lines(60), mine)).toBe(2);
  });

  it("counts changes in Hangul text", () => {
    const theirs = ["# 회의록", "", "참석자: 김민준, 이서연", "", "결정: 다음 주 화요일에 배포한다.", "", "끝."].join("\n");
    const mine = theirs.replace("화요일", "수요일");
    expect(changeCount(theirs, theirs)).toBe(0);
    expect(changeCount(theirs, mine)).toBe(1);
    // A composed syllable against its decomposed jamo is a change (NFC vs NFD).
    expect(changeCount("한글", "한글".normalize("NFD"))).toBe(1);
  });

  it("splits lines as the view does, so line endings alone are no change", () => {
    const lf = lines(8);
    const crlf = lf.replaceAll("\n", "\r\n");
    expect(changeCount(lf, crlf)).toBe(0);
    expect(changeCount(crlf, crlf.replace("line 4", "line four"))).toBe(1);
  });
});

describe("wording", () => {
  it("names the count", () => {
    expect(changeLabel(0)).toBe("No changes");
    expect(changeLabel(1)).toBe("1 change");
    expect(changeLabel(3)).toBe("3 changes");
  });

  it("names line endings", () => {
    expect(lineEndings("one line")).toBeNull();
    expect(lineEndings("a\nb\n")).toBe("LF");
    expect(lineEndings("a\r\nb\r\n")).toBe("CRLF");
    expect(lineEndings("a\rb")).toBe("CR");
    expect(lineEndings("a\r\nb\n")).toBe("mixed");
  });
});

describe("ConflictCompare", () => {
  let component: ReturnType<typeof mount> | null = null;

  afterEach(() => {
    if (component) unmount(component);
    component = null;
    document.body.innerHTML = "";
  });

  function show(theirs: string, mine: string, onclose = () => {}) {
    const target = document.body.appendChild(document.createElement("div"));
    const props = { theirs, mine, onclose };
    component = mount(ConflictCompare, { target, props });
    // Effects (where the MergeView is built) run on the next flush.
    flushSync();
    const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);
    const views = Array.from(document.querySelectorAll<HTMLElement>(".cm-mergeViewEditor .cm-editor")).map(
      (dom) => EditorView.findFromDOM(dom)!,
    );
    return { $, views, props };
  }

  it("shows theirs on the left and mine on the right, read-only, with the count", () => {
    const theirs = lines(40, "줄");
    const mine = theirs.replace("줄 5\n", "줄 다섯\n").replace("줄 30\n", "줄 서른\n");
    const { $, views, props } = show(theirs, mine);
    expect($("section.compare")?.getAttribute("aria-label")).toBe("Compare versions");
    expect($(".count")?.textContent).toBe("2 changes");
    expect($(".endings")).toBeNull();
    expect(views).toHaveLength(2);
    const [a, b] = views;
    expect(a.state.doc.toString()).toBe(theirs);
    expect(b.state.doc.toString()).toBe(mine);
    // The header's count is the number of chunks the view draws.
    expect(getChunks(a.state)?.chunks).toHaveLength(2);
    expect(getChunks(b.state)?.side).toBe("b");
    expect(a.contentDOM.getAttribute("aria-label")).toBe("On disk (theirs)");
    expect(b.contentDOM.getAttribute("aria-label")).toBe("Yours (unsaved)");
    for (const v of views) {
      expect(v.state.readOnly).toBe(true);
      expect(v.contentDOM.getAttribute("contenteditable")).toBe("false");
    }
    // The changed words are marked on both sides, and the long unchanged
    // stretches between the changes are folded.
    expect(a.dom.querySelector(".cm-changedText")?.textContent).toContain("5");
    expect(b.dom.querySelector(".cm-changedText")?.textContent).toContain("다섯");
    expect(a.dom.querySelectorAll(".cm-collapsedLines").length).toBeGreaterThan(0);
    // It is only a view: no revert buttons, and the texts it was given stand.
    expect($(".cm-merge-revert")).toBeNull();
    expect(props.theirs).toBe(theirs);
    expect(props.mine).toBe(mine);
  });

  it("says when only the line endings differ", () => {
    const { $ } = show(lines(5).replaceAll("\n", "\r\n"), lines(5));
    expect($(".count")?.textContent).toBe("No changes");
    expect($(".endings")?.textContent).toBe("Line endings differ: CRLF on disk, LF in yours");
  });

  it("closes through its Close button and destroys its views when unmounted", () => {
    const onclose = vi.fn();
    const { $, views } = show("a\nb\n", "a\nc\n", onclose);
    expect(views).toHaveLength(2);
    $(".close-compare")!.click();
    expect(onclose).toHaveBeenCalledOnce();
    const destroyed = views.map((v) => vi.spyOn(v, "destroy"));
    unmount(component!);
    component = null;
    for (const d of destroyed) expect(d).toHaveBeenCalledOnce();
    expect(document.querySelector(".cm-mergeView")).toBeNull();
  });
});
