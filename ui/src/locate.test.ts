// @vitest-environment jsdom
// Tests for finding anchors and source lines in a rendered note. The HTML is
// shaped as hanji-render writes it: ids prefixed with NOTE_ID_PREFIX,
// heading ids made by the engine's anchor rule (`TCP 핸드셰이크` gives
// `tcp-핸드셰이크`, a repeat gets `-1`), block ids in lower case.
import { describe, expect, it } from "vitest";
import type { OutlineItem } from "./api";
import { NOTE_ID_PREFIX, findAnchor, findLine, findTextBlock, headingBefore, snippetProbe } from "./locate";

function render(html: string): HTMLElement {
  const root = document.createElement("article");
  root.innerHTML = html;
  return root;
}

const P = NOTE_ID_PREFIX;

const note = render(`
  <h1 id="${P}tcp-핸드셰이크">TCP 핸드셰이크</h1>
  <p>세 단계로 연결을 맺는다. <span class="block-id" id="${P}^step-one"></span></p>
  <h2 id="${P}syn-시작">SYN: 시작</h2>
  <ul><li><p>클라이언트가 <strong>SYN</strong>을 보낸다</p></li></ul>
  <h2 id="${P}ack">ACK</h2>
  <p>서버가 응답을 보낸다. 클라이언트가 확인한다.</p>
  <div class="embed" data-path="Other.md"><p>서버가 응답을 보낸다.</p></div>
  <h3 id="${P}outline">outline</h3>
  <h3 id="${P}ack-1">ACK</h3>
`);

// The outline the shell sends with it: each anchor is the heading's id.
const outline: OutlineItem[] = [
  { level: 1, text: "TCP 핸드셰이크", anchor: "tcp-핸드셰이크", line: 1 },
  { level: 2, text: "SYN: 시작", anchor: "syn-시작", line: 5 },
  { level: 2, text: "ACK", anchor: "ack", line: 9 },
];

describe("findAnchor", () => {
  it("finds the outline's anchors, Hangul included", () => {
    for (const item of outline) expect(findAnchor(note, item.anchor)?.textContent).toBe(item.text);
    expect(findAnchor(note, "#ack")?.id).toBe(`${P}ack`);
  });

  it("finds what rendered links point at: headings and block ids", () => {
    // `[[Note#^Step-One]]` and `[[Note#ACK]]` render with these data-anchor values.
    expect(findAnchor(note, "^step-one")?.tagName).toBe("SPAN");
    expect(findAnchor(note, "ack")?.id).toBe(`${P}ack`);
    expect(findAnchor(note, "ack-1")?.tagName).toBe("H3");
    expect(findAnchor(note, "^missing")).toBeNull();
  });

  it("takes the anchor as given, percent-encoded or not, and guesses nothing", () => {
    expect(findAnchor(note, "syn-%EC%8B%9C%EC%9E%91")?.id).toBe(`${P}syn-시작`);
    // Heading text, another case or another spelling is not an anchor: the
    // shell sends anchors made by the engine's rule, so none is needed here.
    expect(findAnchor(note, "SYN: 시작")).toBeNull();
    expect(findAnchor(note, "^STEP-ONE")).toBeNull();
    expect(findAnchor(note, "nothing here")).toBeNull();
    expect(findAnchor(note, "")).toBeNull();
  });

  it("finds prefixed ids by the anchor the note wrote, so a note cannot name the app's elements", () => {
    const prefixed = render(`<h2 id="${P}search-input">search-input</h2><p>text<span id="${P}^blk"></span></p>`);
    expect(findAnchor(prefixed, "search-input")?.id).toBe(`${P}search-input`);
    expect(findAnchor(prefixed, "^blk")?.id).toBe(`${P}^blk`);
  });

  it("looks only inside the note", () => {
    const outside = document.createElement("div");
    outside.id = "elsewhere";
    document.body.append(outside, note);
    expect(findAnchor(note, "elsewhere")).toBeNull();
    expect(findAnchor(note, "outline")?.tagName).toBe("H3");
  });
});

describe("headingBefore", () => {
  it("takes the last heading at or above the line", () => {
    expect(headingBefore(outline, 7)?.anchor).toBe("syn-시작");
    expect(headingBefore(outline, 9)?.anchor).toBe("ack");
    expect(headingBefore(outline, 100)?.anchor).toBe("ack");
    expect(headingBefore([{ ...outline[1] }], 2)).toBeNull();
  });
});

describe("snippetProbe", () => {
  it("takes the longest plain part of a Markdown line", () => {
    expect(snippetProbe("- [[TCP]] 클라이언트가 **SYN**을 보낸다")).toBe("클라이언트가");
    expect(snippetProbe("> 서버가 응답을 보낸다. #network")).toBe("서버가 응답을 보낸다.");
    expect(snippetProbe("## 제목입니다")).toBe("제목입니다");
    // A snippet as the note reads (search, backlinks): a task's box first.
    expect(snippetProbe("☐ 쿠버네티스를 이용한 개발환경")).toBe("쿠버네티스를 이용한 개발환경");
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
    const twice = render(`<h2 id="${P}a">A</h2><p>같은 문장</p><h2 id="${P}b">B</h2><p>같은 문장</p>`);
    const b = twice.querySelector(`#${P}b`)!;
    expect(findTextBlock(twice, "같은 문장", b)).toBe(b.nextElementSibling);
    expect(findTextBlock(twice, "같은 문장")).toBe(twice.querySelector("p"));
  });

  it("falls back to the heading above the line, then to nothing", () => {
    expect(findLine(note, outline, 10, "서버가 응답을 보낸다.")?.tagName).toBe("P");
    expect(findLine(note, outline, 10, "[[only a link]]")?.id).toBe(`${P}ack`);
    expect(findLine(note, outline, 10)?.id).toBe(`${P}ack`);
    expect(findLine(note, [], 1, "[[x]]")).toBeNull();
  });
});
