// Runs the editor once, off screen, on a short note with every construct the
// live preview draws, while the app is idle after start-up: the first note
// opened in the editor then runs code the JavaScript engine has already
// compiled, instead of paying for it on the user's first Ctrl+E (measured in
// bench/editor.sh). It reads and writes nothing: no note, no shell.
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { blockPreview, FragmentCache } from "./blocks";
import { cspNonce } from "./csp";
import { livePreview } from "./livepreview";
import { obsidianMarkdown } from "./syntax";
import { markdownStyle } from "./theme";

const SAMPLE = [
  "---",
  "tags: [예시]",
  "---",
  "# 제목",
  "",
  "**굵게** *기울임* ~~취소~~ ==형광== `코드` #태그 [[노트|별칭]] [링크](https://example.com)",
  "",
  "- [ ] 할 일",
  "- 목록",
  "",
  "> [!note] 참고",
  "> 인용",
  "",
  "| a | b |",
  "|---|---|",
  "| 1 | 2 |",
  "",
  "![[그림.png]]",
  "",
  "```js",
  "const x = 1;",
  "```",
].join("\n");

export function warmUp(): void {
  const host = document.createElement("div");
  host.style.cssText = "position:fixed;left:-10000px;top:0;width:600px;height:400px;overflow:hidden";
  host.setAttribute("aria-hidden", "true");
  document.body.append(host);
  const cache = new FragmentCache(() => Promise.resolve({ html: "", properties: [] }));
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: SAMPLE,
      extensions: [
        cspNonce(),
        obsidianMarkdown(),
        markdownStyle(),
        EditorView.lineWrapping,
        livePreview({ follow: () => {} }),
        blockPreview({ render: (t) => cache.get(t), click: () => {} }, cache),
      ],
    }),
  });
  // A few edits and cursor moves, as typing does.
  for (let i = 0; i < 20; i++) {
    view.dispatch({ changes: { from: view.state.doc.length, insert: i % 2 ? " 글자" : "\n" }, selection: { anchor: i * 7 } });
  }
  requestAnimationFrame(() => {
    view.destroy();
    host.remove();
  });
}
