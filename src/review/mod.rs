//! `spiral review FILE.json`: a supervisor reads a bundle of a supervisee's
//! entries, section by section, and writes comments on answers and on each
//! entry as a whole, and marks entries discussed in supervision.
//!
//! The bundle is only read. Everything the supervisor does goes to a
//! separate feedback file ([`crate::export::feedback`]), saved whole after
//! every change, which the supervisee brings into their entries.
//!
//! A small app of its own, shaped like the workbook: a model
//! ([`state::Review`]), a pure [`update`](update::update) that returns
//! effects, a view ([`ui`]) and one key table ([`keymap`]).

pub mod app;
pub mod keymap;
pub mod layout;
pub mod msg;
pub mod state;
pub mod text;
pub mod ui;
pub mod update;

use std::path::{Path, PathBuf};

use anyhow::bail;
use chrono::{DateTime, FixedOffset};

use crate::export::{bundle, feedback};
use crate::settings::Settings;
use crate::ui::theme::Theme;
pub use state::Review;

/// Reads the bundle and, if there is one, the feedback file so far, and
/// makes the review of them. Fails, having changed nothing, when either
/// cannot be read: the message names the file and says what is wrong.
pub fn open(
    bundle_path: &Path,
    feedback_path: Option<&Path>,
    reviewer: Option<String>,
    now: DateTime<FixedOffset>,
) -> anyhow::Result<Review> {
    let bundle = bundle::read(bundle_path)?;
    let feedback_path: PathBuf = feedback_path
        .map(Path::to_path_buf)
        .unwrap_or_else(|| feedback::path_beside(bundle_path));
    if same_file(bundle_path, &feedback_path) {
        bail!(
            "{} is the bundle itself; comments go to a file of their own (leave out --feedback to use {})",
            feedback_path.display(),
            feedback::path_beside(bundle_path).display()
        );
    }
    let reviewer = reviewer
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    let (fb, carried_on) = if feedback_path.exists() {
        (feedback::read(&feedback_path)?, true)
    } else {
        (
            feedback::Feedback::for_bundle(&bundle, reviewer.clone(), now),
            false,
        )
    };
    let mut said = Vec::new();
    if carried_on {
        said.push(format!(
            "Carrying on from {}: {}.",
            feedback_path.display(),
            text::comments(fb.comment_count())
        ));
        if fb.bundle.exported_at != bundle.exported_at {
            said.push(format!(
                "It was started on a bundle exported {}; this one was exported {}. Comments stay with the entries they are about.",
                fb.bundle.exported_at.format("%-d %b %Y %H:%M"),
                bundle.exported_at.format("%-d %b %Y %H:%M")
            ));
        }
        let elsewhere = fb
            .entries
            .iter()
            .filter(|f| !bundle.entries.iter().any(|e| e.id == f.entry_id))
            .count();
        if elsewhere > 0 {
            said.push(format!(
                "It also holds feedback on {elsewhere} {} not in this bundle, kept as it is.",
                if elsewhere == 1 { "entry" } else { "entries" }
            ));
        }
    }
    let mut review = Review::new(
        bundle,
        bundle_path.to_path_buf(),
        feedback_path,
        fb,
        reviewer,
    )
    .map_err(anyhow::Error::msg)?;
    if !said.is_empty() {
        review.status = Some(state::Status {
            text: said.join(" "),
            error: false,
        });
    }
    Ok(review)
}

/// Whether two paths name one file (only when the second exists).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `spiral review`: checks the files before the terminal is touched, then
/// runs the review, and says on the way out where the comments are.
pub fn run(
    bundle_path: &Path,
    feedback_path: Option<&Path>,
    reviewer: Option<String>,
    settings: &Settings,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let now = chrono::Local::now().fixed_offset();
    let reviewer = reviewer.or_else(|| settings.display_name.clone());
    let mut review = open(bundle_path, feedback_path, reviewer, now)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the review needs a terminal to show the bundle in");
    }
    review.theme = Theme::from_settings(settings);
    review.date_format = settings.date_format.clone();
    app::run(&mut review)?;
    if let Some(error) = &review.save_error {
        bail!(
            "some comments could not be saved to {}: {error}",
            review.feedback_path.display()
        );
    }
    if review.feedback_path.exists() {
        eprintln!(
            "Your feedback is in {} ({}). Send that file back; the bundle is unchanged.",
            review.feedback_path.display(),
            text::comments(review.feedback.comment_count())
        );
    } else {
        eprintln!("No comments written, so no feedback file was made.");
    }
    Ok(())
}
