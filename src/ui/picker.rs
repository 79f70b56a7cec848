//! Starting an entry: choose a worksheet, then label the family.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, StatefulWidget, Widget};
use ratatui_textarea::TextArea;

use super::para;
use crate::model::worksheet::Origin;
use crate::state::Model;
use crate::text;

pub struct PickerView<'a> {
    pub model: &'a Model,
    pub selected: usize,
}

impl Widget for PickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        // Many worksheets scroll rather than crowd out the description.
        let list_height = (model.worksheets.len() as u16 * 2 + 2).min((area.height / 2).max(4));
        let [list_area, detail] = area.layout(&Layout::vertical([
            Constraint::Length(list_height),
            Constraint::Fill(1),
        ]));
        let items = model.worksheets.iter().map(|ws| {
            let from = match &ws.origin {
                Origin::User(path) => format!(
                    " · your own ({})",
                    path.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                ),
                Origin::Builtin(_) => String::new(),
            };
            ListItem::new(vec![
                Line::styled(ws.title.clone(), t.heading()),
                Line::styled(format!("  {}{from}", ws.source), t.dim()),
            ])
        });
        let list = List::new(items)
            .highlight_style(t.selected())
            .highlight_symbol("▶ ")
            .block(
                Block::bordered()
                    .title(" Worksheets ")
                    .border_style(t.focused_border()),
            );
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(list, list_area, buf, &mut state);

        if let Some(ws) = model.worksheets.get(self.selected) {
            let lines = vec![
                Line::from(ws.summary.clone()),
                Line::default(),
                Line::from(vec![
                    Span::styled("Credit: ", t.heading()),
                    Span::raw(ws.credit.citation.clone()),
                ]),
                Line::styled(ws.credit.url.clone(), t.dim()),
                Line::styled(ws.credit.note.clone(), t.dim()),
            ];
            para(lines)
                .block(Block::bordered().title(" About ").border_style(t.border()))
                .render(detail, buf);
        }
    }
}

pub struct LabelView<'a> {
    pub model: &'a Model,
    pub worksheet: usize,
    pub input: &'a TextArea<'static>,
}

impl Widget for LabelView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.model.theme;
        let ws = &self.model.worksheets[self.worksheet];
        let [intro, field, reminder] = area.layout(&Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Fill(1),
        ]));
        para(vec![
            Line::from(vec![
                Span::raw("Starting "),
                Span::styled(ws.title.clone(), t.heading()),
                Span::raw("."),
            ]),
            Line::from("Which family is this reflection about?"),
        ])
        .render(intro, buf);
        let block = Block::bordered()
            .title(" Family label ")
            .border_style(t.focused_border());
        let inner = block.inner(field);
        block.render(field, buf);
        self.input.render(inner, buf);
        let typed = self.input.lines().join(" ");
        para(vec![Line::styled(text::label_note(&typed), t.notice())]).render(reminder, buf);
    }
}
