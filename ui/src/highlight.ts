// Syntax highlighting of code blocks in the reading view: highlight.js core
// with the languages interview notes use. Unknown languages stay plain; no
// language is guessed.
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import kotlin from "highlight.js/lib/languages/kotlin";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";

const LANGUAGES = {
  bash, c, cpp, css, diff, dockerfile, go, java, javascript, json, kotlin,
  python, rust, shell, sql, typescript, xml, yaml,
};

for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
hljs.registerAliases(["zsh", "sh"], { languageName: "bash" });
hljs.registerAliases(["console"], { languageName: "shell" });
hljs.configure({ ignoreUnescapedHTML: true });

/** The language named by a `language-x` class, if highlight.js knows it. */
export function codeLanguage(code: Element): string | null {
  for (const cls of Array.from(code.classList)) {
    if (cls.startsWith("language-")) {
      const name = cls.slice("language-".length);
      return hljs.getLanguage(name) ? name : null;
    }
  }
  return null;
}

/** Highlight every `pre > code` under `root` once. */
export function highlightCode(root: ParentNode): void {
  for (const code of Array.from(root.querySelectorAll<HTMLElement>("pre > code"))) {
    if (code.dataset.highlighted) continue;
    const language = codeLanguage(code);
    if (!language) {
      code.dataset.highlighted = "plain";
      continue;
    }
    const result = hljs.highlight(code.textContent ?? "", { language, ignoreIllegals: true });
    // highlight.js escapes the text it was given: the result is its own markup.
    code.innerHTML = result.value;
    code.classList.add("hljs");
    code.dataset.highlighted = "yes";
  }
}
