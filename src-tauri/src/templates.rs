//! The Insert template command's two calls: the notes of the templates
//! folder (`template_list`), and what inserting one into the note being
//! edited changes (`insert_template`). Thin: the session finds and expands
//! the template and `hanji_core::templates::insert` merges it; this module
//! converts offsets between the editor's UTF-16 and Rust's UTF-8.

use tauri::State;

use crate::commands::with_session;
use crate::dto::{ApiError, TemplateEdit, TemplateInsertion, TemplateList};
use crate::state::AppState;

/// The byte offset of the `units`-th UTF-16 code unit of `text` (clamped
/// to the text; inside a character, the character's start).
fn byte_of(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16();
        if seen > units {
            return i;
        }
    }
    text.len()
}

/// The UTF-16 offset of byte `byte` of `text`.
fn units_of(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or_else(|| text.encode_utf16().count(), |s| s.encode_utf16().count())
}

#[tauri::command]
pub async fn template_list(state: State<'_, AppState>) -> Result<TemplateList, ApiError> {
    with_session(state, |s| {
        Ok(match s.templates() {
            Some((folder, notes)) => TemplateList {
                folder: Some(folder),
                templates: notes.iter().map(ToString::to_string).collect(),
            },
            None => TemplateList { folder: None, templates: Vec::new() },
        })
    })
    .await
}

/// The edits that insert the template `template` into the note at `path`,
/// whose text in the editor is `text` with the cursor at `cursor` (UTF-16
/// offsets, as the editor counts).
#[tauri::command]
pub async fn insert_template(
    state: State<'_, AppState>,
    path: String,
    template: String,
    text: String,
    cursor: usize,
) -> Result<TemplateInsertion, ApiError> {
    with_session(state, move |s| {
        let at = byte_of(&text, cursor);
        let ins = s.template_insertion(&path, &template, &text, at, &jiff::Zoned::now())?;
        let mut after = text.clone();
        for e in ins.edits.iter().rev() {
            after.replace_range(e.range.clone(), &e.insert);
        }
        Ok(TemplateInsertion {
            edits: ins
                .edits
                .iter()
                .map(|e| TemplateEdit {
                    from: units_of(&text, e.range.start) as u32,
                    to: units_of(&text, e.range.end) as u32,
                    insert: e.insert.clone(),
                })
                .collect(),
            cursor: units_of(&after, ins.cursor) as u32,
            warning: ins.warning,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_convert_between_utf16_and_utf8() {
        let text = "a한😀b";
        // a: 1 unit, 한: 1 unit (3 bytes), 😀: 2 units (4 bytes).
        assert_eq!([0, 1, 2, 3, 4, 5, 99].map(|u| byte_of(text, u)), [0, 1, 4, 4, 8, 9, 9]);
        assert_eq!([0, 1, 4, 8, 9].map(|b| units_of(text, b)), [0, 1, 2, 4, 5]);
    }
}
