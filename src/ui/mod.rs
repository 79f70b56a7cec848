//! Drawing. Everything here reads the model and never changes it.

pub mod comments;
mod export;
mod family;
pub mod home;
pub mod import;
mod overlay;

pub(crate) use overlay::popup;
mod picker;
mod prep;
pub mod spiral;
pub mod theme;
mod worksheet;
pub use worksheet::{OutlineRow as OutlineRowRef, outline_row as outline_label, outline_targets};

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::keymap;
use crate::state::{Model, Overlay, Screen};

/// Below this, the screens cannot be drawn usefully; a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub fn view(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(AppView { model }, area);
}

/// The whole screen for one model.
pub struct AppView<'a> {
    pub model: &'a Model,
}

impl Widget for AppView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return render_too_small(model, area, buf);
        }
        let [header, banner, body, status, footer] = regions(model, area);
        render_header(model, header, buf);
        if let Some(why) = model.read_only_reason() {
            Line::styled(format!(" {why}"), model.theme.error()).render(banner, buf);
        }
        match &model.screen {
            Screen::Home => home::HomeView { model }.render(body, buf),
            Screen::Picker { selected } => picker::PickerView {
                model,
                selected: *selected,
            }
            .render(body, buf),
            Screen::Label { worksheet, input } => picker::LabelView {
                model,
                worksheet: *worksheet,
                input,
            }
            .render(body, buf),
            Screen::Worksheet(session) => {
                worksheet::WorksheetView { model, session }.render(body, buf)
            }
            Screen::Export(flow) => export::ExportView { model, flow }.render(body, buf),
            Screen::Prep(screen) => prep::PrepView { model, screen }.render(body, buf),
        }
        if let Some(s) = &model.status {
            let style = if s.error {
                model.theme.error()
            } else {
                model.theme.notice()
            };
            Paragraph::new(Line::from(s.text.as_str()))
                .wrap(Wrap { trim: true })
                .style(style)
                .render(status, buf);
        }
        render_footer(model, footer, buf);
        match model.overlay {
            Some(Overlay::Help { scroll }) => overlay::HelpView { model, scroll }.render(body, buf),
            Some(Overlay::Background { worksheet, scroll }) => overlay::BackgroundView {
                model,
                worksheet: &model.worksheets[worksheet],
                scroll,
            }
            .render(body, buf),
            Some(Overlay::Family { entry }) => {
                family::FamilyView { model, entry }.render(body, buf)
            }
            Some(Overlay::Diagram { worksheet }) => {
                ratatui::widgets::Clear.render(body, buf);
                spiral::SpiralDiagram {
                    worksheet: &model.worksheets[worksheet],
                    theme: model.theme,
                    title: "The spiral (Esc or F3 closes)",
                }
                .render(body, buf)
            }
            Some(Overlay::ConfirmQuit) => overlay::ConfirmQuitView { model }.render(body, buf),
            Some(Overlay::Comments { scroll }) => {
                comments::AllCommentsView { model, scroll }.render(body, buf)
            }
            Some(Overlay::ConfirmEmptyTrash) => {
                overlay::ConfirmEmptyTrashView { model }.render(body, buf)
            }
            None => {}
        }
    }
}

fn render_header(model: &Model, area: Rect, buf: &mut Buffer) {
    let t = model.theme;
    let title = match &model.screen {
        Screen::Home if model.show_trash => "Trash".to_string(),
        Screen::Home => "Home".to_string(),
        Screen::Picker { .. } => "New entry: choose a worksheet".to_string(),
        Screen::Label { .. } => "New entry: name the family".to_string(),
        Screen::Worksheet(s) => {
            format!(
                "{} · {}",
                model.worksheets[s.worksheet].title, model.entries[s.entry].summary.family_label
            )
        }
        Screen::Export(flow) => export::title(flow),
        Screen::Prep(_) => "Supervision prep".to_string(),
    };
    let saving = if model.read_only_reason().is_some() {
        Span::styled(" READ-ONLY ", t.error())
    } else if model.save_error.is_some() || model.prep.error.is_some() {
        Span::styled(" NOT SAVED ", t.error())
    } else if model.unsaved.is_empty() && !model.prep.unsaved {
        Span::styled("saved", t.dim())
    } else {
        Span::styled("saving…", t.dim())
    };
    let [left, right] = area.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(saving.width() as u16 + 1),
    ]));
    Line::from(vec![
        Span::styled(" spiral ", t.title()),
        Span::styled("· ", t.dim()),
        Span::styled(title, t.heading()),
    ])
    .render(left, buf);
    Line::from(saving)
        .alignment(Alignment::Right)
        .render(right, buf);
}

fn render_footer(model: &Model, area: Rect, buf: &mut Buffer) {
    let t = model.theme;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    // Whole hints only: a hint cut in half is worse than none.
    for (key, what) in keymap::footer_where(model.context(), |c| comments::useful(model, c)) {
        let width = key.chars().count() + what.chars().count() + 4;
        if used + width > area.width as usize {
            break;
        }
        used += width;
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::styled(format!(" {what}   "), t.dim()));
    }
    Line::from(spans).render(area, buf);
}

fn render_too_small(model: &Model, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "Window too small ({}x{}). spiral needs at least {MIN_WIDTH}x{MIN_HEIGHT}: make the window larger. \
Your work is saved{}. Ctrl-Q quits.",
        area.width,
        area.height,
        if model.save_error.is_some() {
            " in memory only (saving is failing)"
        } else {
            ""
        }
    );
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .style(model.theme.notice())
        .render(area, buf);
}

/// The screen's bands: header, read-only banner, body, status, footer.
fn regions(model: &Model, area: Rect) -> [Rect; 5] {
    let status_height = model.status.as_ref().map_or(0, |s| {
        Paragraph::new(s.text.as_str())
            .wrap(Wrap { trim: true })
            .line_count(area.width)
            // Three lines, more on a tall window: an import's report names
            // every entry it could not add to.
            .min(usize::from(area.height / 4).max(3)) as u16
    });
    area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(model.read_only_reason().is_some())),
        Constraint::Fill(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ]))
}

/// Where the screens draw, for a terminal of `area`: what a mouse click is
/// measured against.
pub fn body_area(model: &Model, area: Rect) -> Rect {
    regions(model, area)[2]
}

/// Wrapped paragraph text with a style.
pub(crate) fn para<'a>(lines: Vec<Line<'a>>) -> Paragraph<'a> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}
