// Tests for cutting text into marked and plain segments.
import { describe, expect, it } from "vitest";
import { findTerms, markPositions, markRanges } from "./segments";

describe("markRanges", () => {
  it("marks the given ranges", () => {
    expect(markRanges("hello world", [[6, 11]])).toEqual([
      { text: "hello ", mark: false },
      { text: "world", mark: true },
    ]);
  });

  it("counts code points, so Hangul and emoji stay whole", () => {
    expect(markRanges("🙂 쿠버네티스를 배포", [[2, 7]])).toEqual([
      { text: "🙂 ", mark: false },
      { text: "쿠버네티스", mark: true },
      { text: "를 배포", mark: false },
    ]);
  });

  it("merges overlapping and unsorted ranges and clamps bad ones", () => {
    expect(markRanges("abcdef", [[4, 9], [1, 3], [2, 4], [5, 5], [-3, 0]])).toEqual([
      { text: "a", mark: false },
      { text: "bcdef", mark: true },
    ]);
  });

  it("gives nothing for empty text and one piece for no ranges", () => {
    expect(markRanges("", [[0, 3]])).toEqual([]);
    expect(markRanges("abc", [])).toEqual([{ text: "abc", mark: false }]);
  });
});

describe("markPositions", () => {
  it("joins neighbouring positions", () => {
    expect(markPositions("이력서 작성", [0, 1, 4])).toEqual([
      { text: "이력", mark: true },
      { text: "서 ", mark: false },
      { text: "작", mark: true },
      { text: "성", mark: false },
    ]);
  });
});

describe("findTerms", () => {
  it("finds every occurrence, ignoring case", () => {
    expect(findTerms("Redis and redis cluster", ["redis"])).toEqual([
      [0, 5],
      [10, 15],
    ]);
    expect(findTerms("쿠버네티스를 쓰는 이유", ["쿠버네티스", ""])).toEqual([[0, 5]]);
    expect(findTerms("abc", ["x"])).toEqual([]);
  });
});
