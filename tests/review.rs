//! `spiral review`'s state machine without a terminal: comments added,
//! changed and deleted, the overall comment, the discussed day, saving that
//! fails, and the round trip from a bundle to comments back in the entries.
//! The bundle is never changed.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spiral::export::bundle;
use spiral::export::doc::{Body, entry_doc};
use spiral::export::feedback::{self, Feedback};
use spiral::review::keymap::Context;
use spiral::review::layout::targets;
use spiral::review::msg::{Effect, Msg};
use spiral::review::state::{Overlay, Screen};
use spiral::review::update::update;
use spiral::review::{self, Review, app};

mod sample;
use sample::{AGREEMENT, CONTRACT, PARTNERSHIP, review_time};

const FEEDBACK: &str = "/supervision/sam.feedback.json";

fn review() -> Review {
    let bundle = sample::bundle();
    let feedback = Feedback::for_bundle(&bundle, None, review_time());
    let mut m = Review::new(
        bundle,
        "/supervision/sam.json".into(),
        FEEDBACK.into(),
        feedback,
        Some("Alex".into()),
    )
    .unwrap();
    update(
        &mut m,
        Msg::Resize {
            width: 100,
            height: 30,
        },
        review_time(),
        "-",
    );
    m
}

/// Every effect a message gave, with saves answered as working.
fn send(m: &mut Review, msg: Msg, id: &str) -> Vec<Effect> {
    let effects = update(m, msg, review_time(), id);
    for _ in &effects {
        update(m, Msg::Saved, review_time(), id);
    }
    effects
}

fn press(m: &mut Review, code: KeyCode) -> Vec<Effect> {
    send(
        m,
        Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        "new-id",
    )
}

fn ctrl(m: &mut Review, c: char) -> Vec<Effect> {
    send(
        m,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        "new-id",
    )
}

fn paste(m: &mut Review, text: &str) {
    assert!(send(m, Msg::Paste(text.into()), "-").is_empty());
}

fn saved(effects: &[Effect]) -> &Feedback {
    match effects {
        [Effect::Save { path, feedback }] => {
            assert_eq!(
                path,
                Path::new(FEEDBACK),
                "only the feedback file is written"
            );
            feedback
        }
        other => panic!("expected one save, got {other:?}"),
    }
}

/// Opens the first entry and marks its second answer.
fn at_second_answer(m: &mut Review) {
    press(m, KeyCode::Enter);
    press(m, KeyCode::Down);
}

#[test]
fn a_comment_on_an_answer_is_filed_under_its_key_and_saved_at_once() {
    let mut m = review();
    at_second_answer(&mut m);
    press(&mut m, KeyCode::Char('c'));
    assert_eq!(m.context(), Context::Writing);
    paste(&mut m, "Good noticing.");
    press(&mut m, KeyCode::Enter);
    for c in "What did they say?".chars() {
        press(&mut m, KeyCode::Char(c));
    }
    let effects = ctrl(&mut m, 's');
    let fb = saved(&effects);
    let ours = &fb.entry(PARTNERSHIP).unwrap().comments;
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].id, "new-id");
    assert_eq!(
        ours[0].key.as_deref(),
        Some("kc-helping-families-value-themselves")
    );
    assert_eq!(ours[0].text, "Good noticing.\nWhat did they say?");
    assert_eq!(ours[0].reviewer.as_deref(), Some("Alex"));
    assert_eq!(ours[0].written, review_time());
    assert_eq!(fb.reviewer.as_deref(), Some("Alex"));
    assert_eq!(fb.updated, review_time());
    assert!(m.overlay.is_none());
    assert!(!m.unsaved);
    // It shows under the answer it is about.
    let doc = m.doc(0);
    assert_eq!(doc.sections[0].items[1].comments.len(), 1);
    assert_eq!(m.bundle, sample::bundle(), "the bundle is untouched");
}

#[test]
fn editing_keeps_the_comment_id_and_emptying_it_removes_it() {
    let mut m = review();
    at_second_answer(&mut m);
    press(&mut m, KeyCode::Char('c'));
    paste(&mut m, "First thought.");
    press(&mut m, KeyCode::Esc);
    // Esc keeps, as Ctrl-S does; c again opens what was written.
    press(&mut m, KeyCode::Char('c'));
    let Some(Overlay::Write(w)) = &m.overlay else {
        panic!("the comment box is open");
    };
    assert_eq!(w.editor.lines(), ["First thought."]);
    paste(&mut m, " Second.");
    let fb = saved(&press(&mut m, KeyCode::Esc)).clone();
    let ours = &fb.entry(PARTNERSHIP).unwrap().comments;
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].id, "new-id");
    assert_eq!(ours[0].text, "First thought. Second.");

    // Unchanged: nothing to save.
    press(&mut m, KeyCode::Char('c'));
    assert!(press(&mut m, KeyCode::Esc).is_empty());

    // Emptied: removed, and the entry leaves the file.
    press(&mut m, KeyCode::Char('c'));
    for _ in 0.."First thought. Second.".len() {
        press(&mut m, KeyCode::Backspace);
    }
    let fb = saved(&press(&mut m, KeyCode::Esc)).clone();
    assert!(fb.entry(PARTNERSHIP).is_none(), "{fb:?}");
}

#[test]
fn an_empty_new_comment_adds_nothing() {
    let mut m = review();
    at_second_answer(&mut m);
    press(&mut m, KeyCode::Char('c'));
    paste(&mut m, "   \n  ");
    assert!(press(&mut m, KeyCode::Esc).is_empty());
    assert!(m.feedback.entries.is_empty());
}

#[test]
fn deleting_asks_first_and_only_deletes_the_supervisors_own() {
    let mut m = review();
    at_second_answer(&mut m);
    press(&mut m, KeyCode::Char('c'));
    paste(&mut m, "To go.");
    press(&mut m, KeyCode::Esc);

    press(&mut m, KeyCode::Char('d'));
    assert_eq!(m.context(), Context::Confirm);
    assert!(press(&mut m, KeyCode::Char('n')).is_empty());
    assert_eq!(m.ours(0).len(), 1, "n keeps it");
    press(&mut m, KeyCode::Char('d'));
    assert!(
        press(&mut m, KeyCode::Enter).is_empty(),
        "a habitual Enter deletes nothing"
    );
    assert_eq!(m.ours(0).len(), 1);
    press(&mut m, KeyCode::Esc);
    assert!(m.overlay.is_none(), "Esc keeps it too");

    press(&mut m, KeyCode::Delete);
    let fb = saved(&press(&mut m, KeyCode::Char('y'))).clone();
    assert!(fb.entries.is_empty());
    assert!(m.ours(0).is_empty());

    // The first answer has only an earlier supervisor's comment: not ours to delete.
    press(&mut m, KeyCode::Up);
    assert!(press(&mut m, KeyCode::Char('d')).is_empty());
    assert!(m.overlay.is_none());
    let said = m.status.clone().unwrap().text;
    assert!(said.contains("earlier"), "{said}");
    assert_eq!(m.entry(0).feedback.len(), 1);
}

#[test]
fn the_overall_comment_has_no_key_and_is_written_from_the_list_too() {
    let mut m = review();
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Char('o'));
    paste(&mut m, "Clear and honest.");
    let fb = saved(&ctrl(&mut m, 's')).clone();
    let on = fb.entry(CONTRACT).unwrap();
    assert_eq!(on.comments[0].key, None);
    assert_eq!(on.comments[0].text, "Clear and honest.");
    assert_eq!(m.our_comment(1, None).unwrap().text, "Clear and honest.");
    // From the reading view, o opens the same comment.
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Char('o'));
    let Some(Overlay::Write(w)) = &m.overlay else {
        panic!("the comment box is open");
    };
    assert_eq!(w.editor.lines(), ["Clear and honest."]);
    assert_eq!(w.key, None);
}

#[test]
fn discussed_defaults_to_today_is_checked_and_toggles_off() {
    let mut m = review();
    press(&mut m, KeyCode::Char('m'));
    let Some(Overlay::Discussed { input, .. }) = &m.overlay else {
        panic!("the date box is open");
    };
    assert_eq!(input.lines(), ["2026-12-03"]);
    let fb = saved(&press(&mut m, KeyCode::Enter)).clone();
    assert_eq!(
        fb.entry(PARTNERSHIP).unwrap().discussed,
        NaiveDate::from_ymd_opt(2026, 12, 3)
    );
    // Again: unmarked.
    let fb = saved(&press(&mut m, KeyCode::Char('m'))).clone();
    assert!(fb.entry(PARTNERSHIP).is_none());

    // Another day, typed; a wrong one is refused with the box still open.
    press(&mut m, KeyCode::Char('m'));
    for _ in 0..10 {
        press(&mut m, KeyCode::Backspace);
    }
    for c in "2026-11-31".chars() {
        press(&mut m, KeyCode::Char(c));
    }
    assert!(press(&mut m, KeyCode::Enter).is_empty());
    let Some(Overlay::Discussed { error, .. }) = &m.overlay else {
        panic!("still open");
    };
    assert!(
        error.as_deref().unwrap().contains("YYYY")
            || error.as_deref().unwrap().contains("year-month-day")
    );
    press(&mut m, KeyCode::Backspace);
    press(&mut m, KeyCode::Backspace);
    paste(&mut m, "28");
    // More than a day's ten characters is not taken.
    press(&mut m, KeyCode::Char('9'));
    let fb = saved(&press(&mut m, KeyCode::Enter)).clone();
    assert_eq!(
        fb.entry(PARTNERSHIP).unwrap().discussed,
        NaiveDate::from_ymd_opt(2026, 11, 28)
    );
    assert_eq!(
        m.bundle,
        sample::bundle(),
        "the bundle's own discussed day stays"
    );
}

#[test]
fn a_day_still_to_come_or_a_cancelled_box_marks_nothing() {
    let mut m = review();
    press(&mut m, KeyCode::Char('m'));
    for _ in 0..10 {
        press(&mut m, KeyCode::Backspace);
    }
    paste(&mut m, "2027-01-05");
    assert!(press(&mut m, KeyCode::Enter).is_empty());
    assert!(matches!(
        m.overlay,
        Some(Overlay::Discussed { error: Some(_), .. })
    ));
    // Ctrl-T puts today back.
    ctrl(&mut m, 't');
    assert!(press(&mut m, KeyCode::Esc).is_empty());
    assert!(m.overlay.is_none());
    assert!(m.feedback.entries.is_empty());
}

#[test]
fn the_cursor_visits_rows_checks_chosen_answers_and_the_map() {
    let m = review();
    let keys = |entry: usize, section: usize| -> Vec<String> {
        targets(&m, entry, section)
            .into_iter()
            .map(|t| t.key)
            .collect()
    };
    assert_eq!(keys(0, 3), ["wd-map", "wd-issues", "wd-core"]);
    assert_eq!(
        keys(0, 4),
        [
            "reflective-choice/reflective-3/answer",
            "with-parents-choice"
        ],
        "a chosen question's answers, or the choice itself when none is chosen"
    );
    assert_eq!(
        keys(1, 0),
        [
            "contract",
            "who/commissioners",
            "who/providers",
            "who/specialists",
            "who/facilitator",
            "review-date"
        ]
    );
    assert!(keys(1, 1).iter().all(|k| k.starts_with("rules/")));
    assert_eq!(keys(1, 2), ["equal-status", "trust", "leaders", "next"]);
}

#[test]
fn sections_go_forward_and_back_and_the_place_is_kept() {
    let mut m = review();
    press(&mut m, KeyCode::Enter);
    press(&mut m, KeyCode::Right);
    press(&mut m, KeyCode::Char('n'));
    press(&mut m, KeyCode::Down);
    let Screen::Entry(r) = m.screen else { panic!() };
    assert_eq!((r.section, r.cursor), (2, 1));
    press(&mut m, KeyCode::Char('p'));
    press(&mut m, KeyCode::Left);
    press(&mut m, KeyCode::Left);
    assert!(m.status.as_ref().unwrap().text.contains("first section"));
    for _ in 0..6 {
        press(&mut m, KeyCode::Right);
    }
    assert!(m.status.as_ref().unwrap().text.contains("last section"));
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Esc);
    assert_eq!(m.screen, Screen::List);
    press(&mut m, KeyCode::Enter);
    let Screen::Entry(r) = m.screen else { panic!() };
    assert_eq!((r.section, r.cursor), (4, 1), "back where it was left");
}

#[test]
fn paging_moves_the_mark_to_what_shows_and_it_always_stays_in_view() {
    let mut m = review();
    update(
        &mut m,
        Msg::Resize {
            width: 60,
            height: 16,
        },
        review_time(),
        "-",
    );
    press(&mut m, KeyCode::Enter);
    let view = spiral::review::ui::content_area(&m, ratatui::layout::Rect::new(0, 0, 60, 16));
    let laid = spiral::review::layout::lay_out(&m, 0, 0, spiral::review::ui::text_width(view));
    assert!(
        laid.height > usize::from(view.height),
        "the section is longer than the view"
    );
    for _ in 0..20 {
        press(&mut m, KeyCode::Down);
        let Screen::Entry(r) = m.screen else { panic!() };
        let spot = &laid.spots[r.cursor];
        assert!(spot.top >= r.scroll && spot.top < r.scroll + usize::from(view.height));
    }
    press(&mut m, KeyCode::Home);
    press(&mut m, KeyCode::PageDown);
    let Screen::Entry(r) = m.screen else { panic!() };
    assert!(r.scroll > 0);
    let spot = &laid.spots[r.cursor];
    assert!(spot.bottom > r.scroll && spot.top < r.scroll + usize::from(view.height));
}

#[test]
fn a_failed_save_keeps_everything_and_the_next_change_saves_it_all() {
    let mut m = review();
    at_second_answer(&mut m);
    press(&mut m, KeyCode::Char('c'));
    paste(&mut m, "Kept in memory.");
    let effects = update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        review_time(),
        "a",
    );
    assert_eq!(effects.len(), 1);
    update(
        &mut m,
        Msg::SaveFailed("No space left on device".into()),
        review_time(),
        "-",
    );
    assert!(m.save_error.is_some() && m.unsaved);
    let said = m.status.clone().unwrap();
    assert!(said.error && said.text.contains("NOT SAVED"), "{said:?}");

    // Another comment: the whole file is saved, both comments in it.
    press(&mut m, KeyCode::Down);
    press(&mut m, KeyCode::Char('c'));
    paste(&mut m, "And this.");
    let effects = update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        review_time(),
        "b",
    );
    assert_eq!(saved(&effects).comment_count(), 2);
    update(&mut m, Msg::Saved, review_time(), "-");
    assert!(m.save_error.is_none() && !m.unsaved);
}

#[test]
fn quitting_while_saving_fails_tries_again_then_asks() {
    let mut m = review();
    press(&mut m, KeyCode::Char('o'));
    paste(&mut m, "Unsaved.");
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        review_time(),
        "a",
    );
    update(
        &mut m,
        Msg::SaveFailed("read-only file system".into()),
        review_time(),
        "-",
    );

    let effects = update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
        review_time(),
        "-",
    );
    assert_eq!(saved(&effects).comment_count(), 1, "one more try");
    assert!(!m.should_quit);
    update(
        &mut m,
        Msg::SaveFailed("read-only file system".into()),
        review_time(),
        "-",
    );
    assert_eq!(m.context(), Context::QuitUnsaved);
    press(&mut m, KeyCode::Esc);
    assert!(!m.should_quit, "n / Esc stays");
    assert_eq!(m.our_comment(0, None).unwrap().text, "Unsaved.");

    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
        review_time(),
        "-",
    );
    update(
        &mut m,
        Msg::SaveFailed("read-only file system".into()),
        review_time(),
        "-",
    );
    press(&mut m, KeyCode::Char('y'));
    assert!(m.should_quit);
}

#[test]
fn quitting_with_everything_saved_is_immediate() {
    let mut m = review();
    assert!(press(&mut m, KeyCode::Char('q')).is_empty());
    assert!(m.should_quit);
}

#[test]
fn a_retried_save_that_works_quits() {
    let mut m = review();
    press(&mut m, KeyCode::Char('o'));
    paste(&mut m, "x");
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        review_time(),
        "a",
    );
    update(&mut m, Msg::SaveFailed("full".into()), review_time(), "-");
    press(&mut m, KeyCode::Char('q'));
    assert!(m.should_quit);
}

#[test]
fn a_bundle_with_no_entries_says_so_and_changes_nothing() {
    let mut bundle = sample::bundle();
    bundle.entries.clear();
    let feedback = Feedback::for_bundle(&bundle, None, review_time());
    let mut m = Review::new(bundle, "/b.json".into(), FEEDBACK.into(), feedback, None).unwrap();
    for code in [
        KeyCode::Down,
        KeyCode::Enter,
        KeyCode::Char('o'),
        KeyCode::Char('m'),
    ] {
        assert!(press(&mut m, code).is_empty());
        assert!(m.overlay.is_none());
        assert_eq!(m.screen, Screen::List);
    }
    assert!(m.status.unwrap().text.contains("no entries"));
}

// ---- with real files ----

fn write_bundle(dir: &Path) -> (PathBuf, Vec<u8>) {
    let path = dir.join("sam-nov.json");
    std::fs::write(&path, sample::bundle_json()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

/// Runs a key through the review as the app does, saves and all.
fn app_key(m: &mut Review, code: KeyCode) {
    app::dispatch(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn round_trip_from_export_to_review_to_the_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle_path, before) = write_bundle(dir.path());

    let mut m = review::open(&bundle_path, None, Some("Alex".into()), review_time()).unwrap();
    assert_eq!(m.feedback_path, dir.path().join("sam-nov.feedback.json"));
    app_key(&mut m, KeyCode::Enter);
    app_key(&mut m, KeyCode::Down);
    app_key(&mut m, KeyCode::Char('c'));
    app::dispatch(&mut m, Msg::Paste("Good noticing.".into()));
    app_key(&mut m, KeyCode::Esc);
    // The map, in section 4.
    for _ in 0..3 {
        app_key(&mut m, KeyCode::Right);
    }
    app_key(&mut m, KeyCode::Char('c'));
    app::dispatch(
        &mut m,
        Msg::Paste("The return after the missed visit matters.".into()),
    );
    app_key(&mut m, KeyCode::Esc);
    app_key(&mut m, KeyCode::Char('o'));
    app::dispatch(&mut m, Msg::Paste("Thoughtful.".into()));
    app_key(&mut m, KeyCode::Esc);
    app_key(&mut m, KeyCode::Char('m'));
    app_key(&mut m, KeyCode::Enter);
    assert!(m.save_error.is_none(), "{:?}", m.save_error);

    // Reopened, it carries on with what was saved.
    let again = review::open(&bundle_path, None, None, review_time()).unwrap();
    assert_eq!(again.feedback.comment_count(), 3);
    assert!(again.status.unwrap().text.contains("Carrying on"));

    // The practitioner brings the feedback into their entries.
    let fb = feedback::read(&m.feedback_path).unwrap();
    assert_eq!(fb.bundle.practitioner.as_deref(), Some("Sam Lee"));
    let mut entries = sample::entries();
    let k = entries.iter_mut().find(|e| e.id == PARTNERSHIP).unwrap();
    let merged = feedback::merge(k, fb.entry(PARTNERSHIP).unwrap());
    assert_eq!((merged.added, merged.discussed), (3, true));
    // The app's clock: today (or yesterday, if midnight passed meanwhile).
    let today = chrono::Local::now().date_naive();
    assert!(
        k.discussed == Some(today) || k.discussed == today.pred_opt(),
        "{:?}",
        k.discussed
    );
    let ws = sample::worksheets()
        .into_iter()
        .find(|w| w.id == k.worksheet.id)
        .unwrap();
    let doc = entry_doc(k, &ws);
    let texts = |cs: &[spiral::model::entry::Comment]| -> Vec<String> {
        cs.iter().map(|c| c.text.clone()).collect()
    };
    assert_eq!(
        texts(&doc.sections[0].items[1].comments),
        ["Good noticing."]
    );
    let map = &doc.sections[3].items[0];
    assert!(matches!(map.body, Body::Map(_)));
    assert_eq!(
        texts(&map.comments),
        ["The return after the missed visit matters."]
    );
    assert_eq!(texts(&doc.overall), ["Thoughtful."]);

    assert_eq!(
        std::fs::read(&bundle_path).unwrap(),
        before,
        "the bundle's bytes are unchanged"
    );
}

#[test]
fn feedback_can_go_elsewhere_but_never_into_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle_path, before) = write_bundle(dir.path());
    let err = review::open(&bundle_path, Some(&bundle_path), None, review_time())
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("is the bundle itself"), "{err}");
    let elsewhere = dir.path().join("mine.json");
    let mut m = review::open(&bundle_path, Some(&elsewhere), None, review_time()).unwrap();
    app_key(&mut m, KeyCode::Char('m'));
    app_key(&mut m, KeyCode::Enter);
    assert!(
        feedback::read(&elsewhere)
            .unwrap()
            .entry(PARTNERSHIP)
            .is_some()
    );
    assert_eq!(std::fs::read(&bundle_path).unwrap(), before);
}

#[test]
fn a_save_into_a_missing_folder_fails_and_works_once_it_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle_path, _) = write_bundle(dir.path());
    let folder = dir.path().join("not-yet");
    let target = folder.join("fb.json");
    let mut m = review::open(&bundle_path, Some(&target), None, review_time()).unwrap();
    app_key(&mut m, KeyCode::Char('o'));
    app::dispatch(&mut m, Msg::Paste("Still here.".into()));
    app_key(&mut m, KeyCode::Esc);
    assert!(m.save_error.is_some());
    assert_eq!(m.our_comment(0, None).unwrap().text, "Still here.");
    std::fs::create_dir(&folder).unwrap();
    app::dispatch(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    );
    assert!(m.save_error.is_none());
    assert_eq!(feedback::read(&target).unwrap().comment_count(), 1);
}

#[test]
fn a_bad_feedback_file_is_named_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle_path, _) = write_bundle(dir.path());
    let fb_path = feedback::path_beside(&bundle_path);
    for text in [
        "{\"format\": \"spiral-feedback\", ",
        "{}",
        "{\"format\": \"spiral-feedback\", \"version\": 7}",
    ] {
        std::fs::write(&fb_path, text).unwrap();
        let err = format!(
            "{:#}",
            review::open(&bundle_path, None, None, review_time())
                .err()
                .unwrap()
        );
        assert!(err.contains("sam-nov.feedback.json"), "{err}");
        assert_eq!(std::fs::read_to_string(&fb_path).unwrap(), text);
    }
}

#[test]
fn a_bad_bundle_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let full = sample::bundle_json();
    let cases = [
        (full[..full.len() / 2].to_string(), "cut short"),
        ("{}".to_string(), "not a spiral bundle"),
        (
            full.replacen("\"version\": 1", "\"version\": 2", 1),
            "newer spiral",
        ),
    ];
    for (text, says) in cases {
        std::fs::write(&path, &text).unwrap();
        let err = review::open(&path, None, None, review_time())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains(says), "{err}");
        assert!(!feedback::path_beside(&path).exists());
    }
    let ok = bundle::parse(&full, "b.json").unwrap();
    assert_eq!(ok.entries.len(), 3);
    assert!(ok.entries.iter().any(|e| e.id == AGREEMENT));
}

#[test]
fn a_comment_carried_on_that_also_came_in_the_bundle_shows_once_as_it_is_now() {
    let mut m = review();
    let earlier = m.entry(0).feedback[0].clone();
    let entry = m.entry(0).clone();
    let mut mine = earlier.clone();
    mine.text = "Edited since it was imported.".into();
    m.feedback.entry_mut(&entry).comments.push(mine);
    let doc = m.doc(0);
    let all: Vec<&spiral::model::entry::Comment> = doc
        .overall
        .iter()
        .chain(
            doc.sections
                .iter()
                .flat_map(|s| s.items.iter().flat_map(|i| &i.comments)),
        )
        .filter(|c| c.id == earlier.id)
        .collect();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].text, "Edited since it was imported.");
}

#[test]
fn a_signal_keeps_the_comment_being_written_and_a_failed_save_goes_to_a_recovery_copy() {
    let mut m = review();
    at_second_answer(&mut m);
    press(&mut m, KeyCode::Char('c'));
    paste(&mut m, "Half a thought.");
    let effects = update(
        &mut m,
        Msg::Stop(spiral::msg::Stop::Terminate),
        review_time(),
        "s1",
    );
    assert_eq!(saved(&effects).comment_count(), 1, "kept and saved");
    assert!(!m.should_quit, "not before the save lands");
    let effects = update(
        &mut m,
        Msg::SaveFailed("No space left on device".into()),
        review_time(),
        "-",
    );
    let [Effect::WriteRecovery { feedback, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(feedback.comment_count(), 1);
    assert_ne!(m.context(), Context::QuitUnsaved, "nobody is asked");
    update(
        &mut m,
        Msg::RecoveryWritten("/home/s/spiral-recovered/x".into()),
        review_time(),
        "-",
    );
    assert!(m.should_quit);
    let said = m.exit_message.clone().unwrap();
    assert!(said.contains("/home/s/spiral-recovered/x"), "{said}");
}
