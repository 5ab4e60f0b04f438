// @vitest-environment jsdom
// Tests for pasting and dropping files into the editor.
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { describe, expect, it, vi } from "vitest";
import { attachmentHandling, extensionOf, type AttachmentSaver } from "./attachments";

// CodeMirror measures text with Range rectangles, which jsdom does not have.
if (!("getClientRects" in Range.prototype)) {
  Object.assign(Range.prototype, {
    getClientRects: () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }),
    getBoundingClientRect: () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0 }),
  });
}

class Saver implements AttachmentSaver {
  saved: { name: string | null; ext: string; size: number }[] = [];
  failures: string[] = [];
  release: (() => void) | null = null;
  hold = false;
  async save(name: string | null, ext: string, bytes: Uint8Array): Promise<{ link: string }> {
    if (this.hold) await new Promise<void>((r) => (this.release = r));
    if (ext === "exe") throw new Error("refused");
    this.saved.push({ name, ext, size: bytes.length });
    return { link: `![[${name ?? `Pasted image ${this.saved.length}.${ext}`}]]` };
  }
  failed(name: string, error: unknown): void {
    this.failures.push(`${name}: ${(error as Error).message}`);
  }
}

function editor(doc: string, saver: Saver): EditorView {
  const parent = document.body.appendChild(document.createElement("div"));
  return new EditorView({
    parent,
    state: EditorState.create({ doc, selection: { anchor: doc.length }, extensions: [attachmentHandling(saver)] }),
  });
}

/** A paste event carrying `files` (and `text`, if any), as WebKit makes one. */
function paste(view: EditorView, files: File[], text = ""): boolean {
  const data = {
    files,
    getData: (type: string) => (type === "text/plain" ? text : ""),
  } as unknown as DataTransfer;
  const event = new Event("paste", { bubbles: true, cancelable: true }) as ClipboardEvent;
  Object.defineProperty(event, "clipboardData", { value: data });
  view.contentDOM.dispatchEvent(event);
  return event.defaultPrevented;
}

const png = (name = "image.png") => new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], name, { type: "image/png" });

describe("pasted and dropped files", () => {
  it("saves a pasted image, named by the shell, and writes its link at the cursor", async () => {
    const saver = new Saver();
    const view = editor("스크린샷: ", saver);
    expect(paste(view, [png()])).toBe(true);
    await vi.waitFor(() => expect(view.state.doc.toString()).toBe("스크린샷: ![[Pasted image 1.png]]"));
    expect(saver.saved).toEqual([{ name: null, ext: "png", size: 4 }]);
    expect(view.state.selection.main.head).toBe(view.state.doc.length);
  });

  it("lands where the paste was, though text was typed before it meanwhile", async () => {
    const saver = new Saver();
    saver.hold = true;
    const view = editor("끝", saver);
    view.dispatch({ selection: { anchor: 0 } });
    paste(view, [png()]);
    await vi.waitFor(() => expect(saver.release).not.toBeNull());
    view.dispatch({ changes: { from: 0, insert: "앞에 " } });
    saver.release?.();
    await vi.waitFor(() => expect(view.state.doc.toString()).toBe("앞에 ![[Pasted image 1.png]]끝"));
  });

  it("pastes text as text, even with a file alongside, and says which file was refused", async () => {
    const saver = new Saver();
    const view = editor("", saver);
    paste(view, [png()], "copied words");
    expect(view.state.doc.toString()).toBe("copied words");
    expect(paste(view, [new File(["x"], "tool.exe", { type: "application/octet-stream" })])).toBe(true);
    await vi.waitFor(() => expect(saver.failures).toEqual([": refused"]));
    expect(saver.saved).toEqual([]);
    expect(view.state.doc.toString()).toBe("copied words");
  });

  it("takes an image's extension from its type, else from its name", () => {
    expect(extensionOf({ name: "image.png", type: "image/jpeg" })).toBe("jpg");
    expect(extensionOf({ name: "보고서.PDF", type: "application/pdf" })).toBe("pdf");
    expect(extensionOf({ name: "README", type: "" })).toBe("");
  });
});
