//! The supervisor's feedback file: their comments on a bundle's entries,
//! kept apart from the bundle, and brought back into the practitioner's
//! entries with `spiral import-feedback`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::bundle::{Bundle, FileError, Kind};
use crate::model::entry::{Comment, Entry};

pub const FEEDBACK_FORMAT: &str = "spiral-feedback";
pub const FEEDBACK_VERSION: u32 = 1;

pub const KIND: Kind = Kind {
    format: FEEDBACK_FORMAT,
    version: FEEDBACK_VERSION,
    what: "a spiral feedback file",
    hint: "a feedback file is the .feedback.json file saved by `spiral review`",
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub format: String,
    pub version: u32,
    /// Which bundle the comments are about.
    pub bundle: BundleRef,
    /// The supervisor's name, if they gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    pub updated: DateTime<FixedOffset>,
    pub entries: Vec<EntryFeedback>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleRef {
    pub exported_at: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practitioner: Option<String>,
}

/// The comments on one entry, and the day it was discussed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryFeedback {
    pub entry_id: String,
    /// Shown when the entry cannot be found, so the practitioner knows which.
    pub family_label: String,
    pub worksheet: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussed: Option<NaiveDate>,
    #[serde(default)]
    pub comments: Vec<Comment>,
}

impl EntryFeedback {
    pub fn is_empty(&self) -> bool {
        self.discussed.is_none() && self.comments.is_empty()
    }
}

impl Feedback {
    /// An empty feedback file for `bundle`.
    pub fn for_bundle(
        bundle: &Bundle,
        reviewer: Option<String>,
        now: DateTime<FixedOffset>,
    ) -> Feedback {
        Feedback {
            format: FEEDBACK_FORMAT.into(),
            version: FEEDBACK_VERSION,
            bundle: BundleRef {
                exported_at: bundle.exported_at,
                practitioner: bundle.practitioner.clone(),
            },
            reviewer,
            updated: now,
            entries: Vec::new(),
        }
    }

    /// The feedback on one entry, made if there is none yet.
    pub fn entry_mut(&mut self, entry: &Entry) -> &mut EntryFeedback {
        if let Some(i) = self.entries.iter().position(|f| f.entry_id == entry.id) {
            return &mut self.entries[i];
        }
        self.entries.push(EntryFeedback {
            entry_id: entry.id.clone(),
            family_label: entry.family_label.clone(),
            worksheet: entry.worksheet.id.clone(),
            discussed: None,
            comments: Vec::new(),
        });
        self.entries.last_mut().expect("just pushed")
    }

    pub fn entry(&self, id: &str) -> Option<&EntryFeedback> {
        self.entries.iter().find(|f| f.entry_id == id)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("feedback is always JSON");
        text.push('\n');
        text
    }

    /// The feedback on one entry with every comment signed: one without
    /// its own name takes the file's.
    pub fn signed(&self, entry: &EntryFeedback) -> EntryFeedback {
        let mut entry = entry.clone();
        for c in &mut entry.comments {
            if c.reviewer.is_none() {
                c.reviewer.clone_from(&self.reviewer);
            }
        }
        entry
    }

    /// How many comments in all.
    pub fn comment_count(&self) -> usize {
        self.entries.iter().map(|e| e.comments.len()).sum()
    }
}

/// What a supervisor's feedback file is called: `NAME.feedback.json`.
pub const FEEDBACK_SUFFIX: &str = ".feedback.json";

/// Where `spiral review` keeps the feedback on `bundle`: beside it, as
/// `NAME.feedback.json`.
pub fn path_beside(bundle: &Path) -> PathBuf {
    let stem = bundle
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bundle".into());
    bundle.with_file_name(format!("{stem}{FEEDBACK_SUFFIX}"))
}

pub fn read(path: &Path) -> Result<Feedback, FileError> {
    super::bundle::read_versioned(path, &KIND)
}

pub fn parse(text: &str, name: &str) -> Result<Feedback, FileError> {
    super::bundle::parse_versioned(text, name, &KIND)
}

/// Saves the feedback file all at once, so it is never left half-written.
pub fn save(path: &Path, feedback: &Feedback) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    crate::store::write_atomically(&dir, path, feedback.to_json().as_bytes())
}

/// What bringing one entry's feedback in changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Merged {
    pub added: usize,
    /// Comments the entry already had (an earlier import of the same file).
    pub already: usize,
    /// Whether the day it was discussed was set or moved.
    pub discussed: bool,
}

impl Merged {
    pub fn changed(&self) -> bool {
        self.added > 0 || self.discussed
    }
}

/// Adds the comments `entry` does not have yet (by id), and the day it was
/// discussed when later than the one it has. Importing the same feedback
/// twice changes nothing the second time.
pub fn merge(entry: &mut Entry, feedback: &EntryFeedback) -> Merged {
    let mut merged = Merged::default();
    for comment in &feedback.comments {
        if entry.feedback.iter().any(|c| c.id == comment.id) {
            merged.already += 1;
        } else {
            entry.feedback.push(comment.clone());
            merged.added += 1;
        }
    }
    if let Some(day) = feedback.discussed
        && entry.discussed.is_none_or(|d| d < day)
    {
        entry.discussed = Some(day);
        merged.discussed = true;
    }
    merged
}

/// The outcome of importing a feedback file, for saying what happened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Entries given new comments or a discussed day.
    pub entries_changed: usize,
    pub comments_added: usize,
    pub comments_already: usize,
    pub marked_discussed: usize,
    /// Feedback on entries this data folder does not have.
    pub unknown: Vec<EntryFeedback>,
}

impl Report {
    /// Counts what one entry's merge did.
    pub fn count(&mut self, merged: Merged) {
        self.comments_added += merged.added;
        self.comments_already += merged.already;
        if merged.discussed {
            self.marked_discussed += 1;
        }
        if merged.changed() {
            self.entries_changed += 1;
        }
    }

    /// What happened, in a few lines.
    pub fn lines(&self) -> Vec<String> {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let mut lines = vec![format!(
            "Added {} to {}.",
            plural(self.comments_added, "comment", "comments"),
            plural(self.entries_changed, "entry", "entries")
        )];
        if self.marked_discussed > 0 {
            lines.push(format!(
                "Marked {} discussed in supervision.",
                plural(self.marked_discussed, "entry", "entries")
            ));
        }
        if self.comments_already > 0 {
            lines.push(format!(
                "{} had been imported before and {} not added again.",
                plural(self.comments_already, "comment", "comments"),
                if self.comments_already == 1 {
                    "was"
                } else {
                    "were"
                }
            ));
        }
        for u in &self.unknown {
            lines.push(format!(
                "Not imported: {} for entry {} ({}, {}), which is not in this data folder.",
                plural(u.comments.len(), "comment", "comments"),
                u.entry_id,
                u.family_label,
                u.worksheet
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: &str) -> Comment {
        Comment {
            id: id.into(),
            key: None,
            text: "Well noticed.".into(),
            reviewer: Some("Supervisor A".into()),
            written: DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap(),
        }
    }

    fn entry() -> Entry {
        let ws = crate::content::builtin().unwrap().remove(0);
        let now = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+11:00").unwrap();
        Entry::new("e1".into(), &ws, "Family T".into(), now)
    }

    #[test]
    fn merging_twice_adds_nothing_the_second_time() {
        let mut e = entry();
        let fb = EntryFeedback {
            entry_id: "e1".into(),
            family_label: "Family T".into(),
            worksheet: "w".into(),
            discussed: NaiveDate::from_ymd_opt(2026, 11, 26),
            comments: vec![comment("a"), comment("b")],
        };
        let first = merge(&mut e, &fb);
        assert_eq!((first.added, first.already, first.discussed), (2, 0, true));
        let again = merge(&mut e, &fb);
        assert_eq!((again.added, again.already, again.discussed), (0, 2, false));
        assert!(!again.changed());
        assert_eq!(e.feedback.len(), 2);
        assert_eq!(e.discussed, NaiveDate::from_ymd_opt(2026, 11, 26));
    }

    #[test]
    fn an_earlier_discussed_day_does_not_replace_a_later_one() {
        let mut e = entry();
        e.discussed = NaiveDate::from_ymd_opt(2026, 12, 1);
        let fb = EntryFeedback {
            entry_id: "e1".into(),
            family_label: "Family T".into(),
            worksheet: "w".into(),
            discussed: NaiveDate::from_ymd_opt(2026, 11, 26),
            comments: vec![],
        };
        assert!(!merge(&mut e, &fb).changed());
        assert_eq!(e.discussed, NaiveDate::from_ymd_opt(2026, 12, 1));
    }

    #[test]
    fn bad_files_say_what_they_are() {
        let not_json = parse("{\"format\": ", "f.json").unwrap_err();
        assert!(
            matches!(not_json, FileError::Truncated { .. }),
            "{not_json}"
        );
        assert!(not_json.to_string().contains("cut short"));
        let bundle = parse(r#"{"format": "spiral-bundle", "version": 1}"#, "b.json").unwrap_err();
        assert!(
            bundle.to_string().contains("not a spiral feedback file"),
            "{bundle}"
        );
        let newer = parse(r#"{"format": "spiral-feedback", "version": 9}"#, "n.json").unwrap_err();
        assert!(newer.to_string().contains("newer spiral"), "{newer}");
        let garbage = parse("hello", "g.json").unwrap_err();
        assert!(garbage.to_string().contains("is not JSON"), "{garbage}");
    }

    #[test]
    fn the_report_names_what_was_not_imported() {
        let report = Report {
            entries_changed: 1,
            comments_added: 2,
            comments_already: 0,
            marked_discussed: 1,
            unknown: vec![EntryFeedback {
                entry_id: "gone".into(),
                family_label: "Family Q".into(),
                worksheet: "w".into(),
                discussed: None,
                comments: vec![comment("x")],
            }],
        };
        let text = report.lines().join("\n");
        assert!(text.contains("Added 2 comments to 1 entry."), "{text}");
        assert!(
            text.contains("Not imported: 1 comment for entry gone (Family Q"),
            "{text}"
        );
    }
}
