//! Decisions about possible identifying details, remembered per entry, so
//! that the next export asks only about what is new since the last one.
//!
//! They are kept in `decisions.json` in the data folder, beside the entries
//! they are about, and never go into an export: they name the very details
//! that were kept out of it. A decision is remembered by the entry, the kind
//! of detail and its text (ignoring case): "Kayla", a name, in entry X was
//! replaced last time, so it is replaced again. A detail replaced in the
//! entry itself is not remembered, as it is no longer there to find.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::Pending;
use super::bundle::{FileError, Kind};
use super::check::{Decision, Finding, PREP};

pub const FORMAT: &str = "spiral-decisions";
pub const VERSION: u32 = 1;

pub const KIND: Kind = Kind {
    format: FORMAT,
    version: VERSION,
    what: "a spiral decisions file",
    hint: "spiral keeps it as decisions.json in the data folder; move it aside and every detail is asked about again",
};

/// Where the decisions are kept.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("decisions.json")
}

/// One remembered decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    /// The kind's stable id ([`crate::identifiers::Kind::id`]).
    pub kind: String,
    /// The detail as it was found.
    pub text: String,
    /// `replace` or `keep`.
    pub decision: String,
    pub when: DateTime<FixedOffset>,
}

/// Every remembered decision, by entry id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Remembered {
    pub entries: BTreeMap<String, Vec<Decided>>,
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    entries: BTreeMap<String, Vec<Decided>>,
}

/// The decisions kept in `data_dir`, or none when there is no file yet.
pub fn load(data_dir: &Path) -> Result<Remembered, FileError> {
    let path = path(data_dir);
    if !path.exists() {
        return Ok(Remembered::default());
    }
    let file: File = super::bundle::read_versioned(&path, &KIND)?;
    Ok(Remembered {
        entries: file.entries,
    })
}

/// Writes the decisions all at once, readable by this user alone.
pub fn save(data_dir: &Path, remembered: &Remembered) -> std::io::Result<()> {
    crate::store::make_private_dir(data_dir)?;
    let file = File {
        format: FORMAT.into(),
        version: VERSION,
        entries: remembered.entries.clone(),
    };
    let mut text = serde_json::to_string_pretty(&file).expect("decisions are always JSON");
    text.push('\n');
    crate::store::write_atomically(data_dir, &path(data_dir), text.as_bytes())
}

/// What a remembered decision is about: the kind and the text, any case.
fn same(decided: &Decided, finding: &Finding) -> bool {
    decided.kind == finding.hit.kind.id()
        && decided.text.to_lowercase() == finding.hit.matched.to_lowercase()
}

impl Remembered {
    /// The remembered decision about `finding`, if there is one.
    pub fn about(&self, finding: &Finding) -> Option<Decision> {
        if finding.entry == PREP {
            return None;
        }
        let decided = self.entries.get(&finding.entry_id)?;
        decided
            .iter()
            .find(|d| same(d, finding))
            .and_then(|d| match d.decision.as_str() {
                "replace" => Some(Decision::Replace),
                "keep" => Some(Decision::Accept),
                _ => None,
            })
    }

    /// Decides each open finding of `pending` as it was decided before.
    /// Returns how many were.
    pub fn apply(&self, pending: &mut Pending) -> usize {
        let mut recalled = 0;
        for (finding, decision) in pending.findings.iter().zip(&mut pending.decisions) {
            if *decision == Decision::Open
                && let Some(before) = self.about(finding)
            {
                *decision = before;
                recalled += 1;
            }
        }
        recalled
    }

    /// Remembers what was decided in `pending` (replaced in the export only,
    /// or kept). True when anything changed, so the file needs writing.
    pub fn record(&mut self, pending: &Pending, now: DateTime<FixedOffset>) -> bool {
        let mut changed = false;
        for (finding, decision) in pending.findings.iter().zip(&pending.decisions) {
            let word = match decision {
                Decision::Replace => "replace",
                Decision::Accept => "keep",
                Decision::Open | Decision::ReplaceInEntry => continue,
            };
            if finding.entry == PREP {
                continue;
            }
            let decided = self.entries.entry(finding.entry_id.clone()).or_default();
            match decided.iter_mut().find(|d| same(d, finding)) {
                Some(d) if d.decision == word => {}
                Some(d) => {
                    d.decision = word.into();
                    d.when = now;
                    changed = true;
                }
                None => {
                    decided.push(Decided {
                        kind: finding.hit.kind.id().into(),
                        text: finding.hit.matched.clone(),
                        decision: word.into(),
                        when: now,
                    });
                    changed = true;
                }
            }
        }
        changed
    }

    /// Forgets the decisions about entries no longer kept (deleted from
    /// the trash). True when any were forgotten.
    pub fn forget_all_but<'a>(&mut self, kept: impl IntoIterator<Item = &'a str>) -> bool {
        let kept: std::collections::HashSet<&str> = kept.into_iter().collect();
        let before = self.entries.len();
        self.entries.retain(|id, _| kept.contains(id.as_str()));
        self.entries.len() != before
    }

    /// How many decisions are remembered in all.
    pub fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.values().all(Vec::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{DateRange, Export};
    use crate::model::entry::Entry;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn pending_with(text: &str) -> Pending {
        let worksheets = crate::content::builtin().unwrap();
        let ws = &worksheets[0];
        let mut entry = Entry::new(
            "20261120-101500-ab12".into(),
            ws,
            "Family K".into(),
            t("2026-11-20T10:15:00+11:00"),
        );
        let key = ws.sections[0].items[0].id().to_string();
        entry.answers.insert(key, text.into());
        let export = Export::new(
            vec![entry],
            &worksheets,
            t("2026-11-26T14:05:00+11:00"),
            DateRange::default(),
        );
        Pending::new(export, &crate::settings::Settings::default()).unwrap()
    }

    #[test]
    fn a_decision_made_once_is_made_again_at_the_next_export_and_only_what_is_new_is_asked() {
        let now = t("2026-11-26T14:05:00+11:00");
        let mut first = pending_with("Call 07700 900123 or mail k@example.org.");
        assert_eq!(first.findings.len(), 2, "{:?}", first.findings);
        first.decisions = vec![Decision::Replace, Decision::Accept];
        let mut remembered = Remembered::default();
        assert!(remembered.record(&first, now));
        assert!(
            !remembered.record(&first, now),
            "nothing new the second time"
        );

        let mut next = pending_with(
            "Call 07700 900123 or mail K@EXAMPLE.ORG; her school is on 0161 496 0000.",
        );
        assert_eq!(next.findings.len(), 3);
        assert_eq!(remembered.apply(&mut next), 2);
        assert_eq!(
            next.decisions,
            [Decision::Replace, Decision::Accept, Decision::Open],
            "the new number is the one asked about"
        );
    }

    #[test]
    fn replaced_in_the_entry_and_open_details_are_not_remembered() {
        let mut p = pending_with("Call 07700 900123 or mail k@example.org.");
        p.decisions = vec![Decision::ReplaceInEntry, Decision::Open];
        let mut remembered = Remembered::default();
        assert!(!remembered.record(&p, t("2026-11-26T14:05:00+11:00")));
        assert!(remembered.is_empty());
    }

    #[test]
    fn a_changed_mind_is_remembered_and_the_file_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let now = t("2026-11-26T14:05:00+11:00");
        let mut p = pending_with("Call 07700 900123.");
        p.decisions = vec![Decision::Accept];
        let mut remembered = Remembered::default();
        remembered.record(&p, now);
        p.decisions = vec![Decision::Replace];
        assert!(remembered.record(&p, now));
        save(dir.path(), &remembered).unwrap();
        let back = load(dir.path()).unwrap();
        assert_eq!(back, remembered);
        assert_eq!(back.len(), 1);
        assert_eq!(back.about(&p.findings[0]), Some(Decision::Replace));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path(dir.path()))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "private");
        }
    }

    #[test]
    fn a_damaged_file_is_named_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(path(dir.path()), "{ not json").unwrap();
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("decisions.json"), "{e}");
        assert_eq!(
            std::fs::read_to_string(path(dir.path())).unwrap(),
            "{ not json"
        );
    }

    #[test]
    fn decisions_about_entries_gone_for_good_are_forgotten() {
        let mut p = pending_with("Call 07700 900123.");
        p.decisions = vec![Decision::Accept];
        let mut remembered = Remembered::default();
        remembered.record(&p, t("2026-11-26T14:05:00+11:00"));
        assert!(!remembered.forget_all_but(["20261120-101500-ab12"]));
        assert!(remembered.forget_all_but(["another"]));
        assert!(remembered.is_empty());
    }
}
