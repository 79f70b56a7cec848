//! Everything the app knows at one moment. `update` changes it; `ui` draws it.

pub mod export;

use std::collections::BTreeSet;

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{TextArea, WrapMode};

use crate::catalog::{Catalog, Summary, search_text};
use crate::filter::{Query, Sort};
use crate::keymap::Context;
use crate::model::entry::Entry;
use crate::model::map::MapIssue;
use crate::model::steps::{Pick, Step, steps};
use crate::model::worksheet::Worksheet;
use crate::settings::Settings;
use crate::store::Damaged;
use crate::ui::theme::Theme;

pub struct Model {
    pub worksheets: Vec<Worksheet>,
    /// Every entry: always its summary; the whole entry once it is read.
    pub entries: Vec<Record>,
    pub damaged: Vec<Damaged>,
    /// Home's rows: indexes into `entries`, in Home's order. Kept current by
    /// [`Model::refresh_view`] whenever `view_stale` is set.
    pub view: Vec<usize>,
    pub view_stale: bool,
    /// Entries being read from disk (ids).
    pub loading: BTreeSet<String>,
    /// An entry to open as soon as it has been read.
    pub pending_open: Option<String>,
    /// The files are being checked against the index in the background.
    pub checking: bool,
    /// The summaries differ from the index file on disk: write it at the end.
    pub index_stale: bool,
    /// The index was just rebuilt from the files: write it soon (after the
    /// first frame), so the next start is quick.
    pub index_write_soon: bool,
    /// Home's search and filters, as typed and as understood.
    pub query_text: String,
    pub query: Query,
    /// Why the text typed last is not a query (the last good one stays).
    pub query_error: Option<String>,
    pub sort: Sort,
    /// The search box while it has the keyboard.
    pub search_box: Option<TextArea<'static>>,
    /// Renaming an entry or changing its tags, on Home.
    pub home_input: Option<HomeInput>,
    /// The path field for importing a supervisor's feedback, on Home.
    pub import: Option<ImportField>,
    /// The supervisor's comments are shown on the worksheet screen (F4 hides them).
    pub show_comments: bool,
    /// The terminal's size, for finding what a mouse click is on.
    pub screen_size: ratatui::layout::Rect,
    /// The data folder, as shown to the person.
    pub data_dir: String,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// Entries changed in memory and not yet written.
    pub unsaved: Unsaved,
    /// Why the last save failed, while it keeps failing.
    pub save_error: Option<String>,
    /// Quit was asked for; waiting for the last saves.
    pub quitting: bool,
    pub should_quit: bool,
    /// Stopped from outside (a signal, a lost terminal): nothing is asked,
    /// what cannot be saved goes to a recovery folder.
    pub stopping: Option<crate::msg::Stop>,
    /// A recovery folder is being written while stopping (once is enough).
    pub recovering: bool,
    /// The selected row on Home, in Home's order.
    pub home_selected: usize,
    pub show_guidance: bool,
    /// Makes new ids unique between copies of the app started in the same second.
    pub id_salt: String,
    pub theme: Theme,
    /// The person's settings file, as read at start.
    pub settings: Settings,
    /// Why nothing may be written (another copy has the folder), if so.
    pub read_only: Option<String>,
    /// Deleted entries, restorable until the trash is emptied.
    pub trash: Vec<Summary>,
    /// Home shows the trash instead of the entries.
    pub show_trash: bool,
    pub trash_selected: usize,
    /// Said on the terminal after the workbook closes (e.g. where a recovery file went).
    pub exit_message: Option<String>,
    /// The supervision prep answers.
    pub prep: export::PrepNotes,
    /// Where exports made in the workbook are written.
    pub export_folder: std::path::PathBuf,
    /// What was decided about possible identifying details at earlier
    /// exports (`decisions.json`); `None` when that file could not be read,
    /// so it is never written over.
    pub remembered: Option<crate::export::remembered::Remembered>,
    /// The settings file, where the check screen adds to `never_export`
    /// and `safe_words`; `None` when there is none to write.
    pub settings_path: Option<std::path::PathBuf>,
    /// Issue forms left unfinished, one per map at most.
    pub issue_drafts: Vec<IssueDraft>,
}

/// The entries changed in memory and not yet written, and how many changes
/// there have been (every change to an entry marks it here, so a key that
/// changed nothing can be told apart).
#[derive(Debug, Clone, Default)]
pub struct Unsaved {
    ids: BTreeSet<String>,
    changes: u64,
}

impl Unsaved {
    /// Marks an entry changed.
    pub fn insert(&mut self, id: String) -> bool {
        self.changes += 1;
        self.ids.insert(id)
    }

    /// How many times entries were changed since spiral started.
    pub fn changes(&self) -> u64 {
        self.changes
    }
}

impl std::ops::Deref for Unsaved {
    type Target = BTreeSet<String>;
    fn deref(&self) -> &BTreeSet<String> {
        &self.ids
    }
}

impl std::ops::DerefMut for Unsaved {
    fn deref_mut(&mut self) -> &mut BTreeSet<String> {
        &mut self.ids
    }
}

impl<'a> IntoIterator for &'a Unsaved {
    type Item = &'a String;
    type IntoIter = std::collections::btree_set::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.ids.iter()
    }
}

/// A one-line field on Home about one entry.
pub struct HomeInput {
    pub kind: HomeInputKind,
    /// The entry's id (its place in the list can change meanwhile).
    pub id: String,
    pub input: TextArea<'static>,
}

/// The one-line field where the path of a feedback file is typed.
pub struct ImportField {
    pub input: TextArea<'static>,
    /// The newest feedback file found nearby: Enter on an empty field takes it.
    pub suggestion: Option<String>,
    /// The names Tab could finish the path with, when there are several.
    pub choices: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeInputKind {
    Rename,
    Tags,
}

/// One entry as the app holds it.
#[derive(Debug, Clone)]
pub struct Record {
    pub summary: Summary,
    /// The whole entry, once read: always there for an entry that is open,
    /// being changed or not yet saved.
    pub entry: Option<Box<Entry>>,
    /// What search looks through (see [`search_text`]), once read.
    pub search: Option<Box<str>>,
}

impl Record {
    pub fn loaded(entry: Entry, worksheets: &[Worksheet]) -> Record {
        Record {
            summary: Summary::of(&entry, worksheets, None),
            search: Some(search_text(&entry).into()),
            entry: Some(Box::new(entry)),
        }
    }

    pub fn summarized(summary: Summary) -> Record {
        Record {
            summary,
            entry: None,
            search: None,
        }
    }

    pub fn id(&self) -> &str {
        &self.summary.id
    }
}

pub enum Screen {
    Home,
    Picker {
        selected: usize,
    },
    Label {
        worksheet: usize,
        input: TextArea<'static>,
    },
    Worksheet(Session),
    /// Exporting entries or the prep note.
    Export(Box<export::ExportFlow>),
    /// Supervision prep.
    Prep(Box<export::PrepScreen>),
}

/// An entry open for writing.
pub struct Session {
    pub entry: usize,
    pub worksheet: usize,
    pub step: usize,
    pub editor: TextArea<'static>,
    pub focus: Focus,
    /// The issue being added or edited on a map step.
    pub form: Option<Box<IssueForm>>,
    /// The map as it was before each of its changes here, the last last,
    /// for `u` (undo).
    pub map_undo: Vec<Vec<MapIssue>>,
    /// A pick's answers before each change on this step (the answer's key
    /// and what it was), the last last, for Ctrl-Z.
    pub pick_undo: Vec<(String, String)>,
    /// The key pressed last on this screen, and when: `1` then `0` in a
    /// moment is 10 on a scale.
    pub last_key: Option<(
        crossterm::event::KeyCode,
        chrono::DateTime<chrono::FixedOffset>,
    )>,
    /// Undo and redo for the open step's text (the editor keeps none).
    pub history: crate::undo::TextHistory,
}

/// An issue form left with Esc before it was kept on the map: reopening
/// the form (a or e) or `u` brings it back, so a half-written issue is
/// never dropped.
pub struct IssueDraft {
    /// The entry's id and the map's item id.
    pub entry: String,
    pub item: String,
    /// The id of the issue it changes, when editing one.
    pub issue: Option<u32>,
    pub form: Box<IssueForm>,
    /// Left after the map's last change: `u` brings this back first.
    pub latest: bool,
}

/// Adding or editing one issue on the map.
pub struct IssueForm {
    /// The issue's index when editing; `None` when adding.
    pub editing: Option<usize>,
    pub field: FormField,
    pub text: TextArea<'static>,
    pub when: TextArea<'static>,
    pub shifted: TextArea<'static>,
    /// Index into the worksheet's stages.
    pub stage: usize,
    /// The id of the earlier issue this returns to.
    pub return_of: Option<u32>,
    /// One per part of the core, in the worksheet's order.
    pub feeds: Vec<bool>,
    pub part: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    Text,
    Stage,
    When,
    Shifted,
    ReturnOf,
    Feeds,
}

impl FormField {
    pub const ALL: [FormField; 6] = [
        FormField::Text,
        FormField::Stage,
        FormField::When,
        FormField::Shifted,
        FormField::ReturnOf,
        FormField::Feeds,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FormField::Text => "Issue",
            FormField::Stage => "Stage",
            FormField::When => "When",
            FormField::Shifted => "What shifted",
            FormField::ReturnOf => "Returns to",
            FormField::Feeds => "Fed the core",
        }
    }

    pub fn step(self, forward: bool) -> FormField {
        let i = FormField::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let n = FormField::ALL.len();
        FormField::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

impl IssueForm {
    pub fn new(editing: Option<usize>, issue: &MapIssue, stage: usize, feeds: Vec<bool>) -> Self {
        let field = |text: &str| {
            let mut input = label_input();
            input.set_placeholder_text("");
            input.insert_str(text);
            input
        };
        IssueForm {
            editing,
            field: FormField::Text,
            text: field(&issue.text),
            when: field(&issue.when),
            shifted: field(&issue.shifted),
            stage,
            return_of: issue.return_of,
            feeds,
            part: 0,
        }
    }

    /// The single-line input of the focused field, if it is one.
    pub fn input_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.field {
            FormField::Text => Some(&mut self.text),
            FormField::When => Some(&mut self.when),
            FormField::Shifted => Some(&mut self.shifted),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Editor,
    Chooser {
        selected: usize,
    },
    Outline {
        selected: usize,
    },
    /// The list of issues on a map step.
    Map {
        selected: usize,
    },
    /// The issue form on a map step (the form is in `Session::form`).
    MapForm,
    /// Picking a check's state, a number on a scale, or yes or no (the
    /// editor below holds the note).
    Pick(Pick),
    /// Typing a date (the editor holds it, one line).
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    Background {
        worksheet: usize,
        scroll: u16,
    },
    /// The worksheet's picture, full screen.
    Diagram {
        worksheet: usize,
    },
    /// Every mapped issue of one family's entries on one spiral.
    Family {
        entry: usize,
    },
    ConfirmQuit,
    ConfirmEmptyTrash,
    /// Every comment a supervisor left on the open entry, in the
    /// worksheet's order (F5).
    Comments {
        scroll: u16,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Model {
    /// A model holding these whole entries (as tests and benchmarks make it).
    pub fn new(
        worksheets: Vec<Worksheet>,
        entries: Vec<Entry>,
        damaged: Vec<Damaged>,
        data_dir: String,
        id_salt: String,
    ) -> Self {
        let records = entries
            .into_iter()
            .map(|e| Record::loaded(e, &worksheets))
            .collect();
        Model::with_records(worksheets, records, damaged, data_dir, id_salt)
    }

    /// A model from the catalog: summaries only; entries are read when needed.
    pub fn from_catalog(
        worksheets: Vec<Worksheet>,
        catalog: Catalog,
        data_dir: String,
        id_salt: String,
    ) -> Self {
        let records = catalog
            .summaries
            .into_iter()
            .map(Record::summarized)
            .collect();
        Model::with_records(worksheets, records, catalog.damaged, data_dir, id_salt)
    }

    fn with_records(
        worksheets: Vec<Worksheet>,
        entries: Vec<Record>,
        damaged: Vec<Damaged>,
        data_dir: String,
        id_salt: String,
    ) -> Self {
        // Replaced with the person's documents folder when the workbook opens.
        let export_folder = std::path::Path::new(&data_dir).join("exports");
        let mut model = Model {
            worksheets,
            entries,
            damaged,
            view: Vec::new(),
            view_stale: true,
            loading: BTreeSet::new(),
            pending_open: None,
            checking: false,
            index_stale: false,
            index_write_soon: false,
            query_text: String::new(),
            query: Query::default(),
            query_error: None,
            sort: Sort::default(),
            search_box: None,
            home_input: None,
            import: None,
            show_comments: true,
            screen_size: ratatui::layout::Rect::new(0, 0, 80, 24),
            data_dir,
            screen: Screen::Home,
            overlay: None,
            status: None,
            unsaved: Unsaved::default(),
            save_error: None,
            quitting: false,
            should_quit: false,
            stopping: None,
            recovering: false,
            home_selected: 0,
            show_guidance: true,
            id_salt,
            theme: Theme::default(),
            settings: Settings::default(),
            read_only: None,
            trash: Vec::new(),
            show_trash: false,
            trash_selected: 0,
            exit_message: None,
            prep: export::PrepNotes::default(),
            export_folder,
            remembered: Some(crate::export::remembered::Remembered::default()),
            settings_path: None,
            issue_drafts: Vec::new(),
        };
        model.refresh_view();
        model
    }

    /// Replaces every entry with these whole entries.
    pub fn set_entries(&mut self, entries: Vec<Entry>) {
        self.entries = entries
            .into_iter()
            .map(|e| Record::loaded(e, &self.worksheets))
            .collect();
        self.refresh_view();
    }

    /// Works out Home's rows again: the entries the query lets through, in
    /// the chosen order. A selection on the top row stays on the top row;
    /// any other selected entry stays selected if it is still there.
    pub fn refresh_view(&mut self) {
        let selected = self
            .selected_entry()
            .filter(|_| self.home_selected > 0)
            .and_then(|i| self.entries.get(i))
            .map(|r| r.id().to_string());
        let query = &self.query;
        let mut order: Vec<usize> = (0..self.entries.len())
            .filter(|&i| {
                let record = &self.entries[i];
                query.matches_summary(&record.summary, &self.worksheets)
                    && (!query.needs_text()
                        || self.text_of(i).is_some_and(|t| query.matches_text(&t)))
            })
            .collect();
        let summaries: Vec<&Summary> = self.entries.iter().map(|r| &r.summary).collect();
        crate::filter::sort(&mut order, &summaries, self.sort);
        self.view = order;
        self.view_stale = false;
        if let Some(at) =
            selected.and_then(|id| self.view.iter().position(|&i| self.entries[i].id() == id))
        {
            self.home_selected = at;
        }
        self.home_selected = self.home_selected.min(self.view.len().saturating_sub(1));
    }

    /// The text search looks through for one entry, once it has been read.
    pub fn text_of(&self, index: usize) -> Option<std::borrow::Cow<'_, str>> {
        let record = self.entries.get(index)?;
        match (&record.search, &record.entry) {
            (Some(text), _) => Some(std::borrow::Cow::Borrowed(text)),
            (None, Some(entry)) => Some(std::borrow::Cow::Owned(search_text(entry))),
            (None, None) => None,
        }
    }

    /// How many entries search cannot look into yet (still being read).
    pub fn unread(&self) -> usize {
        self.entries
            .iter()
            .filter(|r| r.search.is_none() && r.entry.is_none())
            .count()
    }

    /// Whether Home shows fewer entries, or in another order, than usual.
    pub fn filtered(&self) -> bool {
        !self.query.is_empty() || self.sort != Sort::default()
    }

    /// Every tag in use, most used first.
    pub fn tags_in_use(&self) -> Vec<String> {
        let mut counts: std::collections::BTreeMap<String, (usize, String)> = Default::default();
        for r in &self.entries {
            for t in &r.summary.tags {
                let c = counts.entry(t.to_lowercase()).or_insert((0, t.clone()));
                c.0 += 1;
            }
        }
        let mut tags: Vec<(usize, String)> = counts.into_values().collect();
        tags.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        tags.into_iter().map(|(_, t)| t).collect()
    }

    /// What the summary index is written from.
    pub fn catalog(&self) -> Catalog {
        Catalog {
            summaries: self.entries.iter().map(|r| r.summary.clone()).collect(),
            damaged: self.damaged.clone(),
        }
    }

    /// The entry on Home's selected row.
    pub fn selected_entry(&self) -> Option<usize> {
        self.view.get(self.home_selected).copied()
    }

    /// The whole entry at `index`, if it has been read.
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)?.entry.as_deref()
    }

    pub fn entry_mut(&mut self, index: usize) -> Option<&mut Entry> {
        self.entries.get_mut(index)?.entry.as_deref_mut()
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.entries.iter().position(|r| r.id() == id)
    }

    /// Makes the summary of a changed entry match it, and forgets its old
    /// search text.
    pub fn resummarize(&mut self, index: usize) {
        let Some(record) = self.entries.get_mut(index) else {
            return;
        };
        let Some(entry) = record.entry.as_deref() else {
            return;
        };
        let summary = Summary::of(entry, &self.worksheets, None);
        // A summary that changed loses its stamp: the next start reads the
        // file again. (A stamp left behind is harmless: it only ever makes
        // a file be read again.)
        if !summary.shows_same(&record.summary) {
            record.summary = summary;
            self.view_stale = true;
            self.index_stale = true;
        }
        // Worked out again only when searched (see `text_of`): not on every
        // keystroke into a long answer.
        record.search = None;
    }

    /// Why nothing may be changed here, if so: another copy has the folder,
    /// or the open entry was written by a newer spiral.
    pub fn read_only_reason(&self) -> Option<&str> {
        if let Some(why) = &self.read_only {
            return Some(why);
        }
        self.session()
            .filter(|s| self.entries[s.entry].summary.is_from_newer_spiral())
            .map(|_| crate::text::NEWER_ENTRY)
    }

    pub fn worksheet_of(&self, entry: &Entry) -> Option<usize> {
        self.worksheet_by_id(&entry.worksheet.id)
    }

    pub fn worksheet_by_id(&self, id: &str) -> Option<usize> {
        self.worksheets.iter().position(|w| w.id == id)
    }

    /// The entries about the same family as `entry` (the same label, ignoring
    /// case and spaces at the ends), oldest first.
    pub fn family_of(&self, entry: usize) -> Vec<usize> {
        let key = |r: &Record| r.summary.family_label.trim().to_lowercase();
        let Some(label) = self.entries.get(entry).map(key) else {
            return Vec::new();
        };
        let mut family: Vec<usize> = (0..self.entries.len())
            .filter(|&i| key(&self.entries[i]) == label)
            .collect();
        family.sort_by_key(|&i| {
            (
                self.entries[i].summary.created,
                self.entries[i].id().to_string(),
            )
        });
        family
    }

    /// Where the keyboard is now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::ConfirmQuit) => return Context::QuitUnsaved,
            Some(Overlay::ConfirmEmptyTrash) => return Context::Confirm,
            Some(
                Overlay::Help { .. }
                | Overlay::Background { .. }
                | Overlay::Diagram { .. }
                | Overlay::Family { .. }
                | Overlay::Comments { .. },
            ) => {
                return Context::Reading;
            }
            None => {}
        }
        self.screen_context()
    }

    /// Where the keyboard would be without any overlay.
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Home if self.show_trash => Context::Trash,
            Screen::Home if self.home_input.is_some() => Context::HomeInput,
            Screen::Home if self.import.is_some() => Context::ImportFeedback,
            Screen::Home if self.search_box.is_some() => Context::Search,
            Screen::Home => Context::Home,
            Screen::Picker { .. } => Context::Picker,
            Screen::Label { .. } => Context::Label,
            Screen::Worksheet(s) => match s.focus {
                Focus::Editor => Context::Editor,
                Focus::Chooser { .. } => Context::Chooser,
                Focus::Outline { .. } => Context::Outline,
                Focus::Map { .. } => Context::Map,
                Focus::MapForm => Context::MapForm,
                Focus::Pick(Pick::Check) => Context::Checklist,
                Focus::Pick(Pick::Scale) => Context::Scale,
                Focus::Pick(Pick::YesNo) => Context::YesNo,
                Focus::Date => Context::Date,
            },
            Screen::Export(flow) => match flow.step {
                export::ExportStep::Choose => Context::ExportChoose,
                export::ExportStep::Format
                | export::ExportStep::Reading
                | export::ExportStep::Writing => Context::ExportFormat,
                export::ExportStep::Check => Context::ExportCheck,
                export::ExportStep::Reason => Context::ExportReason,
                export::ExportStep::Summary => Context::ExportSummary,
            },
            Screen::Prep(_) => Context::Prep,
        }
    }

    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Worksheet(s) => Some(s),
            _ => None,
        }
    }

    /// The steps of the open entry, and the open step.
    pub fn session_steps(&self) -> Option<(Vec<Step>, &Session)> {
        let session = self.session()?;
        let ws = &self.worksheets[session.worksheet];
        Some((steps(ws, self.entry(session.entry)?), session))
    }
}

/// A multi-line answer editor holding `text`, soft-wrapped at word boundaries.
pub fn answer_editor(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut editor = TextArea::new(lines);
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_cursor_line_style(Style::default());
    editor.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    editor.set_placeholder_text("Write your answer here…");
    // Dim, not grey: it must read the same with NO_COLOR.
    editor.set_placeholder_style(Style::default().add_modifier(Modifier::DIM));
    // Undo is the session's (`crate::undo`): whole edits as one step.
    editor.set_max_histories(0);
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    editor
}

/// Puts `text` in an answer editor with the cursor at byte `cursor`,
/// keeping its placeholder.
pub fn replace_editor_text(editor: &mut TextArea<'static>, text: &str, cursor: usize) {
    let placeholder = editor.placeholder_text().to_string();
    *editor = answer_editor(text);
    editor.set_placeholder_text(placeholder);
    let before = text.get(..cursor).unwrap_or(text);
    let row = before.matches('\n').count();
    let col = before.rsplit('\n').next().unwrap_or("").chars().count();
    let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    editor.move_cursor(ratatui_textarea::CursorMove::Jump(clamp(row), clamp(col)));
}

/// The single-line field for a family label.
pub fn label_input() -> TextArea<'static> {
    let mut input = TextArea::default();
    input.set_cursor_line_style(Style::default());
    input.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    input.set_placeholder_text("e.g. Family K, or a pseudonym");
    input.set_placeholder_style(Style::default().add_modifier(Modifier::DIM));
    input
}

/// The single-line field for a date, holding `text`.
pub fn date_input(text: &str) -> TextArea<'static> {
    let mut input = label_input();
    input.set_placeholder_text("YYYY-MM-DD");
    input.insert_str(text);
    input
}

pub fn editor_text(editor: &TextArea<'_>) -> String {
    editor.lines().join("\n")
}
