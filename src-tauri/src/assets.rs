//! The `vault:` URL scheme, which serves the open vault's images (and other
//! attachments) to the reading view: `vault://localhost/<vault path>`.
//!
//! It replaces Tauri's asset protocol, whose scope can only grow: after a
//! switch to another vault the previous one would stay readable. Here every
//! request is checked against the vault open at that moment. A request is
//! answered only for a file the vault itself lists (an attachment or a note)
//! whose real location, symbolic links followed, is inside the vault's
//! folder. This module never writes and never serves a path built from the
//! URL alone.

use std::path::{Path, PathBuf};

use hanji_core::{Node, Vault};
use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use tauri::http::{header, Response, StatusCode};

use crate::commands::node_at;
use crate::state::AppState;

/// The scheme's name, as registered with the web view.
pub const SCHEME: &str = "vault";

/// The URL of the file at `vault_path` (vault-relative, `/`-separated) in
/// the open vault. Every byte but ASCII letters and digits is escaped, so
/// `#`, `?` and `%` in file names survive.
pub fn url_of(vault_path: &str) -> String {
    let encoded = utf8_percent_encode(vault_path, NON_ALPHANUMERIC);
    // WebKitGTK and WKWebView take custom schemes as they are; WebView2 only
    // through its http://<scheme>.localhost mapping.
    if cfg!(windows) {
        format!("http://{SCHEME}.localhost/{encoded}")
    } else {
        format!("{SCHEME}://localhost/{encoded}")
    }
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssetError {
    /// The URL's path is not valid percent-encoded UTF-8.
    BadPath(String),
    /// No vault is open (or it failed to open).
    NoVault,
    /// The vault lists no file at this path.
    NotInVault(String),
    /// The file resolves (through a symbolic link) outside the vault.
    OutsideVault(PathBuf),
    /// The file is listed but cannot be read now.
    Unreadable { path: PathBuf, reason: String },
}

impl AssetError {
    fn status(&self) -> StatusCode {
        match self {
            AssetError::BadPath(_) => StatusCode::BAD_REQUEST,
            AssetError::NoVault => StatusCode::SERVICE_UNAVAILABLE,
            AssetError::NotInVault(_) | AssetError::Unreadable { .. } => StatusCode::NOT_FOUND,
            AssetError::OutsideVault(_) => StatusCode::FORBIDDEN,
        }
    }

    /// What the web view is told: why, by vault path at most. Where the file
    /// really is on disk (an absolute path, a link's target outside the
    /// vault) or the OS error about it is none of the page's business.
    fn public_message(&self) -> String {
        match self {
            AssetError::BadPath(_) => "not a vault path".to_owned(),
            AssetError::NoVault => "no vault is open".to_owned(),
            AssetError::NotInVault(p) => format!("no file {p} in the vault"),
            AssetError::OutsideVault(_) => "not inside the vault".to_owned(),
            AssetError::Unreadable { .. } => "the file cannot be read".to_owned(),
        }
    }
}

/// The vault path a request's URL path names (the inverse of [`url_of`]).
pub fn vault_path_of(uri_path: &str) -> Result<String, AssetError> {
    let raw = uri_path.strip_prefix('/').unwrap_or(uri_path);
    percent_decode_str(raw)
        .decode_utf8()
        .map(|p| p.into_owned())
        .map_err(|_| AssetError::BadPath(uri_path.to_owned()))
}

/// The file to serve for `vault_path`: one the vault lists, whose real
/// location is inside the vault's real folder.
pub fn file_of(vault: &Vault, vault_path: &str) -> Result<PathBuf, AssetError> {
    let disk = match node_at(vault, vault_path) {
        Some(Node::Attachment(a)) => vault.attachment(a).disk_path.clone(),
        Some(Node::Note(id)) => vault.disk_path(id),
        _ => return Err(AssetError::NotInVault(vault_path.to_owned())),
    };
    let unreadable =
        |e: std::io::Error| AssetError::Unreadable { path: disk.clone(), reason: e.to_string() };
    let real = disk.canonicalize().map_err(unreadable)?;
    let root = vault.root().canonicalize().map_err(unreadable)?;
    if !real.starts_with(&root) {
        return Err(AssetError::OutsideVault(real));
    }
    Ok(real)
}

/// The media type for a file name, from its extension. Anything unknown is
/// sent as bytes, which the web view will not run or render as a page.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "ico" => "image/x-icon",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" => "audio/ogg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "md" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Answers one request of the scheme (blocking: it may wait for the vault to
/// open and it reads the file).
pub fn respond(state: &AppState, uri_path: &str) -> Response<Vec<u8>> {
    match serve(state, uri_path) {
        Ok((file, bytes)) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, content_type(&file))
            .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
            // An SVG opened on its own must not run scripts either.
            .header(
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            )
            .header(header::CACHE_CONTROL, "no-cache")
            .body(bytes),
        Err(e) => Response::builder()
            .status(e.status())
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(e.public_message().into_bytes()),
    }
    .unwrap_or_else(|_| {
        let mut r = Response::new(Vec::new());
        *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

fn serve(state: &AppState, uri_path: &str) -> Result<(PathBuf, Vec<u8>), AssetError> {
    let vault_path = vault_path_of(uri_path)?;
    let live = state.session().map_err(|_| AssetError::NoVault)?;
    // The vault is held only to find the file; reading it does not block
    // live updates.
    let file = file_of(live.read().map_err(|_| AssetError::NoVault)?.vault(), &vault_path)?;
    let bytes = std::fs::read(&file)
        .map_err(|e| AssetError::Unreadable { path: file.clone(), reason: e.to_string() })?;
    Ok((file, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Error bodies used to be the error's debug form, with the absolute
    /// path of the file (or of a link's target outside the vault) in it.
    #[test]
    fn error_bodies_carry_no_disk_paths() {
        let errors = [
            AssetError::BadPath("/%FF".to_owned()),
            AssetError::NoVault,
            AssetError::NotInVault("Attachments/x.png".to_owned()),
            AssetError::OutsideVault(PathBuf::from("/home/user/secret/x.png")),
            AssetError::Unreadable {
                path: PathBuf::from("/home/user/vault/x.png"),
                reason: "Permission denied (os error 13)".to_owned(),
            },
        ];
        for e in &errors {
            let body = e.public_message();
            assert!(!body.contains("/home") && !body.contains("os error"), "{e:?}: {body}");
        }
        assert_eq!(errors[2].public_message(), "no file Attachments/x.png in the vault");
    }

    #[test]
    #[cfg(unix)]
    fn urls_round_trip_any_file_name() {
        for path in ["Attachments/사진 1.png", "a/#b?c%d.png", "한글/이미지.PNG", "x"] {
            let url = url_of(path);
            let uri_path = url.strip_prefix("vault://localhost").unwrap();
            assert!(!uri_path[1..].contains(['/', '#', '?', ' ']), "{url}");
            assert_eq!(vault_path_of(uri_path), Ok(path.to_owned()));
        }
        assert_eq!(url_of("사진 1.png"), "vault://localhost/%EC%82%AC%EC%A7%84%201%2Epng");
        assert!(matches!(vault_path_of("/%FF%FE"), Err(AssetError::BadPath(_))));
    }

    #[test]
    fn only_files_the_vault_lists_inside_its_folder_are_served() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.png"), b"secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("img")).unwrap();
        std::fs::write(root.join("img/사진.png"), b"png").unwrap();
        std::fs::write(root.join("Note.md"), "![[사진.png]]").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outside.path().join("secret.png"), root.join("img/link.png"))
            .unwrap();
        let v = Vault::load(root).unwrap();

        let check = |path: &str| -> Result<String, String> {
            file_of(&v, path)
                .map(|f| {
                    f.strip_prefix(root.canonicalize().unwrap()).unwrap().display().to_string()
                })
                .map_err(|e| format!("{:?}", std::mem::discriminant(&e)))
        };
        assert_eq!(check("img/사진.png"), Ok("img/사진.png".to_owned()));
        assert_eq!(check("Note.md"), Ok("Note.md".to_owned()));
        let not_in_vault =
            Err(format!("{:?}", std::mem::discriminant(&AssetError::NotInVault(String::new()))));
        for escape in ["../secret.png", "img/../../secret.png", "/etc/passwd", "", "img"] {
            assert_eq!(check(escape), not_in_vault, "{escape}");
        }
        #[cfg(unix)]
        {
            // The vault lists the link like any file; its target is outside.
            let listed = file_of(&v, "img/link.png");
            assert!(matches!(listed, Err(AssetError::OutsideVault(_))), "{listed:?}");
        }
    }

    #[test]
    fn media_types_come_from_the_extension() {
        let t = |p: &str| content_type(Path::new(p));
        assert_eq!(t("a/b.PNG"), "image/png");
        assert_eq!(t("x.jpeg"), "image/jpeg");
        assert_eq!(t("d.svg"), "image/svg+xml");
        assert_eq!(t("page.html"), "application/octet-stream");
        assert_eq!(t("noext"), "application/octet-stream");
    }
}
