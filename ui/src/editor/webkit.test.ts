// The WebKitGTK typing fix's decisions (webkit.ts); the fix itself is
// exercised in the real window by tests/e2e/editor.test.mjs.
import { describe, expect, it } from "vitest";
import { isPassedOnKey, keysFollowComposition } from "./webkit";

const LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
const MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/130.0";

describe("webkit fixes", () => {
  it("apply in WebKit off macOS only", () => {
    expect(keysFollowComposition(LINUX)).toBe(true);
    expect(keysFollowComposition(MAC)).toBe(false);
    expect(keysFollowComposition(CHROME)).toBe(false);
  });

  it("handle a real key that follows a composition within CodeMirror's window", () => {
    expect(isPassedOnKey({ keyCode: 13, isComposing: false }, 5)).toBe(true);
    expect(isPassedOnKey({ keyCode: 37, isComposing: false }, 99)).toBe(true);
    // Consumed by the input method, or still composing, or long after: CodeMirror's.
    expect(isPassedOnKey({ keyCode: 229, isComposing: false }, 5)).toBe(false);
    expect(isPassedOnKey({ keyCode: 13, isComposing: true }, 5)).toBe(false);
    expect(isPassedOnKey({ keyCode: 13, isComposing: false }, 100)).toBe(false);
  });
});
