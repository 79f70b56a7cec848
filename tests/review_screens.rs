//! The review's screens at 80x24 and 120x40, pinned as text snapshots.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use spiral::export::feedback::Feedback;
use spiral::review::msg::{Effect, Msg};
use spiral::review::update::update;
use spiral::review::{Review, ui};

mod sample;
use sample::review_time;

fn review() -> Review {
    let bundle = sample::bundle();
    let feedback = Feedback::for_bundle(&bundle, Some("Alex Supervisor".into()), review_time());
    Review::new(
        bundle,
        "/home/alex/supervision/sam-nov.json".into(),
        "/home/alex/supervision/sam-nov.feedback.json".into(),
        feedback,
        Some("Alex Supervisor".into()),
    )
    .unwrap()
}

fn draw(m: &Review, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| ui::view(m, f)).unwrap();
    terminal.backend().to_string()
}

/// Sends a message as the app would, with saves that work.
fn send(m: &mut Review, msg: Msg) {
    let mut n = 0;
    let mut queue = vec![msg];
    while let Some(msg) = queue.pop() {
        n += 1;
        for effect in update(m, msg, review_time(), &format!("c{n}")) {
            if let Effect::Save { .. } = effect {
                queue.push(Msg::Saved);
            }
        }
    }
}

fn key(m: &mut Review, code: KeyCode) {
    send(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(m: &mut Review, c: char) {
    send(
        m,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn sized(width: u16, height: u16) -> Review {
    let mut m = review();
    send(&mut m, Msg::Resize { width, height });
    m
}

/// The same steps drawn at 80x24 and 120x40 (the layout depends on the size).
macro_rules! both_sizes {
    ($name:literal, $steps:expr) => {{
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let mut m = sized(w, h);
            $steps(&mut m);
            insta::assert_snapshot!(format!("{}_{w}x{h}", $name), draw(&m, w, h));
        }
    }};
}

#[test]
fn the_list_of_entries() {
    both_sizes!("review_list", |_m: &mut Review| {});
}

#[test]
fn reading_the_first_section_with_an_earlier_comment() {
    both_sizes!("review_reading", |m: &mut Review| key(m, KeyCode::Enter));
}

#[test]
fn the_spiral_map_drawn_and_listed() {
    both_sizes!("review_map", |m: &mut Review| {
        key(m, KeyCode::Enter);
        for _ in 0..3 {
            key(m, KeyCode::Char('n'));
        }
    });
}

#[test]
fn writing_a_comment() {
    both_sizes!("review_writing", |m: &mut Review| {
        key(m, KeyCode::Enter);
        key(m, KeyCode::Down);
        key(m, KeyCode::Char('c'));
        send(m, Msg::Paste("Good noticing. What did they say?".into()));
    });
}

#[test]
fn a_comment_under_its_answer_and_an_overall_comment() {
    both_sizes!("review_commented", |m: &mut Review| {
        key(m, KeyCode::Enter);
        key(m, KeyCode::Down);
        key(m, KeyCode::Char('c'));
        send(m, Msg::Paste("Good noticing. What did they say?".into()));
        ctrl(m, 's');
        key(m, KeyCode::Char('o'));
        send(
            m,
            Msg::Paste("A thoughtful entry; let us talk about the missed visit.".into()),
        );
        key(m, KeyCode::Esc);
    });
}

#[test]
fn tables_checklists_scales_and_yes_no() {
    // The second entry: a table and a date, then a checklist, then scales and yes/no.
    for (n, name) in ["review_table", "review_checklist", "review_scale"]
        .into_iter()
        .enumerate()
    {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            let mut m = sized(w, h);
            key(&mut m, KeyCode::Down);
            key(&mut m, KeyCode::Enter);
            for _ in 0..n {
                key(&mut m, KeyCode::Char('n'));
            }
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(&m, w, h));
        }
    }
}

#[test]
fn marking_discussed() {
    both_sizes!("review_discussed", |m: &mut Review| {
        key(m, KeyCode::Char('m'));
    });
}

#[test]
fn the_help() {
    both_sizes!("review_help", |m: &mut Review| {
        key(m, KeyCode::Enter);
        key(m, KeyCode::Char('?'));
    });
}

#[test]
fn confirming_a_delete() {
    both_sizes!("review_delete", |m: &mut Review| {
        key(m, KeyCode::Enter);
        key(m, KeyCode::Char('c'));
        send(m, Msg::Paste("To delete.".into()));
        key(m, KeyCode::Esc);
        key(m, KeyCode::Char('d'));
    });
}

#[test]
fn a_failed_save_is_said_in_the_header_and_status() {
    let mut m = sized(80, 24);
    key(&mut m, KeyCode::Char('o'));
    send(&mut m, Msg::Paste("Kept in memory.".into()));
    let effects = update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
        review_time(),
        "x",
    );
    assert_eq!(effects.len(), 1);
    send(
        &mut m,
        Msg::SaveFailed("No space left on device (os error 28)".into()),
    );
    insta::assert_snapshot!("review_not_saved_80x24", draw(&m, 80, 24));
}

#[test]
fn every_size_down_to_one_by_one_draws_without_panicking() {
    for (w, h) in [(1, 1), (20, 5), (59, 15), (60, 16), (60, 20), (200, 60)] {
        let mut m = sized(w, h);
        for code in [
            KeyCode::Enter,
            KeyCode::Char('n'),
            KeyCode::Char('n'),
            KeyCode::Char('n'),
        ] {
            key(&mut m, code);
            draw(&m, w, h);
        }
        key(&mut m, KeyCode::Char('c'));
        draw(&m, w, h);
        key(&mut m, KeyCode::Esc);
        key(&mut m, KeyCode::Char('m'));
        draw(&m, w, h);
    }
    let small = draw(&sized(50, 12), 50, 12);
    assert!(small.contains("too small"), "{small}");
}
