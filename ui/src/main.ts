// The window's entry point: the styles, and the app mounted on the page.
import { mount } from "svelte";
import { AppState } from "./state/app.svelte";
import App from "./components/App.svelte";
// The UI font, bundled: Pretendard (SIL Open Font License 1.1) covers Hangul,
// Latin and the symbols notes use (→, ·, …) in one design, so no glyph falls
// back to a font that does not match (a backslash drawn as ₩, a tiny arrow).
import "pretendard/dist/web/variable/pretendardvariable.css";
import "./style.css";
import "./markdown.css";
import "./hljs.css";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");
mount(App, { target, props: { app: new AppState() } });
