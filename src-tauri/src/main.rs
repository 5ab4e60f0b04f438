//! Entry point of the Hanji desktop app: `hanji-app [VAULT_DIR]`.

// No extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = hanji_app::run() {
        eprintln!("hanji-app: {error}");
        std::process::exit(1);
    }
}
