//! The editor's two commands: a note's exact text with the hash a save
//! expects (`note_source`), and saving text over that hash (`save_note`).
//! Thin: the live session reads and writes (atomically, never over a change
//! it did not see, never from a lossy reading, through `hanji_core::write`);
//! this module converts the hash to text and back and the errors to codes.

use hanji_live::Expected;
use tauri::State;

use crate::commands::{with_live, with_session};
use crate::dto::{hash_of, hash_text, ApiError, NoteSource, SavedNote};
use crate::state::AppState;

/// The note at `path` for editing; `not_editable` when it is not UTF-8,
/// too large or read-only on disk.
#[tauri::command]
pub async fn note_source(state: State<'_, AppState>, path: String) -> Result<NoteSource, ApiError> {
    with_session(state, move |s| {
        let source = s.source(&path).map_err(hanji_live::LiveError::from)?;
        Ok(NoteSource { path, text: source.text, hash: hash_text(source.hash) })
    })
    .await
}

/// Saves `text` as the note at `path` over the content whose hash is
/// `expected` (`null`: a new note, which must not exist yet). `conflict`
/// when the disk holds something else, and nothing is written.
#[tauri::command]
pub async fn save_note(
    state: State<'_, AppState>,
    path: String,
    expected: Option<String>,
    text: String,
) -> Result<SavedNote, ApiError> {
    let expected = match expected.as_deref() {
        None => Expected::Absent,
        Some(h) => Expected::Hash(
            hash_of(h)
                .ok_or_else(|| ApiError::new("internal", format!("{h:?} is not a content hash")))?,
        ),
    };
    with_live(state, move |live| {
        let saved = live.save(&path, expected, &text)?;
        Ok(SavedNote { hash: hash_text(saved.hash) })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use hanji_live::{LiveError, SaveError, SourceError, WriteError};

    #[test]
    fn hashes_travel_as_sixteen_hex_digits() {
        for h in [0, 1, 0x0123_4567_89ab_cdef, u64::MAX] {
            assert_eq!(hash_of(&hash_text(h)), Some(h));
            assert_eq!(hash_text(h).len(), 16);
        }
        for bad in ["", "123", "0123456789abcdeg", "0123456789abcdef0", "-123456789abcdef"] {
            assert_eq!(hash_of(bad), None, "{bad:?}");
        }
    }

    /// The codes the editor branches on.
    #[test]
    fn save_and_source_errors_have_their_codes() {
        let code = |e: LiveError| ApiError::from(e).code;
        let conflict = WriteError::Conflict { path: "/v/a.md".into(), on_disk: Some(1) };
        assert_eq!(code(SaveError::Write(conflict).into()), "conflict");
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            code(SaveError::Write(WriteError::Io { path: "/v".into(), source: io }).into()),
            "save_failed"
        );
        assert_eq!(code(SaveError::Lossy { path: "a.md".into() }.into()), "not_editable");
        assert_eq!(code(SourceError::ReadOnly { path: "a.md".into() }.into()), "not_editable");
        assert_eq!(code(SourceError::NotUtf8 { path: "a.md".into() }.into()), "not_editable");
        assert_eq!(code(SourceError::NotANote { path: "a.md".into() }.into()), "note_not_found");
    }
}
