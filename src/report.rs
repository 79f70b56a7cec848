//! An entry as plain, readable text (for `spiral show`).

use std::fmt::Write;

use crate::model::entry::{Entry, choice_key};
use crate::model::map::{self, MapIssue};
use crate::model::worksheet::{Item, Worksheet};
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
            }
        }
    }
    let _ = writeln!(out, "\nWorksheet adapted from: {}", ws.credit.citation);
    out
}

fn write_answer(out: &mut String, title: &str, answer: &str) {
    let _ = writeln!(out, "  {title}:");
    if answer.trim().is_empty() {
        let _ = writeln!(out, "    (not answered yet)");
    } else {
        for line in answer.lines() {
            let _ = writeln!(out, "    {line}");
        }
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
