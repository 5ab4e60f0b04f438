import { defineConfig } from "vite";

// Tauri serves ui/dist; during `tauri dev` it loads this dev server.
export default defineConfig({
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
});
