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
  },
  // Component tests mount Svelte's browser build in jsdom.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    include: ["src/**/*.test.ts"],
  },
}));
