//! One section of an entry laid out as lines for a given width: each
//! question and answer, the map (its picture and its numbered list), and the
//! comments under what they are about. Both drawing and the keys use it, so
//! the marked answer is always the one scrolled into view.
//!
//! What is shown comes from [`crate::export::doc`], so the review shows what
//! the exports show.

use ratatui::text::Line;

use super::state::Review;
use crate::export::doc::{Body, Check, Chosen, EntryDoc, ItemDoc, MapDoc, Row};
use crate::model::entry::Comment;
use crate::model::worksheet::CheckState;
use crate::ui::theme::Theme;

/// How tall the map's picture is, when there is room for it.
pub const PICTURE_HEIGHT: usize = 14;
/// Narrower than this, the map is the numbered list alone.
pub const PICTURE_MIN_WIDTH: usize = 40;

/// Something a comment can be about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The key the comment is filed under: an item's id, a row's or a
    /// check's key.
    pub key: String,
    /// What it is, in words.
    pub about: String,
}

/// A target and the lines it takes, `top..bottom`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub target: Target,
    pub top: usize,
    pub bottom: usize,
}

/// What goes on the lines from `top`.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(Line<'static>),
    /// The spiral map of the map item with this id, `PICTURE_HEIGHT` lines.
    Picture(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Laid {
    /// Each piece with the line it starts on, in order.
    pub pieces: Vec<(usize, Piece)>,
    pub spots: Vec<Spot>,
    pub height: usize,
}

impl Laid {
    /// The scroll that shows the whole of spot `n` (or its top, when it is
    /// taller than the view), moving as little as possible from `scroll`.
    pub fn scroll_to(&self, n: usize, scroll: usize, view: usize) -> usize {
        let Some(spot) = self.spots.get(n) else {
            return scroll;
        };
        let scroll = if spot.bottom - spot.top > view || spot.top < scroll {
            spot.top
        } else if spot.bottom > scroll + view {
            spot.bottom - view
        } else {
            scroll
        };
        self.clamp(scroll, view)
    }

    /// The scroll that shows the end of spot `n` (where a comment just
    /// written is), and as much of the rest of it as fits.
    pub fn scroll_to_end(&self, n: usize, scroll: usize, view: usize) -> usize {
        let Some(spot) = self.spots.get(n) else {
            return scroll;
        };
        if spot.bottom > scroll + view {
            self.clamp(spot.top.max(spot.bottom.saturating_sub(view)), view)
        } else {
            self.scroll_to(n, scroll, view)
        }
    }

    /// `scroll` kept from running past the end.
    pub fn clamp(&self, scroll: usize, view: usize) -> usize {
        scroll.min(self.height.saturating_sub(view))
    }
}

/// Section `section` of `review`'s entry `entry`, for `width` columns.
pub fn lay_out(review: &Review, entry: usize, section: usize, width: u16) -> Laid {
    let doc = review.doc(entry);
    let ours: Vec<String> = review.ours(entry).iter().map(|c| c.id.clone()).collect();
    let last = section + 1 == doc.sections.len();
    let mut b = Builder {
        laid: Laid {
            pieces: Vec::new(),
            spots: Vec::new(),
            height: 0,
        },
        width: usize::from(width).max(10),
        theme: review.theme,
        ours,
        open: None,
    };
    if let Some(s) = doc.sections.get(section) {
        if !s.needed {
            b.text(
                "This section is not needed for this entry (its answers are shown all the same).",
                b.theme.dim(),
                "",
            );
            b.blank();
        }
        for (n, item) in s.items.iter().enumerate() {
            if n > 0 {
                b.blank();
            }
            b.item(item);
        }
    }
    if last {
        b.whole_entry(&doc);
    }
    b.laid
}

/// The things a comment can be about in one section, in order.
pub fn targets(review: &Review, entry: usize, section: usize) -> Vec<Target> {
    // The widths do not change what the targets are.
    lay_out(review, entry, section, 80)
        .spots
        .into_iter()
        .map(|s| s.target)
        .collect()
}

struct Builder {
    laid: Laid,
    width: usize,
    theme: Theme,
    /// The ids of the supervisor's own comments.
    ours: Vec<String>,
    /// The target being laid out, and the line it started on.
    open: Option<(Target, usize)>,
}

/// What is safe to put on a terminal line: no control characters, tabs as
/// spaces.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '\r')
        .map(|c| match c {
            '\t' => ' ',
            '\n' => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

impl Builder {
    fn push(&mut self, piece: Piece, height: usize) {
        self.laid.pieces.push((self.laid.height, piece));
        self.laid.height += height;
    }

    /// `text` wrapped to the width, each line after the first indented by
    /// `indent` as well as the first.
    fn text(&mut self, text: &str, style: ratatui::style::Style, indent: &str) {
        let options = textwrap::Options::new(self.width)
            .initial_indent(indent)
            .subsequent_indent(indent);
        for line in textwrap::wrap(&clean(text), options) {
            self.push(Piece::Text(Line::styled(line.into_owned(), style)), 1);
        }
    }

    /// `text` with a hanging indent: the first line starts with `first`,
    /// the rest line up under its text.
    fn hanging(&mut self, first: &str, text: &str, style: ratatui::style::Style) {
        let rest = " ".repeat(unicode_width(first));
        let options = textwrap::Options::new(self.width)
            .initial_indent(first)
            .subsequent_indent(&rest);
        for line in textwrap::wrap(&clean(text), options) {
            self.push(Piece::Text(Line::styled(line.into_owned(), style)), 1);
        }
    }

    fn blank(&mut self) {
        self.push(Piece::Text(Line::default()), 1);
    }

    fn begin(&mut self, key: &str, about: String) {
        self.end();
        self.open = Some((
            Target {
                key: key.to_string(),
                about,
            },
            self.laid.height,
        ));
    }

    fn end(&mut self) {
        if let Some((target, top)) = self.open.take() {
            self.laid.spots.push(Spot {
                target,
                top,
                bottom: self.laid.height,
            });
        }
    }

    fn answer(&mut self, answer: Option<&str>, indent: &str) {
        match answer {
            Some(text) => self.text(text, ratatui::style::Style::default(), indent),
            None => self.text("(not answered yet)", self.theme.dim(), indent),
        }
    }

    /// Each comment: who and when on a line, then its words under it.
    fn comments(&mut self, comments: &[Comment], indent: &str) {
        for c in comments {
            let day = c.written.format("%-d %b %Y");
            let (said, style) = if self.ours.contains(&c.id) {
                (format!("✎ Your comment, {day}:"), self.theme.notice())
            } else {
                let who = c.reviewer.as_deref().unwrap_or("a supervisor");
                (
                    format!("✎ Earlier comment from {who}, {day}:"),
                    self.theme.dim(),
                )
            };
            self.text(&said, style.patch(self.theme.heading()), indent);
            self.text(&c.text, style, &format!("{indent}  "));
        }
    }

    fn head(&mut self, item: &ItemDoc) {
        self.text(&item.title, self.theme.title(), "");
        self.text(&item.question, self.theme.dim(), "");
    }

    fn item(&mut self, item: &ItemDoc) {
        let t = self.theme;
        match &item.body {
            Body::Choice { count, chosen } if !chosen.is_empty() => {
                self.head(item);
                self.comments(&item.comments, "  ");
                self.text(
                    &format!("{} of {count} questions chosen.", chosen.len()),
                    t.dim(),
                    "",
                );
                for (n, c) in chosen.iter().enumerate() {
                    self.chosen(item, n, c);
                }
            }
            Body::Rows(rows) if !rows.is_empty() => {
                self.head(item);
                self.comments(&item.comments, "  ");
                for row in rows {
                    self.begin(&row.key, format!("{}: {}", item.title, row.title));
                    self.row(row);
                    self.end();
                }
            }
            Body::Checklist { note_label, checks } if !checks.is_empty() => {
                self.head(item);
                self.comments(&item.comments, "  ");
                for check in checks {
                    self.begin(&check.key, format!("{}: {}", item.title, check.title));
                    self.check(check, note_label.as_deref());
                    self.end();
                }
            }
            body => {
                self.begin(&item.id, item.title.clone());
                self.head(item);
                self.body(body);
                self.comments(&item.comments, "  ");
                self.end();
            }
        }
    }

    fn chosen(&mut self, item: &ItemDoc, n: usize, chosen: &Chosen) {
        self.hanging(
            &format!("Question {}: ", n + 1),
            &chosen.question,
            self.theme.heading(),
        );
        for row in &chosen.answers {
            self.begin(
                &row.key,
                format!("{} (question {}, {})", row.title, n + 1, item.title),
            );
            self.row(row);
            self.end();
        }
    }

    fn row(&mut self, row: &Row) {
        self.text(&row.title, self.theme.heading(), "  ");
        self.answer(row.answer.as_deref(), "    ");
        self.comments(&row.comments, "    ");
    }

    fn check(&mut self, check: &Check, note_label: Option<&str>) {
        let (mark, state) = match check.state {
            Some(CheckState::Done) => ("✓", "done"),
            Some(CheckState::NotYet) => ("○", "not yet"),
            Some(CheckState::NotRelevant) => ("–", "not relevant"),
            None => ("?", "not answered yet"),
        };
        self.hanging(
            &format!("  {mark} "),
            &format!("{} ({state})", check.title),
            self.theme.heading(),
        );
        if let Some(note) = &check.note {
            let first = format!("    {}: ", note_label.unwrap_or("Note"));
            self.hanging(&first, note, ratatui::style::Style::default());
        }
        self.comments(&check.comments, "    ");
    }

    fn body(&mut self, body: &Body) {
        let t = self.theme;
        let plain = ratatui::style::Style::default();
        match body {
            Body::Text(text) => self.answer(text.as_deref(), "  "),
            Body::Choice { count, .. } => self.text(
                &format!("None of the {count} questions chosen yet."),
                t.dim(),
                "  ",
            ),
            Body::Rows(_) | Body::Checklist { .. } => {
                self.text("(nothing to answer here)", t.dim(), "  ")
            }
            Body::Map(map) => self.map(map),
            Body::Scale {
                value,
                max,
                meaning,
                note_label,
                note,
            } => {
                match value {
                    Some(n) => {
                        let mut said = format!("{n} out of {max}");
                        if let Some((at, text)) = meaning {
                            said.push_str(&format!(" ({at} means: {text})"));
                        }
                        self.text(&said, plain, "  ");
                    }
                    None => self.answer(None, "  "),
                }
                if let Some(note) = note {
                    let first = format!("  {}: ", note_label.as_deref().unwrap_or("Note"));
                    self.hanging(&first, note, plain);
                }
            }
            Body::Date { written, date } => match (date, written) {
                (Some(d), _) => self.text(&d.format("%A %-d %B %Y").to_string(), plain, "  "),
                (None, Some(w)) => {
                    self.text(&format!("{w} (not a date spiral can read)"), plain, "  ")
                }
                (None, None) => self.answer(None, "  "),
            },
            Body::YesNo { answer, follow_up } => {
                match answer {
                    Some(true) => self.text("Yes", plain, "  "),
                    Some(false) => self.text("No", plain, "  "),
                    None => self.answer(None, "  "),
                }
                if let Some((question, reply)) = follow_up {
                    self.text(question, t.dim(), "  ");
                    self.answer(reply.as_deref(), "    ");
                }
            }
        }
    }

    fn map(&mut self, map: &MapDoc) {
        let t = self.theme;
        if map.issues.is_empty() {
            self.text("(no issues mapped yet)", t.dim(), "  ");
            return;
        }
        if self.width >= PICTURE_MIN_WIDTH
            && let Some((target, _)) = &self.open
        {
            let item = target.key.clone();
            self.push(Piece::Picture(item), PICTURE_HEIGHT);
        }
        for issue in &map.issues {
            let mut line = format!(
                "{} ({}, loop {})",
                issue.text,
                issue.stage_name,
                issue.position.floor() as usize + 1
            );
            if !issue.when.is_empty() {
                line.push_str(&format!(", {}", issue.when));
            }
            if let Some(n) = issue.returns_to {
                line.push_str(&format!(", returning to {n}"));
            }
            if !issue.shifted.is_empty() {
                line.push_str(&format!("; what shifted: {}", issue.shifted));
            }
            if !issue.feeds.is_empty() {
                line.push_str(&format!("; fed {}", issue.feeds.join(", ").to_lowercase()));
            }
            let mark = if issue.returns_to.is_some() {
                "↺"
            } else {
                ""
            };
            self.hanging(
                &format!("  {mark}{}. ", issue.number),
                &line,
                ratatui::style::Style::default(),
            );
        }
        if !map.core.is_empty() {
            let tally: Vec<String> = map
                .core
                .iter()
                .map(|(name, n)| format!("{} {n}", name.to_lowercase()))
                .collect();
            self.text(
                &format!("The core was fed: {}.", tally.join(", ")),
                t.dim(),
                "  ",
            );
        }
    }

    /// At the end of the last section: the comments on the entry as a whole.
    fn whole_entry(&mut self, doc: &EntryDoc) {
        self.end();
        if doc.overall.is_empty() {
            return;
        }
        self.blank();
        self.text("On the whole entry", self.theme.title(), "");
        self.comments(&doc.overall, "  ");
    }
}

fn unicode_width(text: &str) -> usize {
    ratatui::text::Span::raw(text).width()
}
