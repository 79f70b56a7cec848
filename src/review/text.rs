//! The words the review says, in one place.

use chrono::NaiveDate;

pub const READ_ONLY: &str = "read-only";
pub const NO_ENTRIES: &str = "This bundle holds no entries: there is nothing to review.";
pub const NOTHING_HERE: &str = "There is nothing to comment on in this section.";
pub const LAST_SECTION: &str = "This is the last section. Esc goes back to the list.";
pub const FIRST_SECTION: &str = "This is the first section.";
pub const NOTHING_WRITTEN: &str = "Nothing written, so no comment was added.";
pub const COMMENT_KEPT: &str = "Comment kept.";
pub const COMMENT_UNCHANGED: &str = "Your comment is unchanged.";
pub const COMMENT_REMOVED: &str = "The comment was emptied, so it is removed.";
pub const COMMENT_DELETED: &str = "Comment deleted.";
pub const NONE_TO_DELETE: &str = "You have no comment here to delete.";
pub const EARLIER_ONLY: &str = "The comments marked earlier came with the bundle from an earlier review; they cannot be changed here.";
pub const DATE_SHAPE: &str = "Type the day as year-month-day, e.g. 2026-12-03.";
pub const DATE_AHEAD: &str = "That day has not come yet: give the day it was discussed.";
pub const SAVED_AGAIN: &str = "Saved: every comment is in the feedback file now.";
pub const NOTHING_TO_SAVE: &str = "Everything is already saved.";
pub const WRITING_HINT: &str =
    "Ctrl-S or Esc keeps it · Enter starts a new line · empty it to remove it";

pub const HELP_INTRO: &str = "You are reading a supervisee's reflections. The bundle is never changed: your comments, and the days entries were discussed, go to the feedback file, saved after every change. Send that file back; they bring the comments into their entries with spiral import-feedback.";

/// Said after a signal (or a lost terminal) stopped the review and every comment was saved.
pub fn stopped_saved(why: &str) -> String {
    format!("spiral review was stopped ({why}); every comment was saved.")
}

/// Said after a stop when the feedback file could not be written but a recovery copy was.
pub fn stopped_recovered(why: &str, folder: &str) -> String {
    format!(
        "spiral review was stopped ({why}) and the feedback file could not be saved; \
a whole copy of it, with every comment, is in {folder}."
    )
}

/// Said after a stop when nothing could be written anywhere.
pub fn stopped_lost(why: &str, error: &str) -> String {
    format!("spiral review was stopped ({why}) and could not save your comments anywhere: {error}")
}

pub fn save_failed(path: &str, error: &str) -> String {
    format!(
        "NOT SAVED to {path}: {error}. Your comments are kept here; the next change (or Ctrl-S) tries again."
    )
}

pub fn discussed(day: NaiveDate) -> String {
    format!("Marked discussed in supervision on {}.", day_name(day))
}

pub fn undiscussed(day: NaiveDate) -> String {
    format!(
        "No longer marked discussed (it said {}). m marks it again.",
        day_name(day)
    )
}

/// "3 Dec 2026".
pub fn day_name(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

pub fn too_small(width: u16, height: u16, min_width: u16, min_height: u16) -> String {
    format!(
        "Window too small ({width}x{height}). spiral review needs at least {min_width}x{min_height}: make the window larger. q quits; your comments are saved as you make them."
    )
}

/// "1 comment", "3 comments".
pub fn comments(n: usize) -> String {
    match n {
        1 => "1 comment".into(),
        n => format!("{n} comments"),
    }
}
