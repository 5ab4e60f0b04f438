// Which vault file an image serves, which files are images, and the
// viewer's zoom about the pointer.
import { describe, expect, it } from "vitest";
import { fitScale, isImagePath, MAX_SCALE, vaultPathOfSrc, vaultUrl, zoomAbout } from "./images";

describe("images", () => {
  it("reads the vault path back from an image's URL", () => {
    const cases: [string, string | null][] = [
      ["vault://localhost/Attachments%2F%EB%8B%A4%EC%9D%B4%EC%96%B4%EA%B7%B8%EB%9E%A8.png", "Attachments/다이어그램.png"],
      ["http://vault.localhost/a%20b%23c.png", "a b#c.png"],
      ["https://example.com/x.png", null],
      ["vault://localhost/%E0%A4%A", null],
    ];
    for (const [src, path] of cases) expect(vaultPathOfSrc(src), src).toBe(path);
    for (const path of ["Attachments/다이어그램 #1.png", "a%b?.png"]) {
      expect(vaultPathOfSrc(vaultUrl(path, false))).toBe(path);
      expect(vaultPathOfSrc(vaultUrl(path, true))).toBe(path);
    }
  });

  it("knows the images the window shows itself", () => {
    expect(["a.png", "b.JPG", "c.jpeg", "d.webp", "e.svg", "f.gif"].every(isImagePath)).toBe(true);
    expect(["a.pdf", "b.md", "c.png.txt", "png"].some(isImagePath)).toBe(false);
  });

  it("fits an image without enlarging a small one", () => {
    expect(fitScale(2000, 1000, 1000, 800)).toBe(0.5);
    expect(fitScale(100, 100, 1000, 800)).toBe(1);
    expect(fitScale(0, 100, 1000, 800)).toBe(1);
  });

  it("zooms about the pointer, that point staying put", () => {
    const v = zoomAbout({ scale: 1, x: 0, y: 0 }, 2, 100, 50);
    expect(v).toEqual({ scale: 2, x: -100, y: -50 });
    // The image point under the pointer, (px - x) / scale, is the same before and after.
    expect((100 - v.x) / v.scale).toBe(100);
    expect(zoomAbout({ scale: MAX_SCALE, x: 0, y: 0 }, 4, 10, 10).scale).toBe(MAX_SCALE);
  });
});
