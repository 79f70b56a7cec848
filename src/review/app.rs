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
    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size().context("cannot read the terminal's size")?;
        dispatch(
            model,
            Msg::Resize {
                width: size.width,
                height: size.height,
            },
        );
        while !model.should_quit {
            terminal
                .draw(|frame| super::ui::view(model, frame))
                .context("cannot draw on the terminal")?;
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
    crate::app::close_terminal();
    result
}

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
    }
}
