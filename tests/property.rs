//! Property tests: random input never panics and never loses text; no file
//! content makes the parsers panic. `PROPTEST_CASES` raises the case count.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::{Terminal, backend::TestBackend};
use spiral::model::entry::Entry;
use spiral::msg::{Effect, ExternalEdit, Msg};
use spiral::state::{Focus, Model, Screen, editor_text};
use spiral::update::update;

/// `PROPTEST_CASES` overrides the default count, for a long run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-24T21:10:00+11:00").unwrap()
}

/// One step of a person at the keyboard (or the terminal around them).
#[derive(Debug, Clone)]
enum Step {
    Msg(Msg),
    /// Draw the screen at this size.
    Draw(u16, u16),
    /// The next saves fail (a full disk) or succeed.
    DiskFull(bool),
}

fn text_chars() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => Just(' '),
        1 => prop::sample::select(vec!['😊', '李', '字', 'é', '\u{301}', 'ש', 'ل', 'ä', '—', '\u{200f}']),
    ]
}

fn key_event() -> impl Strategy<Value = KeyEvent> {
    let plain = prop_oneof![
        6 => text_chars().prop_map(KeyCode::Char),
        1 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Esc,
            KeyCode::F(1),
            KeyCode::F(2),
            KeyCode::Char('n'),
            KeyCode::Char('d'),
            KeyCode::Char('t'),
            KeyCode::Char('r'),
            KeyCode::Char('x'),
            KeyCode::Char('y'),
            KeyCode::Char('w'),
            KeyCode::Char('/'),
            KeyCode::Char('s'),
            KeyCode::Char('g'),
            KeyCode::Char('c'),
            KeyCode::Char('v'),
            KeyCode::Char('f'),
            KeyCode::Char('i'),
            KeyCode::F(4),
            KeyCode::F(5),
            // Exports and supervision prep.
            KeyCode::Char('p'),
            KeyCode::Char('a'),
            KeyCode::Char('e'),
            KeyCode::Char('k'),
            KeyCode::Char('R'),
        ]),
    ]
    .prop_map(|code| KeyEvent::new(code, KeyModifiers::NONE));
    let control = prop::sample::select(vec![
        'n', 'p', 'o', 'g', 's', 'z', 'u', 'r', 'w', 'k', 'a', 'e', 'h', 'x',
    ])
    .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    prop_oneof![8 => plain, 1 => control]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        30 => key_event().prop_map(|k| Step::Msg(Msg::Key(k))),
        2 => prop::collection::vec(prop_oneof![text_chars(), Just('\n'), Just('\r')], 0..40)
            .prop_map(|c| Step::Msg(Msg::Paste(c.into_iter().collect()))),
        3 => Just(Step::Msg(Msg::Tick)),
        1 => "[a-z ]{0,20}".prop_map(|t| Step::Msg(Msg::ExternalEditDone(ExternalEdit::Done(t)))),
        1 => Just(Step::Msg(Msg::ExternalEditDone(ExternalEdit::Failed {
            error: "editor failed".into(),
            kept: None,
        }))),
        2 => (1u16..250, 1u16..80).prop_map(|(w, h)| Step::Draw(w, h)),
        1 => any::<bool>().prop_map(Step::DiskFull),
        1 => (1u16..250, 1u16..80).prop_map(|(width, height)| Step::Msg(Msg::Resize { width, height })),
        2 => (0u16..250, 0u16..80, 0u8..4).prop_map(|(column, row, kind)| {
            use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
            let kind = match kind {
                0 => MouseEventKind::ScrollUp,
                1 => MouseEventKind::ScrollDown,
                2 => MouseEventKind::Down(MouseButton::Left),
                _ => MouseEventKind::Moved,
            };
            Step::Msg(Msg::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }))
        }),
    ]
}

/// Keys for tables, checklists, scales, dates and yes/no questions too.
fn step_with_kinds() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => step(),
        1 => prop::sample::select(vec!['0', '5', '7', '9', 'd', 'n', 'x', 'y', ' ', '-', '2'])
            .prop_map(|c| Step::Msg(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))),
        1 => Just(Step::Msg(Msg::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)))),
        1 => Just(Step::Msg(Msg::Paste("2026-12-04".into()))),
    ]
}

/// A supervisor's comment on every entry on the "disk" (the same comment
/// each time, so a second import adds nothing) and one on an entry it does
/// not have, as the driver would read it.
fn feedback_on(disk: &HashMap<String, Entry>, have: &[String]) -> spiral::msg::FeedbackRead {
    use spiral::export::feedback::{BundleRef, EntryFeedback, Feedback};
    use spiral::model::entry::Comment;
    let about = |id: &str| EntryFeedback {
        entry_id: id.into(),
        family_label: "Family P".into(),
        worksheet: "w".into(),
        discussed: None,
        comments: vec![Comment {
            id: format!("c-{id}"),
            key: None,
            text: "Well noticed.".into(),
            reviewer: None,
            written: now(),
        }],
    };
    let mut entries: Vec<EntryFeedback> = disk.keys().map(|id| about(id)).collect();
    entries.push(about("not-here"));
    spiral::msg::FeedbackRead {
        feedback: Feedback {
            format: "spiral-feedback".into(),
            version: 1,
            bundle: BundleRef {
                exported_at: now(),
                practitioner: None,
            },
            reviewer: None,
            updated: now(),
            entries,
        },
        entries: disk
            .iter()
            .filter(|(id, _)| !have.contains(id))
            .map(|(id, e)| (id.clone(), Ok(Box::new(e.clone()))))
            .chain([(
                "not-here".to_string(),
                Err(spiral::store::LoadFailure::Missing),
            )])
            .collect(),
    }
}

/// Runs the steps as the driver would, against an in-memory "disk".
fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    run_on(0, steps)
}

/// The same, on the `worksheet`-th worksheet in the picker.
fn run_on(worksheet: usize, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut model = Model::new(
        spiral::content::builtin().unwrap(),
        vec![],
        vec![],
        "/data".into(),
        "prop".into(),
    );
    let mut disk: HashMap<String, Entry> = HashMap::new();
    let mut disk_full = false;
    let mut queue: Vec<Msg> = Vec::new();
    // Start in a new entry, so most input lands in the editor.
    let start = std::iter::once(KeyCode::Char('n'))
        .chain(std::iter::repeat_n(KeyCode::Down, worksheet))
        .chain([KeyCode::Enter, KeyCode::Char('K'), KeyCode::Enter]);
    for m in start {
        queue.push(Msg::Key(KeyEvent::new(m, KeyModifiers::NONE)));
    }
    let mut all: Vec<Step> = queue.drain(..).map(Step::Msg).collect();
    all.extend_from_slice(steps);
    for step in all {
        if model.should_quit {
            break;
        }
        match step {
            Step::Draw(w, h) => {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| spiral::ui::view(&model, f)).unwrap();
            }
            Step::DiskFull(full) => disk_full = full,
            Step::Msg(msg) => {
                let mut pending = vec![msg];
                while let Some(msg) = pending.pop() {
                    for effect in update(&mut model, msg, now()) {
                        pending.push(match effect {
                            Effect::Save(entry) if disk_full => Msg::SaveFailed {
                                id: entry.id.clone(),
                                error: "disk full".into(),
                            },
                            Effect::Save(entry) => {
                                let id = entry.id.clone();
                                disk.insert(id.clone(), *entry);
                                Msg::Saved { id }
                            }
                            Effect::EditExternally { text } => {
                                Msg::ExternalEditDone(ExternalEdit::Done(format!("{text}!")))
                            }
                            Effect::Trash(id) => Msg::Trashed { id },
                            Effect::Restore(id) => Msg::Restored { id },
                            Effect::EmptyTrash => Msg::TrashEmptied {
                                count: model.trash.len(),
                            },
                            Effect::WriteRecovery { .. } => Msg::RecoveryFailed {
                                error: "not in this test".into(),
                            },
                            Effect::Load(id) => Msg::Loaded {
                                result: disk
                                    .get(&id)
                                    .cloned()
                                    .map(Box::new)
                                    .ok_or(spiral::store::LoadFailure::Missing),
                                id,
                            },
                            Effect::WriteIndex { .. } => Msg::IndexWritten(Ok(())),
                            Effect::FindFeedback => Msg::FeedbackFound(None),
                            Effect::CompletePath(typed) => Msg::PathCompleted {
                                completion: spiral::files::Completion {
                                    text: typed.clone(),
                                    found: 0,
                                    choices: Vec::new(),
                                },
                                typed,
                            },
                            Effect::ReadFeedback { have, .. } => {
                                Msg::FeedbackRead(Ok(Box::new(feedback_on(&disk, &have))))
                            }
                            Effect::ReadForExport(ids) => Msg::ReadForExport(
                                ids.into_iter()
                                    .map(|id| {
                                        let found = disk
                                            .get(&id)
                                            .cloned()
                                            .map(Box::new)
                                            .ok_or(spiral::store::LoadFailure::Missing);
                                        (id, found)
                                    })
                                    .collect(),
                            ),
                            Effect::WriteExport { .. } if disk_full => {
                                Msg::ExportWritten(Err("disk full".into()))
                            }
                            Effect::WriteExport { folder, name, .. } => {
                                Msg::ExportWritten(Ok(folder.join(name)))
                            }
                            Effect::LoadPrep => Msg::PrepLoaded(Ok(Default::default())),
                            Effect::SavePrep { .. } if disk_full => {
                                Msg::PrepSaveFailed("disk full".into())
                            }
                            Effect::SavePrep { .. } => Msg::PrepSaved,
                            Effect::SaveDecisions(_) if disk_full => {
                                Msg::DecisionsSaved(Err("disk full".into()))
                            }
                            Effect::SaveDecisions(_) => Msg::DecisionsSaved(Ok(())),
                            Effect::AddToSettings { text, .. } => {
                                Msg::AddedToSettings(Ok(format!("Added {text}.")))
                            }
                        });
                    }
                }
                // What is on screen is in the entry.
                if let Screen::Worksheet(session) = &model.screen
                    && matches!(session.focus, Focus::Editor | Focus::Date)
                {
                    let (steps, _) = model.session_steps().unwrap();
                    let ws = &model.worksheets[session.worksheet];
                    if let Some(key) = steps[session.step].answer_key(ws) {
                        prop_assert_eq!(
                            editor_text(&session.editor),
                            model.entry(session.entry).unwrap().answer(&key)
                        );
                    }
                }
            }
        }
    }
    // Once the disk works and a tick passes, everything in memory is on disk.
    if !model.should_quit {
        let mut pending = vec![Msg::Tick];
        while let Some(msg) = pending.pop() {
            for effect in update(&mut model, msg, now()) {
                match effect {
                    Effect::Save(entry) => {
                        let id = entry.id.clone();
                        disk.insert(id.clone(), *entry);
                        pending.push(Msg::Saved { id });
                    }
                    Effect::SavePrep { .. } => pending.push(Msg::PrepSaved),
                    _ => {}
                }
            }
        }
        prop_assert!(model.unsaved.is_empty() || model.read_only.is_some());
        prop_assert!(!model.prep.unsaved, "the prep notes are written too");
        for entry in model.entries.iter().filter_map(|r| r.entry.as_deref()) {
            if let Some(saved) = disk.get(&entry.id) {
                prop_assert_eq!(saved, entry, "what is on disk is what was written");
            }
        }
        for record in &model.entries {
            prop_assert!(
                disk.contains_key(record.id()) || model.read_only.is_some(),
                "every entry listed is on disk"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_panics_and_never_loses_text(steps in prop::collection::vec(step(), 1..300)) {
        run(&steps)?;
    }

    #[test]
    fn random_input_on_every_worksheet_never_panics_and_never_loses_text(
        worksheet in 0usize..5,
        steps in prop::collection::vec(step_with_kinds(), 1..300),
    ) {
        run_on(worksheet, &steps)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn any_text_as_an_entry_file_is_an_answer_or_an_error(text in any::<String>()) {
        let _ = spiral::store::parse_entry(&text);
        let _ = spiral::store::parse_entry_for_reading(&text);
    }

    #[test]
    fn a_damaged_entry_file_never_panics_the_parser(cut in 0usize..2000, junk in "[{}\\[\\]\",:0-9a-z ]{0,8}", at in 0usize..2000) {
        let fixture = include_str!("fixtures/entry-v1.json");
        let mut text: String = fixture.chars().take(cut).collect();
        let at = at.min(text.chars().count());
        let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
        text.insert_str(byte, &junk);
        let _ = spiral::store::parse_entry_for_reading(&text);
    }

    #[test]
    fn a_damaged_worksheet_file_never_panics_the_loader(cut in 0usize..30000, junk in "[{}\\[\\]\",:0-9a-z ]{0,8}", at in 0usize..30000) {
        let content = include_str!("../content/building-impactful-partnerships.json");
        let mut text: String = content.chars().take(cut).collect();
        let at = at.min(text.chars().count());
        let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
        text.insert_str(byte, &junk);
        let _ = spiral::content::parse_worksheet("fuzz.json", &text);
    }

    #[test]
    fn an_entry_with_any_values_in_its_fields_loads_or_is_refused(
        key in prop::sample::select(vec!["id", "worksheet", "family_label", "created", "updated", "answers", "chosen", "position", "version", "format"]),
        value in prop_oneof![
            Just(serde_json::Value::Null),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
            Just(serde_json::json!({"x": [1, {"y": null}]})),
            Just(serde_json::json!([])),
        ],
    ) {
        let mut entry: serde_json::Value = serde_json::from_str(include_str!("fixtures/entry-v1.json")).unwrap();
        entry[key] = value;
        let _ = spiral::store::parse_entry_for_reading(&entry.to_string());
    }
}

#[test]
fn a_one_megabyte_paste_lands_whole_and_survives_saving() {
    let mut model = Model::new(
        spiral::content::builtin().unwrap(),
        vec![],
        vec![],
        "/data".into(),
        "big".into(),
    );
    for code in [
        KeyCode::Char('n'),
        KeyCode::Enter,
        KeyCode::Char('B'),
        KeyCode::Enter,
    ] {
        update(
            &mut model,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        );
    }
    let line = "Late visit; she talked about her mother 😊 李 שלום é. ";
    let mut big = String::new();
    while big.len() < 1_000_000 {
        big.push_str(line);
        big.push('\n');
    }
    update(&mut model, Msg::Paste(big.clone()), now());
    let fx = update(&mut model, Msg::Tick, now());
    let [Effect::Save(entry)] = &fx[..] else {
        panic!("{fx:?}")
    };
    let first = model.worksheets[0].sections[0].items[0].id().to_string();
    assert_eq!(entry.answer(&first), big);
    let dir = tempfile::tempdir().unwrap();
    let store = spiral::store::JsonDirStore::open(dir.path()).unwrap();
    spiral::store::EntryStore::save(&store, entry).unwrap();
    let loaded = spiral::store::EntryStore::load_all(&store).unwrap();
    assert_eq!(loaded.entries[0].answer(&first), big);
}

#[test]
fn typed_emoji_cjk_combining_and_rtl_text_edit_as_characters_and_survive_saving() {
    let mut model = Model::new(
        spiral::content::builtin().unwrap(),
        vec![],
        vec![],
        "/data".into(),
        "uni".into(),
    );
    let key = |model: &mut Model, code| {
        update(
            model,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        );
    };
    for code in [
        KeyCode::Char('n'),
        KeyCode::Enter,
        KeyCode::Char('U'),
        KeyCode::Enter,
    ] {
        key(&mut model, code);
    }
    for c in "李😊e\u{301}שלום".chars() {
        key(&mut model, KeyCode::Char(c));
    }
    // The editor moves and deletes by character (a combining accent is a
    // character of its own): Backspace takes the last Hebrew letter; five
    // Lefts pass ו ל ש, the accent and the e; Backspace then takes the emoji.
    key(&mut model, KeyCode::Backspace);
    for _ in 0..5 {
        key(&mut model, KeyCode::Left);
    }
    key(&mut model, KeyCode::Backspace);
    let first = model.worksheets[0].sections[0].items[0].id().to_string();
    let expected = "李e\u{301}שלו";
    assert_eq!(model.entry(0).unwrap().answer(&first), expected);
    let dir = tempfile::tempdir().unwrap();
    let store = spiral::store::JsonDirStore::open(dir.path()).unwrap();
    spiral::store::EntryStore::save(&store, model.entry(0).unwrap()).unwrap();
    let loaded = spiral::store::EntryStore::load_all(&store).unwrap();
    assert_eq!(loaded.entries[0].answer(&first), expected);
}

/// The kinds of prompt, each at one place in a built-in worksheet: the
/// worksheet's id, and which step (by kind) to start on.
#[derive(Debug, Clone, Copy)]
enum PromptKind {
    Text,
    TableRow,
    Choose,
    Map,
    Check,
    Scale,
    Date,
    YesNoAlways,
    YesNoAfterNo,
}

impl PromptKind {
    const ALL: [PromptKind; 9] = [
        PromptKind::Text,
        PromptKind::TableRow,
        PromptKind::Choose,
        PromptKind::Map,
        PromptKind::Check,
        PromptKind::Scale,
        PromptKind::Date,
        PromptKind::YesNoAlways,
        PromptKind::YesNoAfterNo,
    ];

    /// The worksheet, and the position (a step's key) to start at, if
    /// a particular one.
    fn place(self) -> (&'static str, Option<&'static str>) {
        match self {
            PromptKind::Text | PromptKind::Choose | PromptKind::Map => {
                ("building-impactful-partnerships", None)
            }
            PromptKind::TableRow => ("working-agreement", Some("agreement/timescale")),
            PromptKind::Check => ("co-produced-contracts", Some("rules/facilitation")),
            PromptKind::Scale => ("relationship-based-practice", Some("equal")),
            PromptKind::Date => ("working-agreement", Some("review-date")),
            PromptKind::YesNoAlways => ("contracting-with-a-family", Some("still-wanted")),
            PromptKind::YesNoAfterNo => ("working-agreement", Some("understood")),
        }
    }

    fn is_here(self, step: &spiral::model::steps::Step, key: &str) -> bool {
        use spiral::model::steps::Step as S;
        match (self, self.place().1) {
            (_, Some(at)) => key == at,
            (PromptKind::Text, None) => matches!(step, S::Prompt { .. }),
            (PromptKind::Choose, None) => matches!(step, S::Choose { .. }),
            (PromptKind::Map, None) => matches!(step, S::Map { .. }),
            _ => false,
        }
    }
}

/// A key on a prompt: mostly printable ones (what is checked), and the
/// keys that move between prompts, fields and notes.
fn prompt_key() -> impl Strategy<Value = KeyEvent> {
    let printable = prop_oneof![
        6 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        2 => proptest::char::range('0', '9'),
        2 => Just(' '),
        1 => prop::sample::select(vec!['.', ',', '-', '/', '\'', '!', '?', '😊', '李', 'é', '\u{301}']),
    ]
    .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let moving = prop::sample::select(vec![
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Enter,
        KeyCode::Backspace,
    ])
    .prop_map(|code| KeyEvent::new(code, KeyModifiers::NONE));
    prop_oneof![8 => printable, 1 => moving]
}

/// The entry, the focus, the step, whether an overlay is up, the form.
type Print = (
    Option<Entry>,
    Option<Focus>,
    Option<usize>,
    bool,
    Vec<String>,
);

/// What a key can change: the entry, where the keyboard is, the issue form.
fn footprint(model: &Model) -> Print {
    let session = model.session();
    let form = session
        .and_then(|s| s.form.as_deref())
        .map(|f| {
            let mut all: Vec<String> = [&f.text, &f.when, &f.shifted]
                .iter()
                .flat_map(|t| t.lines().iter().cloned())
                .collect();
            all.push(format!(
                "{:?} {} {} {:?} {:?}",
                f.field, f.stage, f.part, f.return_of, f.feeds
            ));
            all
        })
        .unwrap_or_default();
    (
        session.and_then(|s| model.entry(s.entry)).cloned(),
        session.map(|s| s.focus),
        session.map(|s| s.step),
        model.overlay.is_some(),
        form,
    )
}

/// Opens a new entry on the prompt of `kind`, then sends `keys`: each
/// printable key changes the entry, moves the keyboard, or shows a message.
fn every_printable_key_does_something(
    kind: PromptKind,
    keys: &[KeyEvent],
) -> Result<(), TestCaseError> {
    let mut model = Model::new(
        spiral::content::builtin().unwrap(),
        vec![],
        vec![],
        "/data".into(),
        "prop".into(),
    );
    let (worksheet, _) = kind.place();
    let index = model
        .worksheets
        .iter()
        .position(|w| w.id == worksheet)
        .unwrap();
    let press = |model: &mut Model, code: KeyCode| {
        update(
            model,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            now(),
        );
    };
    press(&mut model, KeyCode::Char('n'));
    for _ in 0..index {
        press(&mut model, KeyCode::Down);
    }
    press(&mut model, KeyCode::Enter);
    update(&mut model, Msg::Paste("Family P".into()), now());
    press(&mut model, KeyCode::Enter);
    for _ in 0..300 {
        let (steps, session) = model.session_steps().unwrap();
        let ws = &model.worksheets[session.worksheet];
        let step = &steps[session.step];
        if kind.is_here(step, &step.key(ws)) {
            break;
        }
        press(&mut model, KeyCode::Tab);
    }
    {
        let (steps, session) = model.session_steps().unwrap();
        let step = &steps[session.step];
        let key = step.key(&model.worksheets[session.worksheet]);
        prop_assert!(kind.is_here(step, &key), "{kind:?} not found: at {key}");
    }
    for (n, key) in keys.iter().enumerate() {
        let prompt = matches!(
            model.context(),
            spiral::keymap::Context::Editor
                | spiral::keymap::Context::Chooser
                | spiral::keymap::Context::Map
                | spiral::keymap::Context::MapForm
                | spiral::keymap::Context::Checklist
                | spiral::keymap::Context::Scale
                | spiral::keymap::Context::YesNo
                | spiral::keymap::Context::Date
        );
        if !prompt {
            // Help, or the outline: not a prompt; the rest is for other tests.
            return Ok(());
        }
        let context = model.context();
        let before = footprint(&model);
        for effect in update(&mut model, Msg::Key(*key), now()) {
            if let Effect::Save(entry) = effect {
                update(&mut model, Msg::Saved { id: entry.id }, now());
            }
        }
        if matches!(key.code, KeyCode::Char(_)) {
            prop_assert!(
                footprint(&model) != before || model.status.is_some(),
                "key {n} ({:?}) in {context:?} was swallowed without a word",
                key.code
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn no_printable_key_on_any_prompt_is_silently_lost(
        kind in prop::sample::select(PromptKind::ALL.to_vec()),
        keys in prop::collection::vec(prompt_key(), 1..60),
    ) {
        every_printable_key_does_something(kind, &keys)?;
    }
}
