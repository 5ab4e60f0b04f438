// Ambient types for the build: Vite's client types (CSS imports) and
// Svelte's (.svelte modules and runes in .svelte.ts files).
/// <reference types="vite/client" />
/// <reference types="svelte" />
