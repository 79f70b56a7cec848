//! What the review holds: the bundle (never changed), the supervisor's
//! feedback (changed and saved), and where they are.

use std::path::PathBuf;

use chrono::NaiveDate;
use ratatui_textarea::TextArea;

use super::keymap::Context;
use crate::export::bundle::Bundle;
use crate::export::doc::{self, EntryDoc};
use crate::export::feedback::Feedback;
use crate::model::entry::{Comment, Entry};
use crate::model::worksheet::Worksheet;
use crate::ui::theme::Theme;

pub struct Review {
    /// The entries under review. Read once; nothing here ever writes it.
    pub bundle: Bundle,
    /// Each entry's worksheet, by index into the bundle's definitions.
    sheets: Vec<usize>,
    pub bundle_path: PathBuf,
    pub feedback_path: PathBuf,
    /// The supervisor's comments and discussed days: what gets saved.
    pub feedback: Feedback,
    /// The name written on each new comment.
    pub reviewer: Option<String>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// Why the last save failed; cleared when one works.
    pub save_error: Option<String>,
    /// A change not yet on disk (only while a save is failing).
    pub unsaved: bool,
    /// Quit as soon as the save now being tried works.
    pub quit_after_save: bool,
    pub should_quit: bool,
    /// Stopped from outside (a signal, a lost terminal): nothing is asked.
    pub stopping: Option<crate::msg::Stop>,
    /// Said on the terminal after the review closes.
    pub exit_message: Option<String>,
    pub theme: Theme,
    /// The settings' date format, for times shown.
    pub date_format: Option<String>,
    /// The terminal's size: what the reading view is laid out for.
    pub width: u16,
    pub height: u16,
    /// The selected row of the list.
    pub selected: usize,
    /// Where each entry was left, so going back to it returns there.
    pub places: Vec<Option<Reading>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    List,
    Entry(Reading),
}

/// Reading one entry: which section, which answer is marked, how far down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub entry: usize,
    pub section: usize,
    /// The marked answer, an index into the section's targets.
    pub cursor: usize,
    /// The first line shown.
    pub scroll: usize,
}

pub enum Overlay {
    Help {
        scroll: u16,
    },
    Write(Box<Writing>),
    ConfirmDelete {
        entry: usize,
        comment: String,
        about: String,
    },
    Discussed {
        entry: usize,
        input: Box<TextArea<'static>>,
        error: Option<String>,
    },
    /// Quitting although the last save failed.
    ConfirmQuit,
}

/// The comment box.
pub struct Writing {
    pub entry: usize,
    /// The answer it is about; `None` for the entry as a whole.
    pub key: Option<String>,
    /// What it is about, in words, for the box's title.
    pub about: String,
    pub editor: TextArea<'static>,
    /// The comment being changed, or `None` for a new one.
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Review {
    /// A review of `bundle`, with the feedback there is so far. Fails only
    /// when an entry's worksheet is missing, which reading a bundle already
    /// refuses.
    pub fn new(
        bundle: Bundle,
        bundle_path: PathBuf,
        feedback_path: PathBuf,
        feedback: Feedback,
        reviewer: Option<String>,
    ) -> Result<Review, String> {
        let sheets = bundle
            .entries
            .iter()
            .map(|e| {
                bundle
                    .worksheet_definitions
                    .iter()
                    .position(|w| w.id == e.worksheet.id)
                    .ok_or_else(|| {
                        format!(
                            "entry {} uses the worksheet {:?}, which is not in the bundle",
                            e.id, e.worksheet.id
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let count = bundle.entries.len();
        Ok(Review {
            bundle,
            sheets,
            bundle_path,
            feedback_path,
            feedback,
            reviewer,
            screen: Screen::List,
            overlay: None,
            status: None,
            save_error: None,
            unsaved: false,
            quit_after_save: false,
            should_quit: false,
            stopping: None,
            exit_message: None,
            theme: Theme::default(),
            date_format: None,
            width: 80,
            height: 24,
            selected: 0,
            places: vec![None; count],
        })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.bundle.entries
    }

    pub fn entry(&self, i: usize) -> &Entry {
        &self.bundle.entries[i]
    }

    pub fn worksheet(&self, i: usize) -> &Worksheet {
        &self.bundle.worksheet_definitions[self.sheets[i]]
    }

    /// The supervisor's own comments on entry `i` (in the feedback file).
    pub fn ours(&self, i: usize) -> &[Comment] {
        self.feedback
            .entry(&self.entry(i).id)
            .map_or(&[], |f| f.comments.as_slice())
    }

    /// Whether a comment is the supervisor's own (and so theirs to change),
    /// rather than one that came with the bundle from an earlier review.
    pub fn is_ours(&self, i: usize, comment: &str) -> bool {
        self.ours(i).iter().any(|c| c.id == comment)
    }

    /// The supervisor's comment on one answer, or on the whole entry (`None`).
    pub fn our_comment(&self, i: usize, key: Option<&str>) -> Option<&Comment> {
        self.ours(i).iter().find(|c| c.key.as_deref() == key)
    }

    /// The day entry `i` was marked discussed in this review.
    pub fn discussed(&self, i: usize) -> Option<NaiveDate> {
        self.feedback
            .entry(&self.entry(i).id)
            .and_then(|f| f.discussed)
    }

    /// Entry `i` laid out for reading, with the comments that came with it
    /// and the supervisor's own, each under what it is about.
    pub fn doc(&self, i: usize) -> EntryDoc {
        let mut entry = self.entry(i).clone();
        // A comment carried on from an earlier review that also came back in
        // the bundle is shown once, as it is now.
        entry.feedback.retain(|c| !self.is_ours(i, &c.id));
        entry.feedback.extend(self.ours(i).iter().cloned());
        doc::entry_doc(&entry, self.worksheet(i))
    }

    /// The entry being read, if one is.
    pub fn reading(&self) -> Option<Reading> {
        match self.screen {
            Screen::Entry(r) => Some(r),
            Screen::List => None,
        }
    }

    /// The entry that `o` and `m` act on: the one being read, or the one
    /// selected in the list.
    pub fn current(&self) -> Option<usize> {
        match self.screen {
            Screen::Entry(r) => Some(r.entry),
            Screen::List => (self.selected < self.entries().len()).then_some(self.selected),
        }
    }

    /// Where the keyboard is.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Write(_)) => Context::Writing,
            Some(Overlay::ConfirmDelete { .. }) => Context::Confirm,
            Some(Overlay::Discussed { .. }) => Context::Date,
            Some(Overlay::ConfirmQuit) => Context::QuitUnsaved,
            None => match self.screen {
                Screen::List => Context::List,
                Screen::Entry(_) => Context::Reading,
            },
        }
    }
}
