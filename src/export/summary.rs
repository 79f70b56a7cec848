//! What an export will write, added up before it is written: per entry,
//! what was decided about each possible identifying detail, the totals,
//! and which kinds were found. The workbook shows it as the last step
//! before the file is written.

use chrono::{DateTime, FixedOffset};

use super::Pending;
use super::check::{self, Decision};
use crate::identifiers::Kind;

/// How the decisions about one entry's details (or all of them) add up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Replaced with a placeholder in the export only (`r`, `a`, `R`).
    pub replaced: usize,
    /// Replaced in the export and in the practitioner's entry (`e`).
    pub in_entry: usize,
    /// Replaced because the text is on the never-export list (`n`, or a
    /// name the list already held).
    pub never: usize,
    /// Looked at and kept as fine (`k`).
    pub kept: usize,
    /// Kept because the text is on the safe-words list (`s`).
    pub safe: usize,
    /// Left in undecided, with the reason given.
    pub open: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.replaced + self.in_entry + self.never + self.kept + self.safe + self.open
    }

    fn add(&mut self, other: &Counts) {
        self.replaced += other.replaced;
        self.in_entry += other.in_entry;
        self.never += other.never;
        self.kept += other.kept;
        self.safe += other.safe;
        self.open += other.open;
    }
}

/// One entry of the export (or the prep notes), and what was decided
/// about its details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryLine {
    /// The family label as it is in the entry; "" for the prep notes.
    pub label: String,
    /// The worksheet's title; "" for the prep notes.
    pub worksheet: String,
    /// When the entry was last changed; `None` for the prep notes.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Whether this is the supervision prep notes rather than an entry.
    pub prep: bool,
    pub counts: Counts,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// How many entries the file holds.
    pub entries: usize,
    /// One line per entry in the export's order, then the prep notes if
    /// the export has them.
    pub lines: Vec<EntryLine>,
    pub total: Counts,
    /// Each kind found and how many times, in [`Kind::ALL`]'s order.
    pub kinds: Vec<(Kind, usize)>,
    /// The reason given for the details left in, when some are.
    pub reason: Option<String>,
}

/// Adds up `pending`'s decisions. `never_export` and `safe_words` are the
/// settings' lists as they are now (`n` and `s` add to them), so a detail
/// decided through one of them is counted as such.
pub fn of(
    pending: &Pending,
    never_export: &[String],
    safe_words: &[String],
    reason: &str,
) -> Summary {
    let on = |list: &[String], text: &str| {
        let text = text.to_lowercase();
        list.iter().any(|w| w.to_lowercase() == text)
    };
    let export = &pending.export;
    let mut lines: Vec<EntryLine> = export
        .entries
        .iter()
        .map(|e| EntryLine {
            label: e.family_label.clone(),
            worksheet: export
                .worksheet_of(e)
                .map_or_else(|| e.worksheet.id.clone(), |w| w.title.clone()),
            updated: Some(e.updated),
            prep: false,
            counts: Counts::default(),
        })
        .collect();
    let mut prep = export.prep.as_ref().map(|_| EntryLine {
        label: String::new(),
        worksheet: String::new(),
        updated: None,
        prep: true,
        counts: Counts::default(),
    });
    let mut kinds: Vec<(Kind, usize)> = Vec::new();
    for (f, d) in pending.findings.iter().zip(&pending.decisions) {
        let line = if f.entry == check::PREP {
            prep.as_mut()
        } else {
            lines.get_mut(f.entry)
        };
        let Some(line) = line else { continue };
        let c = &mut line.counts;
        let text = f.hit.matched.as_str();
        match d {
            Decision::Replace if f.hit.kind == Kind::NeverExport || on(never_export, text) => {
                c.never += 1;
            }
            Decision::Replace => c.replaced += 1,
            Decision::ReplaceInEntry => c.in_entry += 1,
            Decision::Accept if on(safe_words, text) => c.safe += 1,
            Decision::Accept => c.kept += 1,
            Decision::Open => c.open += 1,
        }
        match kinds.iter_mut().find(|(k, _)| *k == f.hit.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((f.hit.kind, 1)),
        }
    }
    kinds.sort_by_key(|(k, _)| Kind::ALL.iter().position(|a| a == k));
    lines.extend(prep);
    let mut total = Counts::default();
    for line in &lines {
        total.add(&line.counts);
    }
    let reason = reason.trim();
    Summary {
        entries: export.entries.len(),
        reason: (total.open > 0 && !reason.is_empty()).then(|| reason.to_string()),
        lines,
        total,
        kinds,
    }
}
