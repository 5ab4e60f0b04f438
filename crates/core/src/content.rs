//! How far a note's text could be read: the one fact about a note's bytes
//! that both the vault model and its cache rows carry.

/// How far a note's text could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Read and parsed.
    Parsed,
    /// Not valid UTF-8: parsed with replacement characters. Not safe to save.
    Lossy,
    /// Larger than [`MAX_NOTE_BYTES`]: not read.
    TooLarge,
    /// Could not be read at all.
    Unreadable,
}
