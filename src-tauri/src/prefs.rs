//! The app's own preferences, which belong to this computer rather than to
//! a vault: the interface zoom and hardware acceleration, kept in the app's
//! config folder and applied to the window at launch. Never touches a vault.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime, WebviewWindow};

use crate::rendering::{self, Acceleration, Rendering};

/// The zoom steps `Ctrl+=` and `Ctrl+-` move through, as a browser's.
pub const ZOOM_MIN: f64 = 0.5;
pub const ZOOM_MAX: f64 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Prefs {
    zoom: f64,
    #[serde(deserialize_with = "known_or_auto")]
    hardware_acceleration: Acceleration,
}

/// A preference this version does not know (a newer one's) reads as
/// Automatic, and costs none of the other preferences.
fn known_or_auto<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Acceleration, D::Error> {
    let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

impl Default for Prefs {
    fn default() -> Prefs {
        Prefs { zoom: 1.0, hardware_acceleration: Acceleration::Auto }
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

/// Keeps `prefs` for the next launch. Failing to keep them loses nothing
/// but the preference.
fn write<R: Runtime>(app: &AppHandle<R>, prefs: &Prefs) {
    if let (Some(f), Ok(bytes)) = (file(app), serde_json::to_vec_pretty(prefs)) {
        if let Some(dir) = f.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = crate::state::write_atomically(&f, &bytes);
    }
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
    let app = window.app_handle();
    write(app, &Prefs { zoom, ..read(app) });
    Ok(zoom)
}

/// The zoom now (kept from last time, or 100 %).
#[tauri::command]
pub fn zoom(app: AppHandle) -> f64 {
    clamp_zoom(read(&app).zoom)
}

/// How the window draws in this launch, as decided when it opened.
pub struct RenderingNow(pub Rendering);

/// Decides how the web view draws in this launch, from the preference kept
/// and this computer (see [`rendering`]).
pub fn rendering_at_launch<R: Runtime>(app: &AppHandle<R>) -> Rendering {
    rendering::decide(read(app).hardware_acceleration, rendering::probe(std::path::Path::new("/")))
}

/// How the window draws now, and the preference (which takes effect at the
/// next launch).
#[tauri::command]
pub fn rendering(app: AppHandle, now: tauri::State<'_, RenderingNow>) -> RenderingView {
    RenderingView { now: now.0.clone(), next: read(&app).hardware_acceleration }
}

/// Keeps the hardware-acceleration preference for the next launch.
#[tauri::command]
pub fn set_hardware_acceleration(
    app: AppHandle,
    now: tauri::State<'_, RenderingNow>,
    preference: Acceleration,
) -> RenderingView {
    write(&app, &Prefs { hardware_acceleration: preference, ..read(&app) });
    RenderingView { now: now.0.clone(), next: preference }
}

/// What the settings show of hardware acceleration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct RenderingView {
    /// As decided at this launch.
    pub now: Rendering,
    /// The preference kept, for the next launch.
    pub next: Acceleration,
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
        assert_eq!(p.hardware_acceleration, Acceleration::Auto);
        let p: Prefs = serde_json::from_str(r#"{"hardwareAcceleration": "off"}"#).unwrap();
        assert_eq!(p, Prefs { zoom: 1.0, hardware_acceleration: Acceleration::Off });
        // An unknown value (a newer version's) is Automatic, and loses no zoom.
        let p: Prefs =
            serde_json::from_str(r#"{"zoom": 2.0, "hardwareAcceleration": "maybe"}"#).unwrap();
        assert_eq!(p, Prefs { zoom: 2.0, hardware_acceleration: Acceleration::Auto });
    }
}
