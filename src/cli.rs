//! The command line: `spiral` opens the workbook; subcommands print.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::content::{self, ContentError};
use crate::filter::{Query, Sort};
use crate::model::entry::Entry;
use crate::model::worksheet::Worksheet;
use crate::settings::{self, Settings};
use crate::state::Model;
use crate::store::{EntryStore, JsonDirStore, LockState};
use crate::ui::theme::Theme;
use chrono::SubsecRound;

pub mod check;
mod export;
mod worksheets;

#[derive(Debug, Parser)]
#[command(
    name = "spiral",
    version,
    about = "A private reflective-practice workbook for people who work alongside families",
    long_about = "A private reflective-practice workbook for people who work alongside families.\n\n\
Run with no command to open the workbook. Everything you write stays in the data folder on this computer."
)]
pub struct Cli {
    /// The folder where entries are kept (default: the platform's data folder).
    #[arg(long, global = true, env = "SPIRAL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The settings file (default: settings.toml in the platform's config folder).
    #[arg(long, global = true, env = "SPIRAL_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List your entries, most recently changed first; filter them as Home's search does.
    List {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        filters: ListFilters,
    },
    /// Start an entry and print its id (open it with `spiral`).
    New {
        /// The worksheet's id, from `spiral worksheets`.
        #[arg(long, value_name = "ID")]
        worksheet: String,
        /// Initials or a pseudonym for the family, never a real name.
        #[arg(long, value_name = "LABEL")]
        family: String,
        /// A tag; give it again for more.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Print one entry as readable text.
    Show {
        /// The entry's id (or the start of it), from `spiral list`.
        id: String,
        /// Print the entry's JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Write entries out for supervision or a portfolio (Markdown, a web page, or a bundle for review), after checking them for identifying details.
    Export {
        /// The entries' ids (or the start of them), from `spiral list`.
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        /// Every entry (narrowed by any filters given).
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = crate::export::Format::Md)]
        format: crate::export::Format,
        #[command(flatten)]
        filters: ListFilters,
        #[command(flatten)]
        check: export::CheckFlags,
    },
    /// Run the identifying-details check an export runs, and write nothing: each possible detail, where it is and its decision. Exits 1 while any is open.
    Check {
        /// The entries' ids (or the start of them), from `spiral list`.
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        /// Every entry (narrowed by any filters given).
        #[arg(long)]
        all: bool,
        /// Print JSON for scripts (the README describes each field).
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        filters: ListFilters,
    },
    /// Gather the entries changed since your last supervision into one note, with what you want to bring.
    Prep {
        /// Start from this day instead of the last day an entry was discussed in supervision.
        #[arg(long, value_name = "DAY")]
        since: Option<String>,
        /// What I want from this session.
        #[arg(long, value_name = "TEXT")]
        want: Option<String>,
        /// Where I am stuck.
        #[arg(long, value_name = "TEXT")]
        stuck: Option<String>,
        /// Follow-ups from last time.
        #[arg(long, value_name = "TEXT")]
        follow_ups: Option<String>,
        #[arg(long, value_enum, default_value_t = crate::export::Format::Md)]
        format: crate::export::Format,
        #[command(flatten)]
        check: export::CheckFlags,
    },
    /// Add a supervisor's comments (a .feedback.json file from `spiral review`) to your entries.
    ImportFeedback {
        /// The feedback file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// List the worksheets: built in, and your own from the data folder's worksheets/ folder.
    Worksheets {
        #[command(subcommand)]
        command: Option<WorksheetsCmd>,
    },
    /// Check the data folder: damaged files, leftovers, permissions. Changes nothing.
    Doctor,
    /// Where your settings file is, and the settings in effect.
    Config {
        #[command(subcommand)]
        command: ConfigCmd,
    },
    /// Print shell completions for bash, zsh, fish, elvish or powershell (the README says where to put them).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, e.g. spiral man > ~/.local/share/man/man1/spiral.1
    Man,
    /// For supervisors: read a bundle of a supervisee's entries and comment on them. The bundle is never changed.
    Review {
        /// The bundle (.json) made by `spiral export --format json`.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where your comments are saved (default: NAME.feedback.json beside the bundle).
        #[arg(long, value_name = "PATH")]
        feedback: Option<PathBuf>,
        /// Your name, written on each comment (default: display_name in the settings).
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum WorksheetsCmd {
    /// Check worksheet files: each problem with its file, line and column. Exits non-zero if any.
    Validate {
        /// The worksheet files (JSON) to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Print the settings file's path (it need not exist yet).
    Path,
    /// Print the settings in effect; problems in the file go to stderr.
    Show,
}

pub fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    if let Some(dir) = &cli.data_dir {
        return Ok(dir.clone());
    }
    directories::ProjectDirs::from("", "", "spiral")
        .map(|d| d.data_dir().to_path_buf())
        .context("cannot find your data folder (no home folder?): give one with --data-dir DIR or SPIRAL_DATA_DIR")
}

/// A command that prints ends quietly when whoever reads its output stops
/// (`spiral list | head -1`), as other command-line tools do, instead of
/// panicking on "Broken pipe". Not for the workbook and the review: they
/// write to the terminal, and are never to end without saving.
fn quiet_on_closed_pipe() {
    use std::sync::{Arc, atomic::AtomicBool};
    // Every write finishes whole (atomically) before anything is printed
    // about it, so ending here leaves nothing half done. If this cannot be
    // set up, a closed pipe is reported as an error as before.
    let _ = signal_hook::flag::register_conditional_default(
        signal_hook::consts::SIGPIPE,
        Arc::new(AtomicBool::new(true)),
    );
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    if !matches!(cli.command, None | Some(Cmd::Review { .. })) {
        quiet_on_closed_pipe();
    }
    match &cli.command {
        Some(Cmd::Completions { shell }) => {
            crate::manual::completions(*shell, &mut std::io::stdout());
            return Ok(());
        }
        Some(Cmd::Man) => {
            return crate::manual::man(&mut std::io::stdout())
                .context("cannot write the manual page");
        }
        _ => {}
    }
    let mut worksheets = content::builtin().map_err(anyhow::Error::new)?;
    if let Some(Cmd::Worksheets {
        command: Some(WorksheetsCmd::Validate { files }),
    }) = &cli.command
    {
        return worksheets::validate(files, &worksheets);
    }
    if let Some(Cmd::Config { command }) = &cli.command {
        // The person's own worksheets count too, when there is a data folder.
        if let Ok(dir) = data_dir(&cli) {
            worksheets.extend(content::load_user(&dir, &worksheets).worksheets);
        }
        return config(&cli, command, &worksheets);
    }
    if let Some(Cmd::Review {
        file,
        feedback,
        reviewer,
    }) = &cli.command
    {
        // Needs no data folder: the bundle carries its worksheets.
        let (settings, warnings) = load_settings(cli.config.as_deref(), &worksheets);
        print_warnings(&warnings);
        return crate::review::run(file, feedback.as_deref(), reviewer.clone(), &settings);
    }
    let dir = data_dir(&cli)?;
    // The person's own worksheets: a broken one is skipped and said, the rest work.
    let user = content::load_user(&dir, &worksheets);
    worksheets.extend(user.worksheets);
    let skipped = user.problems;
    if !matches!(cli.command, None | Some(Cmd::Worksheets { .. })) {
        worksheets::print_problems(&skipped);
    }
    let config_file = cli.config.clone();
    match cli.command {
        None => {
            let (settings, warnings) = load_settings(config_file.as_deref(), &worksheets);
            let settings_path = settings::path(config_file.as_deref());
            open_workbook(
                worksheets,
                dir,
                settings,
                settings_path,
                &warnings,
                &skipped,
            )
        }
        Some(Cmd::Worksheets { .. }) => {
            worksheets::list(&worksheets, &skipped, &dir);
            Ok(())
        }
        Some(Cmd::Doctor) => {
            let report = crate::doctor::check(&dir, &worksheets);
            crate::out!("{}", crate::doctor::render(&report, &dir));
            if report.has_problems() {
                bail!("the data folder has problems (listed above)");
            }
            Ok(())
        }
        Some(Cmd::List { json, filters }) => {
            let (settings, warnings) = load_settings(config_file.as_deref(), &worksheets);
            print_warnings(&warnings);
            list(&worksheets, &dir, &filters, json, &settings)
        }
        Some(Cmd::New {
            worksheet,
            family,
            tags,
        }) => new_entry(&worksheets, &dir, &worksheet, &family, &tags),
        Some(Cmd::Export {
            ids,
            all,
            format,
            filters,
            mut check,
        }) => {
            check.settings_file = settings::path(config_file.as_deref());
            let (settings, warnings) = load_settings(config_file.as_deref(), &worksheets);
            print_warnings(&warnings);
            export::export(
                &worksheets,
                &dir,
                &settings,
                &ids,
                all,
                &filters,
                format,
                &check,
            )
        }
        Some(Cmd::Check {
            ids,
            all,
            json,
            filters,
        }) => {
            let (settings, warnings) = load_settings(config_file.as_deref(), &worksheets);
            print_warnings(&warnings);
            check::check(&worksheets, &dir, &settings, &ids, all, &filters, json)
        }
        Some(Cmd::Prep {
            since,
            want,
            stuck,
            follow_ups,
            format,
            mut check,
        }) => {
            check.settings_file = settings::path(config_file.as_deref());
            let (settings, warnings) = load_settings(config_file.as_deref(), &worksheets);
            print_warnings(&warnings);
            export::prep(
                &worksheets,
                &dir,
                &settings,
                since.as_deref(),
                [want, stuck, follow_ups],
                format,
                &check,
            )
        }
        Some(Cmd::ImportFeedback { file }) => export::import_feedback(&dir, &file),
        Some(Cmd::Show { id, json }) => {
            let (settings, warnings) = load_settings(config_file.as_deref(), &worksheets);
            print_warnings(&warnings);
            show(&worksheets, &id, json, &dir, &settings)
        }
        // Answered above, before looking for a data folder they do not need.
        Some(Cmd::Config { .. } | Cmd::Completions { .. } | Cmd::Man | Cmd::Review { .. }) => {
            Ok(())
        }
    }
}

fn open_workbook(
    worksheets: Vec<Worksheet>,
    dir: PathBuf,
    settings: Settings,
    settings_path: Option<PathBuf>,
    warnings: &[settings::Warning],
    skipped: &[ContentError],
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the workbook needs a terminal; for scripts use `spiral list` or `spiral show ID`");
    }
    // The lock is held until the workbook closes; a second copy opens read-only.
    let Workbook {
        mut model,
        store,
        lock: _lock,
        from_index,
    } = prepare_workbook(worksheets, &dir, settings, warnings, skipped)?;
    model.settings_path = settings_path;
    let background = {
        let entries_dir = store.entries_dir();
        move |model: &Model| {
            let known = from_index.then(|| {
                crate::catalog::known(model.entries.iter().map(|r| &r.summary), &model.damaged)
            });
            Some(crate::app::start_background(
                entries_dir,
                model.worksheets.clone(),
                known,
            ))
        }
    };
    crate::app::run(&mut model, &store, &dir, background)?;
    if let Some(message) = &model.exit_message {
        crate::errln!("{message}");
    } else if let Some(error) = &model.save_error {
        bail!("some changes could not be saved: {error}");
    }
    Ok(())
}

/// The workbook, ready to open.
pub(crate) struct Workbook {
    pub model: Model,
    pub store: JsonDirStore,
    /// `None` when it opens read-only (`model.read_only` says why).
    pub lock: Option<crate::store::FolderLock>,
    /// Home came from the index: the files are checked in the background.
    pub from_index: bool,
}

/// Everything the workbook needs before its first screen. A data folder it
/// cannot write to (its permissions, a lock it cannot take, another copy
/// using it) opens read-only, saying why; a trash it cannot read is said
/// and shown empty. Only a folder it cannot read at all stops it.
pub(crate) fn prepare_workbook(
    worksheets: Vec<Worksheet>,
    dir: &std::path::Path,
    settings: Settings,
    warnings: &[settings::Warning],
    skipped: &[ContentError],
) -> anyhow::Result<Workbook> {
    let mut read_only: Option<String> = None;
    let store = match JsonDirStore::open(dir) {
        Ok(store) => store,
        // There, but not to be written: read what there is.
        Err(_) if dir.is_dir() => JsonDirStore::at(dir),
        Err(e) => return Err(e.into()),
    };
    if !writable(dir) || (store.entries_dir().is_dir() && !writable(&store.entries_dir())) {
        read_only = Some(crate::text::READ_ONLY_FOLDER.to_string());
    }
    let lock = match read_only {
        Some(_) => None,
        None => match store.lock() {
            Ok(LockState::Acquired(lock)) => Some(lock),
            Ok(LockState::HeldElsewhere) => {
                read_only = Some(crate::text::READ_ONLY_OTHER_COPY.to_string());
                None
            }
            Err(e) => {
                read_only = Some(crate::text::read_only_no_lock(&e.to_string()));
                None
            }
        },
    };
    let (catalog, source) = crate::catalog::open(dir, &worksheets).with_context(|| {
        format!(
            "cannot read the entries folder {}",
            store.entries_dir().display()
        )
    })?;
    let from_index = source == crate::catalog::Source::Index;
    let salt = uuid::Uuid::new_v4().simple().to_string()[..4].to_string();
    let mut model = Model::from_catalog(worksheets, catalog, dir.display().to_string(), salt);
    model.checking = from_index;
    // Made from the files: write it, so the next start is quick.
    model.index_stale = !from_index;
    model.index_write_soon = !from_index;
    model.theme = Theme::from_settings(&settings);
    model.settings = settings;
    if let Some(folder) = crate::export::default_folder() {
        model.export_folder = folder;
    }
    // A decisions file that cannot be read is said, and never written over.
    let decisions = crate::export::remembered::load(dir);
    let decisions_unread = decisions.as_ref().err().map(|e| {
        crate::safe::terminal(&format!(
            "{e}: every identifying detail is asked about at an export, and the file is left as it is."
        ))
        .into_owned()
    });
    model.remembered = decisions.ok();
    // Damaged files in the trash are not shown: they cannot be restored by spiral.
    let trash_problem = match store.load_trash() {
        Ok(trash) => {
            model.trash = trash
                .entries
                .iter()
                .map(|e| crate::catalog::Summary::of(e, &model.worksheets, None))
                .collect();
            None
        }
        Err(e) => Some(crate::text::trash_unreadable(&e.to_string())),
    };
    let said: Vec<String> = [
        settings::status_text(warnings),
        crate::text::worksheets_skipped(skipped),
        decisions_unread,
        trash_problem,
    ]
    .into_iter()
    .flatten()
    .collect();
    model.status = (!said.is_empty()).then(|| crate::state::Status {
        text: said.join(" "),
        error: false,
    });
    model.read_only = read_only;
    Ok(Workbook {
        model,
        store,
        lock,
        from_index,
    })
}

/// Whether this user may make and change files in the folder `dir`.
pub(crate) fn writable(dir: &std::path::Path) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{Access, access};
        access(dir, Access::WRITE_OK | Access::EXEC_OK).is_ok()
    }
    #[cfg(not(unix))]
    {
        !std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly())
    }
}

/// Says which entry files could not be read; they are left as they are.
fn warn_damaged(catalog: &crate::catalog::Catalog) {
    for d in &catalog.damaged {
        crate::errln!(
            "warning: cannot read {}: {} (the file is left as it is)",
            d.path.display(),
            d.error
        );
    }
}

#[derive(Serialize)]
struct ListRow<'a> {
    id: &'a str,
    family_label: &'a str,
    worksheet: &'a str,
    worksheet_title: Option<&'a str>,
    created: String,
    updated: String,
    answered: Option<usize>,
    total: Option<usize>,
    status: &'static str,
    tags: &'a [String],
    completed: Option<String>,
    discussed: Option<String>,
}

/// The filters `spiral list` takes, as flags.
#[derive(Debug, Clone, Default, PartialEq, clap::Args)]
pub struct ListFilters {
    /// Only entries of this worksheet (its id, or a word of its id or title).
    #[arg(long, value_name = "WORKSHEET")]
    pub worksheet: Option<String>,
    /// Only entries with this family label (ignoring case).
    #[arg(long, value_name = "LABEL")]
    pub family: Option<String>,
    /// Only entries with this tag; give it again for entries with every one.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only entries in progress, complete, or reviewed (discussed in supervision).
    #[arg(long, value_name = "STATUS", value_parser = ["in-progress", "complete", "reviewed"])]
    pub status: Option<String>,
    /// Only entries last changed on or after this day: 2026-01-31, today, 7d, 4w.
    #[arg(long, value_name = "DAY")]
    pub since: Option<String>,
    /// Only entries last changed on or before this day.
    #[arg(long, value_name = "DAY")]
    pub until: Option<String>,
    /// Only entries whose label, answers, tags or map hold every word (as in Home's search).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// The order.
    #[arg(long, value_enum, default_value_t = Sort::Changed)]
    pub sort: Sort,
}

impl ListFilters {
    /// One query from the flags, in Home's query language.
    pub fn query(&self, today: chrono::NaiveDate) -> anyhow::Result<Query> {
        let mut q = match &self.search {
            Some(text) => {
                Query::parse(text, today).map_err(|e| anyhow::anyhow!("--search: {e}"))?
            }
            None => Query::default(),
        };
        q.tags
            .extend(self.tags.iter().map(|t| t.trim().to_lowercase()));
        if let Some(f) = &self.family {
            q.family = Some(f.trim().to_lowercase());
        }
        if let Some(w) = &self.worksheet {
            q.worksheet = Some(w.trim().to_lowercase());
        }
        if let Some(s) = &self.status {
            q.status = crate::model::entry::EntryStatus::parse(s);
        }
        if let Some(d) = &self.since {
            q.since = Some(
                crate::filter::parse_day(d, today).map_err(|e| anyhow::anyhow!("--since: {e}"))?,
            );
        }
        if let Some(d) = &self.until {
            q.until = Some(
                crate::filter::parse_day(d, today).map_err(|e| anyhow::anyhow!("--until: {e}"))?,
            );
        }
        Ok(q)
    }
}

/// A progress bar on stderr for long runs, shown only on a terminal.
pub fn progress(len: usize, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || len < 200 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} ({eta} left)")
    {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    bar
}

/// The entries `filters` let through, in their order: from the index where
/// it can be trusted, checked against every file, and reading every entry
/// only to search its words.
fn listed(
    worksheets: &[Worksheet],
    dir: &std::path::Path,
    filters: &ListFilters,
) -> anyhow::Result<Vec<crate::catalog::Summary>> {
    let query = filters.query(chrono::Local::now().date_naive())?;
    let catalog = crate::catalog::open_checked(dir, worksheets)
        .with_context(|| format!("cannot read the entries in {}", dir.display()))?;
    warn_damaged(&catalog);
    let mut kept: Vec<crate::catalog::Summary> = catalog
        .summaries
        .into_iter()
        .filter(|s| query.matches_summary(s, worksheets))
        .collect();
    if query.needs_text() {
        let store = JsonDirStore::at(dir);
        let bar = progress(kept.len(), "searching");
        kept.retain(|s| {
            bar.inc(1);
            store
                .load(&s.id)
                .is_ok_and(|e| query.matches_text(&crate::catalog::search_text(&e)))
        });
        bar.finish_and_clear();
    }
    let refs: Vec<&crate::catalog::Summary> = kept.iter().collect();
    let mut order: Vec<usize> = (0..kept.len()).collect();
    crate::filter::sort(&mut order, &refs, filters.sort);
    let mut slots: Vec<Option<crate::catalog::Summary>> = kept.into_iter().map(Some).collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
}

fn list(
    worksheets: &[Worksheet],
    dir: &std::path::Path,
    filters: &ListFilters,
    json: bool,
    settings: &Settings,
) -> anyhow::Result<()> {
    let find = |id: &str| worksheets.iter().find(|w| w.id == id);
    let entries = listed(worksheets, dir, filters)?;
    if json {
        let rows: Vec<ListRow> = entries
            .iter()
            .map(|e| ListRow {
                id: &e.id,
                family_label: &e.family_label,
                worksheet: &e.worksheet.id,
                worksheet_title: find(&e.worksheet.id).map(|w| w.title.as_str()),
                created: e.created.to_rfc3339(),
                updated: e.updated.to_rfc3339(),
                answered: e.progress.map(|p| p.answered),
                total: e.progress.map(|p| p.total),
                status: e.status().name(),
                tags: &e.tags,
                completed: e.completed.map(|c| c.to_rfc3339()),
                discussed: e.discussed.map(|d| d.to_string()),
            })
            .collect();
        crate::safe::print_json(&serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if entries.is_empty() {
        if *filters == ListFilters::default() {
            crate::outln!("No entries yet. Run `spiral` to start one.");
        } else {
            crate::outln!("No entry matches.");
        }
        return Ok(());
    }
    crate::outln!(
        "{:<24} {:<20} {:<34} {:<18} {:<16} TAGS",
        "ID",
        "FAMILY",
        "WORKSHEET",
        "LAST CHANGED",
        "PROGRESS"
    );
    for e in entries {
        let title = find(&e.worksheet.id).map_or(e.worksheet.id.clone(), |w| w.title.clone());
        let progress = match (e.status(), e.progress) {
            (crate::model::entry::EntryStatus::InProgress, Some(p)) => p.to_string(),
            (crate::model::entry::EntryStatus::InProgress, None) => "?".into(),
            (status, _) => status.name().to_string(),
        };
        crate::outln!(
            "{:<24} {:<20} {:<34} {:<18} {:<16} {}",
            e.id,
            e.family_label,
            title,
            settings.when(&e.updated),
            progress,
            e.tags.join(", ")
        );
    }
    Ok(())
}

/// Takes the data folder's lock for a command that writes there, as the
/// workbook does, or refuses (`do_there` says how to do it in the open
/// workbook instead). Saves through `store` check it is still held.
pub(crate) fn lock_for_writing(
    store: &JsonDirStore,
    do_there: &str,
) -> anyhow::Result<crate::store::FolderLock> {
    match store.lock()? {
        LockState::Acquired(lock) => Ok(lock),
        LockState::HeldElsewhere => bail!("{}", crate::text::open_elsewhere(do_there)),
    }
}

/// Starts an entry from the command line and prints its id.
fn new_entry(
    worksheets: &[Worksheet],
    dir: &std::path::Path,
    worksheet: &str,
    family: &str,
    tags: &[String],
) -> anyhow::Result<()> {
    let Some(ws) = worksheets.iter().find(|w| w.id == worksheet) else {
        bail!(
            "there is no worksheet {worksheet:?}; `spiral worksheets` lists them: {}",
            worksheets
                .iter()
                .map(|w| w.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    let label = crate::safe::strip(family);
    let label = label.trim();
    if label.is_empty() {
        bail!("--family needs initials or a pseudonym for the family");
    }
    if label.chars().count() > crate::update::MAX_LABEL_CHARS || label.contains('\n') {
        bail!(
            "a family label is one short line of at most {} characters: initials or a pseudonym",
            crate::update::MAX_LABEL_CHARS
        );
    }
    let store = JsonDirStore::open(dir)?;
    let _lock = lock_for_writing(&store, "start the entry there (press n on Home)")?;
    let now = chrono::Local::now().trunc_subsecs(0).fixed_offset();
    let stamp = now.format("%Y%m%d-%H%M%S");
    let id = loop {
        let salt = uuid::Uuid::new_v4().simple().to_string();
        let id = format!("{stamp}-{}", &salt[..4]);
        if !store.path_of(&id).exists() && !store.trash_dir().join(format!("{id}.json")).exists() {
            break id;
        }
    };
    let mut entry = Entry::new(id.clone(), ws, label.to_string(), now);
    entry.tags = crate::update::parse_tags(&tags.join(","));
    store.save(&entry)?;
    if crate::identifiers::label_looks_like_a_name(label) {
        crate::errln!("note: {}", crate::text::LABEL_LOOKS_LIKE_A_NAME);
    }
    crate::outln!("{id}");
    Ok(())
}

fn show(
    worksheets: &[Worksheet],
    id: &str,
    json: bool,
    dir: &std::path::Path,
    settings: &Settings,
) -> anyhow::Result<()> {
    // The index finds the id without reading every entry; then one is read.
    let catalog = crate::catalog::open_checked(dir, worksheets)
        .with_context(|| format!("cannot read the entries in {}", dir.display()))?;
    warn_damaged(&catalog);
    let found = find_summary(&catalog.summaries, id, dir)?;
    let store = JsonDirStore::at(dir);
    let entry = &match store.load(&found.id) {
        Ok(entry) => entry,
        Err(crate::store::LoadFailure::Missing) => {
            bail!("entry {} was moved or deleted just now", found.id)
        }
        Err(crate::store::LoadFailure::Damaged(d)) => {
            bail!("cannot read {}: {}", d.path.display(), d.error)
        }
    };
    if json {
        crate::safe::print_json(&serde_json::to_string_pretty(entry)?);
        return Ok(());
    }
    let Some(ws) = worksheets.iter().find(|w| w.id == entry.worksheet.id) else {
        bail!(
            "entry {} uses the worksheet {:?}, which this copy of spiral does not have; `--json` prints it as it is",
            entry.id,
            entry.worksheet.id
        );
    };
    crate::out!(
        "{}",
        crate::report::entry_as_text(entry, ws, settings.date_format.as_deref())
    );
    Ok(())
}

/// The entry with this id, or the one entry whose id starts with it.
fn find_summary<'a>(
    summaries: &'a [crate::catalog::Summary],
    id: &str,
    dir: &std::path::Path,
) -> anyhow::Result<&'a crate::catalog::Summary> {
    if let Some(e) = summaries.iter().find(|e| e.id == id) {
        return Ok(e);
    }
    let matches: Vec<&crate::catalog::Summary> =
        summaries.iter().filter(|e| e.id.starts_with(id)).collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => bail!(
            "no entry with id {id:?} in {}; `spiral list` shows the ids",
            dir.display()
        ),
        many => bail!(
            "{id:?} could be any of {}; give more of the id",
            many.iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn settings_path(cli: &Cli) -> anyhow::Result<PathBuf> {
    settings::path(cli.config.as_deref()).context(
        "cannot find your config folder (no home folder?): give a settings file with --config FILE or SPIRAL_CONFIG",
    )
}

/// The settings in effect and what was wrong with the file. Without a home
/// folder to find it in, simply the defaults.
fn load_settings(
    config_file: Option<&std::path::Path>,
    worksheets: &[Worksheet],
) -> (Settings, Vec<settings::Warning>) {
    let Some(path) = settings::path(config_file) else {
        return (Settings::default(), Vec::new());
    };
    let (settings, mut warnings) = settings::load(&path);
    warnings.extend(settings.check_against(worksheets, &path));
    (settings, warnings)
}

fn print_warnings(warnings: &[settings::Warning]) {
    for w in warnings {
        crate::errln!("warning: {w}");
    }
}

fn config(cli: &Cli, command: &ConfigCmd, worksheets: &[Worksheet]) -> anyhow::Result<()> {
    let path = settings_path(cli)?;
    match command {
        ConfigCmd::Path => {
            crate::outln!("{}", path.display());
            if !path.exists() {
                crate::errln!("(there is no file there yet, so spiral uses the default settings)");
            }
        }
        ConfigCmd::Show => {
            let (settings, warnings) = load_settings(cli.config.as_deref(), worksheets);
            print_warnings(&warnings);
            let from = if path.exists() {
                format!("# The settings in effect, from {}", path.display())
            } else {
                format!(
                    "# The default settings: there is no file at {} yet",
                    path.display()
                )
            };
            crate::outln!("{from}\n{}", settings.show());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepare(dir: &std::path::Path) -> anyhow::Result<Workbook> {
        let worksheets = content::builtin().unwrap();
        prepare_workbook(worksheets, dir, Settings::default(), &[], &[])
    }

    #[test]
    fn a_trash_that_is_a_file_is_said_and_the_workbook_still_opens() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        std::fs::write(store.trash_dir(), "not a folder").unwrap();
        let workbook = prepare(dir.path()).unwrap();
        assert!(workbook.model.read_only.is_none(), "it can still write");
        assert!(workbook.lock.is_some());
        let status = workbook.model.status.unwrap().text;
        assert!(status.contains("The trash cannot be shown"), "{status}");
        assert!(status.contains("spiral doctor"), "{status}");
    }

    #[test]
    fn a_lock_that_is_a_folder_opens_the_workbook_read_only_saying_why() {
        let dir = tempfile::tempdir().unwrap();
        let store = JsonDirStore::open(dir.path()).unwrap();
        std::fs::create_dir(store.lock_path()).unwrap();
        let workbook = prepare(dir.path()).unwrap();
        let why = workbook.model.read_only.unwrap();
        assert!(why.starts_with("Read-only"), "{why}");
        assert!(why.contains(".lock"), "{why}");
        assert!(workbook.lock.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_that_cannot_be_written_opens_read_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o500)).unwrap();
        let workbook = prepare(&data);
        let writable = writable(&data);
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
        if writable {
            // As root every folder can be written: nothing to test.
            eprintln!("SKIPPED: permissions do not hold back this user (root)");
            return;
        }
        let workbook = workbook.unwrap();
        assert_eq!(
            workbook.model.read_only.as_deref(),
            Some(crate::text::READ_ONLY_FOLDER)
        );
    }
}
