//! Supervision prep: a few short notes for the next session, and the
//! entries changed since the last one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::para;
use crate::export::prep::PROMPTS;
use crate::state::Model;
use crate::state::export::{PrepScreen, since_last_supervision};
use crate::text::export as say;

pub struct PrepView<'a> {
    pub model: &'a Model,
    pub screen: &'a PrepScreen,
}

impl Widget for PrepView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        let (since, changed) = since_last_supervision(model);
        let head = vec![
            Line::from(say::prep_since(since, changed.len())),
            Line::styled(
                "Ctrl-X makes the note from your answers and these entries.",
                t.dim(),
            ),
        ];
        let head_height = para(head.clone()).line_count(area.width).min(3) as u16;
        let [head_area, body] = area.layout(&Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Fill(1),
        ]));
        para(head).render(head_area, buf);
        // Wide windows show the entries beside the questions.
        let [fields_area, side] = if body.width >= 110 {
            body.layout(&Layout::horizontal([
                Constraint::Percentage(62),
                Constraint::Fill(1),
            ]))
        } else {
            [body, Rect::default()]
        };
        let areas: [Rect; 3] = fields_area.layout(&Layout::vertical([Constraint::Fill(1); 3]));
        for (i, ((heading, hint), field_area)) in PROMPTS.iter().zip(areas).enumerate() {
            let focused = i == self.screen.focus;
            let mut block = Block::bordered()
                .title(format!(" {heading} "))
                .border_style(if focused {
                    t.focused_border()
                } else {
                    t.border()
                });
            // The hint shows in the empty field; once it is typed over, below it.
            let typed = !self.screen.fields[i].is_empty();
            if focused && typed && field_area.height >= 4 {
                block = block.title_bottom(Line::styled(format!(" {hint} "), t.dim()));
            }
            let inner = block.inner(field_area);
            block.render(field_area, buf);
            self.screen.fields[i].render(inner, buf);
        }
        if side.width > 0 {
            self.render_entries(&changed, side, buf);
        }
    }
}

impl PrepView<'_> {
    /// The entries the note gathers as "my reflections".
    fn render_entries(&self, changed: &[usize], area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        // Only the rows that fit are put in order: this is drawn every frame.
        let newest_first = |a: &usize, b: &usize| {
            model.entries[*b]
                .summary
                .updated
                .cmp(&model.entries[*a].summary.updated)
        };
        let mut order = changed.to_vec();
        let rows = usize::from(area.height);
        if order.len() > rows && rows > 0 {
            order.select_nth_unstable_by(rows - 1, newest_first);
            order.truncate(rows);
        }
        order.sort_by(newest_first);
        let mut lines = Vec::new();
        if order.is_empty() {
            lines.push(Line::from("No entry has changed since then."));
        }
        for i in order.into_iter().take(usize::from(area.height)) {
            let s = &model.entries[i].summary;
            lines.push(Line::from(vec![
                Span::raw(s.family_label.clone()),
                Span::styled(format!("  {}", model.settings.when(&s.updated)), t.dim()),
            ]));
        }
        para(lines)
            .block(
                Block::bordered()
                    .title(format!(" My reflections ({}) ", changed.len()))
                    .border_style(t.border()),
            )
            .render(area, buf);
    }
}
