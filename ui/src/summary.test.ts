import { describe, expect, it } from "vitest";
import { errorText, formatCount, vaultName } from "./summary";

describe("formatCount", () => {
  it("groups thousands", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(25)).toBe("25");
    expect(formatCount(100000)).toBe("100,000");
  });
});

describe("vaultName", () => {
  it("takes the last folder, Hangul included", () => {
    expect(vaultName("/home/me/vault-sample")).toBe("vault-sample");
    expect(vaultName("/home/me/노트/")).toBe("노트");
    expect(vaultName("C:\\Users\\me\\한지")).toBe("한지");
    expect(vaultName("/")).toBe("/");
  });
});

describe("errorText", () => {
  it("accepts what invoke rejects with", () => {
    expect(errorText("vault folder /x does not exist")).toBe("vault folder /x does not exist");
    expect(errorText(new Error("boom"))).toBe("boom");
    expect(errorText({ code: 1 })).toBe('{"code":1}');
  });
});
