//! What happens to the review (`Msg`) and what it asks the world to do
//! (`Effect`).

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use crate::export::feedback::Feedback;

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// The terminal's size, at start and whenever it changes.
    Resize {
        width: u16,
        height: u16,
    },
    /// The feedback file was written.
    Saved,
    /// Writing the feedback file failed, for this reason.
    SaveFailed(String),
    /// Stopped from outside: keep the comment being written, save, quit.
    Stop(crate::msg::Stop),
    /// The feedback was written to this recovery folder instead.
    RecoveryWritten(String),
    RecoveryFailed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write the whole feedback file, all at once, to `path`.
    Save {
        path: PathBuf,
        feedback: Box<Feedback>,
    },
    /// Write the feedback file (its `name`, whole) to a recovery folder,
    /// when it cannot be saved where it belongs.
    WriteRecovery {
        name: String,
        feedback: Box<Feedback>,
    },
}
