//! Undo and redo for the answer being written, grouped as editors do: one
//! step is a word typed (with the spaces after it), a run of deletions, or
//! whatever was typed before a pause; a paste or an external edit is a step
//! of its own. Each step is what changed (where, what went, what came),
//! worked out from the text before and after, so nothing here holds copies
//! of the whole answer.

use chrono::{DateTime, FixedOffset};

/// At most this many steps are kept; the oldest go first.
const KEEP: usize = 500;

/// Typing after a pause this long is a new step.
pub const PAUSE: chrono::TimeDelta = chrono::TimeDelta::seconds(2);

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
        if let Some(last) = self.undo.last_mut()
            && last.takes(&change)
        {
            last.join(change);
            return;
        }
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

impl Change {
    /// Whether `next` goes on the same step: typing or deleting on from
    /// where this stopped, within a pause, and not a new word begun.
    fn takes(&self, next: &Change) -> bool {
        let one_char = |s: &str| s.chars().count() == 1;
        if self.kind != Kind::Typing
            || next.kind != Kind::Typing
            || next.when.signed_duration_since(self.when) > PAUSE
        {
            return false;
        }
        let typing = |c: &Change| c.removed.is_empty() && !c.inserted.is_empty();
        let deleting = |c: &Change| c.inserted.is_empty() && !c.removed.is_empty();
        if typing(self) && typing(next) && one_char(&next.inserted) {
            let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
            let new_word =
                space(self.inserted.chars().last()) && !space(next.inserted.chars().next());
            return next.at == self.at + self.inserted.len() && !new_word;
        }
        if deleting(self) && deleting(next) && one_char(&next.removed) {
            let backspace = next.at + next.removed.len() == self.at;
            let forward = next.at == self.at;
            return backspace || forward;
        }
        false
    }

    /// Makes `next` part of this step (see [`Change::takes`]).
    fn join(&mut self, next: Change) {
        if next.removed.is_empty() {
            self.inserted.push_str(&next.inserted);
        } else if next.at < self.at {
            self.removed.insert_str(0, &next.removed);
            self.at = next.at;
        } else {
            self.removed.push_str(&next.removed);
        }
        self.when = next.when;
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

    /// Types `text` one key at a time after `start`, all at second `at`.
    fn type_keys(h: &mut TextHistory, start: &str, text: &str, at: i64) -> String {
        let mut now = start.to_string();
        for c in text.chars() {
            let before = now.clone();
            now.push(c);
            h.record(&before, &now, Kind::Typing, t(at));
        }
        now
    }

    fn undo_all(h: &mut TextHistory, mut text: String) -> Vec<String> {
        let mut seen = Vec::new();
        while let Some((back, _)) = h.undo(&text) {
            text = back;
            seen.push(text.clone());
        }
        seen
    }

    #[test]
    fn typing_is_undone_a_word_at_a_time() {
        let mut h = TextHistory::default();
        let text = type_keys(&mut h, "", "She said no. Then yes", 0);
        assert_eq!(
            undo_all(&mut h, text),
            [
                "She said no. Then ",
                "She said no. ",
                "She said ",
                "She ",
                ""
            ]
        );
    }

    #[test]
    fn a_pause_starts_a_new_step_even_inside_a_word() {
        let mut h = TextHistory::default();
        let text = type_keys(&mut h, "", "hel", 0);
        let text = type_keys(&mut h, &text, "lo", 10);
        assert_eq!(undo_all(&mut h, text), ["hel", ""]);
    }

    #[test]
    fn deleting_runs_are_one_step_each_way() {
        let mut h = TextHistory::default();
        let mut text = type_keys(&mut h, "", "hello", 0);
        for _ in 0..3 {
            let before = text.clone();
            text.pop();
            h.record(&before, &text, Kind::Typing, t(1));
        }
        assert_eq!(text, "he");
        let (back, cursor) = h.undo(&text).unwrap();
        assert_eq!((back.as_str(), cursor), ("hello", 5));
        // Delete forward from the start: one step too.
        let mut h = TextHistory::default();
        h.record("abc", "bc", Kind::Typing, t(0));
        h.record("bc", "c", Kind::Typing, t(0));
        assert_eq!(h.undo("c").unwrap().0, "abc");
    }

    #[test]
    fn a_paste_is_a_step_of_its_own() {
        let mut h = TextHistory::default();
        let text = type_keys(&mut h, "", "ab", 0);
        h.record(&text, "abPASTED", Kind::Whole, t(0));
        let text = type_keys(&mut h, "abPASTED", "c", 0);
        assert_eq!(undo_all(&mut h, text), ["abPASTED", "ab", ""]);
    }

    #[test]
    fn a_text_the_history_does_not_know_is_never_changed() {
        let mut h = TextHistory::default();
        h.record("a", "ab", Kind::Typing, t(0));
        assert_eq!(h.undo("something else"), None);
        assert_eq!(h.undo("ab"), None, "it started again");
    }
}
