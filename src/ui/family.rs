//! One family's spiral over time: the maps of every entry about the same
//! family on one spiral, older entries inside and newer ones outside.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::para;
use super::spiral::MapDiagram;
use crate::model::map::{self, MapIssue};
use crate::model::worksheet::Item;
use crate::state::Model;

pub struct FamilyView<'a> {
    pub model: &'a Model,
    /// Any entry of the family.
    pub entry: usize,
}

/// Every mapped issue of one entry, across its map items, in order.
fn issues_of(model: &Model, entry: usize) -> Vec<MapIssue> {
    let Some(e) = model.entry(entry) else {
        return Vec::new();
    };
    let Some(ws) = model.worksheet_of(e).map(|w| &model.worksheets[w]) else {
        return Vec::new();
    };
    let maps: Vec<&[MapIssue]> = ws
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|i| match i {
            Item::Map(m) => Some(e.map(&m.id)),
            _ => None,
        })
        .collect();
    map::combine(maps)
}

impl Widget for FamilyView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        Clear.render(area, buf);
        let family = model.family_of(self.entry);
        let per_entry: Vec<Vec<MapIssue>> = family.iter().map(|&i| issues_of(model, i)).collect();
        let all = map::combine(per_entry.iter().map(Vec::as_slice));
        let label = model.entries[family.first().copied().unwrap_or(self.entry)]
            .summary
            .family_label
            .trim();
        let block = Block::bordered()
            .title(format!(
                " {label} over time: {} {}, {} issues mapped (Esc closes) ",
                family.len(),
                if family.len() == 1 {
                    "entry"
                } else {
                    "entries"
                },
                all.len()
            ))
            .border_style(t.focused_border());
        let inner = block.inner(area);
        block.render(area, buf);

        let mut lines = Vec::new();
        let mut number = 0;
        for (&i, issues) in family.iter().zip(&per_entry) {
            let entry = &model.entries[i];
            let count = if entry.entry.is_some() {
                format!("{} issues", issues.len())
            } else {
                "reading…".to_string()
            };
            lines.push(Line::styled(
                format!(
                    "Entry started {} ({count})",
                    model.settings.when(&entry.summary.created)
                ),
                t.heading(),
            ));
            for issue in issues {
                number += 1;
                lines.push(Line::from(vec![
                    Span::styled(format!("{number:>3}. "), t.heading()),
                    Span::raw(issue.text.clone()),
                ]));
            }
            if issues.is_empty() && entry.entry.is_some() {
                lines.push(Line::styled("     (nothing mapped)", t.dim()));
            }
        }
        if all.is_empty() {
            lines.push(Line::default());
            lines.push(Line::from(
                "Nothing is mapped for this family yet: section 4 of an entry maps the issues worked on.",
            ));
        }
        let [list, picture] = inner.layout(&Layout::horizontal([
            Constraint::Percentage(40),
            Constraint::Fill(1),
        ]));
        para(lines).render(list, buf);
        MapDiagram {
            worksheet: model
                .worksheet_by_id(&model.entries[self.entry].summary.worksheet.id)
                .map_or(&model.worksheets[0], |w| &model.worksheets[w]),
            issues: &all,
            selected: None,
            theme: t,
            title: "older inside, newer outside",
        }
        .render(picture, buf);
    }
}
