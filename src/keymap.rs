//! One table of keys: it drives input handling, the help screen and the
//! footer, so help can never drift from what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod export;

/// What the person asked for, independent of which key they pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Quit,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Open,
    New,
    Back,
    NextPrompt,
    PrevPrompt,
    NextSection,
    PrevSection,
    Outline,
    ToggleGuidance,
    Background,
    ExternalEditor,
    SaveNow,
    Undo,
    Redo,
    ToggleChoice,
    Yes,
    No,
    Delete,
    ToggleTrash,
    Restore,
    EmptyTrash,
    WriteRecovery,
    Diagram,
    AddIssue,
    EditIssue,
    DeleteIssue,
    MoveUp,
    MoveDown,
    UndoMap,
    NextField,
    PrevField,
    Left,
    Right,
    SaveIssue,
    FamilyMap,
    Search,
    Sort,
    ClearFilter,
    Rename,
    Duplicate,
    ToggleComplete,
    ToggleDiscussed,
    Tags,
    /// Finish the word being typed from the suggestions.
    Complete,
    /// Pick an answer by its key: a check's state, a number, yes or no.
    Pick,
    /// Clear a picked answer.
    Clear,
    /// Today's date into a date field.
    Today,
    /// Bring in a supervisor's feedback file, from Home.
    ImportFeedback,
    /// Hide or show the supervisor's comments on the worksheet screen.
    ToggleComments,
    /// Every comment on the open entry, full screen.
    ReadComments,
    /// Export entries (Home), or the prep note (supervision prep).
    Export,
    /// Supervision prep.
    Prep,
    /// Choose every entry in view for export (again: none).
    MarkAll,
    /// A possible identifying detail: replace it in the export only.
    Replace,
    /// Replace it in the export and in the entry.
    ReplaceInEntry,
    /// Keep it: it is fine.
    Keep,
    /// Replace every detail still open.
    ReplaceRest,
    /// Replace this detail and every other with the same text and kind.
    ReplaceSame,
    /// Replace it, every one like it, and add it to the never-export list.
    NeverExport,
    /// Keep it, every one like it, and add it to the safe words.
    SafeForMe,
    /// Stop the export; nothing is written.
    Cancel,
}

/// Where the keyboard is: each context has its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    Trash,
    Picker,
    Label,
    Editor,
    Chooser,
    Outline,
    Reading,
    Confirm,
    /// Quitting while saving fails.
    QuitUnsaved,
    /// The list of issues on the map.
    Map,
    /// Adding or editing an issue on the map.
    MapForm,
    /// Typing in Home's search box.
    Search,
    /// Renaming an entry or changing its tags, on Home.
    HomeInput,
    /// The state of one check on a checklist.
    Checklist,
    /// A number on a scale from 0 to 10.
    Scale,
    /// A yes or no question.
    YesNo,
    /// A date field.
    Date,
    /// Typing the path of a supervisor's feedback file, on Home.
    ImportFeedback,
    /// Choosing the entries to export.
    ExportChoose,
    /// Choosing the format of an export.
    ExportFormat,
    /// Deciding about possible identifying details before an export.
    ExportCheck,
    /// Giving the reason for leaving details in an export.
    ExportReason,
    /// What an export will write, before it is written.
    ExportSummary,
    /// Supervision prep: the notes for a session.
    Prep,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Home => "Home (your entries)",
            Context::Trash => "Trash (deleted entries)",
            Context::Picker => "Choosing a worksheet",
            Context::Label => "Naming the family",
            Context::Editor => "Writing an answer",
            Context::Chooser => "Choosing questions",
            Context::Outline => "Outline (jump to a prompt)",
            Context::Reading => "Help and background pages",
            Context::Confirm => "Questions that need an answer",
            Context::QuitUnsaved => "Quitting while saving fails",
            Context::Map => "The map of issues (section 4)",
            Context::MapForm => "Adding or editing an issue",
            Context::Search => "Searching and filtering Home",
            Context::HomeInput => "Renaming an entry or changing its tags",
            Context::Checklist => "A checklist: the state of each check",
            Context::Scale => "A scale from 0 to 10",
            Context::YesNo => "A yes or no question",
            Context::Date => "A date",
            Context::ImportFeedback => "Importing a supervisor's feedback",
            Context::ExportChoose => "Export: choosing entries",
            Context::ExportFormat => "Export: choosing the format",
            Context::ExportCheck => "Export: checking for identifying details",
            Context::ExportReason => "Export: the reason for leaving details in",
            Context::ExportSummary => "Export: what will be written",
            Context::Prep => "Supervision prep",
        }
    }

    /// The order contexts appear in the help screen.
    pub const ALL: [Context; 25] = [
        Context::Home,
        Context::Search,
        Context::HomeInput,
        Context::ImportFeedback,
        Context::Trash,
        Context::Picker,
        Context::Label,
        Context::Editor,
        Context::Chooser,
        Context::Outline,
        Context::Reading,
        Context::Confirm,
        Context::QuitUnsaved,
        Context::Map,
        Context::MapForm,
        Context::Checklist,
        Context::Scale,
        Context::YesNo,
        Context::Date,
        Context::ExportChoose,
        Context::ExportFormat,
        Context::ExportCheck,
        Context::ExportReason,
        Context::ExportSummary,
        Context::Prep,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub const fn plain(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
pub const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}
pub const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

impl Key {
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }

    pub fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        if event.modifiers.contains(KeyModifiers::ALT) || ctrl != self.ctrl {
            return false;
        }
        match (self.code, event.code) {
            // Ctrl-letters arrive in either case depending on the terminal.
            (KeyCode::Char(a), KeyCode::Char(b)) if self.ctrl => a.eq_ignore_ascii_case(&b),
            (a, b) => a == b,
        }
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub command: Command,
    pub contexts: &'static [Context],
    pub help: &'static str,
    /// A word or two for the footer.
    pub hint: &'static str,
    /// Shown in the footer of these contexts (the few keys that matter now).
    pub footer: &'static [Context],
}

use Context as C;

pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[plain(KeyCode::F(1)), ch('?')],
        command: Command::Help,
        contexts: &[
            C::Home,
            C::Picker,
            C::Chooser,
            C::Outline,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
        ],
        help: "show every key",
        hint: "help",
        footer: &[C::Home, C::Chooser, C::Checklist, C::Scale, C::YesNo],
    },
    Binding {
        keys: &[ch('n')],
        command: Command::New,
        contexts: &[C::Home],
        help: "start a new entry",
        hint: "new entry",
        footer: &[C::Home],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::Open,
        contexts: &[C::Home],
        help: "open the entry where you left it",
        hint: "open",
        footer: &[C::Home],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::Open,
        contexts: &[C::Picker],
        help: "use this worksheet",
        hint: "choose",
        footer: &[C::Picker],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::Open,
        contexts: &[C::Label],
        help: "start writing",
        hint: "start writing",
        footer: &[C::Label],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::Open,
        contexts: &[C::Outline],
        help: "jump to this prompt",
        hint: "jump there",
        footer: &[C::Outline],
    },
    Binding {
        keys: &[ch('q')],
        command: Command::Quit,
        contexts: &[C::Home],
        help: "quit (everything is already saved)",
        hint: "quit",
        footer: &[C::Home],
    },
    Binding {
        keys: &[ctrl('q'), ctrl('c')],
        command: Command::Quit,
        contexts: &[
            C::Home,
            C::Search,
            C::HomeInput,
            C::Picker,
            C::Label,
            C::Editor,
            C::Chooser,
            C::Outline,
            C::Map,
            C::MapForm,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "save and quit",
        hint: "quit",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Up), ch('k')],
        command: Command::Up,
        contexts: &[
            C::Home,
            C::Picker,
            C::Chooser,
            C::Outline,
            C::Reading,
            C::Map,
        ],
        help: "move up",
        hint: "up",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Down), ch('j')],
        command: Command::Down,
        contexts: &[
            C::Home,
            C::Picker,
            C::Chooser,
            C::Outline,
            C::Reading,
            C::Map,
        ],
        help: "move down",
        hint: "down",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::PageUp)],
        command: Command::PageUp,
        contexts: &[C::Reading],
        help: "scroll up a page",
        hint: "page up",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::PageDown), ch(' ')],
        command: Command::PageDown,
        contexts: &[C::Reading],
        help: "scroll down a page",
        hint: "page down",
        footer: &[],
    },
    Binding {
        keys: &[ch(' '), plain(KeyCode::Enter)],
        command: Command::ToggleChoice,
        contexts: &[C::Chooser],
        help: "choose or unchoose the question",
        hint: "choose",
        footer: &[C::Chooser],
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        command: Command::NextPrompt,
        contexts: &[C::Editor, C::Chooser, C::Map],
        help: "next prompt",
        hint: "next",
        footer: &[C::Editor, C::Chooser, C::Map],
    },
    Binding {
        keys: &[plain(KeyCode::BackTab)],
        command: Command::PrevPrompt,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "previous prompt",
        hint: "previous",
        footer: &[C::Editor, C::Chooser, C::Map],
    },
    Binding {
        keys: &[ctrl('o')],
        command: Command::Outline,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "outline: every prompt; jump to one",
        hint: "outline",
        footer: &[C::Editor, C::Chooser, C::Map],
    },
    Binding {
        keys: &[ctrl('n')],
        command: Command::NextSection,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "next section",
        hint: "next section",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('p')],
        command: Command::PrevSection,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "previous section (or this one's start)",
        hint: "previous section",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('g')],
        command: Command::ToggleGuidance,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "hide or show the guidance",
        hint: "guidance",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('e')],
        command: Command::ExternalEditor,
        contexts: &[C::Editor],
        help: "edit this answer in $VISUAL / $EDITOR",
        hint: "editor",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('s')],
        command: Command::SaveNow,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "save now (it also saves as you type)",
        hint: "save",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('z'), ctrl('u')],
        command: Command::Undo,
        contexts: &[C::Editor],
        help: "undo: a word, a paste or an external edit at a time",
        hint: "undo",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('z'), ctrl('u')],
        command: Command::Undo,
        contexts: &[C::Checklist, C::Scale, C::YesNo],
        help: "undo the last change to the answer",
        hint: "undo",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('z'), ctrl('u')],
        command: Command::Undo,
        contexts: &[C::MapForm],
        help: "undo typing in the field",
        hint: "undo",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('r')],
        command: Command::Redo,
        contexts: &[C::Editor],
        help: "redo",
        hint: "redo",
        footer: &[],
    },
    Binding {
        keys: &[ch('y')],
        command: Command::Yes,
        contexts: &[C::Confirm],
        help: "yes",
        hint: "yes",
        footer: &[C::Confirm],
    },
    Binding {
        keys: &[ch('n'), plain(KeyCode::Esc)],
        command: Command::No,
        contexts: &[C::Confirm],
        help: "no",
        hint: "no",
        footer: &[C::Confirm],
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        command: Command::Back,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "back to Home (saving first)",
        hint: "home",
        footer: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        command: Command::Back,
        contexts: &[C::Picker, C::Label, C::Outline, C::Map],
        help: "go back",
        hint: "back",
        footer: &[C::Picker, C::Label, C::Outline],
    },
    Binding {
        keys: &[
            plain(KeyCode::Esc),
            ch('q'),
            plain(KeyCode::F(1)),
            plain(KeyCode::F(3)),
        ],
        command: Command::Back,
        contexts: &[C::Reading],
        help: "close",
        hint: "close",
        footer: &[C::Reading],
    },
    Binding {
        keys: &[plain(KeyCode::F(1))],
        command: Command::Help,
        contexts: &[
            C::Label,
            C::Editor,
            C::MapForm,
            C::Search,
            C::HomeInput,
            C::Date,
        ],
        help: "show every key",
        hint: "help",
        footer: &[C::Editor, C::Date],
    },
    Binding {
        keys: &[plain(KeyCode::F(2))],
        command: Command::Background,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Picker,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "background: the spiral, the core, the stages",
        hint: "background",
        footer: &[C::Editor, C::Picker],
    },
    Binding {
        keys: &[ch('/')],
        command: Command::Search,
        contexts: &[C::Home],
        help: "search and filter: words, tag:…, family:…, worksheet:…, status:…, since:…, until:…",
        hint: "search",
        footer: &[C::Home],
    },
    Binding {
        keys: &[ch('s')],
        command: Command::Sort,
        contexts: &[C::Home],
        help: "sort by: last changed, newest, family, least done",
        hint: "sort",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        command: Command::ClearFilter,
        contexts: &[C::Home],
        help: "clear the search and filters",
        hint: "clear",
        footer: &[],
    },
    Binding {
        keys: &[
            plain(KeyCode::Enter),
            plain(KeyCode::Down),
            plain(KeyCode::Tab),
        ],
        command: Command::Open,
        contexts: &[C::Search],
        help: "keep the search and go to the list",
        hint: "to the list",
        footer: &[C::Search],
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        command: Command::ClearFilter,
        contexts: &[C::Search],
        help: "clear the search and filters",
        hint: "clear",
        footer: &[C::Search],
    },
    Binding {
        keys: &[ch('r')],
        command: Command::Rename,
        contexts: &[C::Home],
        help: "rename the family label",
        hint: "rename",
        footer: &[],
    },
    Binding {
        keys: &[ch('g')],
        command: Command::Tags,
        contexts: &[C::Home],
        help: "tags: your own words for grouping entries",
        hint: "tags",
        footer: &[],
    },
    Binding {
        keys: &[ch('y')],
        command: Command::Duplicate,
        contexts: &[C::Home],
        help: "fresh start: a new, empty entry for the same family and worksheet",
        hint: "fresh start",
        footer: &[],
    },
    Binding {
        keys: &[ch('c')],
        command: Command::ToggleComplete,
        contexts: &[C::Home],
        help: "mark complete (again: back in progress)",
        hint: "complete",
        footer: &[],
    },
    Binding {
        keys: &[ch('v')],
        command: Command::ToggleDiscussed,
        contexts: &[C::Home],
        help: "mark as discussed in supervision today (again: unmark)",
        hint: "discussed",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::Open,
        contexts: &[C::HomeInput],
        help: "keep the change",
        hint: "keep",
        footer: &[C::HomeInput],
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        command: Command::Complete,
        contexts: &[C::HomeInput],
        help: "finish the tag from the suggestions",
        hint: "finish tag",
        footer: &[C::HomeInput],
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        command: Command::Back,
        contexts: &[C::HomeInput],
        help: "cancel",
        hint: "cancel",
        footer: &[C::HomeInput],
    },
    Binding {
        keys: &[ch('d'), plain(KeyCode::Delete)],
        command: Command::Delete,
        contexts: &[C::Home],
        help: "move the entry to the trash (t shows the trash; r restores)",
        hint: "delete",
        footer: &[C::Home],
    },
    Binding {
        keys: &[ch('t')],
        command: Command::ToggleTrash,
        contexts: &[C::Home],
        help: "show the trash",
        hint: "trash",
        footer: &[C::Home],
    },
    Binding {
        keys: &[ch('t'), plain(KeyCode::Esc)],
        command: Command::ToggleTrash,
        contexts: &[C::Trash],
        help: "back to your entries",
        hint: "back",
        footer: &[C::Trash],
    },
    Binding {
        keys: &[ch('r'), plain(KeyCode::Enter)],
        command: Command::Restore,
        contexts: &[C::Trash],
        help: "restore the entry",
        hint: "restore",
        footer: &[C::Trash],
    },
    Binding {
        keys: &[ch('x')],
        command: Command::EmptyTrash,
        contexts: &[C::Trash],
        help: "empty the trash for good (asks first)",
        hint: "empty trash",
        footer: &[C::Trash],
    },
    Binding {
        keys: &[plain(KeyCode::Up), ch('k')],
        command: Command::Up,
        contexts: &[C::Trash],
        help: "move up",
        hint: "up",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Down), ch('j')],
        command: Command::Down,
        contexts: &[C::Trash],
        help: "move down",
        hint: "down",
        footer: &[],
    },
    Binding {
        keys: &[ch('q'), ctrl('q'), ctrl('c')],
        command: Command::Quit,
        contexts: &[C::Trash],
        help: "quit",
        hint: "quit",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::F(1)), ch('?')],
        command: Command::Help,
        contexts: &[C::Trash],
        help: "show every key",
        hint: "help",
        footer: &[],
    },
    Binding {
        keys: &[ch('w')],
        command: Command::WriteRecovery,
        contexts: &[C::QuitUnsaved],
        help: "write what is unsaved to a recovery file, then quit",
        hint: "write a recovery file and quit",
        footer: &[C::QuitUnsaved],
    },
    Binding {
        keys: &[ch('y')],
        command: Command::Yes,
        contexts: &[C::QuitUnsaved],
        help: "quit and lose what is unsaved",
        hint: "quit and lose it",
        footer: &[C::QuitUnsaved],
    },
    Binding {
        keys: &[ch('n'), plain(KeyCode::Esc)],
        command: Command::No,
        contexts: &[C::QuitUnsaved],
        help: "stay (spiral keeps trying to save)",
        hint: "stay",
        footer: &[C::QuitUnsaved],
    },
    Binding {
        keys: &[plain(KeyCode::F(3))],
        command: Command::Diagram,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Picker,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "the spiral, full screen",
        hint: "spiral",
        footer: &[],
    },
    Binding {
        keys: &[ch('a')],
        command: Command::AddIssue,
        contexts: &[C::Map],
        help: "add an issue",
        hint: "add",
        footer: &[C::Map],
    },
    Binding {
        keys: &[plain(KeyCode::Enter), ch('e')],
        command: Command::EditIssue,
        contexts: &[C::Map],
        help: "edit the issue",
        hint: "edit",
        footer: &[C::Map],
    },
    Binding {
        keys: &[ch('d'), plain(KeyCode::Delete)],
        command: Command::DeleteIssue,
        contexts: &[C::Map],
        help: "delete the issue (u undoes)",
        hint: "delete",
        footer: &[C::Map],
    },
    Binding {
        keys: &[ch('K')],
        command: Command::MoveUp,
        contexts: &[C::Map],
        help: "move the issue earlier (Shift-K)",
        hint: "earlier",
        footer: &[],
    },
    Binding {
        keys: &[ch('J')],
        command: Command::MoveDown,
        contexts: &[C::Map],
        help: "move the issue later (Shift-J)",
        hint: "later",
        footer: &[],
    },
    Binding {
        keys: &[ch('u'), ctrl('z')],
        command: Command::UndoMap,
        contexts: &[C::Map],
        help: "undo the last change to the map",
        hint: "undo",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::SaveIssue,
        contexts: &[C::MapForm],
        help: "keep the issue",
        hint: "keep",
        footer: &[C::MapForm],
    },
    Binding {
        keys: &[plain(KeyCode::Tab), plain(KeyCode::Down)],
        command: Command::NextField,
        contexts: &[C::MapForm],
        help: "next field",
        hint: "next field",
        footer: &[C::MapForm],
    },
    Binding {
        keys: &[plain(KeyCode::BackTab), plain(KeyCode::Up)],
        command: Command::PrevField,
        contexts: &[C::MapForm],
        help: "previous field",
        hint: "previous",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Left)],
        command: Command::Left,
        contexts: &[C::MapForm],
        help: "stage, return or part of the core: previous choice (in text, move left)",
        hint: "choose",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Right)],
        command: Command::Right,
        contexts: &[C::MapForm],
        help: "stage, return or part of the core: next choice (in text, move right)",
        hint: "choose",
        footer: &[C::MapForm],
    },
    Binding {
        keys: &[ch(' ')],
        command: Command::ToggleChoice,
        contexts: &[C::MapForm],
        help: "in \"Fed the core\": tick or untick the part (in text, a space)",
        hint: "tick",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        command: Command::Back,
        contexts: &[C::MapForm],
        help: "cancel",
        hint: "cancel",
        footer: &[C::MapForm],
    },
    Binding {
        keys: &[ch('f')],
        command: Command::FamilyMap,
        contexts: &[C::Home],
        help: "this family's spiral over time: every entry's map on one spiral",
        hint: "family",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Tab), plain(KeyCode::Enter)],
        command: Command::NextPrompt,
        contexts: &[C::Checklist, C::Scale, C::YesNo],
        help: "next: the note (or follow-up), then the next prompt",
        hint: "next",
        footer: &[C::Checklist, C::Scale, C::YesNo],
    },
    Binding {
        keys: &[plain(KeyCode::Tab), plain(KeyCode::Enter)],
        command: Command::NextPrompt,
        contexts: &[C::Date],
        help: "next prompt",
        hint: "next",
        footer: &[C::Date],
    },
    Binding {
        keys: &[plain(KeyCode::Up)],
        command: Command::Up,
        contexts: &[C::Checklist, C::Scale, C::YesNo],
        help: "previous prompt, straight to its answer",
        hint: "previous",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::Down)],
        command: Command::Down,
        contexts: &[C::Checklist, C::Scale, C::YesNo],
        help: "next prompt, skipping the note",
        hint: "skip note",
        footer: &[],
    },
    Binding {
        keys: &[ch(' '), plain(KeyCode::Right)],
        command: Command::Right,
        contexts: &[C::Checklist],
        help: "next state: done, not yet, not relevant",
        hint: "change",
        footer: &[C::Checklist],
    },
    Binding {
        keys: &[plain(KeyCode::Left)],
        command: Command::Left,
        contexts: &[C::Checklist],
        help: "previous state",
        hint: "back",
        footer: &[],
    },
    Binding {
        keys: &[ch('d'), ch('n'), ch('x')],
        command: Command::Pick,
        contexts: &[C::Checklist],
        help: "mark it done, not yet, or not relevant (x)",
        hint: "mark",
        footer: &[C::Checklist],
    },
    Binding {
        keys: &[ch(' '), plain(KeyCode::Right)],
        command: Command::Right,
        contexts: &[C::Scale],
        help: "one higher",
        hint: "higher",
        footer: &[C::Scale],
    },
    Binding {
        keys: &[plain(KeyCode::Left)],
        command: Command::Left,
        contexts: &[C::Scale],
        help: "one lower",
        hint: "lower",
        footer: &[C::Scale],
    },
    Binding {
        keys: &[
            ch('0'),
            ch('1'),
            ch('2'),
            ch('3'),
            ch('4'),
            ch('5'),
            ch('6'),
            ch('7'),
            ch('8'),
            ch('9'),
        ],
        command: Command::Pick,
        contexts: &[C::Scale],
        help: "that number (1 then 0 at once is 10)",
        hint: "number",
        footer: &[C::Scale],
    },
    Binding {
        keys: &[ch(' '), plain(KeyCode::Right), plain(KeyCode::Left)],
        command: Command::Right,
        contexts: &[C::YesNo],
        help: "change: yes or no",
        hint: "change",
        footer: &[C::YesNo],
    },
    Binding {
        keys: &[ch('y'), ch('n')],
        command: Command::Pick,
        contexts: &[C::YesNo],
        help: "yes / no",
        hint: "answer",
        footer: &[C::YesNo],
    },
    Binding {
        keys: &[plain(KeyCode::Backspace), plain(KeyCode::Delete)],
        command: Command::Clear,
        contexts: &[C::Checklist, C::Scale, C::YesNo],
        help: "clear the answer",
        hint: "clear",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('t')],
        command: Command::Today,
        contexts: &[C::Date],
        help: "today's date (type a date as YYYY-MM-DD, e.g. 2026-11-26)",
        hint: "today",
        footer: &[C::Date],
    },
    // A supervisor's feedback: importing it from Home, reading it beside the answers.
    Binding {
        keys: &[ch('i')],
        command: Command::ImportFeedback,
        contexts: &[C::Home],
        help: "import a supervisor's feedback file: their comments join your entries",
        hint: "import feedback",
        footer: &[C::Home],
    },
    Binding {
        keys: &[plain(KeyCode::Enter)],
        command: Command::Open,
        contexts: &[C::ImportFeedback],
        help: "import the file (an empty field takes the one suggested)",
        hint: "import",
        footer: &[C::ImportFeedback],
    },
    Binding {
        keys: &[plain(KeyCode::Tab)],
        command: Command::Complete,
        contexts: &[C::ImportFeedback],
        help: "finish the file or folder name (an empty field takes the one suggested)",
        hint: "complete",
        footer: &[C::ImportFeedback],
    },
    Binding {
        keys: &[plain(KeyCode::Esc)],
        command: Command::Back,
        contexts: &[C::ImportFeedback],
        help: "cancel: nothing is imported",
        hint: "cancel",
        footer: &[C::ImportFeedback],
    },
    Binding {
        keys: &[plain(KeyCode::F(1))],
        command: Command::Help,
        contexts: &[C::ImportFeedback],
        help: "show every key",
        hint: "help",
        footer: &[],
    },
    Binding {
        keys: &[ctrl('q'), ctrl('c')],
        command: Command::Quit,
        contexts: &[C::ImportFeedback],
        help: "save and quit",
        hint: "quit",
        footer: &[],
    },
    Binding {
        keys: &[plain(KeyCode::F(4))],
        command: Command::ToggleComments,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "hide or show the supervisor's comments (✎ in the outline)",
        hint: "comments",
        footer: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
    },
    Binding {
        keys: &[plain(KeyCode::F(5))],
        command: Command::ReadComments,
        contexts: &[
            C::Editor,
            C::Chooser,
            C::Map,
            C::Checklist,
            C::Scale,
            C::YesNo,
            C::Date,
        ],
        help: "every comment from the supervisor, full screen (↑/↓ scroll)",
        hint: "all comments",
        footer: &[],
    },
];

/// Every binding: the main table, then the exports' (kept in their own
/// file, beside the screens they drive).
fn all_bindings() -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().chain(export::BINDINGS)
}

/// The command a key press means here, if any.
pub fn lookup(context: Context, event: &KeyEvent) -> Option<Command> {
    all_bindings()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.iter().any(|k| k.matches(event)))
        .map(|b| b.command)
}

/// Keys for the footer of a context, as ("Tab", "next prompt") pairs.
pub fn footer(context: Context) -> Vec<(String, &'static str)> {
    footer_where(context, |_| true)
}

/// [`footer`], less the commands that do nothing now (`useful` says which
/// do): F4 for comments on an entry that has none, say.
pub fn footer_where(
    context: Context,
    useful: impl Fn(Command) -> bool,
) -> Vec<(String, &'static str)> {
    all_bindings()
        .filter(|b| b.footer.contains(&context) && useful(b.command))
        .map(|b| (footer_label(b.keys), b.hint))
        .collect()
}

/// The keys of a binding as help shows them: "Tab / Enter", and "0-9" for
/// all ten digits.
fn keys_label(keys: &[Key]) -> String {
    let digits = |k: &Key| matches!(k.code, KeyCode::Char(c) if c.is_ascii_digit()) && !k.ctrl;
    if keys.len() == 10 && keys.iter().all(digits) {
        return "0-9".into();
    }
    let labels: Vec<_> = keys.iter().map(|k| k.label()).collect();
    labels.join(" / ")
}

/// The footer names one key, or a few letters together: "y/n", "0-9".
fn footer_label(keys: &[Key]) -> String {
    let letter =
        |k: &Key| matches!(k.code, KeyCode::Char(c) if c.is_ascii_alphanumeric()) && !k.ctrl;
    if keys.len() == 10 {
        return keys_label(keys);
    }
    if keys.len() > 1 && keys.iter().all(letter) {
        let labels: Vec<_> = keys.iter().map(|k| k.label()).collect();
        return labels.join("/");
    }
    keys[0].label()
}

/// What each letter picks on a checklist or a yes/no question, as drawn
/// on the prompt (the table's `Pick` keys; a test keeps them the same).
pub fn pick_letters(context: Context) -> &'static [(char, &'static str)] {
    match context {
        Context::Checklist => &[('d', "done"), ('n', "not yet"), ('x', "not relevant")],
        Context::YesNo => &[('y', "yes"), ('n', "no")],
        _ => &[],
    }
}

/// The prompt's own keys, drawn on a check, a scale or a yes/no question:
/// what picks, what changes, and where other letters go (into the note or
/// follow-up, when there is one to write in).
pub fn prompt_keys(context: Context, has_note: bool) -> String {
    let mut parts: Vec<String> = pick_letters(context)
        .iter()
        .map(|(c, what)| format!("{c} {what}"))
        .collect();
    if context == Context::Scale {
        parts.push("0-9, 1 0 = 10".into());
    }
    for command in [Command::Right, Command::Left] {
        if let Some(b) = all_bindings()
            .find(|b| b.command == command && b.contexts.contains(&context))
            .filter(|_| command == Command::Right || context == Context::Scale)
        {
            parts.push(format!("{} {}", footer_label(b.keys), b.hint));
        }
    }
    if has_note {
        parts.push(
            if context == Context::YesNo {
                "letters: follow-up"
            } else {
                "letters: note"
            }
            .into(),
        );
    }
    parts.join(" · ")
}

/// Every binding of a context, for the help screen.
pub fn help(context: Context) -> Vec<(String, &'static str)> {
    all_bindings()
        .filter(|b| b.contexts.contains(&context))
        .map(|b| (keys_label(b.keys), b.help))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in Context::ALL {
            let mut seen: Vec<(Key, Command)> = Vec::new();
            for b in all_bindings().filter(|b| b.contexts.contains(&context)) {
                for k in b.keys {
                    if let Some((_, other)) = seen.iter().find(|(s, _)| s == k) {
                        assert_eq!(
                            *other,
                            b.command,
                            "{:?} in {context:?} is bound twice",
                            k.label()
                        );
                    }
                    seen.push((*k, b.command));
                }
            }
        }
    }

    #[test]
    fn typing_letters_in_the_editor_is_never_a_command() {
        for c in ('a'..='z').chain('A'..='Z').chain([' ', '?', '/']) {
            assert_eq!(
                lookup(Context::Editor, &key(KeyCode::Char(c), KeyModifiers::NONE)),
                None
            );
            for context in [
                Context::Label,
                Context::Search,
                Context::HomeInput,
                Context::ImportFeedback,
                Context::ExportReason,
                Context::Prep,
            ] {
                assert_eq!(
                    lookup(context, &key(KeyCode::Char(c), KeyModifiers::SHIFT)),
                    None
                );
                assert_eq!(
                    lookup(context, &key(KeyCode::Char(c), KeyModifiers::NONE)),
                    None
                );
            }
        }
    }

    #[test]
    fn the_letters_drawn_on_a_prompt_are_its_pick_keys() {
        for context in [Context::Checklist, Context::YesNo] {
            let drawn: Vec<char> = pick_letters(context).iter().map(|(c, _)| *c).collect();
            let bound: Vec<char> = all_bindings()
                .filter(|b| b.command == Command::Pick && b.contexts.contains(&context))
                .flat_map(|b| b.keys.iter())
                .filter_map(|k| match k.code {
                    KeyCode::Char(c) => Some(c),
                    _ => None,
                })
                .collect();
            assert_eq!(drawn, bound, "{context:?}");
        }
        assert_eq!(
            prompt_keys(Context::YesNo, true),
            "y yes · n no · Space change · letters: follow-up"
        );
    }

    #[test]
    fn ctrl_letters_match_in_either_case() {
        let upper = key(KeyCode::Char('E'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(Context::Editor, &upper),
            Some(Command::ExternalEditor)
        );
        let plain_e = key(KeyCode::Char('e'), KeyModifiers::NONE);
        assert_eq!(lookup(Context::Editor, &plain_e), None);
    }

    #[test]
    fn every_context_has_help_and_a_footer_generated_from_the_table() {
        for context in Context::ALL {
            assert!(!help(context).is_empty(), "{context:?} has help");
            assert!(!footer(context).is_empty(), "{context:?} has a footer");
        }
        assert!(help(Context::Editor).iter().any(|(k, _)| k == "Ctrl-E"));
        assert!(footer(Context::Editor).contains(&("Tab".to_string(), "next")));
    }
}
