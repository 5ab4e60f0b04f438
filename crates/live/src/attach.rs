//! A file pasted or dropped into a note, saved as an attachment where
//! `.obsidian/app.json`'s `attachmentFolderPath` says, under a name no file
//! has (a pasted image is `Pasted image YYYYMMDDHHmmss.png`, as Obsidian
//! names it), with the link the note then writes (`![[…]]`, or `![](…)`
//! with `useMarkdownLinks`, in `newLinkFormat`'s form).
//!
//! The write is atomic and only over nothing (`Expected::Absent`): an
//! existing file is never replaced.

use hanji_core::path::VaultPath;
use hanji_core::write::{write_note, Expected, WriteError};
use jiff::Zoned;

use crate::{ChangeEvent, Session};

/// An attachment saved.
#[derive(Debug)]
pub struct Attached {
    pub path: VaultPath,
    /// What the note writes to embed it.
    pub link: String,
    pub event: ChangeEvent,
}

/// An attachment that was not saved; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error("{note:?} is not a note of the vault")]
    NotANote { note: String },
    #[error("{name:?} cannot be a file name in the vault: {reason}")]
    BadName { name: String, reason: &'static str },
    #[error("cannot make the folder {path}: {source}")]
    Folder {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl Session {
    /// Saves `bytes` as an attachment of the note at `note`: named `name`
    /// (a dropped file's own name), or, for `None`, `Pasted image <now>` with
    /// the extension `ext`.
    pub fn save_attachment(
        &mut self,
        note: &str,
        name: Option<&str>,
        ext: &str,
        bytes: &[u8],
        now: &Zoned,
    ) -> Result<Attached, AttachError> {
        let note_path = VaultPath::new(note)
            .filter(|p| self.vault.note_by_path(p.as_str()).is_some())
            .ok_or_else(|| AttachError::NotANote { note: note.to_owned() })?;
        let (settings, _) = self.settings();
        let folder = settings.attachment_folder_for(&note_path);
        let file_name = match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(n) => hanji_core::text::nfc(n).into_owned(),
            None => {
                let ext = ext.trim().trim_start_matches('.');
                let stamp = hanji_dates::format(now, "YYYYMMDDHHmmss", hanji_dates::Locale::En);
                if ext.is_empty() {
                    format!("Pasted image {stamp}")
                } else {
                    format!("Pasted image {stamp}.{ext}")
                }
            }
        };
        let bad = |reason| AttachError::BadName { name: file_name.clone(), reason };
        if file_name.contains(['/', '\\']) || file_name.starts_with('.') {
            return Err(bad("a name has no slash and does not start with a dot"));
        }
        if file_name.to_lowercase().ends_with(".md") {
            return Err(bad("a note is not an attachment"));
        }
        hanji_core::ops::check_name(&file_name)
            .map_err(|_| bad("links cannot say # | ^ [ ] in a name"))?;
        let path = self.free_path(&folder, &file_name).ok_or_else(|| bad("no free name"))?;
        let disk = self.vault.root().join(path.as_str());
        if let Some(dir) = disk.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|source| AttachError::Folder { path: dir.to_owned(), source })?;
        }
        let hash = write_note(&disk, Expected::Absent, bytes)?;
        let mut event = self.refresh(std::slice::from_ref(&disk));
        event.own_write = true;
        // The watcher's report of this write is not news.
        self.own_writes.insert(path.clone(), hash);
        let text = self
            .vault
            .new_link_path(
                note_path.parent(),
                path.as_str(),
                settings.new_link_format,
                settings.use_markdown_links,
            )
            .unwrap_or_else(|| path.to_string());
        let link = if settings.use_markdown_links {
            format!("![]({text})")
        } else {
            format!("![[{text}]]")
        };
        Ok(Attached { path, link, event })
    }

    /// `folder/name`, or `folder/stem 1.ext`, `stem 2.ext`, … : the first
    /// path no file of the vault (or of the disk) has, compared without case.
    fn free_path(&self, folder: &str, name: &str) -> Option<VaultPath> {
        let (stem, ext) = match name.rfind('.') {
            Some(i) if i > 0 => (&name[..i], &name[i..]),
            _ => (name, ""),
        };
        (0..10_000).find_map(|n| {
            let candidate = if n == 0 { name.to_owned() } else { format!("{stem} {n}{ext}") };
            let full = if folder.is_empty() { candidate } else { format!("{folder}/{candidate}") };
            let path = VaultPath::new(&full)?;
            let lower = path.as_str().to_lowercase();
            let taken =
                self.vault.attachments().iter().any(|a| a.path.as_str().to_lowercase() == lower)
                    || self.vault.root().join(path.as_str()).exists();
            (!taken).then_some(path)
        })
    }
}
