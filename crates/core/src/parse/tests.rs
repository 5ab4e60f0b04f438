//! Snapshot tests of the parser: each case is a small note and the parse
//! rendered as text, so a change in behaviour shows up as a readable diff.

use std::fmt::Write;

use super::*;

/// Renders a parse of `text` as one line per item, in a stable order.
fn render(text: &str, note: &ParsedNote) -> String {
    let mut out = String::new();
    if let Some(fm) = &note.front_matter {
        let _ = writeln!(
            out,
            "front matter: title={:?} aliases={:?} tags={:?}",
            fm.title, fm.aliases, fm.tags
        );
    }
    let _ = writeln!(out, "title: {:?}", note.title("file-stem"));
    for h in &note.headings {
        let _ = writeln!(out, "heading {}:{} h{} {:?}", h.pos.line, h.pos.col, h.level, h.text);
    }
    for t in &note.tags {
        let _ = writeln!(out, "tag {}:{} {:?} {:?}", t.pos.line, t.pos.col, t.source, t.name);
    }
    for b in &note.block_ids {
        let _ = writeln!(out, "block {}:{} {:?}", b.pos.line, b.pos.col, b.id);
    }
    for t in &note.tasks {
        let _ = writeln!(
            out,
            "task {}:{} done={} {:?}",
            t.pos.line,
            t.pos.col,
            t.done,
            &text[t.text.start as usize..t.text.end as usize]
        );
    }
    for l in &note.links {
        let _ = write!(
            out,
            "link {}:{} {:?}{} path={:?}",
            l.pos.line,
            l.pos.col,
            l.syntax,
            if l.embed { " embed" } else { "" },
            l.path
        );
        if let Some(a) = &l.anchor {
            let _ = write!(out, " anchor={a:?}");
        }
        if let Some(d) = &l.display {
            let _ = write!(out, " display={d:?}");
        }
        if let Some(s) = &l.size {
            let _ = write!(out, " size={}x{:?}", s.width, s.height);
        }
        out.push('\n');
    }
    for e in &note.external_links {
        let _ = writeln!(
            out,
            "external {}:{} {:?}{}",
            e.pos.line,
            e.pos.col,
            e.url,
            if e.embed { " embed" } else { "" }
        );
    }
    for d in &note.diagnostics {
        let _ =
            writeln!(out, "diagnostic {}:{} {:?}: {}", d.pos.line, d.pos.col, d.kind, d.message);
    }
    out
}

fn check(name: &str, input: &str) {
    let rendered = render(input, &parse_note(input));
    insta::with_settings!({ description => input, omit_expression => true }, {
        insta::assert_snapshot!(name, rendered);
    });
}

#[test]
fn wiki_link_forms() {
    check(
        "wiki_link_forms",
        "[[Note]] [[Note|별칭]] [[Note#Heading]] [[Note#H1#H2]]\n\
         [[#Local heading]] [[Note#^block-1]] [[folder/Note]] [[Note.md]]\n\
         [[a|b|c]] [[Note#^blk|alias]] [[면접 질문]]\n",
    );
}

#[test]
fn embeds_and_sizes() {
    check(
        "embeds_and_sizes",
        "![[img.png]]\n![[img.png|300]]\n![[img.png|640x480]]\n![[Note]]\n![[Note#Heading]]\n\
         ![[Pasted image 20250219180643.png]]\n![alt](Attachments/chart.png)\n![remote](https://example.com/x.png)\n",
    );
}

#[test]
fn markdown_links() {
    check(
        "markdown_links",
        "[t](Note.md) [t](Folder/My%20Note.md) [t](<My Note.md>) [t](Note.md#Some%20Heading)\n\
         [web](https://example.com/a#b) <https://auto.link> [mail](mailto:a@example.com) [empty]()\n\
         [rel](../up/Note.md) [한글](%ED%95%9C%EA%B8%80.md)\n",
    );
}

#[test]
fn links_in_tables_and_code() {
    check(
        "links_in_tables_and_code",
        "| a | b |\n|---|---|\n| [[Note\\|alias]] | [[Other]] |\n\n\
         `[[not a link]]` and ``[[nor this]]``\n\n```\n[[code block]] #notatag ^notablock\n```\n\n\
         para\n\n    [[indented code]]\n",
    );
}

#[test]
fn tags_everywhere() {
    check(
        "tags_everywhere",
        "---\ntags: [면접, interview/question]\n---\n# Heading #inheading\n\
         본문 #면접 과 #interview/behavioral, #career.\n\
         not#tag https://example.com/page#frag `#code` #123 #2024년\n\
         [[Note#Heading]] [link](https://x.io/#y)\n- item #할일\n",
    );
}

#[test]
fn front_matter_styles() {
    check(
        "front_matter_obsidian",
        "---\ntitle   : Developer\nsummary :\ndate    : 2020-04-08 22:40:39 +0100\ntags    : strong_base\naliases: 개발자\n---\n# H1 not the title\n",
    );
    check(
        "front_matter_jekyll",
        "---\npermalink: /career/\ntitle: \"커리어\"\nexcerpt: \"난 개발자이다.\"\ntoc: true\n---\n# Lcventures 2016.09 ~ 2019.09\n",
    );
    check("front_matter_tag_string", "---\ntags: \"#a, b c\"\nalias: [x, y]\n---\nbody\n");
}

#[test]
fn malformed_front_matter_keeps_body() {
    check(
        "front_matter_malformed",
        "---\ntitle: [unclosed\ntags: : :\n---\n# Real Title\n[[Link]] #tag\n",
    );
    check("front_matter_unclosed", "---\ntitle: x\n\n# Title\n[[Link]]\n");
    check("front_matter_not_mapping", "---\n- a\n- b\n---\nbody [[L]]\n");
    check("front_matter_midway_is_not", "text\n\n---\ntitle: x\n---\n");
}

#[test]
fn title_fallbacks() {
    check("title_from_h1", "intro\n\n# First H1\n\n# Second H1\n");
    check("title_from_file", "## only h2\n");
    check("title_setext", "Setext Title\n============\n\nbody\n");
}

#[test]
fn tasks_blocks_headings() {
    check(
        "tasks_blocks_headings",
        "## Process, Thread ##\n- [ ] 할 일 하나\n- [x] done [[Link]]\n  - [ ] nested\n\
         Paragraph with id ^para-1\n\n> quote\n\n^quote-id\n\n### memory management\n",
    );
}

#[test]
fn bom_and_crlf() {
    check("bom_and_crlf", "\u{feff}---\r\ntitle: BOM\r\n---\r\n# H\r\n[[Link]] #tag\r\n");
}

/// The parser must not panic on any input; these are the shapes most likely
/// to trip offset arithmetic, cut at every character boundary.
#[test]
fn never_panics_on_prefixes() {
    let tricky = "---\ntitle: \"x\n---\n# [[a#b|c]] #t ^i\n- [ ] [[x\\|y]] ![[p.png|1x]] [m](<a b.md#c>)\n\
                  ```\n[[q]]\n`` #x^ ^ \u{feff}[[]] ![[ ]] [[#]] [[#^]] 가#나 #다/ ^블록 ^ok\n| [[a\\|b]] |\n";
    for (i, _) in tricky.char_indices() {
        let _ = parse_note(&tricky[..i]);
        let _ = parse_note(&tricky[i..]);
    }
    let _ = parse_note("");
    let _ = parse_note("\u{feff}");
    let _ = parse_note(&"[[".repeat(10_000));
    let _ = parse_note(&"#".repeat(10_000));
}

/// Issue 13: what is inside a comment is not a link, tag or block id, and
/// everything after a comment keeps its position on disk.
#[test]
fn comments_hide_links_tags_and_blocks() {
    check(
        "comments_hide_links_tags_and_blocks",
        "before [[Shown]] %%[[Hidden]] #hidden%% after [[Also shown]] #shown\n\
         %%\nmulti-line [[Gone]] ^gone\n%%\n## Heading %%note%% end\n`%%code%%` [[Kept]] ^kept\n",
    );
    let text = "a %%x%% [[B|b]] %%[[C]]%%";
    let note = parse_note(text);
    let spans: Vec<&str> =
        note.links.iter().map(|l| &text[l.span.start as usize..l.span.end as usize]).collect();
    assert_eq!(spans, ["[[B|b]]"]);
}

/// Issue 13: a wiki-link written as a property value is a link, with its
/// bytes in the front matter as its span.
#[test]
fn property_links() {
    let text = "---\nrelated: \"[[Redis|레디스]]\"\nlist:\n  - '[[면접/이력서#경력]]'\ncover: \"![[c.png|300]]\"\n---\nbody [[Body]]\n";
    check("property_links", text);
    let note = parse_note(text);
    let spans: Vec<&str> =
        note.links.iter().map(|l| &text[l.span.start as usize..l.span.end as usize]).collect();
    assert_eq!(spans, ["[[Redis|레디스]]", "[[면접/이력서#경력]]", "![[c.png|300]]", "[[Body]]"]);
}
