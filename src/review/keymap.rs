//! The review's keys: one table drives what a key does, the help screen and
//! the footer, as in the workbook's own keymap.

use crossterm::event::{KeyCode, KeyEvent};

use crate::keymap::{Key, ch, ctrl, plain};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    NextSection,
    PrevSection,
    Comment,
    Delete,
    Overall,
    Discussed,
    SaveNow,
    /// Keep what was written in the comment box.
    Keep,
    NewLine,
    Undo,
    Redo,
    Today,
    Yes,
    No,
}

/// Where the keyboard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    List,
    Reading,
    Writing,
    Date,
    Confirm,
    QuitUnsaved,
    Help,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::List => "The list of entries",
            Context::Reading => "Reading an entry",
            Context::Writing => "Writing a comment",
            Context::Date => "The day it was discussed",
            Context::Confirm => "Deleting a comment",
            Context::QuitUnsaved => "Quitting while saving fails",
            Context::Help => "This help",
        }
    }

    /// The order of the help screen (the one in use goes first).
    pub const ALL: [Context; 7] = [
        Context::List,
        Context::Reading,
        Context::Writing,
        Context::Date,
        Context::Confirm,
        Context::QuitUnsaved,
        Context::Help,
    ];
}

pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub contexts: &'static [Context],
    pub help: &'static str,
    /// A word or two for the footer.
    pub hint: &'static str,
    /// The contexts whose footer shows it.
    pub footer: &'static [Context],
}

use Context as C;

pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[ch('?'), plain(KeyCode::F(1))],
        command: Command::Help,
        contexts: &[C::List, C::Reading],
        help: "show every key",
        hint: "help",
        footer: &[C::List, C::Reading],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::Open,
        contexts: &[C::List],
        help: "read the entry, section by section",
        hint: "read",
        footer: &[C::List],
    },
    Binding {
        keys: &[ch('c'), plain(KeyCode::Enter)],
        command: Command::Comment,
        contexts: &[C::Reading],
        help: "write or change your comment on the marked answer",
        hint: "comment",
        footer: &[C::Reading],
    },
    Binding {
        keys: &[plain(KeyCode::Right), ch('n')],
        command: Command::NextSection,
        contexts: &[C::Reading],
        help: "next section",
        hint: "section",
        footer: &[C::Reading],
    },
    Binding {
        keys: &[plain(KeyCode::Down), ch('j'), plain(KeyCode::Tab)],
        command: Command::Down,
        contexts: &[C::Reading],
        help: "the next answer to comment on (marked ▌)",
        hint: "move",
        footer: &[C::Reading],
    },
    Binding {
        keys: &[plain(KeyCode::Down), ch('j')],
        command: Command::Down,
        contexts: &[C::List],
        help: "the next entry",
        hint: "move",
        footer: &[C::List],
    },
    Binding {
        keys: &[plain(KeyCode::Up), ch('k'), plain(KeyCode::BackTab)],
        command: Command::Up,
        contexts: &[C::Reading],
        help: "the previous answer",
        hint: "previous",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Up), ch('k')],
        command: Command::Up,
        contexts: &[C::List],
        help: "the previous entry",
        hint: "previous",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Left), ch('p')],
        command: Command::PrevSection,
        contexts: &[C::Reading],
        help: "previous section",
        hint: "section",
        footer: &[],
    },
    Binding {
        keys: &[ch('o')],
        command: Command::Overall,
        contexts: &[C::List, C::Reading],
        help: "your overall comment on the entry",
        hint: "overall",
        footer: &[C::List, C::Reading],
    },
    Binding {
        keys: &[ch('m')],
        command: Command::Discussed,
        contexts: &[C::List, C::Reading],
        help: "mark the entry discussed in supervision on a day (again to unmark)",
        hint: "discussed",
        footer: &[C::List, C::Reading],
    },
    Binding {
        keys: &[ch('d'), plain(KeyCode::Delete)],
        command: Command::Delete,
        contexts: &[C::Reading],
        help: "delete your comment on the marked answer (asks first)",
        hint: "delete",
        footer: &[C::Reading],
    },
    Binding {
        keys: &[plain(KeyCode::Esc), plain(KeyCode::Backspace)],
        command: Command::Back,
        contexts: &[C::Reading],
        help: "back to the list of entries",
        hint: "list",
        footer: &[C::Reading],
    },
    Binding {
        keys: &[ch('q'), ctrl('c')],
        command: Command::Quit,
        contexts: &[C::List, C::Reading],
        help: "quit (every change is already saved)",
        hint: "quit",
        footer: &[C::List, C::Reading],
    },
    Binding {
        keys: &[plain(KeyCode::PageDown), ch(' ')],
        command: Command::PageDown,
        contexts: &[C::Reading, C::Help],
        help: "scroll down a page",
        hint: "page down",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::PageUp)],
        command: Command::PageUp,
        contexts: &[C::Reading, C::Help],
        help: "scroll up a page",
        hint: "page up",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Home), ch('g')],
        command: Command::Top,
        contexts: &[C::Reading],
        help: "the first answer of the section",
        hint: "top",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::End), ch('G')],
        command: Command::Bottom,
        contexts: &[C::Reading],
        help: "the last answer of the section",
        hint: "end",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('s')],
        command: Command::SaveNow,
        contexts: &[C::List, C::Reading, C::QuitUnsaved],
        help: "try saving the feedback file again (it saves after every change)",
        hint: "save",
        footer: &[C::QuitUnsaved],
    },
    Binding {
        keys: &[ctrl('s'), plain(KeyCode::Esc)],
        command: Command::Keep,
        contexts: &[C::Writing],
        help: "keep the comment and close the box (an emptied comment is removed)",
        hint: "keep",
        footer: &[C::Writing],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::NewLine,
        contexts: &[C::Writing],
        help: "a new line",
        hint: "new line",
        footer: &[C::Writing],
    },
    Binding {
        keys: &[ctrl('z'), ctrl('u')],
        command: Command::Undo,
        contexts: &[C::Writing],
        help: "undo",
        hint: "undo",
        footer: &[C::Writing],
    },
    Binding {
        keys: &[ctrl('r')],
        command: Command::Redo,
        contexts: &[C::Writing],
        help: "redo",
        hint: "redo",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::Keep,
        contexts: &[C::Date],
        help: "mark it discussed on this day",
        hint: "mark",
        footer: &[C::Date],
    },
    Binding {
        keys: &[ctrl('t')],
        command: Command::Today,
        contexts: &[C::Date],
        help: "today (type another day as YYYY-MM-DD)",
        hint: "today",
        footer: &[C::Date],
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        command: Command::Back,
        contexts: &[C::Date],
        help: "leave it unmarked",
        hint: "cancel",
        footer: &[C::Date],
    },
    Binding {
        // Not Enter: it is the comment key while reading, and a habitual
        // second press must not delete what was written.
        keys: &[ch('y')],
        command: Command::Yes,
        contexts: &[C::Confirm],
        help: "yes, delete the comment",
        hint: "delete",
        footer: &[C::Confirm],
    },
    Binding {
        keys: &[ch('y')],
        command: Command::Yes,
        contexts: &[C::QuitUnsaved],
        help: "quit, losing the changes not saved",
        hint: "quit and lose them",
        footer: &[C::QuitUnsaved],
    },
    Binding {
        keys: &[ch('n'), plain(KeyCode::Esc)],
        command: Command::No,
        contexts: &[C::Confirm, C::QuitUnsaved],
        help: "no: keep it, stay",
        hint: "keep",
        footer: &[C::Confirm, C::QuitUnsaved],
    },
    Binding {
        keys: &[plain(KeyCode::Down), ch('j')],
        command: Command::Down,
        contexts: &[C::Help],
        help: "scroll down",
        hint: "down",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Up), ch('k')],
        command: Command::Up,
        contexts: &[C::Help],
        help: "scroll up",
        hint: "up",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Esc), ch('q'), ch('?'), plain(KeyCode::F(1))],
        command: Command::Back,
        contexts: &[C::Help],
        help: "close the help",
        hint: "close",
        footer: &[C::Help],
    },
];

/// What a key press means here, if anything.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// A key as the help and the footer name it.
fn label(key: &Key) -> String {
    match key.code {
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        _ => key.label(),
    }
}

/// The footer's hints for a context: ("c", "comment") pairs.
pub fn footer(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.footer.contains(&context))
        .map(|b| {
            // A pair of opposite keys shares one hint; otherwise the first key
            // stands for all of them.
            let keys = match (b.command, b.keys) {
                (Command::Down, _) => "↑/↓".to_string(),
                (Command::NextSection, _) => "→/←".to_string(),
                (_, [first, ..]) => label(first),
                (_, []) => String::new(),
            };
            (keys, b.hint)
        })
        .collect()
}

/// Every binding of a context, for the help screen.
pub fn help(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(label).collect();
            (keys.join(" / "), b.help)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in Context::ALL {
            let mut seen: Vec<(Key, Command)> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                for k in b.keys {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                        assert_eq!(*other, b.command, "{} in {context:?}", label(k));
                    }
                    seen.push((*k, b.command));
                }
            }
        }
    }

    #[test]
    fn letters_are_text_while_writing_or_typing_a_day() {
        for c in ('a'..='z').chain('A'..='Z').chain([' ', '?', '-']) {
            for context in [Context::Writing, Context::Date] {
                for m in [KeyModifiers::NONE, KeyModifiers::SHIFT] {
                    let key = KeyEvent::new(KeyCode::Char(c), m);
                    assert_eq!(lookup(context, &key), None, "{c:?} in {context:?}");
                }
            }
        }
    }

    #[test]
    fn every_context_has_help_and_a_footer() {
        for context in Context::ALL {
            assert!(!help(context).is_empty(), "{context:?}");
            assert!(!footer(context).is_empty(), "{context:?}");
        }
        assert!(footer(Context::Reading).contains(&("→/←".to_string(), "section")));
        assert_eq!(footer(Context::Reading)[0], ("?".to_string(), "help"));
    }
}
