//! The UI's TypeScript types, generated from the DTOs (`dto.rs`) with
//! `ts-rs`: one committed file, `ui/src/bindings.ts`, holding every
//! declaration in a fixed order. A test renders it and compares it with the
//! committed copy, so a DTO that changes without the UI's types changing
//! fails `cargo test` (and CI); with `HANJI_WRITE_BINDINGS=1` the test
//! rewrites the file instead. Two more checks hold what ts-rs cannot see:
//! the `code` union of `ApiError` lists exactly the codes the shell's sources
//! pass to `ApiError::new`, and `ui/src/api.ts`'s `Commands` table names
//! exactly the commands `lib.rs` registers.
//!
//! Test-only: nothing here runs in the app, and it never writes anywhere but
//! `ui/src/bindings.ts`, and only when asked to.
#![cfg(test)]

use std::path::Path;

use ts_rs::{Config, TS};

use crate::dto::*;

/// The committed file, relative to the package root.
const FILE: &str = "ui/src/bindings.ts";

/// How to bring the file up to date; also in the file's header.
const REGENERATE: &str =
    "HANJI_WRITE_BINDINGS=1 cargo test --workspace --features hanji-app/custom-protocol bindings";

/// One exported declaration: its JSDoc, then `export type X = …;` with one
/// field a line.
fn declaration<T: TS + ?Sized>(cfg: &Config) -> String {
    let docs = T::docs().unwrap_or_default();
    format!("{docs}export {}\n", one_field_a_line(&T::decl(cfg)))
}

/// Every DTO, in the order they are read: errors, the vault, a note, its
/// links, tags, search, the switcher, then the events; last the renderer's
/// id prefix, which the UI strips from ids.
fn render() -> String {
    let cfg = Config::new();
    let declarations = [
        declaration::<ApiError>(&cfg),
        declaration::<VaultInfo>(&cfg),
        declaration::<TreeNode>(&cfg),
        declaration::<Property>(&cfg),
        declaration::<OutlineItem>(&cfg),
        declaration::<NoteView>(&cfg),
        declaration::<NoteSource>(&cfg),
        declaration::<SavedNote>(&cfg),
        declaration::<NoteAnchors>(&cfg),
        declaration::<AnchorHeading>(&cfg),
        declaration::<AnchorBlock>(&cfg),
        declaration::<Fragment>(&cfg),
        declaration::<NotePreview>(&cfg),
        declaration::<HotkeyView>(&cfg),
        declaration::<CommandHotkeys>(&cfg),
        declaration::<HotkeysView>(&cfg),
        declaration::<LinkTarget>(&cfg),
        declaration::<OperationArg>(&cfg),
        declaration::<PlanView>(&cfg),
        declaration::<PlanMove>(&cfg),
        declaration::<PlanNote>(&cfg),
        declaration::<UndoInfo>(&cfg),
        declaration::<CreatedNote>(&cfg),
        declaration::<DailyNoteView>(&cfg),
        declaration::<CalendarView>(&cfg),
        declaration::<CalendarWeek>(&cfg),
        declaration::<CalendarDay>(&cfg),
        declaration::<SettingView>(&cfg),
        declaration::<SettingOption>(&cfg),
        declaration::<SettingsView>(&cfg),
        declaration::<LinkTexts>(&cfg),
        declaration::<AttachmentSaved>(&cfg),
        declaration::<TemplateList>(&cfg),
        declaration::<TemplateInsertion>(&cfg),
        declaration::<TemplateEdit>(&cfg),
        declaration::<Mention>(&cfg),
        declaration::<LinkedPage>(&cfg),
        declaration::<OutgoingLink>(&cfg),
        declaration::<TagCount>(&cfg),
        declaration::<NoteRef>(&cfg),
        declaration::<TagNotes>(&cfg),
        declaration::<SearchHit>(&cfg),
        declaration::<SearchLine>(&cfg),
        declaration::<SearchResults>(&cfg),
        declaration::<SwitcherItem>(&cfg),
        declaration::<Progress>(&cfg),
        declaration::<VaultChanged>(&cfg),
        declaration::<GraphNode>(&cfg),
        declaration::<GraphEdge>(&cfg),
        declaration::<GraphDelta>(&cfg),
        declaration::<GraphData>(&cfg),
        declaration::<GraphViewDelta>(&cfg),
        declaration::<GraphUpdate>(&cfg),
        declaration::<GraphSettingsView>(&cfg),
        declaration::<ColorGroupView>(&cfg),
        declaration::<LocalGraphView>(&cfg),
        declaration::<GraphPositions>(&cfg),
        declaration::<TabPlacesView>(&cfg),
        declaration::<PaneTabsView>(&cfg),
        declaration::<LayoutNodeView>(&cfg),
        declaration::<WorkspaceView>(&cfg),
        declaration::<crate::rendering::Acceleration>(&cfg),
        declaration::<crate::rendering::Rendering>(&cfg),
        declaration::<crate::prefs::RenderingView>(&cfg),
        // Not a type, but the same kind of agreement: the renderer's id prefix.
        format!(
            "/**\n * The prefix the renderer puts before every id a note brings\n * \
             (`hanji_render::ID_PREFIX`), so no note can name an element of the app.\n \
             */\nexport const NOTE_ID_PREFIX = {};\n",
            serde_json::to_string(hanji_render::ID_PREFIX).expect("a string serialises")
        ),
        format!(
            "/**\n * The extensions (lower case) of the files shown as images\n * \
             (`hanji_render::IMAGE_EXTENSIONS`): embedded, and opened in the image viewer.\n \
             */\nexport const IMAGE_EXTENSIONS: readonly string[] = {};\n",
            serde_json::to_string(hanji_render::IMAGE_EXTENSIONS).expect("strings serialise")
        ),
    ];
    format!(
        "// Generated from the shell's DTOs (src-tauri/src/dto.rs) by src-tauri/src/bindings.rs:\n\
         // do not edit. After changing a DTO, regenerate with\n\
         //   {REGENERATE}\n\
         // Field names are snake_case, as serde sends them; an Option is `T | null`.\n\
         \n{}",
        declarations.join("\n")
    )
}

/// `type X = { a: A, b: B, };` (ts-rs writes a declaration on one line) as
/// one field a line, so that a changed field is one changed line in a diff.
/// Only the outermost braces are opened; JSDoc comments are copied whole,
/// whatever brackets or commas their text holds.
fn one_field_a_line(decl: &str) -> String {
    let mut out = String::with_capacity(decl.len() + 64);
    let mut depth = 0usize;
    let mut rest = decl;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/**") {
            let end = rest.find("*/").map_or(rest.len(), |i| i + 2);
            // A field's comment goes on lines of its own, indented.
            let indent = if depth == 1 { "  " } else { "" };
            for (i, line) in rest[..end].lines().enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(indent);
                    out.push(' ');
                }
                out.push_str(line.trim());
            }
            out.push('\n');
            out.push_str(indent);
            rest = rest[end..].trim_start();
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '{' | '[' | '(' | '<' => {
                depth += 1;
                out.push(c);
                if depth == 1 && c == '{' {
                    out.push_str("\n  ");
                    rest = rest.trim_start();
                }
            }
            '}' | ']' | ')' | '>' => {
                if depth == 1 && c == '}' {
                    out.truncate(out.trim_end().len());
                    out.push('\n');
                }
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            ',' if depth == 1 => {
                out.push_str(",\n  ");
                rest = rest.trim_start();
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn bindings_ts_is_generated_from_the_dtos() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(FILE);
    let want = render();
    if std::env::var_os("HANJI_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, &want).expect("write ui/src/bindings.ts");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        let first = have.lines().zip(want.lines()).position(|(a, b)| a != b);
        let line = first.unwrap_or_else(|| have.lines().count().min(want.lines().count()));
        panic!(
            "{FILE} is not what the DTOs in src-tauri/src/dto.rs generate (first \
             difference at line {}: committed {:?}, generated {:?}).\nRegenerate it \
             with:\n  {REGENERATE}\nthen commit it with the DTO change.",
            line + 1,
            have.lines().nth(line).unwrap_or("<end of file>"),
            want.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}

/// The quoted words of `text` (`"a" | "b"` gives a, b).
fn quoted(text: &str) -> Vec<&str> {
    text.split('"').skip(1).step_by(2).collect()
}

#[test]
fn bindings_list_every_error_code_the_shell_sends() {
    let decl = ApiError::decl(&Config::new());
    let field = decl.split("code: ").nth(1).and_then(|t| t.split(", message").next());
    let mut declared = quoted(field.expect("ApiError has a code field"));
    declared.sort_unstable();
    // Every code is passed to `ApiError::new` as a literal (dto.rs keeps
    // its conversions that way too), in one of the shell's sources (this
    // file, which only names the call, aside).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src");
    let mut used = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("src-tauri/src") {
        let path = entry.expect("a source file").path();
        if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("bindings.rs") {
            let text = std::fs::read_to_string(&path).expect("a source file");
            // The literal may sit on the next line, as rustfmt puts it in a
            // long call; a call with a variable code is not counted.
            for call in text.split("ApiError::new(").skip(1) {
                let literal = call.trim_start().strip_prefix('"').and_then(|l| l.split_once('"'));
                if let Some((code, _)) = literal {
                    used.push(code.to_owned());
                }
            }
        }
    }
    used.sort_unstable();
    used.dedup();
    assert_eq!(
        declared, used,
        "the `code` union of ApiError (dto.rs) must list exactly the codes passed to \
         ApiError::new in src-tauri/src"
    );
}

#[test]
fn bindings_keep_comments_whole_and_put_one_field_a_line() {
    let got = one_field_a_line(
        "type A = { /**\n * x, {y}\n */\nb: Array<[number, number]>, c: \"p\" | \"q\", };",
    );
    assert_eq!(
        got,
        "type A = {\n  /**\n   * x, {y}\n   */\n  b: Array<[number, number]>,\n  c: \"p\" | \"q\",\n};"
    );
}

/// The names of `ui/src/api.ts`'s `Commands` table, which types every call
/// the UI makes and every answer of the tests' fake shell.
fn commands_in_api_ts() -> Vec<String> {
    let api = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api.ts"))
        .expect("ui/src/api.ts");
    let table = api.split("export interface Commands {").nth(1).and_then(|t| t.split("\n}").next());
    let table = table.expect("api.ts declares `export interface Commands { … }`");
    table
        .lines()
        .filter_map(|l| l.strip_prefix("  ")?.split_once(": {").map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn bindings_api_ts_names_every_registered_command() {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/lib.rs"))
            .expect("src-tauri/src/lib.rs");
    let handler = lib.split("generate_handler![").nth(1).and_then(|r| r.split(']').next());
    let mut registered: Vec<String> = handler
        .expect("lib.rs registers its commands with generate_handler!")
        .split(',')
        .filter_map(|c| c.trim().rsplit("::").next().filter(|n| !n.is_empty()).map(str::to_owned))
        .collect();
    registered.sort_unstable();
    let mut typed = commands_in_api_ts();
    typed.sort_unstable();
    assert_eq!(
        typed, registered,
        "ui/src/api.ts's `Commands` table must name exactly the commands src-tauri/src/lib.rs \
         registers (with the answer type each returns)"
    );
}
