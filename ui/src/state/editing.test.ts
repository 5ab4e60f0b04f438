// Tests of the editor's save rules (editing.ts) against a fake disk: each
// rule of the module's header is one test, and every test ends by reading
// the "disk" to see that nothing was lost or overwritten.
import { describe, expect, it } from "vitest";
import type { NoteSource, SavedNote } from "../api";
import { AUTOSAVE_MS, conflictCopyPath, EditSession, type Clock, type Saver } from "./editing";

/** A disk of notes with content hashes, refusing stale saves as the shell does. */
class Disk implements Saver {
  files = new Map<string, string>();
  saves: { path: string; expected: string | null; text: string }[] = [];
  failNext: string | null = null;
  /** Holds the next save until `release()`, to edit during a save. */
  hold = false;
  private held: (() => void) | null = null;

  hash(text: string): string {
    let h = 0xcbf29ce4n;
    for (const c of text) h = (h * 0x100000001b3n + BigInt(c.codePointAt(0)!)) & 0xffffffffffffffffn;
    return h.toString(16).padStart(16, "0");
  }

  async noteSource(path: string): Promise<NoteSource> {
    const text = this.files.get(path);
    if (text === undefined) throw { code: "note_not_found", message: `no note at ${path}` };
    return { path, text, hash: this.hash(text) };
  }

  async saveNote(path: string, expected: string | null, text: string): Promise<SavedNote> {
    if (this.hold) {
      this.hold = false;
      await new Promise<void>((r) => (this.held = r));
    }
    if (this.failNext) {
      const message = this.failNext;
      this.failNext = null;
      throw { code: "save_failed", message };
    }
    const now = this.files.get(path);
    if ((now === undefined ? null : this.hash(now)) !== expected) {
      throw { code: "conflict", message: "changed on disk" };
    }
    this.saves.push({ path, expected, text });
    this.files.set(path, text);
    return { hash: this.hash(text) };
  }

  release(): void {
    this.held?.();
    this.held = null;
  }
}

/** Time that moves only when told. */
class FakeClock implements Clock {
  private t = 0;
  private timers: { at: number; f: () => void; id: number }[] = [];
  private next = 1;
  set(f: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.push({ at: this.t + ms, f, id });
    return id;
  }
  clear(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  now(): Date {
    return new Date(2026, 11, 1, 13, 5, 9);
  }
  async advance(ms: number): Promise<void> {
    this.t += ms;
    const due = this.timers.filter((t) => t.at <= this.t);
    this.timers = this.timers.filter((t) => t.at > this.t);
    for (const t of due) t.f();
    await settle();
  }
  get pending(): number {
    return this.timers.length;
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

async function open(text = "# 면접\r\n쿠버네티스를 공부했다") {
  const disk = new Disk();
  disk.files.set("Interview/면접.md", text);
  const clock = new FakeClock();
  const session = new EditSession("Interview/면접.md", await disk.noteSource("Interview/면접.md"), disk, () => {}, clock);
  return { disk, clock, session };
}

describe("saving what the editor holds", () => {
  it("autosaves once, a second after typing stops, over the hash it read", async () => {
    const { disk, clock, session } = await open();
    const first = disk.hash(disk.files.get("Interview/면접.md")!);
    session.edit("# 면접\r\n쿠버네티스를");
    await clock.advance(AUTOSAVE_MS - 1);
    session.edit("# 면접\r\n쿠버네티스를 복습했다");
    await clock.advance(AUTOSAVE_MS - 1);
    expect(disk.saves).toHaveLength(0);
    await clock.advance(1);
    expect(disk.saves).toEqual([{ path: "Interview/면접.md", expected: first, text: "# 면접\r\n쿠버네티스를 복습했다" }]);
    expect(session.status).toBe("saved");
    // The next save expects what was saved, not what was first read.
    session.edit("# 면접\r\n다시");
    await session.save();
    expect(disk.saves[1].expected).toBe(disk.hash("# 면접\r\n쿠버네티스를 복습했다"));
    expect(disk.files.get("Interview/면접.md")).toBe("# 면접\r\n다시");
  });

  it("reads an edit given as a function only when it saves, and writes nothing for an undo back", async () => {
    const { disk, clock, session } = await open();
    const original = disk.files.get("Interview/면접.md")!;
    let reads = 0;
    const text = (t: string) => () => {
      reads++;
      return t;
    };
    session.edit(text(`${original}!`));
    session.edit(text(`${original}!!`));
    expect(reads).toBe(0);
    expect(session.status).toBe("dirty");
    await clock.advance(AUTOSAVE_MS);
    expect(reads).toBe(1);
    expect(disk.files.get("Interview/면접.md")).toBe(`${original}!!`);
    expect(session.status).toBe("saved");
    // Undone back to what is on disk: edited until the save finds nothing to write.
    session.edit(text(`${original}!!`));
    expect(session.status).toBe("dirty");
    await clock.advance(AUTOSAVE_MS);
    expect(disk.saves).toHaveLength(1);
    expect(session.status).toBe("saved");
  });

  it("never saves while an input method is composing", async () => {
    const { disk, clock, session } = await open();
    session.setComposing(true);
    session.edit("# 면접\r\n쿠버네티스를 공부했다 ㅎ");
    await clock.advance(AUTOSAVE_MS * 5);
    await session.save();
    expect(disk.saves).toHaveLength(0);
    session.edit("# 면접\r\n쿠버네티스를 공부했다 한");
    session.setComposing(false);
    await clock.advance(AUTOSAVE_MS);
    expect(disk.files.get("Interview/면접.md")).toBe("# 면접\r\n쿠버네티스를 공부했다 한");
  });

  it("saves one at a time, and saves edits made during a save after it", async () => {
    const { disk, session } = await open();
    disk.hold = true;
    session.edit("a");
    const first = session.save();
    await settle();
    session.edit("ab");
    const second = session.save();
    disk.release();
    await first;
    await second;
    expect(disk.saves.map((s) => s.text)).toEqual(["a", "ab"]);
    expect(disk.saves[1].expected).toBe(disk.hash("a"));
    expect(session.status).toBe("saved");
  });

  it("keeps the text dirty when the disk refuses, says why, and tries again next time", async () => {
    const { disk, session } = await open("old");
    disk.failNext = "the note was not saved: No space left on device";
    session.edit("new");
    await session.save();
    expect(session.status).toBe("failed");
    expect(session.error).toContain("No space left");
    expect(session.dirty).toBe(true);
    expect(disk.files.get("Interview/면접.md")).toBe("old");
    await session.save();
    expect(session.status).toBe("saved");
    expect(disk.files.get("Interview/면접.md")).toBe("new");
  });

  it("reloads in place when the disk changed and nothing is unsaved", async () => {
    const { disk, session } = await open("mine");
    disk.files.set("Interview/면접.md", "theirs");
    expect(await session.external()).toBe("theirs");
    expect(session.current).toBe("theirs");
    session.edit("theirs, edited");
    await session.save();
    expect(disk.files.get("Interview/면접.md")).toBe("theirs, edited");
  });

  it("a change on disk under unsaved edits is a conflict: nothing is saved until the user chooses", async () => {
    const { disk, clock, session } = await open("base");
    session.edit("mine");
    disk.files.set("Interview/면접.md", "theirs");
    expect(await session.external()).toBeNull();
    expect(session.status).toBe("conflict");
    expect(session.theirs?.text).toBe("theirs");
    await clock.advance(AUTOSAVE_MS * 3);
    await session.save();
    session.edit("mine, more");
    await session.save();
    expect(disk.files.get("Interview/면접.md")).toBe("theirs");
    expect(session.current).toBe("mine, more");
  });

  it("a save that finds the disk changed is a conflict, not an overwrite", async () => {
    const { disk, session } = await open("base");
    session.edit("mine");
    disk.files.set("Interview/면접.md", "theirs"); // no change event yet
    await session.save();
    expect(session.status).toBe("conflict");
    expect(disk.files.get("Interview/면접.md")).toBe("theirs");
    expect(session.theirs?.text).toBe("theirs");
  });

  it("keep mine: theirs goes beside the note as a conflict copy, then mine is saved over theirs", async () => {
    const { disk, session } = await open("base");
    session.edit("mine");
    disk.files.set("Interview/면접.md", "theirs");
    await session.external();
    const copy = await session.keepMine();
    expect(copy).toBe("Interview/면접 (conflict 2026-12-01 130509).md");
    expect(disk.files.get(copy)).toBe("theirs");
    expect(disk.files.get("Interview/면접.md")).toBe("mine");
    expect(disk.saves.find((s) => s.path === copy)?.expected).toBeNull();
    expect(session.status).toBe("saved");
  });

  it("reload theirs: the edits are dropped for the disk's text", async () => {
    const { disk, session } = await open("base");
    session.edit("mine");
    disk.files.set("Interview/면접.md", "theirs");
    await session.external();
    expect(session.reloadTheirs()).toBe("theirs");
    expect(session.status).toBe("saved");
    expect(disk.saves).toHaveLength(0);
  });

  it("a touch (same content) is no change", async () => {
    const { session } = await open("same");
    session.edit("mine");
    expect(await session.external()).toBeNull();
    expect(session.status).toBe("dirty");
  });

  it("dispose stops the autosave timer", async () => {
    const { disk, clock, session } = await open("a");
    session.edit("b");
    session.dispose();
    expect(clock.pending).toBe(0);
    await clock.advance(AUTOSAVE_MS * 2);
    expect(disk.saves).toHaveLength(0);
  });
});

describe("conflict copies", () => {
  const at = new Date(2026, 0, 2, 3, 4, 5);
  it.each([
    ["Note.md", "Note (conflict 2026-01-02 030405).md"],
    ["a/b/회고.md", "a/b/회고 (conflict 2026-01-02 030405).md"],
    ["a/Upper.MD", "a/Upper (conflict 2026-01-02 030405).MD"],
    ["a.b/v1.2 notes.md", "a.b/v1.2 notes (conflict 2026-01-02 030405).md"],
  ])("%s → %s", (path, expected) => {
    expect(conflictCopyPath(path, at)).toBe(expected);
  });
});
