//! Undo and redo for the answer being written. Each step is what changed
//! (where, what went, what came), worked out from the text before and after,
//! so a whole external edit or paste is one step and nothing here holds
//! copies of the whole answer.

use chrono::{DateTime, FixedOffset};

/// At most this many steps are kept; the oldest go first.
const KEEP: usize = 500;

/// How a change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A key typed in the editor.
    Typing,
    /// A paste, an external edit: one step of its own.
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    /// Where the text changed (a byte offset).
    at: usize,
    removed: String,
    inserted: String,
    kind: Kind,
    when: DateTime<FixedOffset>,
}

/// The steps that can be undone, and the ones undone that can be redone.
#[derive(Debug, Clone, Default)]
pub struct TextHistory {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl TextHistory {
    /// Notes that the text went from `before` to `after`.
    pub fn record(&mut self, before: &str, after: &str, kind: Kind, now: DateTime<FixedOffset>) {
        if before == after {
            return;
        }
        let (at, removed, inserted) = diff(before, after);
        let change = Change {
            at,
            removed: removed.to_string(),
            inserted: inserted.to_string(),
            kind,
            when: now,
        };
        self.redo.clear();
        self.undo.push(change);
        if self.undo.len() > KEEP {
            self.undo.remove(0);
        }
    }

    /// The text as it was before the last step, and where the cursor goes
    /// (a byte offset). `None` when there is nothing to undo, or when `text`
    /// is not what the history knows (then it starts again, empty).
    pub fn undo(&mut self, text: &str) -> Option<(String, usize)> {
        let change = self.undo.pop()?;
        match replace(text, change.at, &change.inserted, &change.removed) {
            Some(back) => {
                let cursor = change.at + change.removed.len();
                self.redo.push(change);
                Some((back, cursor))
            }
            None => {
                *self = TextHistory::default();
                None
            }
        }
    }

    /// The text with the last undone step done again, and the cursor.
    pub fn redo(&mut self, text: &str) -> Option<(String, usize)> {
        let change = self.redo.pop()?;
        match replace(text, change.at, &change.removed, &change.inserted) {
            Some(again) => {
                let cursor = change.at + change.inserted.len();
                self.undo.push(change);
                Some((again, cursor))
            }
            None => {
                *self = TextHistory::default();
                None
            }
        }
    }
}

/// `text` with `expected` at `at` replaced by `put`, if it is there.
fn replace(text: &str, at: usize, expected: &str, put: &str) -> Option<String> {
    if text.get(at..at.checked_add(expected.len())?)? != expected {
        return None;
    }
    let mut out = String::with_capacity(text.len() - expected.len() + put.len());
    out.push_str(&text[..at]);
    out.push_str(put);
    out.push_str(&text[at + expected.len()..]);
    Some(out)
}

/// Where two texts differ: the offset, the part of `before` that went and
/// the part of `after` that came (the same start and end kept out).
fn diff<'a>(before: &'a str, after: &'a str) -> (usize, &'a str, &'a str) {
    let mut prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(prefix) || !after.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let room = before.len().min(after.len()) - prefix;
    let mut suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(before.len() - suffix)
        || !after.is_char_boundary(after.len() - suffix)
    {
        suffix -= 1;
    }
    (
        prefix,
        &before[prefix..before.len() - suffix],
        &after[prefix..after.len() - suffix],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap()
            + chrono::Duration::seconds(s)
    }

    #[test]
    fn the_difference_keeps_the_same_start_and_end_out() {
        assert_eq!(diff("abc", "abXc"), (2, "", "X"));
        assert_eq!(diff("abc", "ac"), (1, "b", ""));
        assert_eq!(diff("draft", "rewritten"), (0, "draft", "rewritten"));
        assert_eq!(diff("aa", "aaa"), (2, "", "a"));
        // Never inside a character.
        assert_eq!(diff("é", "è"), (0, "é", "è"));
        assert_eq!(diff("李a", "李李a"), (3, "", "李"));
    }

    #[test]
    fn undo_and_redo_go_back_and_forth_exactly() {
        let mut h = TextHistory::default();
        h.record("draft", "rewritten\nin vim", Kind::Whole, t(0));
        let (back, cursor) = h.undo("rewritten\nin vim").unwrap();
        assert_eq!((back.as_str(), cursor), ("draft", 5));
        assert_eq!(h.undo("draft"), None);
        let (again, _) = h.redo("draft").unwrap();
        assert_eq!(again, "rewritten\nin vim");
    }

    #[test]
    fn a_text_the_history_does_not_know_is_never_changed() {
        let mut h = TextHistory::default();
        h.record("a", "ab", Kind::Typing, t(0));
        assert_eq!(h.undo("something else"), None);
        assert_eq!(h.undo("ab"), None, "it started again");
    }
}
