//! The worksheet screen: where you are, the prompt and its guidance, the
//! answer editor, and an outline of every prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, StatefulWidget, Widget};

use super::para;
use super::spiral::{MapDiagram, SpiralDiagram, stage_color};
use super::theme::Theme;
use crate::model::checks::{self, Finding, Severity};
use crate::model::entry::{Entry, choice_key};
use crate::model::map::{self, MapIssue};
use crate::model::steps::{Step, steps};
use crate::model::worksheet::{
    CheckState, Diagram, Item, SCALE_MAX, SCALE_MIN, Worksheet, parse_date, parse_scale,
    parse_yes_no,
};
use crate::state::{Focus, Model, Session};
use crate::state::{FormField, IssueForm};
use crate::text;
use ratatui::style::Style;

/// The outline sits beside the prompt from this width up.
const SIDE_OUTLINE_WIDTH: u16 = 100;

pub struct WorksheetView<'a> {
    pub model: &'a Model,
    pub session: &'a Session,
}

impl Widget for WorksheetView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let ws = &self.model.worksheets[self.session.worksheet];
        let Some(entry) = self.model.entry(self.session.entry) else {
            return;
        };
        let all = steps(ws, entry);
        let step = &all[self.session.step];
        let t = self.model.theme;

        let [where_area, body] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        let section = step.section();
        let sp = entry.section_progress(ws, section);
        let findings = checks::active(ws, entry);
        let where_line = Line::from(vec![
            Span::styled(
                format!(" Section {} of {}: ", section + 1, ws.sections.len()),
                t.dim(),
            ),
            Span::styled(ws.sections[section].title.clone(), t.heading()),
            Span::styled(
                format!(
                    "  ·  this section {}/{}  ·  all {}",
                    sp.answered,
                    sp.total,
                    entry.progress(ws)
                ),
                t.dim(),
            ),
        ]);
        // The checks' count sits at the right, where a long title cannot push it off.
        let where_area = if findings.is_empty() {
            where_area
        } else {
            let summary = format!(" ! {} ", text::checks_summary(&findings));
            let [left, right] = where_area.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(summary.chars().count() as u16),
            ]));
            Line::styled(summary, t.notice()).render(right, buf);
            left
        };
        where_line.render(where_area, buf);

        let outline_focused = matches!(self.session.focus, Focus::Outline { .. });
        let main = if body.width >= SIDE_OUTLINE_WIDTH {
            let [side, main] = body.layout(&Layout::horizontal([
                Constraint::Length(36),
                Constraint::Fill(1),
            ]));
            self.render_outline(ws, entry, &all, &findings, side, buf);
            main
        } else if outline_focused {
            return self.render_outline(ws, entry, &all, &findings, body, buf);
        } else {
            body
        };
        // A supervisor's comments on this step: beside it, or under it.
        let main = match super::comments::CommentsView::here(
            self.model,
            ws,
            entry,
            &all,
            self.session.step,
        ) {
            Some(comments) => {
                let (main, place) = comments.split(main);
                comments.render(place, buf);
                main
            }
            None => main,
        };
        // Sections about the picture show it beside the prompt.
        let main = match ws.sections[section].diagram {
            Some(Diagram::Spiral) if main.width >= 70 && !matches!(step, Step::Map { .. }) => {
                let side = (main.width * 2 / 5).min(56);
                let [left, right] = main.layout(&Layout::horizontal([
                    Constraint::Fill(1),
                    Constraint::Length(side),
                ]));
                SpiralDiagram {
                    worksheet: ws,
                    theme: t,
                    title: "The spiral (F3 full screen)",
                }
                .render(right, buf);
                left
            }
            _ => main,
        };
        let here = findings_here(&findings, ws, step, t);
        match step {
            Step::Choose { .. } => self.render_chooser(ws, entry, step, main, buf),
            Step::Map { .. } => self.render_map(ws, entry, step, main, buf),
            Step::Check { .. } | Step::Scale { .. } | Step::YesNo { .. } => {
                self.render_pick(ws, entry, step, here, main, buf)
            }
            Step::Date { .. } => self.render_date(ws, entry, step, here, main, buf),
            _ => self.render_prompt(ws, entry, step, here, main, buf),
        }
    }
}

/// What each row of the outline is: a section's heading, the title of a
/// table or checklist above its rows, or a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutlineRow {
    Section(usize),
    /// The title of the item whose first row or check is this step.
    Title(usize),
    Step(usize),
}

/// The outline's rows, in order: what it draws, and what a click finds.
pub fn outline_rows(all: &[Step]) -> Vec<OutlineRow> {
    let mut rows = Vec::new();
    let mut last_section = None;
    for (i, step) in all.iter().enumerate() {
        if last_section != Some(step.section()) {
            rows.push(OutlineRow::Section(step.section()));
            last_section = Some(step.section());
        }
        if matches!(
            step,
            Step::Row { row: 0, .. } | Step::Check { check: 0, .. }
        ) {
            rows.push(OutlineRow::Title(i));
        }
        rows.push(OutlineRow::Step(i));
    }
    rows
}

/// The outline's rows, in order, as drawn; and where the outline sits when
/// it is beside the prompt (for the mouse).
pub fn outline_targets(all: &[Step], body: Rect) -> (Vec<OutlineRow>, Option<Rect>) {
    let rows = outline_rows(all);
    let [_, body] = body.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    let side = (body.width >= SIDE_OUTLINE_WIDTH).then(|| {
        let [side, _] = body.layout(&Layout::horizontal([
            Constraint::Length(36),
            Constraint::Fill(1),
        ]));
        side
    });
    (rows, side)
}

impl WorksheetView<'_> {
    fn render_outline(
        &self,
        ws: &Worksheet,
        entry: &Entry,
        all: &[Step],
        findings: &[Finding],
        area: Rect,
        buf: &mut Buffer,
    ) {
        let t = self.model.theme;
        let focused = match self.session.focus {
            Focus::Outline { selected } => Some(selected),
            _ => None,
        };
        let mut items = Vec::new();
        let mut selected_row = 0;
        let commented = super::comments::marked_steps(ws, entry, all);
        for row in outline_rows(all) {
            let i = match row {
                OutlineRow::Section(s) => {
                    let done = entry.section_progress(ws, s).is_complete();
                    let needed = ws.sections[s].needed(ws, entry);
                    items.push(ListItem::new(Line::from(vec![
                        Span::styled(format!("{}. {}", s + 1, ws.sections[s].title), t.heading()),
                        Span::styled(if done { " ✓" } else { "" }, t.done()),
                        Span::styled(if needed { "" } else { " · not needed" }, t.dim()),
                    ])));
                    continue;
                }
                // Tables and checklists: their title above their rows.
                OutlineRow::Title(i) => {
                    items.push(ListItem::new(Line::styled(
                        format!("  {}", all[i].item(ws).title()),
                        t.heading(),
                    )));
                    continue;
                }
                OutlineRow::Step(i) => i,
            };
            let step = &all[i];
            if Some(i) == focused || (focused.is_none() && i == self.session.step) {
                selected_row = items.len();
            }
            let (done, label) = outline_row(ws, entry, step);
            let here = if i == self.session.step { "▸" } else { " " };
            // A check's mark says its state: ✓ done, ○ not yet, – not relevant.
            let mark = match (step, step.item(ws)) {
                (Step::Check { check, .. }, Item::Checklist(c)) => {
                    match CheckState::parse(entry.answer(&crate::model::worksheet::state_key(
                        &c.id,
                        &c.checks[*check].id,
                    ))) {
                        Some(CheckState::NotYet) => "○",
                        Some(CheckState::NotRelevant) => "–",
                        Some(CheckState::Done) => "✓",
                        None => "·",
                    }
                }
                _ if done => "✓",
                _ => "·",
            };
            let warned = findings.iter().any(|f| {
                f.severity == Severity::Warning
                    && checks::shown_at(&f.at, step.item(ws).id(), &step.key(ws))
            });
            let mut row = vec![
                Span::raw(format!("{here} ")),
                Span::styled(format!("{mark} "), if done { t.done() } else { t.dim() }),
            ];
            if warned {
                row.push(Span::styled("! ", t.notice()));
            }
            let label = if commented.get(i).copied().unwrap_or(false) {
                // After a row's indent, so rows under a title stay in line.
                let title = label.trim_start();
                row.push(Span::raw(label[..label.len() - title.len()].to_string()));
                row.push(Span::styled("✎ ", t.heading()));
                title.to_string()
            } else {
                label
            };
            row.push(Span::raw(label));
            items.push(ListItem::new(Line::from(row)));
        }
        let border = if focused.is_some() {
            t.focused_border()
        } else {
            t.border()
        };
        let title = if focused.is_some() {
            " Outline: Enter jumps "
        } else {
            " Outline (Ctrl-O) "
        };
        let list = List::new(items)
            .highlight_style(if focused.is_some() {
                t.selected()
            } else {
                t.heading()
            })
            .block(Block::bordered().title(title).border_style(border));
        let mut state = ListState::default().with_selected(Some(selected_row));
        StatefulWidget::render(list, area, buf, &mut state);
    }

    /// The prompt, its guidance, and the editor.
    fn render_prompt(
        &self,
        ws: &Worksheet,
        entry: &Entry,
        step: &Step,
        here: Vec<Line<'static>>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let t = self.model.theme;
        let Some(prompt) = step.prompt(ws) else {
            return;
        };
        let mut head = Vec::new();
        if let Step::ChoiceAnswer {
            question,
            item,
            section,
            ..
        } = step
            && let Item::Choose(choice) = &ws.sections[*section].items[*item]
        {
            let number = entry
                .chosen(&choice.id)
                .iter()
                .position(|q| q == question)
                .unwrap_or(0)
                + 1;
            let qtext = ws
                .question_text(&choice.bank, question)
                .unwrap_or("(this question is no longer in the worksheet)");
            head.push(Line::from(vec![
                Span::styled(
                    format!("Chosen question {number} of {}: ", choice.count),
                    t.dim(),
                ),
                Span::styled(qtext.to_string(), t.heading()),
            ]));
        }
        if let (Step::Row { row, .. }, Item::Table(table)) = (step, step.item(ws)) {
            head.push(Line::from(vec![
                Span::styled(
                    format!(
                        "{} (row {} of {}): ",
                        table.title,
                        row + 1,
                        table.rows.len()
                    ),
                    t.dim(),
                ),
                Span::styled(table.text.clone(), t.heading()),
            ]));
        }
        head.push(Line::styled(prompt.title.clone(), t.title()));
        head.push(Line::from(prompt.text.clone()));
        let head_height = para(head.clone()).line_count(area.width) as u16;
        let checks_height = checks_height(&here, area);

        let item_guidance = match step {
            Step::Row { .. } => step.item(ws).guidance(),
            _ => None,
        };
        let guidance = guidance_lines(
            ws,
            step,
            item_guidance,
            prompt.guidance.as_deref(),
            prompt.stage.as_deref(),
            t,
        );
        let show_guidance = self.model.show_guidance && !guidance.is_empty();
        // The editor keeps at least five lines; guidance gets the rest it needs.
        const EDITOR_MIN: u16 = 7;
        let guidance_height = if show_guidance {
            let wanted = para(guidance.clone()).line_count(area.width.saturating_sub(2)) as u16 + 2;
            let room = area
                .height
                .saturating_sub(head_height + checks_height + EDITOR_MIN);
            // Never more than half the space below the prompt: writing comes first.
            let half = area.height.saturating_sub(head_height + checks_height) / 2;
            if room >= 3 {
                wanted.min(room).min(half.max(3))
            } else {
                0
            }
        } else {
            0
        };
        let [head_area, checks_area, guidance_area, editor_area] =
            area.layout(&Layout::vertical([
                Constraint::Length(head_height),
                Constraint::Length(checks_height),
                Constraint::Length(guidance_height),
                Constraint::Min(3),
            ]));
        para(head).render(head_area, buf);
        render_checks(here, t, checks_area, buf);
        if guidance_height > 0 {
            para(guidance)
                .block(
                    Block::bordered()
                        .title(" Guidance (Ctrl-G hides, F2 background) ")
                        .border_style(t.border()),
                )
                .render(guidance_area, buf);
        }
        let focused = self.session.focus == Focus::Editor;
        let block = Block::bordered()
            .title(" Your answer ")
            .border_style(if focused {
                t.focused_border()
            } else {
                t.border()
            });
        let inner = block.inner(editor_area);
        block.render(editor_area, buf);
        self.session.editor.render(inner, buf);
    }

    /// A check, a scale or a yes/no question: the pick, then its note.
    fn render_pick(
        &self,
        ws: &Worksheet,
        entry: &Entry,
        step: &Step,
        here: Vec<Line<'static>>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let t = self.model.theme;
        let item = step.item(ws);
        let picking = matches!(self.session.focus, Focus::Pick(_));
        let value = step
            .pick_key(ws)
            .map(|k| entry.answer(&k).to_string())
            .unwrap_or_default();
        let mut head = Vec::new();
        let guidance;
        // The choices, on one line, the picked one marked.
        let option = |label: String, on: bool| {
            let style = match (on, picking) {
                (true, true) => t.selected(),
                (true, false) => t.heading(),
                (false, _) => Style::default(),
            };
            [
                Span::styled(format!("{} {label}", if on { "(•)" } else { "( )" }), style),
                Span::raw("   "),
            ]
        };
        let mut pick: Vec<Line> = Vec::new();
        let mut note_label = "Note".to_string();
        let mut note_question: Option<String> = None;
        match (step, item) {
            (Step::Check { check, .. }, Item::Checklist(c)) => {
                let k = &c.checks[*check];
                head.push(Line::from(vec![
                    Span::styled(
                        format!("{} (check {} of {}): ", c.title, check + 1, c.checks.len()),
                        t.dim(),
                    ),
                    Span::styled(c.text.clone(), t.heading()),
                ]));
                head.push(Line::styled(k.title.clone(), t.title()));
                head.push(Line::from(k.text.clone()));
                guidance = guidance_lines(
                    ws,
                    step,
                    c.guidance.as_deref(),
                    k.guidance.as_deref(),
                    k.stage.as_deref(),
                    t,
                );
                let state = CheckState::parse(&value);
                pick.push(Line::from(
                    CheckState::ALL
                        .iter()
                        .flat_map(|s| option(s.label().to_string(), state == Some(*s)))
                        .collect::<Vec<_>>(),
                ));
                if let Some(n) = &c.note {
                    note_label = n.clone();
                }
            }
            (Step::Scale { .. }, Item::Scale(sc)) => {
                head.push(Line::styled(sc.title.clone(), t.title()));
                head.push(Line::from(sc.text.clone()));
                guidance = guidance_lines(ws, step, None, sc.guidance.as_deref(), None, t);
                let n = parse_scale(&value);
                let mut numbers = Vec::new();
                for v in SCALE_MIN..=SCALE_MAX {
                    let on = n == Some(v);
                    let style = match (on, picking) {
                        (true, true) => t.selected(),
                        (true, false) => t.heading(),
                        (false, _) => t.dim(),
                    };
                    numbers.push(Span::styled(
                        if on {
                            format!("[{v}]")
                        } else {
                            format!(" {v} ")
                        },
                        style,
                    ));
                }
                if n.is_none() {
                    numbers.push(Span::styled("  (not rated yet)", t.dim()));
                }
                pick.push(Line::from(numbers));
                let nearest = n.and_then(|n| crate::report::nearest_anchor(sc, n));
                for a in &sc.anchors {
                    let style = if nearest.is_some_and(|x| x.value == a.value) {
                        t.heading()
                    } else {
                        t.dim()
                    };
                    pick.push(Line::styled(format!("{:>3}  {}", a.value, a.text), style));
                }
                if let Some(l) = &sc.note {
                    note_label = l.clone();
                }
            }
            (Step::YesNo { .. }, Item::YesNo(y)) => {
                head.push(Line::styled(y.title.clone(), t.title()));
                head.push(Line::from(y.text.clone()));
                guidance = guidance_lines(ws, step, None, y.guidance.as_deref(), None, t);
                let answer = parse_yes_no(&value);
                pick.push(Line::from(
                    [("yes", true), ("no", false)]
                        .into_iter()
                        .flat_map(|(label, v)| option(label.to_string(), answer == Some(v)))
                        .collect::<Vec<_>>(),
                ));
                note_label = "Follow-up".into();
                note_question = y.follow_up.as_ref().map(|f| f.text.clone());
            }
            _ => return,
        }
        let has_note = step.has_note(ws, entry);
        let width = area.width;
        let head_height = para(head.clone()).line_count(width) as u16;
        let checks_height = checks_height(&here, area);
        let pick_height = para(pick.clone()).line_count(width.saturating_sub(2)) as u16 + 2;
        let question: Vec<Line> = match (&note_question, has_note) {
            (Some(q), true) => vec![Line::from(q.clone())],
            (Some(_), false) => vec![Line::styled(text::NO_FOLLOW_UP, t.dim())],
            (None, _) => Vec::new(),
        };
        let question_height = para(question.clone()).line_count(width) as u16;
        let fixed = head_height + checks_height + pick_height + question_height;
        const NOTE_MIN: u16 = 4;
        let show_guidance = self.model.show_guidance && !guidance.is_empty();
        let guidance_height = if show_guidance {
            let wanted = para(guidance.clone()).line_count(width.saturating_sub(2)) as u16 + 2;
            let room = area
                .height
                .saturating_sub(fixed + if has_note { NOTE_MIN } else { 0 });
            let half = area.height.saturating_sub(head_height + checks_height) / 2;
            if room >= 3 {
                wanted.min(room).min(half.max(3))
            } else {
                0
            }
        } else {
            0
        };
        let [
            head_area,
            checks_area,
            guidance_area,
            pick_area,
            question_area,
            note_area,
        ] = area.layout(&Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Length(checks_height),
            Constraint::Length(guidance_height),
            Constraint::Length(pick_height),
            Constraint::Length(question_height),
            Constraint::Fill(1),
        ]));
        para(head).render(head_area, buf);
        render_checks(here, t, checks_area, buf);
        if guidance_height > 0 {
            para(guidance)
                .block(
                    Block::bordered()
                        .title(" Guidance (Ctrl-G hides, F2 background) ")
                        .border_style(t.border()),
                )
                .render(guidance_area, buf);
        }
        let mut answer_block = Block::bordered()
            .title(" Your answer ")
            .border_style(if picking {
                t.focused_border()
            } else {
                t.border()
            });
        if picking {
            // The prompt's own keys, on the prompt: any other letter goes
            // into the note, so typing is never swallowed.
            let context = self.model.screen_context();
            let keys = crate::keymap::prompt_keys(context, has_note);
            answer_block = answer_block.title_bottom(Line::styled(format!(" {keys} "), t.dim()));
        }
        para(pick).block(answer_block).render(pick_area, buf);
        para(question).render(question_area, buf);
        if has_note && note_area.height >= 3 {
            let focused = self.session.focus == Focus::Editor;
            let block = Block::bordered()
                .title(if picking {
                    format!(" {note_label} (Tab) ")
                } else {
                    format!(" {note_label} ")
                })
                .border_style(if focused {
                    t.focused_border()
                } else {
                    t.border()
                });
            let inner = block.inner(note_area);
            block.render(note_area, buf);
            self.session.editor.render(inner, buf);
        }
    }

    /// A date: the field, and whether what is typed is a date yet.
    fn render_date(
        &self,
        ws: &Worksheet,
        _entry: &Entry,
        step: &Step,
        here: Vec<Line<'static>>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let t = self.model.theme;
        let Some(prompt) = step.prompt(ws) else {
            return;
        };
        let head = vec![
            Line::styled(prompt.title.clone(), t.title()),
            Line::from(prompt.text.clone()),
        ];
        let typed = crate::state::editor_text(&self.session.editor);
        let verdict = match parse_date(&typed) {
            Some(date) => Line::styled(format!("✓ {}", date.format("%A %-d %B %Y")), t.done()),
            None if typed.trim().is_empty() => Line::styled(text::DATE_FORMAT, t.dim()),
            None => Line::styled(text::date_not_finished(&typed), t.notice()),
        };
        let guidance = guidance_lines(
            ws,
            step,
            None,
            prompt.guidance.as_deref(),
            prompt.stage.as_deref(),
            t,
        );
        let width = area.width;
        let head_height = para(head.clone()).line_count(width) as u16;
        let checks_height = checks_height(&here, area);
        let verdict_height = para(vec![verdict.clone()]).line_count(width) as u16;
        let guidance_height = if self.model.show_guidance {
            para(guidance.clone()).line_count(width.saturating_sub(2)) as u16 + 2
        } else {
            0
        };
        let [
            head_area,
            checks_area,
            field_area,
            verdict_area,
            _,
            guidance_area,
            _,
        ] = area.layout(&Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Length(checks_height),
            Constraint::Length(3),
            Constraint::Length(verdict_height),
            Constraint::Length(1),
            Constraint::Max(guidance_height),
            Constraint::Fill(1),
        ]));
        para(head).render(head_area, buf);
        render_checks(here, t, checks_area, buf);
        let focused = self.session.focus == Focus::Date;
        let block = Block::bordered()
            .title(" Date (YYYY-MM-DD) ")
            .border_style(if focused {
                t.focused_border()
            } else {
                t.border()
            });
        let inner = block.inner(field_area);
        block.render(field_area, buf);
        self.session.editor.render(inner, buf);
        para(vec![verdict]).render(verdict_area, buf);
        if self.model.show_guidance && guidance_area.height >= 3 {
            para(guidance)
                .block(
                    Block::bordered()
                        .title(" Guidance (Ctrl-G hides, F2 background) ")
                        .border_style(t.border()),
                )
                .render(guidance_area, buf);
        }
    }

    fn render_chooser(
        &self,
        ws: &Worksheet,
        entry: &Entry,
        step: &Step,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let t = self.model.theme;
        let Item::Choose(choice) = step.item(ws) else {
            return;
        };
        let Some(bank) = ws.bank(&choice.bank) else {
            return;
        };
        let chosen = entry.chosen(&choice.id);
        let mut head = vec![
            Line::from(vec![
                Span::styled(choice.title.clone(), t.title()),
                Span::styled(
                    format!("   {} of {} chosen", chosen.len(), choice.count),
                    t.dim(),
                ),
            ]),
            Line::from(choice.text.clone()),
        ];
        if let Some(g) = choice
            .guidance
            .as_deref()
            .filter(|_| self.model.show_guidance)
        {
            head.push(Line::styled(g.to_string(), t.dim()));
        }
        head.push(Line::styled(text::CHOOSE_FIRST, t.dim()));
        let head_height = para(head.clone()).line_count(area.width) as u16;
        let [head_area, list_area] = area.layout(&Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Fill(1),
        ]));
        para(head).render(head_area, buf);

        let width = list_area.width.saturating_sub(10).max(10) as usize;
        let items = bank.questions.iter().map(|q| {
            let mark = match chosen.iter().position(|c| c == &q.id) {
                Some(n) => format!("[✓{}] ", n + 1),
                None => "[  ] ".to_string(),
            };
            let has_notes = !chosen.contains(&q.id)
                && choice
                    .prompts
                    .iter()
                    .any(|p| entry.is_answered(&choice_key(&choice.id, &q.id, &p.id)));
            let mut lines: Vec<Line> = Vec::new();
            for (i, chunk) in textwrap::wrap(&q.text, width).into_iter().enumerate() {
                let lead = if i == 0 { mark.clone() } else { "     ".into() };
                lines.push(Line::from(format!("{lead}{chunk}")));
            }
            if has_notes {
                lines.push(Line::styled(
                    "     (you wrote about this one before: choose it to see it)",
                    t.dim(),
                ));
            }
            ListItem::new(lines)
        });
        let selected = match self.session.focus {
            Focus::Chooser { selected } => Some(selected),
            _ => None,
        };
        let list = List::new(items).highlight_style(t.selected()).block(
            Block::bordered()
                .title(format!(" {} ", bank.title))
                .border_style(t.focused_border()),
        );
        let mut state = ListState::default().with_selected(selected);
        StatefulWidget::render(list, list_area, buf, &mut state);
    }

    /// A map step: the issues in order, the form to add or edit one, and the picture.
    fn render_map(&self, ws: &Worksheet, entry: &Entry, step: &Step, area: Rect, buf: &mut Buffer) {
        let t = self.model.theme;
        let Item::Map(item) = step.item(ws) else {
            return;
        };
        let issues = entry.map(&item.id);
        let mut head = vec![
            Line::styled(item.title.clone(), t.title()),
            Line::from(item.text.clone()),
        ];
        // The picture needs the room more than the guidance does on a small screen.
        if self.model.show_guidance
            && area.height >= 30
            && let Some(g) = &item.guidance
        {
            head.push(Line::styled(g.clone(), t.dim()));
        }
        let draft = self
            .model
            .issue_drafts
            .iter()
            .any(|d| d.entry == entry.id && d.item == item.id);
        if draft && self.session.form.is_none() {
            head.push(Line::styled(text::ISSUE_DRAFT_WAITING, t.heading()));
        }
        let head_height = (para(head.clone()).line_count(area.width) as u16).min(area.height / 3);
        let [head_area, rest] = area.layout(&Layout::vertical([
            Constraint::Length(head_height),
            Constraint::Fill(1),
        ]));
        para(head).render(head_area, buf);
        let [list_area, picture] = if rest.width >= 90 {
            rest.layout(&Layout::horizontal([
                Constraint::Percentage(50),
                Constraint::Fill(1),
            ]))
        } else {
            let list_height = if self.session.form.is_some() {
                8
            } else {
                // Not clamp: a short area (comments under the map) has less than 8 rows.
                (issues.len() as u16 * 2 + 2).max(4).min(rest.height / 2)
            };
            rest.layout(&Layout::vertical([
                Constraint::Length(list_height),
                Constraint::Fill(1),
            ]))
        };
        let selected = match self.session.focus {
            Focus::Map { selected } => Some(selected),
            _ => self.session.form.as_ref().and_then(|f| f.editing),
        };
        match &self.session.form {
            Some(form) => render_form(ws, issues, form, t, list_area, buf),
            None => render_issue_list(ws, issues, selected, t, list_area, buf),
        }
        MapDiagram {
            worksheet: ws,
            issues,
            selected,
            theme: t,
            title: "The map (F3: the spiral's stages)",
        }
        .render(picture, buf);
    }
}

/// Whether a step is done, and how the outline names it.
pub fn outline_row(ws: &Worksheet, entry: &Entry, step: &Step) -> (bool, String) {
    match (step, step.item(ws)) {
        (Step::Map { .. }, Item::Map(m)) => {
            let n = entry.map(&m.id).len();
            (
                n > 0,
                format!(
                    "{} ({n} {})",
                    m.title,
                    if n == 1 { "issue" } else { "issues" }
                ),
            )
        }
        (Step::Choose { .. }, Item::Choose(c)) => (
            entry.chosen(&c.id).len() >= c.count,
            format!("{} ({}/{})", c.title, entry.chosen(&c.id).len(), c.count),
        ),
        (
            Step::ChoiceAnswer {
                question, prompt, ..
            },
            Item::Choose(c),
        ) => {
            let n = entry
                .chosen(&c.id)
                .iter()
                .position(|q| q == question)
                .unwrap_or(0)
                + 1;
            let key = choice_key(&c.id, question, &c.prompts[*prompt].id);
            (
                entry.is_answered(&key),
                format!("  Q{n}: {}", c.prompts[*prompt].title),
            )
        }
        (Step::Row { row, .. }, Item::Table(tb)) => {
            let r = &tb.rows[*row];
            (
                entry.is_answered(&crate::model::worksheet::row_key(&tb.id, &r.id)),
                format!("  {}", r.title),
            )
        }
        (Step::Check { check, .. }, Item::Checklist(c)) => {
            let k = &c.checks[*check];
            let state =
                CheckState::parse(entry.answer(&crate::model::worksheet::state_key(&c.id, &k.id)));
            (
                state.is_some(),
                match state {
                    Some(s) => format!("  {} ({})", k.title, s.label()),
                    None => format!("  {}", k.title),
                },
            )
        }
        (Step::Scale { .. }, Item::Scale(sc)) => match parse_scale(entry.answer(&sc.id)) {
            Some(n) => (true, format!("{} ({n}/{SCALE_MAX})", sc.title)),
            None => (false, sc.title.clone()),
        },
        (Step::Date { .. }, Item::Date(d)) => match parse_date(entry.answer(&d.id)) {
            Some(date) => (true, format!("{} ({date})", d.title)),
            None => (false, d.title.clone()),
        },
        (Step::YesNo { .. }, Item::YesNo(y)) => match parse_yes_no(entry.answer(&y.id)) {
            Some(yes) => (
                true,
                format!("{} ({})", y.title, if yes { "yes" } else { "no" }),
            ),
            None => (false, y.title.clone()),
        },
        (_, item) => (entry.is_answered(item.id()), item.title().to_string()),
    }
}

/// The checks that fire at this step, as lines to show above its guidance.
fn findings_here(
    findings: &[Finding],
    ws: &Worksheet,
    step: &Step,
    t: Theme,
) -> Vec<Line<'static>> {
    let (item, place) = (step.item(ws).id().to_string(), step.key(ws));
    findings
        .iter()
        .filter(|f| checks::shown_at(&f.at, &item, &place))
        .map(|f| match f.severity {
            Severity::Warning => Line::styled(format!("! Warning: {}", f.message), t.error()),
            Severity::Reminder => Line::styled(format!("Reminder: {}", f.message), t.notice()),
        })
        .collect()
}

/// Room for the checks at a step: all of them, up to a third of the space.
fn checks_height(lines: &[Line], area: Rect) -> u16 {
    if lines.is_empty() {
        return 0;
    }
    let wanted = para(lines.to_vec()).line_count(area.width.saturating_sub(2)) as u16 + 2;
    wanted.min((area.height / 3).max(3))
}

fn render_checks(lines: Vec<Line<'static>>, t: Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    para(lines)
        .block(Block::bordered().title(" Checks ").border_style(t.notice()))
        .render(area, buf);
}

/// The section's intro, the item's guidance (for a row or a check), the
/// prompt's guidance, and the stage it is about.
fn guidance_lines<'a>(
    ws: &Worksheet,
    step: &Step,
    item_guidance: Option<&str>,
    guidance: Option<&str>,
    stage: Option<&str>,
    t: Theme,
) -> Vec<Line<'a>> {
    let mut lines = vec![Line::styled(
        ws.sections[step.section()].intro.clone(),
        t.dim(),
    )];
    if let Some(g) = item_guidance {
        lines.push(Line::styled(g.to_string(), t.dim()));
    }
    if let Some(g) = guidance {
        lines.push(Line::from(g.to_string()));
    }
    if let Some(stage) = stage.and_then(|s| ws.stage(s)) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", stage.name), t.heading()),
            Span::raw(stage.summary.clone()),
        ]));
        for example in &stage.examples {
            lines.push(Line::styled(format!("  • {example}"), t.dim()));
        }
    }
    lines
}

fn render_issue_list(
    ws: &Worksheet,
    issues: &[MapIssue],
    selected: Option<usize>,
    t: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let block = Block::bordered()
        .title(format!(" Issues ({}): a adds, Enter edits ", issues.len()))
        .border_style(t.focused_border());
    if issues.is_empty() {
        para(vec![Line::from(text::MAP_EMPTY)])
            .block(block)
            .render(area, buf);
        return;
    }
    let width = area.width.saturating_sub(8).max(10) as usize;
    let items = issues.iter().enumerate().map(|(n, issue)| {
        let stage_index = ws.stages.iter().position(|s| s.id == issue.stage);
        let stage = stage_index.map_or(issue.stage.as_str(), |i| ws.stages[i].name.as_str());
        let color = Style::default()
            .fg(stage_index.map_or(ratatui::style::Color::Reset, |i| stage_color(t, i)));
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{:>2}. ", n + 1), color.patch(t.heading())),
            Span::raw(issue.text.clone()),
        ])];
        let mut detail = vec![stage.to_string()];
        if !issue.when.is_empty() {
            detail.push(issue.when.clone());
        }
        if let Some(origin) = issue.return_of.and_then(|o| map::number_of(issues, o)) {
            detail.push(format!("returns to {origin}"));
        }
        if !issue.shifted.is_empty() {
            detail.push(format!("shifted: {}", issue.shifted));
        }
        if !issue.feeds.is_empty() {
            detail.push(format!("fed {}", issue.feeds.join(", ")));
        }
        for chunk in textwrap::wrap(&detail.join(" · "), width) {
            lines.push(Line::styled(format!("    {chunk}"), t.dim()));
        }
        ListItem::new(lines)
    });
    let list = List::new(items).highlight_style(t.selected()).block(block);
    let mut state = ListState::default().with_selected(selected);
    StatefulWidget::render(list, area, buf, &mut state);
}

fn render_form(
    ws: &Worksheet,
    issues: &[MapIssue],
    form: &IssueForm,
    t: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let title = if form.editing.is_some() {
        " Edit the issue: Enter keeps, Esc cancels "
    } else {
        " A new issue: Enter keeps, Esc cancels "
    };
    let block = Block::bordered()
        .title(title)
        .border_style(t.focused_border());
    let inner = block.inner(area);
    block.render(area, buf);
    let rows = inner.layout_vec(&Layout::vertical(vec![
        Constraint::Length(1);
        FormField::ALL.len()
    ]));
    for (field, row) in FormField::ALL.iter().zip(rows) {
        let focused = *field == form.field;
        let [label, value] = row.layout(&Layout::horizontal([
            Constraint::Length(15),
            Constraint::Fill(1),
        ]));
        let mark = if focused { "▶ " } else { "  " };
        Line::styled(
            format!("{mark}{}", field.label()),
            if focused { t.selected() } else { t.heading() },
        )
        .render(label, buf);
        let choice = |text: String| {
            Line::from(if focused {
                format!("◀ {text} ▶")
            } else {
                text
            })
        };
        match field {
            FormField::Text => form.text.render(value, buf),
            FormField::When => form.when.render(value, buf),
            FormField::Shifted => form.shifted.render(value, buf),
            FormField::Stage => {
                let name = ws.stages.get(form.stage).map_or("", |s| s.name.as_str());
                choice(name.to_string()).render(value, buf)
            }
            FormField::ReturnOf => {
                let text = match form
                    .return_of
                    .and_then(|o| issues.iter().position(|i| i.id == o))
                {
                    Some(n) => format!("{}. {}", n + 1, issues[n].text),
                    None => "none (a new issue)".to_string(),
                };
                choice(text).render(value, buf)
            }
            FormField::Feeds => {
                let spans: Vec<Span> = ws
                    .core
                    .parts
                    .iter()
                    .enumerate()
                    .flat_map(|(i, p)| {
                        let on = form.feeds.get(i).copied().unwrap_or(false);
                        let style = if focused && i == form.part {
                            t.selected()
                        } else {
                            Style::default()
                        };
                        [
                            Span::styled(
                                format!(
                                    "[{}] {}",
                                    if on { "x" } else { " " },
                                    p.name.to_lowercase()
                                ),
                                style,
                            ),
                            Span::raw("  "),
                        ]
                    })
                    .collect();
                Line::from(spans).render(value, buf)
            }
        }
    }
}
