//! Rendering tests, as data: each case is a note and the HTML (or a fragment
//! of it) it must give, against a small in-memory vault ([`stub`]).
//!
//! `check` compares the whole HTML; `check_has` and `check_lacks` look for a
//! fragment. Both drop the `rel="noopener noreferrer"` the sanitizer adds to
//! every link, which would otherwise drown the cases (`sanitize`'s own tests
//! show it).

use super::*;

/// A vault in memory: notes with their text, and attachments.
struct Stub {
    notes: Vec<(&'static str, &'static str)>,
    files: Vec<&'static str>,
}

fn stub() -> Stub {
    Stub {
        notes: vec![
            (
                "Note.md",
                "# Note\n\n## Heading\n\nIntro ^block-1\n\n### Sub heading\nsub text\n\n## Other\nother text\n",
            ),
            (
                "Folder/My Note.md",
                "---\ntags: [hidden]\n---\nMy note with #inner, [[./Sibling]] and [[#Local]]\n\n## Local\n",
            ),
            ("Folder/Sibling.md", "sibling"),
            ("Self.md", "self ![[Self]]"),
            ("Section.md", "## Part\n![[Section#Part]]"),
            ("A.md", "A has ![[B]]"),
            ("B.md", "B has ![[A]]"),
            ("D1.md", "d1 ![[D2]]"),
            ("D2.md", "d2 ![[D3]]"),
            ("D3.md", "d3 ![[D4]]"),
            ("D4.md", "d4 ![[D5]]"),
            ("D5.md", "d5"),
            ("Evil.md", "<script>alert(1)</script>\n\n</div></div><img src=x onerror=alert(1)>"),
        ],
        files: vec!["img/pic.png", "paper.pdf"],
    }
}

impl Context for Stub {
    /// Exact path or path suffix, `.md` optional for notes, `/` and `./`
    /// from the root (every test note sits at the root).
    fn resolve(&self, path: &str) -> Resolved {
        let p = path.trim_start_matches('/').trim_start_matches("./");
        let matches = |candidate: &str, note: bool| {
            let (c, p) = if note {
                (
                    candidate.strip_suffix(".md").unwrap_or(candidate),
                    p.strip_suffix(".md").unwrap_or(p),
                )
            } else {
                (candidate, p)
            };
            c == p || c.ends_with(&format!("/{p}"))
        };
        if let Some((n, _)) = self.notes.iter().find(|(n, _)| matches(n, true)) {
            return Resolved::Note { path: n.to_string() };
        }
        if let Some(f) = self.files.iter().find(|f| matches(f, false)) {
            return Resolved::Attachment { path: f.to_string() };
        }
        Resolved::Unresolved
    }

    /// The whole note, the line ending in `^id`, or a heading's section.
    fn embed_text(&self, vault_path: &str, anchor: Option<&str>) -> Option<String> {
        let text = self.notes.iter().find(|(n, _)| *n == vault_path)?.1;
        let Some(anchor) = anchor else { return Some(text.to_owned()) };
        if let Some(id) = anchor.strip_prefix('^') {
            return text.lines().find(|l| l.ends_with(&format!("^{id}"))).map(str::to_owned);
        }
        let want = heading_anchor(anchor.rsplit('#').next().unwrap_or(anchor));
        let mut out = String::new();
        let mut level = None;
        for line in text.lines() {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            let is_heading = hashes > 0 && line[hashes..].starts_with(' ');
            match level {
                None if is_heading && heading_anchor(&line[hashes..]) == want => {
                    level = Some(hashes)
                }
                Some(l) if is_heading && hashes <= l => break,
                _ => {}
            }
            if level.is_some() {
                out.push_str(line);
                out.push('\n');
            }
        }
        level.map(|_| out)
    }

    fn asset_url(&self, vault_path: &str) -> String {
        format!("vault://localhost/{}", vault_path.replace('/', "%2F"))
    }
}

fn html(input: &str) -> String {
    render_note(input, &stub()).html.replace(r#" rel="noopener noreferrer""#, "")
}

#[track_caller]
fn check(input: &str, expect: &str) {
    assert_eq!(html(input).trim(), expect.trim(), "rendering {input:?}");
}

#[track_caller]
fn check_has(input: &str, fragment: &str) {
    let got = html(input);
    assert!(
        got.contains(fragment),
        "rendering {input:?}\nexpected to contain {fragment}\ngot {got}"
    );
}

#[track_caller]
fn check_lacks(input: &str, fragment: &str) {
    let got = html(input);
    assert!(!got.contains(fragment), "rendering {input:?}\nexpected no {fragment}\ngot {got}");
}

#[test]
fn nothing_executable_survives() {
    check("<script>alert(1)</script>", "");
    check("<img src=x onerror=alert(1)>", "<img>");
    check("[x](javascript:alert(1))", r#"<p><a class="external-link">x</a></p>"#);
    check("[x](JavaScript:alert(1) \"t\")", r#"<p><a class="external-link" title="t">x</a></p>"#);
    check("![x](javascript:alert(1))", "<p>x</p>");
    check(r#"<a href="javascript:alert(1)" onclick="x()">a</a>"#, "<p><a>a</a></p>");
    check(r#"<p style="color:red">styled</p>"#, "<p>styled</p>");
    check("<iframe src=\"https://e.vil\"></iframe>\n\nafter", "<p>after</p>");
    check("<style>body{display:none}</style>\n\nafter", "<p>after</p>");
    check("[d](data:text/html;base64,PHNjcmlwdD4=)", r#"<p><a class="external-link">d</a></p>"#);
    check("[f](file:///etc/passwd)", r#"<p><a class="external-link">f</a></p>"#);
    check("<svg onload=alert(1)><circle/></svg>", "<p></p>");
    check(
        r#"<div class="callout evil" data-callout="x">raw</div>"#,
        r#"<div class="callout" data-callout="x">raw</div>"#,
    );
    // An embedded note's raw HTML is sanitized too, and cannot close the
    // wrapper around it.
    check(
        "![[Evil]]\n\nafter",
        "<div class=\"embed\" data-path=\"Evil.md\"><div class=\"embed-source\"><a class=\"internal-link\" data-path=\"Evil.md\">Evil</a></div>\n<img></div>\n<p>after</p>",
    );
    for input in
        ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"]
    {
        let got = html(input);
        for bad in ["<script", "onerror", "javascript:", "style="] {
            assert!(!got.contains(bad), "{input:?} gave {got:?}");
        }
    }
}

#[test]
fn wiki_links() {
    check(
        "[[Note]] [[Note|별칭]] [[Missing]] [[Missing#H|m]]",
        r#"<p><a class="internal-link" data-path="Note.md">Note</a> <a class="internal-link" data-path="Note.md">별칭</a> <a class="internal-link unresolved" data-target="Missing">Missing</a> <a class="internal-link unresolved" data-target="Missing" data-anchor="h">m</a></p>"#,
    );
    check_has(
        "[[Note#Heading]]",
        r#"<a class="internal-link" data-path="Note.md" data-anchor="heading">Note#Heading</a>"#,
    );
    check_has(
        "[[Note#Heading#Sub heading|alias]]",
        r#"<a class="internal-link" data-path="Note.md" data-anchor="sub-heading">alias</a>"#,
    );
    check_has(
        "[[#Local heading]]",
        r##"<a class="internal-link" data-path="" data-anchor="local-heading">#Local heading</a>"##,
    );
    check_has("[[Note#^Block-1]]", r#"data-path="Note.md" data-anchor="^block-1">"#);
    check_has("[[Folder/My Note]]", r#"data-path="Folder/My Note.md">Folder/My Note</a>"#);
    check_has("[[Note|]]", r#"data-path="Note.md">Note</a>"#);
    check_has("[[paper.pdf]]", r#"<a class="internal-link" data-path="paper.pdf">paper.pdf</a>"#);
    check_lacks("[[Note]] [[Missing]] [Note](Note.md)", "href");
}

#[test]
fn markdown_links() {
    check(
        "[Markdown](Note.md) [Encoded](Folder/My%20Note.md) [angle](<Folder/My Note.md#Local>) [here](#Other)",
        r#"<p><a class="internal-link" data-path="Note.md">Markdown</a> <a class="internal-link" data-path="Folder/My Note.md">Encoded</a> <a class="internal-link" data-path="Folder/My Note.md" data-anchor="local">angle</a> <a class="internal-link" data-path="" data-anchor="other">here</a></p>"#,
    );
    check_has(
        "[gone](Gone.md)",
        r#"<a class="internal-link unresolved" data-target="Gone.md">gone</a>"#,
    );
    check("[empty]()", "<p>empty</p>");
}

#[test]
fn external_links() {
    check(
        "[ext](https://example.net) <https://example.com> <a@b.c> see https://example.org/page#frag.",
        r##"<p><a class="external-link" href="https://example.net">ext</a> <a class="external-link" href="https://example.com">https://example.com</a> <a class="external-link" href="mailto:a@b.c">a@b.c</a> see <a class="external-link" href="https://example.org/page#frag">https://example.org/page#frag</a>.</p>"##,
    );
    check("[o](obsidian://open?vault=x)", r#"<p><a class="external-link">o</a></p>"#);
    // A URL inside link text is the link's text, not a second link.
    check_has("[https://a.b](https://a.b)", r#"href="https://a.b">https://a.b</a>"#);
}

#[test]
fn image_embeds() {
    check(
        "![[pic.png]]\n![[pic.png|300]]\n![[pic.png|640x480]]\n![alt text](img/pic.png)\n![alt|100](img/pic.png \"T\")\n![](https://e.org/x.png)",
        r#"
<p><img src="vault://localhost/img%2Fpic.png" alt="pic.png"><br>
<img src="vault://localhost/img%2Fpic.png" alt="pic.png" width="300"><br>
<img src="vault://localhost/img%2Fpic.png" alt="pic.png" width="640" height="480"><br>
<img src="vault://localhost/img%2Fpic.png" alt="alt text"><br>
<img src="vault://localhost/img%2Fpic.png" alt="alt" width="100" title="T"><br>
<a class="external-link remote-image" href="https://e.org/x.png">https://e.org/x.png</a></p>"#,
    );
    check(
        "![[paper.pdf]]",
        r#"<p><a class="internal-link" data-path="paper.pdf">paper.pdf</a></p>"#,
    );
    check(
        "![[missing.png]]",
        r#"<p><a class="internal-link unresolved" data-target="missing.png">missing.png</a></p>"#,
    );
    check_lacks("![[pic.png|300]]", "style");
}

#[test]
fn note_embeds() {
    check(
        "![[Note#Heading]]",
        r#"
<div class="embed" data-path="Note.md" data-anchor="heading"><div class="embed-source"><a class="internal-link" data-path="Note.md" data-anchor="heading">Note › Heading</a></div><h2>Heading</h2>
<p>Intro</p>
<h3>Sub heading</h3>
<p>sub text</p>
</div>"#,
    );
    check(
        "![[Note#^block-1]]",
        r#"<div class="embed" data-path="Note.md" data-anchor="^block-1"><div class="embed-source"><a class="internal-link" data-path="Note.md" data-anchor="^block-1">Note › ^block-1</a></div><p>Intro</p>
</div>"#,
    );
    // A whole note: its front matter is not shown, its headings get no ids
    // (they would clash with the page's), its tags are not the page's, and
    // its relative and same-note links are its own.
    let r = render_note("![[Folder/My Note]]", &stub());
    assert_eq!(
        r.html.replace(r#" rel="noopener noreferrer""#, ""),
        r##"<div class="embed" data-path="Folder/My Note.md"><div class="embed-source"><a class="internal-link" data-path="Folder/My Note.md">My Note</a></div><p>My note with <a class="tag" data-tag="inner">#inner</a>, <a class="internal-link" data-path="Folder/Sibling.md">./Sibling</a> and <a class="internal-link" data-path="Folder/My Note.md" data-anchor="local">#Local</a></p>
<h2>Local</h2>
</div>"##
    );
    assert_eq!(r.tags, Vec::<String>::new());
    assert_eq!(r.outline, vec![]);
    // In the middle of a paragraph, the paragraph is split around the embed.
    check(
        "before\n![[Folder/Sibling]]\nafter",
        r#"
<p>before</p>
<div class="embed" data-path="Folder/Sibling.md"><div class="embed-source"><a class="internal-link" data-path="Folder/Sibling.md">Sibling</a></div><p>sibling</p>
</div>
<p>after</p>"#,
    );
    check(
        "![[Missing]]",
        r#"<p><a class="internal-link unresolved" data-target="Missing">Missing</a></p>"#,
    );
    check(
        "![[Note#Nowhere]]",
        r#"<p><a class="internal-link" data-path="Note.md" data-anchor="nowhere">Note#Nowhere</a></p>"#,
    );
}

#[test]
fn embed_cycles_and_depth() {
    // The page embeds itself: recognised by its text, shown as a link.
    check("self ![[Self]]", r#"<p>self <a class="internal-link" data-path="Self.md">Self</a></p>"#);
    check(
        "## Part\n![[Section#Part]]",
        r#"<h2 id="N-part">Part</h2>
<p><a class="internal-link" data-path="Section.md" data-anchor="part">Section#Part</a></p>"#,
    );
    check(
        "![[#Local]]",
        r#"<p><a class="internal-link" data-path="" data-anchor="local">#Local</a></p>"#,
    );
    // A embeds B embeds A: the second A is a link.
    check(
        "![[A]]",
        r#"
<div class="embed" data-path="A.md"><div class="embed-source"><a class="internal-link" data-path="A.md">A</a></div><p>A has </p>
<div class="embed" data-path="B.md"><div class="embed-source"><a class="internal-link" data-path="B.md">B</a></div><p>B has <a class="internal-link" data-path="A.md">A</a></p>
</div></div>"#,
    );
    // At most three embeds deep.
    let got = html("![[D1]]");
    assert_eq!(got.matches(r#"<div class="embed""#).count(), 3, "{got}");
    assert!(got.contains(r#"d3 <a class="internal-link" data-path="D4.md">D4</a>"#), "{got}");
}

#[test]
fn callouts() {
    check(
        "> [!info]\n> body\n\n> [!WARNING]- Custom **title** #t\n> line one\n> line two\n\n> plain quote",
        r#"
<div class="callout" data-callout="info"><div class="callout-title">Info</div><div class="callout-content">
<p>body</p>
</div></div><div class="callout" data-callout="warning"><div class="callout-title">Custom <strong>title</strong> <a class="tag" data-tag="t">#t</a></div><div class="callout-content">
<p>line one<br>
line two</p>
</div></div>
<blockquote>
<p>plain quote</p>
</blockquote>"#,
    );
    check(
        "> [!note] Outer\n> > [!tip]\n> > inner\n> - item",
        r#"
<div class="callout" data-callout="note"><div class="callout-title">Outer</div><div class="callout-content"><div class="callout" data-callout="tip"><div class="callout-title">Tip</div><div class="callout-content">
<p>inner</p>
</div></div>
<ul>
<li>item</li>
</ul>
</div></div>"#,
    );
    check(
        "> [!note]",
        r#"<div class="callout" data-callout="note"><div class="callout-title">Note</div><div class="callout-content"></div></div>"#,
    );
    check(
        "> [!not a callout]\n> text",
        "<blockquote>\n<p>[!not a callout]<br>\ntext</p>\n</blockquote>",
    );
}

#[test]
fn tasks_and_tab_nested_lists() {
    check(
        "- [ ] todo\n- [x] done\n\t- [ ] nested with a tab\n\t\t- deeper\n\t\t\t1. deepest",
        r#"
<ul>
<li class="task-list-item"><input type="checkbox" disabled="">
todo</li>
<li class="task-list-item is-checked"><input type="checkbox" checked="" disabled="">
done
<ul>
<li class="task-list-item"><input type="checkbox" disabled="">
nested with a tab
<ul>
<li>deeper
<ol>
<li>deepest</li>
</ol>
</li>
</ul>
</li>
</ul>
</li>
</ul>"#,
    );
    check("3. three\n4. four", "<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>");
}

#[test]
fn tables() {
    check(
        "| a | b | c |\n|:--|:-:|--:|\n| 1 | [[Note\\|alias]] | #t |",
        r#"
<table><thead><tr><th align="left">a</th><th align="center">b</th><th align="right">c</th></tr></thead><tbody>
<tr><td align="left">1</td><td align="center"><a class="internal-link" data-path="Note.md">alias</a></td><td align="right"><a class="tag" data-tag="t">#t</a></td></tr>
</tbody></table>"#,
    );
}

#[test]
fn code() {
    check(
        "```rust\nfn main() { let t = \"#tag [[x]] ==y==\"; }\n```\n\n`#inline` and `[[x]]`",
        r##"
<pre><code class="language-rust">fn main() { let t = "#tag [[x]] ==y=="; }
</code></pre>
<p><code>#inline</code> and <code>[[x]]</code></p>"##,
    );
    check("```\nplain\n```", "<pre><code>plain\n</code></pre>");
    check("```c++ title\nx\n```", "<pre><code class=\"language-c++\">x\n</code></pre>");
    check("```\"><script>\nx\n```", "<pre><code>x\n</code></pre>");
}

#[test]
fn headings() {
    let r = render_note(
        "## 같이 일하고 싶은 개발자\n## Heading\n## Heading\n# Process, Thread: A **B**\n## ***\nSetext `code`\n---",
        &stub(),
    );
    assert_eq!(
        r.html,
        r#"<h2 id="N-같이-일하고-싶은-개발자">같이 일하고 싶은 개발자</h2>
<h2 id="N-heading">Heading</h2>
<h2 id="N-heading-1">Heading</h2>
<h1 id="N-process,-thread-a-b">Process, Thread: A <strong>B</strong></h1>
<h2>***</h2>
<h2 id="N-setext-code">Setext <code>code</code></h2>
"#
    );
    let outline: Vec<String> = r
        .outline
        .iter()
        .map(|o| format!("{} h{} {:?} #{}", o.line, o.level, o.text, o.anchor))
        .collect();
    assert_eq!(
        outline,
        [
            "1 h2 \"같이 일하고 싶은 개발자\" #같이-일하고-싶은-개발자",
            "2 h2 \"Heading\" #heading",
            "3 h2 \"Heading\" #heading-1",
            "4 h1 \"Process, Thread: A B\" #process,-thread-a-b",
            "5 h2 \"***\" #",
            "6 h2 \"Setext code\" #setext-code",
        ]
    );
}

#[test]
fn heading_anchors() {
    let cases = [
        ("같이 일하고 싶은 개발자", "같이-일하고-싶은-개발자"),
        ("Process, Thread", "process,-thread"),
        ("A: B", "a-b"),
        ("  [[-Resume]]  ", "resume"),
        ("a # b | c ^ d % e \\ f", "a-b-c-d-e-f"),
        ("**Bold** and `code`", "bold-and-code"),
        ("Read.me 작성", "read.me-작성"),
        ("Tab\tand\n newline", "tab-and-newline"),
        ("", ""),
        ("###", ""),
        // NFD Hangul (from a macOS file) gives the same anchor as NFC.
        ("\u{1106}\u{1167}\u{11ab}\u{110c}\u{1165}\u{11b8}", "면접"),
        ("ÉCOLE", "école"),
    ];
    for (heading, expect) in cases {
        assert_eq!(heading_anchor(heading), expect, "heading_anchor({heading:?})");
    }
}

#[test]
fn front_matter_and_tags() {
    let text = "---\ntitle: Hello\ntags: [a, B]\naliases:\n  - 홈\n  - Home\n---\n# Title #c and #b\ntext #면접 `#notatag` #1984 a#b #c\n```\n#nottag\n```\n";
    let r = render_note(text, &stub());
    assert_eq!(
        r.properties,
        [("title", "Hello"), ("tags", "a, B"), ("aliases", "홈, Home")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert_eq!(r.tags, ["a", "B", "c", "면접"]);
    assert!(!r.html.contains("Hello") && !r.html.contains("aliases"), "{}", r.html);
    assert_eq!(r.outline[0].line, 8);
    check_has(
        text,
        r#"<h1 id="N-title-c-and-b">Title <a class="tag" data-tag="c">#c</a> and <a class="tag" data-tag="b">#b</a></h1>"#,
    );
    check_has(text, "<code>#notatag</code> #1984 a#b <a");
    check_has(text, "<pre><code>#nottag\n</code></pre>");
    // Not front matter: a block that never closes, or one not at the top.
    check("---\ntitle: x", "<hr>\n<p>title: x</p>");
    check("text\n\n---\na: b\n---", "<p>text</p>\n<hr>\n<h2 id=\"N-a-b\">a: b</h2>");
    // Tags: escaped `\#`, inside links and after punctuation are not tags.
    check(
        "\\#no [[Note|#no]] (#no) #yes/nested/",
        r#"<p>#no <a class="internal-link" data-path="Note.md">#no</a> (#no) <a class="tag" data-tag="yes/nested">#yes/nested</a>/</p>"#,
    );
}

#[test]
fn block_ids() {
    check(
        "para with id ^abc-1\n\n- item one ^Item-1\n- item two\n\t- child\n- parent ^p1\n\t- child\n\nA table\n\n| a |\n|---|\n| b |\n\n^table-id\n\nmid ^not-end\nline",
        r#"
<p>para with id<span class="block-id" id="N-^abc-1"></span></p>
<ul>
<li>item one<span class="block-id" id="N-^item-1"></span></li>
<li>item two
<ul>
<li>child</li>
</ul>
</li>
<li>parent<span class="block-id" id="N-^p1"></span>
<ul>
<li>child</li>
</ul>
</li>
</ul>
<p>A table</p>
<table><thead><tr><th>a</th></tr></thead><tbody>
<tr><td>b</td></tr>
</tbody></table>
<span class="block-id" id="N-^table-id"></span>
<p>mid ^not-end<br>
line</p>"#,
    );
    check("`code` ^id", r#"<p><code>code</code><span class="block-id" id="N-^id"></span></p>"#);
    check("2^10", "<p>2^10</p>");
}

#[test]
fn comments_and_highlights() {
    let r = render_note(
        "a %%inline%% b\n%%\nblock\ncomment\n%%\n## After\n==marked== and x == y",
        &stub(),
    );
    assert_eq!(
        r.html,
        "<p>a  b</p>\n<h2 id=\"N-after\">After</h2>\n<p><mark>marked</mark> and x == y</p>\n"
    );
    assert_eq!(r.outline[0].line, 6);
    check("`%%not a comment%%`", "<p><code>%%not a comment%%</code></p>");
}

#[test]
fn other_markdown() {
    check("~~gone~~ *em* **strong**", "<p><del>gone</del> <em>em</em> <strong>strong</strong></p>");
    check("line one\nline two", "<p>line one<br>\nline two</p>");
    check(
        "a[^1]\n\n[^1]: note",
        r##"<p>a<sup class="footnote-reference"><a href="#N-1">1</a></sup></p>
<div class="footnote-definition" id="N-1"><sup class="footnote-definition-label">1</sup>
<p>note</p>
</div>"##,
    );
    check("$x^2$", r#"<p><span class="math math-inline">x^2</span></p>"#);
    check(
        "<details><summary>More</summary>\n\nhidden\n\n</details>",
        "<details><summary>More</summary>\n<p>hidden</p>\n</details>",
    );
}

#[test]
fn never_panics_on_garbage() {
    let deep_quote = "> ".repeat(2000) + "x";
    let deep_list: String = (0..500).map(|i| format!("{}- x\n", "\t".repeat(i))).collect();
    let deep_html = "<div>".repeat(3000);
    let cases = [
        "[[",
        "![[",
        "[[]]",
        "![[]]",
        "[[|]]",
        "![[|]]",
        "[[#]]",
        "[[#^]]",
        "![[#^]]",
        "[[a|b|c]]",
        "![[pic.png|x|300]]",
        "---",
        "---\n",
        "---\n---",
        "---\n: :\n---\n",
        "\u{feff}---\ntags: [\n---\n",
        "%%",
        "%%%",
        "==",
        "=====",
        "#",
        "# #",
        "^",
        " ^a",
        "> [!",
        "> [!]",
        "> [!a]",
        "> [!a]\n>\n> > [!b]",
        "| a |\n|---|\n| [[x\\|y]] |",
        "[x](<>)",
        "![x](<>)",
        "[x](%ZZ)",
        "[x](%FF.md)",
        "![[../../etc/passwd]]",
        "[[../../../x]]",
        "\u{0}\u{1}\u{7f}",
        "한\u{feff}글 #태그\u{200b}",
        "\r\n\r\n# h\r\n",
        &deep_quote,
        &deep_list,
        &deep_html,
    ];
    for case in cases {
        let r = render_note(case, &stub());
        assert!(!r.html.contains("<script"), "{case:?}");
    }
    // Every prefix of a note full of syntax, cut at every character.
    let rich = "---\ntags: [a]\n---\n# H ^x\n> [!info] T #t\n> ![[Note#Heading|x]] [[A|b]] ==m==\n- [ ] [x](Note.md) %%c%% ^id\n\t- ![[pic.png|3x4]]\n| a | b |\n|:-|-:|\n| [[Note\\|y]] | `c` |\n";
    for (i, _) in rich.char_indices() {
        render_note(&rich[..i], &stub());
        render_note(&rich[i..], &stub());
    }
}

/// A heading, or raw HTML, named like one of the app's own elements
/// (`search-input`, `file-tree`) used to give the note an element with that
/// very id, shadowing the app's for `getElementById`. Every id a note
/// brings is prefixed now, and in-page links follow.
#[test]
fn note_ids_cannot_shadow_the_apps() {
    let input = "# search-input\n\n<div id=\"file-tree\">x</div>\n\nsee[^1]\n\n[^1]: a note\n";
    let out = html(input);
    assert!(out.contains(r#"<h1 id="N-search-input">"#), "{out}");
    assert!(out.contains(r#"id="N-file-tree""#), "{out}");
    assert!(!out.contains(r#"id="search-input""#) && !out.contains(r#"id="file-tree""#), "{out}");
    assert!(out.contains(r##"href="#N-1""##) && out.contains(r#"id="N-1""#), "{out}");
}
