//! Entry point of the Hanji desktop app: `hanji-app [VAULT_DIR]`.

// No extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::ffi::OsString;

fn main() {
    if let Some(problem) =
        display_missing(std::env::var_os("DISPLAY"), std::env::var_os("WAYLAND_DISPLAY"))
    {
        eprintln!("hanji-app: {problem}");
        std::process::exit(1);
    }
    // A display that is named but does not answer makes GTK fail inside Tauri, which panics;
    // say so in one line instead of a panic message and backtrace hint.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if is_gtk_init_failure(message) {
            eprintln!("hanji-app: {GTK_FAILED}");
            std::process::exit(1);
        }
        default_hook(info);
    }));
    if let Err(error) = hanji_app::run() {
        eprintln!("hanji-app: {error}");
        std::process::exit(1);
    }
}

const GTK_FAILED: &str = "could not open a window: GTK could not connect to the display named \
                          by DISPLAY or WAYLAND_DISPLAY (is it running, and may this user use it?)";

/// On Linux and the BSDs the window needs an X11 or Wayland display, and without one GTK
/// panics as the app starts. Returns the sentence to print instead when neither variable names
/// one (an empty value names none); whether a named display answers is GTK's to find out.
/// Other systems always have a display.
fn display_missing(x11: Option<OsString>, wayland: Option<OsString>) -> Option<&'static str> {
    let gtk = cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "dragonfly",
        target_os = "netbsd",
        target_os = "openbsd"
    ));
    let named = |value: &Option<OsString>| value.as_ref().is_some_and(|v| !v.is_empty());
    if !gtk || named(&x11) || named(&wayland) {
        return None;
    }
    Some(
        "no display to open the window on: neither DISPLAY nor WAYLAND_DISPLAY is set (start it \
         from a desktop session, or under xvfb-run)",
    )
}

/// Whether a panic message is the one Tauri's windowing layer (tao) panics with when GTK
/// cannot be initialised.
fn is_gtk_init_failure(message: &str) -> bool {
    message.starts_with("Failed to initialize gtk backend")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(value: &str) -> Option<OsString> {
        Some(OsString::from(value))
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn without_a_display_the_app_says_so() {
        assert!(display_missing(None, None).is_some());
        assert!(display_missing(os(""), os("")).is_some());
        assert!(display_missing(None, None).is_some_and(|m| m.contains("DISPLAY")));
    }

    #[test]
    fn either_display_is_enough() {
        assert_eq!(display_missing(os(":0"), None), None);
        assert_eq!(display_missing(None, os("wayland-0")), None);
        assert_eq!(display_missing(os(""), os("wayland-0")), None);
        assert_eq!(display_missing(os("localhost:10.0"), os("")), None);
    }

    #[test]
    fn only_the_gtk_init_panic_is_rewritten() {
        assert!(is_gtk_init_failure(
            "Failed to initialize gtk backend!: BoolError { message: \"Failed to initialize GTK\" }"
        ));
        assert!(!is_gtk_init_failure("called `Option::unwrap()` on a `None` value"));
        assert!(!is_gtk_init_failure(""));
    }
}
