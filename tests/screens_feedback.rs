//! A supervisor's comments on screen, pinned as text snapshots: beside or
//! under their answers on the worksheet screen, marked in the outline and
//! on Home, and the field on Home that imports them.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use spiral::content;
use spiral::model::entry::{Comment, Entry};
use spiral::msg::{Effect, Msg};
use spiral::state::Model;
use spiral::update::update;

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-24T09:30:00+11:00").unwrap()
}

fn draw(model: &Model, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| spiral::ui::view(model, f)).unwrap();
    terminal.backend().to_string()
}

fn send(m: &mut Model, msg: Msg) {
    for e in update(m, msg, t0() + Duration::minutes(5)) {
        if let Effect::Save(entry) = e {
            update(m, Msg::Saved { id: entry.id }, t0());
        }
    }
}

fn key(m: &mut Model, code: KeyCode) {
    send(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn comment(id: &str, key: Option<&str>, text: &str, reviewer: Option<&str>) -> Comment {
    Comment {
        id: id.into(),
        key: key.map(str::to_string),
        text: text.into(),
        reviewer: reviewer.map(str::to_string),
        written: DateTime::parse_from_rfc3339("2026-12-03T10:00:00+11:00").unwrap(),
    }
}

/// Home with two entries: Family K, discussed in supervision, with two
/// comments from the supervisor on its first answer and on the whole
/// entry; and the M household, with none.
fn reviewed() -> Model {
    let mut m = Model::new(
        content::builtin().unwrap(),
        vec![],
        vec![],
        "/home/pat/.local/share/spiral".into(),
        "ab12".into(),
    );
    let ws = m.worksheets[0].clone();
    let first = ws.sections[0].items[0].id().to_string();
    let mut k = Entry::new(
        "20261120-101500-ab12".into(),
        &ws,
        "Family K".into(),
        t0() - Duration::days(7),
    );
    k.updated = t0() - Duration::days(1);
    k.answers.insert(
        first.clone(),
        "We met three times before the mother let me in past the kitchen.".into(),
    );
    k.discussed = NaiveDate::from_ymd_opt(2026, 12, 3);
    k.feedback = vec![
        comment(
            "c1",
            Some(&first),
            "You waited to be asked in: say more about what told you it was time.",
            Some("Alex P"),
        ),
        comment(
            "c2",
            None,
            "A careful piece of work. Bring the map to our next session.",
            None,
        ),
    ];
    let mut other = Entry::new(
        "20261122-090000-ab12".into(),
        &ws,
        "The M household".into(),
        t0() - Duration::days(5),
    );
    other.updated = t0() - Duration::days(2);
    m.set_entries(vec![k, other]);
    m
}

/// Family K open at its first prompt.
fn opened() -> Model {
    let mut m = reviewed();
    assert_eq!(
        m.selected_entry().map(|i| m.entries[i].id()),
        Some("20261120-101500-ab12")
    );
    key(&mut m, KeyCode::Enter);
    assert!(m.session().is_some());
    m
}

#[test]
fn home_marks_the_reviewed_entry_and_counts_its_comments() {
    let m = reviewed();
    let small = draw(&m, 80, 24);
    assert!(small.contains("Family K ✎2"), "{small}");
    assert!(small.contains("✓ discussed"), "{small}");
    assert!(small.contains("2 comments from your supervisor"), "{small}");
    assert!(
        small.contains("Discussed in supervision 3 Dec 2026"),
        "{small}"
    );
    insta::assert_snapshot!("home_reviewed_80x24", small);
    insta::assert_snapshot!("home_reviewed_120x40", draw(&m, 120, 40));
}

#[test]
fn comments_sit_under_the_answer_on_a_narrow_screen_and_beside_it_on_a_wide_one() {
    let m = opened();
    let small = draw(&m, 80, 24);
    assert!(small.contains("Supervisor Alex P, 3 Dec 2026"), "{small}");
    assert!(small.contains("on the whole entry"), "{small}");
    insta::assert_snapshot!("worksheet_comments_80x24", small);
    // The outline beside the prompt marks the step with ✎.
    let medium = draw(&m, 120, 40);
    assert!(medium.contains("✎"), "{medium}");
    insta::assert_snapshot!("worksheet_comments_120x40", medium);
    insta::assert_snapshot!("worksheet_comments_160x40", draw(&m, 160, 40));
}

#[test]
fn f4_hides_the_comments_and_the_outline_still_marks_them() {
    let mut m = opened();
    key(&mut m, KeyCode::F(4));
    let screen = draw(&m, 120, 40);
    assert!(!screen.contains("Supervisor Alex P"), "{screen}");
    assert!(screen.contains("✎"), "{screen}");
    insta::assert_snapshot!("worksheet_comments_hidden_120x40", screen);
}

#[test]
fn a_step_without_comments_shows_none() {
    let mut m = opened();
    key(&mut m, KeyCode::Tab);
    let screen = draw(&m, 80, 24);
    assert!(!screen.contains("Supervisor"), "{screen}");
}

#[test]
fn the_import_field_on_home() {
    let mut m = reviewed();
    key(&mut m, KeyCode::Char('i'));
    send(
        &mut m,
        Msg::FeedbackFound(Some("~/Downloads/reflections.feedback.json".into())),
    );
    insta::assert_snapshot!("home_import_field_80x24", draw(&m, 80, 24));
    // A file that is not feedback: the field stays, the reason is shown.
    send(
        &mut m,
        Msg::FeedbackRead(Err(
            "bundle.json is not a spiral feedback file (its \"format\" is \"spiral-bundle\", not \"spiral-feedback\")".into(),
        )),
    );
    insta::assert_snapshot!("home_import_bad_file_80x24", draw(&m, 80, 24));
}

#[test]
fn comments_draw_at_every_size_without_a_panic() {
    let mut m = opened();
    for (w, h) in [(60, 16), (61, 17), (95, 20), (96, 16), (100, 30), (200, 60)] {
        draw(&m, w, h);
    }
    // The map step and a picked answer draw with comments too.
    let first = m.worksheets[0].sections[3].items[0].id().to_string();
    let i = m.session().unwrap().entry;
    m.entries[i].entry.as_mut().unwrap().feedback.push(comment(
        "c3",
        Some(&first),
        "The map shows the returns well.",
        None,
    ));
    for _ in 0..12 {
        key(&mut m, KeyCode::Tab);
        for (w, h) in [(60, 16), (80, 24), (120, 40), (160, 40)] {
            draw(&m, w, h);
        }
    }
}

#[test]
fn f5_shows_every_comment_full_screen() {
    let mut m = opened();
    key(&mut m, KeyCode::F(5));
    let screen = draw(&m, 80, 24);
    assert!(screen.contains("Your supervisor's comments"), "{screen}");
    assert!(screen.contains("on the whole entry"), "{screen}");
    insta::assert_snapshot!("worksheet_all_comments_80x24", screen);
}

#[test]
fn at_60x20_the_answer_keeps_its_room_and_the_rest_is_a_key_away() {
    let m = opened();
    let screen = draw(&m, 60, 20);
    assert!(screen.contains("F5 reads"), "{screen}");
    insta::assert_snapshot!("worksheet_comments_60x20", screen);
}

#[test]
fn at_60x20_the_report_names_the_unknown_entry_in_full() {
    use spiral::export::feedback::{BundleRef, EntryFeedback, Feedback};
    let mut m = reviewed();
    key(&mut m, KeyCode::Char('i'));
    let feedback = Feedback {
        format: "spiral-feedback".into(),
        version: 1,
        bundle: BundleRef {
            exported_at: t0(),
            practitioner: None,
        },
        reviewer: None,
        updated: t0(),
        entries: vec![EntryFeedback {
            entry_id: "20990101-000000-zzzz".into(),
            family_label: "Family Q".into(),
            worksheet: "building-impactful-partnerships".into(),
            discussed: None,
            comments: vec![comment("z", None, "Not yours.", None)],
        }],
    };
    send(
        &mut m,
        Msg::FeedbackRead(Ok(Box::new(spiral::msg::FeedbackRead {
            feedback,
            entries: vec![(
                "20990101-000000-zzzz".into(),
                Err(spiral::store::LoadFailure::Missing),
            )],
        }))),
    );
    let screen = draw(&m, 60, 20);
    assert!(screen.contains("20990101-000000-zzzz"), "{screen}");
    assert!(screen.contains("Family Q"), "{screen}");
    // Its last words, on a line of their own at this width.
    assert!(screen.contains("\"folder. "), "the whole report: {screen}");
}
