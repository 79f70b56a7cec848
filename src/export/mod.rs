//! Exports: reflections written out for supervision, a portfolio, or a
//! supervisor's review, and what comes back from the supervisor.
//!
//! An export is made in three steps, the same from the command line and the
//! workbook:
//!
//! 1. **Choose** the entries ([`Selection`]).
//! 2. **Check** them for identifying details ([`check`]): every hit is
//!    replaced with a placeholder, accepted as fine, or left open with a
//!    reason the practitioner gives, which is written into the export.
//! 3. **Write** them as Markdown ([`markdown`]), HTML ([`html`]) or a JSON
//!    bundle ([`bundle`]) for `spiral review`.
//!
//! The supervisor's comments come back as a separate feedback file
//! ([`feedback`]), never written into the bundle.
//!
//! Nothing here touches the network, and nothing is logged.

pub mod bundle;
pub mod check;
pub mod doc;
pub mod feedback;
pub mod html;
pub mod markdown;
pub mod prep;
pub mod remembered;
pub mod summary;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::entry::Entry;
use crate::model::worksheet::Worksheet;

/// The heading of every export: these are reflections, not the record of
/// the work with a family.
pub const HEADING: &str = "Reflective notes, not a case record";

/// The formats an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for reading anywhere and pasting into a portfolio.
    Md,
    /// One self-contained web page, ready to print.
    Html,
    /// A bundle for a supervisor to open with `spiral review`.
    Json,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Md, Format::Html, Format::Json];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// In words, for menus and messages.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Md => "Markdown (.md): plain text, for reading anywhere or a portfolio",
            Format::Html => "Web page (.html): one file, ready to print or save as PDF",
            Format::Json => {
                "Bundle for review (.json): your supervisor opens it with spiral review"
            }
        }
    }
}

/// The days an export covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DateRange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// `since`/`until` when given, otherwise the first day an entry was
    /// started and the last day one was changed.
    pub fn of(entries: &[Entry], since: Option<NaiveDate>, until: Option<NaiveDate>) -> DateRange {
        DateRange {
            from: since.or_else(|| entries.iter().map(|e| e.created.date_naive()).min()),
            to: until.or_else(|| entries.iter().map(|e| e.updated.date_naive()).max()),
        }
    }

    /// "1 Nov 2026 to 26 Nov 2026", "26 Nov 2026", or "" when unknown.
    pub fn describe(&self) -> String {
        let day = |d: NaiveDate| d.format("%-d %b %Y").to_string();
        match (self.from, self.to) {
            (Some(a), Some(b)) if a == b => day(a),
            (Some(a), Some(b)) => format!("{} to {}", day(a), day(b)),
            (Some(a), None) => format!("from {}", day(a)),
            (None, Some(b)) => format!("up to {}", day(b)),
            (None, None) => String::new(),
        }
    }
}

/// Identifying details the practitioner chose to leave in, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftIn {
    /// How many possible details were left open.
    pub count: usize,
    /// The reason they gave (`--allow-identifiers "…"`, or typed in the
    /// workbook).
    pub reason: String,
}

/// What the identifiers check did, written into every export.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CheckSummary {
    /// Details replaced with placeholders.
    pub replaced: usize,
    /// Details the practitioner looked at and accepted as not identifying.
    pub accepted: usize,
    /// Details left open, with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_in: Option<LeftIn>,
}

/// Everything one export holds, after the identifiers check.
#[derive(Debug, Clone)]
pub struct Export {
    pub exported_at: DateTime<FixedOffset>,
    /// The practitioner's display name, if they set one.
    pub practitioner: Option<String>,
    pub range: DateRange,
    /// The entries as they are to be written (placeholders in), oldest
    /// first.
    pub entries: Vec<Entry>,
    /// The worksheets the entries use, each once.
    pub worksheets: Vec<Worksheet>,
    pub check: CheckSummary,
    /// The supervisee's notes, for a supervision prep note.
    pub prep: Option<prep::Prep>,
    /// The settings' date format, for the dates shown.
    pub date_format: Option<String>,
}

impl Export {
    /// An export of `entries`, using the worksheets they need.
    pub fn new(
        entries: Vec<Entry>,
        all_worksheets: &[Worksheet],
        exported_at: DateTime<FixedOffset>,
        range: DateRange,
    ) -> Export {
        let mut entries = entries;
        entries.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
        let mut worksheets: Vec<Worksheet> = Vec::new();
        for e in &entries {
            if !worksheets.iter().any(|w| w.id == e.worksheet.id)
                && let Some(ws) = all_worksheets.iter().find(|w| w.id == e.worksheet.id)
            {
                worksheets.push(ws.clone());
            }
        }
        Export {
            exported_at,
            practitioner: None,
            range,
            entries,
            worksheets,
            check: CheckSummary::default(),
            prep: None,
            date_format: None,
        }
    }

    /// The practitioner's name and date format from their settings.
    pub fn with_settings(mut self, settings: &crate::settings::Settings) -> Export {
        self.practitioner.clone_from(&settings.display_name);
        self.date_format.clone_from(&settings.date_format);
        self
    }

    pub fn worksheet_of(&self, entry: &Entry) -> Option<&Worksheet> {
        self.worksheets.iter().find(|w| w.id == entry.worksheet.id)
    }

    /// `write(n, entry, doc)` for each entry whose worksheet is known,
    /// numbered from 1, laid out and written on every core; the results in
    /// the entries' order. (A big export is mostly this.)
    pub fn each_entry<T: Send>(
        &self,
        write: impl Fn(usize, &Entry, &doc::EntryDoc) -> T + Sync,
    ) -> Vec<T> {
        let known: Vec<(&Entry, &Worksheet)> = self
            .entries
            .iter()
            .filter_map(|e| self.worksheet_of(e).map(|ws| (e, ws)))
            .collect();
        crate::parallel::map_runs(&known, 64, |first, run| {
            run.iter()
                .enumerate()
                .map(|(i, (entry, ws))| write(first + i + 1, entry, &doc::entry_doc(entry, ws)))
                .collect()
        })
    }

    /// What is known of an entry, for the line under its title: when it
    /// was started and last changed, how far through, when completed and
    /// discussed.
    pub fn facts(&self, entry: &Entry) -> Vec<String> {
        let df = self.date_format.as_deref();
        let mut facts = vec![
            format!(
                "Started {}",
                crate::settings::format_date(&entry.created, df)
            ),
            format!(
                "last changed {}",
                crate::settings::format_date(&entry.updated, df)
            ),
        ];
        if let Some(ws) = self.worksheet_of(entry) {
            facts.push(entry.progress(ws).to_string());
        }
        if let Some(done) = &entry.completed {
            facts.push(format!(
                "completed {}",
                crate::settings::format_date(done, df)
            ));
        }
        if let Some(day) = entry.discussed {
            facts.push(format!(
                "discussed in supervision {}",
                day.format("%-d %b %Y")
            ));
        }
        facts
    }

    /// The line under the heading: who, which days, how many entries.
    pub fn byline(&self) -> String {
        let mut parts = Vec::new();
        if let Some(name) = &self.practitioner {
            parts.push(name.clone());
        }
        let range = self.range.describe();
        if !range.is_empty() {
            parts.push(range);
        }
        parts.push(match self.entries.len() {
            1 => "1 entry".to_string(),
            n => format!("{n} entries"),
        });
        parts.push(format!(
            "exported {}",
            crate::settings::format_date(&self.exported_at, self.date_format.as_deref())
        ));
        parts.join(" · ")
    }

    /// What the identifiers check did, in sentences, or nothing when it
    /// found nothing.
    pub fn check_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let c = &self.check;
        if c.replaced > 0 {
            lines.push(format!(
                "{} possible identifying detail{} replaced with placeholders such as [name].",
                c.replaced,
                if c.replaced == 1 { " was" } else { "s were" }
            ));
        }
        if c.accepted > 0 {
            lines.push(format!(
                "{} possible identifying detail{} checked by the practitioner and kept as not identifying.",
                c.accepted,
                if c.accepted == 1 { " was" } else { "s were" }
            ));
        }
        if let Some(left) = &c.left_in {
            lines.push(format!(
                "{} possible identifying detail{} left in, for this reason: {}",
                left.count,
                if left.count == 1 { " was" } else { "s were" },
                left.reason
            ));
        }
        lines
    }

    /// Writes the export in `format`. A document carries no control
    /// character or bidi override (they are left out); the bundle keeps the
    /// text exactly, with them as JSON escapes ([`crate::safe`]).
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Md => crate::safe::strip(&markdown::render(self)).into_owned(),
            Format::Html => crate::safe::strip(&html::render(self)).into_owned(),
            Format::Json => crate::safe::json(&bundle::Bundle::of(self).to_json()).into_owned(),
        }
    }
}

/// An export waiting for the practitioner's decisions on what the
/// identifying-details check found. Nothing is written until [`finish`]
/// says it may be.
///
/// [`finish`]: Pending::finish
#[derive(Debug, Clone)]
pub struct Pending {
    /// The export as it stands, before any placeholder is put in: its
    /// entries are as they are in the data folder.
    pub export: Export,
    pub findings: Vec<check::Finding>,
    /// One per finding, all [`check::Decision::Open`] to begin with.
    pub decisions: Vec<check::Decision>,
}

/// Why an export cannot be written yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotYet {
    #[error(
        "{0} possible identifying detail{s} still to decide: replace {them} with placeholders, mark {them} as fine, or give a reason for leaving {them} in",
        s = if *.0 == 1 { " is" } else { "s are" },
        them = if *.0 == 1 { "it" } else { "them" }
    )]
    NeedsReason(usize),
}

/// The result of an export: the text to write, and the practitioner's own
/// entries changed by placeholders they chose to put in them too (to be
/// saved).
#[derive(Debug, Clone)]
pub struct Finished {
    pub export: Export,
    pub changed_entries: Vec<Entry>,
}

impl Pending {
    /// Checks `export`'s entries (and prep notes) for identifying details.
    pub fn new(
        export: Export,
        settings: &crate::settings::Settings,
    ) -> Result<Pending, crate::identifiers::ConfigError> {
        let mut findings = check::scan(&export.entries, &export.worksheets, settings)?;
        if let Some(prep) = &export.prep {
            findings.extend(check::scan_prep(prep, settings)?);
        }
        Ok(Pending {
            decisions: vec![check::Decision::Open; findings.len()],
            findings,
            export,
        })
    }

    /// How many findings are still to decide.
    pub fn open(&self) -> usize {
        self.decisions
            .iter()
            .filter(|d| **d == check::Decision::Open)
            .count()
    }

    /// Decides finding `i` and every other still open with the same text
    /// and kind (one answer for eight "Kayla"s).
    pub fn decide_same(&mut self, i: usize, decision: check::Decision) {
        for j in check::same_text(&self.findings, i) {
            if j == i || self.decisions[j] == check::Decision::Open {
                self.decisions[j] = decision;
            }
        }
    }

    /// Sets every open finding to `decision`.
    pub fn decide_open(&mut self, decision: check::Decision) {
        for d in &mut self.decisions {
            if *d == check::Decision::Open {
                *d = decision;
            }
        }
    }

    /// The export with the placeholders put in, once every finding is
    /// decided or a reason is given for leaving the open ones in. `now`
    /// stamps the entries changed in the data folder.
    pub fn finish(
        self,
        reason: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<Finished, NotYet> {
        let open = self.open();
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if open > 0 && reason.is_none() {
            return Err(NotYet::NeedsReason(open));
        }
        let Pending {
            mut export,
            findings,
            decisions,
        } = self;
        // The practitioner's own entries changed too, worked out from the
        // entries before the export's placeholders go in.
        let mut changed_entries = Vec::new();
        let mut in_entry: Vec<usize> = findings
            .iter()
            .zip(&decisions)
            .filter(|(_, d)| **d == check::Decision::ReplaceInEntry)
            .map(|(f, _)| f.entry)
            .filter(|n| *n < export.entries.len())
            .collect();
        in_entry.dedup();
        for n in in_entry {
            let (mine, theirs): (Vec<check::Finding>, Vec<check::Decision>) = findings
                .iter()
                .zip(&decisions)
                .filter(|(f, _)| f.entry == n)
                .map(|(f, d)| {
                    let mut f = f.clone();
                    f.entry = 0;
                    (f, *d)
                })
                .unzip();
            let mut own = [export.entries[n].clone()];
            check::apply(&mut own, &mine, &theirs, |d| {
                d == check::Decision::ReplaceInEntry
            });
            let [mut own] = own;
            own.updated = now;
            changed_entries.push(own);
        }
        check::apply(
            &mut export.entries,
            &findings,
            &decisions,
            check::Decision::replaces,
        );
        if let Some(prep) = &mut export.prep {
            check::apply_prep(prep, &findings, &decisions);
        }
        export.check = check::summary(&decisions, reason);
        Ok(Finished {
            export,
            changed_entries,
        })
    }
}

/// Where exports from the workbook go: a "spiral exports" folder in the
/// person's documents folder, or their home folder.
pub fn default_folder() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    let base = dirs
        .document_dir()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dirs.home_dir().to_path_buf());
    Some(base.join("spiral exports"))
}

/// A new export's file name, from when it was made:
/// `reflections-2026-11-26-1405.md`, or `supervision-prep-…` for a
/// supervision prep note.
pub fn file_name(export: &Export, format: Format) -> String {
    let what = if export.prep.is_some() {
        "supervision-prep"
    } else {
        "reflections"
    };
    format!(
        "{what}-{}.{}",
        export.exported_at.format("%Y-%m-%d-%H%M"),
        format.extension()
    )
}

/// `path`, or the first of `name-2.ext`, `name-3.ext`… that does not exist,
/// so an export never overwrites an earlier one.
pub fn unused_path(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (2..)
        .map(|n| path.with_file_name(format!("{stem}-{n}{ext}")))
        .find(|p| !p.exists())
        .expect("some number is free")
}

/// Writes an export to `path` all at once (a half-written export is never
/// left behind), making its folder if needed. Refuses to replace an
/// existing file unless `replace` is set.
pub fn write(path: &Path, text: &str, replace: bool) -> std::io::Result<()> {
    if !replace && path.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "{} already exists; choose another file, or pass --force to replace it",
                path.display()
            ),
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    crate::store::make_private_dir(&dir)?;
    sweep_leftovers(&dir);
    crate::store::write_atomically_named(&dir, path, text.as_bytes(), EXPORTING)
}

/// How the temporary copy of an export being written is named. Only
/// exports use it, so such a file is never the only copy of anything.
pub const EXPORTING: &str = ".exporting-";

/// Older than this, a temporary export copy belongs to no export still
/// being written (the largest take seconds).
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Temporary copies of exports a kill or a crash interrupted, in `dir`.
pub fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    found.retain(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(EXPORTING))
    });
    found.sort();
    found
}

/// Deletes the temporary copies left in `dir` by exports that were
/// interrupted: each is only a partial copy of an export, never the only
/// copy of anything a person wrote. One being written now is left alone.
fn sweep_leftovers(dir: &Path) {
    for path in leftovers(dir) {
        let old = std::fs::symlink_metadata(&path)
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > LEFTOVER_AGE);
        if old {
            let _ = std::fs::remove_file(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_reads_naturally() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let r = DateRange {
            from: d("2026-11-01"),
            to: d("2026-11-26"),
        };
        assert_eq!(r.describe(), "1 Nov 2026 to 26 Nov 2026");
        let one = DateRange {
            from: d("2026-11-26"),
            to: d("2026-11-26"),
        };
        assert_eq!(one.describe(), "26 Nov 2026");
        assert_eq!(DateRange::default().describe(), "");
    }

    #[test]
    fn an_exports_name_says_when_and_what_it_is() {
        let at = DateTime::parse_from_rfc3339("2026-11-26T14:05:00+11:00").unwrap();
        let mut export = Export::new(Vec::new(), &[], at, DateRange::default());
        assert_eq!(
            file_name(&export, Format::Md),
            "reflections-2026-11-26-1405.md"
        );
        export.prep = Some(prep::Prep::default());
        assert_eq!(
            file_name(&export, Format::Html),
            "supervision-prep-2026-11-26-1405.html"
        );
    }

    #[test]
    fn an_export_never_overwrites_an_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reflections.md");
        write(&path, "first", false).unwrap();
        let err = write(&path, "second", false).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        let next = unused_path(&path);
        assert_eq!(next, dir.path().join("reflections-2.md"));
        write(&next, "second", false).unwrap();
        assert_eq!(unused_path(&path), dir.path().join("reflections-3.md"));
    }
}
