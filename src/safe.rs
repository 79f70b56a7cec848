//! Text that is safe to show and to write out.
//!
//! Entries carry text from other people's files (a supervisor's feedback, a
//! bundle, a worksheet) and whatever was pasted. A control character or a
//! bidirectional override in that text could move the cursor, change the
//! terminal's colours or title, or make a line read differently from what
//! it holds. So every printer passes its text through [`terminal`] (the
//! characters become visible escapes such as `\u{1b}`), JSON goes through
//! [`json`] (the same characters as JSON's own `\uXXXX` escapes, so the data
//! is unchanged), and Markdown, HTML and stored labels and tags go through
//! [`strip`], which leaves them out.
//!
//! The workbook's own screens are drawn by ratatui, which already skips
//! control characters and characters that take no room
//! (see the test `ratatui_draws_none_of_them`).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal or a document as it is: C0 control
/// characters except new line and tab, DEL, C1 control characters, and the
/// characters that change the direction of text or break lines unseen
/// (bidi embeddings, overrides, isolates and marks; line and paragraph
/// separators).
pub fn is_hostile(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{b}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
    )
}

/// Whether `text` holds any character [`is_hostile`] refuses.
pub fn has_hostile(text: &str) -> bool {
    text.chars().any(is_hostile)
}

fn map_hostile<'a>(text: &'a str, write: impl Fn(&mut String, char)) -> Cow<'a, str> {
    if !has_hostile(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hostile(c) {
            write(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` for a terminal: each hostile character as a visible escape,
/// `\u{1b}` for ESC, `\u{202e}` for a right-to-left override. New lines and
/// tabs stay as they are.
pub fn terminal(text: &str) -> Cow<'_, str> {
    map_hostile(text, |out, c| {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    })
}

/// `text` with every hostile character left out, for Markdown and HTML
/// exports and for a label or tag as it is stored.
pub fn strip(text: &str) -> Cow<'_, str> {
    map_hostile(text, |_, _| {})
}

/// JSON made by `serde_json` with each hostile character it leaves raw (it
/// escapes C0 itself, not DEL, C1 or the bidi characters) as a `\uXXXX`
/// escape. Such characters can only be inside strings, where the escape
/// means the same character, so the data read back is exactly the same.
pub fn json(text: &str) -> Cow<'_, str> {
    map_hostile(text, |out, c| {
        let _ = write!(out, "\\u{:04x}", c as u32);
    })
}

/// `println!` for everything a command prints for a person: the line goes
/// through [`terminal`] first.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {
        println!("{}", $crate::safe::terminal(&format!($($arg)*)))
    };
}

/// `print!` through [`terminal`].
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        print!("{}", $crate::safe::terminal(&format!($($arg)*)))
    };
}

/// `eprintln!` through [`terminal`], for warnings and errors, which often
/// name a file or an entry's label.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::safe::terminal(&format!($($arg)*)))
    };
}

/// Prints JSON made by `serde_json` for scripts, through [`json`].
pub fn print_json(text: &str) {
    println!("{}", json(text));
}

/// Leaves every hostile character out of every string (and key) in a JSON
/// value read from someone else's file, before it becomes a feedback file,
/// a bundle or a worksheet. True when anything was taken out.
pub fn strip_value(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::String(s) => match strip(s) {
            Cow::Borrowed(_) => false,
            Cow::Owned(clean) => {
                *s = clean;
                true
            }
        },
        Value::Array(items) => items.iter_mut().fold(false, |c, v| strip_value(v) | c),
        Value::Object(map) => {
            let mut changed = false;
            if map.keys().any(|k| has_hostile(k)) {
                let old = std::mem::take(map);
                for (k, v) in old {
                    map.insert(strip(&k).into_owned(), v);
                }
                changed = true;
            }
            map.values_mut().fold(changed, |c, v| strip_value(v) | c)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "a\u{1b}[2Jb\u{7}c\u{9b}31md\u{7f}e\u{202e}f\u{2066}g\u{200f}h\ti\nj\rk";

    #[test]
    fn a_terminal_sees_escapes_not_controls() {
        let shown = terminal(NASTY);
        assert_eq!(
            shown,
            "a\\u{1b}[2Jb\\u{7}c\\u{9b}31md\\u{7f}e\\u{202e}f\\u{2066}g\\u{200f}h\ti\nj\\u{d}k"
        );
        assert!(!has_hostile(&shown));
        assert!(matches!(terminal("plain, Zoë 👩‍👧"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_c0_c1_del_and_bidi_override_is_caught_but_new_lines_and_tabs_are_not() {
        let every = ('\u{0}'..='\u{1f}')
            .filter(|c| !matches!(c, '\n' | '\t'))
            .chain('\u{7f}'..='\u{9f}')
            .chain('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}');
        for c in every {
            let text = format!("a{c}b");
            assert!(is_hostile(c), "{:x}", c as u32);
            assert_eq!(terminal(&text), format!("a\\u{{{:x}}}b", c as u32));
            assert_eq!(strip(&text), "ab");
            assert!(!has_hostile(&json(&serde_json::to_string(&text).unwrap())));
        }
        for fine in ['\n', '\t', ' ', 'é', '\u{a0}', '\u{2013}', '\u{2070}'] {
            assert!(!is_hostile(fine), "{:x}", fine as u32);
        }
    }

    #[test]
    fn documents_and_labels_carry_none() {
        assert_eq!(strip(NASTY), "a[2Jbc31mdefgh\ti\njk");
    }

    #[test]
    fn json_keeps_the_data_but_escaped() {
        let raw = serde_json::to_string(&NASTY).unwrap();
        let safe = json(&raw);
        assert!(!has_hostile(&safe), "{safe}");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, NASTY);
    }

    #[test]
    fn a_file_read_in_has_none_left() {
        let mut v = serde_json::json!({"a\u{202e}": ["x\u{1b}y", {"t": "fine"}], "n": 3});
        assert!(strip_value(&mut v));
        assert_eq!(v, serde_json::json!({"a": ["xy", {"t": "fine"}], "n": 3}));
        assert!(!strip_value(&mut v));
    }

    /// Why text from other files is stripped as it is read: ratatui skips
    /// control characters when it draws, but draws a bidi override as it is.
    #[test]
    fn ratatui_skips_controls_but_draws_bidi_overrides() {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        use ratatui::text::Line;
        use ratatui::widgets::{Paragraph, Wrap};
        let draw = |text: &str| {
            let mut terminal = Terminal::new(TestBackend::new(40, 6)).unwrap();
            terminal
                .draw(|f| {
                    let [a, b] = f.area().layout(&ratatui::layout::Layout::vertical([3, 3]));
                    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), a);
                    f.render_widget(Line::from(text), b);
                })
                .unwrap();
            let buffer = terminal.backend().buffer().clone();
            buffer
                .content()
                .iter()
                .map(|c| c.symbol().to_string())
                .collect::<String>()
        };
        let raw = draw(NASTY);
        assert!(!raw.contains(char::is_control), "{raw:?}");
        assert!(
            raw.contains('\u{202e}'),
            "ratatui now skips bidi too: {raw:?}"
        );
        assert!(!has_hostile(&draw(&strip(NASTY))));
    }
}
