// @vitest-environment jsdom
// Tests for code block highlighting.
import { describe, expect, it } from "vitest";
import { codeLanguage, highlightCode } from "./highlight";

function block(html: string): HTMLElement {
  const root = document.createElement("div");
  root.innerHTML = html;
  return root;
}

describe("highlightCode", () => {
  it("highlights known languages", () => {
    const root = block(`<pre><code class="language-rust">fn main() { let x = 1; }</code></pre>`);
    highlightCode(root);
    const code = root.querySelector("code")!;
    expect(code.classList.contains("hljs")).toBe(true);
    expect(code.querySelector(".hljs-keyword")?.textContent).toBe("fn");
    expect(code.textContent).toBe("fn main() { let x = 1; }");
  });

  it("keeps text as text", () => {
    const root = block(`<pre><code class="language-typescript">const s = "&lt;img src=x onerror=alert(1)&gt;";</code></pre>`);
    highlightCode(root);
    expect(root.querySelector("img")).toBeNull();
    expect(root.textContent).toContain("<img src=x onerror=alert(1)>");
  });

  it("leaves unknown and unnamed languages plain, and runs once", () => {
    const root = block(
      `<pre><code class="language-brainfuck">+++</code></pre><pre><code>plain</code></pre>` +
        `<pre><code class="language-py">x = 1</code></pre>`,
    );
    highlightCode(root);
    const [bf, plain, py] = Array.from(root.querySelectorAll("code"));
    expect(bf.innerHTML).toBe("+++");
    expect(plain.innerHTML).toBe("plain");
    expect(py.classList.contains("hljs")).toBe(true);
    const once = py.innerHTML;
    highlightCode(root);
    expect(py.innerHTML).toBe(once);
  });

  it("knows the common names and aliases", () => {
    for (const lang of ["rust", "ts", "js", "python", "go", "java", "sql", "bash", "sh", "json", "yaml", "yml"]) {
      const code = document.createElement("code");
      code.className = `language-${lang}`;
      expect(codeLanguage(code), lang).not.toBeNull();
    }
  });
});
