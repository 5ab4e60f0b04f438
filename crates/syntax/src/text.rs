//! The one home of Unicode normalisation: every string the engine compares
//! (file names, link targets, headings, tags, search tokens and queries,
//! unlinked-mention terms and the text searched for them) goes through
//! [`nfc`] where it enters a comparison.
//!
//! macOS writes Hangul in NFD (decomposed jamo: `면접` as `ㅁㅕㄴㅈㅓㅂ`),
//! Windows and Linux in NFC; a note typed on one and searched on the other
//! must still match. Note text itself is never rewritten: positions and byte
//! spans always refer to the bytes on disk, and only the copies made for
//! comparing are normalised. Pure: no IO.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// NFC-normalises `s`, borrowing when it already is NFC (the common case,
/// checked without allocating).
pub fn nfc(s: &str) -> Cow<'_, str> {
    // Every note body passes here on its way into the index, so the common
    // text is let through by a tight test first: characters below U+0300
    // and precomposed Hangul syllables are NFC whatever follows them,
    // unless a combining mark or a trailing jamo does follow, which this
    // test does not let through either.
    if s.chars().all(|c| c < '\u{300}' || ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
        return Cow::Borrowed(s);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_hangul_becomes_nfc_and_nfc_is_borrowed() {
        let nfd = "\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}";
        assert_eq!(nfc(nfd), "면접");
        assert!(matches!(nfc("면접 Redis"), Cow::Borrowed(_)));
        assert_eq!(nfc(""), "");
        // A syllable followed by a trailing jamo composes: not let through.
        assert_eq!(nfc("\u{AC00}\u{11A8}"), "\u{AC01}");
        assert_eq!(nfc("e\u{301}"), "\u{E9}");
        assert_eq!(nfc("\u{212B}"), "\u{C5}", "a composition exclusion");
    }
}
