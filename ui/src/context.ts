// The app state handed to every component through Svelte's context, so
// components can be mounted in tests with a state of their own.
import { createContext } from "svelte";
import type { AppState } from "./state/app.svelte";

export const [getApp, setApp] = createContext<AppState>();
