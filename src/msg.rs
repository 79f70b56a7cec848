//! What can happen to the app (`Msg`) and what the app asks the outside world
//! to do (`Effect`). `update` turns the first into the second without touching
//! the disk, the clock or the terminal.

use crossterm::event::KeyEvent;

use crate::catalog::{Catalog, Changes};
use crate::model::entry::Entry;
use crate::store::LoadFailure;

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// A mouse wheel or click (when the mouse is on in the settings).
    Mouse(crossterm::event::MouseEvent),
    /// The terminal's size, at start and whenever it changes.
    Resize {
        width: u16,
        height: u16,
    },
    /// The workbook is about to show its first screen.
    Started,
    /// One entry was read from disk (asked for with [`Effect::Load`]).
    Loaded {
        id: String,
        result: Result<Box<Entry>, LoadFailure>,
    },
    /// The background check of the files against the index finished.
    Checked(Result<Changes, String>),
    /// Search texts for entries read in the background: one text holding
    /// them all, and each entry's id and place in it.
    SearchTexts {
        text: String,
        items: Vec<(String, std::ops::Range<usize>)>,
    },
    /// Writing the summary index worked, or failed (it is derived data).
    IndexWritten(Result<(), String>),
    /// Time passed: unsaved work is saved.
    Tick,
    Saved {
        id: String,
    },
    /// Saved, but the entry's file had been changed behind the app's back:
    /// both versions are kept, as `saved` says where.
    SavedBoth {
        id: String,
        saved: crate::store::Saved,
    },
    SaveFailed {
        id: String,
        error: String,
    },
    /// The data folder's lock file was deleted and another copy of spiral
    /// took the folder: nothing more may be written from here.
    LockLost,
    /// What came back from the external editor.
    ExternalEditDone(ExternalEdit),
    Trashed {
        id: String,
    },
    Restored {
        id: String,
    },
    TrashEmptied {
        count: usize,
    },
    /// Moving to or from the trash, or emptying it, failed.
    TrashFailed {
        error: String,
    },
    /// Unsaved entries were written to recovery files in this folder.
    RecoveryWritten {
        folder: String,
    },
    RecoveryFailed {
        error: String,
    },
    /// The entries an export needs, read from disk (asked for with
    /// [`Effect::ReadForExport`]).
    ReadForExport(Vec<(String, Result<Box<Entry>, LoadFailure>)>),
    /// An export was written to this file, or could not be (the error
    /// names the file).
    ExportWritten(Result<std::path::PathBuf, String>),
    /// The supervision prep answers were read, or could not be.
    PrepLoaded(Result<crate::export::prep::Prep, String>),
    PrepSaved,
    PrepSaveFailed(String),
    /// The decisions about identifying details were kept, or could not be
    /// (the error names the file).
    DecisionsSaved(Result<(), String>),
    /// A detail was added to a list in the settings file (what was said
    /// about it), or could not be (why).
    AddedToSettings(Result<String, String>),
    /// The feedback file to suggest when importing (asked for with
    /// [`Effect::FindFeedback`]), as a person would type it.
    FeedbackFound(Option<String>),
    /// A typed path finished with Tab ([`Effect::CompletePath`]).
    PathCompleted {
        typed: String,
        completion: crate::files::Completion,
    },
    /// A supervisor's feedback file was read ([`Effect::ReadFeedback`]), or
    /// why it could not be.
    FeedbackRead(Result<Box<FeedbackRead>, String>),
    /// The system asked spiral to stop (a signal), or the terminal went
    /// away: save everything, else write it to a recovery folder, and quit.
    Stop(Stop),
}

/// What the external editor (Ctrl-E) gave back. Nothing it wrote is ever
/// thrown away: what cannot be taken in as it is stays in its file.
#[derive(Debug, Clone, PartialEq)]
pub enum ExternalEdit {
    /// It finished; this is its text.
    Done(String),
    /// It finished, but wrote bytes that are not UTF-8 text: the text with
    /// those shown as U+FFFD, and the file as written, kept here.
    NotUtf8 {
        text: String,
        kept: std::path::PathBuf,
    },
    /// It did not finish well (or could not start), so the answer stays as
    /// it was; what it wrote is kept here when it differs from the answer.
    Failed {
        error: String,
        kept: Option<std::path::PathBuf>,
    },
}

/// Why spiral is being stopped from outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// SIGTERM: `kill`, a shutdown, a service manager.
    Terminate,
    /// SIGHUP: the terminal window was closed, or the person logged out.
    HangUp,
    /// SIGINT: `kill -INT` (Ctrl-C reaches the workbook as a key, not this).
    Interrupt,
    /// The terminal could no longer be read or drawn on.
    TerminalLost,
}

impl Stop {
    /// How it is named to the person.
    pub fn name(self) -> &'static str {
        match self {
            Stop::Terminate => "SIGTERM",
            Stop::HangUp => "SIGHUP, the terminal was closed",
            Stop::Interrupt => "SIGINT",
            Stop::TerminalLost => "the terminal went away",
        }
    }

    /// The exit code, as shells expect after a signal (128 + its number).
    pub fn exit_code(self) -> u8 {
        match self {
            Stop::Terminate => 143,
            Stop::HangUp => 129,
            Stop::Interrupt => 130,
            Stop::TerminalLost => 1,
        }
    }
}

/// A feedback file as read, with the entries it names that the app had
/// not read yet.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackRead {
    pub feedback: crate::export::feedback::Feedback,
    pub entries: Vec<(String, Result<Box<Entry>, LoadFailure>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save(Box<Entry>),
    /// Read one entry; the result comes back as `Loaded`.
    Load(String),
    /// Write the summary index from these summaries.
    WriteIndex {
        catalog: Box<Catalog>,
        fingerprint: u64,
    },
    /// Open the text in `$VISUAL`/`$EDITOR`; the result comes back as `ExternalEditDone`.
    EditExternally {
        text: String,
    },
    /// Move an entry's file to the trash folder.
    Trash(String),
    /// Move an entry's file back from the trash.
    Restore(String),
    /// Delete everything in the trash, for good.
    EmptyTrash,
    /// Write these entries somewhere safe, away from the failing data folder.
    WriteRecovery {
        entries: Vec<Entry>,
        /// The supervision prep answers, when they are unsaved too.
        prep: Option<crate::export::prep::Prep>,
    },
    /// Read these entries for an export; they come back as `ReadForExport`.
    ReadForExport(Vec<String>),
    /// Write an export as a new file called `name` (or `name-2`…, never
    /// over another) in `folder`; the result comes back as `ExportWritten`.
    WriteExport {
        folder: std::path::PathBuf,
        name: String,
        text: String,
    },
    /// Keep what was decided about identifying details for the next
    /// export (`decisions.json`); the result comes back as
    /// `DecisionsSaved`.
    SaveDecisions(crate::export::remembered::Remembered),
    /// Add `text` to the list `key` (`never_export` or `safe_words`) in the
    /// settings file at `path`, keeping the rest of it; the result comes
    /// back as `AddedToSettings`.
    AddToSettings {
        path: std::path::PathBuf,
        key: &'static str,
        text: String,
    },
    /// Read the supervision prep answers; they come back as `PrepLoaded`.
    LoadPrep,
    /// Write the supervision prep answers, stamped `at`.
    SavePrep {
        prep: crate::export::prep::Prep,
        at: chrono::DateTime<chrono::FixedOffset>,
    },
    /// Look for a feedback file to suggest; the answer comes back as `FeedbackFound`.
    FindFeedback,
    /// Finish a typed path from the names on disk; comes back as `PathCompleted`.
    CompletePath(String),
    /// Read the feedback file at the typed path (`~` is the home folder), and
    /// the entries it names that are not among `have` (already read); comes
    /// back as `FeedbackRead`.
    ReadFeedback {
        path: String,
        have: Vec<String>,
    },
}
