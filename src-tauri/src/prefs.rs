//! The app's own preferences, which belong to this computer rather than to
//! a vault: the interface zoom, kept in the app's config folder and applied
//! to the window at launch. Never touches a vault.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime, WebviewWindow};

/// The zoom steps `Ctrl+=` and `Ctrl+-` move through, as a browser's.
pub const ZOOM_MIN: f64 = 0.5;
pub const ZOOM_MAX: f64 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct Prefs {
    zoom: f64,
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs { zoom: 1.0 }
    }
}

fn file<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    app.path().app_config_dir().ok().map(|d| d.join("preferences.json"))
}

fn read<R: Runtime>(app: &AppHandle<R>) -> Prefs {
    file(app)
        .and_then(|f| std::fs::read(f).ok())
        .and_then(|b| serde_json::from_slice::<Prefs>(&b).ok())
        .unwrap_or_default()
}

/// A zoom factor within bounds (an unreadable one is 100 %).
pub fn clamp_zoom(zoom: f64) -> f64 {
    if zoom.is_finite() {
        zoom.clamp(ZOOM_MIN, ZOOM_MAX)
    } else {
        1.0
    }
}

/// The zoom kept last time, applied to `window` (at launch).
pub fn restore_zoom<R: Runtime>(window: &WebviewWindow<R>) {
    let zoom = clamp_zoom(read(window.app_handle()).zoom);
    if zoom != 1.0 {
        let _ = window.set_zoom(zoom);
    }
}

/// Zooms the interface to `zoom` (clamped) and keeps it for the next
/// launch; answers the zoom now. Failing to keep it loses nothing.
#[tauri::command]
pub fn set_zoom(window: WebviewWindow, zoom: f64) -> Result<f64, crate::dto::ApiError> {
    let zoom = clamp_zoom(zoom);
    window
        .set_zoom(zoom)
        .map_err(|e| crate::dto::ApiError::new("internal", format!("zoom not set: {e}")))?;
    if let (Some(f), Ok(bytes)) =
        (file(window.app_handle()), serde_json::to_vec_pretty(&Prefs { zoom }))
    {
        if let Some(dir) = f.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = crate::state::write_atomically(&f, &bytes);
    }
    Ok(zoom)
}

/// The zoom now (kept from last time, or 100 %).
#[tauri::command]
pub fn zoom(app: AppHandle) -> f64 {
    clamp_zoom(read(&app).zoom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_stays_within_bounds() {
        assert_eq!(clamp_zoom(1.1), 1.1);
        assert_eq!(clamp_zoom(0.1), ZOOM_MIN);
        assert_eq!(clamp_zoom(40.0), ZOOM_MAX);
        assert_eq!(clamp_zoom(f64::NAN), 1.0);
        // A preferences file from an older or newer version still reads.
        let p: Prefs = serde_json::from_str(r#"{"zoom": 1.25, "other": true}"#).unwrap_or_default();
        assert_eq!(p.zoom, 1.25);
    }
}
