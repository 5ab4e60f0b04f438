//! hanji-syntax: the rules of Obsidian's note syntax, each written once.
//!
//! The engine (`hanji-core`), the reading view (`hanji-render`) and search
//! (`hanji-search`) all need to know where front matter ends, what a tag
//! is, how a heading becomes an anchor, where a line ends and what a link's
//! text names. When two of them answer such a question separately, they
//! drift apart, and the tag pane counts a tag the reading view does not show.
//! So every such rule lives here, and the others call it.
//!
//! Architecture Invariant: each syntax rule has one implementation, in this
//! crate. A second scanner for tags, a second front-matter fence or a second
//! heading normalisation anywhere else in the workspace is a bug.
//!
//! Architecture Invariant: pure. No IO, no global state, no dependency on the
//! vault, SQLite, the watcher or Tauri; every function is total (any string
//! gives an answer, nothing panics) and works on the bytes it is given,
//! whose positions refer to the text on disk.
//!
//! Modules: [`text`] (NFC), [`comment`] (`%% … %%` and the Markdown
//! parser's options), [`path`] (vault paths), [`lines`] (line breaks and
//! positions), [`frontmatter`] (the YAML block and the keys Obsidian reads),
//! [`heading`] (heading text, comparison keys and anchors), [`tag`] (tags and
//! their keys), [`inline`] (block ids, bare URLs, highlights), [`link`] (what
//! link text says: path, anchor, size), [`plain`] (a line as a reader sees
//! it, for snippets).

pub mod comment;
pub mod frontmatter;
pub mod heading;
pub mod inline;
pub mod lines;
pub mod link;
pub mod path;
pub mod plain;
pub mod tag;
pub mod text;
mod work;

pub use lines::{LineIndex, Pos};
pub use path::VaultPath;
pub use text::nfc;
