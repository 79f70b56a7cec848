//! An entry as plain, readable text (for `spiral show`).

use std::fmt::Write;

use crate::model::checks::{self, Finding, Severity};
use crate::model::entry::{Entry, choice_key, is_about};
use crate::model::map::{self, MapIssue};
use crate::model::worksheet::{
    CheckState, Item, SCALE_MAX, Scale, Worksheet, check_note_key, follow_up_key, note_key,
    parse_date, parse_scale, parse_yes_no, row_key, state_key,
};
use crate::settings::format_date;

/// Dates are written in `date_format` (the settings'), or the default one.
pub fn entry_as_text(entry: &Entry, ws: &Worksheet, date_format: Option<&str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} · {}", ws.title, entry.family_label);
    let _ = writeln!(
        out,
        "Entry {} · started {} · last changed {} · {}",
        entry.id,
        format_date(&entry.created, date_format),
        format_date(&entry.updated, date_format),
        entry.progress(ws)
    );
    if !entry.tags.is_empty() {
        let _ = writeln!(out, "Tags: {}", entry.tags.join(", "));
    }
    if let Some(done) = &entry.completed {
        let _ = writeln!(out, "Completed {}", format_date(done, date_format));
    }
    if let Some(day) = entry.discussed {
        let _ = writeln!(out, "Discussed in supervision {}", day.format("%-d %b %Y"));
    }
    let findings = checks::active(ws, entry);
    if !findings.is_empty() {
        let _ = writeln!(
            out,
            "Checks: {} (each marked ! below, under what it is about)",
            crate::text::checks_summary(&findings)
        );
    }
    for (s, section) in ws.sections.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}\n", s + 1, section.title);
        for item in &section.items {
            match item {
                Item::Prompt(p) => write_answer(&mut out, &p.title, entry.answer(&p.id)),
                Item::Map(p) => {
                    let _ = writeln!(out, "  {}:", p.title);
                    out.push_str(&map_as_text(entry.map(&p.id), ws, "    "));
                }
                Item::Choose(c) => {
                    let chosen = entry.chosen(&c.id);
                    let _ = writeln!(out, "{} ({} of {} chosen)", c.title, chosen.len(), c.count);
                    for (n, q) in chosen.iter().enumerate() {
                        let text = ws.question_text(&c.bank, q).unwrap_or(q.as_str());
                        let _ = writeln!(out, "\n  Question {}: {text}", n + 1);
                        for p in &c.prompts {
                            write_answer(
                                &mut out,
                                &p.title,
                                entry.answer(&choice_key(&c.id, q, &p.id)),
                            );
                        }
                    }
                    out.push('\n');
                }
                Item::Table(t) => {
                    let _ = writeln!(out, "  {}:", t.title);
                    for row in &t.rows {
                        let key = row_key(&t.id, &row.id);
                        write_answer_at(&mut out, "    ", &row.title, entry.answer(&key));
                        write_findings(&mut out, &findings, &key, "      ");
                    }
                }
                Item::Checklist(c) => {
                    let _ = writeln!(out, "  {}:", c.title);
                    for check in &c.checks {
                        let state = CheckState::parse(entry.answer(&state_key(&c.id, &check.id)));
                        let mark = state.map_or("not answered yet", CheckState::label);
                        let _ = writeln!(out, "    [{mark}] {}", check.title);
                        write_lines(
                            &mut out,
                            "      ",
                            entry.answer(&check_note_key(&c.id, &check.id)),
                        );
                        write_findings(&mut out, &findings, &row_key(&c.id, &check.id), "      ");
                    }
                }
                Item::Scale(scale) => write_scale(&mut out, scale, entry),
                Item::Date(d) => {
                    let value = entry.answer(&d.id);
                    let shown = match parse_date(value) {
                        Some(date) => format!("{} ({})", value.trim(), date.format("%A %-d %B %Y")),
                        None if value.trim().is_empty() => "(not answered yet)".to_string(),
                        None => format!("{value:?} (not a date: write it as YYYY-MM-DD)"),
                    };
                    let _ = writeln!(out, "  {}: {shown}", d.title);
                }
                Item::YesNo(y) => {
                    let answer = parse_yes_no(entry.answer(&y.id));
                    let shown = match answer {
                        Some(true) => "yes",
                        Some(false) => "no",
                        None => "(not answered yet)",
                    };
                    let _ = writeln!(out, "  {}: {shown}", y.title);
                    let follow = entry.answer(&follow_up_key(&y.id));
                    if let Some(f) = &y.follow_up
                        && (f.applies(answer) || !follow.trim().is_empty())
                    {
                        let _ = writeln!(out, "    {}", f.text);
                        if follow.trim().is_empty() {
                            let _ = writeln!(out, "      (not answered yet)");
                        } else {
                            write_lines(&mut out, "      ", follow);
                        }
                    }
                }
            }
            write_findings(&mut out, &findings, item.id(), "    ");
            write_comments(&mut out, entry, item.id(), date_format);
        }
    }
    let placed: Vec<&str> = ws.items().map(Item::id).collect();
    let overall: Vec<&crate::model::entry::Comment> = entry
        .feedback
        .iter()
        .filter(|c| {
            c.key
                .as_deref()
                .is_none_or(|k| !placed.iter().any(|id| is_about(k, id)))
        })
        .collect();
    if !overall.is_empty() {
        let _ = writeln!(out, "\nSupervisor's comments on the whole entry:");
        for c in overall {
            write_comment(&mut out, c, date_format);
        }
    }
    let _ = writeln!(out, "\nWorksheet adapted from: {}", ws.credit.citation);
    out
}

/// The supervisor's comments on an item, under it.
fn write_comments(out: &mut String, entry: &Entry, item: &str, date_format: Option<&str>) {
    for c in entry
        .feedback
        .iter()
        .filter(|c| c.key.as_deref().is_some_and(|k| is_about(k, item)))
    {
        write_comment(out, c, date_format);
    }
}

fn write_comment(out: &mut String, c: &crate::model::entry::Comment, date_format: Option<&str>) {
    let who = c.reviewer.as_deref().unwrap_or("Supervisor");
    let _ = writeln!(
        out,
        "    > {who}, {}:",
        format_date(&c.written, date_format)
    );
    write_lines(out, "    >   ", &c.text);
}

fn write_answer(out: &mut String, title: &str, answer: &str) {
    write_answer_at(out, "  ", title, answer);
}

fn write_answer_at(out: &mut String, indent: &str, title: &str, answer: &str) {
    let _ = writeln!(out, "{indent}{title}:");
    if answer.trim().is_empty() {
        let _ = writeln!(out, "{indent}  (not answered yet)");
    } else {
        write_lines(out, &format!("{indent}  "), answer);
    }
}

fn write_lines(out: &mut String, indent: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    for line in text.lines() {
        let _ = writeln!(out, "{indent}{line}");
    }
}

fn write_scale(out: &mut String, scale: &Scale, entry: &Entry) {
    match parse_scale(entry.answer(&scale.id)) {
        Some(n) => {
            let _ = writeln!(out, "  {}: {n} out of {SCALE_MAX}", scale.title);
            if let Some(anchor) = nearest_anchor(scale, n) {
                let _ = writeln!(out, "    ({} means: {})", anchor.value, anchor.text);
            }
        }
        None => {
            let _ = writeln!(out, "  {}: (not answered yet)", scale.title);
        }
    }
    let note = entry.answer(&note_key(&scale.id));
    if !note.trim().is_empty() {
        let label = scale.note.as_deref().unwrap_or("Note");
        let colon = if label.ends_with(['?', ':', '.']) {
            ""
        } else {
            ":"
        };
        let _ = writeln!(out, "    {label}{colon}");
        write_lines(out, "      ", note);
    }
}

/// The anchor closest to `n` (the lower one on a tie).
pub fn nearest_anchor(scale: &Scale, n: u8) -> Option<&crate::model::worksheet::Anchor> {
    scale
        .anchors
        .iter()
        .min_by_key(|a| (a.value.abs_diff(n), a.value))
}

/// The findings shown at exactly `at`, each on its own line.
fn write_findings(out: &mut String, findings: &[Finding], at: &str, indent: &str) {
    for f in findings.iter().filter(|f| f.at == at) {
        let what = match f.severity {
            Severity::Warning => "Warning",
            Severity::Reminder => "Reminder",
        };
        let _ = writeln!(out, "{indent}! {what}: {}", f.message);
    }
}

/// The map as plain text: numbered issues grouped by stage and by loop of
/// the spiral, returns linked to what they return to, and the core's tally.
pub fn map_as_text(issues: &[MapIssue], ws: &Worksheet, indent: &str) -> String {
    let mut out = String::new();
    if issues.is_empty() {
        let _ = writeln!(out, "{indent}(no issues mapped yet)");
        return out;
    }
    let at = map::positions(issues);
    let mut stages: Vec<(&str, &str)> = ws
        .stages
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    // Issues in a stage the worksheet no longer has are listed under its id.
    for i in issues {
        if !stages.iter().any(|(id, _)| *id == i.stage) {
            stages.push((i.stage.as_str(), i.stage.as_str()));
        }
    }
    for (stage, name) in stages {
        let mut rows: Vec<(usize, usize)> = issues
            .iter()
            .enumerate()
            .filter(|(_, i)| i.stage == stage)
            .map(|(n, _)| (at[n].floor() as usize + 1, n))
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort();
        let _ = writeln!(out, "{indent}{name}");
        for (turn, n) in rows {
            let issue = &issues[n];
            let mut line = format!("{indent}  loop {turn}: {}. {}", n + 1, issue.text);
            if !issue.when.is_empty() {
                line.push_str(&format!(" ({})", issue.when));
            }
            if let Some(origin) = issue.return_of.and_then(|o| map::number_of(issues, o)) {
                line.push_str(&format!(", returning to {origin}"));
            }
            if !issue.shifted.is_empty() {
                line.push_str(&format!("; what shifted: {}", issue.shifted));
            }
            if !issue.feeds.is_empty() {
                let names: Vec<&str> = issue
                    .feeds
                    .iter()
                    .map(|f| {
                        ws.core
                            .parts
                            .iter()
                            .find(|p| &p.id == f)
                            .map_or(f.as_str(), |p| p.name.as_str())
                    })
                    .collect();
                line.push_str(&format!("; fed {}", names.join(", ").to_lowercase()));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    let counts = map::core_counts(issues, ws.core.parts.iter().map(|p| p.id.as_str()));
    let tally: Vec<String> = ws
        .core
        .parts
        .iter()
        .zip(counts)
        .map(|(p, c)| format!("{} {c}", p.name.to_lowercase()))
        .collect();
    let _ = writeln!(out, "{indent}The core was fed: {}", tally.join(", "));
    out
}
