//! The command line: `spiral` opens the workbook; subcommands print.

use std::path::PathBuf;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::content::{self, ContentError};
use crate::model::entry::Entry;
use crate::model::worksheet::Worksheet;
use crate::settings::{self, Settings};
use crate::state::Model;
use crate::store::{EntryStore, JsonDirStore, Loaded, LockState};
use crate::ui::home::when;
use crate::ui::theme::Theme;

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
    /// List your entries, most recently changed first.
    List {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print one entry as readable text.
    Show {
        /// The entry's id (or the start of it), from `spiral list`.
        id: String,
        /// Print the entry's JSON instead.
        #[arg(long)]
        json: bool,
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

pub fn run(cli: Cli) -> anyhow::Result<()> {
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
            open_workbook(worksheets, dir, settings, &warnings, &skipped)
        }
        Some(Cmd::Worksheets { .. }) => {
            worksheets::list(&worksheets, &skipped, &dir);
            Ok(())
        }
        Some(Cmd::Doctor) => {
            let report = crate::doctor::check(&dir, &worksheets);
            print!("{}", crate::doctor::render(&report, &dir));
            if report.has_problems() {
                bail!("the data folder has problems (listed above)");
            }
            Ok(())
        }
        Some(Cmd::List { json }) => list(&worksheets, &load(&dir)?, json),
        Some(Cmd::Show { id, json }) => {
            let (settings, warnings) = load_settings(config_file.as_deref(), &worksheets);
            print_warnings(&warnings);
            show(&worksheets, &load(&dir)?, &id, json, &dir, &settings)
        }
        // Answered above, before looking for a data folder they do not need.
        Some(Cmd::Config { .. } | Cmd::Completions { .. } | Cmd::Man) => Ok(()),
    }
}

fn open_workbook(
    worksheets: Vec<Worksheet>,
    dir: PathBuf,
    settings: Settings,
    warnings: &[settings::Warning],
    skipped: &[ContentError],
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the workbook needs a terminal; for scripts use `spiral list` or `spiral show ID`");
    }
    let store = JsonDirStore::open(&dir)?;
    // Held until the workbook closes; a second copy opens read-only.
    let lock = store.lock()?;
    let (catalog, source) = crate::catalog::open(&dir, &worksheets).with_context(|| {
        format!(
            "cannot read the entries folder {}",
            store.entries_dir().display()
        )
    })?;
    let from_index = source == crate::catalog::Source::Index;
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
    let salt = uuid::Uuid::new_v4().simple().to_string()[..4].to_string();
    let mut model = Model::from_catalog(worksheets, catalog, dir.display().to_string(), salt);
    model.checking = from_index;
    // Made from the files: write it, so the next start is quick.
    model.index_stale = !from_index;
    model.theme = Theme::from_settings(&settings);
    model.settings = settings;
    let said: Vec<String> = [
        settings::status_text(warnings),
        crate::text::worksheets_skipped(skipped),
    ]
    .into_iter()
    .flatten()
    .collect();
    model.status = (!said.is_empty()).then(|| crate::state::Status {
        text: said.join(" "),
        error: false,
    });
    // Damaged files in the trash are not shown: they cannot be restored by spiral.
    model.trash = store
        .load_trash()?
        .entries
        .iter()
        .map(|e| crate::catalog::Summary::of(e, &model.worksheets, None))
        .collect();
    if matches!(lock, LockState::HeldElsewhere) {
        model.read_only = Some(crate::text::READ_ONLY_OTHER_COPY.to_string());
    }
    crate::app::run(&mut model, &store, &dir, background)?;
    if let Some(message) = &model.exit_message {
        eprintln!("{message}");
    } else if let Some(error) = &model.save_error {
        bail!("some changes could not be saved: {error}");
    }
    Ok(())
}

fn load(dir: &std::path::Path) -> anyhow::Result<Loaded> {
    let loaded = JsonDirStore::at(dir).load_all()?;
    for d in &loaded.damaged {
        eprintln!(
            "warning: cannot read {}: {} (the file is left as it is)",
            d.path.display(),
            d.error
        );
    }
    Ok(loaded)
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
}

fn sorted(loaded: &Loaded) -> Vec<&Entry> {
    let mut entries: Vec<&Entry> = loaded.entries.iter().collect();
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    entries
}

fn list(worksheets: &[Worksheet], loaded: &Loaded, json: bool) -> anyhow::Result<()> {
    let find = |e: &Entry| worksheets.iter().find(|w| w.id == e.worksheet.id);
    let entries = sorted(loaded);
    if json {
        let rows: Vec<ListRow> = entries
            .iter()
            .map(|e| {
                let ws = find(e);
                let progress = ws.map(|w| e.progress(w));
                ListRow {
                    id: &e.id,
                    family_label: &e.family_label,
                    worksheet: &e.worksheet.id,
                    worksheet_title: ws.map(|w| w.title.as_str()),
                    created: e.created.to_rfc3339(),
                    updated: e.updated.to_rfc3339(),
                    answered: progress.map(|p| p.answered),
                    total: progress.map(|p| p.total),
                }
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if entries.is_empty() {
        println!("No entries yet. Run `spiral` to start one.");
        return Ok(());
    }
    println!(
        "{:<24} {:<20} {:<34} {:<18} PROGRESS",
        "ID", "FAMILY", "WORKSHEET", "LAST CHANGED"
    );
    for e in entries {
        let (title, progress) = match find(e) {
            Some(ws) => (ws.title.clone(), e.progress(ws).to_string()),
            None => (e.worksheet.id.clone(), "?".into()),
        };
        println!(
            "{:<24} {:<20} {:<34} {:<18} {}",
            e.id,
            e.family_label,
            title,
            when(&e.updated),
            progress
        );
    }
    Ok(())
}

fn show(
    worksheets: &[Worksheet],
    loaded: &Loaded,
    id: &str,
    json: bool,
    dir: &std::path::Path,
    settings: &Settings,
) -> anyhow::Result<()> {
    let exact = loaded.entries.iter().find(|e| e.id == id);
    let entry = match exact {
        Some(e) => e,
        None => {
            let matches: Vec<&Entry> = loaded
                .entries
                .iter()
                .filter(|e| e.id.starts_with(id))
                .collect();
            match matches.as_slice() {
                [one] => *one,
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
    };
    if json {
        println!("{}", serde_json::to_string_pretty(entry)?);
        return Ok(());
    }
    let Some(ws) = worksheets.iter().find(|w| w.id == entry.worksheet.id) else {
        bail!(
            "entry {} uses the worksheet {:?}, which this copy of spiral does not have; `--json` prints it as it is",
            entry.id,
            entry.worksheet.id
        );
    };
    print!(
        "{}",
        crate::report::entry_as_text(entry, ws, settings.date_format.as_deref())
    );
    Ok(())
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
        eprintln!("warning: {w}");
    }
}

fn config(cli: &Cli, command: &ConfigCmd, worksheets: &[Worksheet]) -> anyhow::Result<()> {
    let path = settings_path(cli)?;
    match command {
        ConfigCmd::Path => {
            println!("{}", path.display());
            if !path.exists() {
                eprintln!("(there is no file there yet, so spiral uses the default settings)");
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
            println!("{from}\n{}", settings.show());
        }
    }
    Ok(())
}
