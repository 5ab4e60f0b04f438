//! The `hanji` command: the vault engine, headless.
//!
//! This binary is glue: it parses arguments, calls `hanji-core`, and prints
//! the result as text or as JSON (the shapes are in `dto.rs` and documented in
//! README.md). It holds no vault logic of its own. Errors go to stderr with a
//! non-zero exit status.

mod dto;
mod output;

/// jemalloc instead of glibc's allocator: glibc keeps one arena per thread
/// and does not hand their freed pages back, so a `hanji watch` that has
/// indexed a few changes stayed about 25 MB larger for good (10k notes);
/// with jemalloc it returns to within a few MB of its size after opening, and
/// loading is faster (many small allocations, freed on other threads).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use hanji_core::cache::{Cache, CacheError};
use hanji_core::ops::Operation;
use hanji_core::path::VaultPath;
use hanji_core::{Vault, VaultError};
use hanji_live::{Expected, LiveError, LiveSession, SaveError, Session, WriteError};
use hanji_search::SearchError;

/// Anything a command can fail with; printed as `hanji: error: …`.
#[derive(Debug, thiserror::Error)]
enum Error {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Search(#[from] SearchError),
    #[error(transparent)]
    Cache(#[from] CacheError),
    #[error(transparent)]
    Live(#[from] LiveError),
    #[error("no cache directory: set XDG_CACHE_HOME or HOME, or pass --cache-dir or --no-cache")]
    NoCacheDir,
    #[error("the vault folder {path} is gone; stopped watching")]
    VaultGone { path: PathBuf },
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("cannot read the text to save from standard input: {source}")]
    Stdin { source: std::io::Error },
    #[error("{hash:?} is not a content hash (16 hexadecimal digits)")]
    BadHash { hash: String },
    #[error("{path:?} is not a path inside the vault")]
    NotAVaultPath { path: String },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{date:?} is not a date (YYYY-MM-DD)")]
    BadDate { date: String },
    #[error(transparent)]
    NewNote(#[from] hanji_live::NewNoteError),
}

/// A content hash as printed: 16 hexadecimal digits.
fn parse_hash(s: &str) -> Result<u64, Error> {
    u64::from_str_radix(s.trim(), 16).map_err(|_| Error::BadHash { hash: s.to_owned() })
}

/// Exit status of a save (or a file operation, or an undo) refused because
/// a note changed on disk.
const CONFLICT: u8 = 3;

#[derive(Parser)]
#[command(
    name = "hanji",
    version,
    about = "Query an Obsidian-compatible vault from the command line"
)]
struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Where the metadata cache and search index live (default: the OS cache
    /// directory for the vault, e.g. ~/.cache/hanji/<vault>-<hash>).
    #[arg(long, global = true, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Use no cache: read every note, and search with a throwaway index.
    #[arg(long, global = true, conflicts_with = "cache_dir")]
    no_cache: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Count notes, attachments and links, and list every problem found.
    Check { vault: PathBuf },
    /// Notes that link to NOTE, with the line of each link.
    Backlinks { vault: PathBuf, note: String },
    /// Links going out of NOTE and what each resolves to.
    Links { vault: PathBuf, note: String },
    /// Every tag with its counts, nested tags under their parents.
    Tags { vault: PathBuf },
    /// Notes carrying TAG or a tag nested under it.
    Tag { vault: PathBuf, tag: String },
    /// The link graph, or the neighbourhood of one note.
    Graph {
        vault: PathBuf,
        /// Only the notes within --depth links of this note.
        #[arg(long)]
        local: Option<String>,
        #[arg(long, default_value_t = 1, requires = "local")]
        depth: u32,
        #[arg(long, value_enum, default_value_t = GraphFormat::Json)]
        format: GraphFormat,
        /// As the app's graph view shows it: `.obsidian/graph.json`'s query,
        /// filters and colour groups applied, excluded files left out; each
        /// node with its degree and group (JSON only; with --local, links
        /// both ways and among neighbours).
        #[arg(long)]
        view: bool,
    },
    /// Notes with no links in or out.
    Orphans { vault: PathBuf },
    /// Plain-text mentions of NOTE's title or aliases that are not links.
    Unlinked { vault: PathBuf, note: String },
    /// Full-text search: words (all must match), "phrases", -exclude, a OR b,
    /// tag:, path:, title:, file:, prefix*.
    Search {
        vault: PathBuf,
        /// May start with `-` (`-draft 면접` excludes `draft`).
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// How many results to print; 0 means all.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Save the text on standard input as the note at PATH (a vault path,
    /// `Folder/Note.md`), atomically, and only over the content whose hash
    /// --expect gives (as printed by `hash` or an earlier `save`), or as a
    /// new note with --new; otherwise nothing is written and the exit
    /// status is 3. Prints the new content's hash.
    Save {
        vault: PathBuf,
        path: String,
        /// The hash of the content the text replaces.
        #[arg(long, value_name = "HASH", conflicts_with = "new", required_unless_present = "new")]
        expect: Option<String>,
        /// The note is new: refuse if the file exists.
        #[arg(long)]
        new: bool,
    },
    /// Print the content hash of the note at PATH (what `save --expect`
    /// takes), or nothing if there is no file.
    Hash { vault: PathBuf, path: String },
    /// Rename or move the note, attachment or folder at FROM to TO (vault
    /// paths; `.md` may be left out for a note), rewriting every link to it
    /// so each still leads where it led. All-or-nothing; prints the plan.
    Mv {
        vault: PathBuf,
        from: String,
        to: String,
        /// Print the plan and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Delete the note, attachment or folder at PATH: into the vault's
    /// `.trash/` (or as `trashOption` in `.obsidian/app.json` says). Links
    /// to it are left as they are, unresolved.
    Rm {
        vault: PathBuf,
        path: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Rename the heading OLD of the note at PATH to NEW, and every link
    /// that points at it (`[[Note#OLD]]`, `[[#OLD]]`, `[t](Note.md#OLD)`).
    Heading {
        vault: PathBuf,
        path: String,
        old: String,
        new: String,
        #[arg(long)]
        dry_run: bool,
    },
    /// Create (if needed) the daily note of a day and print its path: in the
    /// folder, with the name and the template `.obsidian/daily-notes.json`
    /// says, as Obsidian's Daily notes would.
    Daily {
        vault: PathBuf,
        /// The day (YYYY-MM-DD); today by default (before the day-start
        /// hour of `.obsidian/hanji.json`, the day before).
        #[arg(long)]
        date: Option<String>,
    },
    /// Create the note TITLE, empty or from a template of the templates
    /// folder: where `.obsidian/app.json`'s newFileLocation says, or at the
    /// vault path TITLE when it has a `/` (`.md` added when missing);
    /// refused if anything is there.
    New {
        vault: PathBuf,
        title: String,
        /// A note of the templates folder (`templates.json`), by name or path.
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
    },
    /// Undo the last `mv` or `rm` on this vault: every file it changed goes
    /// back, unless one changed since.
    Undo { vault: PathBuf },
    /// Keep the vault's cache and search index in step with the folder and
    /// print every change as it is applied (one JSON line each with --json),
    /// until interrupted.
    Watch {
        vault: PathBuf,
        /// How long a file must stay quiet before its change is applied.
        #[arg(long, default_value_t = 50, value_name = "MS")]
        debounce_ms: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Json,
    Dot,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hanji: error: {e}");
            let conflict = matches!(
                &e,
                Error::Save(SaveError::Write(WriteError::Conflict { .. }))
                    | Error::Live(LiveError::Save(SaveError::Write(WriteError::Conflict { .. })))
                    | Error::Live(LiveError::Ops(hanji_live::OpsError::Apply(
                        hanji_core::ops::ApplyError::Changed { .. }
                    )))
                    | Error::NewNote(hanji_live::NewNoteError::Create(hanji_live::OpsError::Save(
                        SaveError::Write(WriteError::Conflict { .. })
                    )))
            );
            if conflict {
                ExitCode::from(CONFLICT)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let json = cli.json;
    let vault_dir = match &cli.command {
        Command::Check { vault }
        | Command::Backlinks { vault, .. }
        | Command::Links { vault, .. }
        | Command::Tags { vault }
        | Command::Tag { vault, .. }
        | Command::Graph { vault, .. }
        | Command::Orphans { vault }
        | Command::Unlinked { vault, .. }
        | Command::Search { vault, .. }
        | Command::Watch { vault, .. }
        | Command::Save { vault, .. }
        | Command::Hash { vault, .. }
        | Command::Mv { vault, .. }
        | Command::Rm { vault, .. }
        | Command::Heading { vault, .. }
        | Command::Daily { vault, .. }
        | Command::New { vault, .. }
        | Command::Undo { vault } => vault.clone(),
    };
    // A mistyped vault path must not leave a cache folder behind.
    hanji_core::scan::check_root(&vault_dir)?;
    let cache_dir = match (&cli.cache_dir, cli.no_cache) {
        (_, true) => None,
        (Some(dir), false) => Some(dir.clone()),
        (None, false) => {
            Some(hanji_core::cache_dir::default_cache_dir(&vault_dir).ok_or(Error::NoCacheDir)?)
        }
    };
    if let Some(dir) = &cache_dir {
        hanji_core::cache_dir::check_outside(&vault_dir, dir)?;
        // A file operation a dead process left half-done is finished (or
        // rolled back) before any command reads the vault.
        match hanji_core::ops::recover(&vault_dir, &dir.join("ops")) {
            Ok(None) => {}
            Ok(Some(r)) => eprintln!(
                "hanji: warning: an interrupted file operation was {}",
                match r {
                    hanji_core::ops::Recovery::Finished => "finished",
                    hanji_core::ops::Recovery::RolledBack => "rolled back",
                }
            ),
            Err(e) => eprintln!(
                "hanji: warning: an interrupted file operation could not be completed: {e}"
            ),
        }
    }
    // Search, watch and save need the search index too: a whole session.
    match cli.command {
        Command::Save { path, expect, .. } => {
            let expected = match expect {
                Some(h) => Expected::Hash(parse_hash(&h)?),
                None => Expected::Absent,
            };
            let mut text = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
                .map_err(|source| Error::Stdin { source })?;
            let (mut session, _) = Session::open(&vault_dir, cache_dir.as_deref())?;
            let saved = session.save(&path, expected, &text)?;
            output::saved(&path, saved.hash, json);
            return Ok(());
        }
        Command::Mv { from, to, dry_run, .. } => {
            let (mut session, _) = Session::open(&vault_dir, cache_dir.as_deref())?;
            let (from, to) = note_paths(session.vault(), &from, &to)?;
            let op = Operation::Move { from, to };
            return operate(&mut session, &op, dry_run, json);
        }
        Command::Rm { path, dry_run, .. } => {
            let (mut session, _) = Session::open(&vault_dir, cache_dir.as_deref())?;
            let (path, _) = note_paths(session.vault(), &path, &path)?;
            return operate(&mut session, &Operation::Delete { path }, dry_run, json);
        }
        Command::Graph { view: true, local, depth, .. } => {
            let (session, _) = Session::open(&vault_dir, cache_dir.as_deref())?;
            let local = local.map(|n| session.vault().find_note(&n)).transpose()?.map(|center| {
                hanji_core::graph_view::Local {
                    center,
                    depth,
                    incoming: true,
                    outgoing: true,
                    neighbours: true,
                }
            });
            let g = session.graph_view(None, local);
            for w in &g.warnings {
                eprintln!("hanji: warning: {w}");
            }
            output::graph_view(&g.view);
            return Ok(());
        }
        Command::Daily { date, .. } => {
            let date = date
                .map(|d| d.parse::<jiff::civil::Date>().map_err(|_| Error::BadDate { date: d }))
                .transpose()?;
            let (mut session, _) = Session::open(&vault_dir, cache_dir.as_deref())?;
            let (note, _) =
                session.open_daily(date, &jiff::Zoned::now()).map_err(LiveError::from)?;
            for w in &note.warnings {
                eprintln!("hanji: warning: {w}");
            }
            output::daily(&note, json);
            return Ok(());
        }
        Command::Heading { path, old, new, dry_run, .. } => {
            let (mut session, _) = Session::open(&vault_dir, cache_dir.as_deref())?;
            let (note, _) = note_paths(session.vault(), &path, &path)?;
            let op = Operation::RenameHeading { note, old, new };
            return operate(&mut session, &op, dry_run, json);
        }
        Command::New { title, template, .. } => {
            let (mut session, _) = Session::open(&vault_dir, cache_dir.as_deref())?;
            let name = hanji_core::text::nfc(title.trim()).into_owned();
            let name =
                if name.to_lowercase().ends_with(".md") { name } else { format!("{name}.md") };
            let path = if name.contains('/') {
                name
            } else {
                match session.settings().0.new_file_location.folder(None) {
                    folder if folder.is_empty() => name,
                    folder => format!("{folder}/{name}"),
                }
            };
            vault_path(&path)?;
            let saved =
                session.create_from_template(&path, template.as_deref(), &jiff::Zoned::now())?;
            output::created(&path, saved.hash, json);
            return Ok(());
        }
        Command::Undo { .. } => {
            let (mut session, _) = Session::open(&vault_dir, cache_dir.as_deref())?;
            let (label, _) = session.undo().map_err(LiveError::from)?;
            output::undone(&label, json);
            return Ok(());
        }
        Command::Hash { path, .. } => {
            let p = hanji_core::path::VaultPath::new(&path)
                .ok_or(Error::NotAVaultPath { path: path.clone() })?;
            let disk = vault_dir.join(p.as_str());
            let hash = hanji_core::write::disk_hash(&disk)
                .map_err(|source| Error::Read { path: disk.clone(), source })?;
            output::hash(&path, hash, json);
            return Ok(());
        }
        Command::Search { query, limit, .. } => {
            let (mut session, report) = Session::open(&vault_dir, cache_dir.as_deref())?;
            warn_about_cache(report.cache.as_ref());
            if let Some(why) = session.index().rebuild_reason() {
                eprintln!("hanji: warning: the search index was rebuilt ({why})");
            }
            let results = session.search_repairing(&query, limit)?;
            for note in &results.unsearchable {
                eprintln!("hanji: warning: {note}");
            }
            output::search(&results, json);
            return Ok(());
        }
        Command::Watch { debounce_ms, .. } => {
            let (live, report, events) = LiveSession::open(
                &vault_dir,
                cache_dir.as_deref(),
                std::time::Duration::from_millis(debounce_ms),
                &mut |_| {},
                &hanji_core::Progress::default(),
            )?;
            warn_about_cache(report.cache.as_ref());
            output::watch_ready(live.read()?.vault(), &report, json);
            for event in events {
                let gone = event.vault_gone;
                output::watch_change(event, json);
                if gone {
                    return Err(Error::VaultGone { path: vault_dir });
                }
            }
            return Ok(());
        }
        _ => {}
    }
    let v = match &cache_dir {
        None => Vault::load(&vault_dir)?,
        Some(dir) => {
            let mut cache = Cache::open(&dir.join("metadata.sqlite"))?;
            let (v, report) = Vault::load_cached(&vault_dir, &mut cache)?;
            warn_about_cache(Some(&report));
            v
        }
    };
    match cli.command {
        Command::Check { .. } => output::check(&v, json),
        Command::Backlinks { note, .. } => output::backlinks(&v, v.find_note(&note)?, json),
        Command::Links { note, .. } => output::links(&v, v.find_note(&note)?, json),
        Command::Tags { .. } => output::tags(&v, json),
        Command::Tag { tag, .. } => output::tag(&v, &tag, json),
        Command::Graph { local, depth, format, .. } => {
            let center = local.map(|n| v.find_note(&n)).transpose()?;
            output::graph(&v, center, depth, matches!(format, GraphFormat::Dot));
        }
        Command::Orphans { .. } => output::orphans(&v, json),
        Command::Unlinked { note, .. } => output::unlinked(&v, v.find_note(&note)?, json),
        Command::Search { .. }
        | Command::Watch { .. }
        | Command::Save { .. }
        | Command::Hash { .. }
        | Command::Mv { .. }
        | Command::Rm { .. }
        | Command::Heading { .. }
        | Command::Daily { .. }
        | Command::New { .. }
        | Command::Undo { .. } => {}
    }
    // The process ends right after this: handing a large vault's memory back
    // allocation by allocation would only delay the exit (a 100k-note vault
    // takes about 0.2 s to drop), so the OS reclaims it instead.
    std::mem::forget(v);
    Ok(())
}

fn vault_path(p: &str) -> Result<VaultPath, Error> {
    VaultPath::new(p).ok_or_else(|| Error::NotAVaultPath { path: p.to_owned() })
}

/// FROM and TO as vault paths: a FROM that names nothing but is a note
/// without its `.md` gets it, and TO then too.
fn note_paths(v: &Vault, from: &str, to: &str) -> Result<(VaultPath, VaultPath), Error> {
    let (f, t) = (vault_path(from)?, vault_path(to)?);
    let exists = |p: &VaultPath| v.disk_place(p).is_some() || v.root().join(p.as_str()).exists();
    if !exists(&f) {
        if let Some(with_md) = VaultPath::new(&format!("{from}.md")).filter(|p| exists(p)) {
            let t = if t.is_markdown() { t } else { vault_path(&format!("{to}.md"))? };
            return Ok((with_md, t));
        }
    }
    Ok((f, t))
}

/// Plans `op`, prints the plan, and applies it unless `dry_run`.
fn operate(session: &mut Session, op: &Operation, dry_run: bool, json: bool) -> Result<(), Error> {
    if let (_, Some(warning)) = session.settings() {
        eprintln!("hanji: warning: {warning}");
    }
    if dry_run {
        let plan = session.plan(op).map_err(LiveError::from)?;
        output::plan(&plan, false, json);
        return Ok(());
    }
    let done = session.operate(op).map_err(LiveError::from)?;
    for w in &done.event.warnings {
        eprintln!("hanji: warning: {w}");
    }
    output::plan(&done.plan, true, json);
    Ok(())
}

fn warn_about_cache(report: Option<&hanji_core::CacheReport>) {
    let Some(report) = report else { return };
    if let Some(why) = &report.rebuilt {
        eprintln!("hanji: warning: the metadata cache was rebuilt ({why})");
    }
    for w in &report.warnings {
        eprintln!("hanji: warning: {w}");
    }
}
