// Files pasted or dropped into the editor become attachments: each is saved
// into the vault by the shell (where attachmentFolderPath says, under a name
// no file has: a pasted image is "Pasted image YYYYMMDDHHmmss.png", as in
// Obsidian) and the link it answers is written where the paste or the drop
// happened, that place followed through whatever is typed meanwhile. Text
// pasted with a file (a copied web page) is pasted as text, as before.
import { StateEffect, StateField, type Extension } from "@codemirror/state";
import { EditorView } from "@codemirror/view";

export interface AttachmentSaver {
  /** Saves one file (name null: a pasted image, named by the shell); answers the link to write. */
  save(name: string | null, ext: string, bytes: Uint8Array): Promise<{ link: string }>;
  /** Says that a file (by name; "" for a pasted one) was not saved, and why. */
  failed(name: string, error: unknown): void;
}

const MIME_EXT: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/svg+xml": "svg",
  "image/bmp": "bmp",
  "image/avif": "avif",
};

/** A file's extension: from its type for images, else from its name ("" when it has none). */
export function extensionOf(file: { name: string; type: string }): string {
  const byType = MIME_EXT[file.type.toLowerCase()];
  if (byType) return byType;
  const dot = file.name.lastIndexOf(".");
  return dot > 0 ? file.name.slice(dot + 1).toLowerCase() : "";
}

/** The links of several files, written one a line. */
export function linksText(links: readonly string[]): string {
  return links.join("\n");
}

// Where pending attachments go, mapped through every change until they land.
const addPending = StateEffect.define<{ id: number; pos: number }>();
const removePending = StateEffect.define<number>();
const pending = StateField.define<ReadonlyMap<number, number>>({
  create: () => new Map(),
  update(value, tr) {
    let next: Map<number, number> | null = null;
    const edit = () => (next ??= new Map(value));
    if (tr.docChanged) for (const [id, pos] of value) edit().set(id, tr.changes.mapPos(pos, 1));
    for (const e of tr.effects) {
      if (e.is(addPending)) edit().set(e.value.id, e.value.pos);
      if (e.is(removePending)) edit().delete(e.value);
    }
    return next ?? value;
  },
});

let nextId = 1;

/** A file's bytes (`Blob.arrayBuffer`, or a FileReader where a DOM lacks it, as jsdom does). */
function bytesOf(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

async function attach(view: EditorView, files: File[], pos: number, paste: boolean, saver: AttachmentSaver) {
  const id = nextId++;
  view.dispatch({ effects: addPending.of({ id, pos }) });
  const links: string[] = [];
  for (const file of files) {
    try {
      const bytes = await bytesOf(file);
      // A pasted image's own name ("image.png") says nothing: the shell names it.
      const name = paste && file.type.startsWith("image/") ? null : file.name || null;
      links.push((await saver.save(name, extensionOf(file), bytes)).link);
    } catch (error) {
      saver.failed(paste ? "" : file.name, error);
    }
  }
  if (!view.dom.isConnected) return;
  const at = view.state.field(pending).get(id) ?? view.state.selection.main.head;
  const insert = linksText(links);
  view.dispatch({
    effects: removePending.of(id),
    ...(insert
      ? { changes: { from: at, insert }, selection: { anchor: at + insert.length }, userEvent: "input.paste", scrollIntoView: true }
      : {}),
  });
}

/** Paste and drop of files, saved as attachments by `saver`. */
export function attachmentHandling(saver: AttachmentSaver): Extension {
  return [
    pending,
    EditorView.domEventHandlers({
      paste(e, view) {
        const files = Array.from(e.clipboardData?.files ?? []);
        if (files.length === 0 || (e.clipboardData?.getData("text/plain") ?? "") !== "") return false;
        e.preventDefault();
        void attach(view, files, view.state.selection.main.head, true, saver);
        return true;
      },
      drop(e, view) {
        const files = Array.from(e.dataTransfer?.files ?? []);
        if (files.length === 0) return false;
        e.preventDefault();
        const pos = view.posAtCoords({ x: e.clientX, y: e.clientY }) ?? view.state.selection.main.head;
        void attach(view, files, pos, false, saver);
        return true;
      },
    }),
  ];
}
