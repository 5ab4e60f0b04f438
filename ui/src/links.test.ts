// @vitest-environment jsdom
// Tests for reading what a click in a rendered note means.
import { describe, expect, it } from "vitest";
import { linkAt } from "./links";

function actionOf(html: string) {
  const root = document.createElement("div");
  root.innerHTML = html;
  const inner = root.querySelector("[data-click]") ?? root.querySelector("a") ?? root;
  return linkAt(inner)?.action ?? null;
}

describe("linkAt", () => {
  it("reads internal links with and without anchors", () => {
    expect(actionOf(`<a class="internal-link" data-path="CS/OS.md" data-anchor="^b1">OS</a>`)).toEqual({
      kind: "internal",
      path: "CS/OS.md",
      anchor: "^b1",
    });
    expect(actionOf(`<a class="internal-link" data-path="면접.md" data-anchor="">면접</a>`)).toEqual({
      kind: "internal",
      path: "면접.md",
      anchor: null,
    });
  });

  it("reads clicks on elements inside a link", () => {
    expect(
      actionOf(`<a class="internal-link" data-path="a.md"><strong data-click>a</strong></a>`),
    ).toMatchObject({ kind: "internal", path: "a.md" });
  });

  it("reads unresolved links, tags and same-note anchors", () => {
    expect(
      actionOf(`<a class="internal-link unresolved" data-target="없는 노트">없는 노트</a>`),
    ).toEqual({ kind: "unresolved", target: "없는 노트" });
    expect(actionOf(`<a class="tag" data-tag="cs/network">#cs/network</a>`)).toEqual({
      kind: "tag",
      tag: "cs/network",
    });
    expect(actionOf(`<a class="tag">#면접</a>`)).toEqual({ kind: "tag", tag: "면접" });
    expect(actionOf(`<a class="internal-link" data-anchor="Intro">Intro</a>`)).toEqual({
      kind: "anchor",
      anchor: "Intro",
    });
    expect(actionOf(`<a href="#fn-1">1</a>`)).toEqual({ kind: "anchor", anchor: "fn-1" });
    // As the renderer writes them: to the prefixed id of the footnote.
    expect(actionOf(`<a href="#N-1">1</a>`)).toEqual({ kind: "anchor", anchor: "1" });
  });

  it("opens only web and mail links outside", () => {
    expect(actionOf(`<a class="external-link" href="https://example.com/a?b">x</a>`)).toEqual({
      kind: "external",
      url: "https://example.com/a?b",
    });
    expect(actionOf(`<a href="mailto:me@example.com">me</a>`)).toMatchObject({ kind: "external" });
    expect(actionOf(`<a href="javascript:alert(1)">x</a>`)).toEqual({ kind: "none" });
    expect(actionOf(`<a href="file:///etc/passwd">x</a>`)).toEqual({ kind: "none" });
  });

  it("ignores clicks outside links", () => {
    expect(actionOf(`<p data-click>text</p>`)).toBeNull();
    expect(linkAt(null)).toBeNull();
  });
});
