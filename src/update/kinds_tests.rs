//! The worksheet screen's keys for tables, checklists, scales, dates and
//! yes/no questions, driven by messages alone.

use crossterm::event::KeyCode;

use crate::content;
use crate::keymap::Context;
use crate::model::steps::{Pick, Step};
use crate::msg::Msg;
use crate::state::{Focus, Model, Screen};

// The same helpers as the other state tests: time, keys, and sending with saves acknowledged.
use super::tests::{ctrl, key, send};

fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        send(m, [ch(c)]);
    }
}

/// A new entry on the worksheet `id`, open at its first step.
fn open(id: &str) -> Model {
    let mut m = Model::new(
        content::builtin().unwrap(),
        Vec::new(),
        Vec::new(),
        "/data".into(),
        "salt".into(),
    );
    let index = m.worksheets.iter().position(|w| w.id == id).unwrap();
    send(&mut m, [ch('n')]);
    send(&mut m, (0..index).map(|_| key(KeyCode::Down)));
    send(&mut m, [key(KeyCode::Enter)]);
    type_text(&mut m, "Family K");
    send(&mut m, [key(KeyCode::Enter)]);
    assert!(matches!(m.screen, Screen::Worksheet(_)));
    m
}

fn position(m: &Model) -> String {
    let (steps, session) = m.session_steps().unwrap();
    steps[session.step].key(&m.worksheets[session.worksheet])
}

fn step(m: &Model) -> Step {
    let (steps, session) = m.session_steps().unwrap();
    steps[session.step].clone()
}

fn focus(m: &Model) -> Focus {
    m.session().unwrap().focus
}

/// Tabs forward to the step saved as `target`.
fn go_to(m: &mut Model, target: &str) {
    for _ in 0..200 {
        if position(m) == target {
            return;
        }
        send(m, [key(KeyCode::Tab)]);
    }
    panic!("no step {target}");
}

fn answer(m: &Model, key: &str) -> String {
    m.entry(0).unwrap().answer(key).to_string()
}

#[test]
fn a_table_has_one_step_per_row_each_with_its_own_answer() {
    let mut m = open("working-agreement");
    assert!(matches!(step(&m), Step::Row { row: 0, .. }));
    assert_eq!(m.context(), Context::Editor);
    type_text(&mut m, "An assessment.");
    send(&mut m, [key(KeyCode::Tab)]);
    assert!(matches!(step(&m), Step::Row { row: 1, .. }));
    type_text(&mut m, "Visit weekly.");
    assert_eq!(answer(&m, "agreement/why-involved"), "An assessment.");
    assert_eq!(answer(&m, "agreement/what-we-will-do"), "Visit weekly.");
    assert_eq!(position(&m), "agreement/what-we-will-do");
}

#[test]
fn a_check_takes_a_state_from_space_arrows_and_letters_and_clears() {
    let mut m = open("co-produced-contracts");
    go_to(&mut m, "rules/resources");
    assert_eq!(focus(&m), Focus::Pick(Pick::Check));
    assert_eq!(m.context(), Context::Checklist);
    let state = "rules/resources/state";
    send(&mut m, [ch(' ')]);
    assert_eq!(answer(&m, state), "done");
    send(&mut m, [key(KeyCode::Right)]);
    assert_eq!(answer(&m, state), "not-yet");
    send(&mut m, [key(KeyCode::Right)]);
    assert_eq!(answer(&m, state), "not-relevant");
    send(&mut m, [key(KeyCode::Right)]);
    assert_eq!(answer(&m, state), "done", "round again");
    send(&mut m, [key(KeyCode::Left)]);
    assert_eq!(answer(&m, state), "not-relevant");
    send(&mut m, [ch('n')]);
    assert_eq!(answer(&m, state), "not-yet");
    send(&mut m, [ch('x')]);
    assert_eq!(answer(&m, state), "not-relevant");
    send(&mut m, [ch('d')]);
    assert_eq!(answer(&m, state), "done");
    send(&mut m, [key(KeyCode::Backspace)]);
    assert_eq!(answer(&m, state), "");
    assert!(
        !m.entry(0).unwrap().answers.contains_key(state),
        "cleared, not kept empty"
    );
    // Letters that are not the check's own keys start the note.
    send(&mut m, [ch('q'), ch('z')]);
    assert_eq!(answer(&m, state), "");
    assert_eq!(answer(&m, "rules/resources/note"), "qz");
}

#[test]
fn tab_goes_from_the_pick_to_the_note_then_on_and_shift_tab_comes_back() {
    let mut m = open("co-produced-contracts");
    go_to(&mut m, "rules/resources");
    send(&mut m, [ch('d'), key(KeyCode::Tab)]);
    assert_eq!(focus(&m), Focus::Editor);
    assert_eq!(position(&m), "rules/resources", "still the same check");
    type_text(&mut m, "Budget agreed at the board");
    assert_eq!(
        answer(&m, "rules/resources/note"),
        "Budget agreed at the board"
    );
    assert_eq!(
        answer(&m, "rules/resources/state"),
        "done",
        "typing leaves the state"
    );
    send(&mut m, [key(KeyCode::BackTab)]);
    assert_eq!(focus(&m), Focus::Pick(Pick::Check));
    assert_eq!(position(&m), "rules/resources");
    send(&mut m, [key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_eq!(position(&m), "rules/project-management");
    assert_eq!(focus(&m), Focus::Pick(Pick::Check));
    // Down skips the note; Up goes back, straight to the pick.
    send(&mut m, [key(KeyCode::Down)]);
    assert_eq!(position(&m), "rules/representation");
    send(&mut m, [key(KeyCode::Up), key(KeyCode::Up)]);
    assert_eq!(position(&m), "rules/resources");
    assert_eq!(focus(&m), Focus::Pick(Pick::Check));
}

#[test]
fn checks_count_towards_progress_once_they_have_a_state() {
    let mut m = open("co-produced-contracts");
    let ws = m.worksheets[m.session().unwrap().worksheet].clone();
    let before = m.entry(0).unwrap().progress(&ws);
    go_to(&mut m, "rules/resources");
    send(&mut m, [key(KeyCode::Tab)]);
    type_text(&mut m, "a note alone does not count");
    assert_eq!(m.entry(0).unwrap().progress(&ws), before);
    send(&mut m, [key(KeyCode::BackTab), ch('x')]);
    let after = m.entry(0).unwrap().progress(&ws);
    assert_eq!(
        after.answered,
        before.answered + 1,
        "not relevant is an answer"
    );
    assert_eq!(after.total, before.total);
}

#[test]
fn a_scale_takes_digits_and_arrows_from_zero_to_ten() {
    let mut m = open("relationship-based-practice");
    go_to(&mut m, "equal");
    assert_eq!(m.context(), Context::Scale);
    send(&mut m, [key(KeyCode::Right)]);
    assert_eq!(answer(&m, "equal"), "0", "from nothing, Right starts at 0");
    send(&mut m, [ch('7')]);
    assert_eq!(answer(&m, "equal"), "7");
    send(
        &mut m,
        [ch('9'), key(KeyCode::Right), key(KeyCode::Right), ch(' ')],
    );
    assert_eq!(answer(&m, "equal"), "10", "never past 10");
    send(&mut m, [ch('1'), key(KeyCode::Left), key(KeyCode::Left)]);
    assert_eq!(answer(&m, "equal"), "0", "never below 0");
    send(&mut m, [key(KeyCode::Delete)]);
    assert_eq!(answer(&m, "equal"), "");
    send(&mut m, [key(KeyCode::Left)]);
    assert_eq!(answer(&m, "equal"), "10", "from nothing, Left starts at 10");
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(focus(&m), Focus::Editor, "Enter goes to the note too");
    type_text(&mut m, "She said so");
    assert_eq!(answer(&m, "equal/note"), "She said so");
}

#[test]
fn yes_no_toggles_and_the_follow_up_is_asked_only_when_it_applies() {
    let mut m = open("working-agreement");
    go_to(&mut m, "understood");
    assert_eq!(m.context(), Context::YesNo);
    // The follow-up is asked after "no" only.
    send(&mut m, [ch(' ')]);
    assert_eq!(answer(&m, "understood"), "yes");
    send(&mut m, [key(KeyCode::Tab)]);
    assert_eq!(
        position(&m),
        "signed/parents",
        "no follow-up after yes: Tab goes on"
    );
    send(&mut m, [key(KeyCode::BackTab)]);
    assert_eq!(position(&m), "understood");
    send(&mut m, [key(KeyCode::Left)]);
    assert_eq!(answer(&m, "understood"), "no", "any change key toggles");
    send(&mut m, [key(KeyCode::Tab)]);
    assert_eq!(focus(&m), Focus::Editor);
    type_text(&mut m, "Read it together");
    assert_eq!(answer(&m, "understood/follow-up"), "Read it together");
    send(&mut m, [key(KeyCode::BackTab), ch('y')]);
    assert_eq!(answer(&m, "understood"), "yes");
    assert_eq!(
        answer(&m, "understood/follow-up"),
        "Read it together",
        "a follow-up no longer asked is kept, not thrown away"
    );
    send(&mut m, [ch('n')]);
    assert_eq!(answer(&m, "understood"), "no");
}

#[test]
fn a_date_is_typed_on_one_line_and_counts_once_it_is_a_real_date() {
    let mut m = open("working-agreement");
    go_to(&mut m, "review-date");
    assert_eq!(m.context(), Context::Date);
    let ws = m.worksheets[m.session().unwrap().worksheet].clone();
    let before = m.entry(0).unwrap().progress(&ws).answered;
    type_text(&mut m, "2026-13-01");
    assert_eq!(answer(&m, "review-date"), "2026-13-01", "kept as typed");
    assert_eq!(m.entry(0).unwrap().progress(&ws).answered, before);
    // Longer than a date: refused, with a word about the format.
    type_text(&mut m, "9");
    assert_eq!(answer(&m, "review-date"), "2026-13-01");
    assert!(m.status.as_ref().unwrap().text.contains("2026-11-26"));
    send(&mut m, [key(KeyCode::Enter)]);
    assert!(
        m.status.as_ref().unwrap().text.contains("not a date yet"),
        "leaving says the date is not finished"
    );
    send(&mut m, [key(KeyCode::BackTab)]);
    assert_eq!(position(&m), "review-date");
    for _ in 0..10 {
        send(&mut m, [key(KeyCode::Backspace)]);
    }
    send(&mut m, [Msg::Paste("2026-12-04\nextra".into())]);
    assert_eq!(answer(&m, "review-date"), "2026-12-04");
    assert_eq!(m.entry(0).unwrap().progress(&ws).answered, before + 1);
    // Ctrl-T: today, from the clock the update is given.
    send(&mut m, [ctrl('t')]);
    assert_eq!(answer(&m, "review-date"), "2026-11-24");
}

#[test]
fn reopening_lands_on_the_check_it_was_left_at() {
    let mut m = open("co-produced-contracts");
    go_to(&mut m, "rules/launch");
    send(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(m.screen, Screen::Home));
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(position(&m), "rules/launch");
    assert_eq!(focus(&m), Focus::Pick(Pick::Check));
}

#[test]
fn a_read_only_copy_refuses_picks_and_dates() {
    let mut m = open("working-agreement");
    go_to(&mut m, "review-date");
    m.read_only = Some("another copy".into());
    type_text(&mut m, "2026");
    send(&mut m, [ctrl('t')]);
    assert_eq!(answer(&m, "review-date"), "");
    assert!(m.status.is_some());
    m.read_only = None;
    go_to(&mut m, "understood");
    m.read_only = Some("another copy".into());
    send(&mut m, [ch('y'), ch(' ')]);
    assert_eq!(answer(&m, "understood"), "");
}

#[test]
fn the_spiral_key_says_so_when_a_worksheet_has_no_picture() {
    let mut m = open("working-agreement");
    send(&mut m, [key(KeyCode::F(3))]);
    assert_eq!(m.overlay, None);
    assert_eq!(m.status.as_ref().unwrap().text, crate::text::NO_PICTURE);
}

#[test]
fn the_outline_jumps_to_a_check_and_back_to_its_pick() {
    let mut m = open("co-produced-contracts");
    send(&mut m, [ctrl('o')]);
    let (steps, _) = m.session_steps().unwrap();
    let ws = m.worksheets[m.session().unwrap().worksheet].clone();
    let target = steps
        .iter()
        .position(|s| s.key(&ws) == "rules/hosting")
        .unwrap();
    send(&mut m, (0..target).map(|_| key(KeyCode::Down)));
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(position(&m), "rules/hosting");
    assert_eq!(focus(&m), Focus::Pick(Pick::Check));
}

#[test]
fn typing_not_yet_on_a_yes_no_question_never_saves_yes() {
    let mut m = open("contracting-with-a-family");
    go_to(&mut m, "still-wanted");
    assert_eq!(m.context(), Context::YesNo);
    type_text(&mut m, "not yet");
    assert_eq!(
        answer(&m, "still-wanted"),
        "no",
        "n is the question's own key; Space and y went into the follow-up"
    );
    assert_eq!(answer(&m, "still-wanted/follow-up"), "ot yet");
    assert_eq!(
        focus(&m),
        Focus::Editor,
        "the first other letter moved to the note"
    );
}

#[test]
fn words_typed_on_a_check_go_into_its_note_and_mark_nothing() {
    let mut m = open("co-produced-contracts");
    go_to(&mut m, "rules/facilitation");
    assert_eq!(m.context(), Context::Checklist);
    type_text(&mut m, "She said");
    assert_eq!(
        answer(&m, "rules/facilitation/state"),
        "",
        "not marked done"
    );
    assert_eq!(answer(&m, "rules/facilitation/note"), "She said");
}

#[test]
fn a_letter_on_a_question_with_no_note_yet_is_refused_with_a_message() {
    let mut m = open("working-agreement");
    go_to(&mut m, "understood");
    // The follow-up is asked after "no" only; nothing is answered yet.
    send(&mut m, [ch('o')]);
    assert_eq!(answer(&m, "understood"), "");
    assert_eq!(answer(&m, "understood/follow-up"), "");
    assert_eq!(focus(&m), Focus::Pick(Pick::YesNo));
    let status = m.status.as_ref().expect("a message says which keys answer");
    assert!(status.text.contains("y or n"), "{}", status.text);
}

#[test]
fn typing_10_on_a_scale_saves_10() {
    let mut m = open("relationship-based-practice");
    go_to(&mut m, "equal");
    type_text(&mut m, "10");
    assert_eq!(answer(&m, "equal"), "10");
    type_text(&mut m, "0");
    assert_eq!(answer(&m, "equal"), "0", "a 0 after 10 is 0 again");
    type_text(&mut m, "19");
    assert_eq!(
        answer(&m, "equal"),
        "9",
        "only 1 then 0 makes a number of two digits"
    );
}

#[test]
fn a_0_a_while_after_1_is_0() {
    use chrono::Duration;
    let mut m = open("relationship-based-practice");
    go_to(&mut m, "equal");
    let at = super::tests::t0() + Duration::minutes(2);
    crate::update::update(&mut m, ch('1'), at);
    crate::update::update(&mut m, ch('0'), at + Duration::seconds(5));
    assert_eq!(answer(&m, "equal"), "0");
    crate::update::update(&mut m, ch('1'), at + Duration::seconds(6));
    crate::update::update(&mut m, ch('0'), at + Duration::milliseconds(6500));
    assert_eq!(answer(&m, "equal"), "10");
}

#[test]
fn ctrl_z_on_a_pick_undoes_its_last_change_or_says_why_not() {
    let mut m = open("contracting-with-a-family");
    go_to(&mut m, "still-wanted");
    send(&mut m, [ctrl('z')]);
    assert_eq!(
        m.status.as_ref().unwrap().text,
        crate::text::NOTHING_TO_UNDO_ON_PICK
    );
    send(&mut m, [ch('y'), ch('n')]);
    send(&mut m, [ctrl('z')]);
    assert_eq!(answer(&m, "still-wanted"), "yes");
    send(&mut m, [ctrl('z')]);
    assert_eq!(answer(&m, "still-wanted"), "");

    let mut m = open("co-produced-contracts");
    go_to(&mut m, "rules/facilitation");
    send(&mut m, [ch('d'), ctrl('z')]);
    assert_eq!(answer(&m, "rules/facilitation/state"), "");

    let mut m = open("relationship-based-practice");
    go_to(&mut m, "equal");
    send(&mut m, [ch('7'), key(KeyCode::Right), ctrl('z')]);
    assert_eq!(answer(&m, "equal"), "7");
}
