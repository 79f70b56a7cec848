//! The Markdown export: a heading per section, each question and then its
//! answer, the chosen questions, the spiral map as a list, the dates, and
//! the worksheet's title and credit.
//!
//! The practitioner's words are escaped just enough that they read as
//! written: a line they start with "#" stays a line, not a heading, and
//! anything in angle brackets stays text, never markup.

use std::fmt::Write;

use super::doc::{Body, EntryDoc, ItemDoc, MapDoc, Row};
use super::{Export, HEADING};
use crate::model::entry::{Comment, Entry};

pub fn render(export: &Export) -> String {
    let mut out = String::new();
    let title = if export.prep.is_some() {
        format!("{HEADING}: supervision prep")
    } else {
        HEADING.to_string()
    };
    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(out, "{}\n", escape(&export.byline()));
    for line in export.check_lines() {
        let _ = writeln!(out, "> {}", escape(&line));
    }
    if !export.check_lines().is_empty() {
        out.push('\n');
    }
    if let Some(prep) = &export.prep {
        if let Some(since) = prep.since {
            let _ = writeln!(
                out,
                "Entries changed since the last supervision, on {}.\n",
                since.format("%-d %b %Y")
            );
        }
        for ((heading, _), answer) in super::prep::PROMPTS.iter().zip(&prep.answers) {
            let _ = writeln!(out, "## {heading}\n");
            paragraph(
                &mut out,
                Some(answer.as_str()).filter(|a| !a.trim().is_empty()),
            );
        }
        let _ = writeln!(out, "## My reflections\n");
        if export.entries.is_empty() {
            let _ = writeln!(out, "No entry was changed since the last supervision.\n");
        }
    }
    let level = if export.prep.is_some() { "###" } else { "##" };
    for text in export.each_entry(|_, entry, doc| {
        let mut text = String::from("---\n\n");
        write_entry(&mut text, entry, doc, export, level);
        text
    }) {
        out.push_str(&text);
    }
    out
}

fn write_entry(out: &mut String, entry: &Entry, doc: &EntryDoc, export: &Export, h: &str) {
    let _ = writeln!(
        out,
        "{h} {} · {}\n",
        escape(&doc.title),
        escape(&doc.family_label)
    );
    let facts = export.facts(entry);
    let _ = writeln!(out, "{}\n", escape(&facts.join(" · ")));
    if !entry.tags.is_empty() {
        let _ = writeln!(out, "Tags: {}\n", escape(&entry.tags.join(", ")));
    }
    for section in &doc.sections {
        let note = if section.needed {
            ""
        } else {
            " (not needed for this entry)"
        };
        let _ = writeln!(
            out,
            "{h}# {}. {}{note}\n",
            section.number,
            escape(&section.title)
        );
        for item in &section.items {
            write_item(out, item);
        }
    }
    if !doc.overall.is_empty() {
        let _ = writeln!(out, "{h}# Supervisor's comments on the whole entry\n");
        comments(out, &doc.overall);
    }
    let _ = write!(out, "*Worksheet adapted from {}*", escape(&doc.credit));
    if !doc.credit_url.trim().is_empty() {
        let _ = write!(out, " <{}>", doc.credit_url.trim());
    }
    out.push_str("\n\n");
}

fn write_item(out: &mut String, item: &ItemDoc) {
    let _ = writeln!(
        out,
        "**{}**  \n*{}*\n",
        escape(&item.title),
        escape(&item.question)
    );
    match &item.body {
        Body::Text(text) => paragraph(out, text.as_deref()),
        Body::Choice { count, chosen } => {
            let _ = writeln!(out, "{} of {count} questions chosen.\n", chosen.len());
            for (n, c) in chosen.iter().enumerate() {
                let _ = writeln!(out, "Question {}: *{}*\n", n + 1, escape(&c.question));
                for row in &c.answers {
                    row_answer(out, row);
                }
            }
        }
        Body::Map(map) => write_map(out, map),
        Body::Rows(rows) => {
            for row in rows {
                row_answer(out, row);
            }
        }
        Body::Checklist { note_label, checks } => {
            for c in checks {
                let mark = match c.state {
                    Some(crate::model::worksheet::CheckState::Done) => "[x]",
                    Some(crate::model::worksheet::CheckState::NotYet) => "[ ]",
                    Some(crate::model::worksheet::CheckState::NotRelevant) => "[-]",
                    None => "[?]",
                };
                let state = c.state.map_or("not answered yet", |s| s.label());
                let _ = writeln!(out, "- {mark} {} ({state})", escape(&c.title));
                if let Some(note) = &c.note {
                    let label = note_label.as_deref().unwrap_or("Note");
                    let _ = writeln!(out, "  - {}: {}", escape(label), inline(note));
                }
                for comment in &c.comments {
                    let _ = writeln!(out, "  - {}", comment_line(comment));
                }
            }
            out.push('\n');
        }
        Body::Scale {
            value,
            max,
            meaning,
            note_label,
            note,
        } => {
            match value {
                Some(n) => {
                    let _ = write!(out, "{n} out of {max}");
                    if let Some((at, text)) = meaning {
                        let _ = write!(out, " ({at} means: {})", escape(text));
                    }
                    out.push_str("\n\n");
                }
                None => out.push_str("*(not answered yet)*\n\n"),
            }
            if let Some(note) = note {
                let label = note_label.as_deref().unwrap_or("Note");
                let _ = writeln!(out, "{}:\n", escape(label));
                paragraph(out, Some(note));
            }
        }
        Body::Date { written, date } => match (date, written) {
            (Some(d), _) => {
                let _ = writeln!(out, "{}\n", d.format("%A %-d %B %Y"));
            }
            (None, Some(w)) => {
                let _ = writeln!(out, "{} (not a date spiral can read)\n", inline(w));
            }
            (None, None) => out.push_str("*(not answered yet)*\n\n"),
        },
        Body::YesNo { answer, follow_up } => {
            let shown = match answer {
                Some(true) => "Yes",
                Some(false) => "No",
                None => "*(not answered yet)*",
            };
            let _ = writeln!(out, "{shown}\n");
            if let Some((question, reply)) = follow_up {
                let _ = writeln!(out, "*{}*\n", escape(question));
                paragraph(out, reply.as_deref());
            }
        }
    }
    comments(out, &item.comments);
}

fn row_answer(out: &mut String, row: &Row) {
    let _ = writeln!(out, "- *{}*", escape(&row.title));
    match &row.answer {
        Some(text) => {
            for line in escape(text).lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        None => out.push_str("  *(not answered yet)*\n"),
    }
    for c in &row.comments {
        let _ = writeln!(out, "  - {}", comment_line(c));
    }
    out.push('\n');
}

fn write_map(out: &mut String, map: &MapDoc) {
    if map.issues.is_empty() {
        out.push_str("*(no issues mapped yet)*\n\n");
        return;
    }
    for issue in &map.issues {
        let mut line = format!(
            "{}. **{}** ({}, loop {})",
            issue.number,
            inline(&issue.text),
            escape(&issue.stage_name),
            issue.position.floor() as usize + 1
        );
        if !issue.when.is_empty() {
            line.push_str(&format!(", {}", inline(&issue.when)));
        }
        if let Some(n) = issue.returns_to {
            line.push_str(&format!(", returning to {n}"));
        }
        if !issue.shifted.is_empty() {
            line.push_str(&format!("; what shifted: {}", inline(&issue.shifted)));
        }
        if !issue.feeds.is_empty() {
            line.push_str(&format!(
                "; fed {}",
                escape(&issue.feeds.join(", ").to_lowercase())
            ));
        }
        let _ = writeln!(out, "{line}");
    }
    if !map.core.is_empty() {
        let tally: Vec<String> = map
            .core
            .iter()
            .map(|(name, n)| format!("{} {n}", name.to_lowercase()))
            .collect();
        let _ = writeln!(out, "\nThe core was fed: {}.", escape(&tally.join(", ")));
    }
    out.push('\n');
}

fn paragraph(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => {
            let _ = writeln!(out, "{}\n", escape(text.trim_end()));
        }
        None => out.push_str("*(not answered yet)*\n\n"),
    }
}

fn comments(out: &mut String, comments: &[Comment]) {
    for c in comments {
        let _ = writeln!(out, "> {}", comment_line(c));
    }
    if !comments.is_empty() {
        out.push('\n');
    }
}

fn comment_line(c: &Comment) -> String {
    let who = c.reviewer.as_deref().unwrap_or("Supervisor");
    format!(
        "**{}, {}:** {}",
        escape(who),
        c.written.format("%-d %b %Y"),
        inline(&c.text)
    )
}

/// Text on one line (a list item, a comment): its lines joined.
fn inline(text: &str) -> String {
    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The practitioner's words, escaped so they read as written: markup
/// characters are backslashed, and a line that would start a heading, a
/// quote or a block is kept a plain line. Line breaks are kept as hard
/// breaks within a paragraph.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            // Two spaces: a line break, not a new paragraph, so the answer stays one block.
            out.push_str("  \n");
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        // Leading spaces would make a code block; keep them as no-break spaces.
        out.extend(indent.chars().map(|_| '\u{a0}'));
        if trimmed.starts_with(['#', '>', '=']) || trimmed.starts_with("---") {
            out.push('\\');
        }
        for c in trimmed.chars() {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_an_answer_stays_text() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(escape("a *b* [c](d)"), "a \\*b\\* \\[c\\](d)");
        assert_eq!(escape("one\ntwo"), "one  \ntwo");
        assert_eq!(escape("    code?"), "\u{a0}\u{a0}\u{a0}\u{a0}code?");
        assert_eq!(escape("Don't & do"), "Don't & do");
    }
}
