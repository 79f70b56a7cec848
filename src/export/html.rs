//! The HTML export: one self-contained page, ready to read on screen or to
//! print to A4 (or save as PDF from the browser's print dialog).
//!
//! It shows what the Markdown export shows, in the same order, laid out by
//! [`super::doc`]. The page loads nothing: the styles are inline, the
//! spiral map is inline SVG, and there is no script at all (a content
//! security policy says so to the browser too).
//!
//! Every piece of the practitioner's or supervisor's text goes through
//! maud's escaping; the only markup written as is, is our own style sheet
//! and the numbers we format for the drawings.

use std::f64::consts::{FRAC_PI_2, TAU};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::doc::{Body, Chosen, EntryDoc, ItemDoc, MapDoc, MapRow, Row};
use super::{Export, HEADING};
use crate::model::entry::{Comment, Entry};
use crate::model::worksheet::CheckState;

pub fn render(export: &Export) -> String {
    let title = if export.prep.is_some() {
        format!("{HEADING}: supervision prep")
    } else {
        HEADING.to_string()
    };
    // With a prep note the entries sit under "My reflections", a level down.
    let level = if export.prep.is_some() { 3 } else { 2 };
    let entries = export.each_entry(|n, entry, doc| entry_html(n, entry, doc, export, level));
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'";
                meta name="generator" content="spiral";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body.with-prep[export.prep.is_some()] {
                header.sheet.cover {
                    h1 { (title) }
                    p.byline { (export.byline()) }
                    (checks(export))
                    @if entries.len() > 1 && export.prep.is_none() {
                        (contents(export))
                    }
                    @if let Some(prep) = &export.prep {
                        (prep_form(prep, export.entries.is_empty()))
                    }
                }
                main {
                    @for entry in entries {
                        (entry)
                    }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

/// What the identifiers check did, in a box at the top.
fn checks(export: &Export) -> Markup {
    let lines = export.check_lines();
    html! {
        @if !lines.is_empty() {
            section.checks aria-label="Identifying details" {
                p.checks-title { "Identifying details" }
                ul {
                    @for line in &lines {
                        li { (line) }
                    }
                }
            }
        }
    }
}

/// A numbered list of the entries, each a link to its place in the page.
fn contents(export: &Export) -> Markup {
    let titled = export.entries.iter().filter_map(|e| {
        export
            .worksheet_of(e)
            .map(|ws| (ws.title.as_str(), e.family_label.as_str()))
    });
    html! {
        nav.contents aria-label="Entries" {
            p.contents-title { "In this export" }
            ol {
                @for (n, (title, label)) in titled.enumerate() {
                    li {
                        a href={ "#entry-" (n + 1) } {
                            (title) " · " (label)
                        }
                    }
                }
            }
        }
    }
}

fn prep_form(prep: &super::prep::Prep, no_entries: bool) -> Markup {
    html! {
        section.prep {
            @if let Some(since) = prep.since {
                p.since {
                    "Entries changed since the last supervision, on "
                    (since.format("%-d %b %Y").to_string()) "."
                }
            }
            @for ((heading, _), answer) in super::prep::PROMPTS.iter().zip(&prep.answers) {
                section.prep-answer {
                    h2.prep-title { (heading) }
                    div.answer {
                        (text_or_unanswered(Some(answer.as_str()).filter(|a| !a.trim().is_empty())))
                    }
                }
            }
            h2.reflections { "My reflections" }
            @if no_entries {
                p.unanswered { "No entry was changed since the last supervision." }
            }
        }
    }
}

fn entry_html(n: usize, entry: &Entry, doc: &EntryDoc, export: &Export, level: u8) -> Markup {
    let facts = export.facts(entry);
    html! {
        article.sheet.entry id={ "entry-" (n) } {
            header.entry-head {
                (heading(level, "entry-title", html! {
                    span.worksheet { (doc.title) }
                    span.sep aria-hidden="true" { " · " }
                    span.family { (doc.family_label) }
                }))
                p.facts { (facts.join(" · ")) }
                @if !entry.tags.is_empty() {
                    p.tags {
                        "Tags: "
                        @for (i, tag) in entry.tags.iter().enumerate() {
                            @if i > 0 { ", " }
                            span.tag { (tag) }
                        }
                    }
                }
            }
            @for section in &doc.sections {
                section.section.not-needed[!section.needed] {
                    (heading(level + 1, "section-title", html! {
                        (section.number) ". " (section.title)
                        @if !section.needed {
                            " " span.note { "(not needed for this entry)" }
                        }
                    }))
                    @for item in &section.items {
                        (item_html(item, level + 2, n))
                    }
                }
            }
            @if !doc.overall.is_empty() {
                section.section.overall {
                    (heading(level + 1, "section-title", html! {
                        "Supervisor's comments on the whole entry"
                    }))
                    (comments(&doc.overall))
                }
            }
            footer.credit {
                "Worksheet adapted from " cite { (doc.credit) }
                @if !doc.credit_url.is_empty() {
                    " "
                    // Only a web address becomes a link; anything else
                    // (a worksheet of the person's own) stays text.
                    @if doc.credit_url.starts_with("https://") || doc.credit_url.starts_with("http://") {
                        a href=(doc.credit_url) { (doc.credit_url) }
                    } @else {
                        span.url { (doc.credit_url) }
                    }
                }
            }
        }
    }
}

fn item_html(item: &ItemDoc, level: u8, entry: usize) -> Markup {
    html! {
        section.item {
            // The title and question stay together, and with the answer,
            // across a page break.
            div.ask {
                (heading(level, "item-title", html! { (item.title) }))
                @if !item.question.trim().is_empty() {
                    p.question { (item.question) }
                }
            }
            div.answer {
                (body_html(&item.body, entry, &item.id))
            }
            (comments(&item.comments))
        }
    }
}

fn body_html(body: &Body, entry: usize, item_id: &str) -> Markup {
    match body {
        Body::Text(text) => text_or_unanswered(text.as_deref()),
        Body::Choice { count, chosen } => choice_html(*count, chosen),
        Body::Map(map) => map_html(map, &format!("map-{entry}-{item_id}")),
        Body::Rows(rows) => rows_html(rows),
        Body::Checklist { note_label, checks } => html! {
            ul.checklist {
                @for c in checks {
                    li.check {
                        span.mark aria-hidden="true" { (check_mark(c.state)) }
                        " "
                        span.check-title { (c.title) }
                        " "
                        @match c.state {
                            Some(state) => span.state { "(" (state.label()) ")" },
                            None => span.state.unanswered { "(not answered yet)" },
                        }
                        @if let Some(note) = &c.note {
                            div.check-note {
                                span.note-label { (label_with_colon(note_label.as_deref())) }
                                " "
                                (text_block(note))
                            }
                        }
                        (comments(&c.comments))
                    }
                }
            }
        },
        Body::Scale {
            value,
            max,
            meaning,
            note_label,
            note,
        } => html! {
            @match value {
                Some(n) => {
                    p.scale {
                        strong.scale-value { (n) } " out of " (max)
                        @if let Some((at, text)) = meaning {
                            " " span.meaning { "(" (at) " means: " (text) ")" }
                        }
                    }
                    (gauge(*n, *max))
                },
                None => p.unanswered { "(not answered yet)" },
            }
            @if let Some(note) = note {
                p.note-label { (label_with_colon(note_label.as_deref())) }
                (text_block(note))
            }
        },
        Body::Date { written, date } => html! {
            @match (date, written) {
                (Some(d), _) => p {
                    time datetime=(d.format("%Y-%m-%d").to_string()) {
                        (d.format("%A %-d %B %Y").to_string())
                    }
                },
                (None, Some(w)) => p {
                    (w) " " span.unanswered { "(not a date spiral can read)" }
                },
                (None, None) => p.unanswered { "(not answered yet)" },
            }
        },
        Body::YesNo { answer, follow_up } => html! {
            @match answer {
                Some(true) => p.yes-no { strong { "Yes" } },
                Some(false) => p.yes-no { strong { "No" } },
                None => p.unanswered { "(not answered yet)" },
            }
            @if let Some((question, reply)) = follow_up {
                p.question.follow-up { (question) }
                (text_or_unanswered(reply.as_deref()))
            }
        },
    }
}

fn choice_html(count: usize, chosen: &[Chosen]) -> Markup {
    html! {
        p.chosen-count { (chosen.len()) " of " (count) " questions chosen." }
        @for (n, c) in chosen.iter().enumerate() {
            div.chosen {
                p.chosen-question {
                    span.chosen-number { "Question " (n + 1) ": " }
                    q { (c.question) }
                }
                (rows_html(&c.answers))
            }
        }
    }
}

fn rows_html(rows: &[Row]) -> Markup {
    html! {
        dl.rows {
            @for row in rows {
                dt { (row.title) }
                dd {
                    (text_or_unanswered(row.answer.as_deref()))
                    (comments(&row.comments))
                }
            }
        }
    }
}

/// "Note:" unless the worksheet's label already ends in punctuation.
fn label_with_colon(label: Option<&str>) -> String {
    let label = label.unwrap_or("Note");
    if label.ends_with(['?', ':', '.']) {
        label.to_string()
    } else {
        format!("{label}:")
    }
}

fn check_mark(state: Option<CheckState>) -> &'static str {
    match state {
        Some(CheckState::Done) => "✓",
        Some(CheckState::NotYet) => "○",
        Some(CheckState::NotRelevant) => "–",
        None => "?",
    }
}

/// A row of boxes, filled up to the number: a picture of what the words
/// beside it already say, so screen readers skip it.
fn gauge(value: u8, max: u8) -> Markup {
    const CELL: u32 = 14;
    let width = u32::from(max) * CELL + 2;
    html! {
        svg.gauge xmlns="http://www.w3.org/2000/svg" aria-hidden="true"
            width=(width) height=(CELL + 2) viewBox={ "0 0 " (width) " " (CELL + 2) } {
            @for i in 0..max {
                rect x=(u32::from(i) * CELL + 1) y="1" width=(CELL - 3) height=(CELL - 2)
                    fill=(if i < value { "#222" } else { "#fff" }) stroke="#222" stroke-width="1" {}
            }
        }
    }
}

/// An answer: its paragraphs (split at blank lines, line breaks kept), or
/// a muted "not answered yet".
fn text_or_unanswered(text: Option<&str>) -> Markup {
    match text {
        Some(t) => text_block(t),
        None => html! { p.unanswered { "(not answered yet)" } },
    }
}

fn text_block(text: &str) -> Markup {
    let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.trim_end().lines() {
        if line.trim().is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
        } else if let Some(p) = paragraphs.last_mut() {
            p.push(line.trim_end());
        }
    }
    html! {
        @for p in paragraphs.iter().filter(|p| !p.is_empty()) {
            p.text { (p.join("\n")) }
        }
    }
}

fn comments(list: &[Comment]) -> Markup {
    html! {
        @for c in list {
            aside.comment aria-label="Supervisor's comment" {
                p.who {
                    span.comment-label { "Comment" }
                    " from " (c.reviewer.as_deref().unwrap_or("Supervisor"))
                    ", " (c.written.format("%-d %b %Y").to_string())
                }
                (text_block(&c.text))
            }
        }
    }
}

fn heading(level: u8, class: &str, content: Markup) -> Markup {
    match level {
        ..=2 => html! { h2 class=(class) { (content) } },
        3 => html! { h3 class=(class) { (content) } },
        4 => html! { h4 class=(class) { (content) } },
        5 => html! { h5 class=(class) { (content) } },
        _ => html! { h6 class=(class) { (content) } },
    }
}

// ---- The spiral map ----

/// The drawing's size, in its own units; it scales to the page.
const SIZE: f64 = 400.0;
/// Where the spiral starts, from the centre.
const INNER: f64 = 16.0;
/// Room left at the edge for the outermost marker.
const OUTER: f64 = SIZE / 2.0 - 16.0;

/// Fills for the stages, light enough for a black number on top and of
/// different greys in black-and-white print; the shape tells them apart
/// there too.
const FILLS: [&str; 6] = [
    "#f4a582", "#92c5de", "#b8e186", "#fee08b", "#c2a5cf", "#d9d9d9",
];

#[derive(Clone, Copy)]
enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
    Hexagon,
}

const SHAPES: [Shape; 5] = [
    Shape::Circle,
    Shape::Square,
    Shape::Diamond,
    Shape::Triangle,
    Shape::Hexagon,
];

struct Style {
    shape: Shape,
    fill: &'static str,
}

fn style_of(stage: usize) -> Style {
    Style {
        shape: SHAPES[stage % SHAPES.len()],
        fill: FILLS[stage % FILLS.len()],
    }
}

struct Spiral {
    turns: f64,
    /// How much further out each turn is.
    pitch: f64,
}

impl Spiral {
    fn for_map(map: &MapDoc) -> Spiral {
        let furthest = map.issues.iter().map(|i| i.position).fold(0.0, f64::max);
        // A few turns at least, and always a little spiral beyond the last issue.
        let turns = (furthest + 0.25).ceil().max(3.0);
        Spiral {
            turns,
            pitch: (OUTER - INNER) / turns,
        }
    }

    /// The point `t` turns round: starting at the top and going clockwise.
    fn at(&self, t: f64) -> (f64, f64) {
        let angle = t * TAU - FRAC_PI_2;
        let r = INNER + self.pitch * t;
        (SIZE / 2.0 + r * angle.cos(), SIZE / 2.0 + r * angle.sin())
    }

    fn path(&self) -> String {
        const STEPS_PER_TURN: f64 = 72.0;
        let steps = (self.turns * STEPS_PER_TURN) as usize;
        let mut d = String::with_capacity(steps * 14);
        for i in 0..=steps {
            let (x, y) = self.at(i as f64 / STEPS_PER_TURN);
            d.push_str(if i == 0 { "M" } else { " L" });
            d.push_str(&format!("{x:.1} {y:.1}"));
        }
        d
    }
}

fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// A marker's outline at (x, y), `r` across from the middle.
fn shape(style: &Style, x: f64, y: f64, r: f64) -> Markup {
    let points = |corners: &[(f64, f64)]| -> String {
        corners
            .iter()
            .map(|(dx, dy)| format!("{},{}", num(x + dx * r), num(y + dy * r)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let hexagon: Vec<(f64, f64)> = (0..6)
        .map(|k| {
            let a = f64::from(k) * TAU / 6.0;
            (a.cos() * 1.05, a.sin() * 1.05)
        })
        .collect();
    let stroke = "#1b1b1b";
    match style.shape {
        Shape::Circle => html! {
            circle cx=(num(x)) cy=(num(y)) r=(num(r)) fill=(style.fill) stroke=(stroke) {}
        },
        Shape::Square => html! {
            rect x=(num(x - r * 0.9)) y=(num(y - r * 0.9)) width=(num(r * 1.8)) height=(num(r * 1.8))
                fill=(style.fill) stroke=(stroke) {}
        },
        Shape::Diamond => html! {
            polygon points=(points(&[(0.0, -1.25), (1.25, 0.0), (0.0, 1.25), (-1.25, 0.0)]))
                fill=(style.fill) stroke=(stroke) {}
        },
        Shape::Triangle => html! {
            polygon points=(points(&[(0.0, -1.35), (1.3, 0.9), (-1.3, 0.9)]))
                fill=(style.fill) stroke=(stroke) {}
        },
        Shape::Hexagon => html! {
            polygon points=(points(&hexagon)) fill=(style.fill) stroke=(stroke) {}
        },
    }
}

/// A small marker for the legend and the list, beside the stage's name.
fn swatch(style: &Style) -> Markup {
    html! {
        svg.swatch xmlns="http://www.w3.org/2000/svg" aria-hidden="true"
            width="16" height="16" viewBox="0 0 20 20" {
            (shape(style, 10.0, 10.5, 7.0))
        }
    }
}

fn stage_index(map: &MapDoc, issue: &MapRow) -> usize {
    map.stages
        .iter()
        .position(|(id, _)| *id == issue.stage)
        .unwrap_or(0)
}

fn map_html(map: &MapDoc, id: &str) -> Markup {
    if map.issues.is_empty() {
        return html! { p.unanswered { "(no issues mapped yet)" } };
    }
    let spiral = Spiral::for_map(map);
    let title_id = format!("{id}-title");
    let label = format!(
        "The spiral map: {} issue{} placed along the spiral in the order they were worked on, later ones further out; the list below says what each one is.",
        map.issues.len(),
        if map.issues.len() == 1 { "" } else { "s" }
    );
    let at = |issue: &MapRow| spiral.at(issue.position);
    html! {
        figure.map {
            svg.spiral xmlns="http://www.w3.org/2000/svg" role="img"
                viewBox={ "0 0 " (SIZE) " " (SIZE) } aria-labelledby=(title_id) {
                title id=(title_id) { (label) }
                path d=(spiral.path()) fill="none" stroke="#9a9a9a" stroke-width="1.5" {}
                circle cx=(num(SIZE / 2.0)) cy=(num(SIZE / 2.0 - INNER)) r="2.5" fill="#9a9a9a" {}
                @for issue in &map.issues {
                    @if let Some(origin) = issue.returns_to.and_then(|n| map.issues.get(n - 1)) {
                        @let (x1, y1) = at(origin);
                        @let (x2, y2) = at(issue);
                        line.return-line x1=(num(x1)) y1=(num(y1)) x2=(num(x2)) y2=(num(y2))
                            stroke="#1b1b1b" stroke-width="1.5" stroke-dasharray="5 4" {}
                    }
                }
                @for issue in &map.issues {
                    @let (x, y) = at(issue);
                    @let style = style_of(stage_index(map, issue));
                    g.issue {
                        title { (issue.number) ". " (issue.text) " (" (issue.stage_name) ")" }
                        (shape(&style, x, y, 11.0))
                        text x=(num(x)) y=(num(y + 4.0)) text-anchor="middle" font-size="12"
                            font-weight="bold" font-family="system-ui, sans-serif" fill="#000" {
                            (issue.number)
                        }
                    }
                }
            }
            figcaption {
                ul.legend aria-label="Stages" {
                    @for (n, (_, name)) in map.stages.iter().enumerate() {
                        li { (swatch(&style_of(n))) " " (name) }
                    }
                    @if map.issues.iter().any(|i| i.returns_to.is_some()) {
                        li {
                            svg.swatch xmlns="http://www.w3.org/2000/svg" aria-hidden="true"
                                width="22" height="16" viewBox="0 0 22 16" {
                                line x1="1" y1="8" x2="21" y2="8" stroke="#1b1b1b"
                                    stroke-width="1.5" stroke-dasharray="5 4" {}
                            }
                            " a return to an earlier issue"
                        }
                    }
                }
            }
        }
        ol.issues {
            @for issue in &map.issues {
                li {
                    strong.issue-text { (issue.text) }
                    br;
                    span.issue-facts {
                        (swatch(&style_of(stage_index(map, issue)))) " " (issue.stage_name)
                        " · loop " (issue.position.floor() as usize + 1)
                        @if !issue.when.is_empty() { " · " (issue.when) }
                        @if let Some(n) = issue.returns_to { " · ↺ returning to " (n) }
                    }
                    @if !issue.shifted.is_empty() {
                        br;
                        span.shifted { "What shifted: " (issue.shifted) }
                    }
                    @if !issue.feeds.is_empty() {
                        br;
                        span.feeds { "Fed " (issue.feeds.join(", ").to_lowercase()) }
                    }
                }
            }
        }
        @if !map.core.is_empty() {
            p.core {
                "The core was fed: "
                (map.core.iter().map(|(name, n)| format!("{} {n}", name.to_lowercase())).collect::<Vec<_>>().join(", "))
                "."
            }
        }
    }
}

/// The page's styles: a readable measure and clear headings on screen; on
/// paper, A4 with each entry on a new page, nothing told by colour alone.
const CSS: &str = r#"
:root {
  color-scheme: light;
  --ink: #1b1b1b;
  --muted: #555;
  --rule: #bbb;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Iowan Old Style", Georgia, "Noto Serif", "DejaVu Serif", "Liberation Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
}
*, *::before, *::after { box-sizing: border-box; }
html { background: #efede8; }
body {
  margin: 0;
  padding: 2rem 1rem 3rem;
  color: var(--ink);
  font: 1.0625rem/1.55 var(--serif);
  text-rendering: optimizeLegibility;
  font-kerning: normal;
}
.sheet {
  max-width: calc(68ch + 6rem);
  margin: 0 auto 2rem;
  padding: 2.5rem 3rem;
  background: #fff;
  border: 1px solid #dcd9d2;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.08);
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 0; }
h1 { font-size: 1.9rem; font-weight: 700; }
.byline { font-family: var(--sans); color: var(--muted); margin: 0.4rem 0 0; }
.checks {
  margin: 1.4rem 0 0;
  padding: 0.7rem 1rem;
  border: 2px solid var(--ink);
  font-family: var(--sans);
  font-size: 0.95rem;
}
.checks-title, .contents-title {
  margin: 0 0 0.3rem;
  font-weight: 700;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  font-size: 0.8rem;
}
.checks ul { margin: 0; padding-left: 1.2rem; }
.contents { margin-top: 1.4rem; font-family: var(--sans); font-size: 0.95rem; }
.contents ol { margin: 0; padding-left: 1.5rem; }
.contents a { color: inherit; }
.since { font-family: var(--sans); margin: 1.4rem 0 0; }
.prep-title { font-size: 1.25rem; margin-top: 1.6rem; }
.reflections { font-size: 1.7rem; margin-top: 2.2rem; padding-top: 0.8rem; border-top: 2px solid var(--ink); }
.with-prep .entry-title { font-size: 1.45rem; }
.prep-title + .answer { margin-top: 0.5rem; }
.entry-head { border-bottom: 2px solid var(--ink); padding-bottom: 0.6rem; margin-bottom: 0.5rem; }
.entry-title { font-size: 1.6rem; }
.entry-title .worksheet { font-weight: 400; }
.entry-title .family { font-weight: 700; }
.facts, .tags { font-family: var(--sans); font-size: 0.9rem; color: #3d3d3d; margin: 0.4rem 0 0; }
.tag { font-weight: 600; }
.section-title {
  font-size: 1.3rem;
  margin: 2.2rem 0 0.2rem;
  padding-bottom: 0.2rem;
  border-bottom: 1px solid var(--rule);
}
.section-title .note { font-size: 0.85em; font-weight: 400; font-style: italic; color: var(--muted); }
.item { margin: 1.4rem 0 0; }
.item-title { font-family: var(--sans); font-size: 1rem; font-weight: 700; }
.question { margin: 0.2rem 0 0.5rem; font-style: italic; color: #404040; }
.answer {
  border-left: 3px solid var(--ink);
  padding: 0.1rem 0 0.1rem 0.9rem;
}
.answer p { margin: 0 0 0.55rem; }
.answer p:last-child { margin-bottom: 0; }
.text { white-space: pre-wrap; overflow-wrap: break-word; }
.unanswered { color: var(--muted); font-style: italic; }
.rows { margin: 0; }
.rows dt { font-family: var(--sans); font-size: 0.92rem; font-weight: 600; margin-top: 0.7rem; }
.rows dt:first-child { margin-top: 0; }
.rows dd { margin: 0.15rem 0 0; }
.chosen-count { font-family: var(--sans); font-size: 0.92rem; }
.chosen { margin: 0.9rem 0 0; }
.chosen-question { font-style: italic; }
.chosen-number { font-family: var(--sans); font-style: normal; font-weight: 700; font-size: 0.92rem; }
.follow-up { margin-top: 0.8rem; }
.checklist { list-style: none; margin: 0; padding: 0; }
.check { margin: 0.35rem 0 0; }
.mark { display: inline-block; width: 1.6em; text-align: center; font-family: var(--sans); font-weight: 700; }
.check > .check-note, .check > .comment { margin-left: 1.6em; }
.state { font-family: var(--sans); font-size: 0.88rem; }
.check-note { margin: 0.15rem 0 0; }
.check-note > .note-label + .text { display: inline; }
.note-label { font-family: var(--sans); font-size: 0.88rem; font-weight: 600; }
p.note-label { margin: 0.7rem 0 0.2rem; }
.scale-value { font-size: 1.25em; }
.gauge { display: block; margin: 0.2rem 0 0.4rem; }
.comment {
  margin: 0.6rem 0 0.8rem 1.5rem;
  padding: 0.45rem 0.8rem;
  border: 1px dashed #444;
  border-left: 4px double #444;
  background: #fbf8ee;
  font-family: var(--sans);
  font-size: 0.9rem;
  line-height: 1.45;
}
.answer + .comment { margin-top: 0.7rem; }
.comment .who { margin: 0 0 0.25rem; font-weight: 600; }
.comment-label { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.78rem; }
.comment p { margin: 0 0 0.3rem; }
.comment p:last-child { margin-bottom: 0; }
.map { margin: 0.5rem 0 0; }
.spiral { display: block; width: 100%; max-width: 24rem; height: auto; margin: 0 auto; }
.legend {
  list-style: none;
  margin: 0.6rem 0 0;
  padding: 0;
  display: flex;
  flex-wrap: wrap;
  justify-content: center;
  gap: 0.25rem 1.1rem;
  font-family: var(--sans);
  font-size: 0.85rem;
}
.swatch { vertical-align: -0.2em; }
.issues { margin: 1rem 0 0; padding-left: 1.8rem; }
.issues li { margin: 0.4rem 0 0; }
.issue-facts, .shifted, .feeds { font-family: var(--sans); font-size: 0.88rem; }
.core { font-family: var(--sans); font-size: 0.9rem; margin: 0.8rem 0 0; }
.credit {
  margin-top: 2.5rem;
  padding-top: 0.5rem;
  border-top: 1px solid var(--rule);
  font-family: var(--sans);
  font-size: 0.82rem;
  color: var(--muted);
  overflow-wrap: anywhere;
}
.credit a { color: inherit; }
@page { size: A4; margin: 18mm 20mm 20mm; }
@media print {
  html, body { background: none; }
  body { padding: 0; font-size: 10.5pt; line-height: 1.45; }
  .sheet { max-width: 72ch; margin: 0 auto; padding: 0; border: 0; box-shadow: none; background: none; }
  .cover { margin-bottom: 1.5rem; }
  .entry + .entry { break-before: page; }
  h1, h2, h3, h4, h5, h6, .ask, .rows dt, .chosen-question, p.note-label { break-after: avoid; }
  .ask { break-inside: avoid; }
  .comment, .map, .checks, .check, .issues li { break-inside: avoid; }
  .comment { background: none; }
  p { orphans: 3; widows: 3; }
  a { color: inherit; text-decoration: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::DateRange;
    use crate::model::map::MapIssue;
    use crate::model::worksheet::Item;
    use chrono::DateTime;

    const NASTY: &str = r#"<b>bold</b> & "quoted" 'single' <script>alert(1)</script>"#;
    const ESCAPED: &str = "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; 'single' \
                           &lt;script&gt;alert(1)&lt;/script&gt;";

    fn export_with(text: &str) -> Export {
        let all = crate::content::builtin().unwrap();
        let ws = all[0].clone();
        let now = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+11:00").unwrap();
        let mut entry = Entry::new("e1".into(), &ws, format!("label {text}"), now);
        let first = ws.sections[0].items[0].id().to_string();
        let map = ws
            .items()
            .find_map(|i| match i {
                Item::Map(p) => Some(p.id.clone()),
                _ => None,
            })
            .expect("the main worksheet has a map");
        entry.set_answer(&first, format!("answer {text}"));
        entry.maps.insert(
            map,
            vec![MapIssue {
                id: 1,
                text: format!("issue {text}"),
                stage: ws.stages[0].id.clone(),
                ..MapIssue::default()
            }],
        );
        entry.tags = vec![format!("tag {text}")];
        entry.feedback = vec![Comment {
            id: "c1".into(),
            key: Some(first),
            text: format!("comment {text}"),
            reviewer: Some(format!("reviewer {text}")),
            written: now,
        }];
        let mut export = Export::new(vec![entry], &all, now, DateRange::default());
        export.practitioner = Some(format!("name {text}"));
        export
    }

    #[test]
    fn markup_in_anything_written_stays_text_and_no_script_is_made() {
        let html = render(&export_with(NASTY));
        for place in [
            "answer", "label", "issue", "tag", "comment", "reviewer", "name",
        ] {
            assert!(
                html.contains(&format!("{place} {ESCAPED}")),
                "{place} is not escaped"
            );
        }
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(!html.contains("<b>"));
    }

    #[test]
    fn a_credit_that_is_not_a_web_address_is_not_a_link() {
        let mut export = export_with("plain");
        export.worksheets[0].credit.url = "javascript:alert(1)".into();
        let html = render(&export);
        assert!(!html.contains("href=\"javascript"));
        assert!(html.contains("<span class=\"url\">javascript:alert(1)</span>"));
    }

    #[test]
    fn issues_sit_further_out_the_further_along_they_are() {
        let map = MapDoc {
            stages: vec![],
            issues: vec![],
            core: vec![],
        };
        let spiral = Spiral::for_map(&map);
        assert_eq!(spiral.turns, 3.0);
        let distance = |t: f64| {
            let (x, y) = spiral.at(t);
            (x - SIZE / 2.0).hypot(y - SIZE / 2.0)
        };
        assert!(distance(0.3) < distance(1.3));
        assert!(distance(1.3) < distance(2.3));
        assert!(distance(3.0) <= OUTER + 1e-9);
        // A return sits at the same angle one loop further out.
        let (x1, y1) = spiral.at(0.3);
        let (x2, y2) = spiral.at(1.3);
        let angle = |x: f64, y: f64| (y - SIZE / 2.0).atan2(x - SIZE / 2.0);
        assert!((angle(x1, y1) - angle(x2, y2)).abs() < 1e-9);
    }
}
