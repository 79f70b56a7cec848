//! Things drawn over a screen: help, the worksheet's background, questions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::para;
use crate::keymap::{self, Context};
use crate::model::worksheet::Worksheet;
use crate::state::Model;

/// A box of `width` x `height` (or the whole area, if smaller) in the middle.
pub(crate) fn popup(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    )
}

pub struct HelpView<'a> {
    pub model: &'a Model,
    pub scroll: u16,
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.model.theme;
        let mut lines = vec![
            Line::from("spiral saves as you type. Your entries stay on this computer."),
            Line::styled(format!("Data folder: {}", self.model.data_dir), t.dim()),
        ];
        // The keys of where you are come first.
        let here = self.model.screen_context();
        let mut contexts = vec![here];
        contexts.extend(Context::ALL.into_iter().filter(|c| *c != here));
        for context in contexts {
            lines.push(Line::default());
            lines.push(Line::styled(context.title(), t.heading()));
            for (keys, what) in keymap::help(context) {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<18}"), t.key()),
                    Span::raw(what),
                ]));
            }
            if context == Context::Editor {
                lines.push(Line::styled(
                    "  Also: arrows, Home/End, PgUp/PgDn, Ctrl-W delete word, Ctrl-K delete to line end",
                    t.dim(),
                ));
            }
            if context == Context::Outline {
                lines.push(Line::styled(
                    "  Marks: ✓ answered, ! a check warns here, ✎ your supervisor commented here",
                    t.dim(),
                ));
            }
        }
        let rect = popup(area, 84, area.height);
        Clear.render(rect, buf);
        para(lines)
            .scroll((self.scroll, 0))
            .block(
                Block::bordered()
                    .title(" Help: every key (↑/↓ scroll, Esc closes) ")
                    .border_style(t.focused_border()),
            )
            .render(rect, buf);
    }
}

pub struct BackgroundView<'a> {
    pub model: &'a Model,
    pub worksheet: &'a Worksheet,
    pub scroll: u16,
}

impl Widget for BackgroundView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.model.theme;
        let ws = self.worksheet;
        let mut lines = Vec::new();
        let heading = |lines: &mut Vec<Line>, text: &str| {
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::styled(text.to_string(), t.title()));
        };
        for page in &ws.background {
            heading(&mut lines, &page.title);
            for p in &page.paragraphs {
                lines.push(Line::from(p.clone()));
                lines.push(Line::default());
            }
            lines.pop();
        }
        // Worksheets without a core, stages or framing ideas skip those parts.
        if !ws.core.title.is_empty() {
            heading(&mut lines, &ws.core.title);
            lines.push(Line::from(ws.core.summary.clone()));
            for part in &ws.core.parts {
                lines.push(Line::from(vec![
                    Span::styled(format!("  {}: ", part.name), t.heading()),
                    Span::raw(part.summary.clone()),
                ]));
            }
        }
        if !ws.stages.is_empty() {
            heading(
                &mut lines,
                &format!(
                    "The {} ways of building partnership",
                    number_word(ws.stages.len())
                ),
            );
        }
        for (i, stage) in ws.stages.iter().enumerate() {
            lines.push(Line::from(vec![
                Span::styled(format!("{}. {}: ", i + 1, stage.name), t.heading()),
                Span::raw(stage.summary.clone()),
            ]));
            for example in &stage.examples {
                lines.push(Line::styled(format!("   • {example}"), t.dim()));
            }
        }
        if !ws.framing_ideas.is_empty() {
            heading(&mut lines, "Framing ideas");
        }
        for idea in &ws.framing_ideas {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", idea.name), t.heading()),
                Span::raw(idea.summary.clone()),
            ]));
        }
        heading(&mut lines, "Credit");
        lines.push(Line::from(ws.credit.citation.clone()));
        lines.push(Line::from(ws.credit.note.clone()));
        lines.push(Line::styled(ws.credit.url.clone(), t.dim()));
        let rect = popup(area, 96, area.height);
        Clear.render(rect, buf);
        para(lines)
            .scroll((self.scroll, 0))
            .block(
                Block::bordered()
                    .title(format!(
                        " {}: background (↑/↓ PgUp/PgDn scroll, Esc closes) ",
                        ws.title
                    ))
                    .border_style(t.focused_border()),
            )
            .render(rect, buf);
    }
}

fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

/// A small question box: the lines, then "y" and "n / Esc".
fn render_question(
    model: &Model,
    title: &str,
    mut lines: Vec<Line<'static>>,
    yes: &str,
    no: &str,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = model.theme;
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", t.key()),
        Span::raw(format!(" {yes}    ")),
        Span::styled("n / Esc", t.key()),
        Span::raw(format!(" {no}")),
    ]));
    let width = 70.min(area.width);
    let height = para(lines.clone()).line_count(width.saturating_sub(2)) as u16 + 2;
    let rect = popup(area, width, height);
    Clear.render(rect, buf);
    para(lines)
        .block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(t.error()),
        )
        .render(rect, buf);
}

pub struct ConfirmQuitView<'a> {
    pub model: &'a Model,
}

impl Widget for ConfirmQuitView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.model.theme;
        let error = self
            .model
            .save_error
            .clone()
            .or_else(|| self.model.prep.error.clone())
            .unwrap_or_else(|| "unknown error".into());
        let lines = vec![
            Line::styled("Your latest changes could not be saved.", t.heading()),
            Line::from(error),
            Line::default(),
            Line::from("If you quit now, what you wrote since the last save is lost."),
            Line::from("Stay, and spiral keeps trying to save: free some space or fix the folder."),
            Line::from(vec![
                Span::styled("w", t.key()),
                Span::raw(
                    " writes what is unsaved to a recovery file (spiral says where) and quits.",
                ),
            ]),
        ];
        render_question(
            self.model,
            "Quit without saving?",
            lines,
            "quit and lose it",
            "stay",
            area,
            buf,
        );
    }
}

pub struct ConfirmEmptyTrashView<'a> {
    pub model: &'a Model,
}

impl Widget for ConfirmEmptyTrashView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.model.theme;
        let count = self.model.trash.len();
        let lines = vec![
            Line::styled(
                format!(
                    "Delete the {count} {} in the trash for good?",
                    if count == 1 { "entry" } else { "entries" }
                ),
                t.heading(),
            ),
            Line::from("This cannot be undone."),
        ];
        render_question(
            self.model,
            "Empty the trash?",
            lines,
            "delete for good",
            "keep them",
            area,
            buf,
        );
    }
}
