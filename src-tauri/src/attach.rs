//! `save_attachment`: a file pasted or dropped into the editor, saved into
//! the vault as an attachment of the note being edited. The bytes come as
//! the request's raw body (not JSON, which would triple a screenshot's
//! size); the note, the file's name and its extension as percent-encoded
//! headers. Thin: where it goes, its name and its link are the session's.

use percent_encoding::percent_decode_str;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use crate::commands::with_live;
use crate::dto::{ApiError, AttachmentSaved};
use crate::state::AppState;

/// A header's value, percent-decoded (`None` when absent or empty).
fn header(request: &Request<'_>, name: &str) -> Result<Option<String>, ApiError> {
    let Some(value) = request.headers().get(name) else { return Ok(None) };
    let text =
        value.to_str().map_err(|_| ApiError::new("internal", format!("{name} is not ASCII")))?;
    let decoded = percent_decode_str(text)
        .decode_utf8()
        .map_err(|_| ApiError::new("internal", format!("{name} is not UTF-8")))?;
    Ok(Some(decoded.into_owned()).filter(|s| !s.is_empty()))
}

#[tauri::command]
pub async fn save_attachment(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<AttachmentSaved, ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::new("internal", "the attachment's bytes come as a raw body"));
    };
    let bytes = bytes.clone();
    let note = header(&request, "x-hanji-note")?
        .ok_or_else(|| ApiError::new("internal", "which note the attachment is for is missing"))?;
    let name = header(&request, "x-hanji-name")?;
    let ext = header(&request, "x-hanji-ext")?.unwrap_or_default();
    with_live(state, move |live| {
        let saved =
            live.save_attachment(&note, name.as_deref(), &ext, &bytes, &jiff::Zoned::now())?;
        Ok(AttachmentSaved { path: saved.path.to_string(), link: saved.link })
    })
    .await
}
