//! How the web view draws: WebKit's hardware acceleration (compositing
//! through OpenGL) or its CPU path (cairo), chosen at launch from the
//! user's preference ("Hardware acceleration" in the settings, as
//! Obsidian's) and, left on *Automatic*, from whether this computer has a
//! GPU that OpenGL can use.
//!
//! Why it matters: without a GPU (a virtual machine, a remote desktop, a
//! headless display) Mesa composites in software, and then every visible
//! change costs a recomposition of the whole window. Measured under Xvfb at
//! 1280×800: one row's colour changed in the quick switcher took 60–75 ms
//! to paint composited and 13 ms drawn by cairo; a keystroke in the
//! switcher 100 ms against 18 ms. With a GPU, compositing is the better
//! path and is left as WebKit chooses.
//!
//! The decision ([`decide`]) is pure; only [`apply`] touches the web view,
//! and only its hardware-acceleration policy. Never reads or writes a
//! vault.

use std::path::Path;

/// The user's preference, kept with the app's own preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[derive(ts_rs::TS)]
pub enum Acceleration {
    /// On with a GPU, off without one.
    #[default]
    Auto,
    On,
    Off,
}

/// What the machine offers, as [`probe`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Machine {
    /// A device OpenGL can render on: a DRM render node, or NVIDIA's.
    pub gpu: bool,
    /// `LIBGL_ALWAYS_SOFTWARE` is set: Mesa renders in software whatever
    /// the hardware.
    pub forced_software: bool,
}

/// Whether the web view composites through OpenGL, and why, in the words
/// the settings show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Rendering {
    pub preference: Acceleration,
    pub accelerated: bool,
    pub reason: String,
}

/// The choice for `preference` on `machine`.
pub fn decide(preference: Acceleration, machine: Machine) -> Rendering {
    let (accelerated, reason) = match preference {
        Acceleration::On => (true, "turned on in the settings"),
        Acceleration::Off => (false, "turned off in the settings"),
        Acceleration::Auto if machine.forced_software => {
            (false, "OpenGL is set to render in software (LIBGL_ALWAYS_SOFTWARE)")
        }
        Acceleration::Auto if machine.gpu => (true, "a GPU was found"),
        Acceleration::Auto => (false, "no GPU was found, and software compositing is slower"),
    };
    Rendering { preference, accelerated, reason: reason.to_owned() }
}

/// This computer's GPU, as Mesa and NVIDIA's driver expose one on Linux:
/// a render node under `dev/dri`, or `nvidiactl`. `root` is `/` but for
/// tests. Elsewhere a GPU is assumed, and the decision changes nothing.
pub fn probe(root: &Path) -> Machine {
    let software = std::env::var_os("LIBGL_ALWAYS_SOFTWARE")
        .is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
    if !cfg!(target_os = "linux") {
        return Machine { gpu: true, forced_software: software };
    }
    let dri = std::fs::read_dir(root.join("dev/dri"))
        .map(|entries| {
            entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false);
    let nvidia = root.join("dev/nvidiactl").exists();
    Machine { gpu: dri || nvidia, forced_software: software }
}

/// Makes `window`'s web view draw as `rendering` says. Turning compositing
/// off is a WebKit setting; turning it on leaves WebKit's own choice.
pub fn apply(window: &tauri::WebviewWindow, rendering: &Rendering) -> tauri::Result<()> {
    if rendering.accelerated {
        return Ok(());
    }
    window.with_webview(|webview| {
        #[cfg(target_os = "linux")]
        {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        }
        #[cfg(not(target_os = "linux"))]
        let _ = webview;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GPU: Machine = Machine { gpu: true, forced_software: false };
    const NO_GPU: Machine = Machine { gpu: false, forced_software: false };
    const SOFTWARE: Machine = Machine { gpu: true, forced_software: true };

    #[test]
    fn automatic_follows_the_gpu() {
        assert!(decide(Acceleration::Auto, GPU).accelerated);
        assert!(!decide(Acceleration::Auto, NO_GPU).accelerated);
        assert!(!decide(Acceleration::Auto, SOFTWARE).accelerated);
        assert!(decide(Acceleration::Auto, SOFTWARE).reason.contains("LIBGL_ALWAYS_SOFTWARE"));
    }

    #[test]
    fn the_users_choice_wins() {
        for machine in [GPU, NO_GPU, SOFTWARE] {
            assert!(decide(Acceleration::On, machine).accelerated);
            assert!(!decide(Acceleration::Off, machine).accelerated);
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_render_node_is_a_gpu() {
        let root = tempfile::tempdir().unwrap();
        assert!(!probe(root.path()).gpu, "no dev/dri");
        std::fs::create_dir_all(root.path().join("dev/dri")).unwrap();
        std::fs::write(root.path().join("dev/dri/card0"), b"").unwrap();
        assert!(!probe(root.path()).gpu, "a card without a render node");
        std::fs::write(root.path().join("dev/dri/renderD128"), b"").unwrap();
        assert!(probe(root.path()).gpu);
        let nvidia = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(nvidia.path().join("dev")).unwrap();
        std::fs::write(nvidia.path().join("dev/nvidiactl"), b"").unwrap();
        assert!(probe(nvidia.path()).gpu);
    }
}
