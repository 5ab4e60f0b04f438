// @vitest-environment jsdom
// Tests for finding anchors and source lines in a rendered note.
import { describe, expect, it } from "vitest";
import type { OutlineItem } from "./api";
import {
  NOTE_ID_PREFIX,
  findAnchor,
  findLine,
  findTextBlock,
  headingBefore,
  normalizeAnchor,
  snippetProbe,
} from "./locate";

function render(html: string): HTMLElement {
  const root = document.createElement("article");
  root.innerHTML = html;
  return root;
}

const note = render(`
  <h1 id="TCP 핸드셰이크">TCP 핸드셰이크</h1>
  <p>세 단계로 연결을 맺는다. <span id="^step-one"></span></p>
  <h2 id="SYN: 시작">SYN: 시작</h2>
  <ul><li><p>클라이언트가 <strong>SYN</strong>을 보낸다</p></li></ul>
  <h2 id="ACK">ACK</h2>
  <p>서버가 응답을 보낸다. 클라이언트가 확인한다.</p>
  <div class="embed" data-path="Other.md"><p>서버가 응답을 보낸다.</p></div>
  <h3 id="outline">outline</h3>
`);

const outline: OutlineItem[] = [
  { level: 1, text: "TCP 핸드셰이크", anchor: "TCP 핸드셰이크", line: 1 },
  { level: 2, text: "SYN: 시작", anchor: "SYN: 시작", line: 5 },
  { level: 2, text: "ACK", anchor: "ACK", line: 9 },
];

describe("findAnchor", () => {
  it("finds ids exactly, Hangul and spaces included", () => {
    expect(findAnchor(note, "TCP 핸드셰이크")?.tagName).toBe("H1");
    expect(findAnchor(note, "#ACK")?.id).toBe("ACK");
  });

  it("finds block ids in any case", () => {
    expect(findAnchor(note, "^step-one")?.tagName).toBe("SPAN");
    expect(findAnchor(note, "^STEP-ONE")?.id).toBe("^step-one");
    expect(findAnchor(note, "^missing")).toBeNull();
  });

  it("finds the renderer's prefixed ids by the anchor the note wrote", () => {
    // As the renderer gives them now: every note id carries NOTE_ID_PREFIX,
    // so a heading called `search-input` cannot shadow the app's search box.
    const prefixed = render(`
      <h2 id="${NOTE_ID_PREFIX}search-input">search-input</h2>
      <p>text<span id="${NOTE_ID_PREFIX}^blk"></span></p>
      <h2 id="${NOTE_ID_PREFIX}a-b">A: B</h2>
    `);
    expect(findAnchor(prefixed, "search-input")?.id).toBe(`${NOTE_ID_PREFIX}search-input`);
    expect(findAnchor(prefixed, "^BLK")?.id).toBe(`${NOTE_ID_PREFIX}^blk`);
    expect(findAnchor(prefixed, "A: B")?.id).toBe(`${NOTE_ID_PREFIX}a-b`);
  });

  it("follows the last heading of a chain", () => {
    expect(findAnchor(note, "TCP 핸드셰이크#ACK")?.id).toBe("ACK");
  });

  it("compares headings after normalising", () => {
    expect(findAnchor(note, "syn 시작")?.id).toBe("SYN: 시작");
    expect(findAnchor(note, "SYN%3A%20%EC%8B%9C%EC%9E%91")?.id).toBe("SYN: 시작");
    expect(findAnchor(note, "nothing here")).toBeNull();
    expect(findAnchor(note, "")).toBeNull();
  });

  it("looks only inside the note", () => {
    const outside = document.createElement("div");
    outside.id = "elsewhere";
    document.body.append(outside, note);
    expect(findAnchor(note, "elsewhere")).toBeNull();
    expect(findAnchor(note, "outline")?.tagName).toBe("H3");
  });

  it("normalises like the engine", () => {
    expect(normalizeAnchor("A: **B**  `c`")).toBe("a b c");
    expect(normalizeAnchor("면접 준비".normalize("NFD"))).toBe("면접 준비");
  });
});

describe("headingBefore", () => {
  it("takes the last heading at or above the line", () => {
    expect(headingBefore(outline, 7)?.anchor).toBe("SYN: 시작");
    expect(headingBefore(outline, 9)?.anchor).toBe("ACK");
    expect(headingBefore(outline, 100)?.anchor).toBe("ACK");
    expect(headingBefore([{ ...outline[1] }], 2)).toBeNull();
  });
});

describe("snippetProbe", () => {
  it("takes the longest plain part of a Markdown line", () => {
    expect(snippetProbe("- [[TCP]] 클라이언트가 **SYN**을 보낸다")).toBe("클라이언트가");
    expect(snippetProbe("> 서버가 응답을 보낸다. #network")).toBe("서버가 응답을 보낸다.");
    expect(snippetProbe("## 제목입니다")).toBe("제목입니다");
    expect(snippetProbe("…앞이 잘린 줄입니다 [[x|y]]")).toBe("앞이 잘린 줄입니다");
    expect(snippetProbe("1. [ ] 할 일 목록 ^task-1")).toBe("할 일 목록");
  });

  it("gives up on lines that are all markup", () => {
    expect(snippetProbe("[[Note]]")).toBeNull();
    expect(snippetProbe("")).toBeNull();
  });
});

describe("findTextBlock and findLine", () => {
  it("finds the innermost block with the text, outside embeds", () => {
    expect(findTextBlock(note, "- 클라이언트가 **SYN**을 보낸다")?.tagName).toBe("P");
    expect(findTextBlock(note, "서버가 응답을 보낸다.")?.closest(".embed")).toBeNull();
  });

  it("prefers the first match after the heading of the line", () => {
    const twice = render(`<h2 id="A">A</h2><p>같은 문장</p><h2 id="B">B</h2><p>같은 문장</p>`);
    const b = twice.querySelector("#B")!;
    expect(findTextBlock(twice, "같은 문장", b)).toBe(b.nextElementSibling);
    expect(findTextBlock(twice, "같은 문장")).toBe(twice.querySelector("p"));
  });

  it("falls back to the heading above the line, then to nothing", () => {
    expect(findLine(note, outline, 10, "서버가 응답을 보낸다.")?.tagName).toBe("P");
    expect(findLine(note, outline, 10, "[[only a link]]")?.id).toBe("ACK");
    expect(findLine(note, outline, 10)?.id).toBe("ACK");
    expect(findLine(note, [], 1, "[[x]]")).toBeNull();
  });
});
