//! Importing a supervisor's feedback from Home, driven by messages alone.

use chrono::{DateTime, Duration, NaiveDate};
use crossterm::event::KeyCode;

use crate::catalog::{Catalog, Summary};
use crate::export::feedback::{BundleRef, EntryFeedback, FEEDBACK_FORMAT, Feedback};
use crate::model::entry::{Comment, Entry};
use crate::msg::{Effect, FeedbackRead, Msg};
use crate::state::{Model, Screen};
use crate::store::LoadFailure;
use crate::update::tests::{key, send, t0};

fn entry(id: &str, label: &str) -> Entry {
    let ws = &crate::content::builtin().unwrap()[0];
    Entry::new(id.into(), ws, label.into(), t0() - Duration::days(3))
}

/// Home with two entries: "Family K" already read, "Family M" known only
/// by its summary (not read yet).
fn home() -> Model {
    let worksheets = crate::content::builtin().unwrap();
    let (k, m) = (entry("k1", "Family K"), entry("m1", "Family M"));
    let catalog = Catalog {
        summaries: vec![
            Summary::of(&k, &worksheets, None),
            Summary::of(&m, &worksheets, None),
        ],
        damaged: Vec::new(),
    };
    let mut model = Model::from_catalog(worksheets, catalog, "/data".into(), "salt".into());
    let i = model.index_of("k1").unwrap();
    model.entries[i].entry = Some(Box::new(k));
    model
}

fn comment(id: &str, key: Option<&str>) -> Comment {
    Comment {
        id: id.into(),
        key: key.map(str::to_string),
        text: format!("A thought about {id}."),
        reviewer: None,
        written: DateTime::parse_from_rfc3339("2026-12-03T10:00:00+11:00").unwrap(),
    }
}

fn about(id: &str, label: &str, comments: Vec<Comment>) -> EntryFeedback {
    EntryFeedback {
        entry_id: id.into(),
        family_label: label.into(),
        worksheet: "building-impactful-partnerships".into(),
        discussed: NaiveDate::from_ymd_opt(2026, 12, 3),
        comments,
    }
}

/// A feedback file on K (two comments), M (one) and an entry this folder
/// does not have (one).
fn feedback() -> Feedback {
    Feedback {
        format: FEEDBACK_FORMAT.into(),
        version: 1,
        bundle: BundleRef {
            exported_at: t0(),
            practitioner: None,
        },
        reviewer: Some("Alex P".into()),
        updated: t0(),
        entries: vec![
            about(
                "k1",
                "Family K",
                vec![comment("c1", Some("key-concepts")), comment("c2", None)],
            ),
            about("m1", "Family M", vec![comment("c3", None)]),
            about("gone1", "Family Q", vec![comment("c4", None)]),
        ],
    }
}

/// What the driver gives back for `feedback()`: the entries not yet read.
fn read_result(have: &[String]) -> Msg {
    let mut entries = Vec::new();
    if !have.iter().any(|h| h == "m1") {
        entries.push(("m1".to_string(), Ok(Box::new(entry("m1", "Family M")))));
    }
    entries.push(("gone1".to_string(), Err(LoadFailure::Missing)));
    Msg::FeedbackRead(Ok(Box::new(FeedbackRead {
        feedback: feedback(),
        entries,
    })))
}

/// `i`, the suggestion found, Enter: returns the `have` of the read asked for.
fn ask_to_import(m: &mut Model) -> Vec<String> {
    let fx = send(m, [key(KeyCode::Char('i'))]);
    assert!(fx.contains(&Effect::FindFeedback), "{fx:?}");
    assert!(m.import.is_some());
    send(
        m,
        [Msg::FeedbackFound(Some(
            "~/Downloads/r.feedback.json".into(),
        ))],
    );
    let fx = send(m, [key(KeyCode::Enter)]);
    match &fx[..] {
        [Effect::ReadFeedback { path, have }] => {
            assert_eq!(
                path, "~/Downloads/r.feedback.json",
                "the suggestion is used"
            );
            have.clone()
        }
        other => panic!("one read is asked for: {other:?}"),
    }
}

fn saved(fx: &[Effect]) -> Vec<&Entry> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Save(e) => Some(&**e),
            _ => None,
        })
        .collect()
}

#[test]
fn importing_merges_the_comments_saves_each_entry_and_names_the_unknown() {
    let mut m = home();
    let have = ask_to_import(&mut m);
    assert_eq!(have, ["k1"], "only the entry already read is named");
    let fx = send(&mut m, [read_result(&have)]);

    let mut saved: Vec<&Entry> = saved(&fx);
    saved.sort_by_key(|e| e.id.clone());
    assert_eq!(saved.len(), 2, "{fx:?}");
    assert_eq!(saved[0].id, "k1");
    assert_eq!(saved[0].feedback.len(), 2);
    assert_eq!(saved[1].id, "m1");
    assert_eq!(saved[1].feedback.len(), 1);
    // Signed with the file's name, discussed on the day it gives.
    assert_eq!(saved[1].feedback[0].reviewer.as_deref(), Some("Alex P"));
    assert_eq!(saved[1].discussed, NaiveDate::from_ymd_opt(2026, 12, 3));

    assert!(m.import.is_none(), "the field closes");
    assert!(m.unsaved.is_empty(), "the saves went through");
    let status = m.status.clone().unwrap();
    assert!(!status.error, "an outcome, said once");
    assert!(
        status.text.contains("Added 3 comments to 2 entries."),
        "{status:?}"
    );
    assert!(
        status
            .text
            .contains("Not imported: 1 comment for entry gone1 (Family Q"),
        "{status:?}"
    );
    // Home shows them at once.
    let k = &m.entries[m.index_of("k1").unwrap()].summary;
    assert_eq!((k.comments, k.discussed.is_some()), (2, true));
    assert_eq!(m.entries[m.index_of("m1").unwrap()].summary.comments, 1);
    assert!(matches!(m.screen, Screen::Home));
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let mut m = home();
    let have = ask_to_import(&mut m);
    send(&mut m, [read_result(&have)]);
    let have = ask_to_import(&mut m);
    assert_eq!(have.len(), 2, "both are read now");
    let fx = send(&mut m, [read_result(&have)]);
    assert!(saved(&fx).is_empty(), "nothing to save: {fx:?}");
    let k = m.entry(m.index_of("k1").unwrap()).unwrap();
    assert_eq!(k.feedback.len(), 2);
    let status = m.status.clone().unwrap().text;
    assert!(
        status.contains("Added 0 comments to 0 entries."),
        "{status}"
    );
    assert!(
        status.contains("3 comments had been imported before"),
        "{status}"
    );
    assert!(
        status.contains("Not imported: 1 comment"),
        "still said: {status}"
    );
}

#[test]
fn a_bad_file_changes_nothing_and_says_why() {
    let mut m = home();
    ask_to_import(&mut m);
    let before: Vec<Summary> = m.entries.iter().map(|r| r.summary.clone()).collect();
    let why = "/home/sam/r.feedback.json is not complete JSON (it ends at line 3, column 1): it may have been cut short while copying; ask for it again";
    let fx = send(&mut m, [Msg::FeedbackRead(Err(why.into()))]);
    assert!(saved(&fx).is_empty());
    assert!(m.unsaved.is_empty());
    let after: Vec<Summary> = m.entries.iter().map(|r| r.summary.clone()).collect();
    assert_eq!(before, after);
    assert!(m.entry(0).unwrap().feedback.is_empty());
    let status = m.status.clone().unwrap();
    assert!(status.error);
    assert!(status.text.contains("Nothing was imported"), "{status:?}");
    assert!(status.text.contains("cut short"), "{status:?}");
    assert!(m.import.is_some(), "the field stays, to put the path right");
    // Giving up clears the reason.
    send(&mut m, [key(KeyCode::Esc)]);
    assert!(m.import.is_none());
    assert!(m.status.is_none());
}

#[test]
fn feedback_for_an_entry_in_the_trash_says_to_restore_it() {
    let mut m = home();
    let trashed = entry("gone1", "Family Q");
    m.trash.push(Summary::of(&trashed, &m.worksheets, None));
    let have = ask_to_import(&mut m);
    send(&mut m, [read_result(&have)]);
    let status = m.status.clone().unwrap().text;
    assert!(status.contains("which is in the trash"), "{status}");
}

#[test]
fn esc_closes_the_field_and_nothing_is_read() {
    let mut m = home();
    send(&mut m, [key(KeyCode::Char('i'))]);
    let fx = send(&mut m, [key(KeyCode::Esc)]);
    assert!(fx.is_empty());
    assert!(m.import.is_none());
}

#[test]
fn typing_a_path_and_tab_completing_it() {
    let mut m = home();
    send(&mut m, [key(KeyCode::Char('i')), Msg::FeedbackFound(None)]);
    // With nothing typed and nothing found, Enter says what to do.
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    assert!(fx.is_empty());
    assert!(m.status.is_some());
    for c in "~/Dow".chars() {
        send(&mut m, [key(KeyCode::Char(c))]);
    }
    let fx = send(&mut m, [key(KeyCode::Tab)]);
    assert_eq!(fx, [Effect::CompletePath("~/Dow".into())]);
    send(
        &mut m,
        [Msg::PathCompleted {
            typed: "~/Dow".into(),
            completion: crate::files::Completion {
                text: "~/Downloads/".into(),
                found: 1,
                choices: Vec::new(),
            },
        }],
    );
    // Tab again on a name already whole: nothing more to add, and no
    // claim that nothing fits.
    m.status = None;
    send(
        &mut m,
        [Msg::PathCompleted {
            typed: "~/Downloads/".into(),
            completion: crate::files::Completion {
                text: "~/Downloads/".into(),
                found: 1,
                choices: Vec::new(),
            },
        }],
    );
    assert!(m.status.is_none(), "{:?}", m.status);
    send(&mut m, [Msg::Paste("r.feedback.json\n".into())]);
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    assert!(
        matches!(&fx[..], [Effect::ReadFeedback { path, .. }] if path == "~/Downloads/r.feedback.json"),
        "{fx:?}"
    );
}

#[test]
fn tab_on_an_empty_field_takes_the_suggestion() {
    let mut m = home();
    send(
        &mut m,
        [
            key(KeyCode::Char('i')),
            Msg::FeedbackFound(Some("~/a.feedback.json".into())),
            key(KeyCode::Tab),
        ],
    );
    assert_eq!(
        m.import.as_ref().unwrap().input.lines().concat(),
        "~/a.feedback.json"
    );
}

#[test]
fn a_read_only_copy_refuses_to_import() {
    let mut m = home();
    m.read_only = Some("another copy".into());
    let fx = send(&mut m, [key(KeyCode::Char('i'))]);
    assert!(fx.is_empty());
    assert!(m.import.is_none());
    assert!(m.status.is_some());
}

#[test]
fn f4_hides_and_shows_the_comments_on_the_worksheet_screen() {
    let mut m = home();
    let i = m.index_of("k1").unwrap();
    m.entries[i].entry.as_mut().unwrap().feedback = vec![comment("c1", None)];
    m.home_selected = m.view.iter().position(|&v| v == i).unwrap();
    send(&mut m, [key(KeyCode::Enter)]);
    assert!(m.session().is_some());
    assert!(m.show_comments);
    send(&mut m, [key(KeyCode::F(4))]);
    assert!(!m.show_comments);
    assert!(m.status.clone().unwrap().text.contains("hidden"));
    send(&mut m, [key(KeyCode::F(4))]);
    assert!(m.show_comments);
}

#[test]
fn f5_reads_every_comment_and_esc_closes_it() {
    let mut m = home();
    let i = m.index_of("m1").unwrap();
    m.home_selected = m.view.iter().position(|&v| v == i).unwrap();
    send(&mut m, [key(KeyCode::Enter)]);
    // Read on demand, then opened.
    let j = m.index_of("m1").unwrap();
    if m.entry(j).is_none() {
        send(
            &mut m,
            [Msg::Loaded {
                id: "m1".into(),
                result: Ok(Box::new(entry("m1", "Family M"))),
            }],
        );
    }
    assert!(m.session().is_some());
    send(&mut m, [key(KeyCode::F(5))]);
    assert!(m.overlay.is_none(), "no comments: nothing to read");
    assert!(m.status.clone().unwrap().text.contains("No comments"));
    m.entries[j].entry.as_mut().unwrap().feedback = vec![comment("c1", None)];
    send(&mut m, [key(KeyCode::F(5))]);
    assert_eq!(
        m.overlay,
        Some(crate::state::Overlay::Comments { scroll: 0 })
    );
    send(&mut m, [key(KeyCode::Down)]);
    assert_eq!(
        m.overlay,
        Some(crate::state::Overlay::Comments { scroll: 1 })
    );
    send(&mut m, [key(KeyCode::Esc)]);
    assert!(m.overlay.is_none());
    assert!(m.session().is_some(), "still writing");
}

#[test]
fn an_entry_read_for_the_import_that_changed_behind_the_index_brings_home_up_to_date() {
    let mut m = home();
    // On disk, Family M was renamed while the workbook was closed.
    let mut fresh = entry("m1", "Family M2");
    fresh.tags = vec!["renamed".into()];
    // Imported before: this import adds nothing to it.
    fresh.feedback = vec![comment("c3", None)];
    fresh.discussed = NaiveDate::from_ymd_opt(2026, 12, 3);
    let mut fb = feedback();
    fb.entries.retain(|e| e.entry_id == "m1");
    let msg = Msg::FeedbackRead(Ok(Box::new(FeedbackRead {
        feedback: fb,
        entries: vec![("m1".into(), Ok(Box::new(fresh)))],
    })));
    let fx = send(&mut m, [msg]);
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::Save(_))),
        "nothing to save: {fx:?}"
    );
    let i = m.index_of("m1").unwrap();
    assert_eq!(m.entries[i].summary.family_label, "Family M2");
    assert!(m.index_stale, "the index is written again");
}
