// The window's entry point: the styles, and the app mounted on the page.
import { mount } from "svelte";
import { AppState } from "./state/app.svelte";
import App from "./components/App.svelte";
import "./style.css";
import "./markdown.css";
import "./hljs.css";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");
mount(App, { target, props: { app: new AppState() } });
