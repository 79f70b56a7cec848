//! The state machine, driven by messages alone: no disk, no clock, no terminal.

use chrono::{DateTime, Duration, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update;
use crate::content;
use crate::model::entry::{Entry, choice_key};
use crate::model::steps::Step;
use crate::model::worksheet::Item;
use crate::msg::{Effect, ExternalEdit, Msg};
use crate::state::{Focus, Model, Overlay, Screen};

pub fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap()
}

pub fn model() -> Model {
    Model::new(
        content::builtin().unwrap(),
        Vec::new(),
        Vec::new(),
        "/data".into(),
        "salt".into(),
    )
}

pub(super) fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub(super) fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Sends messages, acknowledging every save as the driver would.
pub(super) fn send(m: &mut Model, msgs: impl IntoIterator<Item = Msg>) -> Vec<Effect> {
    let mut all = Vec::new();
    for msg in msgs {
        let fx = update(m, msg, t0() + Duration::minutes(1));
        for e in &fx {
            if let Effect::Save(entry) = e {
                update(
                    m,
                    Msg::Saved {
                        id: entry.id.clone(),
                    },
                    t0(),
                );
            }
        }
        all.extend(fx);
    }
    all
}

fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        let msg = if c == '\n' {
            key(KeyCode::Enter)
        } else {
            key(KeyCode::Char(c))
        };
        send(m, [msg]);
    }
}

/// A model with one new entry for "Family K", open at its first prompt.
fn with_new_entry() -> (Model, Vec<Effect>) {
    let mut m = model();
    send(&mut m, [key(KeyCode::Char('n'))]);
    assert!(matches!(m.screen, Screen::Picker { selected: 0 }));
    send(&mut m, [key(KeyCode::Enter)]);
    assert!(matches!(m.screen, Screen::Label { .. }));
    type_text(&mut m, "Family K");
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    (m, fx)
}

fn current_step(m: &Model) -> Step {
    let (steps, s) = m.session_steps().expect("a worksheet is open");
    steps[s.step].clone()
}

fn ws(m: &Model) -> &crate::model::worksheet::Worksheet {
    &m.worksheets[0]
}

#[test]
fn starting_an_entry_opens_the_first_prompt_with_the_editor_focused_and_saves_it() {
    let (m, fx) = with_new_entry();
    let Screen::Worksheet(s) = &m.screen else {
        panic!("the entry opens")
    };
    assert_eq!(s.focus, Focus::Editor);
    assert_eq!(s.step, 0);
    assert_eq!(m.entries.len(), 1);
    let entry = m.entry(0).unwrap();
    assert_eq!(entry.family_label, "Family K");
    assert_eq!(entry.worksheet.id, "building-impactful-partnerships");
    assert_eq!(entry.id, "20261124-093100-salt");
    assert!(
        matches!(&fx[..], [Effect::Save(e)] if e.id == entry.id),
        "{fx:?}"
    );
    assert!(m.unsaved.is_empty());
}

#[test]
fn the_main_worksheet_is_first_in_the_picker() {
    assert_eq!(model().worksheets[0].id, "building-impactful-partnerships");
}

#[test]
fn an_empty_family_label_is_refused_with_a_reminder() {
    let mut m = model();
    send(
        &mut m,
        [
            key(KeyCode::Char('n')),
            key(KeyCode::Enter),
            key(KeyCode::Char(' ')),
            key(KeyCode::Enter),
        ],
    );
    assert!(matches!(m.screen, Screen::Label { .. }));
    assert!(m.entries.is_empty());
    assert!(m.status.as_ref().unwrap().text.contains("initials"));
}

#[test]
fn a_family_label_stays_one_short_line() {
    let mut m = model();
    send(&mut m, [key(KeyCode::Char('n')), key(KeyCode::Enter)]);
    type_text(&mut m, &"x".repeat(80));
    send(&mut m, [Msg::Paste("more\ntext".into())]);
    let Screen::Label { input, .. } = &m.screen else {
        panic!()
    };
    assert_eq!(input.lines().len(), 1);
    assert_eq!(input.lines()[0].chars().count(), super::MAX_LABEL_CHARS);
}

#[test]
fn pasted_control_characters_and_bidi_overrides_are_left_out() {
    let mut m = model();
    send(&mut m, [key(KeyCode::Char('n')), key(KeyCode::Enter)]);
    send(&mut m, [Msg::Paste("Family \u{1b}[31m\u{202e}K".into())]);
    let Screen::Label { input, .. } = &m.screen else {
        panic!()
    };
    assert_eq!(input.lines()[0], "Family [31mK");
    let (mut m, _) = with_new_entry();
    send(&mut m, [Msg::Paste("a\u{7}b\tc\u{9b}\nd\u{2066}".into())]);
    assert_eq!(
        m.entry(0).unwrap().answer(ws(&m).sections[0].items[0].id()),
        "ab\tc\nd"
    );
}

/// Every C0 control but new line, tab and carriage return (a pasted line
/// break, which a one-line field turns into a space), DEL, every C1
/// control, and the bidi embeddings, overrides and isolates.
fn every_hostile_character() -> String {
    ('\u{0}'..='\u{1f}')
        .filter(|c| !matches!(c, '\n' | '\t' | '\r'))
        .chain('\u{7f}'..='\u{9f}')
        .chain('\u{202a}'..='\u{202e}')
        .chain('\u{2066}'..='\u{2069}')
        .collect()
}

#[test]
fn a_pasted_tag_or_new_label_on_home_is_stored_without_controls_or_bidi() {
    let every = every_hostile_character();
    let (mut m, _) = with_new_entry();
    send(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(m.screen, Screen::Home));
    send(&mut m, [key(KeyCode::Char('g'))]);
    send(&mut m, [Msg::Paste(format!("sl{every}eep, fir{every}st"))]);
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.entry(0).unwrap().tags, ["sleep", "first"]);
    send(&mut m, [key(KeyCode::Char('r'))]);
    for _ in 0.."Family K".len() {
        send(&mut m, [key(KeyCode::Backspace)]);
    }
    send(&mut m, [Msg::Paste(format!("Family {every}T"))]);
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.entry(0).unwrap().family_label, "Family T");
}

#[test]
fn typing_writes_the_answer_into_the_entry_and_marks_it_unsaved() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "Trust came slowly.\nShe laughed at my joke.");
    let first = ws(&m).sections[0].items[0].id().to_string();
    assert_eq!(
        m.entry(0).unwrap().answer(&first),
        "Trust came slowly.\nShe laughed at my joke."
    );
    assert!(m.unsaved.contains(&m.entry(0).unwrap().id));
    assert_eq!(m.entry(0).unwrap().updated, t0() + Duration::minutes(1));
}

#[test]
fn a_tick_saves_unsaved_work_and_only_then() {
    let (mut m, _) = with_new_entry();
    assert!(
        update(&mut m, Msg::Tick, t0()).is_empty(),
        "nothing to save yet"
    );
    type_text(&mut m, "abc");
    let fx = update(&mut m, Msg::Tick, t0());
    assert!(
        matches!(&fx[..], [Effect::Save(e)] if e.answer(ws(&m).sections[0].items[0].id()) == "abc")
    );
}

#[test]
fn tab_and_shift_tab_move_between_prompts_saving_on_the_way() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "first");
    let fx = send(&mut m, [key(KeyCode::Tab)]);
    assert!(
        fx.iter().any(|e| matches!(e, Effect::Save(_))),
        "leaving a prompt saves"
    );
    assert_eq!(
        current_step(&m),
        Step::Prompt {
            section: 0,
            item: 1
        }
    );
    let Screen::Worksheet(s) = &m.screen else {
        panic!()
    };
    assert_eq!(
        s.editor.lines().concat(),
        "",
        "the next prompt's editor is empty"
    );
    send(&mut m, [key(KeyCode::BackTab)]);
    let Screen::Worksheet(s) = &m.screen else {
        panic!()
    };
    assert_eq!(
        s.editor.lines().join("\n"),
        "first",
        "coming back shows the answer"
    );
}

#[test]
fn sections_can_be_skipped_forwards_and_back() {
    let (mut m, _) = with_new_entry();
    send(&mut m, [ctrl('n'), ctrl('n')]);
    assert_eq!(current_step(&m).section(), 2);
    send(&mut m, [key(KeyCode::Tab), ctrl('p')]);
    assert_eq!(
        current_step(&m),
        Step::Prompt {
            section: 2,
            item: 0
        },
        "back to this section's start"
    );
    send(&mut m, [ctrl('p')]);
    assert_eq!(
        current_step(&m),
        Step::Prompt {
            section: 1,
            item: 0
        }
    );
}

#[test]
fn the_outline_jumps_to_any_prompt() {
    let (mut m, _) = with_new_entry();
    send(&mut m, [ctrl('o')]);
    assert!(matches!(
        m.session().unwrap().focus,
        Focus::Outline { selected: 0 }
    ));
    send(
        &mut m,
        [
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Enter),
        ],
    );
    let (steps, s) = m.session_steps().unwrap();
    assert_eq!(s.step, 3);
    assert!(matches!(
        steps[3],
        Step::Prompt { .. } | Step::Choose { .. }
    ));
    send(&mut m, [ctrl('o'), key(KeyCode::Esc)]);
    assert_eq!(
        m.session().unwrap().step,
        3,
        "Esc leaves the outline where you were"
    );
}

/// Goes to the first choice item of section 5.
fn go_to_choice(m: &mut Model) -> usize {
    send(m, [ctrl('n'), ctrl('n'), ctrl('n'), ctrl('n')]);
    while !matches!(current_step(m), Step::Choose { .. }) {
        send(m, [key(KeyCode::Tab)]);
    }
    m.session().unwrap().step
}

#[test]
fn choosing_questions_adds_their_prompts_and_stops_at_the_count() {
    let (mut m, _) = with_new_entry();
    let at = go_to_choice(&mut m);
    assert!(matches!(
        m.session().unwrap().focus,
        Focus::Chooser { selected: 0 }
    ));
    let Step::Choose { section, item } = current_step(&m) else {
        panic!()
    };
    let Item::Choose(choice) = ws(&m).sections[section].items[item].clone() else {
        panic!()
    };
    let before = m.session_steps().unwrap().0.len();
    // Choose the 1st and 3rd; a third choice is refused.
    send(
        &mut m,
        [
            key(KeyCode::Char(' ')),
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Enter),
        ],
    );
    send(&mut m, [key(KeyCode::Down), key(KeyCode::Char(' '))]);
    let bank = ws(&m).bank(&choice.bank).unwrap().clone();
    assert_eq!(
        m.entry(0).unwrap().chosen(&choice.id),
        &[bank.questions[0].id.clone(), bank.questions[2].id.clone()]
    );
    assert!(m.status.as_ref().unwrap().text.contains("Unchoose"));
    let steps = m.session_steps().unwrap().0;
    assert_eq!(steps.len(), before + 2 * choice.prompts.len());
    // Tab goes to the first chosen question's first prompt, and answers land under it.
    send(&mut m, [key(KeyCode::Tab)]);
    assert_eq!(m.session().unwrap().step, at + 1);
    type_text(&mut m, "my answer");
    let k = choice_key(&choice.id, &bank.questions[0].id, &choice.prompts[0].id);
    assert_eq!(m.entry(0).unwrap().answer(&k), "my answer");
}

#[test]
fn unchoosing_a_question_keeps_what_was_written_about_it() {
    let (mut m, _) = with_new_entry();
    go_to_choice(&mut m);
    send(&mut m, [key(KeyCode::Char(' ')), key(KeyCode::Tab)]);
    type_text(&mut m, "kept");
    send(&mut m, [key(KeyCode::BackTab)]);
    assert!(matches!(current_step(&m), Step::Choose { .. }));
    send(&mut m, [key(KeyCode::Char(' '))]);
    let Step::Choose { section, item } = current_step(&m) else {
        panic!()
    };
    let Item::Choose(choice) = &ws(&m).sections[section].items[item] else {
        panic!()
    };
    assert!(m.entry(0).unwrap().chosen(&choice.id).is_empty());
    assert!(m.entry(0).unwrap().answers.values().any(|v| v == "kept"));
    send(&mut m, [key(KeyCode::Char(' ')), key(KeyCode::Tab)]);
    let Screen::Worksheet(s) = &m.screen else {
        panic!()
    };
    assert_eq!(
        s.editor.lines().concat(),
        "kept",
        "choosing it again brings the answer back"
    );
}

#[test]
fn progress_counts_answers_across_sections_and_chosen_questions() {
    let (mut m, _) = with_new_entry();
    let total = ws(&m).total_slots();
    assert_eq!(m.entry(0).unwrap().progress(ws(&m)).answered, 0);
    type_text(&mut m, "one");
    send(&mut m, [key(KeyCode::Tab)]);
    type_text(&mut m, "   ");
    assert_eq!(
        m.entry(0).unwrap().progress(ws(&m)).answered,
        1,
        "blank answers do not count"
    );
    go_to_choice(&mut m);
    send(&mut m, [key(KeyCode::Char(' ')), key(KeyCode::Tab)]);
    type_text(&mut m, "two");
    let p = m.entry(0).unwrap().progress(ws(&m));
    assert_eq!((p.answered, p.total), (2, total));
}

#[test]
fn leaving_and_reopening_an_entry_returns_to_where_it_was_left() {
    let (mut m, _) = with_new_entry();
    send(&mut m, [ctrl('n'), key(KeyCode::Tab)]);
    let here = current_step(&m);
    let fx = send(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(m.screen, Screen::Home));
    assert!(fx.iter().all(|e| matches!(e, Effect::Save(_))));
    assert!(m.unsaved.is_empty(), "leaving the entry saved it");
    assert_eq!(
        m.entry(0).unwrap().position.as_deref(),
        Some(here.key(ws(&m)).as_str())
    );
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(current_step(&m), here);
}

#[test]
fn quitting_saves_first_and_waits_for_the_save() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "unsaved words");
    let fx = update(&mut m, ctrl('q'), t0());
    assert!(!m.should_quit, "not before the save lands");
    assert!(matches!(&fx[..], [Effect::Save(_)]));
    let id = m.entry(0).unwrap().id.clone();
    update(&mut m, Msg::Saved { id }, t0());
    assert!(m.should_quit);
}

#[test]
fn a_failed_save_keeps_the_text_shows_why_and_asks_before_quitting() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "precious");
    let id = m.entry(0).unwrap().id.clone();
    update(
        &mut m,
        Msg::SaveFailed {
            id: id.clone(),
            error: "No space left on device".into(),
        },
        t0(),
    );
    let status = m.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("No space left"),
        "{status:?}"
    );
    assert!(m.unsaved.contains(&id), "still to be saved");
    // Typing goes on, and the error stays on screen.
    type_text(&mut m, "!");
    assert!(m.status.as_ref().unwrap().error);
    // It is retried on the next tick.
    assert!(matches!(
        &update(&mut m, Msg::Tick, t0())[..],
        [Effect::Save(_)]
    ));
    // Quitting asks; "n" stays; the text is still there.
    update(&mut m, ctrl('q'), t0());
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
    update(&mut m, key(KeyCode::Char('n')), t0());
    assert_eq!(m.overlay, None);
    assert!(!m.should_quit);
    assert!(
        m.entry(0)
            .unwrap()
            .answers
            .values()
            .any(|v| v == "precious!")
    );
    // A later save succeeds and clears the error.
    update(&mut m, Msg::Saved { id }, t0());
    assert!(m.save_error.is_none());
    assert!(!m.status.as_ref().unwrap().error);
}

#[test]
fn a_failed_save_while_quitting_asks_and_yes_quits() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "x");
    update(&mut m, ctrl('q'), t0());
    let id = m.entry(0).unwrap().id.clone();
    update(
        &mut m,
        Msg::SaveFailed {
            id,
            error: "Read-only file system".into(),
        },
        t0(),
    );
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
    assert!(!m.should_quit);
    update(&mut m, key(KeyCode::Char('y')), t0());
    assert!(m.should_quit);
}

#[test]
fn paste_goes_into_the_answer_with_line_endings_normalised() {
    let (mut m, _) = with_new_entry();
    send(&mut m, [Msg::Paste("a\r\nb\rc 😊 李".into())]);
    assert_eq!(
        m.entry(0).unwrap().answer(ws(&m).sections[0].items[0].id()),
        "a\nb\nc 😊 李"
    );
}

#[test]
fn undo_takes_back_typing_and_the_entry_follows() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "abc");
    send(&mut m, [ctrl('z')]);
    let first = ws(&m).sections[0].items[0].id().to_string();
    assert_ne!(m.entry(0).unwrap().answer(&first), "abc");
    send(&mut m, [ctrl('r')]);
    assert_eq!(m.entry(0).unwrap().answer(&first), "abc");
}

#[test]
fn the_external_editor_gets_the_answer_and_its_text_comes_back() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "draft");
    let fx = send(&mut m, [ctrl('e')]);
    assert!(fx.contains(&Effect::EditExternally {
        text: "draft".into()
    }));
    send(
        &mut m,
        [Msg::ExternalEditDone(ExternalEdit::Done(
            "rewritten\nin vim\n".into(),
        ))],
    );
    let first = ws(&m).sections[0].items[0].id().to_string();
    assert_eq!(m.entry(0).unwrap().answer(&first), "rewritten\nin vim");
    send(
        &mut m,
        [Msg::ExternalEditDone(ExternalEdit::Failed {
            error: "vim exited with 1".into(),
            kept: None,
        })],
    );
    assert_eq!(
        m.entry(0).unwrap().answer(&first),
        "rewritten\nin vim",
        "a failed edit changes nothing"
    );
    assert!(m.status.as_ref().unwrap().error);
}

#[test]
fn ctrl_z_takes_back_typing_a_word_at_a_time() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "She said no\nThen yes");
    let first = ws(&m).sections[0].items[0].id().to_string();
    let answer = |m: &Model| m.entry(0).unwrap().answer(&first).to_string();
    send(&mut m, [ctrl('z')]);
    assert_eq!(answer(&m), "She said no\nThen ");
    send(&mut m, [ctrl('z'), ctrl('z')]);
    assert_eq!(answer(&m), "She said ");
    send(&mut m, [ctrl('r')]);
    assert_eq!(answer(&m), "She said no\n");
    send(&mut m, [ctrl('z'), ctrl('z'), ctrl('z')]);
    assert_eq!(answer(&m), "");
    send(&mut m, [ctrl('z')]);
    assert_eq!(
        m.status.as_ref().unwrap().text,
        crate::text::NOTHING_TO_UNDO_HERE,
        "says why nothing changed"
    );
}

#[test]
fn ctrl_z_on_the_map_undoes_its_last_change_or_says_why_not() {
    let (mut m, _) = with_new_entry();
    let item = go_to_map(&mut m);
    send(&mut m, [ctrl('z')]);
    assert_eq!(
        m.status.as_ref().unwrap().text,
        crate::text::NOTHING_TO_UNDO
    );
    add_issue(&mut m, "one", 0, 0, &[]);
    add_issue(&mut m, "two", 0, 0, &[]);
    send(&mut m, [ctrl('z')]);
    assert_eq!(m.entry(0).unwrap().map(&item).len(), 1);
    send(&mut m, [ctrl('z')]);
    assert!(
        m.entry(0).unwrap().map(&item).is_empty(),
        "each change in turn"
    );
}

#[test]
fn one_ctrl_z_after_an_external_edit_brings_back_exactly_the_text_from_before() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "draft");
    send(&mut m, [ctrl('e')]);
    send(
        &mut m,
        [Msg::ExternalEditDone(ExternalEdit::Done(
            "rewritten\nin vim\n".into(),
        ))],
    );
    let first = ws(&m).sections[0].items[0].id().to_string();
    send(&mut m, [ctrl('z')]);
    assert_eq!(
        m.entry(0).unwrap().answer(&first),
        "draft",
        "never an empty answer on the way"
    );
    send(&mut m, [ctrl('r')]);
    assert_eq!(m.entry(0).unwrap().answer(&first), "rewritten\nin vim");
    // Typing after it goes on from there.
    type_text(&mut m, "!");
    assert_eq!(m.entry(0).unwrap().answer(&first), "rewritten\nin vim!");
}

#[test]
fn help_opens_from_anywhere_and_closes_with_esc() {
    let (mut m, _) = with_new_entry();
    send(&mut m, [key(KeyCode::F(1))]);
    assert_eq!(m.overlay, Some(Overlay::Help { scroll: 0 }));
    send(&mut m, [key(KeyCode::Down), key(KeyCode::Esc)]);
    assert_eq!(m.overlay, None);
    assert!(
        matches!(m.screen, Screen::Worksheet(_)),
        "closing help stays in the worksheet"
    );
}

#[test]
fn home_keeps_the_most_recently_changed_entry_first() {
    let (mut m, _) = with_new_entry();
    send(
        &mut m,
        [
            key(KeyCode::Esc),
            key(KeyCode::Char('n')),
            key(KeyCode::Enter),
        ],
    );
    type_text(&mut m, "Family B");
    send(&mut m, [key(KeyCode::Enter)]);
    // The second entry got a distinct id even in the same minute.
    assert_ne!(m.entry(0).unwrap().id, m.entry(1).unwrap().id);
    update(
        &mut m,
        Msg::Paste("newer".into()),
        t0() + Duration::minutes(2),
    );
    send(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(m.entries[m.view[0]].summary.family_label, "Family B");
    assert_eq!(m.home_selected, 0, "Home selects the entry just left");
}

#[test]
fn q_quits_from_home_but_types_in_the_editor() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "q");
    assert!(!m.should_quit);
    send(&mut m, [key(KeyCode::Esc), key(KeyCode::Char('q'))]);
    assert!(m.should_quit);
}

#[test]
fn a_read_only_copy_shows_entries_but_changes_and_saves_nothing() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "written by the first copy");
    send(&mut m, [key(KeyCode::Esc)]);
    let before = m.entry(0).unwrap().clone();
    m.read_only = Some(crate::text::READ_ONLY_OTHER_COPY.into());

    // No new entries.
    send(&mut m, [key(KeyCode::Char('n'))]);
    assert!(matches!(m.screen, Screen::Home));
    assert_eq!(
        m.status.as_ref().unwrap().text,
        crate::text::READ_ONLY_REFUSED
    );

    // Opening and moving about work; typing, pasting, undo and choosing change nothing.
    send(&mut m, [key(KeyCode::Enter)]);
    let Screen::Worksheet(_) = &m.screen else {
        panic!("opens")
    };
    let mut all = Vec::new();
    for msg in [
        key(KeyCode::Char('x')),
        key(KeyCode::Backspace),
        key(KeyCode::Left),
        Msg::Paste("pasted".into()),
        ctrl('z'),
        ctrl('e'),
        key(KeyCode::Tab),
        Msg::Tick,
    ] {
        all.extend(update(&mut m, msg, t0() + Duration::hours(1)));
    }
    go_to_choice(&mut m);
    all.extend(update(&mut m, key(KeyCode::Char(' ')), t0()));
    all.extend(update(&mut m, Msg::Tick, t0()));
    assert!(all.is_empty(), "nothing to save or edit: {all:?}");
    assert_eq!(
        m.entry(0).unwrap(),
        &before,
        "the entry is exactly as it was"
    );
    assert!(m.unsaved.is_empty());
    send(&mut m, [ctrl('o'), key(KeyCode::Esc)]);
    let first = ws(&m).sections[0].items[0].id().to_string();
    assert_eq!(
        m.entry(0).unwrap().answer(&first),
        "written by the first copy"
    );
}

/// Runs trash effects against an in-memory "disk", as the driver would.
fn run_trash_effects(m: &mut Model, fx: Vec<Effect>) {
    thread_local! {
        static DISK: std::cell::RefCell<std::collections::HashMap<String, Entry>> = Default::default();
    }
    for e in fx {
        let msg = match e {
            Effect::Load(id) => Msg::Loaded {
                result: DISK
                    .with_borrow(|d| d.get(&id).cloned())
                    .map(Box::new)
                    .ok_or(crate::store::LoadFailure::Missing),
                id,
            },
            Effect::Trash(id) => {
                if let Some(entry) = m
                    .entries
                    .iter()
                    .find(|r| r.id() == id)
                    .and_then(|r| r.entry.clone())
                {
                    DISK.with_borrow_mut(|d| d.insert(id.clone(), *entry));
                }
                Msg::Trashed { id }
            }
            Effect::Restore(id) => Msg::Restored { id },
            Effect::EmptyTrash => Msg::TrashEmptied {
                count: m.trash.len(),
            },
            Effect::Save(entry) => Msg::Saved {
                id: entry.id.clone(),
            },
            other => panic!("unexpected {other:?}"),
        };
        let more = update(m, msg, t0());
        run_trash_effects(m, more);
    }
}

#[test]
fn delete_moves_to_the_trash_and_restore_brings_it_back() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "keep me");
    // A pending change is saved before the file moves.
    let fx = update(&mut m, key(KeyCode::Esc), t0());
    assert!(matches!(&fx[..], [Effect::Save(_)]));
    let id = m.entry(0).unwrap().id.clone();
    assert!(!m.unsaved.is_empty(), "the save has not landed yet");
    let fx = update(&mut m, key(KeyCode::Char('d')), t0());
    assert!(
        matches!(&fx[..], [Effect::Save(_), Effect::Trash(t)] if *t == id),
        "{fx:?}"
    );
    run_trash_effects(&mut m, fx);
    assert!(m.entries.is_empty());
    assert_eq!(m.trash[0].id, id);
    assert!(
        m.status
            .as_ref()
            .unwrap()
            .text
            .contains("Moved Family K to the trash")
    );

    send(&mut m, [key(KeyCode::Char('t'))]);
    assert_eq!(m.context(), crate::keymap::Context::Trash);
    let fx = update(&mut m, key(KeyCode::Char('r')), t0());
    assert_eq!(fx, vec![Effect::Restore(id.clone())]);
    run_trash_effects(&mut m, fx);
    assert!(m.trash.is_empty());
    assert_eq!(m.entry(0).unwrap().id, id);
    assert!(m.entry(0).unwrap().answers.values().any(|v| v == "keep me"));
}

#[test]
fn emptying_the_trash_asks_first_and_no_keeps_everything() {
    let (mut m, _) = with_new_entry();
    send(&mut m, [key(KeyCode::Esc)]);
    let fx = update(&mut m, key(KeyCode::Char('d')), t0());
    run_trash_effects(&mut m, fx);
    send(&mut m, [key(KeyCode::Char('t'))]);
    assert!(
        update(&mut m, key(KeyCode::Char('x')), t0()).is_empty(),
        "nothing happens before the answer"
    );
    assert_eq!(m.overlay, Some(Overlay::ConfirmEmptyTrash));
    assert!(update(&mut m, key(KeyCode::Char('n')), t0()).is_empty());
    assert_eq!(m.trash.len(), 1);
    update(&mut m, key(KeyCode::Char('x')), t0());
    let fx = update(&mut m, key(KeyCode::Char('y')), t0());
    assert_eq!(fx, vec![Effect::EmptyTrash]);
    run_trash_effects(&mut m, fx);
    assert!(m.trash.is_empty());
    assert!(
        m.status
            .as_ref()
            .unwrap()
            .text
            .contains("1 entry deleted for good")
    );
}

#[test]
fn a_failed_trash_move_keeps_the_entry_and_says_why() {
    let (mut m, _) = with_new_entry();
    send(&mut m, [key(KeyCode::Esc)]);
    update(
        &mut m,
        Msg::TrashFailed {
            error: "Permission denied".into(),
        },
        t0(),
    );
    assert_eq!(m.entries.len(), 1);
    let status = m.status.as_ref().unwrap();
    assert!(status.error && status.text.contains("Permission denied"));
}

#[test]
fn quitting_while_saves_fail_can_write_a_recovery_file_and_says_where() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "words that must not be lost");
    let id = m.entry(0).unwrap().id.clone();
    update(
        &mut m,
        Msg::SaveFailed {
            id: id.clone(),
            error: "No space left on device".into(),
        },
        t0(),
    );
    update(&mut m, ctrl('q'), t0());
    assert_eq!(m.context(), crate::keymap::Context::QuitUnsaved);
    let fx = update(&mut m, key(KeyCode::Char('w')), t0());
    let [
        Effect::WriteRecovery {
            entries,
            prep: None,
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(entries.len(), 1);
    assert!(
        entries[0]
            .answers
            .values()
            .any(|v| v == "words that must not be lost")
    );
    assert!(!m.should_quit, "not before it is written");

    // If that fails too, the person is told and stays.
    update(
        &mut m,
        Msg::RecoveryFailed {
            error: "read-only file system".into(),
        },
        t0(),
    );
    assert!(!m.should_quit);
    assert!(
        m.status
            .as_ref()
            .unwrap()
            .text
            .contains("read-only file system")
    );

    update(
        &mut m,
        Msg::RecoveryWritten {
            folder: "/home/pat/spiral-recovered/20261124-093000".into(),
        },
        t0(),
    );
    assert!(m.should_quit);
    assert!(
        m.exit_message
            .as_ref()
            .unwrap()
            .contains("/home/pat/spiral-recovered/20261124-093000")
    );
}

#[test]
fn quitting_after_a_failed_save_tries_again_and_quits_if_that_works() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "x");
    let id = m.entry(0).unwrap().id.clone();
    update(
        &mut m,
        Msg::SaveFailed {
            id: id.clone(),
            error: "disk full".into(),
        },
        t0(),
    );
    let fx = update(&mut m, ctrl('q'), t0());
    assert!(matches!(&fx[..], [Effect::Save(_)]), "one more try");
    assert_eq!(m.overlay, Some(Overlay::ConfirmQuit));
    update(&mut m, Msg::Saved { id }, t0());
    assert!(
        m.should_quit,
        "the retry worked, so nothing is lost by quitting"
    );
}

#[test]
fn an_entry_from_a_newer_spiral_opens_read_only_and_is_never_saved() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "from the future");
    send(&mut m, [key(KeyCode::Esc)]);
    m.entry_mut(0).unwrap().version = crate::model::entry::ENTRY_VERSION + 1;
    m.resummarize(0);
    let before = m.entry(0).unwrap().clone();
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.read_only_reason(), Some(crate::text::NEWER_ENTRY));
    let mut fx = Vec::new();
    for msg in [
        key(KeyCode::Char('x')),
        Msg::Paste("p".into()),
        key(KeyCode::Tab),
        Msg::Tick,
        key(KeyCode::Esc),
    ] {
        fx.extend(update(&mut m, msg, t0()));
    }
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(m.entry(0).unwrap(), &before);
    // Back on Home, the folder itself is writable: a new entry can be started.
    assert_eq!(m.read_only_reason(), None);
    send(&mut m, [key(KeyCode::Char('n'))]);
    assert!(matches!(m.screen, Screen::Picker { .. }));
}

#[test]
fn a_new_entry_never_takes_the_id_of_one_in_the_trash() {
    let (mut m, _) = with_new_entry();
    send(&mut m, [key(KeyCode::Esc)]);
    let fx = update(&mut m, key(KeyCode::Char('d')), t0());
    run_trash_effects(&mut m, fx);
    send(&mut m, [key(KeyCode::Char('n')), key(KeyCode::Enter)]);
    type_text(&mut m, "Again");
    send(&mut m, [key(KeyCode::Enter)]);
    assert_ne!(
        m.entry(0).unwrap().id,
        m.trash[0].id,
        "same second, different id"
    );
}

/// Goes to the map step of section 4.
fn go_to_map(m: &mut Model) -> String {
    send(m, [ctrl('n'), ctrl('n'), ctrl('n')]);
    while !matches!(current_step(m), Step::Map { .. }) {
        send(m, [key(KeyCode::Tab)]);
    }
    assert!(matches!(
        m.session().unwrap().focus,
        Focus::Map { selected: 0 }
    ));
    current_step(m).item(ws(m)).id().to_string()
}

/// Adds an issue through the form: text, then `rights` presses on the stage,
/// an optional return (presses of Right on "Returns to"), and parts fed.
fn add_issue(m: &mut Model, text: &str, stage_rights: usize, return_rights: usize, feed: &[usize]) {
    send(m, [key(KeyCode::Char('a'))]);
    assert_eq!(m.context(), crate::keymap::Context::MapForm);
    type_text(m, text);
    send(m, [key(KeyCode::Tab)]); // stage
    for _ in 0..stage_rights {
        send(m, [key(KeyCode::Right)]);
    }
    send(m, [key(KeyCode::Tab)]); // when
    type_text(m, "visit 2");
    send(m, [key(KeyCode::Tab), key(KeyCode::Tab)]); // what shifted, returns to
    for _ in 0..return_rights {
        send(m, [key(KeyCode::Right)]);
    }
    send(m, [key(KeyCode::Tab)]); // fed the core
    for (part, _) in (0..3).enumerate() {
        if feed.contains(&part) {
            send(m, [key(KeyCode::Char(' '))]);
        }
        send(m, [key(KeyCode::Right)]);
    }
    send(m, [key(KeyCode::Enter)]);
    assert_eq!(m.context(), crate::keymap::Context::Map);
}

#[test]
fn issues_are_added_with_stage_when_return_and_core_and_saved() {
    let (mut m, _) = with_new_entry();
    let item = go_to_map(&mut m);
    add_issue(&mut m, "Wary of visits", 0, 0, &[0]);
    add_issue(&mut m, "Night settling", 3, 0, &[0, 1]);
    let fx = {
        add_issue(&mut m, "Wary again", 4, 1, &[2]);
        update(&mut m, Msg::Tick, t0())
    };
    assert!(
        fx.is_empty(),
        "adding an issue saves at once (acknowledged by send)"
    );
    let issues = m.entry(0).unwrap().map(&item).to_vec();
    assert_eq!(issues.len(), 3);
    assert_eq!(issues[0].text, "Wary of visits");
    assert_eq!(issues[0].stage, "earning-acceptance");
    assert_eq!(issues[0].when, "visit 2");
    assert_eq!(issues[0].feeds, vec!["help".to_string()]);
    assert_eq!(issues[1].stage, ws(&m).stages[3].id);
    assert_eq!(
        issues[1].feeds,
        vec!["help".to_string(), "challenge".to_string()]
    );
    assert_eq!(
        issues[2].return_of,
        Some(issues[0].id),
        "a return to the first"
    );
    assert_eq!(issues[2].feeds, vec!["possibility".to_string()]);
    assert!(m.unsaved.is_empty());
    assert_eq!(
        m.entry(0).unwrap().section_progress(ws(&m), 3).answered,
        1,
        "a map with issues counts as answered"
    );
}

#[test]
fn an_issue_can_be_edited_reordered_deleted_and_the_last_change_undone() {
    let (mut m, _) = with_new_entry();
    let item = go_to_map(&mut m);
    add_issue(&mut m, "one", 0, 0, &[]);
    add_issue(&mut m, "two", 0, 0, &[]);
    add_issue(&mut m, "three", 0, 1, &[]); // returns to "one"
    let texts = |m: &Model| {
        m.entry(0)
            .unwrap()
            .map(&item)
            .iter()
            .map(|i| i.text.clone())
            .collect::<Vec<_>>()
    };

    // Edit the second: Enter opens it with its text; typing adds to it.
    send(&mut m, [key(KeyCode::Up), key(KeyCode::Enter)]);
    type_text(&mut m, " (edited)");
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(texts(&m), vec!["one", "two (edited)", "three"]);

    // Reorder: "three" returns to "one", so it cannot go above it.
    send(&mut m, [key(KeyCode::Char('J'))]);
    assert_eq!(texts(&m), vec!["one", "three", "two (edited)"]);
    send(&mut m, [key(KeyCode::Up), key(KeyCode::Char('K'))]);
    assert_eq!(texts(&m), vec!["one", "three", "two (edited)"]);
    assert!(m.status.as_ref().unwrap().text.contains("Cannot move"));

    // Delete "one": its return becomes a plain issue; u brings it back.
    send(&mut m, [key(KeyCode::Up), key(KeyCode::Char('d'))]);
    assert_eq!(texts(&m), vec!["three", "two (edited)"]);
    assert_eq!(m.entry(0).unwrap().map(&item)[0].return_of, None);
    send(&mut m, [key(KeyCode::Char('u'))]);
    assert_eq!(texts(&m), vec!["one", "three", "two (edited)"]);
    assert_eq!(
        m.entry(0).unwrap().map(&item)[1].return_of,
        Some(m.entry(0).unwrap().map(&item)[0].id)
    );
}

#[test]
fn an_issue_needs_words_and_esc_cancels_the_form() {
    let (mut m, _) = with_new_entry();
    let item = go_to_map(&mut m);
    send(&mut m, [key(KeyCode::Char('a')), key(KeyCode::Enter)]);
    assert_eq!(
        m.context(),
        crate::keymap::Context::MapForm,
        "still in the form"
    );
    assert_eq!(
        m.status.as_ref().unwrap().text,
        crate::text::ISSUE_NEEDS_TEXT
    );
    type_text(&mut m, "never kept");
    send(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(m.context(), crate::keymap::Context::Map);
    assert!(m.entry(0).unwrap().map(&item).is_empty());
}

#[test]
fn esc_on_a_half_written_issue_keeps_it_as_a_draft_that_a_or_u_brings_back() {
    let (mut m, _) = with_new_entry();
    let item = go_to_map(&mut m);
    send(&mut m, [key(KeyCode::Char('a'))]);
    type_text(&mut m, "Dad wants more time");
    send(&mut m, [key(KeyCode::Tab), key(KeyCode::Tab)]);
    type_text(&mut m, "visit 3");
    send(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(m.context(), crate::keymap::Context::Map);
    assert!(m.entry(0).unwrap().map(&item).is_empty(), "not on the map");
    assert_eq!(
        m.status.as_ref().unwrap().text,
        crate::text::ISSUE_DRAFT_KEPT
    );
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(140, 60)).unwrap();
    terminal.draw(|f| crate::ui::view(&m, f)).unwrap();
    assert!(
        terminal
            .backend()
            .to_string()
            .contains("An unfinished issue is kept as a draft"),
        "the map says so while it waits"
    );
    // Reopening the form brings it back, as it was left.
    send(&mut m, [key(KeyCode::Char('a'))]);
    let form = m
        .session()
        .unwrap()
        .form
        .as_ref()
        .expect("the form is open");
    assert_eq!(form.text.lines(), ["Dad wants more time"]);
    assert_eq!(form.when.lines(), ["visit 3"]);
    // Left again, and u brings it back too; Enter then keeps it.
    send(&mut m, [key(KeyCode::Esc), key(KeyCode::Char('u'))]);
    assert_eq!(m.context(), crate::keymap::Context::MapForm);
    send(&mut m, [key(KeyCode::Enter)]);
    let issues = m.entry(0).unwrap().map(&item).to_vec();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].text, "Dad wants more time");
    assert_eq!(issues[0].when, "visit 3");
    assert!(m.issue_drafts.is_empty(), "kept on the map, no draft left");
}

#[test]
fn a_draft_of_an_edit_survives_leaving_the_step_and_u_still_undoes_later_changes() {
    let (mut m, _) = with_new_entry();
    let item = go_to_map(&mut m);
    add_issue(&mut m, "one", 0, 0, &[]);
    add_issue(&mut m, "two", 0, 0, &[]);
    // Edit "two", leave it unfinished, go away and come back.
    send(&mut m, [key(KeyCode::Char('e'))]);
    type_text(&mut m, " and more");
    send(
        &mut m,
        [key(KeyCode::Esc), key(KeyCode::BackTab), key(KeyCode::Tab)],
    );
    assert!(matches!(current_step(&m), Step::Map { .. }));
    // A later change: u undoes that first, then brings back the draft.
    send(&mut m, [key(KeyCode::Up), key(KeyCode::Char('d'))]);
    send(&mut m, [key(KeyCode::Char('u'))]);
    assert_eq!(m.entry(0).unwrap().map(&item).len(), 2, "the delete undone");
    send(&mut m, [key(KeyCode::Char('u'))]);
    let form = m
        .session()
        .unwrap()
        .form
        .as_ref()
        .expect("the draft is back");
    assert_eq!(form.text.lines(), ["two and more"]);
    assert_eq!(form.editing, Some(1), "still the edit of \"two\"");
    send(&mut m, [key(KeyCode::Enter)]);
    let texts: Vec<String> = m
        .entry(0)
        .unwrap()
        .map(&item)
        .iter()
        .map(|i| i.text.clone())
        .collect();
    assert_eq!(texts, ["one", "two and more"]);
}

/// A model made from summaries only, as the workbook starts from the index.
fn from_summaries(entries: &[Entry]) -> Model {
    let worksheets = content::builtin().unwrap();
    let catalog = crate::catalog::Catalog {
        summaries: entries
            .iter()
            .map(|e| crate::catalog::Summary::of(e, &worksheets, None))
            .collect(),
        damaged: vec![],
    };
    Model::from_catalog(worksheets, catalog, "/data".into(), "salt".into())
}

#[test]
fn home_reads_the_selected_entry_for_its_preview_and_opens_it_once_read() {
    let ws = &content::builtin().unwrap()[0];
    let entries: Vec<Entry> = (0..3).map(|i| crate::corpus::entry(ws, i, 1)).collect();
    let mut m = from_summaries(&entries);
    let selected = m.selected_entry().unwrap();
    let id = m.entries[selected].id().to_string();
    // The first message reads the selected entry, once.
    let fx = update(&mut m, Msg::Started, t0());
    assert_eq!(fx, vec![Effect::Load(id.clone())]);
    assert!(
        update(&mut m, Msg::Tick, t0()).is_empty(),
        "asked only once"
    );
    // Enter before it is read waits for it, then opens it.
    assert!(update(&mut m, key(KeyCode::Enter), t0()).is_empty());
    assert!(matches!(m.screen, Screen::Home));
    let whole = entries.iter().find(|e| e.id == id).unwrap().clone();
    update(
        &mut m,
        Msg::Loaded {
            id: id.clone(),
            result: Ok(Box::new(whole.clone())),
        },
        t0(),
    );
    assert!(matches!(m.screen, Screen::Worksheet(_)));
    assert_eq!(m.entry(selected).unwrap().answers, whole.answers);
}

#[test]
fn an_entry_gone_or_damaged_when_opened_leaves_the_list_and_says_why() {
    let ws = &content::builtin().unwrap()[0];
    let entries: Vec<Entry> = (0..3).map(|i| crate::corpus::entry(ws, i, 1)).collect();
    let mut m = from_summaries(&entries);
    update(&mut m, Msg::Started, t0());
    let id = m.entries[m.selected_entry().unwrap()].id().to_string();
    update(&mut m, key(KeyCode::Enter), t0());
    let path = std::path::PathBuf::from(format!("/data/entries/{id}.json"));
    update(
        &mut m,
        Msg::Loaded {
            id: id.clone(),
            result: Err(crate::store::LoadFailure::Damaged(crate::store::Damaged {
                path: path.clone(),
                error: "not valid JSON (line 1, column 2)".into(),
            })),
        },
        t0(),
    );
    assert!(matches!(m.screen, Screen::Home));
    assert_eq!(m.entries.len(), 2);
    assert_eq!(m.view.len(), 2);
    assert_eq!(m.damaged[0].path, path);
    let status = m.status.as_ref().unwrap();
    assert!(
        status.error && status.text.contains("could not be opened"),
        "{status:?}"
    );
}

#[test]
fn the_background_check_never_overwrites_the_entry_being_written() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "mine");
    let id = m.entry(0).unwrap().id.clone();
    let mut theirs = m.entry(0).unwrap().clone();
    theirs.family_label = "changed elsewhere".into();
    theirs.answers.clear();
    let summary = crate::catalog::Summary::of(&theirs, &m.worksheets, None);
    m.checking = true;
    update(
        &mut m,
        Msg::Checked(Ok(crate::catalog::Changes {
            changed: vec![summary],
            removed: vec![id.clone()],
            damaged: vec![],
            any: true,
        })),
        t0(),
    );
    assert!(!m.checking);
    assert_eq!(m.entries.len(), 1, "the open entry stays");
    assert_eq!(m.entries[0].summary.family_label, "Family K");
    assert!(m.entry(0).unwrap().answers.values().any(|a| a == "mine"));
}

/// Three whole entries: "Family K" (sleep), "Family M" (housing), "Family J".
fn three_families() -> Model {
    let mut m = model();
    let ws = m.worksheets[0].clone();
    let make = |id: &str, label: &str, days: i64, tags: &[&str], answer: &str| {
        let mut e = Entry::new(
            id.into(),
            &ws,
            label.into(),
            t0() - Duration::days(days + 1),
        );
        e.updated = t0() - Duration::days(days);
        e.tags = tags.iter().map(|t| t.to_string()).collect();
        e.answers
            .insert(ws.sections[0].items[0].id().into(), answer.into());
        e
    };
    m.set_entries(vec![
        make(
            "a",
            "Family K",
            1,
            &["sleep"],
            "We talked about the bedtime routine.",
        ),
        make(
            "b",
            "Family M",
            2,
            &["housing", "Sleep"],
            "The flat is damp.",
        ),
        make("c", "Family J", 30, &[], "A first visit, mostly listening."),
    ]);
    m
}

fn labels(m: &Model) -> Vec<String> {
    m.view
        .iter()
        .map(|&i| m.entries[i].summary.family_label.clone())
        .collect()
}

fn search(m: &mut Model, text: &str) {
    send(m, [key(KeyCode::Char('/'))]);
    update(m, Msg::Paste(text.into()), t0());
}

#[test]
fn search_narrows_home_as_you_type_and_esc_clears_it() {
    let mut m = three_families();
    assert_eq!(labels(&m), ["Family K", "Family M", "Family J"]);
    send(&mut m, [key(KeyCode::Char('/'))]);
    assert_eq!(m.context(), crate::keymap::Context::Search);
    // Letters are typed, never commands: "q" does not quit, "d" does not delete.
    for c in "damp".chars() {
        send(&mut m, [key(KeyCode::Char(c))]);
    }
    assert_eq!(labels(&m), ["Family M"]);
    send(&mut m, [key(KeyCode::Backspace)]);
    send(&mut m, [key(KeyCode::Backspace)]);
    assert_eq!(m.query_text, "da");
    assert_eq!(labels(&m), ["Family M"]);
    // Case does not matter; words must all appear.
    send(&mut m, [key(KeyCode::Esc)]);
    search(&mut m, "FAMILY listening");
    assert_eq!(labels(&m), ["Family J"]);
    // Enter goes to the list and keeps the filter; Esc there clears it.
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.context(), crate::keymap::Context::Home);
    assert_eq!(labels(&m), ["Family J"]);
    send(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(labels(&m).len(), 3);
    assert!(m.query_text.is_empty());
}

#[test]
fn filters_by_tag_family_status_and_date_combine() {
    let mut m = three_families();
    search(&mut m, "tag:sleep");
    assert_eq!(labels(&m), ["Family K", "Family M"], "tags ignore case");
    send(&mut m, [key(KeyCode::Esc)]);
    search(&mut m, "tag:sleep tag:housing");
    assert_eq!(labels(&m), ["Family M"]);
    send(&mut m, [key(KeyCode::Esc)]);
    search(&mut m, "family:\"family j\"");
    assert_eq!(labels(&m), ["Family J"]);
    send(&mut m, [key(KeyCode::Esc)]);
    search(&mut m, "since:2026-11-01 status:in-progress");
    assert_eq!(labels(&m), ["Family K", "Family M"]);
    send(&mut m, [key(KeyCode::Esc)]);
    // A date still being typed keeps the last good filter and says why.
    search(&mut m, "tag:housing");
    update(&mut m, Msg::Paste(" since:2026-1".into()), t0());
    assert_eq!(labels(&m), ["Family M"]);
    assert!(m.query_error.as_deref().unwrap().contains("2026-01-31"));
}

#[test]
fn sort_cycles_through_every_order() {
    let mut m = three_families();
    send(&mut m, [key(KeyCode::Char('s'))]);
    assert_eq!(m.sort, crate::filter::Sort::Created);
    send(&mut m, [key(KeyCode::Char('s'))]);
    assert_eq!(m.sort, crate::filter::Sort::Family);
    assert_eq!(labels(&m), ["Family J", "Family K", "Family M"]);
    send(&mut m, [key(KeyCode::Char('s'))]);
    assert_eq!(m.sort, crate::filter::Sort::Progress);
    send(&mut m, [key(KeyCode::Char('s'))]);
    assert_eq!(m.sort, crate::filter::Sort::Changed);
    assert_eq!(labels(&m), ["Family K", "Family M", "Family J"]);
}

#[test]
fn rename_tags_complete_and_discussed_change_the_entry_and_are_saved() {
    let mut m = three_families();
    // Rename the selected entry (Family K).
    send(&mut m, [key(KeyCode::Char('r'))]);
    assert_eq!(m.context(), crate::keymap::Context::HomeInput);
    for _ in 0.."Family K".len() {
        send(&mut m, [key(KeyCode::Backspace)]);
    }
    update(&mut m, Msg::Paste("Family Q".into()), t0());
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    assert!(fx.is_empty(), "saved on the next tick, not at once: {fx:?}");
    let fx = send(&mut m, [Msg::Tick]);
    assert!(matches!(&fx[..], [Effect::Save(e)] if e.family_label == "Family Q"));
    assert_eq!(labels(&m)[0], "Family Q");

    // Tags: typed with commas, each once; Tab finishes one from those in use.
    send(&mut m, [key(KeyCode::Char('g'))]);
    update(&mut m, Msg::Paste(", Sleep, first visit, ho".into()), t0());
    send(&mut m, [key(KeyCode::Tab)]);
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(
        m.entry(0).unwrap().tags,
        ["sleep", "first visit", "housing"]
    );

    // Complete, then discussed: both show in the status, and both undo.
    send(&mut m, [key(KeyCode::Char('c'))]);
    assert!(m.entry(0).unwrap().completed.is_some());
    assert_eq!(
        m.entries[0].summary.status(),
        crate::model::entry::EntryStatus::Complete
    );
    send(&mut m, [key(KeyCode::Char('v'))]);
    assert_eq!(
        m.entry(0).unwrap().discussed,
        Some((t0() + Duration::minutes(1)).date_naive())
    );
    assert_eq!(
        m.entries[0].summary.status(),
        crate::model::entry::EntryStatus::Reviewed
    );
    send(&mut m, [key(KeyCode::Char('c')), key(KeyCode::Char('v'))]);
    assert_eq!(
        m.entries[0].summary.status(),
        crate::model::entry::EntryStatus::InProgress
    );
    let fx = send(&mut m, [Msg::Tick]);
    assert!(matches!(&fx[..], [Effect::Save(e)] if e.completed.is_none() && e.discussed.is_none()));
    assert!(m.unsaved.is_empty(), "everything saved");
}

#[test]
fn a_fresh_start_is_a_new_empty_entry_for_the_same_family() {
    let mut m = three_families();
    send(&mut m, [key(KeyCode::Char('y'))]);
    let session = m.session().unwrap();
    let new = m.entry(session.entry).unwrap();
    assert_eq!(new.family_label, "Family K");
    assert_eq!(new.tags, ["sleep"]);
    assert!(new.answers.is_empty());
    assert_ne!(new.id, "a");
    assert_eq!(m.entries.len(), 4);
    assert_eq!(
        m.entry(0).unwrap().answers.len(),
        1,
        "the earlier one is unchanged"
    );
}

#[test]
fn a_read_only_copy_refuses_changes_from_home() {
    let mut m = three_families();
    m.read_only = Some(crate::text::READ_ONLY_OTHER_COPY.into());
    for c in ['r', 'g', 'c', 'v', 'y'] {
        let fx = send(&mut m, [key(KeyCode::Char(c))]);
        assert!(fx.is_empty());
        assert_eq!(m.context(), crate::keymap::Context::Home);
    }
    assert!(m.unsaved.is_empty());
    assert_eq!(m.entries.len(), 3);
}

#[test]
fn tags_are_parsed_and_completed_from_those_in_use() {
    use super::{complete_tag, parse_tags};
    assert_eq!(parse_tags(" a, B ,, b, c "), ["a", "B", "c"]);
    let in_use = vec![
        "sleep".to_string(),
        "school".to_string(),
        "housing".to_string(),
    ];
    assert_eq!(complete_tag("s", &in_use).as_deref(), Some("sleep, "));
    assert_eq!(
        complete_tag("sleep, s", &in_use).as_deref(),
        Some("sleep, school, ")
    );
    assert_eq!(complete_tag("x", &in_use), None);
}

fn mouse(kind: crossterm::event::MouseEventKind, column: u16, row: u16) -> Msg {
    Msg::Mouse(crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

fn click(column: u16, row: u16) -> Msg {
    mouse(
        crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column,
        row,
    )
}

#[test]
fn the_wheel_moves_through_home_and_a_click_selects_then_opens() {
    use crossterm::event::MouseEventKind;
    let mut m = three_families();
    send(
        &mut m,
        [Msg::Resize {
            width: 120,
            height: 40,
        }],
    );
    send(&mut m, [mouse(MouseEventKind::ScrollDown, 10, 10)]);
    assert_eq!(m.home_selected, 1);
    send(&mut m, [mouse(MouseEventKind::ScrollUp, 10, 10)]);
    assert_eq!(m.home_selected, 0);
    // Row 0 is the header line, 1 the list's border, 2 its column titles.
    let list = crate::ui::home::areas(&m, crate::ui::body_area(&m, m.screen_size)).list;
    let third = list.y + 2 + 2;
    send(&mut m, [click(list.x + 5, third)]);
    assert_eq!(m.home_selected, 2);
    assert!(matches!(m.screen, Screen::Home));
    // Clicking the border or outside the list does nothing.
    send(
        &mut m,
        [click(list.x + 5, list.y), click(list.right() + 3, third)],
    );
    assert_eq!(m.home_selected, 2);
    send(&mut m, [click(list.x + 5, third)]);
    let Screen::Worksheet(session) = &m.screen else {
        panic!("a second click opens the entry");
    };
    assert_eq!(m.entries[session.entry].summary.family_label, "Family J");
}

#[test]
fn a_click_in_the_outline_jumps_to_that_prompt_or_section_keeping_the_text() {
    let (mut m, _) = with_new_entry();
    send(
        &mut m,
        [Msg::Resize {
            width: 140,
            height: 45,
        }],
    );
    type_text(&mut m, "kept");
    let body = crate::ui::body_area(&m, m.screen_size);
    let (all, _) = m.session_steps().unwrap();
    let (rows, side) = crate::ui::outline_targets(&all, body);
    let side = side.expect("wide enough for the outline beside the prompt");
    // The third row is the section's second prompt.
    assert_eq!(rows[2], crate::ui::OutlineRowRef::Step(1));
    send(&mut m, [click(side.x + 4, side.y + 1 + 2)]);
    assert_eq!(m.session().unwrap().step, 1);
    assert!(m.entry(0).unwrap().answers.values().any(|a| a == "kept"));
    // A section's heading jumps to its first prompt.
    let second_section = rows
        .iter()
        .position(|r| *r == crate::ui::OutlineRowRef::Section(1))
        .unwrap();
    send(
        &mut m,
        [click(side.x + 4, side.y + 1 + second_section as u16)],
    );
    let (all, session) = m.session_steps().unwrap();
    assert_eq!(all[session.step].section(), 1);
}

#[test]
fn reading_an_entry_for_its_preview_leaves_the_index_alone() {
    let ws = &content::builtin().unwrap()[0];
    let entries: Vec<Entry> = (0..3).map(|i| crate::corpus::entry(ws, i, 1)).collect();
    let mut m = from_summaries(&entries);
    let stamp = crate::catalog::FileStamp {
        len: 1,
        modified_ns: 2,
    };
    for r in &mut m.entries {
        r.summary.stamp = Some(stamp);
    }
    let id = m.entries[m.selected_entry().unwrap()].id().to_string();
    let whole = entries.iter().find(|e| e.id == id).unwrap().clone();
    let fx = update(
        &mut m,
        Msg::Loaded {
            id,
            result: Ok(Box::new(whole)),
        },
        t0(),
    );
    assert!(fx.is_empty(), "{fx:?}");
    assert!(!m.index_stale, "nothing to write when the workbook closes");
    assert!(m.entries.iter().all(|r| r.summary.stamp == Some(stamp)));
}

#[test]
fn an_index_rebuilt_from_the_files_is_written_on_a_tick_not_before_the_first_frame() {
    let mut m = three_families();
    m.index_stale = true;
    m.index_write_soon = true;
    assert!(
        update(&mut m, Msg::Started, t0())
            .iter()
            .all(|e| !matches!(e, Effect::WriteIndex { .. }))
    );
    let fx = update(&mut m, Msg::Tick, t0());
    assert!(
        matches!(&fx[..], [Effect::WriteIndex { catalog, .. }] if catalog.summaries.len() == 3)
    );
    assert!(update(&mut m, Msg::Tick, t0()).is_empty(), "once");
}

#[test]
fn a_click_on_a_checklist_row_in_the_drawn_outline_jumps_to_that_check() {
    let mut m = model();
    let index = m
        .worksheets
        .iter()
        .position(|w| w.id == "co-produced-contracts")
        .unwrap();
    send(&mut m, [key(KeyCode::Char('n'))]);
    for _ in 0..index {
        send(&mut m, [key(KeyCode::Down)]);
    }
    send(&mut m, [key(KeyCode::Enter)]);
    type_text(&mut m, "Team review");
    send(&mut m, [key(KeyCode::Enter)]);
    send(
        &mut m,
        [Msg::Resize {
            width: 140,
            height: 60,
        }],
    );
    let (all, _) = m.session_steps().unwrap();
    let ws = &m.worksheets[index];
    // The third check of the first checklist, found on the screen as drawn.
    let target = all
        .iter()
        .position(|s| matches!(s, Step::Check { check: 2, .. }))
        .unwrap();
    let (_, label) = crate::ui::outline_label(
        ws,
        m.entry(m.session().unwrap().entry).unwrap(),
        &all[target],
    );
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(140, 60)).unwrap();
    terminal.draw(|f| crate::ui::view(&m, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let probe: String = label.chars().take(20).collect();
    let row = (0..60u16)
        .find(|&y| {
            let line: String = (0..40u16)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            line.contains(&probe)
        })
        .expect("the check is drawn in the outline");
    send(&mut m, [click(10, row)]);
    assert_eq!(m.session().unwrap().step, target);
    // From a check (picking its state), a click on the section heading goes there too.
    assert!(matches!(m.session().unwrap().focus, Focus::Pick(_)));
    let heading = (0..60u16)
        .find(|&y| {
            let line: String = (0..40u16)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            line.contains("1. ")
        })
        .unwrap();
    send(&mut m, [click(10, heading)]);
    assert_eq!(m.session().unwrap().step, 0);
}

#[test]
fn words_just_written_are_found_by_search_on_home() {
    let mut m = three_families();
    send(&mut m, [key(KeyCode::Enter)]);
    type_text(&mut m, " Grandmother visited.");
    send(&mut m, [key(KeyCode::Esc)]);
    search(&mut m, "grandmother");
    assert_eq!(labels(&m), ["Family K"]);
}

#[test]
fn a_signal_saves_unsaved_words_without_asking_and_quits() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "words typed a moment ago");
    let fx = update(&mut m, Msg::Stop(crate::msg::Stop::Terminate), t0());
    let [Effect::Save(entry)] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(
        entry
            .answers
            .values()
            .any(|v| v == "words typed a moment ago")
    );
    assert_eq!(m.overlay, None, "nobody is asked");
    update(
        &mut m,
        Msg::Saved {
            id: entry.id.clone(),
        },
        t0(),
    );
    assert!(m.should_quit);
    assert!(m.exit_message.as_deref().unwrap().contains("was saved"));
}

#[test]
fn a_signal_while_saves_fail_writes_a_recovery_folder_once_and_names_it() {
    let (mut m, _) = with_new_entry();
    type_text(&mut m, "precious words");
    let id = m.entry(0).unwrap().id.clone();
    update(&mut m, Msg::Stop(crate::msg::Stop::HangUp), t0());
    let failed = || Msg::SaveFailed {
        id: id.clone(),
        error: "No space left on device".into(),
    };
    let fx = update(&mut m, failed(), t0());
    let [Effect::WriteRecovery { entries, .. }] = &fx[..] else {
        panic!("{fx:?}")
    };
    assert!(entries[0].answers.values().any(|v| v == "precious words"));
    assert_eq!(m.overlay, None, "no question while stopping");
    assert!(update(&mut m, failed(), t0()).is_empty(), "asked once");
    update(
        &mut m,
        Msg::RecoveryWritten {
            folder: "/home/p/spiral-recovered/x".into(),
        },
        t0(),
    );
    assert!(m.should_quit);
    let said = m.exit_message.clone().unwrap();
    assert!(
        said.contains("SIGHUP") && said.contains("/home/p/spiral-recovered/x"),
        "{said}"
    );
}

#[test]
fn a_signal_with_nothing_unsaved_quits_at_once() {
    let mut m = model();
    assert!(update(&mut m, Msg::Stop(crate::msg::Stop::Interrupt), t0()).is_empty());
    assert!(m.should_quit);
}
