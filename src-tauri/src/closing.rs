//! The window does not close over text that is not on disk. The editor
//! reports whether anything it holds is unsaved (`set_unsaved`); a close
//! request then goes to the page (`app://close-requested`) instead of
//! closing, and the page saves and closes (`close_window`), or says why it
//! cannot and lets the user choose. With nothing unsaved the window closes
//! at once, as any window does.
//!
//! It never decides what is saved (the page and the core do) and never
//! closes a window on its own.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::{Emitter, Manager, State, WebviewWindow, Window, WindowEvent};

use crate::dto::ApiError;

/// What the page last said: true while some text is not on disk.
#[derive(Debug, Default)]
pub struct Unsaved(AtomicBool);

impl Unsaved {
    pub fn get(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    pub fn set(&self, unsaved: bool) {
        self.0.store(unsaved, Ordering::SeqCst);
    }
}

/// The page's event when a close request waits for it.
pub const CLOSE_REQUESTED: &str = "app://close-requested";

/// The editor's report: true while some text is not saved.
#[tauri::command]
pub fn set_unsaved(unsaved: State<'_, Unsaved>, value: bool) {
    unsaved.set(value);
}

/// Closes the window, once the page has saved (or the user chose to close
/// without saving).
#[tauri::command]
pub fn close_window(window: WebviewWindow) -> Result<(), ApiError> {
    window.destroy().map_err(|e| ApiError::new("internal", format!("cannot close the window: {e}")))
}

/// Whether a close request must wait for the page.
pub fn must_ask(unsaved: &Unsaved) -> bool {
    unsaved.get()
}

/// The window's close request: let it close, or hand it to the page.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        if must_ask(&window.state::<Unsaved>()) {
            api.prevent_close();
            let _ = window.emit(CLOSE_REQUESTED, ());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_waits_only_while_something_is_unsaved() {
        let unsaved = Unsaved::default();
        assert!(!must_ask(&unsaved), "nothing reported: the window closes");
        unsaved.set(true);
        assert!(must_ask(&unsaved));
        unsaved.set(false);
        assert!(!must_ask(&unsaved));
    }
}
