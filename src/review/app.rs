//! The review's driver: draw, read a key, update, run the effects. The only
//! part of the review that touches the terminal, the clock and the disk.

use std::collections::VecDeque;

use anyhow::Context as _;
use crossterm::event::{self, Event, KeyEventKind};

use super::msg::{Effect, Msg};
use super::state::Review;
use super::update::update;
use crate::export::feedback;

/// Runs the review until the supervisor quits.
pub fn run(model: &mut Review) -> anyhow::Result<()> {
    // The review has no use for the mouse: leaving it to the terminal lets
    // the supervisor select and copy text.
    let mut terminal = crate::app::open_terminal(false);
    let signals = crate::app::Signals::watch();
    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size().context("cannot read the terminal's size")?;
        dispatch(
            model,
            Msg::Resize {
                width: size.width,
                height: size.height,
            },
        );
        while !model.should_quit && signals.received().is_none() {
            terminal
                .draw(|frame| super::ui::view(model, frame))
                .context("cannot draw on the terminal")?;
            // Waits in short steps, so a signal is answered within a moment.
            if !crate::app::input_ready(SIGNAL_POLL)? {
                continue;
            }
            let msg = match event::read().context("cannot read the keyboard")? {
                Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
                Event::Paste(text) => Some(Msg::Paste(text)),
                Event::Resize(width, height) => Some(Msg::Resize { width, height }),
                _ => None,
            };
            if let Some(msg) = msg {
                dispatch(model, msg);
            }
        }
        Ok(())
    })();
    // A signal, or a terminal that can no longer be used: save what can be.
    let stop = signals
        .received()
        .or(result.is_err().then_some(crate::msg::Stop::TerminalLost));
    if let Some(stop) = stop {
        dispatch(model, Msg::Stop(stop));
    }
    crate::app::close_terminal();
    match stop {
        Some(stop) => {
            let mut message = model.exit_message.take().unwrap_or_default();
            if let Err(e) = result {
                message = format!("{message} ({e:#})");
            }
            Err(crate::app::Stopped { stop, message }.into())
        }
        None => result,
    }
}

/// How often a signal is looked for while no key comes.
const SIGNAL_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Now, to the second.
use crate::app::now;

/// Updates the review with `msg` and runs what it asks for, feeding the
/// results back, until nothing is left to do.
pub fn dispatch(model: &mut Review, msg: Msg) {
    let mut queue = VecDeque::from([msg]);
    while let Some(msg) = queue.pop_front() {
        let id = uuid::Uuid::new_v4().to_string();
        for effect in update(model, msg, now(), &id) {
            queue.push_back(run_effect(effect));
        }
    }
}

/// Does what an effect asks and says how it went. Nothing of the comments'
/// text is logged.
pub fn run_effect(effect: Effect) -> Msg {
    match effect {
        Effect::Save { path, feedback } => match feedback::save(&path, &feedback) {
            Ok(()) => Msg::Saved,
            Err(e) => Msg::SaveFailed(e.to_string()),
        },
        Effect::WriteRecovery { name, feedback } => {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
            let files = [(name, feedback.to_json().into_bytes())];
            match crate::app::write_recovery(None, &files, &stamp) {
                Ok(folder) => Msg::RecoveryWritten(folder.display().to_string()),
                Err(e) => Msg::RecoveryFailed(e),
            }
        }
    }
}
