// @vitest-environment jsdom
// Closing the window with text unsaved (app.svelte.ts `closeRequested`, the
// shell's closing.rs): the editor saves first; the window closes only when
// nothing is left unsaved, or when the user says to close without saving.
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeShell, settle } from "../test/fake-shell";

const shell = vi.hoisted(() => ({ current: null as FakeShell | null }));
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (cmd: string, args?: Record<string, unknown>) => shell.current!.invoke(cmd, args),
}));
vi.mock("@tauri-apps/api/event", () => ({
  listen: (event: string, handler: (e: { payload: unknown }) => void) => shell.current!.listen(event, handler),
}));

import { forget, keep, markUnsaved } from "../editor/memory";
import { AppState } from "./app.svelte";
import { EditSession, type Saver } from "./editing";

const PATH = "Interview/면접.md";

function editing(app: AppState, saver: Saver): EditSession {
  const session = new EditSession(PATH, { path: PATH, text: "old", hash: "0000000000000001" }, saver, () =>
    app.reportUnsaved(),
  );
  app.editor = { session, replace: () => {}, vaultChanged: () => {}, snapshot: () => ({ text: "", cursor: 0 }), change: () => false };
  return session;
}

const refusing: Saver = {
  noteSource: () => Promise.reject({ code: "internal", message: "unused" }),
  saveNote: () => Promise.reject({ code: "save_failed", message: "the disk is full" }),
};

describe("closing the window", () => {
  afterEach(() => forget("Other.md"));

  it("tells the shell while text is unsaved, and closes once it is saved", async () => {
    shell.current = new FakeShell();
    const app = new AppState();
    await app.start();
    let written: string | null = null;
    const session = editing(app, {
      noteSource: refusing.noteSource,
      saveNote: (_p, _e, text) => {
        written = text;
        return Promise.resolve({ hash: "0000000000000002" });
      },
    });
    session.edit("new");
    await settle();
    expect(shell.current.unsaved).toBe(true);
    shell.current.emit("app://close-requested", null);
    await settle();
    expect(written).toBe("new");
    expect(shell.current.unsaved).toBe(false);
    expect(shell.current.closed).toBe(true);
    session.dispose();
  });

  it("stays open over text that cannot be saved, until the user closes without saving", async () => {
    shell.current = new FakeShell();
    const app = new AppState();
    await app.start();
    const session = editing(app, refusing);
    session.edit("mine");
    shell.current.emit("app://close-requested", null);
    await settle();
    expect(shell.current.closed).toBe(false);
    expect(app.layout.closeBlocked).toEqual([PATH]);
    expect(session.status).toBe("failed");
    await app.closeWindow();
    expect(shell.current.closed).toBe(true);
    session.dispose();
  });

  it("counts text kept from a note left with a failed save, and tries to save it again", async () => {
    shell.current = new FakeShell();
    shell.current.vault.sources = { "Other.md": "theirs" };
    const app = new AppState();
    await app.start();
    keep("Other.md", {}, "mine", 0);
    // Edited from a version the disk no longer has: the retry is a conflict.
    markUnsaved("Other.md", { path: "Other.md", text: "old", hash: "0000000000000009" });
    app.reportUnsaved();
    await settle();
    expect(shell.current.unsaved).toBe(true);
    await app.closeRequested();
    expect(shell.current.vault.sources["Other.md"]).toBe("theirs");
    expect(shell.current.closed).toBe(false);
    expect(app.layout.closeBlocked).toEqual(["Other.md"]);
  });
});
