//! Drawing the review. Reads the model, never changes it.

use std::path::Path;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, Clear, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap,
};

use super::keymap::{self, Context};
use super::layout::{self, PICTURE_HEIGHT, Piece};
use super::state::{Overlay, Reading, Review, Screen, Writing};
use super::text;
use crate::export::HEADING;
use crate::export::doc::{Body, SectionDoc};
use crate::model::worksheet::Item;
use crate::settings::format_date;
use crate::ui::home::gauge;
use crate::ui::spiral::MapDiagram;

/// Below this the screens cannot be drawn usefully; a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// The column left of the text, where the marked answer's bar goes.
const GUTTER: u16 = 2;
/// From this width the sections are listed beside the text.
const OUTLINE_FROM: u16 = 100;
const OUTLINE_WIDTH: u16 = 30;
/// The widest the map's picture is drawn.
const PICTURE_MAX_WIDTH: u16 = 72;

pub fn view(model: &Review, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(ReviewView { model }, area);
}

pub struct ReviewView<'a> {
    pub model: &'a Review,
}

/// A file's name as the header shows it: its name alone when it sits in
/// the folder of `beside`, else its path as given.
fn shown_name(path: &Path, beside: Option<&Path>) -> String {
    let same_folder = beside.is_some_and(|b| b.parent() == path.parent());
    match path.file_name() {
        Some(name) if beside.is_none() || same_folder => name.to_string_lossy().into_owned(),
        _ => path.display().to_string(),
    }
}

/// The header: what is being reviewed and where the comments go, then the
/// bundle's heading, whose reflections and which days. What does not fit
/// the width is left out, those always stay.
fn header_lines(model: &Review, width: u16) -> Vec<Line<'static>> {
    let t = model.theme;
    let width = usize::from(width);
    let bundle = shown_name(&model.bundle_path, None);
    let feedback = shown_name(&model.feedback_path, Some(&model.bundle_path));
    let mut first = Vec::new();
    if model.save_error.is_some() {
        first.push(Span::styled(" NOT SAVED ", t.error()));
    }
    first.extend([
        Span::styled(" Reviewing: ", t.dim()),
        Span::styled(bundle, t.heading()),
        Span::styled(format!(" · {} · ", text::READ_ONLY), t.dim()),
        Span::styled("comments saved to ", t.dim()),
        Span::styled(feedback, t.heading()),
    ]);
    let mut first = Line::from(first);
    if first.width() + 15 <= width {
        first
            .spans
            .insert(0, Span::styled(" spiral review ", t.title()));
    }
    let b = &model.bundle;
    let mut second = vec![Span::styled(format!(" {HEADING}"), t.notice())];
    let mut kept: Vec<String> = b.practitioner.iter().cloned().collect();
    let range = b.range.describe();
    if !range.is_empty() {
        kept.push(range);
    }
    for part in kept {
        second.push(Span::styled(format!(" · {part}"), t.dim()));
    }
    let extra = [
        match b.entries.len() {
            1 => "1 entry".to_string(),
            n => format!("{n} entries"),
        },
        format!(
            "exported {}",
            format_date(&b.exported_at, model.date_format.as_deref())
        ),
    ];
    let mut used: usize = second.iter().map(Span::width).sum();
    for part in extra {
        let span = Span::styled(format!(" · {part}"), t.dim());
        if used + span.width() > width {
            break;
        }
        used += span.width();
        second.push(span);
    }
    vec![first, Line::from(second)]
}

fn status_height(model: &Review, width: u16) -> u16 {
    model.status.as_ref().map_or(0, |s| {
        Paragraph::new(s.text.as_str())
            .wrap(Wrap { trim: true })
            .line_count(width)
            .min(3) as u16
    })
}

/// The screen's bands: header, body, status, footer.
fn regions(model: &Review, area: Rect) -> [Rect; 4] {
    let header = Paragraph::new(header_lines(model, area.width))
        .wrap(Wrap { trim: false })
        .line_count(area.width)
        .min(4) as u16;
    area.layout(&Layout::vertical([
        Constraint::Length(header),
        Constraint::Fill(1),
        Constraint::Length(status_height(model, area.width)),
        Constraint::Length(1),
    ]))
}

/// The reading view's bands: where you are, the entry's overall comment and
/// discussed day, the outline (when wide) and the text.
fn reading_regions(body: Rect) -> (Rect, Rect, Option<Rect>, Rect) {
    let [place, strip, rest] = body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    if body.width >= OUTLINE_FROM {
        let [outline, _, content] = rest.layout(&Layout::horizontal([
            Constraint::Length(OUTLINE_WIDTH),
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        (place, strip, Some(outline), content)
    } else {
        (place, strip, None, rest)
    }
}

/// Where the reading view's text scrolls, for a terminal of `area`: what
/// the keys measure against.
pub fn content_area(model: &Review, area: Rect) -> Rect {
    let body = regions(model, area)[1];
    reading_regions(body).3
}

/// How wide the text is within the content area.
pub fn text_width(content: Rect) -> u16 {
    content.width.saturating_sub(GUTTER)
}

impl Widget for ReviewView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            Paragraph::new(text::too_small(
                area.width,
                area.height,
                MIN_WIDTH,
                MIN_HEIGHT,
            ))
            .wrap(Wrap { trim: true })
            .style(t.notice())
            .render(area, buf);
            return;
        }
        let [header, body, status, footer] = regions(model, area);
        Paragraph::new(header_lines(model, area.width))
            .wrap(Wrap { trim: false })
            .render(header, buf);
        match model.screen {
            Screen::List => render_list(model, body, buf),
            Screen::Entry(r) => render_reading(model, &r, body, buf),
        }
        if let Some(s) = &model.status {
            Paragraph::new(s.text.as_str())
                .wrap(Wrap { trim: true })
                .style(if s.error { t.error() } else { t.notice() })
                .render(status, buf);
        }
        render_footer(model, footer, buf);
        match &model.overlay {
            Some(Overlay::Help { scroll }) => render_help(model, *scroll, body, buf),
            Some(Overlay::Write(w)) => render_writing(model, w, body, buf),
            Some(Overlay::ConfirmDelete {
                entry,
                comment,
                about,
            }) => {
                let mut lines = vec![Line::from(format!(
                    "Your comment on {about} will be deleted:"
                ))];
                // Its first few lines, so it is plain which one.
                if let Some(c) = model.ours(*entry).iter().find(|c| &c.id == comment) {
                    lines.extend(
                        c.text
                            .lines()
                            .take(4)
                            .map(|l| Line::styled(format!("  {l}"), t.notice())),
                    );
                }
                question(
                    model,
                    "Delete your comment?",
                    lines,
                    ("y", "delete it"),
                    ("n / Esc", "keep it"),
                    body,
                    buf,
                )
            }
            Some(Overlay::Discussed {
                entry,
                input,
                error,
            }) => render_discussed(model, *entry, input, error.as_deref(), body, buf),
            Some(Overlay::ConfirmQuit) => {
                let error = model.save_error.clone().unwrap_or_default();
                question(
                    model,
                    "Quit without saving?",
                    vec![
                        Line::styled("Your latest comments could not be saved.", t.heading()),
                        Line::from(error),
                        Line::default(),
                        Line::from(
                            "Stay, fix the folder or free some space, then Ctrl-S tries again.",
                        ),
                    ],
                    ("y", "quit and lose them"),
                    ("n / Esc", "stay"),
                    body,
                    buf,
                );
            }
            None => {}
        }
    }
}

fn render_footer(model: &Review, area: Rect, buf: &mut Buffer) {
    let t = model.theme;
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    // Whole hints only: a hint cut in half is worse than none.
    for (key, what) in keymap::footer(model.context()) {
        let width = key.chars().count() + what.chars().count() + 4;
        if used + width > usize::from(area.width) {
            break;
        }
        used += width;
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::styled(format!(" {what}   "), t.dim()));
    }
    Line::from(spans).render(area, buf);
}

fn day(model: &Review, time: &chrono::DateTime<chrono::FixedOffset>) -> String {
    format_date(time, model.date_format.as_deref())
}

fn render_list(model: &Review, area: Rect, buf: &mut Buffer) {
    let t = model.theme;
    let entries = model.entries();
    if entries.is_empty() {
        Paragraph::new(text::NO_ENTRIES)
            .style(t.notice())
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    let wide = area.width >= 110;
    // Narrow: the worksheet's title keeps its room; the counts go short.
    let narrow = area.width < 80;
    let family_width = entries
        .iter()
        .map(|e| Span::raw(e.family_label.as_str()).width() as u16)
        .max()
        .unwrap_or(6)
        .clamp(6, if narrow { 14 } else { 20 });
    let mut widths = vec![Constraint::Fill(1), Constraint::Length(family_width)];
    let mut heads = vec!["Worksheet", "Family"];
    if wide {
        widths.push(Constraint::Length(26));
        heads.push("Started – last changed");
    }
    if narrow {
        widths.extend([
            Constraint::Length(5),
            Constraint::Length(3),
            Constraint::Length(11),
        ]);
        heads.extend(["Done", "✎", "Discussed"]);
    } else {
        widths.extend([
            Constraint::Length(12),
            Constraint::Length(8),
            Constraint::Length(11),
        ]);
        heads.extend(["Progress", "Comments", "Discussed"]);
    }
    let rows: Vec<Row> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let ws = model.worksheet(i);
            let mut cells = vec![
                Cell::from(ws.title.clone()),
                Cell::from(e.family_label.clone()),
            ];
            if wide {
                cells.push(Cell::from(format!(
                    "{} – {}",
                    text::day_name(e.created.date_naive()),
                    text::day_name(e.updated.date_naive())
                )));
            }
            let ours = model.ours(i).len();
            let progress = e.progress(ws);
            cells.extend([
                Cell::from(if narrow {
                    format!("{}/{}", progress.answered, progress.total)
                } else {
                    gauge(progress)
                }),
                Cell::from(if ours == 0 {
                    "–".into()
                } else {
                    ours.to_string()
                }),
                Cell::from(model.discussed(i).map_or("–".into(), text::day_name)),
            ]);
            Row::new(cells)
        })
        .collect();
    let table_height = (entries.len() as u16 + 3).min(area.height / 2).max(5);
    let [list_area, detail_area] = area.layout(&Layout::vertical([
        Constraint::Length(table_height),
        Constraint::Fill(1),
    ]));
    let table = Table::new(rows, widths)
        .header(Row::new(heads).style(t.heading()))
        .row_highlight_style(t.selected())
        .highlight_symbol("▌")
        .block(
            Block::bordered()
                .title(format!(" Entries in this bundle ({}) ", entries.len()))
                .border_style(t.border()),
        );
    let mut state = TableState::default().with_selected(Some(model.selected));
    StatefulWidget::render(table, list_area, buf, &mut state);
    render_detail(model, model.selected, detail_area, buf);
}

/// The selected entry in a few lines: its dates, progress, where this
/// review stands on it.
fn render_detail(model: &Review, i: usize, area: Rect, buf: &mut Buffer) {
    if i >= model.entries().len() {
        return;
    }
    let t = model.theme;
    let e = model.entry(i);
    let ws = model.worksheet(i);
    let mut facts = vec![
        format!("Started {}", day(model, &e.created)),
        format!("last changed {}", day(model, &e.updated)),
        e.progress(ws).to_string(),
    ];
    if let Some(done) = &e.completed {
        facts.push(format!("completed {}", day(model, done)));
    }
    let mut lines = vec![Line::styled(facts.join(" · "), t.dim())];
    if !e.tags.is_empty() {
        lines.push(Line::styled(
            format!("Tags: {}", e.tags.join(", ")),
            t.dim(),
        ));
    }
    lines.push(match model.discussed(i) {
        Some(d) => Line::styled(
            format!(
                "Discussed in supervision on {} (m unmarks).",
                text::day_name(d)
            ),
            t.done(),
        ),
        None => Line::from(match e.discussed {
            Some(d) => format!(
                "Not marked discussed in this review (m marks it); it was discussed on {} before.",
                text::day_name(d)
            ),
            None => "Not marked discussed yet (m marks it).".to_string(),
        }),
    });
    match model.our_comment(i, None) {
        Some(c) => {
            lines.push(Line::styled(
                "Your overall comment (o changes it):",
                t.heading(),
            ));
            lines.push(Line::styled(c.text.clone(), t.notice()));
        }
        None => lines.push(Line::from("No overall comment yet (o writes one).")),
    }
    let ours = model.ours(i).iter().filter(|c| c.key.is_some()).count();
    let earlier = e.feedback.len();
    let mut counts = format!("Your comments on answers: {ours}.");
    if earlier > 0 {
        counts.push_str(&format!(" Earlier comments that came with it: {earlier}."));
    }
    lines.push(Line::from(counts));
    lines.push(Line::styled(
        "Enter reads it section by section; c comments on the marked answer there.",
        t.dim(),
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(
            Block::bordered()
                .title(format!(" {} · {} ", e.family_label, ws.title))
                .border_style(t.border()),
        )
        .render(area, buf);
}

fn render_reading(model: &Review, r: &Reading, body: Rect, buf: &mut Buffer) {
    let t = model.theme;
    let (place, strip, outline, content) = reading_regions(body);
    let ws = model.worksheet(r.entry);
    let e = model.entry(r.entry);
    let doc = model.doc(r.entry);
    let Some(section) = doc.sections.get(r.section) else {
        return;
    };
    let laid = layout::lay_out(model, r.entry, r.section, text_width(content));

    // Where: the section, and whose entry.
    let mut where_spans = vec![
        Span::styled(
            format!(" Section {} of {}: ", r.section + 1, doc.sections.len()),
            t.dim(),
        ),
        Span::styled(section.title.clone(), t.heading()),
    ];
    let who = format!("  ·  {} · {}", e.family_label, ws.title);
    where_spans.push(Span::styled(who, t.dim()));
    Line::from(where_spans).render(place, buf);

    // The entry as a whole: the overall comment and the discussed day.
    let mut strip_spans = vec![Span::raw(" ")];
    match model.discussed(r.entry) {
        Some(d) => strip_spans.push(Span::styled(
            format!("Discussed {} ", text::day_name(d)),
            t.done(),
        )),
        None => strip_spans.push(Span::styled("Not marked discussed ", t.dim())),
    }
    strip_spans.push(Span::styled("· ", t.dim()));
    match model.our_comment(r.entry, None) {
        Some(c) => {
            strip_spans.push(Span::styled("Overall: ", t.heading()));
            strip_spans.push(Span::styled(
                c.text.split_whitespace().collect::<Vec<_>>().join(" "),
                t.notice(),
            ));
        }
        None => strip_spans.push(Span::styled("No overall comment yet (o)", t.dim())),
    }
    let more = if r.scroll + usize::from(content.height) < laid.height {
        " ↓ more "
    } else {
        ""
    };
    let [strip_left, strip_right] = strip.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(more.chars().count() as u16),
    ]));
    Line::from(strip_spans).render(strip_left, buf);
    Line::styled(more, t.key()).render(strip_right, buf);

    if let Some(outline) = outline {
        render_outline(model, &doc.sections, r.section, outline, buf);
    }
    render_laid(model, r, &laid, content, buf);
}

/// Comments of the supervisor's own in a section, for the outline.
fn our_count(model: &Review, entry: usize, section: &SectionDoc) -> usize {
    let ours = |c: &crate::model::entry::Comment| model.is_ours(entry, &c.id);
    section
        .items
        .iter()
        .map(|item| {
            let within = match &item.body {
                Body::Rows(rows) => rows
                    .iter()
                    .flat_map(|r| &r.comments)
                    .filter(|c| ours(c))
                    .count(),
                Body::Checklist { checks, .. } => checks
                    .iter()
                    .flat_map(|c| &c.comments)
                    .filter(|c| ours(c))
                    .count(),
                Body::Choice { chosen, .. } => chosen
                    .iter()
                    .flat_map(|c| &c.answers)
                    .flat_map(|r| &r.comments)
                    .filter(|c| ours(c))
                    .count(),
                _ => 0,
            };
            within + item.comments.iter().filter(|c| ours(c)).count()
        })
        .sum()
}

fn render_outline(
    model: &Review,
    sections: &[SectionDoc],
    current: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = model.theme;
    let Some(entry) = model.reading().map(|r| r.entry) else {
        return;
    };
    let block = Block::bordered()
        .title(" Sections (→/←) ")
        .border_style(t.border());
    let inner = block.inner(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    for (n, s) in sections.iter().enumerate() {
        let count = our_count(model, entry, s);
        let tail = if count > 0 {
            format!(" ✎{count}")
        } else {
            String::new()
        };
        // A mark as well as the highlight, so it shows without colour too.
        let head = format!("{}{}. ", if n == current { "▸" } else { " " }, n + 1);
        let room = width.saturating_sub(head.chars().count() + tail.chars().count());
        let mut title: String = s.title.chars().take(room).collect();
        if s.title.chars().count() > room && room > 0 {
            title.pop();
            title.push('…');
        }
        let pad = width
            .saturating_sub(head.chars().count() + title.chars().count() + tail.chars().count());
        let text = format!("{head}{title}{}{tail}", " ".repeat(pad));
        lines.push(if n == current {
            Line::styled(text, t.selected())
        } else if !s.needed {
            Line::styled(text, t.dim())
        } else {
            Line::from(text)
        });
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The section's lines from the scroll position, the map's picture among
/// them, and a bar beside the marked answer.
fn render_laid(model: &Review, r: &Reading, laid: &layout::Laid, area: Rect, buf: &mut Buffer) {
    let t = model.theme;
    let view = usize::from(area.height);
    let text_x = area.x + GUTTER;
    let width = text_width(area);
    for (top, piece) in &laid.pieces {
        match piece {
            Piece::Text(line) => {
                if *top < r.scroll || *top >= r.scroll + view {
                    continue;
                }
                let y = area.y + (top - r.scroll) as u16;
                line.clone().render(Rect::new(text_x, y, width, 1), buf);
            }
            Piece::Picture(item) => {
                if top + PICTURE_HEIGHT <= r.scroll || *top >= r.scroll + view {
                    continue;
                }
                render_picture(model, r.entry, item, *top, r.scroll, area, buf);
            }
        }
    }
    if let Some(spot) = laid.spots.get(r.cursor) {
        let from = spot.top.max(r.scroll);
        let to = spot.bottom.min(r.scroll + view);
        for line in from..to {
            let y = area.y + (line - r.scroll) as u16;
            buf.set_string(area.x, y, "▌", t.key());
        }
    }
}

/// The map's picture, drawn whole off screen and copied in where it shows,
/// so a picture half scrolled away keeps its shape.
fn render_picture(
    model: &Review,
    entry: usize,
    item: &str,
    top: usize,
    scroll: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let ws = model.worksheet(entry);
    if !ws
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .any(|i| matches!(i, Item::Map(m) if m.id == item))
    {
        return;
    }
    let width = text_width(area).min(PICTURE_MAX_WIDTH);
    let whole = Rect::new(0, 0, width, PICTURE_HEIGHT as u16);
    let mut picture = Buffer::empty(whole);
    MapDiagram {
        worksheet: ws,
        issues: model.entry(entry).map(item),
        selected: None,
        theme: model.theme,
        title: "The spiral map",
    }
    .render(whole, &mut picture);
    let view = usize::from(area.height);
    for row in 0..PICTURE_HEIGHT {
        let line = top + row;
        if line < scroll || line >= scroll + view {
            continue;
        }
        let y = area.y + (line - scroll) as u16;
        for x in 0..width {
            if let (Some(from), Some(to)) = (
                picture.cell((x, row as u16)),
                buf.cell_mut((area.x + GUTTER + x, y)),
            ) {
                *to = from.clone();
            }
        }
    }
}

use crate::ui::popup;

/// A small question: the lines, then the two answers' keys.
fn question(
    model: &Review,
    title: &str,
    mut lines: Vec<Line<'static>>,
    yes: (&str, &str),
    no: (&str, &str),
    area: Rect,
    buf: &mut Buffer,
) {
    let t = model.theme;
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(yes.0.to_string(), t.key()),
        Span::raw(format!(" {}    ", yes.1)),
        Span::styled(no.0.to_string(), t.key()),
        Span::raw(format!(" {}", no.1)),
    ]));
    let width = 70.min(area.width);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let height = paragraph.line_count(width.saturating_sub(2)) as u16 + 2;
    let rect = popup(area, width, height);
    Clear.render(rect, buf);
    paragraph
        .block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(t.focused_border()),
        )
        .render(rect, buf);
}

/// The comment box, over the lower part of the screen so the answer it is
/// about stays in sight above it.
fn render_writing(model: &Review, w: &Writing, body: Rect, buf: &mut Buffer) {
    let t = model.theme;
    let height = (body.height * 3 / 5).clamp(7.min(body.height), 16);
    let rect = Rect::new(body.x, body.bottom() - height, body.width, height);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::styled(" Your comment on ", t.dim()),
            Span::styled(format!("{} ", w.about), t.heading()),
        ]))
        .title_bottom(Line::styled(format!(" {} ", text::WRITING_HINT), t.key()))
        .border_style(t.focused_border());
    let inner = block.inner(rect);
    block.render(rect, buf);
    w.editor.render(inner, buf);
}

fn render_discussed(
    model: &Review,
    entry: usize,
    input: &ratatui_textarea::TextArea<'static>,
    error: Option<&str>,
    body: Rect,
    buf: &mut Buffer,
) {
    let t = model.theme;
    let e = model.entry(entry);
    let rect = popup(body, 64, 7);
    Clear.render(rect, buf);
    let block = Block::bordered()
        .title(" Discussed in supervision ")
        .border_style(t.focused_border());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let [label, field, said, keys] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    Line::from(vec![
        Span::raw("The entry for "),
        Span::styled(e.family_label.clone(), t.heading()),
        Span::raw(" was discussed on:"),
    ])
    .render(label, buf);
    let [_, field] = field.layout(&Layout::horizontal([
        Constraint::Length(2),
        Constraint::Length(12),
    ]));
    input.render(field, buf);
    match error {
        Some(why) => Paragraph::new(why)
            .wrap(Wrap { trim: true })
            .style(t.error())
            .render(said, buf),
        None => Paragraph::new(text::DATE_SHAPE)
            .wrap(Wrap { trim: true })
            .style(t.dim())
            .render(said, buf),
    }
    let mut spans = Vec::new();
    for (key, what) in keymap::footer(Context::Date) {
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::raw(format!(" {what}   ")));
    }
    Line::from(spans).render(keys, buf);
}

/// The column of keys in the help.
const KEYS_WIDTH: usize = 24;

fn render_help(model: &Review, scroll: u16, body: Rect, buf: &mut Buffer) {
    let t = model.theme;
    let rect = popup(body, 90, body.height);
    let mut lines = vec![
        Line::from(text::HELP_INTRO),
        Line::styled(format!("Bundle: {}", model.bundle_path.display()), t.dim()),
        Line::styled(
            format!("Feedback file: {}", model.feedback_path.display()),
            t.dim(),
        ),
    ];
    let under = match &model.screen {
        Screen::List => Context::List,
        Screen::Entry(_) => Context::Reading,
    };
    let mut contexts = vec![under];
    contexts.extend(
        Context::ALL
            .into_iter()
            .filter(|c| *c != under && *c != Context::Help),
    );
    contexts.push(Context::Help);
    for context in contexts {
        lines.push(Line::default());
        lines.push(Line::styled(context.title(), t.heading()));
        // What a key does wraps under itself, clear of the keys' column.
        let room = usize::from(rect.width.saturating_sub(2 + KEYS_WIDTH as u16)).max(10);
        for (keys, what) in keymap::help(context) {
            for (n, part) in textwrap::wrap(what, room).into_iter().enumerate() {
                let keys = if n == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<width$}", width = KEYS_WIDTH - 2), t.key()),
                    Span::raw(part.into_owned()),
                ]));
            }
        }
    }
    Clear.render(rect, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(
            Block::bordered()
                .title(" Help: every key (↑/↓ scroll, Esc closes) ")
                .border_style(t.focused_border()),
        )
        .render(rect, buf);
}
