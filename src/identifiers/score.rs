//! Scoring the check against a labelled corpus: how much of what identifies
//! someone it finds (recall, per kind), and how many of its findings are
//! real (precision).
//!
//! The corpus is plain text, written for this and made up: no real person is
//! in it. A file holds passages separated by a line `---`. In a passage,
//! every identifying detail is marked `[[kind:text]]`, where `kind` is a
//! [`Kind::id`] ("name", "phone", "institution", …). A line starting `#!`
//! sets the passage's context: `#! label: Smith family` (the entry's family
//! label) or `#! never: Kayla Brown; Jo` (the never-export list). Any other
//! line starting `#` is a comment. A passage with no mark is one with no
//! identifier, and every finding in it is a false alarm.
//!
//! `cargo run --release --example check_corpus [FILES...]` prints the
//! figures; `tests/corpus.rs` holds the check to them.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Config, Detector, Hit, Kind};

/// One passage: its plain text (marks taken out), where each detail is in
/// it, and the context it is checked with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passage {
    /// Where it comes from, "file:line", for messages.
    pub origin: String,
    pub text: String,
    pub labels: Vec<(Kind, Range<usize>)>,
    pub config: Config,
}

/// Why a corpus file could not be read; names the place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorpusError {
    #[error("{origin}: a mark `[[` is not closed with `]]`")]
    Unclosed { origin: String },
    #[error("{origin}: `{kind}` is not a kind (expected one of: {known})")]
    UnknownKind {
        origin: String,
        kind: String,
        known: String,
    },
    #[error("{origin}: unknown setting `#! {key}` (expected label or never)")]
    UnknownSetting { origin: String, key: String },
}

/// The kind whose [`Kind::id`] is `id`.
pub fn kind_of(id: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|kind| kind.id() == id)
}

/// The corpus files shipped with spiral's tests, `tests/corpus/*.txt`, in
/// name order.
pub fn corpus_files() -> std::io::Result<Vec<std::path::PathBuf>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Every passage of `files`, each named in messages by its file name.
pub fn read(files: &[std::path::PathBuf]) -> Result<Vec<Passage>, String> {
    let mut passages = Vec::new();
    for file in files {
        let source =
            std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        passages.extend(parse(&name, &source).map_err(|e| e.to_string())?);
    }
    Ok(passages)
}

/// Reads every passage of one corpus file. `name` is used in messages.
pub fn parse(name: &str, source: &str) -> Result<Vec<Passage>, CorpusError> {
    let mut passages = Vec::new();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    for (number, line) in source.lines().enumerate() {
        if line.trim_end() == "---" {
            if let Some(passage) = passage(name, &lines)? {
                passages.push(passage);
            }
            lines.clear();
        } else {
            lines.push((number + 1, line));
        }
    }
    if let Some(passage) = passage(name, &lines)? {
        passages.push(passage);
    }
    Ok(passages)
}

fn passage(name: &str, lines: &[(usize, &str)]) -> Result<Option<Passage>, CorpusError> {
    let mut config = Config::default();
    let mut body: Vec<(usize, &str)> = Vec::new();
    for &(number, line) in lines {
        let origin = format!("{name}:{number}");
        if let Some(setting) = line.strip_prefix("#!") {
            let (key, value) = setting.split_once(':').unwrap_or((setting, ""));
            match key.trim() {
                "label" => config.family_label = Some(value.trim().to_string()),
                "never" => config.never_export.extend(
                    value
                        .split(';')
                        .map(str::trim)
                        .filter(|name| !name.is_empty())
                        .map(String::from),
                ),
                other => {
                    return Err(CorpusError::UnknownSetting {
                        origin,
                        key: other.to_string(),
                    });
                }
            }
        } else if !line.starts_with('#') {
            body.push((number, line));
        }
    }
    while body.first().is_some_and(|(_, line)| line.trim().is_empty()) {
        body.remove(0);
    }
    while body.last().is_some_and(|(_, line)| line.trim().is_empty()) {
        body.pop();
    }
    let Some(&(first, _)) = body.first() else {
        return Ok(None);
    };
    let origin = format!("{name}:{first}");
    let marked = body
        .iter()
        .map(|(_, line)| *line)
        .collect::<Vec<_>>()
        .join("\n");
    let mut text = String::new();
    let mut labels = Vec::new();
    let mut rest = marked.as_str();
    while let Some(open) = rest.find("[[") {
        text.push_str(&rest[..open]);
        let inner = &rest[open + 2..];
        let close = inner.find("]]").ok_or_else(|| CorpusError::Unclosed {
            origin: origin.clone(),
        })?;
        let mark = &inner[..close];
        let (id, detail) = mark.split_once(':').unwrap_or(("", mark));
        let kind = kind_of(id.trim()).ok_or_else(|| CorpusError::UnknownKind {
            origin: origin.clone(),
            kind: id.to_string(),
            known: Kind::ALL.map(Kind::id).join(", "),
        })?;
        let start = text.len();
        text.push_str(detail);
        labels.push((kind, start..text.len()));
        rest = &inner[close + 2..];
    }
    text.push_str(rest);
    Ok(Some(Passage {
        origin,
        text,
        labels,
        config,
    }))
}

/// Kinds that are the same detail for scoring: a name found as the family
/// label or from the never-export list is still a name found.
pub fn same_group(a: Kind, b: Kind) -> bool {
    let group = |kind| match kind {
        Kind::Name | Kind::FamilyLabel | Kind::NeverExport => 0,
        _ => 1 + kind as usize,
    };
    group(a) == group(b)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// How one kind did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Details of this kind marked in the corpus.
    pub marked: usize,
    /// Of those, how many some finding covered (of any kind: the person is
    /// asked about it either way).
    pub found: usize,
    /// Of those, how many a finding of this kind (or its group) covered.
    pub found_as_kind: usize,
    /// Findings of this kind.
    pub findings: usize,
    /// Of those, how many covered no marked detail at all.
    pub false_alarms: usize,
}

impl Tally {
    /// Found over marked, 1.0 when nothing is marked.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.marked)
    }
    /// Real findings over findings, 1.0 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.findings - self.false_alarms, self.findings)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// A detail the check missed, or a finding that was a false alarm, for
/// working on the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    pub origin: String,
    pub kind: Kind,
    pub text: String,
}

/// The figures for a whole corpus.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub passages: usize,
    pub passages_without_details: usize,
    pub by_kind: BTreeMap<Kind, Tally>,
    pub missed: Vec<Miss>,
    pub false_alarms: Vec<Miss>,
}

impl Score {
    /// Every kind together.
    pub fn overall(&self) -> Tally {
        self.by_kind
            .values()
            .fold(Tally::default(), |total, tally| Tally {
                marked: total.marked + tally.marked,
                found: total.found + tally.found,
                found_as_kind: total.found_as_kind + tally.found_as_kind,
                findings: total.findings + tally.findings,
                false_alarms: total.false_alarms + tally.false_alarms,
            })
    }

    /// A table of the figures, one line per kind.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{} passages, {} with no identifier\n{:<16} {:>6} {:>6} {:>8} {:>9} {:>7}\n",
            self.passages,
            self.passages_without_details,
            "kind",
            "marked",
            "found",
            "recall",
            "findings",
            "precis."
        );
        let line = |name: &str, tally: &Tally| {
            format!(
                "{:<16} {:>6} {:>6} {:>7.1}% {:>9} {:>6.1}%\n",
                name,
                tally.marked,
                tally.found,
                100.0 * tally.recall(),
                tally.findings,
                100.0 * tally.precision()
            )
        };
        for (kind, tally) in &self.by_kind {
            out.push_str(&line(kind.id(), tally));
        }
        out.push_str(&line("all", &self.overall()));
        out
    }
}

/// Runs the check over every passage, each with its own context, and
/// scores what it found against the marks.
pub fn score(passages: &[Passage]) -> Score {
    let mut score = Score {
        passages: passages.len(),
        ..Score::default()
    };
    for passage in passages {
        if passage.labels.is_empty() {
            score.passages_without_details += 1;
        }
        let detector = Detector::new(&passage.config)
            .unwrap_or_else(|error| panic!("{}: {error}", passage.origin));
        let hits = detector.scan(&passage.text);
        tally(&mut score, passage, &hits);
    }
    score
}

fn tally(score: &mut Score, passage: &Passage, hits: &[Hit]) {
    for (kind, range) in &passage.labels {
        let tally = score.by_kind.entry(*kind).or_default();
        tally.marked += 1;
        let covering: Vec<&Hit> = hits
            .iter()
            .filter(|hit| overlaps(&hit.range, range))
            .collect();
        if covering.is_empty() {
            score.missed.push(Miss {
                origin: passage.origin.clone(),
                kind: *kind,
                text: passage.text[range.clone()].to_string(),
            });
        } else {
            tally.found += 1;
            if covering.iter().any(|hit| same_group(hit.kind, *kind)) {
                tally.found_as_kind += 1;
            }
        }
    }
    for hit in hits {
        let tally = score.by_kind.entry(hit.kind).or_default();
        tally.findings += 1;
        if !passage
            .labels
            .iter()
            .any(|(_, range)| overlaps(&hit.range, range))
        {
            tally.false_alarms += 1;
            score.false_alarms.push(Miss {
                origin: passage.origin.clone(),
                kind: hit.kind,
                text: hit.matched.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_taken_out_and_their_places_kept() {
        let source = "# a comment\n---\n#! label: Smith family\n#! never: Kayla Brown; Jo\nMet [[name:Kayla]] at\n[[institution:Hillside Primary School]].\n---\nNo details here.\n";
        let passages = parse("t.txt", source).unwrap();
        assert_eq!(passages.len(), 2);
        let first = &passages[0];
        assert_eq!(first.text, "Met Kayla at\nHillside Primary School.");
        assert_eq!(first.origin, "t.txt:5");
        assert_eq!(
            first.labels,
            vec![(Kind::Name, 4..9), (Kind::Institution, 13..36)]
        );
        assert_eq!(first.config.family_label.as_deref(), Some("Smith family"));
        assert_eq!(first.config.never_export, ["Kayla Brown", "Jo"]);
        assert!(passages[1].labels.is_empty());
    }

    #[test]
    fn a_bad_mark_names_its_place() {
        let error = parse("t.txt", "ok\n---\n\nsee [[nam:Jo]]").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("t.txt:4: `nam` is not a kind")
        );
        let error = parse("t.txt", "see [[name:Jo").unwrap_err();
        assert_eq!(
            error,
            CorpusError::Unclosed {
                origin: "t.txt:1".into()
            }
        );
    }

    #[test]
    fn findings_are_scored_against_the_marks() {
        let passages = parse(
            "t.txt",
            "#! never: Kayla\nRang [[phone:07700 900123]] about [[name:Kayla]], [[name:zeb]].\n---\nCalled 07700 900456 back.",
        )
        .unwrap();
        let score = score(&passages);
        let phone = score.by_kind[&Kind::Phone];
        assert_eq!(
            (
                phone.marked,
                phone.found,
                phone.findings,
                phone.false_alarms
            ),
            (1, 1, 2, 1)
        );
        let name = score.by_kind[&Kind::Name];
        assert_eq!((name.marked, name.found, name.found_as_kind), (2, 1, 1));
        assert_eq!(score.by_kind[&Kind::NeverExport].false_alarms, 0);
        assert_eq!(
            score.missed,
            vec![Miss {
                origin: "t.txt:2".into(),
                kind: Kind::Name,
                text: "zeb".into()
            }]
        );
        assert_eq!(score.false_alarms.len(), 1);
        assert_eq!(score.passages_without_details, 1);
        assert!((score.overall().recall() - 2.0 / 3.0).abs() < 1e-9);
    }
}
