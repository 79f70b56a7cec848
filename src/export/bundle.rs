//! The JSON bundle: entries exported for a supervisor to open with
//! `spiral review`, on a machine that has none of the practitioner's files.
//!
//! It carries the worksheets the entries use, whole, so it reads the same on
//! a spiral with other worksheets or older versions of them.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{CheckSummary, DateRange, Export, HEADING};
use crate::model::entry::Entry;
use crate::model::worksheet::Worksheet;

pub const BUNDLE_FORMAT: &str = "spiral-bundle";
/// The bundle version this build writes and reads (and any older one).
pub const BUNDLE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub format: String,
    pub version: u32,
    /// Always [`HEADING`]: a reminder to whoever opens the file.
    pub heading: String,
    pub exported_at: DateTime<FixedOffset>,
    /// The spiral that wrote it.
    pub app_version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practitioner: Option<String>,
    #[serde(default)]
    pub range: DateRange,
    #[serde(default)]
    pub check: CheckSummary,
    /// The id and revision of each worksheet the entries use.
    pub worksheets: Vec<WorksheetId>,
    /// Those worksheets, whole.
    pub worksheet_definitions: Vec<Worksheet>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorksheetId {
    pub id: String,
    pub revision: u32,
    pub title: String,
}

impl Bundle {
    pub fn of(export: &Export) -> Bundle {
        Bundle {
            format: BUNDLE_FORMAT.into(),
            version: BUNDLE_VERSION,
            heading: HEADING.into(),
            exported_at: export.exported_at,
            app_version: env!("CARGO_PKG_VERSION").into(),
            practitioner: export.practitioner.clone(),
            range: export.range,
            check: export.check.clone(),
            worksheets: export
                .worksheets
                .iter()
                .map(|w| WorksheetId {
                    id: w.id.clone(),
                    revision: w.revision,
                    title: w.title.clone(),
                })
                .collect(),
            worksheet_definitions: export.worksheets.clone(),
            entries: export
                .entries
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    // Where the practitioner's cursor was is nobody else's business.
                    e.position = None;
                    e
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a bundle is always JSON");
        text.push('\n');
        text
    }

    /// The worksheet an entry was written in.
    pub fn worksheet_of(&self, entry: &Entry) -> Option<&Worksheet> {
        self.worksheet_definitions
            .iter()
            .find(|w| w.id == entry.worksheet.id)
    }

    /// The bundle as an export again, for showing it the way it was written.
    pub fn to_export(&self) -> Export {
        Export {
            exported_at: self.exported_at,
            practitioner: self.practitioner.clone(),
            range: self.range,
            entries: self.entries.clone(),
            worksheets: self.worksheet_definitions.clone(),
            check: self.check.clone(),
            prep: None,
            date_format: None,
        }
    }
}

/// Why a file could not be read as a bundle (or a feedback file): each says
/// what the file is and what to do.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot read {path}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} is not complete JSON (it ends at line {line}, column {column}): it may have been cut short while copying; ask for it again"
    )]
    Truncated {
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{path} is not JSON (line {line}, column {column}: {message}); {hint}")]
    NotJson {
        path: String,
        line: usize,
        column: usize,
        message: String,
        hint: &'static str,
    },
    #[error("{path} is not {what} (its \"format\" is {found}, not {expected:?}); {hint}")]
    WrongFormat {
        path: String,
        what: &'static str,
        found: String,
        expected: &'static str,
        hint: &'static str,
    },
    #[error(
        "{path} was written by a newer spiral ({what} version {found}; this one reads up to {supported}): update spiral to open it"
    )]
    Newer {
        path: String,
        what: &'static str,
        found: u64,
        supported: u32,
    },
    #[error("{path} looks like {what} but cannot be read: {message}")]
    Shape {
        path: String,
        what: &'static str,
        message: String,
    },
}

/// What [`read_versioned`] needs to know about the kind of file.
pub struct Kind {
    pub format: &'static str,
    pub version: u32,
    /// "a spiral bundle", "a spiral feedback file".
    pub what: &'static str,
    /// What to do when it is the wrong kind of file.
    pub hint: &'static str,
}

/// Reads a versioned spiral JSON file, saying plainly what is wrong when it
/// is not one: unreadable, cut short, not JSON, another kind of file, from a
/// newer spiral, or the wrong shape.
pub fn read_versioned<T: serde::de::DeserializeOwned>(
    path: &Path,
    kind: &Kind,
) -> Result<T, FileError> {
    let name = path.display().to_string();
    let text = crate::files::read_text(path).map_err(|source| FileError::Io {
        path: name.clone(),
        source,
    })?;
    parse_versioned(&text, &name, kind)
}

/// [`read_versioned`] for text already read; `name` names it in messages.
pub fn parse_versioned<T: serde::de::DeserializeOwned>(
    text: &str,
    name: &str,
    kind: &Kind,
) -> Result<T, FileError> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            FileError::Truncated {
                path: name.to_string(),
                line: e.line(),
                column: e.column(),
            }
        } else {
            FileError::NotJson {
                path: name.to_string(),
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
                hint: kind.hint,
            }
        }
    })?;
    let format = value.get("format");
    if format.and_then(|f| f.as_str()) != Some(kind.format) {
        return Err(FileError::WrongFormat {
            path: name.to_string(),
            what: kind.what,
            found: format.map_or("missing".to_string(), |f| f.to_string()),
            expected: kind.format,
            hint: kind.hint,
        });
    }
    let version = value
        .get("version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| FileError::Shape {
            path: name.to_string(),
            what: kind.what,
            message: "it has no \"version\" number".into(),
        })?;
    if version > u64::from(kind.version) {
        return Err(FileError::Newer {
            path: name.to_string(),
            what: kind.what,
            found: version,
            supported: kind.version,
        });
    }
    // Someone else's file: no control character or bidi override in it
    // reaches a screen, a stored entry or an export.
    crate::safe::strip_value(&mut value);
    serde_json::from_value(value).map_err(|e| FileError::Shape {
        path: name.to_string(),
        what: kind.what,
        message: e.to_string(),
    })
}

pub const KIND: Kind = Kind {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    what: "a spiral bundle",
    hint: "a bundle is the .json file made by `spiral export --format json`",
};

/// Reads a bundle, checking every entry has its worksheet and is an entry
/// this spiral understands.
pub fn read(path: &Path) -> Result<Bundle, FileError> {
    let text = crate::files::read_text(path).map_err(|source| FileError::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// [`read`] for text already read.
pub fn parse(text: &str, name: &str) -> Result<Bundle, FileError> {
    let bundle: Bundle = parse_versioned(text, name, &KIND)?;
    let shape = |message: String| FileError::Shape {
        path: name.to_string(),
        what: KIND.what,
        message,
    };
    for entry in &bundle.entries {
        if entry.is_from_newer_spiral() {
            return Err(FileError::Newer {
                path: name.to_string(),
                what: "entry",
                found: entry.version.into(),
                supported: crate::model::entry::ENTRY_VERSION,
            });
        }
        if bundle.worksheet_of(entry).is_none() {
            return Err(shape(format!(
                "entry {} uses the worksheet {:?}, which is not in the bundle",
                entry.id, entry.worksheet.id
            )));
        }
    }
    for ws in &bundle.worksheet_definitions {
        let problems = ws.validate();
        if let Some(first) = problems.first() {
            return Err(shape(format!(
                "its worksheet {:?} is damaged: {first}",
                ws.id
            )));
        }
    }
    Ok(bundle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Export;
    use chrono::DateTime;

    fn bundle_of_every_worksheet() -> Bundle {
        let worksheets = crate::content::builtin().unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap();
        let entries = worksheets
            .iter()
            .enumerate()
            .map(|(n, ws)| Entry::new(format!("e{n}"), ws, format!("Family {n}"), now))
            .collect();
        Bundle::of(&Export::new(
            entries,
            &worksheets,
            now,
            DateRange::default(),
        ))
    }

    #[test]
    fn a_bundle_of_every_worksheet_reads_back_the_same() {
        let bundle = bundle_of_every_worksheet();
        let back = parse(&bundle.to_json(), "b.json").unwrap();
        // Where a worksheet was read from is not part of it.
        assert!(back.to_json() == bundle.to_json(), "reads back the same");
        assert_eq!(back.entries, bundle.entries);
        assert_eq!(
            back.worksheet_definitions.len(),
            crate::content::builtin().unwrap().len()
        );
    }

    #[test]
    fn bad_bundles_say_what_is_wrong() {
        let json = bundle_of_every_worksheet().to_json();
        let cut = parse(&json[..json.len() / 2], "b.json")
            .unwrap_err()
            .to_string();
        assert!(cut.contains("b.json is not complete JSON"), "{cut}");
        let newer = json.replacen("\"version\": 1,", "\"version\": 2,", 1);
        let newer = parse(&newer, "b.json").unwrap_err().to_string();
        assert!(
            newer.contains("newer spiral (a spiral bundle version 2"),
            "{newer}"
        );
        let entry = include_str!("../../tests/fixtures/entry-v4.json");
        let not = parse(entry, "e.json").unwrap_err().to_string();
        assert!(not.contains("e.json is not a spiral bundle"), "{not}");
        assert!(not.contains("spiral export --format json"), "{not}");
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["worksheet_definitions"] = serde_json::json!([]);
        let missing = parse(&value.to_string(), "b.json").unwrap_err().to_string();
        assert!(missing.contains("which is not in the bundle"), "{missing}");
    }
}
