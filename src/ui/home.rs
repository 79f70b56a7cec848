//! Home: every entry, a preview of the selected one, and files that could not be read.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use super::para;
use crate::model::entry::EntryStatus;
use crate::state::Model;
use crate::text;

pub struct HomeView<'a> {
    pub model: &'a Model,
}

/// Progress at a glance: a five-cell bar, then the count ("███░░ 14/23").
pub fn gauge(p: crate::model::entry::Progress) -> String {
    const CELLS: usize = 5;
    let filled = if p.total == 0 {
        0
    } else if p.is_complete() {
        CELLS
    } else {
        // Never full before the end, never empty once begun.
        ((p.answered * CELLS) / p.total).clamp(usize::from(p.answered > 0), CELLS - 1)
    };
    format!(
        "{}{} {}/{}",
        "█".repeat(filled),
        "░".repeat(CELLS - filled),
        p.answered,
        p.total
    )
}

/// A time in the default format. Screens use `model.settings.when`, which
/// follows the person's `date_format`.
/// A line of `text` around `around`, with every found range highlighted
/// (bold and reversed: never by colour alone).
fn snippet<'a>(
    text: &'a str,
    around: std::ops::Range<usize>,
    ranges: &[std::ops::Range<usize>],
    t: crate::ui::theme::Theme,
) -> Line<'a> {
    const BEFORE: usize = 30;
    const AFTER: usize = 90;
    let mut start = around.start.saturating_sub(BEFORE);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (around.end + AFTER).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut spans = vec![Span::styled(if start > 0 { "  …" } else { "  " }, t.dim())];
    let mut at = start;
    for r in ranges.iter().filter(|r| r.start >= start && r.end <= end) {
        spans.push(Span::raw(text[at..r.start].replace('\n', " ")));
        spans.push(Span::styled(
            &text[r.clone()],
            ratatui::style::Style::default()
                .add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::REVERSED),
        ));
        at = r.end;
    }
    spans.push(Span::raw(text[at..end].replace('\n', " ")));
    if end < text.len() {
        spans.push(Span::styled("…", t.dim()));
    }
    Line::from(spans)
}

pub fn when(entry_time: &chrono::DateTime<chrono::FixedOffset>) -> String {
    crate::settings::format_date(entry_time, None)
}

/// Where Home's parts go: shared by drawing and by the mouse.
pub struct HomeAreas {
    pub damaged: Rect,
    /// The search box, the filters in force, or a rename or tags field.
    pub bar: Rect,
    pub list: Rect,
    pub preview: Rect,
}

/// The lines above the list: none unless searching, filtering or editing.
fn bar_height(model: &Model) -> u16 {
    if model.import.is_some() {
        3
    } else if model.home_input.is_some() {
        2
    } else if model.search_box.is_some() {
        4
    } else if model.filtered() {
        2
    } else {
        0
    }
}

pub fn areas(model: &Model, area: Rect) -> HomeAreas {
    let damaged_height = if model.damaged.is_empty() {
        0
    } else {
        (model.damaged.len() as u16 * 2 + 2).min(area.height / 3)
    };
    let [main, damaged] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(damaged_height),
    ]));
    let bar_height = if model.show_trash {
        0
    } else {
        bar_height(model)
    };
    let [bar, main] = main.layout(&Layout::vertical([
        Constraint::Length(bar_height),
        Constraint::Fill(1),
    ]));
    let wide = main.width >= 110;
    let [list, preview] = if wide {
        main.layout(&Layout::horizontal([
            Constraint::Percentage(58),
            Constraint::Fill(1),
        ]))
    } else {
        let rows = (model.view.len() as u16 + 3).min(main.height / 2).max(5);
        main.layout(&Layout::vertical([
            Constraint::Length(rows),
            Constraint::Fill(1),
        ]))
    };
    HomeAreas {
        damaged,
        bar,
        list,
        preview,
    }
}

/// The first entry row shown in a list `area` (Home's `view` index), and
/// how many rows fit: the selected row stays in sight, at the bottom when
/// scrolling down.
pub fn list_window(model: &Model, area: Rect) -> (usize, usize) {
    let visible = usize::from(area.height.saturating_sub(3)).max(1);
    (model.home_selected.saturating_sub(visible - 1), visible)
}

impl Widget for HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        let areas = areas(model, area);
        if areas.damaged.height > 0 {
            self.render_damaged(areas.damaged, buf);
        }
        let main = areas.list.union(areas.preview);
        if model.show_trash {
            return self.render_trash(main, buf);
        }
        if areas.bar.height > 0 {
            self.render_bar(areas.bar, buf);
        }
        if model.entries.is_empty() {
            let lines = vec![
                Line::default(),
                Line::styled(text::HOME_EMPTY, t.heading()),
                Line::default(),
                Line::from(
                    "spiral walks you through reflective worksheets about your work with families, \
and keeps what you write private, on this computer.",
                ),
                Line::default(),
                Line::styled(
                    format!("Your entries are kept in {}", model.data_dir),
                    t.dim(),
                ),
            ];
            para(lines)
                .block(
                    Block::bordered()
                        .title(" Your entries ")
                        .border_style(t.border()),
                )
                .render(main, buf);
            return;
        }
        self.render_list(areas.list, buf);
        if let Some(index) = model.selected_entry() {
            self.render_preview(index, areas.preview, buf);
        } else {
            para(vec![Line::default(), Line::from(text::NOTHING_MATCHES)])
                .block(
                    Block::bordered()
                        .title(" Preview ")
                        .border_style(t.border()),
                )
                .render(areas.preview, buf);
        }
    }
}

impl HomeView<'_> {
    /// The search box, the filters in force, or a rename or tags field.
    fn render_bar(&self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        let row = |i: u16| Rect {
            y: area.y + i.min(area.height),
            height: u16::from(i < area.height),
            ..area
        };
        let (first, second, third, fourth) = (row(0), row(1), row(2), row(3));
        if let Some(field) = &model.import {
            return super::import::ImportBar { model, field }.render(area, buf);
        }
        if let Some(field) = &model.home_input {
            let title = match field.kind {
                crate::state::HomeInputKind::Rename => "New family label: ",
                crate::state::HomeInputKind::Tags => "Tags: ",
            };
            let [label, input] = first.layout(&Layout::horizontal([
                Constraint::Length(title.len() as u16 + 1),
                Constraint::Fill(1),
            ]));
            Line::styled(format!(" {title}"), t.heading()).render(label, buf);
            field.input.render(input, buf);
            match field.kind {
                crate::state::HomeInputKind::Rename => {
                    let typed = field.input.lines().join(" ");
                    Line::styled(format!(" {}", text::label_note(&typed)), t.dim())
                        .render(second, buf)
                }
                crate::state::HomeInputKind::Tags => {
                    let typed = field.input.lines().join(" ");
                    let suggestions = crate::update::tag_suggestions(&typed, &model.tags_in_use());
                    let line = if suggestions.is_empty() {
                        " Separate tags with commas.".to_string()
                    } else {
                        format!(
                            " In use: {}   (Tab finishes the first)",
                            suggestions.join(", ")
                        )
                    };
                    Line::styled(line, t.dim()).render(second, buf);
                }
            }
            return;
        }
        if let Some(input) = &model.search_box {
            let [label, field] = first.layout(&Layout::horizontal([
                Constraint::Length(9),
                Constraint::Fill(1),
            ]));
            Line::styled(" Search: ", t.heading()).render(label, buf);
            input.render(field, buf);
            Line::styled(format!(" {}", text::SEARCH_HELP), t.dim()).render(fourth, buf);
        } else {
            Line::from(vec![
                Span::styled(" Search: ", t.heading()),
                Span::raw(model.query_text.clone()),
            ])
            .render(first, buf);
        }
        let mut parts = vec![format!(
            "Showing {} of {}",
            model.view.len(),
            model.entries.len()
        )];
        parts.extend(model.query.describe());
        parts.push(format!("sorted {}", model.sort.describe()));
        let unread = if model.query.needs_text() {
            model.unread()
        } else {
            0
        };
        if unread > 0 {
            parts.push(format!("still reading {unread} entries"));
        }
        parts.push("Esc clears".into());
        Line::styled(format!(" {}", parts.join(" · ")), t.dim()).render(second, buf);
        if let Some(why) = &model.query_error {
            Line::styled(format!(" {why}"), t.notice()).render(third, buf);
        }
    }

    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        // One worksheet title repeated down a narrow list is noise; the preview names it.
        let show_worksheet = area.width >= 100;
        // Only the rows that fit are made: Home stays as quick with ten
        // thousand entries as with ten. The selected row is kept in sight,
        // at the bottom when scrolling down.
        let (offset, visible) = list_window(model, area);
        let shown =
            &model.view[offset.min(model.view.len())..(offset + visible).min(model.view.len())];
        let rows = shown.iter().map(|&i| {
            let entry = &model.entries[i].summary;
            let (worksheet, progress) = match model.worksheet_by_id(&entry.worksheet.id) {
                Some(w) => {
                    let ws = &model.worksheets[w];
                    let progress = match (entry.progress, entry.status()) {
                        _ if entry.is_from_newer_spiral() => "read-only".to_string(),
                        (_, EntryStatus::Reviewed) => "✓ discussed".to_string(),
                        (_, EntryStatus::Complete) => "✓ complete".to_string(),
                        (Some(p), EntryStatus::InProgress) => gauge(p),
                        (None, _) => String::new(),
                    };
                    (ws.title.clone(), progress)
                }
                None => (
                    format!("{} (not in this spiral)", entry.worksheet.id),
                    String::new(),
                ),
            };
            let mut family = vec![Span::raw(entry.family_label.clone())];
            if entry.comments > 0 {
                // The supervisor commented: a mark, not a colour.
                family.push(Span::styled(format!(" ✎{}", entry.comments), t.heading()));
            }
            if !entry.tags.is_empty() {
                family.push(Span::styled(
                    format!(" · {}", entry.tags.join(", ")),
                    t.dim(),
                ));
            }
            let mut cells = vec![ratatui::widgets::Cell::from(Line::from(family))];
            if show_worksheet {
                cells.push(worksheet.into());
            }
            cells.extend([model.settings.when(&entry.updated).into(), progress.into()]);
            Row::new(cells)
        });
        let mut widths = vec![Constraint::Fill(2)];
        let mut header = vec!["Family"];
        if show_worksheet {
            widths.push(Constraint::Fill(3));
            header.push("Worksheet");
        }
        widths.extend([
            Constraint::Length(model.settings.when_width().max(12)),
            Constraint::Length(15),
        ]);
        header.extend(["Last changed", "Progress"]);
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(t.heading()))
            .row_highlight_style(t.selected())
            .highlight_symbol("▶ ")
            .block(
                Block::bordered()
                    .title(format!(
                        " Your entries ({}){} ",
                        model.entries.len(),
                        if model.checking {
                            " · checking for changes…"
                        } else {
                            ""
                        }
                    ))
                    .border_style(t.focused_border()),
            );
        let mut state =
            TableState::default().with_selected(Some(model.home_selected.saturating_sub(offset)));
        StatefulWidget::render(table, area, buf, &mut state);
    }

    fn render_preview(&self, index: usize, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        let summary = &model.entries[index].summary;
        let mut lines = vec![Line::from(vec![
            Span::styled(summary.family_label.clone(), t.heading()),
            Span::styled(
                format!(
                    "  started {} · changed {}",
                    model.settings.when(&summary.created),
                    model.settings.when(&summary.updated)
                ),
                t.dim(),
            ),
        ])];
        let ws = model
            .worksheet_by_id(&summary.worksheet.id)
            .map(|w| &model.worksheets[w]);
        if let Some(ws) = ws {
            lines.push(Line::styled(ws.title.clone(), t.dim()));
        }
        if !summary.tags.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("Tags: ", t.dim()),
                Span::raw(summary.tags.join(", ")),
            ]));
        }
        if let Some(done) = &summary.completed {
            lines.push(Line::styled(
                format!("✓ Completed {}", model.settings.when(done)),
                t.done(),
            ));
        }
        if let Some(day) = summary.discussed {
            lines.push(Line::styled(
                format!("✓ Discussed in supervision {}", day.format("%-d %b %Y")),
                t.done(),
            ));
        }
        if summary.comments > 0 {
            lines.push(Line::styled(
                format!(
                    "✎ {}: Enter opens the entry to read them",
                    text::comments_from_supervisor(summary.comments)
                ),
                t.heading(),
            ));
        }
        // Where the words searched for are, highlighted.
        if model.query.needs_text()
            && let Some(entry) = model.entry(index)
        {
            let mut found = 0;
            for answer in entry.answers.values() {
                let ranges = crate::filter::find_words(answer, &model.query.words);
                let Some(first) = ranges.first() else {
                    continue;
                };
                if found == 0 {
                    lines.push(Line::default());
                }
                found += 1;
                lines.push(snippet(answer, first.clone(), &ranges, t));
                if found == 4 {
                    break;
                }
            }
        }
        // The sections and latest words need the whole entry, read a moment after selecting.
        if let (Some(ws), Some(entry)) = (ws, model.entry(index)) {
            for (i, section) in ws.sections.iter().enumerate() {
                let p = entry.section_progress(ws, i);
                let mark = if p.is_complete() {
                    "✓"
                } else if p.answered > 0 {
                    "…"
                } else {
                    "·"
                };
                let style = if p.is_complete() { t.done() } else { t.dim() };
                lines.push(Line::from(vec![
                    Span::styled(format!("{mark} "), style),
                    Span::raw(format!("{}. {}", i + 1, section.title)),
                    Span::styled(format!("  {}/{}", p.answered, p.total), t.dim()),
                ]));
            }
            // The most recent words, so the practitioner recognises the entry.
            let latest = entry
                .position
                .as_deref()
                .filter(|k| entry.is_answered(k))
                .or_else(|| entry.answers.keys().next().map(String::as_str));
            if let Some(key) = latest {
                lines.push(Line::default());
                for line in entry.answer(key).lines().take(6) {
                    lines.push(Line::styled(format!("  {line}"), t.dim()));
                }
            }
        }
        para(lines)
            .block(
                Block::bordered()
                    .title(" Preview ")
                    .border_style(t.border()),
            )
            .render(area, buf);
    }

    fn render_trash(&self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        let block = Block::bordered()
            .title(format!(
                " Trash ({}): r restores, x empties ",
                model.trash.len()
            ))
            .border_style(t.focused_border());
        if model.trash.is_empty() {
            para(vec![Line::default(), Line::from(text::TRASH_EMPTY)])
                .block(block)
                .render(area, buf);
            return;
        }
        let rows = model.trash.iter().map(|entry| {
            let worksheet = model
                .worksheet_by_id(&entry.worksheet.id)
                .map_or(entry.worksheet.id.as_str(), |w| {
                    model.worksheets[w].title.as_str()
                });
            Row::new(vec![
                entry.family_label.clone(),
                worksheet.to_string(),
                model.settings.when(&entry.updated),
            ])
        });
        let table = Table::new(
            rows,
            [
                Constraint::Fill(2),
                Constraint::Fill(3),
                Constraint::Length(model.settings.when_width().max(12)),
            ],
        )
        .header(Row::new(vec!["Family", "Worksheet", "Last changed"]).style(t.heading()))
        .row_highlight_style(t.selected())
        .highlight_symbol("▶ ")
        .block(block);
        let mut state = TableState::default().with_selected(Some(model.trash_selected));
        StatefulWidget::render(table, area, buf, &mut state);
    }

    fn render_damaged(&self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        let mut lines = Vec::new();
        // Two lines each; when they do not all fit, the last line says how
        // many are not shown, so none goes unmentioned.
        let room = usize::from(area.height.saturating_sub(2));
        let total = model.damaged.len();
        let shown = if total * 2 <= room {
            total
        } else {
            room.saturating_sub(1) / 2
        };
        for d in model.damaged.iter().take(shown) {
            lines.push(Line::styled(d.path.display().to_string(), t.heading()));
            lines.push(Line::from(format!("  {}", d.error)));
        }
        if shown < total {
            lines.push(Line::styled(
                crate::text::damaged_not_shown(total - shown),
                t.notice(),
            ));
        }
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(
                        " Could not open these files: left exactly as they are; fix or move them ",
                    )
                    .border_style(t.notice()),
            )
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::gauge;
    use crate::model::entry::Progress;

    #[test]
    fn the_gauge_is_empty_at_the_start_full_only_at_the_end() {
        let g = |answered, total| gauge(Progress { answered, total });
        assert_eq!(g(0, 23), "░░░░░ 0/23");
        assert_eq!(g(1, 23), "█░░░░ 1/23");
        assert_eq!(g(12, 23), "██░░░ 12/23");
        assert_eq!(g(22, 23), "████░ 22/23");
        assert_eq!(g(23, 23), "█████ 23/23");
    }
}
