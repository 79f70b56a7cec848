//! Styles. With `NO_COLOR` set, everything is told apart by weight,
//! underline and reverse video, never by colour alone.
//!
//! The high-contrast theme (`theme = "high-contrast"` in the settings) is
//! bold and bright: no dark grey or dimmed text, borders and hints at full
//! strength, the selection black on white.

use ratatui::style::{Color, Modifier, Style};

use crate::settings::{Settings, ThemeName};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub contrast: Contrast,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Contrast {
    #[default]
    Normal,
    High,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            color: true,
            contrast: Contrast::Normal,
        }
    }
}

/// `NO_COLOR` set to anything non-empty (no-color.org).
fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Theme {
    /// Colour unless `NO_COLOR` is set, normal contrast.
    pub fn from_env() -> Self {
        Theme {
            color: !no_color_env(),
            contrast: Contrast::Normal,
        }
    }

    /// The theme the settings ask for; `NO_COLOR` still turns colour off.
    pub fn from_settings(settings: &Settings) -> Self {
        Theme::named(settings.theme, !no_color_env())
    }

    pub fn named(name: ThemeName, color: bool) -> Self {
        let contrast = match name {
            ThemeName::Default => Contrast::Normal,
            ThemeName::HighContrast => Contrast::High,
        };
        Theme { color, contrast }
    }

    fn high(self) -> bool {
        self.contrast == Contrast::High
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    /// Bold in high contrast: thin strokes are the first to be lost.
    fn strong(self, style: Style) -> Style {
        if self.high() {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    pub fn title(self) -> Style {
        let color = if self.high() {
            Color::LightCyan
        } else {
            Color::Cyan
        };
        self.fg(color).add_modifier(Modifier::BOLD)
    }
    pub fn heading(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn dim(self) -> Style {
        if self.color && !self.high() {
            Style::default().fg(Color::DarkGray)
        } else {
            // High contrast: secondary text at full strength, in the
            // terminal's own text colour (readable on light and dark).
            Style::default()
        }
    }
    pub fn selected(self) -> Style {
        match (self.color, self.high()) {
            (true, false) => Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            (true, true) => Style::default()
                .bg(Color::White)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            (false, false) => Style::default().add_modifier(Modifier::REVERSED),
            (false, true) => Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }
    pub fn key(self) -> Style {
        let color = if self.high() {
            Color::LightYellow
        } else {
            Color::Yellow
        };
        self.fg(color).add_modifier(Modifier::BOLD)
    }
    pub fn done(self) -> Style {
        let color = if self.high() {
            Color::LightGreen
        } else {
            Color::Green
        };
        self.strong(self.fg(color))
    }
    pub fn error(self) -> Style {
        if self.color {
            Style::default()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }
    pub fn notice(self) -> Style {
        let color = if self.high() {
            Color::LightYellow
        } else {
            Color::Yellow
        };
        self.strong(self.fg(color))
    }
    pub fn border(self) -> Style {
        self.dim()
    }
    pub fn focused_border(self) -> Style {
        let color = if self.high() {
            Color::LightCyan
        } else {
            Color::Cyan
        };
        self.strong(self.fg(color))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: Theme) -> Vec<Style> {
        vec![
            t.title(),
            t.heading(),
            t.dim(),
            t.selected(),
            t.key(),
            t.done(),
            t.error(),
            t.notice(),
            t.border(),
            t.focused_border(),
        ]
    }

    #[test]
    fn high_contrast_never_uses_dark_grey_or_dim_text() {
        for color in [true, false] {
            let t = Theme::named(ThemeName::HighContrast, color);
            for style in all(t) {
                assert_ne!(style.fg, Some(Color::DarkGray), "{style:?}");
                assert_ne!(style.bg, Some(Color::DarkGray), "{style:?}");
                assert!(!style.add_modifier.contains(Modifier::DIM), "{style:?}");
            }
            for stage in 0..5 {
                assert_ne!(crate::ui::spiral::stage_color(t, stage), Color::DarkGray);
            }
        }
    }

    #[test]
    fn high_contrast_differs_from_the_default() {
        for color in [true, false] {
            let normal = Theme::named(ThemeName::Default, color);
            let high = Theme::named(ThemeName::HighContrast, color);
            assert_ne!(all(normal), all(high), "color: {color}");
            assert_ne!(normal.selected(), high.selected());
        }
        assert_ne!(
            Theme::named(ThemeName::Default, true).dim(),
            Theme::named(ThemeName::HighContrast, true).dim()
        );
    }

    #[test]
    fn no_colour_means_no_colour_in_either_theme() {
        for name in [ThemeName::Default, ThemeName::HighContrast] {
            let t = Theme::named(name, false);
            for style in all(t) {
                assert_eq!((style.fg, style.bg), (None, None), "{name:?} {style:?}");
            }
            assert_eq!(crate::ui::spiral::stage_color(t, 0), Color::Reset);
        }
    }

    #[test]
    fn the_selection_and_errors_never_rely_on_colour_alone() {
        // Bold or reversed as well as coloured, so they show in any palette.
        for name in [ThemeName::Default, ThemeName::HighContrast] {
            for color in [true, false] {
                let t = Theme::named(name, color);
                for style in [t.selected(), t.error(), t.key(), t.heading()] {
                    assert!(
                        style
                            .add_modifier
                            .intersects(Modifier::BOLD | Modifier::REVERSED),
                        "{name:?} {color} {style:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_default_theme_is_the_one_before_themes() {
        let t = Theme::default();
        assert_eq!(t.dim(), Style::default().fg(Color::DarkGray));
        assert_eq!(
            t.selected(),
            Style::default()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            Theme::from_settings(&Settings::default()).contrast,
            Contrast::Normal
        );
    }
}
