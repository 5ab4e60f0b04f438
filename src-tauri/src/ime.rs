//! Inline input-method composition in the web view, which Korean typing
//! needs: on Linux, wry's WebKitGTK back end turns preedit off for every web
//! view, so ibus shows the syllable being composed in a popup of its own
//! and the page gets no `compositionstart`/`compositionupdate` (only a stray
//! `compositionend`), which an editor's composition handling never sees.
//! This module turns it back on for a window; elsewhere it does nothing.
//! It never touches anything but the input method context.

/// Turns inline (preedit) composition on in `window`'s web view (a web view
/// without an input method context is left as it is).
pub fn enable_inline_composition(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    window.with_webview(|webview| {
        #[cfg(target_os = "linux")]
        {
            use webkit2gtk::{InputMethodContextExt, WebViewExt};
            if let Some(context) = webview.inner().input_method_context() {
                context.set_enable_preedit(true);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = webview;
    })
}
