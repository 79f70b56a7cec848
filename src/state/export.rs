//! What the export and supervision prep screens hold.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use crate::export::check::{Decision, Finding};
use crate::export::prep::{PROMPTS, Prep};
use crate::export::summary::Summary;
use crate::export::{Format, Pending};
use crate::model::entry::Entry;

/// An export being made from the workbook: choose, format, check, write.
pub struct ExportFlow {
    /// Entries chosen on Home, or the supervision prep note.
    pub what: Exporting,
    /// The entries listed to choose from (Home's rows when it opened), by id.
    pub rows: Vec<String>,
    /// The chosen entries, by id.
    pub chosen: BTreeSet<String>,
    /// The highlighted row of the chooser.
    pub row: usize,
    /// The highlighted format, in [`ExportFlow::formats`].
    pub format: usize,
    pub step: ExportStep,
    /// The export and what the check found, once the entries are read.
    pub pending: Option<Box<Pending>>,
    /// The finding shown, on the check screen.
    pub current: usize,
    /// Why details are left in, when some are.
    pub reason: TextArea<'static>,
    /// Entries the practitioner chose to change too, saved once the file
    /// is written.
    pub changed: Vec<Entry>,
    /// How many entries the file holds and what the check came to, for
    /// the status line once it is written.
    pub done: Option<(usize, String)>,
    /// How many findings were decided as at an earlier export.
    pub recalled: usize,
    /// What will be written, added up once the check is done: the last
    /// step before the file is written.
    pub summary: Option<Summary>,
    /// The first entry shown in the summary's list, when they do not all fit.
    pub summary_scroll: usize,
}

pub enum Exporting {
    Entries,
    /// The prep screen, to go back to.
    Prep(Box<PrepScreen>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportStep {
    Choose,
    Format,
    /// Entries not yet read are being read.
    Reading,
    Check,
    Reason,
    /// What will be written, before it is: Enter writes.
    Summary,
    /// The file is being written.
    Writing,
}

impl ExportFlow {
    pub fn new(what: Exporting, rows: Vec<String>, chosen: BTreeSet<String>) -> ExportFlow {
        let step = match what {
            Exporting::Entries => ExportStep::Choose,
            Exporting::Prep(_) => ExportStep::Format,
        };
        ExportFlow {
            what,
            rows,
            chosen,
            row: 0,
            format: 0,
            step,
            pending: None,
            current: 0,
            reason: reason_input(),
            changed: Vec::new(),
            done: None,
            recalled: 0,
            summary: None,
            summary_scroll: 0,
        }
    }

    pub fn is_prep(&self) -> bool {
        matches!(self.what, Exporting::Prep(_))
    }

    /// The formats offered: a prep note is for reading, so no bundle.
    pub fn formats(&self) -> &'static [Format] {
        if self.is_prep() {
            &[Format::Md, Format::Html]
        } else {
            &Format::ALL
        }
    }

    pub fn chosen_format(&self) -> Format {
        let formats = self.formats();
        formats[self.format.min(formats.len() - 1)]
    }

    pub fn findings(&self) -> &[Finding] {
        self.pending.as_deref().map_or(&[], |p| &p.findings)
    }

    pub fn decisions(&self) -> &[Decision] {
        self.pending.as_deref().map_or(&[], |p| &p.decisions)
    }

    /// How many findings are still to decide.
    pub fn open(&self) -> usize {
        self.pending.as_deref().map_or(0, Pending::open)
    }
}

/// The one-line field for the reason details are left in.
pub fn reason_input() -> TextArea<'static> {
    let mut input = super::label_input();
    input.set_placeholder_text(crate::text::export::REASON_PLACEHOLDER);
    input
}

/// The supervision prep screen: a field for each of [`PROMPTS`].
pub struct PrepScreen {
    pub fields: [TextArea<'static>; 3],
    pub focus: usize,
}

impl PrepScreen {
    pub fn new(prep: &Prep) -> PrepScreen {
        let field = |i: usize| {
            let mut input = super::answer_editor(&prep.answers[i]);
            input.set_wrap_mode(WrapMode::WordOrGlyph);
            input.set_placeholder_text(PROMPTS[i].1);
            input
        };
        let mut screen = PrepScreen {
            fields: [field(0), field(1), field(2)],
            focus: 0,
        };
        screen.focus_on(0);
        screen
    }

    /// Moves the keyboard to field `i`: only its cursor shows.
    pub fn focus_on(&mut self, i: usize) {
        self.focus = i.min(self.fields.len() - 1);
        for (n, field) in self.fields.iter_mut().enumerate() {
            field.set_cursor_style(if n == self.focus {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            });
        }
    }

    /// The answers as typed.
    pub fn answers(&self) -> [String; 3] {
        [0, 1, 2].map(|i| super::editor_text(&self.fields[i]))
    }
}

/// The supervision prep answers, as kept in the data folder.
#[derive(Debug, Clone, Default)]
pub struct PrepNotes {
    /// The answers, once read from the data folder (`None` until the prep
    /// screen is first opened).
    pub answers: Option<Prep>,
    /// Typed and not yet written.
    pub unsaved: bool,
    /// Why the last write failed, while it keeps failing.
    pub error: Option<String>,
}

/// The day of the last supervision, and the entries changed since that a
/// note can hold (their worksheet is one this spiral has), from the
/// summaries alone. The screens count what the note will hold.
pub fn since_last_supervision(model: &super::Model) -> (Option<NaiveDate>, Vec<usize>) {
    let since =
        crate::export::prep::last_supervision(model.entries.iter().map(|r| r.summary.discussed));
    let changed = (0..model.entries.len())
        .filter(|&i| crate::export::prep::changed_since(&model.entries[i].summary.updated, since))
        .filter(|&i| exportable(model, i))
        .collect();
    (since, changed)
}

/// Whether entry `index` can be exported: its worksheet is one this spiral has.
pub fn exportable(model: &super::Model, index: usize) -> bool {
    model
        .worksheet_by_id(&model.entries[index].summary.worksheet.id)
        .is_some()
}
