//! The worksheet's picture: partnership-building as a spiral that widens
//! outward around a core of help, challenge and possibility, with each way of
//! building partnership placed along it and linked back to the core.

use std::f64::consts::TAU;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::canvas::{Canvas, Circle, Context, Line as CanvasLine};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::theme::{Contrast, Theme};
use crate::model::map::{self, MapIssue};
use crate::model::worksheet::Worksheet;

/// How many times the spiral winds round its centre.
const TURNS: f64 = 2.6;
/// Where the spiral starts, clear of the core.
const INNER: f64 = 0.22;

/// The point `t` (0 at the core, 1 at the outer end) along the spiral.
pub fn spiral_point(t: f64) -> (f64, f64) {
    let angle = TAU * TURNS * t + TAU / 4.0;
    let radius = INNER + (1.0 - INNER) * t;
    (radius * angle.cos(), radius * angle.sin())
}

/// Where stage `i` of `n` sits along the spiral: spread from the first loop outward.
pub fn stage_position(i: usize, n: usize) -> f64 {
    if n <= 1 {
        return 0.5;
    }
    0.22 + 0.73 * i as f64 / (n - 1) as f64
}

pub fn stage_color(theme: Theme, i: usize) -> Color {
    if !theme.color {
        return Color::Reset;
    }
    if theme.contrast == Contrast::High {
        return [
            Color::LightCyan,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightMagenta,
            Color::LightRed,
        ][i % 5];
    }
    [
        Color::Cyan,
        Color::Green,
        Color::Yellow,
        Color::Magenta,
        Color::LightRed,
    ][i % 5]
}

pub struct SpiralDiagram<'a> {
    pub worksheet: &'a Worksheet,
    pub theme: Theme,
    pub title: &'a str,
}

impl Widget for SpiralDiagram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let ws = self.worksheet;
        let block = Block::bordered()
            .title(format!(" {} ", self.title))
            .border_style(t.border());
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.width < 12 || inner.height < 6 {
            return;
        }
        let n = ws.stages.len();
        let legend_height = (n as u16 + 2).min(inner.height / 3);
        let [picture, legend] = inner.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(legend_height),
        ]));

        // Terminal cells are about twice as tall as wide: widen the x range so
        // the spiral stays round.
        let aspect = (picture.width as f64 / 2.0) / picture.height.max(1) as f64;
        let (x_half, y_half) = if aspect >= 1.0 {
            (1.15 * aspect, 1.15)
        } else {
            (1.15, 1.15 / aspect)
        };
        let core_parts: Vec<String> = ws
            .core
            .parts
            .iter()
            .map(|p| p.name.to_lowercase())
            .collect();
        let wide = picture.width >= 40;
        Canvas::default()
            .marker(Marker::Braille)
            .x_bounds([-x_half, x_half])
            .y_bounds([-y_half, y_half])
            .paint(|ctx| {
                // The spiral itself, as short segments.
                draw_spiral_and_core(ctx, 240, spiral_point);
                ctx.layer();
                // Each stage links back to the core.
                for i in 0..n {
                    let (x, y) = spiral_point(stage_position(i, n));
                    ctx.draw(&CanvasLine {
                        x1: x * 0.93,
                        y1: y * 0.93,
                        x2: x * 0.2,
                        y2: y * 0.2,
                        color: stage_color(t, i),
                    });
                }
                ctx.layer();
                for (i, stage) in ws.stages.iter().enumerate() {
                    let (x, y) = spiral_point(stage_position(i, n));
                    let style = Style::default().fg(stage_color(t, i));
                    let mut spans = vec![Span::styled(
                        format!("●{}", i + 1),
                        style.patch(t.heading()),
                    )];
                    if wide {
                        spans.push(Span::styled(format!(" {}", short_name(&stage.name)), style));
                    }
                    ctx.print(x, y, Line::from(spans));
                }
                if wide {
                    let core = core_parts.join(" · ");
                    // Centre the core's words on the middle of the picture.
                    let half = core.chars().count() as f64 / 2.0;
                    let per_cell = 2.0 * x_half / picture.width.max(1) as f64;
                    ctx.print(-half * per_cell, 0.0, Line::styled(core, t.heading()));
                }
            })
            .render(picture, buf);

        let mut lines: Vec<Line> = ws
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                Line::from(vec![
                    Span::styled(
                        format!("●{} ", i + 1),
                        Style::default().fg(stage_color(t, i)).patch(t.heading()),
                    ),
                    Span::raw(s.name.clone()),
                ])
            })
            .collect();
        if !wide {
            lines.push(Line::from(format!("Centre: {}", core_parts.join(", "))));
        }
        lines.push(Line::styled(
            "Outward: possibilities widen. Each loop: old issues met from a new place. Lines: links back to the core.",
            t.dim(),
        ));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(legend, buf);
    }
}

/// A point `turns` round a spiral of `total` turns, reaching the edge at `total`.
pub fn map_point(turns: f64, total: f64) -> (f64, f64) {
    // Wider than the stages' spiral at the start: the centre holds the tally.
    const MAP_INNER: f64 = 0.4;
    let angle = TAU * turns + TAU / 4.0;
    let radius = MAP_INNER + (1.0 - MAP_INNER) * (turns / total.max(0.01)).min(1.0);
    (radius * angle.cos(), radius * angle.sin())
}

/// A family's issues as numbered points along the spiral: later ones further
/// out, a return on the next loop linked to where it was first met, and the
/// core showing how often each part was fed.
pub struct MapDiagram<'a> {
    pub worksheet: &'a Worksheet,
    pub issues: &'a [MapIssue],
    pub selected: Option<usize>,
    pub theme: Theme,
    pub title: &'a str,
}

impl Widget for MapDiagram<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let t = self.theme;
        let ws = self.worksheet;
        let at = map::positions(self.issues);
        let total = at.last().copied().unwrap_or(0.0) + 0.5;
        let total = total.max(1.5);
        let wide = area.width >= 46;
        let counts = map::core_counts(self.issues, ws.core.parts.iter().map(|p| p.id.as_str()));
        let core: Vec<String> = ws
            .core
            .parts
            .iter()
            .zip(&counts)
            .map(|(p, c)| {
                if wide {
                    format!("{} {c}", p.name.to_lowercase())
                } else {
                    format!(
                        "{}{c}",
                        p.name.chars().next().unwrap_or('?').to_ascii_uppercase()
                    )
                }
            })
            .collect();
        let core = core.join(if wide { " · " } else { " " });
        // The core's tally goes under the picture, where it hides no point.
        let block = Block::bordered()
            .title(format!(" {} ", self.title))
            .title_bottom(Line::styled(format!(" centre fed: {core} "), t.heading()))
            .border_style(t.border());
        let picture = block.inner(area);
        block.render(area, buf);
        if picture.width < 12 || picture.height < 5 {
            return;
        }
        let aspect = (picture.width as f64 / 2.0) / picture.height.max(1) as f64;
        let (x_half, y_half) = if aspect >= 1.0 {
            (1.15 * aspect, 1.15)
        } else {
            (1.15, 1.15 / aspect)
        };
        let stage_of = |issue: &MapIssue| ws.stages.iter().position(|s| s.id == issue.stage);
        Canvas::default()
            .marker(Marker::Braille)
            .x_bounds([-x_half, x_half])
            .y_bounds([-y_half, y_half])
            .paint(|ctx| {
                draw_spiral_and_core(ctx, (total * 90.0) as usize, |t| {
                    map_point(total * t, total)
                });
                ctx.layer();
                // Returns link back to where the issue was first met.
                for (n, issue) in self.issues.iter().enumerate() {
                    let Some(origin) = issue
                        .return_of
                        .and_then(|o| self.issues[..n].iter().position(|i| i.id == o))
                    else {
                        continue;
                    };
                    let (x1, y1) = map_point(at[origin], total);
                    let (x2, y2) = map_point(at[n], total);
                    let color = stage_of(issue).map_or(Color::Reset, |i| stage_color(t, i));
                    ctx.draw(&CanvasLine {
                        x1,
                        y1,
                        x2,
                        y2,
                        color,
                    });
                }
                ctx.layer();
                for (n, issue) in self.issues.iter().enumerate() {
                    let (x, y) = map_point(at[n], total);
                    let mut style = Style::default()
                        .fg(stage_of(issue).map_or(Color::Reset, |i| stage_color(t, i)))
                        .patch(t.heading());
                    if self.selected == Some(n) {
                        style = style.patch(t.selected());
                    }
                    let mark = if issue.return_of.is_some() {
                        "↺"
                    } else {
                        "●"
                    };
                    ctx.print(x, y, Line::styled(format!("{mark}{}", n + 1), style));
                }
                // The centre: how often each part of the core was fed, in short.
                let short: String = ws
                    .core
                    .parts
                    .iter()
                    .zip(&counts)
                    .map(|(p, c)| {
                        format!(
                            "{}{c}",
                            p.name.chars().next().unwrap_or('?').to_ascii_uppercase()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                // A small picture has no room at its centre: the caption says it.
                if picture.height >= 12 {
                    let per_cell = 2.0 * x_half / picture.width.max(1) as f64;
                    let half = short.chars().count() as f64 / 2.0;
                    ctx.print(-half * per_cell, 0.0, Line::styled(short, t.heading()));
                }
            })
            .render(picture, buf);
    }
}

/// The spiral (`point` from 0 at its start to 1 at its end, drawn as
/// `steps` short lines) and the circle of the core at its centre.
fn draw_spiral_and_core(ctx: &mut Context, steps: usize, point: impl Fn(f64) -> (f64, f64)) {
    let steps = steps.max(2);
    for k in 0..steps {
        let (x1, y1) = point(k as f64 / steps as f64);
        let (x2, y2) = point((k + 1) as f64 / steps as f64);
        ctx.draw(&CanvasLine {
            x1,
            y1,
            x2,
            y2,
            color: Color::Reset,
        });
    }
    ctx.draw(&Circle {
        x: 0.0,
        y: 0.0,
        radius: 0.12,
        color: Color::Reset,
    });
}

/// The stage's name shortened for the picture: the first two words.
fn short_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() <= 2 {
        name.to_string()
    } else {
        format!("{}…", words[..2].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spiral_moves_outward_and_stages_are_in_order_along_it() {
        let mut last = 0.0;
        for k in 0..=100 {
            let (x, y) = spiral_point(k as f64 / 100.0);
            let r = (x * x + y * y).sqrt();
            assert!(r >= last, "radius never shrinks");
            last = r;
        }
        let positions: Vec<f64> = (0..5).map(|i| stage_position(i, 5)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
        assert!(positions.iter().all(|p| (0.0..=1.0).contains(p)));
    }
}
