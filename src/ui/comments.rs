//! A supervisor's comments on the worksheet screen: each one on the step
//! that shows the answer it is about, beside the answer on a wide screen
//! and under it on a narrow one, in a rounded, titled block of italic text
//! (told apart by shape and type, never by colour alone). Comments on the
//! whole entry, and any whose answer is no longer in the worksheet, are on
//! the first step, so none is hidden.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Widget};

use super::para;
use super::theme::Theme;
use crate::keymap::Command;
use crate::model::entry::{Comment, Entry};
use crate::model::steps::Step;
use crate::model::worksheet::Worksheet;
use crate::state::Model;

/// From this width of the step's area up, comments sit beside it.
const BESIDE_FROM: u16 = 96;

/// What a comment is about, as far as the screen can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// An answer (or item) shown on its step.
    Answer,
    /// The entry as a whole.
    Whole,
    /// An answer this worksheet no longer asks for.
    Gone,
}

pub use crate::model::entry::is_about;

/// The step a comment filed under `key` is shown on: the step whose answer
/// it names, else the first step of the item it is about. `None` when no
/// step of this worksheet is about it.
pub fn step_of(ws: &Worksheet, all: &[Step], key: &str) -> Option<usize> {
    let exact = all.iter().position(|s| {
        s.key(ws) == key
            || s.answer_key(ws).as_deref() == Some(key)
            || s.pick_key(ws).as_deref() == Some(key)
    });
    exact.or_else(|| all.iter().position(|s| is_about(key, s.item(ws).id())))
}

/// The comments shown on step `at`, in the order written.
pub fn at_step<'e>(
    ws: &Worksheet,
    entry: &'e Entry,
    all: &[Step],
    at: usize,
) -> Vec<(&'e Comment, About)> {
    let mut shown: Vec<(&Comment, About)> = entry
        .feedback
        .iter()
        .filter_map(|c| match c.key.as_deref() {
            None if at == 0 => Some((c, About::Whole)),
            None => None,
            Some(key) => match step_of(ws, all, key) {
                Some(step) if step == at => Some((c, About::Answer)),
                Some(_) => None,
                None if at == 0 => Some((c, About::Gone)),
                None => None,
            },
        })
        .collect();
    shown.sort_by_key(|(c, _)| c.written);
    shown
}

/// For each step, whether a comment is shown on it (the outline's ✎).
pub fn marked_steps(ws: &Worksheet, entry: &Entry, all: &[Step]) -> Vec<bool> {
    let mut marked = vec![false; all.len()];
    for c in &entry.feedback {
        let step = c
            .key
            .as_deref()
            .and_then(|k| step_of(ws, all, k))
            .unwrap_or(0);
        if let Some(m) = marked.get_mut(step) {
            *m = true;
        }
    }
    marked
}

/// Whether a key is worth a place in the footer now: F4 only for an entry
/// with comments.
pub fn useful(model: &Model, command: Command) -> bool {
    match command {
        Command::ToggleComments => model
            .session()
            .and_then(|s| model.entry(s.entry))
            .is_some_and(|e| !e.feedback.is_empty()),
        _ => true,
    }
}

/// "Supervisor Alex P, 3 Dec 2026", and what the comment is about when it
/// is not an answer on this step.
pub fn title(c: &Comment, about: About) -> String {
    let who = match c.reviewer.as_deref().map(str::trim) {
        Some(name) if name.to_lowercase().starts_with("supervisor") => name.to_string(),
        Some(name) if !name.is_empty() => format!("Supervisor {name}"),
        _ => "Supervisor".to_string(),
    };
    let about = match about {
        About::Answer => "",
        About::Whole => " · on the whole entry",
        About::Gone => " · on an answer no longer here",
    };
    format!(" {who}, {}{about} ", c.written.format("%-d %b %Y"))
}

/// The comments on one step, stacked.
pub struct CommentsView<'a> {
    pub comments: Vec<(&'a Comment, About)>,
    pub theme: Theme,
}

impl<'a> CommentsView<'a> {
    /// The comments to show on the open step, if any and if shown.
    pub fn here(
        model: &Model,
        ws: &Worksheet,
        entry: &'a Entry,
        all: &[Step],
        step: usize,
    ) -> Option<CommentsView<'a>> {
        if !model.show_comments || entry.feedback.is_empty() {
            return None;
        }
        let comments = at_step(ws, entry, all, step);
        (!comments.is_empty()).then_some(CommentsView {
            comments,
            theme: model.theme,
        })
    }

    fn lines(c: &Comment) -> Vec<Line<'static>> {
        let italic = Style::default().add_modifier(Modifier::ITALIC);
        c.text
            .lines()
            .map(|l| Line::styled(l.to_string(), italic))
            .collect()
    }

    /// Rows one comment needs at `width`, borders included.
    fn height_of(c: &Comment, width: u16) -> u16 {
        para(Self::lines(c)).line_count(width.saturating_sub(2)) as u16 + 2
    }

    /// Splits the step's area: the step, and the comments beside it (wide)
    /// or under it (narrow).
    pub fn split(&self, area: Rect) -> (Rect, Rect) {
        if area.width >= BESIDE_FROM {
            let width = (area.width / 3).clamp(30, 48);
            let [main, side] = area.layout(&Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(width),
            ]));
            return (main, side);
        }
        let wanted: u16 = self
            .comments
            .iter()
            .map(|(c, _)| Self::height_of(c, area.width))
            .sum();
        // Up to half, and never so much that the prompt and a few lines of
        // the answer lose their place: F5 reads what does not fit.
        const STEP_KEEPS: u16 = 10;
        let room = (area.height / 2).min(area.height.saturating_sub(STEP_KEEPS));
        let height = wanted.min(room).max(3.min(area.height));
        let [main, under] = area.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(height),
        ]));
        (main, under)
    }
}

impl Widget for CommentsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let mut y = area.y;
        let count = self.comments.len();
        for (n, (c, about)) in self.comments.iter().enumerate() {
            let left = area.bottom().saturating_sub(y);
            if left < 3 {
                break;
            }
            let wanted = Self::height_of(c, area.width);
            let height = wanted.min(left);
            let mut block = Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(t.border())
                .title(Line::styled(title(c, *about), t.heading()));
            let rest = count - n - 1;
            let cut = height < wanted;
            let last_that_fits = rest > 0 && area.bottom() < y + height + 3;
            if cut || last_that_fits {
                // Say that more is there than fits, rather than hide it.
                block = block.title_bottom(Line::styled(
                    format!(
                        " {}: F5 reads {} ",
                        match (cut, rest) {
                            (true, 0) => "cut short".to_string(),
                            (_, 1) => "1 more".to_string(),
                            (_, n) => format!("{n} more"),
                        },
                        if cut && rest == 0 {
                            "it all"
                        } else {
                            "them all"
                        }
                    ),
                    t.dim(),
                ));
            }
            let rect = Rect { y, height, ..area };
            para(Self::lines(c)).block(block).render(rect, buf);
            y += height;
        }
    }
}

/// Every comment on the open entry, full screen and scrolled with ↑/↓
/// (F5): for when they do not all fit beside the answers.
pub struct AllCommentsView<'a> {
    pub model: &'a Model,
    pub scroll: u16,
}

impl Widget for AllCommentsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let model = self.model;
        let t = model.theme;
        let Some(session) = model.session() else {
            return;
        };
        let Some(entry) = model.entry(session.entry) else {
            return;
        };
        let ws = &model.worksheets[session.worksheet];
        let all = crate::model::steps::steps(ws, entry);
        let width = area.width.min(84);
        let mut lines = Vec::new();
        for (i, step) in all.iter().enumerate() {
            let here = at_step(ws, entry, &all, i);
            if here.is_empty() {
                continue;
            }
            let (_, label) = super::worksheet::outline_row(ws, entry, step);
            if !lines.is_empty() {
                lines.push(Line::default());
            }
            lines.push(Line::styled(
                format!(
                    "{}. {} · {}",
                    step.section() + 1,
                    ws.sections[step.section()].title,
                    label.trim()
                ),
                t.title(),
            ));
            for (c, about) in here {
                lines.push(Line::styled(
                    format!(" ✎{}", title(c, about).trim_end()),
                    t.heading(),
                ));
                lines.extend(Self::text(c, width.saturating_sub(5)));
            }
        }
        let rect = area.centered(Constraint::Length(width), Constraint::Length(area.height));
        ratatui::widgets::Clear.render(rect, buf);
        para(lines)
            .scroll((self.scroll, 0))
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .title(" Your supervisor's comments (↑/↓ scroll, Esc closes) ")
                    .border_style(t.focused_border()),
            )
            .render(rect, buf);
    }
}

impl AllCommentsView<'_> {
    /// The comment's words, wrapped to `width` and indented under its title.
    fn text(c: &Comment, width: u16) -> Vec<Line<'static>> {
        let italic = Style::default().add_modifier(Modifier::ITALIC);
        c.text
            .lines()
            .flat_map(|l| {
                if l.trim().is_empty() {
                    return vec![Line::default()];
                }
                textwrap::wrap(l, usize::from(width.max(10)))
                    .into_iter()
                    .map(|part| Line::styled(format!("   {part}"), italic))
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::steps::steps;
    use chrono::DateTime;

    fn comment(id: &str, key: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            key: key.map(str::to_string),
            text: format!("comment {id}"),
            reviewer: None,
            written: DateTime::parse_from_rfc3339("2026-12-03T10:00:00+11:00").unwrap(),
        }
    }

    #[test]
    fn each_comment_is_on_the_step_of_its_answer_and_none_is_lost() {
        for ws in crate::content::builtin().unwrap() {
            let now = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+11:00").unwrap();
            let mut entry = Entry::new("e".into(), &ws, "Family T".into(), now);
            let keys: Vec<String> = ws.answer_keys().into_iter().map(|k| k.key).collect();
            entry.feedback = keys
                .iter()
                .enumerate()
                .map(|(i, k)| comment(&i.to_string(), Some(k)))
                .collect();
            entry.feedback.push(comment("whole", None));
            entry.feedback.push(comment("gone", Some("no-such-item/x")));
            let all = steps(&ws, &entry);
            let shown: usize = (0..all.len())
                .map(|i| at_step(&ws, &entry, &all, i).len())
                .sum();
            assert_eq!(shown, entry.feedback.len(), "{}", ws.id);
            let first = at_step(&ws, &entry, &all, 0);
            assert!(
                first
                    .iter()
                    .any(|(c, a)| c.id == "whole" && *a == About::Whole)
            );
            assert!(
                first
                    .iter()
                    .any(|(c, a)| c.id == "gone" && *a == About::Gone)
            );
            // A prompt's comment is on that prompt's step.
            for (i, step) in all.iter().enumerate() {
                if let Some(key) = step.answer_key(&ws).filter(|k| keys.contains(k)) {
                    let here = at_step(&ws, &entry, &all, i);
                    assert!(
                        here.iter()
                            .any(|(c, _)| c.key.as_deref() == Some(key.as_str())),
                        "{key} on its step"
                    );
                }
            }
            let marked = marked_steps(&ws, &entry, &all);
            assert!(marked[0]);
        }
    }

    #[test]
    fn a_comment_about_an_unchosen_question_is_on_the_choosing_step() {
        let ws = crate::content::builtin().unwrap().remove(0);
        let now = DateTime::parse_from_rfc3339("2026-11-20T10:00:00+11:00").unwrap();
        let mut entry = Entry::new("e".into(), &ws, "Family T".into(), now);
        let all = steps(&ws, &entry);
        let choose = all
            .iter()
            .position(|s| matches!(s, Step::Choose { .. }))
            .unwrap();
        let id = all[choose].item(&ws).id().to_string();
        entry.feedback = vec![comment("a", Some(&format!("{id}/q9/p1")))];
        assert_eq!(at_step(&ws, &entry, &all, choose).len(), 1);
        assert!(marked_steps(&ws, &entry, &all)[choose]);
    }

    #[test]
    fn the_title_names_the_supervisor_and_the_day() {
        let mut c = comment("a", None);
        assert_eq!(title(&c, About::Answer), " Supervisor, 3 Dec 2026 ");
        c.reviewer = Some("Alex P".into());
        assert_eq!(title(&c, About::Answer), " Supervisor Alex P, 3 Dec 2026 ");
        c.reviewer = Some("Supervisor A".into());
        assert_eq!(
            title(&c, About::Whole),
            " Supervisor A, 3 Dec 2026 · on the whole entry "
        );
    }
}
