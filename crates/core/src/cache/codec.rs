//! A compact binary encoding of [`ParsedNote`] for the metadata cache.
//!
//! Hand-written rather than derived: core types carry no serde, and the
//! format is versioned with the cache schema. Pure: bytes in, bytes out.
//! Decoding never panics; malformed bytes give `None` and the cache treats the
//! row as missing (the note is parsed again).

use crate::parse::{
    Anchor, BlockId, ExternalLink, FrontMatter, Heading, ImageSize, Link, LinkSyntax,
    ParseDiagnostic, ParseDiagnosticKind, ParsedNote, Pos, TagSource, TagUse, Task,
};

struct Writer(Vec<u8>);

impl Writer {
    fn u(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn s(&mut self, s: &str) {
        self.u(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_s(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.u(1);
                self.s(s);
            }
            None => self.u(0),
        }
    }
    fn pos(&mut self, p: Pos) {
        self.u(p.line.into());
        self.u(p.col.into());
    }
    fn strings(&mut self, v: &[String]) {
        self.u(v.len() as u64);
        v.iter().for_each(|s| self.s(s));
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn u(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.u()?).ok()
    }
    fn len(&mut self) -> Option<usize> {
        // A length can never exceed the bytes left: guards allocations.
        let n = usize::try_from(self.u()?).ok()?;
        (n <= self.0.len()).then_some(n)
    }
    fn s(&mut self) -> Option<&'a str> {
        let n = self.len()?;
        let (bytes, rest) = self.0.split_at(n);
        self.0 = rest;
        std::str::from_utf8(bytes).ok()
    }
    fn opt_s(&mut self) -> Option<Option<&'a str>> {
        match self.u()? {
            0 => Some(None),
            1 => Some(Some(self.s()?)),
            _ => None,
        }
    }
    fn pos(&mut self) -> Option<Pos> {
        Some(Pos { line: self.u32()?, col: self.u32()? })
    }
    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.s().map(str::to_owned)).collect()
    }
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(item(self)?);
        }
        Some(out)
    }
}

pub fn encode(note: &ParsedNote) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(256));
    match &note.front_matter {
        Some(fm) => {
            w.u(1);
            w.opt_s(fm.title.as_deref());
            w.strings(&fm.aliases);
            w.strings(&fm.tags);
        }
        None => w.u(0),
    }
    w.opt_s(note.first_h1.as_deref());
    w.u(note.headings.len() as u64);
    for h in &note.headings {
        w.u(h.level.into());
        w.s(&h.text);
        w.pos(h.pos);
    }
    w.u(note.tags.len() as u64);
    for t in &note.tags {
        w.s(&t.name);
        w.u(match t.source {
            TagSource::FrontMatter => 0,
            TagSource::Inline => 1,
        });
        w.pos(t.pos);
    }
    w.u(note.block_ids.len() as u64);
    for b in &note.block_ids {
        w.s(&b.id);
        w.pos(b.pos);
    }
    w.u(note.tasks.len() as u64);
    for t in &note.tasks {
        w.u(t.done.into());
        w.u(t.text.start.into());
        w.u(t.text.end.into());
        w.pos(t.pos);
    }
    w.u(note.links.len() as u64);
    for l in &note.links {
        w.u(match l.syntax {
            LinkSyntax::Wiki => 0,
            LinkSyntax::Markdown => 1,
        });
        w.u(l.embed.into());
        w.s(&l.path);
        match l.anchor.as_deref() {
            None => w.u(0),
            Some(Anchor::Heading(hs)) => {
                w.u(1);
                w.strings(hs);
            }
            Some(Anchor::Block(id)) => {
                w.u(2);
                w.s(id);
            }
        }
        w.opt_s(l.display.as_deref());
        match l.size {
            None => w.u(0),
            Some(ImageSize { width, height }) => {
                w.u(1);
                w.u(width.into());
                w.u(height.map_or(0, |h| u64::from(h) + 1));
            }
        }
        w.pos(l.pos);
        w.u(l.span.start.into());
        w.u(l.span.end.into());
    }
    w.u(note.external_links.len() as u64);
    for e in &note.external_links {
        w.s(&e.url);
        w.u(e.embed.into());
        w.pos(e.pos);
    }
    w.u(note.diagnostics.len() as u64);
    for d in &note.diagnostics {
        w.u(match d.kind {
            ParseDiagnosticKind::MalformedFrontMatter => 0,
            ParseDiagnosticKind::UnclosedFrontMatter => 1,
        });
        w.pos(d.pos);
        w.s(&d.message);
    }
    w.0
}

/// A note's resolved link, as stored: what kind of target, the anchor check
/// and tie count, and the target's vault path (empty for an unresolved link,
/// whose ghost is found again from the link text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredTarget<'a> {
    pub kind: u8,
    pub anchor: u8,
    pub candidates: u32,
    pub path: &'a str,
}

/// Encodes the resolved targets of one note's links, in link order.
pub fn encode_targets<'a>(targets: impl IntoIterator<Item = StoredTarget<'a>>) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64));
    let targets: Vec<StoredTarget<'a>> = targets.into_iter().collect();
    w.u(targets.len() as u64);
    for t in targets {
        w.u(t.kind.into());
        w.u(t.anchor.into());
        w.u(t.candidates.into());
        w.s(t.path);
    }
    w.0
}

/// Decodes [`encode_targets`]' bytes; `None` if they are malformed.
pub fn decode_targets(bytes: &[u8]) -> Option<Vec<StoredTarget<'_>>> {
    let mut r = Reader(bytes);
    let out = r.list(|r| {
        Some(StoredTarget {
            kind: u8::try_from(r.u()?).ok()?,
            anchor: u8::try_from(r.u()?).ok()?,
            candidates: r.u32()?,
            path: r.s()?,
        })
    })?;
    r.0.is_empty().then_some(out)
}

pub fn decode(bytes: &[u8]) -> Option<ParsedNote> {
    let mut r = Reader(bytes);
    let front_matter = match r.u()? {
        0 => None,
        1 => Some(FrontMatter {
            title: r.opt_s()?.map(str::to_owned),
            aliases: r.strings()?,
            tags: r.strings()?,
        }),
        _ => return None,
    };
    let first_h1 = r.opt_s()?.map(str::to_owned);
    let headings = r.list(|r| {
        Some(Heading { level: u8::try_from(r.u()?).ok()?, text: r.s()?.into(), pos: r.pos()? })
    })?;
    let tags = r.list(|r| {
        let name = r.s()?.into();
        let source = match r.u()? {
            0 => TagSource::FrontMatter,
            1 => TagSource::Inline,
            _ => return None,
        };
        Some(TagUse { name, source, pos: r.pos()? })
    })?;
    let block_ids = r.list(|r| Some(BlockId { id: r.s()?.into(), pos: r.pos()? }))?;
    let tasks = r.list(|r| {
        let done = r.u()? != 0;
        let text = r.u32()?..r.u32()?;
        Some(Task { done, text, pos: r.pos()? })
    })?;
    let links = r.list(|r| {
        let syntax = match r.u()? {
            0 => LinkSyntax::Wiki,
            1 => LinkSyntax::Markdown,
            _ => return None,
        };
        let embed = r.u()? != 0;
        let path = r.s()?.into();
        let anchor = match r.u()? {
            0 => None,
            1 => Some(Box::new(Anchor::Heading(r.strings()?))),
            2 => Some(Box::new(Anchor::Block(r.s()?.to_owned()))),
            _ => return None,
        };
        let display = r.opt_s()?.map(Into::into);
        let size = match r.u()? {
            0 => None,
            1 => {
                let width = r.u32()?;
                let height = match r.u()? {
                    0 => None,
                    h => Some(u32::try_from(h - 1).ok()?),
                };
                Some(ImageSize { width, height })
            }
            _ => return None,
        };
        let pos = r.pos()?;
        let span = r.u32()?..r.u32()?;
        Some(Link { syntax, embed, path, anchor, display, size, pos, span })
    })?;
    let external_links =
        r.list(|r| Some(ExternalLink { url: r.s()?.into(), embed: r.u()? != 0, pos: r.pos()? }))?;
    let diagnostics = r.list(|r| {
        let kind = match r.u()? {
            0 => ParseDiagnosticKind::MalformedFrontMatter,
            1 => ParseDiagnosticKind::UnclosedFrontMatter,
            _ => return None,
        };
        Some(ParseDiagnostic { kind, pos: r.pos()?, message: r.s()?.to_owned() })
    })?;
    if !r.0.is_empty() {
        return None;
    }
    Some(ParsedNote {
        front_matter,
        first_h1,
        headings,
        tags,
        block_ids,
        tasks,
        links,
        external_links,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_note;

    #[test]
    fn round_trips_every_fixture_note() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/testdata");
        let mut checked = 0;
        let mut stack =
            vec![root, std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vault-sample")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("fixture folder").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "md") {
                    let text =
                        String::from_utf8_lossy(&std::fs::read(&p).expect("readable")).into_owned();
                    let parsed = parse_note(&text);
                    let bytes = encode(&parsed);
                    assert_eq!(decode(&bytes).as_ref(), Some(&parsed), "{}", p.display());
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "{checked} notes");
    }

    #[test]
    fn malformed_bytes_decode_to_none() {
        let parsed =
            parse_note("---\ntags: [a]\n---\n# T\n[[L#H|x]] ![[i.png|3x4]] #t ^b\n- [ ] task\n");
        let bytes = encode(&parsed);
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "truncated at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        assert_eq!(decode(&[0xff; 64]), None);
    }

    #[test]
    fn targets_round_trip_and_reject_garbage() {
        let targets = [
            StoredTarget { kind: 0, anchor: 2, candidates: 1, path: "면접/쿠버네티스.md" },
            StoredTarget { kind: 2, anchor: 0, candidates: 0, path: "" },
        ];
        let bytes = encode_targets(targets);
        assert_eq!(decode_targets(&bytes).as_deref(), Some(&targets[..]));
        for cut in 0..bytes.len() {
            assert_eq!(decode_targets(&bytes[..cut]), None, "truncated at {cut}");
        }
        assert_eq!(decode_targets(&[0xff; 16]), None);
    }
}
