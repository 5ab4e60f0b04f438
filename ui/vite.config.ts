// Build and test configuration for the front end. Tauri serves ui/dist; during
// `tauri dev` it loads the dev server. Component CSS is emitted as files, never
// injected as <style> (the window's CSP allows style sheets from 'self' only).
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

export default defineConfig(({ mode }) => ({
  plugins: [svelte({ emitCss: true, compilerOptions: { css: "external" } })],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    modulePreload: { polyfill: false },
    // The editor's chunk (CodeMirror with the Markdown language, which brings
    // HTML, CSS and JavaScript for embedded code) is about 500 kB and loaded
    // only when a note is first edited, not at start: the default 500 kB
    // warning is about start-up bundles.
    chunkSizeWarningLimit: 700,
  },
  // Component tests mount Svelte's browser build in jsdom.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    include: ["src/**/*.test.ts"],
  },
}));
