//! An entry: what one practitioner wrote in one worksheet for one family.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::map::MapIssue;
use super::worksheet::Worksheet;

pub const ENTRY_FORMAT: &str = "spiral-entry";
/// The entry file version this build writes. Older versions are read and
/// migrated in memory, and the old file is backed up before it is first
/// rewritten; newer ones are shown read-only.
///
/// - 1: answers, chosen questions, position.
/// - 2: adds `maps` (issues mapped along the spiral). A version 1 file reads as
///   a version 2 entry with no maps.
/// - 3: adds `tags`, `completed` and `discussed`. Older files read as
///   untagged, in progress and not yet discussed.
/// - 4: adds `feedback`, the supervisor's comments brought in with
///   `spiral import-feedback`. Older files read as having none.
pub const ENTRY_VERSION: u32 = 4;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub worksheet: WorksheetRef,
    /// Initials or a pseudonym for the family, never a real name.
    pub family_label: String,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    /// Answers by key: a prompt id, or `choice/question/prompt` for an answer
    /// about a chosen question (see [`choice_key`]).
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// The questions chosen in each choice item, in the order chosen.
    #[serde(default)]
    pub chosen: BTreeMap<String, Vec<String>>,
    /// Where the practitioner was when they last left the entry (a step key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// The issues mapped along the spiral, by map item id (since version 2).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub maps: BTreeMap<String, Vec<MapIssue>>,
    /// The practitioner's own words for grouping entries (since version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When the practitioner marked the entry complete (since version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<DateTime<FixedOffset>>,
    /// The day the entry was discussed in supervision (since version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussed: Option<NaiveDate>,
    /// A supervisor's comments on this entry, imported from their feedback
    /// file (since version 4). Each keeps the id it was written with, so
    /// importing the same file twice adds nothing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback: Vec<Comment>,
    /// The version of the file this was read from, when older than
    /// [`ENTRY_VERSION`]: that file is backed up before it is rewritten.
    #[serde(skip)]
    pub migrated_from: Option<u32>,
}

/// A supervisor's comment on one answer, or on the entry as a whole.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Comment {
    /// Given when the comment is written; stays the same wherever it goes.
    pub id: String,
    /// The answer it is about: an answer key, or a map item's id. `None`
    /// for a comment on the whole entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub text: String,
    /// Who wrote it, if they gave a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    pub written: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct WorksheetRef {
    pub id: String,
    pub revision: u32,
}

/// Whether a comment filed under `key` is about the item `item`: the item
/// itself, or one of its rows, checks, notes or chosen questions
/// (`item/...`). One rule for every place comments are shown.
pub fn is_about(key: &str, item: &str) -> bool {
    key == item
        || key
            .strip_prefix(item)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The answer key for one sub-prompt about one chosen question.
pub fn choice_key(choice: &str, question: &str, prompt: &str) -> String {
    format!("{choice}/{question}/{prompt}")
}

/// Where an entry stands: still being written, marked complete, or
/// discussed in supervision (which counts as reviewed, complete or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryStatus {
    InProgress,
    Complete,
    Reviewed,
}

impl EntryStatus {
    pub fn of(completed: bool, discussed: bool) -> EntryStatus {
        match (completed, discussed) {
            (_, true) => EntryStatus::Reviewed,
            (true, false) => EntryStatus::Complete,
            (false, false) => EntryStatus::InProgress,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            EntryStatus::InProgress => "in-progress",
            EntryStatus::Complete => "complete",
            EntryStatus::Reviewed => "reviewed",
        }
    }

    pub fn parse(text: &str) -> Option<EntryStatus> {
        match text.trim().to_lowercase().replace([' ', '_'], "-").as_str() {
            "in-progress" | "progress" | "open" => Some(EntryStatus::InProgress),
            "complete" | "completed" | "done" => Some(EntryStatus::Complete),
            "reviewed" | "discussed" | "supervised" => Some(EntryStatus::Reviewed),
            _ => None,
        }
    }
}

/// How far through its worksheet an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
}

impl Progress {
    pub fn is_complete(self) -> bool {
        self.total > 0 && self.answered >= self.total
    }
}

impl std::fmt::Display for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{} answered", self.answered, self.total)
    }
}

impl Entry {
    pub fn new(
        id: String,
        worksheet: &Worksheet,
        family_label: String,
        now: DateTime<FixedOffset>,
    ) -> Self {
        Entry {
            format: ENTRY_FORMAT.into(),
            version: ENTRY_VERSION,
            id,
            worksheet: WorksheetRef {
                id: worksheet.id.clone(),
                revision: worksheet.revision,
            },
            family_label,
            created: now,
            updated: now,
            answers: BTreeMap::new(),
            chosen: BTreeMap::new(),
            position: None,
            maps: BTreeMap::new(),
            tags: Vec::new(),
            completed: None,
            discussed: None,
            feedback: Vec::new(),
            migrated_from: None,
        }
    }

    /// Where the entry stands, for Home and the filters.
    pub fn status(&self) -> EntryStatus {
        EntryStatus::of(self.completed.is_some(), self.discussed.is_some())
    }

    /// Written by a newer spiral: shown, never written.
    pub fn is_from_newer_spiral(&self) -> bool {
        self.version > ENTRY_VERSION
    }

    pub fn answer(&self, key: &str) -> &str {
        self.answers.get(key).map(String::as_str).unwrap_or("")
    }

    pub fn is_answered(&self, key: &str) -> bool {
        !self.answer(key).trim().is_empty()
    }

    /// Stores an answer. Returns whether anything changed. An emptied answer
    /// is removed so the file holds only what was written.
    pub fn set_answer(&mut self, key: &str, text: String) -> bool {
        if self.answer(key) == text {
            return false;
        }
        if text.is_empty() {
            self.answers.remove(key);
        } else {
            self.answers.insert(key.to_string(), text);
        }
        true
    }

    /// The supervisor's comments on one answer key (or map item).
    pub fn comments_on<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Comment> + 'a {
        self.feedback
            .iter()
            .filter(move |c| c.key.as_deref() == Some(key))
    }

    /// The supervisor's comments on the entry as a whole.
    pub fn overall_comments(&self) -> impl Iterator<Item = &Comment> {
        self.feedback.iter().filter(|c| c.key.is_none())
    }

    pub fn map(&self, item: &str) -> &[MapIssue] {
        self.maps.get(item).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn chosen(&self, choice: &str) -> &[String] {
        self.chosen.get(choice).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Progress through one section's items.
    pub fn section_progress(&self, worksheet: &Worksheet, section: usize) -> Progress {
        let Some(section) = worksheet.sections.get(section) else {
            return Progress {
                answered: 0,
                total: 0,
            };
        };
        // A section not needed counts only what decides that it is not.
        let needed = section.needed(worksheet, self);
        let counted = section.items.iter().filter(|i| {
            needed
                || section
                    .only_if
                    .as_ref()
                    .is_some_and(|c| c.looks_at_item(i.id()))
        });
        let (answered, total) = counted.fold((0, 0), |(a, t), i| {
            (a + i.answered_slots(self), t + i.answer_slots())
        });
        Progress { answered, total }
    }

    /// Progress through the whole worksheet.
    pub fn progress(&self, worksheet: &Worksheet) -> Progress {
        (0..worksheet.sections.len())
            .map(|s| self.section_progress(worksheet, s))
            .fold(
                Progress {
                    answered: 0,
                    total: 0,
                },
                |a, b| Progress {
                    answered: a.answered + b.answered,
                    total: a.total + b.total,
                },
            )
    }
}
