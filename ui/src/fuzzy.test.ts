// Tests for the fuzzy matcher: Hangul initials, normalisation, ranking.
import { describe, expect, it } from "vitest";
import { TIER, choseongOf, fuzzyFilter, fuzzyMatch, toChoseong } from "./fuzzy";

const tierOf = (score: number) => Math.floor((score + 500) / 1000) * 1000;
const titles = (query: string, list: string[]) =>
  fuzzyFilter(query, list, (t) => [t]).map((r) => r.item);

describe("Hangul decomposition", () => {
  it("takes the initial consonant of each syllable", () => {
    expect(choseongOf("이")).toBe("ㅇ");
    expect(choseongOf("가")).toBe("ㄱ");
    expect(choseongOf("힣")).toBe("ㅎ");
    expect(choseongOf("까")).toBe("ㄲ");
    expect(choseongOf("a")).toBeNull();
    expect(choseongOf("ㅇ")).toBeNull();
    expect(toChoseong("이력서")).toBe("ㅇㄹㅅ");
    expect(toChoseong("쿠버네티스 101")).toBe("ㅋㅂㄴㅌㅅ 101");
  });

  it("reads NFD text as NFC", () => {
    expect(toChoseong("이력서".normalize("NFD"))).toBe("ㅇㄹㅅ");
  });
});

describe("initial-consonant search", () => {
  it("finds words from their initials", () => {
    expect(fuzzyMatch("ㅇㄹㅅ", "이력서")?.positions).toEqual([0, 1, 2]);
    expect(fuzzyMatch("ㅋㅂ", "쿠버네티스")?.positions).toEqual([0, 1]);
    expect(fuzzyMatch("ㅋㅂㄴㅌㅅ", "쿠버네티스")).not.toBeNull();
  });

  it("mixes full syllables and initials", () => {
    expect(fuzzyMatch("면ㅈ", "면접")?.positions).toEqual([0, 1]);
    expect(fuzzyMatch("면ㅈ", "기술 면접 질문")).not.toBeNull();
    expect(fuzzyMatch("ㅁ접", "면접")).not.toBeNull();
  });

  it("does not let a full syllable match another syllable", () => {
    expect(fuzzyMatch("면", "먼지")).toBeNull();
    expect(fuzzyMatch("ㄱ", "까치")).toBeNull();
    expect(fuzzyMatch("ㅇㄹㅅ", "이력")).toBeNull();
  });

  it("accepts the query in NFD, and conjoining initials", () => {
    expect(fuzzyMatch("면접".normalize("NFD"), "면접 준비")).not.toBeNull();
    expect(fuzzyMatch("면접", "면접 준비".normalize("NFD"))).not.toBeNull();
    // U+110B U+1105 U+1109: initials as NFD writes them, standing alone.
    expect(fuzzyMatch("\u110b\u1105\u1109", "이력서")?.positions).toEqual([0, 1, 2]);
  });

  it("matches a syllable still being typed at the end of the query", () => {
    expect(fuzzyMatch("며", "면접")).not.toBeNull();
    expect(fuzzyMatch("면저", "면접")).not.toBeNull();
    expect(fuzzyMatch("머", "면접")).toBeNull();
    // Only the last character is taken as unfinished.
    expect(fuzzyMatch("며접", "면접")).toBeNull();
  });

  it("also matches literal jamo in the text", () => {
    expect(fuzzyMatch("ㅋㅋ", "ㅋㅋ 메모")?.positions).toEqual([0, 1]);
  });
});

describe("Latin text", () => {
  it("ignores case", () => {
    expect(fuzzyMatch("kube", "Kubernetes")).not.toBeNull();
    expect(fuzzyMatch("KUBE", "kubernetes")).not.toBeNull();
    expect(fuzzyMatch("Ab", "aB")).not.toBeNull();
  });

  it("matches in order, not out of order", () => {
    expect(fuzzyMatch("ktes", "Kubernetes")?.positions).toEqual([0, 7, 8, 9]);
    expect(fuzzyMatch("setk", "Kubernetes")).toBeNull();
  });

  it("matches across spaces in the query", () => {
    expect(fuzzyMatch("kube serv", "Kubernetes Service")).not.toBeNull();
    expect(tierOf(fuzzyMatch("kube serv", "kube service")!.score)).toBe(TIER.prefix);
  });

  it("needs every character", () => {
    expect(fuzzyMatch("abc", "ab")).toBeNull();
    expect(fuzzyMatch("xyz", "Kubernetes")).toBeNull();
  });
});

describe("characters outside the BMP", () => {
  it("reports positions in code points", () => {
    expect(fuzzyMatch("면접", "🔥 면접 준비")?.positions).toEqual([2, 3]);
    expect(fuzzyMatch("🔥면", "🔥면접")?.positions).toEqual([0, 1]);
    expect(fuzzyMatch("ㅈㅂ", "🔥 면접 준비 🔥")?.positions).toEqual([5, 6]);
  });
});

describe("many items", () => {
  it("filters twenty thousand notes quickly", () => {
    const items = Array.from({ length: 20000 }, (_, i) => ({
      title: `노트 ${i} 면접 준비`,
      path: `Folder${i % 40}/Note ${i}.md`,
    }));
    const keys = (x: (typeof items)[number]) => [x.title, x.path];
    fuzzyFilter("ㅁㅈ", items, keys, 50);
    const started = performance.now();
    const found = fuzzyFilter("ㅁㅈ", items, keys, 50);
    expect(found).toHaveLength(50);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("ranking", () => {
  it("puts a prefix before a word start before a substring before a subsequence", () => {
    expect(tierOf(fuzzyMatch("net", "Network")!.score)).toBe(TIER.prefix);
    expect(tierOf(fuzzyMatch("net", "Kube Network")!.score)).toBe(TIER.wordStart);
    expect(tierOf(fuzzyMatch("net", "Kubernetes")!.score)).toBe(TIER.substring);
    expect(tierOf(fuzzyMatch("net", "New Entry Type")!.score)).toBe(TIER.subsequence);
    expect(
      titles("net", ["New Entry Type", "Kubernetes", "Kube Network", "Network"]),
    ).toEqual(["Network", "Kube Network", "Kubernetes", "New Entry Type"]);
  });

  it("ranks Hangul the same way", () => {
    expect(
      titles("면접", ["기술면접", "면접 준비", "인성 면접", "면 접"]),
    ).toEqual(["면접 준비", "인성 면접", "기술면접", "면 접"]);
  });

  it("counts path separators, camel case and script changes as word starts", () => {
    expect(tierOf(fuzzyMatch("os", "CS/OS 기초.md")!.score)).toBe(TIER.wordStart);
    expect(tierOf(fuzzyMatch("map", "HashMap")!.score)).toBe(TIER.wordStart);
    expect(tierOf(fuzzyMatch("면접", "2024면접")!.score)).toBe(TIER.wordStart);
    expect(tierOf(fuzzyMatch("ap", "HashMap")!.score)).toBe(TIER.substring);
  });

  it("prefers shorter texts and earlier matches within a tier", () => {
    expect(titles("rust", ["Rust ownership in depth", "Rust"])).toEqual([
      "Rust",
      "Rust ownership in depth",
    ]);
    expect(titles("tcp", ["notes about a tcp", "tcp handshake later"])[0]).toBe(
      "tcp handshake later",
    );
  });

  it("prefers an exact syllable over an initial", () => {
    const exact = fuzzyMatch("ㄱ", "ㄱ자")!.score;
    const initial = fuzzyMatch("ㄱ", "가자")!.score;
    expect(exact).toBeGreaterThan(initial);
  });

  it("rewards subsequences that hit word starts", () => {
    const words = fuzzyMatch("gc", "Garbage Collection")!.score;
    const inside = fuzzyMatch("gc", "Garbagecollection")!.score;
    expect(words).toBeGreaterThan(inside);
  });
});

describe("fuzzyFilter", () => {
  const notes = [
    { title: "이력서", aliases: ["resume", "CV"], path: "Career/이력서.md", excluded: false },
    { title: "쿠버네티스", aliases: ["k8s"], path: "Study/Kubernetes.md", excluded: false },
    { title: "면접 준비", aliases: [], path: "Interview/면접 준비.md", excluded: false },
    { title: "Home", aliases: [], path: "Home.md", excluded: false },
  ];
  const keys = (n: (typeof notes)[number]) => [n.title, ...n.aliases, n.path];

  it("keeps every item, in order, for an empty query", () => {
    expect(fuzzyFilter("", notes, keys).map((r) => r.item.title)).toEqual(
      notes.map((n) => n.title),
    );
    expect(fuzzyFilter("   ", notes, keys)).toHaveLength(4);
  });

  it("matches titles, aliases and paths, and says which", () => {
    const [cv] = fuzzyFilter("resume", notes, keys);
    expect(cv.item.title).toBe("이력서");
    expect(cv.key).toBe(1);
    const [k8s] = fuzzyFilter("kubernetes", notes, keys);
    expect(k8s.item.title).toBe("쿠버네티스");
    expect(k8s.key).toBe(2);
    expect(fuzzyFilter("ㅋㅂ", notes, keys)[0].item.title).toBe("쿠버네티스");
    expect(fuzzyFilter("ㅇㄹㅅ", notes, keys)[0].item.title).toBe("이력서");
    expect(fuzzyFilter("interview", notes, keys)[0].item.title).toBe("면접 준비");
  });

  it("prefers the title when title and path match equally", () => {
    const [home] = fuzzyFilter("home", notes, keys);
    expect(home.key).toBe(0);
    expect(home.positions).toEqual([0, 1, 2, 3]);
  });

  it("drops items that do not match and honours the limit", () => {
    expect(fuzzyFilter("zzz", notes, keys)).toEqual([]);
    expect(fuzzyFilter("", notes, keys, 2)).toHaveLength(2);
  });

  it("is stable for equal scores", () => {
    const same = ["b one", "a one", "c one"];
    expect(titles("one", same)).toEqual(same);
  });
});
