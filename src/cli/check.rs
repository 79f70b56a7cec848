//! `spiral check`: the identifying-details check the exports run, on its
//! own, writing nothing.

use std::path::Path;

use anyhow::bail;
use serde::Serialize;

use super::ListFilters;
use crate::export::check::{self, CommentPart, Decision, Field, Finding, MapPart};
use crate::export::{Export, Pending};
use crate::model::entry::Entry;
use crate::model::worksheet::Worksheet;
use crate::settings::Settings;

/// The `format` of `spiral check --json`, and its version: a script can
/// rely on every field below staying as it is within a version.
pub const FORMAT: &str = "spiral-check";
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub format: &'static str,
    pub version: u32,
    /// How many entries were checked.
    pub entries: usize,
    /// How many findings are still to decide.
    pub open: usize,
    pub findings: Vec<Row<'a>>,
}

/// One finding, for scripts.
#[derive(Debug, Serialize)]
pub struct Row<'a> {
    pub entry_id: &'a str,
    pub family_label: &'a str,
    /// What holds it: "answer", "label", "tag", "map" or "prep".
    pub field: &'static str,
    /// The answer's key, for an answer (else null).
    pub answer_key: Option<&'a str>,
    /// The tag's place among the entry's tags, from 0, for a tag.
    pub tag: Option<usize>,
    /// The map issue, for a map field.
    pub map: Option<MapRow<'a>>,
    /// The supervisor's comment, for a comment.
    pub comment: Option<CommentRow<'a>>,
    pub section: &'a str,
    pub prompt: &'a str,
    /// Section and prompt: "1. Key concepts › Earning acceptance".
    pub place: String,
    /// The kind's stable id: "phone", "email", "family-label"…
    pub kind: &'static str,
    /// The kind in plain words.
    pub description: &'static str,
    /// The text found, exactly as it is in the field.
    pub text: &'a str,
    /// Where it is in the field's text as stored, in characters (Unicode
    /// scalar values) from 0: `text` is characters `start..end`.
    pub start: usize,
    pub end: usize,
    /// The words around it, on one line.
    pub context: &'a str,
    /// "open", "replace", "replace-in-entry" or "keep".
    pub decision: &'static str,
}

#[derive(Debug, Serialize)]
pub struct CommentRow<'a> {
    pub id: &'a str,
    /// "text", or "reviewer" for the name on it.
    pub part: &'static str,
}

#[derive(Debug, Serialize)]
pub struct MapRow<'a> {
    pub item: &'a str,
    pub issue: u32,
    /// "text", "when" or "what-shifted".
    pub part: &'static str,
}

/// The check's findings on `entries`, each with its decision, as the export
/// of these entries would find them.
pub fn run(
    entries: Vec<Entry>,
    worksheets: &[Worksheet],
    settings: &Settings,
) -> anyhow::Result<Pending> {
    let export = Export::new(
        entries,
        worksheets,
        super::export::now(),
        crate::export::DateRange::default(),
    )
    .with_settings(settings);
    Pending::new(export, settings).map_err(|e| {
        anyhow::anyhow!(
            "{e} (in reference_patterns in your settings; `spiral config path` says where they are)"
        )
    })
}

/// The report of `pending`, for `--json` and for the lines a person reads.
pub fn report(pending: &Pending) -> Report<'_> {
    let findings = pending
        .findings
        .iter()
        .zip(&pending.decisions)
        .map(|(f, d)| row(f, *d, pending.export.entries.get(f.entry)))
        .collect();
    Report {
        format: FORMAT,
        version: VERSION,
        entries: pending.export.entries.len(),
        open: pending.open(),
        findings,
    }
}

fn row<'a>(f: &'a Finding, decision: Decision, entry: Option<&Entry>) -> Row<'a> {
    let text = entry.and_then(|e| check::field_text(e, &f.field));
    let (start, end) = match &text {
        Some(text) => check::char_range(text, &f.hit.range),
        None => (0, f.hit.matched.chars().count()),
    };
    let comment = match &f.field {
        Field::Comment { id, part } => Some(CommentRow {
            id,
            part: match part {
                CommentPart::Text => "text",
                CommentPart::Reviewer => "reviewer",
            },
        }),
        _ => None,
    };
    let (field, answer_key, tag, map) = match &f.field {
        Field::Label => ("label", None, None, None),
        Field::Answer(key) => ("answer", Some(key.as_str()), None, None),
        Field::Tag(t) => ("tag", None, Some(*t), None),
        Field::Prep(_) => ("prep", None, None, None),
        Field::Comment { .. } => ("comment", None, None, None),
        Field::Map { item, issue, part } => (
            "map",
            None,
            None,
            Some(MapRow {
                item,
                issue: *issue,
                part: match part {
                    MapPart::Text => "text",
                    MapPart::When => "when",
                    MapPart::Shifted => "what-shifted",
                },
            }),
        ),
    };
    Row {
        entry_id: &f.entry_id,
        family_label: &f.family_label,
        field,
        answer_key,
        tag,
        map,
        comment,
        section: &f.section,
        prompt: &f.prompt,
        place: f.place(),
        kind: f.hit.kind.id(),
        description: f.hit.kind.describe(),
        text: &f.hit.matched,
        start,
        end,
        context: &f.context,
        decision: decision.id(),
    }
}

/// One line for a person: whose, where, what, and its decision.
pub fn line(r: &Row) -> String {
    format!(
        "{} {} · {} · {} \"{}\" (characters {}-{}) · {}",
        r.entry_id, r.family_label, r.place, r.kind, r.text, r.start, r.end, r.decision
    )
}

/// `spiral check`.
pub fn check(
    worksheets: &[Worksheet],
    dir: &Path,
    settings: &Settings,
    ids: &[String],
    all: bool,
    filters: &ListFilters,
    json: bool,
) -> anyhow::Result<()> {
    let (entries, _) = super::export::chosen(worksheets, dir, ids, all, filters, "check")?;
    let mut pending = run(entries, worksheets, settings)?;
    super::export::recall(dir, &mut pending, false);
    let report = report(&pending);
    if json {
        crate::safe::print_json(&serde_json::to_string_pretty(&report)?);
    } else {
        for r in &report.findings {
            crate::outln!("{}", line(r));
        }
        let n = report.findings.len();
        crate::errln!(
            "{} entr{} checked: {} possible identifying detail{}, {} still to decide. Nothing was written.",
            report.entries,
            if report.entries == 1 { "y" } else { "ies" },
            n,
            if n == 1 { "" } else { "s" },
            report.open
        );
    }
    if report.open > 0 {
        bail!(
            "{} possible identifying detail{} still to decide",
            report.open,
            if report.open == 1 { " is" } else { "s are" }
        );
    }
    Ok(())
}
