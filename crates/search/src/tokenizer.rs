//! The tokenizer that makes Korean searchable: Hangul (and other CJK) runs
//! become overlapping bigrams, everything else becomes lower-cased words.
//!
//! Korean attaches particles to words (`쿠버네티스를`, `쿠버네티스는`), so a
//! whitespace tokenizer never finds `쿠버네티스` in them, and trigrams miss
//! two-syllable words like `면접`. Bigrams with increasing positions do both:
//! `쿠버네티스` is the phrase `쿠버 버네 네티 티스`, which occurs inside
//! `쿠버네티스를`'s `쿠버 버네 네티 티스 스를`. A one-syllable run is a
//! unigram. Positions increase by one per token, so phrase queries are real
//! phrases. Pure: no IO; the token's text buffer is reused, never allocated
//! per token.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the tokenizer is registered under in the index.
pub const NAME: &str = "hanji";

/// Longest word indexed as written, in bytes. A longer one (an identifier,
/// base64, a URL fragment) becomes its first bytes up to this length, then
/// [`LONG_WORD_MARK`] and a hash of the whole word: bounded in size, still
/// found exactly by a query for the whole word (the query is tokenized the
/// same way), and never equal to an ordinary token.
pub const MAX_WORD_BYTES: usize = 64;

/// Separates a long word's kept bytes from its hash; never part of a word.
pub const LONG_WORD_MARK: char = '~';

/// True for the token of a word longer than [`MAX_WORD_BYTES`], which a
/// prefix longer than its kept bytes cannot be matched against.
pub fn is_long_word(token: &str) -> bool {
    token.contains(LONG_WORD_MARK)
}

/// True for scripts written without spaces between morphemes, which get
/// bigrams: Hangul syllables and jamo, CJK ideographs, kana.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{AC00}'..='\u{D7A3}'   // Hangul syllables
        | '\u{1100}'..='\u{11FF}' // Hangul jamo
        | '\u{3130}'..='\u{318F}' // Hangul compatibility jamo
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
    )
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[derive(Clone, Default)]
pub struct HanjiTokenizer {
    token: Token,
    /// The text being tokenized, when it had to be brought to NFC first.
    normalised: String,
}

pub struct HanjiTokenStream<'a> {
    text: &'a str,
    /// Byte offset where scanning continues.
    cursor: usize,
    /// Inside a CJK run: the byte offset of the previous character, whose
    /// bigram with the next character is the next token.
    cjk_prev: Option<usize>,
    token: &'a mut Token,
}

impl Tokenizer for HanjiTokenizer {
    type TokenStream<'a> = HanjiTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> HanjiTokenStream<'a> {
        self.token.reset();
        // Notes, titles and queries all pass here: tokens are NFC whatever
        // the text was written in (macOS writes Hangul as NFD jamo), so an
        // NFD note is found by an NFC query and the other way round.
        let text: &'a str = match hanji_syntax::nfc(text) {
            std::borrow::Cow::Borrowed(t) => t,
            std::borrow::Cow::Owned(t) => {
                self.normalised = t;
                &self.normalised
            }
        };
        HanjiTokenStream { text, cursor: 0, cjk_prev: None, token: &mut self.token }
    }
}

impl HanjiTokenStream<'_> {
    fn emit(&mut self, from: usize, to: usize, lowercase: bool) {
        let t = &mut *self.token;
        t.offset_from = from;
        t.offset_to = to;
        t.position = t.position.wrapping_add(1);
        t.position_length = 1;
        t.text.clear();
        let s = &self.text[from..to];
        if lowercase && s.bytes().any(|b| !b.is_ascii_lowercase()) {
            for c in s.chars() {
                t.text.extend(c.to_lowercase());
            }
        } else {
            t.text.push_str(s);
        }
        if t.text.len() > MAX_WORD_BYTES {
            shorten_long_word(&mut t.text);
        }
    }

    /// Continues a CJK run: the bigram of the previous and the current
    /// character, if the current one is still CJK.
    fn next_bigram(&mut self) -> bool {
        let Some(prev) = self.cjk_prev else { return false };
        let mut chars = self.text[self.cursor..].chars();
        match chars.next() {
            Some(c) if is_cjk(c) => {
                let end = self.cursor + c.len_utf8();
                self.emit(prev, end, false);
                self.cjk_prev = Some(self.cursor);
                self.cursor = end;
                true
            }
            _ => {
                self.cjk_prev = None;
                false
            }
        }
    }
}

impl TokenStream for HanjiTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next_bigram() {
            return true;
        }
        // Skip to the next word character.
        let rest = &self.text[self.cursor..];
        let Some((skip, first)) = rest.char_indices().find(|&(_, c)| is_word_char(c)) else {
            self.cursor = self.text.len();
            return false;
        };
        let start = self.cursor + skip;
        if is_cjk(first) {
            let second_at = start + first.len_utf8();
            match self.text[second_at..].chars().next() {
                Some(c) if is_cjk(c) => {
                    let end = second_at + c.len_utf8();
                    self.emit(start, end, false);
                    self.cjk_prev = Some(second_at);
                    self.cursor = end;
                }
                _ => {
                    // A one-syllable run (`책`, or a particle after Latin
                    // text as in `Redis를`) is a unigram.
                    self.emit(start, second_at, false);
                    self.cursor = second_at;
                }
            }
            return true;
        }
        // A non-CJK word ends at a non-word character or where CJK begins.
        let len: usize = self.text[start..]
            .chars()
            .take_while(|&c| is_word_char(c) && !is_cjk(c))
            .map(char::len_utf8)
            .sum();
        let end = start + len;
        self.cursor = end;
        self.emit(start, end, true);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Cuts `word` to at most [`MAX_WORD_BYTES`] (on a character boundary) and
/// appends the mark and a 64-bit FNV-1a hash of the whole word, in hex: the
/// same word always gives the same token, in every version that keeps this
/// function (the schema version names it).
fn shorten_long_word(word: &mut String) {
    let hash = word.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let mut cut = MAX_WORD_BYTES;
    while !word.is_char_boundary(cut) {
        cut -= 1;
    }
    word.truncate(cut);
    word.push(LONG_WORD_MARK);
    for shift in (0..16).rev() {
        let digit = ((hash >> (shift * 4)) & 0xf) as u8;
        word.push(char::from(if digit < 10 { b'0' + digit } else { b'a' + digit - 10 }));
    }
}

/// The tokens of `text`, as owned strings (for queries and tests, not for
/// indexing).
pub fn tokens(text: &str) -> Vec<String> {
    let mut tokenizer = HanjiTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[&str]) {
        assert_eq!(tokens(text), expect, "tokens of {text:?}");
    }

    #[test]
    fn korean_becomes_bigrams() {
        check("쿠버네티스를", &["쿠버", "버네", "네티", "티스", "스를"]);
        check("면접", &["면접"]);
        check("책", &["책"]);
        check("이력서를 썼다", &["이력", "력서", "서를", "썼다"]);
    }

    #[test]
    fn latin_is_lowercased_words() {
        check("Redis 클러스터를", &["redis", "클러", "러스", "스터", "터를"]);
        check("Kubernetes, k8s & GKE!", &["kubernetes", "k8s", "gke"]);
        check("Redis를", &["redis", "를"]);
        check("snake_case v1.2", &["snake", "case", "v1", "2"]);
        check("ÉCOLE Straße", &["école", "straße"]);
    }

    #[test]
    fn edge_cases() {
        check("", &[]);
        check("  ,.;  ", &[]);
        check("가", &["가"]);
        check("가 나", &["가", "나"]);
        check("日本語です", &["日本", "本語", "語で", "です"]);
    }

    #[test]
    fn long_words_are_cut_and_hashed() {
        let long = "a".repeat(200);
        let token = &tokens(&long)[0];
        assert_eq!(token.len(), MAX_WORD_BYTES + 1 + 16);
        assert!(token.starts_with(&"a".repeat(MAX_WORD_BYTES)) && is_long_word(token));
        // Same word, any case: same token; one letter more: another.
        assert_eq!(&tokens(&long.to_uppercase()), std::slice::from_ref(token));
        assert_ne!(&tokens(&format!("{long}a")), std::slice::from_ref(token));
        let exactly = "b".repeat(MAX_WORD_BYTES);
        check(&exactly, &[exactly.as_str()]);
        // A cut that would split a character stays on a boundary.
        let accented = format!("{}é{}", "x".repeat(MAX_WORD_BYTES - 1), "y".repeat(10));
        let t = &tokens(&accented)[0];
        assert!(t.starts_with(&"x".repeat(MAX_WORD_BYTES - 1)) && !t.contains('é'), "{t}");
        check(&format!("word {long} 면접"), &["word", token.as_str(), "면접"]);
    }

    #[test]
    fn positions_increase_and_offsets_point_at_the_text() {
        let text = "Redis 쿠버네티스를 배포";
        let mut tokenizer = HanjiTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            assert_eq!(t.text, text[t.offset_from..t.offset_to].to_lowercase());
            seen.push(t.position);
        }
        assert_eq!(seen, (0..seen.len()).collect::<Vec<_>>());
    }
}
