// Tests for what the window remembers between runs.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LAYOUT,
  loadLayout,
  recallLastNote,
  rememberLastNote,
  saveLayout,
  type KeyValueStore,
} from "./prefs";

function memory(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
  };
}

const broken: KeyValueStore = {
  getItem: () => {
    throw new Error("denied");
  },
  setItem: () => {
    throw new Error("quota");
  },
};

describe("last note", () => {
  it("is remembered per vault", () => {
    const store = memory();
    rememberLastNote("/notes/a", "CS/OS.md", store);
    rememberLastNote("/notes/b", "Home.md", store);
    expect(recallLastNote("/notes/a", store)).toBe("CS/OS.md");
    expect(recallLastNote("/notes/b", store)).toBe("Home.md");
    expect(recallLastNote("/notes/c", store)).toBeNull();
  });

  it("survives storage that fails", () => {
    expect(() => rememberLastNote("/v", "x.md", broken)).not.toThrow();
    expect(recallLastNote("/v", broken)).toBeNull();
    expect(recallLastNote("/v", null)).toBeNull();
  });
});

describe("layout", () => {
  it("round-trips", () => {
    const store = memory();
    saveLayout({ left: false, right: true, tab: "tags", collapsed: ["panel-outline"], source: true }, store);
    expect(loadLayout(store)).toEqual({
      left: false,
      right: true,
      tab: "tags",
      collapsed: ["panel-outline"],
      source: true,
    });
  });

  it("falls back to defaults for missing or bad values", () => {
    const store = memory();
    expect(loadLayout(store)).toEqual(DEFAULT_LAYOUT);
    // Unlinked mentions read every note, the local graph draws one for
    // every note visited: both start collapsed.
    expect(DEFAULT_LAYOUT.collapsed).toEqual(["unlinked-mentions", "panel-local-graph"]);
    store.map.set("hanji:layout", "{not json");
    expect(loadLayout(store)).toEqual(DEFAULT_LAYOUT);
    store.map.set("hanji:layout", JSON.stringify({ left: "no", tab: "graph", right: false, collapsed: [1, "x"], source: "yes" }));
    expect(loadLayout(store)).toEqual({ ...DEFAULT_LAYOUT, right: false, collapsed: ["x"] });
    expect(loadLayout(broken)).toEqual(DEFAULT_LAYOUT);
  });
});
