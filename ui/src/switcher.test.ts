// Tests for the quick switcher's ranking.
import { describe, expect, it } from "vitest";
import type { SwitcherItem } from "./api";
import { rankSwitcher, recentFirst } from "./switcher";

const item = (path: string, title: string, aliases: string[] = [], excluded = false): SwitcherItem => ({
  path,
  title,
  aliases,
  excluded,
});

const items = [
  item("Career/이력서.md", "이력서", ["resume"]),
  item("Study/Kubernetes.md", "쿠버네티스", ["k8s"]),
  item("Interview/면접 준비.md", "면접 준비"),
  item("Interview/면접 질문.md", "기술 면접 질문"),
  item("Home.md", "Home"),
];

describe("recentFirst", () => {
  it("puts visited notes first, most recent first, without repeats", () => {
    expect(
      recentFirst(items, ["Home.md", "Gone.md", "Study/Kubernetes.md", "Home.md"]).map((i) => i.title),
    ).toEqual(["Home", "쿠버네티스", "이력서", "면접 준비", "기술 면접 질문"]);
  });
});

describe("rankSwitcher", () => {
  it("lists the vault's excluded files after every other match", () => {
    const withArchive = [item("Archive/면접 준비.md", "면접 준비", [], true), ...items];
    const ranked = rankSwitcher("면접", withArchive, [], 10).map((r) => r.item.path);
    expect(ranked).toHaveLength(3);
    expect(ranked.at(-1)).toBe("Archive/면접 준비.md");
    expect(rankSwitcher("", withArchive, [], 10).at(-1)?.item.path).toBe("Archive/면접 준비.md");
  });

  it("orders by recency with no query", () => {
    expect(rankSwitcher("", items, ["Home.md"], 3).map((r) => r.item.title)).toEqual([
      "Home",
      "이력서",
      "쿠버네티스",
    ]);
  });

  it("finds notes by initials, mixed input, aliases and paths", () => {
    expect(rankSwitcher("ㅇㄹㅅ", items, [], 10)[0].item.title).toBe("이력서");
    expect(rankSwitcher("ㅋㅂ", items, [], 10)[0].item.title).toBe("쿠버네티스");
    expect(rankSwitcher("k8s", items, [], 10)[0].item.title).toBe("쿠버네티스");
    expect(rankSwitcher("면ㅈ", items, [], 10).map((r) => r.item.title)).toEqual([
      "면접 준비",
      "기술 면접 질문",
    ]);
    expect(rankSwitcher("interview/", items, [], 10)).toHaveLength(2);
  });
});
