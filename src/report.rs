//! An entry as plain, readable text (for `spiral show`).

use std::fmt::Write;

use crate::model::entry::{Entry, choice_key};
use crate::model::worksheet::{Item, Worksheet};
use crate::ui::home::when;

pub fn entry_as_text(entry: &Entry, ws: &Worksheet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} · {}", ws.title, entry.family_label);
    let _ = writeln!(
        out,
        "Entry {} · started {} · last changed {} · {}",
        entry.id,
        when(&entry.created),
        when(&entry.updated),
        entry.progress(ws)
    );
    for (s, section) in ws.sections.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}\n", s + 1, section.title);
        for item in &section.items {
            match item {
                Item::Prompt(p) => write_answer(&mut out, &p.title, entry.answer(&p.id)),
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
