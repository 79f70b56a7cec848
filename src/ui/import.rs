//! The field on Home where a supervisor's feedback file is named (`i`).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::state::{ImportField, Model};
use crate::text;

pub struct ImportBar<'a> {
    pub model: &'a Model,
    pub field: &'a ImportField,
}

impl Widget for ImportBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.model.theme;
        let [first, second, third] = area.layout(&Layout::vertical([Constraint::Length(1); 3]));
        const LABEL: &str = " Feedback file: ";
        let [label, input] = first.layout(&Layout::horizontal([
            Constraint::Length(LABEL.len() as u16),
            Constraint::Fill(1),
        ]));
        Line::styled(LABEL, t.heading()).render(label, buf);
        self.field.input.render(input, buf);
        let typed = self.field.input.lines().concat();
        let hint = if !self.field.choices.is_empty() {
            format!(" Could be: {}", self.field.choices.join("  "))
        } else {
            match (&self.field.suggestion, typed.trim().is_empty()) {
                (Some(_), true) => {
                    " The newest feedback file found: Enter imports it, or type another path."
                        .to_string()
                }
                (None, true) => format!(" {}", text::IMPORT_NOTHING_TYPED),
                _ => String::new(),
            }
        };
        Line::styled(hint, t.dim()).render(second, buf);
        Line::styled(format!(" {}", text::IMPORT_HELP), t.dim()).render(third, buf);
    }
}
