//! Supervision prep: what a supervisee brings to a session, gathered into
//! one note with the entries changed since the last supervision.
//!
//! The short answers are kept in `prep.json` in the data folder, written
//! all at once like an entry, so they survive until the note is made.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::bundle::{FileError, Kind};

pub const PREP_FORMAT: &str = "spiral-prep";
pub const PREP_VERSION: u32 = 1;

pub const KIND: Kind = Kind {
    format: PREP_FORMAT,
    version: PREP_VERSION,
    what: "a spiral supervision prep file",
    hint: "spiral keeps it as prep.json in the data folder; move it aside and spiral starts a new one",
};

/// The prompts a supervisee answers before a session, in order: the field
/// they fill, its heading, and a hint.
pub const PROMPTS: [(&str, &str); 3] = [
    (
        "What I want from this session",
        "One or two things you would like to come away with.",
    ),
    (
        "Where I am stuck",
        "A situation, a feeling or a decision you keep coming back to.",
    ),
    (
        "Follow-ups from last time",
        "What you agreed to try or look into, and how it went.",
    ),
];

/// The supervisee's answers to [`PROMPTS`], in the same order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Prep {
    #[serde(default)]
    pub answers: [String; 3],
    /// The first day the entries gathered were changed on: the last
    /// supervision, or the day given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
}

impl Prep {
    pub fn is_blank(&self) -> bool {
        self.answers.iter().all(|a| a.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PrepFile {
    format: String,
    version: u32,
    updated: DateTime<FixedOffset>,
    answers: [String; 3],
}

pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("prep.json")
}

/// The saved answers, or blank ones when there is no file yet.
pub fn load(data_dir: &Path) -> Result<Prep, FileError> {
    let path = path(data_dir);
    if !path.exists() {
        return Ok(Prep::default());
    }
    let file: PrepFile = super::bundle::read_versioned(&path, &KIND)?;
    Ok(Prep {
        answers: file.answers,
        since: None,
    })
}

/// The answers as the text of a `prep.json` file.
pub fn file_text(prep: &Prep, now: DateTime<FixedOffset>) -> String {
    let file = PrepFile {
        format: PREP_FORMAT.into(),
        version: PREP_VERSION,
        updated: now,
        answers: prep.answers.clone(),
    };
    let mut text = serde_json::to_string_pretty(&file).expect("prep is always JSON");
    text.push('\n');
    text
}

/// Saves the answers all at once.
pub fn save(data_dir: &Path, prep: &Prep, now: DateTime<FixedOffset>) -> std::io::Result<()> {
    crate::store::make_private_dir(data_dir)?;
    crate::store::write_atomically(data_dir, &path(data_dir), file_text(prep, now).as_bytes())
}

/// The day of the last supervision: the latest day any entry was marked
/// discussed.
pub fn last_supervision(
    discussed: impl IntoIterator<Item = Option<NaiveDate>>,
) -> Option<NaiveDate> {
    discussed.into_iter().flatten().max()
}

/// Whether an entry last changed at `updated` belongs in a prep note for
/// the days from `since` (inclusive: work on the day of the last supervision
/// may have come after it).
pub fn changed_since(updated: &DateTime<FixedOffset>, since: Option<NaiveDate>) -> bool {
    since.is_none_or(|day| updated.date_naive() >= day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_survive_a_save_and_a_missing_file_is_blank() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_blank());
        let prep = Prep {
            answers: [
                "Time to think".into(),
                String::new(),
                "Rang the school".into(),
            ],
            since: None,
        };
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap();
        save(dir.path(), &prep, now).unwrap();
        assert_eq!(load(dir.path()).unwrap(), prep);
    }

    #[test]
    fn a_damaged_prep_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(path(dir.path()), "{\"format\": \"spiral-prep\", ").unwrap();
        let err = load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("prep.json"), "{err}");
        assert!(err.contains("cut short"), "{err}");
    }

    #[test]
    fn the_last_supervision_is_the_latest_discussed_day() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            last_supervision([d("2026-10-01"), None, d("2026-11-03")]),
            d("2026-11-03")
        );
        assert_eq!(last_supervision([None, None]), None);
        let t = DateTime::parse_from_rfc3339("2026-11-03T18:00:00+11:00").unwrap();
        assert!(changed_since(&t, d("2026-11-03")));
        assert!(!changed_since(&t, d("2026-11-04")));
        assert!(changed_since(&t, None));
    }
}
