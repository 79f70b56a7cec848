//! The export screens: choosing entries, the format, and the check for
//! identifying details before anything is written.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, List, ListItem, ListState, Row, StatefulWidget, Table, TableState, Widget,
};

use super::para;
use crate::export::check::{self, Decision, Field, Finding};
use crate::model::entry::EntryStatus;
use crate::state::Model;
use crate::state::export::{ExportFlow, ExportStep, Exporting, since_last_supervision};
use crate::text::export as say;

pub struct ExportView<'a> {
    pub model: &'a Model,
    pub flow: &'a ExportFlow,
}

impl Widget for ExportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match self.flow.step {
            ExportStep::Choose => self.render_choose(area, buf),
            ExportStep::Format | ExportStep::Reading | ExportStep::Writing => {
                self.render_format(area, buf)
            }
            ExportStep::Check | ExportStep::Reason => self.render_check(area, buf),
            ExportStep::Summary => self.render_summary(area, buf),
        }
    }
}

/// The hit, bold and reversed: never told apart by colour alone.
fn highlight() -> Style {
    Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED)
}

impl ExportView<'_> {
    fn render_choose(&self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let flow = self.flow;
        let t = model.theme;
        let top_lines = vec![
            Line::from(vec![
                Span::styled(say::chosen(flow.chosen.len()), t.heading()),
                Span::styled(
                    format!(" of the {} listed", say::entries(flow.rows.len())),
                    t.dim(),
                ),
            ]),
            Line::styled(
                "Space chooses or unchooses; a chooses every entry listed (Home's search decides which).",
                t.dim(),
            ),
        ];
        let bottom_lines = vec![Line::styled(
            "Enter goes on to the format. Nothing is written until the check for identifying details is done.",
            t.dim(),
        )];
        let top_height = para(top_lines.clone()).line_count(area.width) as u16;
        let bottom_height = para(bottom_lines.clone()).line_count(area.width) as u16;
        let list_height = (flow.rows.len() as u16 + 3)
            .max(5)
            .min(area.height.saturating_sub(top_height + bottom_height));
        let [top, list, bottom, _] = area.layout(&Layout::vertical([
            Constraint::Length(top_height),
            Constraint::Length(list_height),
            Constraint::Length(bottom_height),
            Constraint::Fill(1),
        ]));
        para(top_lines).render(top, buf);
        let wide = list.width >= 100;
        let visible = usize::from(list.height.saturating_sub(3)).max(1);
        let row = flow.row.min(flow.rows.len().saturating_sub(1));
        let offset = row.saturating_sub(visible - 1);
        let rows = flow
            .rows
            .iter()
            .skip(offset)
            .take(visible)
            .map(|id| match model.index_of(id) {
                Some(i) => {
                    let s = &model.entries[i].summary;
                    let ws = model.worksheet_by_id(&s.worksheet.id);
                    let mark = if flow.chosen.contains(id) {
                        "[x]"
                    } else if ws.is_none() {
                        " - "
                    } else {
                        "[ ]"
                    };
                    let worksheet = ws.map_or_else(
                        || {
                            format!(
                                "{} (not in this spiral: cannot be exported)",
                                s.worksheet.id
                            )
                        },
                        |w| model.worksheets[w].title.clone(),
                    );
                    let status = match s.status() {
                        EntryStatus::Reviewed => "✓ discussed",
                        EntryStatus::Complete => "✓ complete",
                        EntryStatus::InProgress => "in progress",
                    };
                    let mut cells = vec![mark.to_string(), s.family_label.clone()];
                    if wide {
                        cells.push(worksheet);
                    }
                    cells.push(model.settings.when(&s.updated));
                    cells.push(status.to_string());
                    Row::new(cells)
                }
                None => Row::new(vec![" - ".to_string(), "(no longer here)".to_string()]),
            });
        let mut widths = vec![Constraint::Length(3), Constraint::Fill(2)];
        let mut header = vec!["", "Family"];
        if wide {
            widths.push(Constraint::Fill(3));
            header.push("Worksheet");
        }
        widths.extend([
            Constraint::Length(model.settings.when_width().max(12)),
            Constraint::Length(12),
        ]);
        header.extend(["Last changed", "Status"]);
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(t.heading()))
            .row_highlight_style(t.selected())
            .highlight_symbol("▶ ")
            .block(
                Block::bordered()
                    .title(" Export: choose the entries ")
                    .border_style(t.focused_border()),
            );
        let mut state = TableState::default().with_selected(Some(row - offset));
        StatefulWidget::render(table, list, buf, &mut state);
        para(bottom_lines).render(bottom, buf);
    }

    fn render_format(&self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let flow = self.flow;
        let t = model.theme;
        let mut intro = Vec::new();
        if flow.is_prep() {
            let (since, changed) = since_last_supervision(model);
            intro.push(Line::styled(
                "Your supervision prep note: your three answers, then your reflections.",
                t.heading(),
            ));
            intro.push(Line::from(say::prep_since(since, changed.len())));
        } else {
            intro.push(Line::styled(
                format!("Export {}", say::entries(flow.chosen.len())),
                t.heading(),
            ));
        }
        intro.push(Line::styled(
            "Before anything is written, spiral looks for names, phone numbers, addresses and \
other details that could identify a family, and asks you about each.",
            t.dim(),
        ));
        let intro_height = para(intro.clone()).line_count(area.width) as u16;
        let formats = flow.formats();
        let list_height =
            (formats.len() as u16 * 2 + 2).min(area.height.saturating_sub(intro_height));
        let [top, gap, list, bottom] = area.layout(&Layout::vertical([
            Constraint::Length(intro_height),
            Constraint::Length(1),
            Constraint::Length(list_height),
            Constraint::Fill(1),
        ]));
        para(intro).render(top, buf);
        let _ = gap;
        let items = formats.iter().map(|f| {
            let text = f.describe();
            let (name, rest) = text.split_once(": ").unwrap_or((text, ""));
            ListItem::new(vec![
                Line::styled(name.to_string(), t.heading()),
                Line::from(format!("  {rest}")),
            ])
        });
        let title = match flow.step {
            ExportStep::Reading => " Format: reading the entries… ",
            ExportStep::Writing => " Format: writing the file… ",
            _ => " Format ",
        };
        let list_widget = List::new(items)
            .highlight_style(t.selected())
            .highlight_symbol("▶ ")
            .block(
                Block::bordered()
                    .title(title)
                    .border_style(t.focused_border()),
            );
        let mut state = ListState::default().with_selected(Some(flow.format));
        StatefulWidget::render(list_widget, list, buf, &mut state);
        para(vec![
            Line::from(vec![
                Span::styled("It goes into ", t.dim()),
                Span::raw(model.export_folder.display().to_string()),
            ]),
            Line::styled(
                "as a new file: an earlier export is never written over.",
                t.dim(),
            ),
        ])
        .render(bottom, buf);
    }

    fn render_check(&self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let flow = self.flow;
        let t = model.theme;
        let findings = flow.findings();
        let decisions = flow.decisions();
        let total = findings.len();
        let current = flow.current.min(total.saturating_sub(1));
        let entries: std::collections::BTreeSet<&str> = findings
            .iter()
            .filter(|f| f.entry != check::PREP)
            .map(|f| f.entry_id.as_str())
            .collect();
        let head = vec![
            Line::styled(
                format!(
                    "Before anything is written: {total} possible identifying detail{} in {}{}.",
                    if total == 1 { "" } else { "s" },
                    say::entries(entries.len()),
                    if findings.iter().any(|f| f.entry == check::PREP) {
                        " and your prep notes"
                    } else {
                        ""
                    }
                ),
                t.heading(),
            ),
            Line::styled(
                format!(
                    "{} still to decide: replace, keep, or leave in with a reason.",
                    flow.open()
                ),
                t.dim(),
            ),
        ];
        let head_height = para(head.clone()).line_count(area.width).min(3) as u16;
        let detail = if flow.step == ExportStep::Reason {
            self.reason_lines()
        } else {
            findings
                .get(current)
                .map(|f| self.detail_lines(f, current, total))
                .unwrap_or_default()
        };
        let inner_width = area.width.saturating_sub(2);
        // The reason's field takes a line of its own below the words.
        let field_line = u16::from(flow.step == ExportStep::Reason);
        let wanted = para(detail.clone()).line_count(inner_width) as u16 + 2 + field_line;
        let room = area.height.saturating_sub(head_height);
        // The list keeps three rows when it can; the one being decided comes first.
        let detail_height = if room >= wanted + 3 {
            wanted
        } else {
            room.min(wanted)
        };
        let list_height = (total as u16 + 2).min(room.saturating_sub(detail_height));
        let [head_area, list_area, detail_area, _] = area.layout(&Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Length(list_height),
            Constraint::Length(detail_height),
            Constraint::Fill(1),
        ]));
        para(head).render(head_area, buf);
        if list_area.height >= 3 {
            let visible = usize::from(list_area.height.saturating_sub(2)).max(1);
            let offset = current.saturating_sub(visible - 1);
            let items = findings
                .iter()
                .zip(decisions)
                .enumerate()
                .skip(offset)
                .take(visible)
                .map(|(i, (f, d))| {
                    ListItem::new(Line::from(vec![
                        Span::styled(format!("{:<12}", mark(*d)), decision_style(t, *d)),
                        Span::raw(format!("{}. {} · ", i + 1, whose(f))),
                        Span::styled(format!("\"{}\"", f.hit.matched), t.heading()),
                        Span::styled(format!(" · {}", f.place()), t.dim()),
                    ]))
                });
            let list = List::new(items)
                .highlight_style(t.selected())
                .highlight_symbol("▶ ")
                .block(
                    Block::bordered()
                        .title(" Possible identifying details ")
                        .border_style(t.border()),
                );
            let mut state = ListState::default().with_selected(Some(current - offset));
            StatefulWidget::render(list, list_area, buf, &mut state);
        }
        let title = if flow.step == ExportStep::Reason {
            " Leaving details in: why? ".to_string()
        } else {
            format!(" {} of {total} ", current + 1)
        };
        let block = Block::bordered()
            .title(title)
            .border_style(t.focused_border());
        let inner = block.inner(detail_area);
        block.render(detail_area, buf);
        if flow.step == ExportStep::Reason {
            // The field goes on the last line of the box.
            let lines = para(detail.clone()).line_count(inner.width) as u16;
            para(detail).render(inner, buf);
            let field = Rect {
                y: inner.y + lines.min(inner.height.saturating_sub(1)),
                height: u16::from(inner.height > 0),
                ..inner
            };
            let [label, input] = field.layout(&Layout::horizontal([
                Constraint::Length(8),
                Constraint::Fill(1),
            ]));
            Line::styled("Reason: ", t.heading()).render(label, buf);
            flow.reason.render(input, buf);
        } else {
            para(detail).render(inner, buf);
        }
    }

    /// What will be written, before it is: where, in which format, how
    /// many entries, the totals and kinds found, then entry by entry what
    /// was decided.
    fn render_summary(&self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let flow = self.flow;
        let t = model.theme;
        let Some(summary) = flow.summary.as_ref() else {
            return;
        };
        let format = flow.chosen_format().describe();
        let format = format.split_once(": ").map_or(format, |(name, _)| name);
        let path = flow.pending.as_deref().map_or_else(
            || model.export_folder.clone(),
            |p| {
                model
                    .export_folder
                    .join(crate::export::file_name(&p.export, flow.chosen_format()))
            },
        );
        let mut head = vec![
            Line::styled(
                say::summary_heading(format, summary.entries, flow.is_prep()),
                t.heading(),
            ),
            Line::from(vec![
                Span::styled("Into ", t.dim()),
                Span::raw(path.display().to_string()),
                Span::styled(format!(" ({})", say::SUMMARY_NEW_FILE), t.dim()),
            ]),
            Line::from(say::summary_totals(&summary.total, flow.recalled)),
        ];
        if !summary.kinds.is_empty() {
            let kinds: Vec<String> = summary
                .kinds
                .iter()
                .map(|(kind, n)| say::kind_count(*kind, *n))
                .collect();
            head.push(Line::from(vec![
                Span::styled("Found: ", t.dim()),
                Span::raw(format!("{}.", kinds.join(", "))),
            ]));
        }
        if let Some(reason) = &summary.reason {
            head.push(Line::from(vec![
                Span::styled("Your reason for what is left in: ", t.dim()),
                Span::raw(format!("\"{reason}\"")),
            ]));
        }
        let bottom = vec![Line::styled(say::SUMMARY_KEYS, t.dim())];
        let mut head_height = para(head.clone()).line_count(area.width) as u16;
        let mut bottom_height = para(bottom.clone()).line_count(area.width) as u16;
        // The list keeps five rows (three of entries) when it can; the keys
        // are in the footer too, so their line goes first.
        let list_min = 5.min(area.height);
        if head_height + list_min + bottom_height > area.height {
            bottom_height = 0;
        }
        head_height = head_height.min(area.height.saturating_sub(list_min + bottom_height));
        let start = flow
            .summary_scroll
            .min(summary.lines.len().saturating_sub(1));
        let mut rows = Vec::new();
        for line in summary.lines.iter().skip(start) {
            if line.prep {
                rows.push(Line::styled("Your prep notes", t.heading()));
            } else {
                let when = line
                    .updated
                    .map(|u| model.settings.when(&u))
                    .unwrap_or_default();
                rows.push(Line::from(vec![
                    Span::styled(line.label.clone(), t.heading()),
                    Span::styled(format!(" · {} · {when}", line.worksheet), t.dim()),
                ]));
            }
            rows.push(Line::from(format!("  {}", say::decided(&line.counts))));
        }
        // The list is as tall as its entries, no taller, when they fit.
        let room = area.height.saturating_sub(head_height + bottom_height);
        let wanted = para(rows.clone()).line_count(area.width.saturating_sub(2)) as u16 + 2;
        let [head_area, list_area, bottom_area, _] = area.layout(&Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Length(wanted.min(room)),
            Constraint::Length(bottom_height),
            Constraint::Fill(1),
        ]));
        para(head).render(head_area, buf);
        let inner_width = list_area.width.saturating_sub(2);
        let shown_all = para(rows.clone()).line_count(inner_width)
            <= usize::from(list_area.height.saturating_sub(2));
        let title = if start == 0 && shown_all {
            " Entry by entry ".to_string()
        } else {
            format!(
                " Entry by entry: from {} of {} (↑/↓ scroll) ",
                start + 1,
                summary.lines.len()
            )
        };
        let block = Block::bordered()
            .title(title)
            .border_style(t.focused_border());
        para(rows).block(block).render(list_area, buf);
        para(bottom).render(bottom_area, buf);
    }

    /// The finding being decided: who, where, what it looks like, the words
    /// around it with the hit highlighted, and the keys.
    fn detail_lines(&self, f: &Finding, i: usize, total: usize) -> Vec<Line<'static>> {
        let t = self.model.theme;
        let decision = self.flow.decisions().get(i).copied().unwrap_or_default();
        let mut lines = vec![
            Line::from(vec![
                Span::styled(whose(f), t.heading()),
                Span::styled(format!(" · {}", f.place()), t.dim()),
            ]),
            Line::from(format!("{}: \"{}\"", f.describe(), f.hit.matched)),
        ];
        let [before, hit, after] = self.around(f);
        lines.push(Line::from(vec![
            Span::raw(format!("  {before}")),
            Span::styled(hit, highlight()),
            Span::raw(after),
        ]));
        lines.push(Line::from(vec![
            Span::styled("Now: ", t.dim()),
            Span::styled(decision.describe(), decision_style(t, decision)),
            Span::styled(format!("   ({} of {total})", i + 1), t.dim()),
        ]));
        let placeholder = if f.field == Field::Label {
            "a letter (Family A)".to_string()
        } else {
            crate::identifiers::placeholder(f.hit.kind).to_string()
        };
        let key = |k: &str| Span::styled(k.to_string(), t.key());
        lines.push(Line::from(vec![
            key("r"),
            Span::raw(format!(" replace with {placeholder} in the export   ")),
            key("e"),
            Span::raw(" …and in your entry too"),
        ]));
        lines.push(Line::from(vec![
            key("k"),
            Span::raw(" keep: it is fine   "),
            key("R"),
            Span::raw(" replace all the rest   "),
            key("↓"),
            Span::raw(" leave it for now   "),
            key("Esc"),
            Span::raw(" cancel"),
        ]));
        let like_it = crate::export::check::same_text(self.flow.findings(), i).len();
        if like_it > 1 {
            lines.push(Line::from(vec![
                key("a"),
                Span::raw(format!(
                    " replace all {like_it} like it with {placeholder} in the export"
                )),
            ]));
        }
        lines
    }

    fn reason_lines(&self) -> Vec<Line<'static>> {
        let t = self.model.theme;
        let open = self.flow.open();
        vec![
            Line::styled(
                format!(
                    "{open} possible identifying detail{} still open.",
                    if open == 1 { " is" } else { "s are" }
                ),
                t.heading(),
            ),
            Line::from({
                let them = if open == 1 { "it" } else { "them" };
                format!(
                    "To export with {them} left in, say why in a line: the reason is written into the export. \
Esc goes back to decide {them} instead."
                )
            }),
        ]
    }

    /// The words around a finding, split at the hit, from the text as it is.
    fn around(&self, f: &Finding) -> [String; 3] {
        let pending = self.flow.pending.as_deref();
        let text = pending.and_then(|p| match &f.field {
            Field::Prep(n) => p.export.prep.as_ref().map(|prep| prep.answers[*n].clone()),
            field => p
                .export
                .entries
                .get(f.entry)
                .and_then(|e| check::field_text(e, field)),
        });
        match text {
            Some(text) if text.get(f.hit.range.clone()) == Some(f.hit.matched.as_str()) => {
                crate::identifiers::context_parts(&text, f.hit.range.clone(), 6)
            }
            _ => [f.context.clone(), String::new(), String::new()],
        }
    }
}

/// Who a finding is about: the family label, or the prep notes.
fn whose(f: &Finding) -> String {
    if f.entry == check::PREP {
        "Your prep notes".into()
    } else {
        f.family_label.clone()
    }
}

/// A decision in a word or two, for the list.
fn mark(d: Decision) -> &'static str {
    match d {
        Decision::Open => "○ open",
        Decision::Replace => "✓ replace",
        Decision::ReplaceInEntry => "✓ + entry",
        Decision::Accept => "✓ keep",
    }
}

fn decision_style(t: super::theme::Theme, d: Decision) -> Style {
    match d {
        Decision::Open => t.notice(),
        _ => t.done(),
    }
}

/// The header's title for the export screens.
pub fn title(flow: &ExportFlow) -> String {
    let what = match flow.what {
        Exporting::Entries => "Export",
        Exporting::Prep(_) => "Supervision prep: export the note",
    };
    let step = match flow.step {
        ExportStep::Choose => "choose the entries",
        ExportStep::Format | ExportStep::Reading | ExportStep::Writing => "choose the format",
        ExportStep::Check | ExportStep::Reason => "check for identifying details",
        ExportStep::Summary => "what will be written",
    };
    format!("{what} · {step}")
}
