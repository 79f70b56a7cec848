//! Exports and supervision prep from the workbook, driven by messages
//! alone: the file and the prep notes are effects, never written here.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::tests::{ctrl, key, model, send, t0};
use crate::export::check::Decision;
use crate::export::prep::Prep;
use crate::keymap::Context;
use crate::model::entry::Entry;
use crate::msg::{Effect, Msg};
use crate::state::export::ExportStep;
use crate::state::{Model, Screen};

const PHONE: &str = "07700 900123";

fn first_prompt(m: &Model) -> String {
    m.worksheets[0].sections[0].items[0].id().to_string()
}

fn entry(m: &Model, id: &str, label: &str, days_ago: i64, answer: &str) -> Entry {
    let mut e = Entry::new(
        id.into(),
        &m.worksheets[0],
        label.into(),
        t0() - Duration::days(days_ago + 1),
    );
    e.updated = t0() - Duration::days(days_ago);
    e.answers.insert(first_prompt(m), answer.into());
    e
}

/// Three entries; Family K's answer holds a phone number.
fn three() -> Model {
    let mut m = model();
    let k = entry(
        &m,
        "k",
        "Family K",
        1,
        &format!("Mum rang from {PHONE} today."),
    );
    let m2 = entry(&m, "m", "Family M", 2, "The flat is damp.");
    let j = entry(&m, "j", "Family J", 3, "A first visit, mostly listening.");
    m.set_entries(vec![k, m2, j]);
    m
}

fn chars(text: &str) -> Vec<Msg> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

fn shift(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT))
}

fn flow(m: &Model) -> &crate::state::export::ExportFlow {
    match &m.screen {
        Screen::Export(flow) => flow,
        _ => panic!("the export screen is open"),
    }
}

fn written(fx: &[Effect]) -> Option<(&str, &str)> {
    fx.iter().find_map(|e| match e {
        Effect::WriteExport { name, text, .. } => Some((name.as_str(), text.as_str())),
        _ => None,
    })
}

fn status(m: &Model) -> String {
    m.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// On the summary, nothing is written yet; Enter asks for the file.
fn write_it(m: &mut Model, fx: &[Effect]) -> Vec<Effect> {
    assert_eq!(m.context(), Context::ExportSummary, "{}", status(m));
    assert!(written(fx).is_none(), "nothing before the summary");
    send(m, [key(KeyCode::Enter)])
}

/// `x`, the selected entry (Family K, the most recent) chosen, then Markdown.
fn to_check(m: &mut Model) -> Vec<Effect> {
    send(m, [key(KeyCode::Char('x'))]);
    assert_eq!(m.context(), Context::ExportChoose);
    send(m, [key(KeyCode::Enter)]);
    assert_eq!(m.context(), Context::ExportFormat);
    send(m, [key(KeyCode::Enter)])
}

#[test]
fn x_on_home_opens_the_chooser_with_the_selected_entry_chosen() {
    let mut m = three();
    send(&mut m, [key(KeyCode::Down), key(KeyCode::Char('x'))]);
    let f = flow(&m);
    assert_eq!(f.step, ExportStep::Choose);
    assert_eq!(f.rows, ["k", "m", "j"]);
    assert_eq!(f.chosen.iter().collect::<Vec<_>>(), ["m"]);
    assert_eq!(f.row, 1);
    // Space unchooses it and moves on; Space again chooses the next.
    send(&mut m, [key(KeyCode::Char(' ')), key(KeyCode::Char(' '))]);
    assert_eq!(flow(&m).chosen.iter().collect::<Vec<_>>(), ["j"]);
    // Esc goes back to Home with nothing written.
    let fx = send(&mut m, [key(KeyCode::Esc)]);
    assert!(matches!(m.screen, Screen::Home));
    assert!(written(&fx).is_none());
}

#[test]
fn a_chooses_every_entry_home_lists_and_again_none() {
    let mut m = three();
    // Home's search narrows the list to two entries.
    send(&mut m, [key(KeyCode::Char('/'))]);
    send(&mut m, chars("the"));
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.view.len(), 1, "only Family M says 'the'");
    send(&mut m, [key(KeyCode::Esc)]);
    send(&mut m, [key(KeyCode::Char('/'))]);
    send(&mut m, chars("since:2d"));
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.view.len(), 2);
    send(&mut m, [key(KeyCode::Char('x')), key(KeyCode::Char('a'))]);
    let mut chosen: Vec<&String> = flow(&m).chosen.iter().collect();
    chosen.sort();
    assert_eq!(chosen, ["k", "m"]);
    send(&mut m, [key(KeyCode::Char('a'))]);
    assert!(flow(&m).chosen.is_empty());
    // With nothing chosen, Enter says what to do and stays.
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(flow(&m).step, ExportStep::Choose);
    assert!(status(&m).contains("Choose at least one"), "{}", status(&m));
}

#[test]
fn the_check_shows_each_finding_and_nothing_is_written_while_one_is_open() {
    let mut m = three();
    let fx = to_check(&mut m);
    assert!(written(&fx).is_none());
    assert_eq!(m.context(), Context::ExportCheck);
    let f = flow(&m);
    assert_eq!(f.findings().len(), 1);
    assert_eq!(f.findings()[0].hit.matched, PHONE);
    assert_eq!(f.findings()[0].family_label, "Family K");
    // Enter with it open asks for a reason; an empty one is refused.
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.context(), Context::ExportReason);
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    assert!(written(&fx).is_none());
    assert!(status(&m).contains("Write why"), "{}", status(&m));
    // Esc goes back to the details; Esc again cancels, writing nothing.
    send(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(m.context(), Context::ExportCheck);
    let fx = send(&mut m, [key(KeyCode::Esc)]);
    assert!(written(&fx).is_none());
    assert!(matches!(m.screen, Screen::Home));
    assert!(status(&m).contains("nothing was written"), "{}", status(&m));
}

#[test]
fn q_cancels_the_check_too() {
    let mut m = three();
    to_check(&mut m);
    let fx = send(&mut m, [key(KeyCode::Char('q'))]);
    assert!(written(&fx).is_none());
    assert!(matches!(m.screen, Screen::Home));
    assert!(!m.should_quit);
}

#[test]
fn a_reason_lets_an_open_detail_stay_in_and_is_written_into_the_export() {
    let mut m = three();
    to_check(&mut m);
    send(&mut m, [key(KeyCode::Enter)]);
    send(&mut m, chars("my supervisor keeps it locked away"));
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    let fx = write_it(&mut m, &fx);
    let (name, text) = written(&fx).expect("the file is asked for");
    assert!(name.starts_with("reflections-2026-11-24-"), "{name}");
    assert!(name.ends_with(".md"), "{name}");
    assert!(text.contains("Reflective notes, not a case record"));
    assert!(text.contains(PHONE), "left in");
    assert!(text.contains("my supervisor keeps it locked away"));
    assert_eq!(flow(&m).step, ExportStep::Writing);
}

#[test]
fn replacing_takes_the_detail_out_of_the_export_only() {
    let mut m = three();
    to_check(&mut m);
    let fx = send(&mut m, [key(KeyCode::Char('r'))]);
    // The last one decided: the summary, then the file.
    let fx = write_it(&mut m, &fx);
    let (_, text) = written(&fx).expect("written once all are decided");
    assert!(!text.contains(PHONE));
    assert!(text.contains(r"\[phone\]"), "{text}");
    assert!(!fx.iter().any(|e| matches!(e, Effect::Save(_))));
    let path = std::path::PathBuf::from("/home/pat/spiral exports/reflections-2026-11-24-0931.md");
    let fx = send(&mut m, [Msg::ExportWritten(Ok(path))]);
    assert!(matches!(m.screen, Screen::Home));
    assert_eq!(
        status(&m),
        "Exported 1 entry to /home/pat/spiral exports/reflections-2026-11-24-0931.md. \
Of the possible identifying details, 1 replaced with placeholders."
    );
    assert!(!fx.iter().any(|e| matches!(e, Effect::Save(_))));
    assert!(
        m.entry(0)
            .unwrap()
            .answer(&first_prompt(&m))
            .contains(PHONE)
    );
}

#[test]
fn replacing_in_the_entry_too_changes_and_saves_it_once_the_file_is_written() {
    let mut m = three();
    to_check(&mut m);
    let fx = send(&mut m, [key(KeyCode::Char('e'))]);
    let fx = write_it(&mut m, &fx);
    assert!(written(&fx).is_some());
    // Not yet: the file is not there.
    assert!(
        m.entry(0)
            .unwrap()
            .answer(&first_prompt(&m))
            .contains(PHONE)
    );
    let fx = send(&mut m, [Msg::ExportWritten(Ok("/x/reflections.md".into()))]);
    let saved: Vec<&Entry> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::Save(e) => Some(&**e),
            _ => None,
        })
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].id, "k");
    assert_eq!(
        saved[0].answer(&first_prompt(&m)),
        "Mum rang from [phone] today."
    );
    assert_eq!(
        m.entry(0).unwrap().answer(&first_prompt(&m)),
        "Mum rang from [phone] today."
    );
    assert!(status(&m).contains("into your entry too"), "{}", status(&m));
}

#[test]
fn a_failed_write_says_where_and_keeps_every_decision() {
    let mut m = three();
    to_check(&mut m);
    send(&mut m, [key(KeyCode::Char('e')), key(KeyCode::Enter)]);
    let error = "cannot write /full/reflections.md: No space left on device (os error 28)";
    let fx = send(&mut m, [Msg::ExportWritten(Err(error.into()))]);
    assert!(fx.is_empty(), "{fx:?}");
    let s = m.status.clone().unwrap();
    assert!(s.error);
    assert!(s.text.contains("/full/reflections.md"), "{}", s.text);
    assert!(s.text.contains("Nothing was exported"), "{}", s.text);
    // The entry is as it was; the decision is still there to try again.
    assert!(
        m.entry(0)
            .unwrap()
            .answer(&first_prompt(&m))
            .contains(PHONE)
    );
    assert_eq!(m.context(), Context::ExportSummary);
    assert_eq!(flow(&m).decisions(), [Decision::ReplaceInEntry]);
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    assert!(written(&fx).is_some(), "Enter tries again");
}

#[test]
fn with_nothing_found_the_summary_comes_straight_away() {
    let mut m = three();
    // Family M's answer holds nothing identifying.
    send(&mut m, [key(KeyCode::Down), key(KeyCode::Char('x'))]);
    send(&mut m, [key(KeyCode::Enter), key(KeyCode::Down)]);
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    let summary = flow(&m).summary.clone().expect("no check to wait for");
    assert_eq!(summary.entries, 1);
    assert_eq!(summary.total.total(), 0);
    assert!(summary.kinds.is_empty());
    // Esc goes back to the format: there is no check to go back to.
    send(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(m.context(), Context::ExportFormat);
    let fx2 = send(&mut m, [key(KeyCode::Enter)]);
    assert!(written(&fx).is_none() && written(&fx2).is_none());
    let fx = write_it(&mut m, &fx2);
    let (name, text) = written(&fx).expect("written from the summary");
    assert!(name.ends_with(".html"), "{name}");
    assert!(text.contains("The flat is damp."));
    send(&mut m, [Msg::ExportWritten(Ok("/x/r.html".into()))]);
    assert_eq!(
        status(&m),
        "Exported 1 entry to /x/r.html. The check found no identifying details."
    );
}

#[test]
fn replace_the_rest_decides_every_open_one() {
    let mut m = three();
    let name = entry(&m, "n", "Jordan Smith", 0, "Jordan rang 07700 900999.");
    let mut all: Vec<Entry> = m
        .entries
        .iter()
        .filter_map(|r| r.entry.as_deref().cloned())
        .collect();
    all.push(name);
    m.set_entries(all);
    send(&mut m, [key(KeyCode::Char('x')), key(KeyCode::Char('a'))]);
    send(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    let total = flow(&m).findings().len();
    assert!(total >= 3, "label, name and phones: {total}");
    // Oldest entry first: Family K's phone number is kept as fine.
    assert_eq!(flow(&m).findings()[0].hit.matched, PHONE);
    send(&mut m, [key(KeyCode::Char('k'))]);
    let fx = send(&mut m, [shift('R')]);
    let fx = write_it(&mut m, &fx);
    let (_, text) = written(&fx).expect("written");
    assert!(text.contains(PHONE));
    assert!(
        !text.contains("900999") && !text.contains("Jordan"),
        "{text}"
    );
    let decisions = flow(&m).decisions().to_vec();
    assert_eq!(decisions[0], Decision::Accept);
    assert!(decisions[1..].iter().all(|d| *d == Decision::Replace));
}

#[test]
fn entries_not_yet_read_are_read_before_the_check() {
    let m0 = three();
    let entries: Vec<Entry> = m0
        .entries
        .iter()
        .filter_map(|r| r.entry.as_deref().cloned())
        .collect();
    let worksheets = m0.worksheets.clone();
    let catalog = crate::catalog::Catalog {
        summaries: entries
            .iter()
            .map(|e| crate::catalog::Summary::of(e, &worksheets, None))
            .collect(),
        damaged: vec![],
    };
    let mut m = Model::from_catalog(worksheets, catalog, "/data".into(), "salt".into());
    send(&mut m, [key(KeyCode::Char('x')), key(KeyCode::Char('a'))]);
    // Home read the selected entry to preview it; the other two are read now.
    let k = m.index_of("k").unwrap();
    m.entries[k].entry = Some(Box::new(entries[0].clone()));
    let fx = send(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    let Some(Effect::ReadForExport(ids)) = fx.last() else {
        panic!("{fx:?}")
    };
    let mut ids = ids.clone();
    ids.sort();
    assert_eq!(ids, ["j", "m"]);
    assert_eq!(flow(&m).step, ExportStep::Reading);
    let read = entries[1..]
        .iter()
        .map(|e| (e.id.clone(), Ok(Box::new(e.clone()))))
        .collect();
    send(&mut m, [Msg::ReadForExport(read)]);
    assert_eq!(m.context(), Context::ExportCheck);
    assert_eq!(flow(&m).pending.as_ref().unwrap().export.entries.len(), 3);
}

#[test]
fn an_entry_that_cannot_be_read_stops_the_export_and_says_which() {
    let mut m = three();
    m.entries[1].entry = None;
    send(&mut m, [key(KeyCode::Char('x')), key(KeyCode::Char('a'))]);
    send(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    let fx = send(
        &mut m,
        [Msg::ReadForExport(vec![(
            "m".into(),
            Err(crate::store::LoadFailure::Missing),
        )])],
    );
    assert!(written(&fx).is_none());
    assert!(status(&m).contains("Family M"), "{}", status(&m));
    assert_eq!(m.context(), Context::ExportFormat);
}

#[test]
fn a_read_only_copy_replaces_in_the_export_only() {
    let mut m = three();
    m.read_only = Some(crate::text::READ_ONLY_OTHER_COPY.into());
    to_check(&mut m);
    let fx = send(&mut m, [key(KeyCode::Char('e'))]);
    assert!(written(&fx).is_none());
    assert_eq!(flow(&m).decisions(), [Decision::Open]);
    assert!(status(&m).contains("read-only"), "{}", status(&m));
}

/// `p` on Home, the saved answers read (blank here).
fn open_prep(m: &mut Model, saved: Prep) {
    let fx = send(m, [key(KeyCode::Char('p'))]);
    assert_eq!(fx, [Effect::LoadPrep]);
    send(m, [Msg::PrepLoaded(Ok(saved))]);
    assert_eq!(m.context(), Context::Prep);
}

fn prep_saves(fx: &[Effect]) -> Vec<[String; 3]> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::SavePrep { prep, .. } => Some(prep.answers.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn prep_answers_are_saved_soon_after_typing_and_when_leaving() {
    let mut m = three();
    open_prep(&mut m, Prep::default());
    send(&mut m, chars("Time to think"));
    send(&mut m, [key(KeyCode::Tab)]);
    send(&mut m, chars("Repair"));
    assert!(m.prep.unsaved);
    let fx = send(&mut m, [Msg::Tick]);
    assert_eq!(
        prep_saves(&fx),
        [["Time to think".to_string(), "Repair".into(), String::new()]]
    );
    send(&mut m, [Msg::PrepSaved]);
    assert!(!m.prep.unsaved);
    assert!(prep_saves(&send(&mut m, [Msg::Tick])).is_empty());
    // Typing again, then leaving at once: saved on the way out.
    send(&mut m, [Msg::Paste(" after a rupture".into())]);
    let fx = send(&mut m, [key(KeyCode::Esc)]);
    assert_eq!(prep_saves(&fx)[0][1], "Repair after a rupture");
    assert!(matches!(m.screen, Screen::Home));
    // Back again: no second read, the answers as typed.
    send(&mut m, [Msg::PrepSaved]);
    let fx = send(&mut m, [key(KeyCode::Char('p'))]);
    assert!(fx.is_empty(), "{fx:?}");
    let Screen::Prep(screen) = &m.screen else {
        panic!()
    };
    assert_eq!(screen.answers()[1], "Repair after a rupture");
}

#[test]
fn a_failed_prep_save_keeps_the_text_and_quitting_asks_first() {
    let mut m = three();
    open_prep(&mut m, Prep::default());
    send(&mut m, chars("Keep me"));
    let error = "/data/prep.json: No space left on device";
    send(&mut m, [Msg::PrepSaveFailed(error.into())]);
    assert!(m.status.as_ref().unwrap().error);
    assert!(m.prep.unsaved);
    // Quitting tries once more, and waits.
    let fx = send(&mut m, [ctrl('q')]);
    assert_eq!(prep_saves(&fx).len(), 1);
    assert!(!m.should_quit);
    send(&mut m, [Msg::PrepSaveFailed(error.into())]);
    assert!(!m.should_quit);
    assert_eq!(m.overlay, Some(crate::state::Overlay::ConfirmQuit));
    // Saved after all: quitting goes ahead.
    send(&mut m, [key(KeyCode::Char('n'))]);
    send(&mut m, [ctrl('q'), Msg::PrepSaved]);
    assert!(m.should_quit);
}

#[test]
fn a_recovery_file_written_when_quitting_holds_the_unsaved_prep_answers() {
    let mut m = three();
    open_prep(&mut m, Prep::default());
    send(&mut m, chars("Keep me"));
    let error = "/data/prep.json: No space left on device";
    send(&mut m, [Msg::PrepSaveFailed(error.into())]);
    send(&mut m, [ctrl('q'), Msg::PrepSaveFailed(error.into())]);
    assert_eq!(m.context(), Context::QuitUnsaved);
    let fx = send(&mut m, [key(KeyCode::Char('w'))]);
    let [
        Effect::WriteRecovery {
            entries,
            prep: Some(prep),
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert!(entries.is_empty());
    assert_eq!(prep.answers[0], "Keep me");
}

#[test]
fn a_read_only_copy_takes_no_prep_typing_and_says_why() {
    let mut m = three();
    m.read_only = Some(crate::text::READ_ONLY_OTHER_COPY.to_string());
    open_prep(&mut m, Prep::default());
    send(&mut m, chars("Lost?"));
    send(&mut m, [Msg::Paste("pasted".into())]);
    let Screen::Prep(screen) = &m.screen else {
        panic!()
    };
    assert_eq!(
        screen.answers()[0],
        "",
        "nothing taken that would be dropped"
    );
    assert!(!m.prep.unsaved);
    assert!(
        status(&m).contains(crate::text::READ_ONLY_REFUSED),
        "{}",
        status(&m)
    );
}

#[test]
fn a_damaged_prep_file_is_named_and_not_written_over() {
    let mut m = three();
    send(&mut m, [key(KeyCode::Char('p'))]);
    send(
        &mut m,
        [Msg::PrepLoaded(Err(
            "/data/prep.json is not JSON (line 1, column 2)".into(),
        ))],
    );
    assert!(matches!(m.screen, Screen::Home));
    assert!(status(&m).contains("/data/prep.json"), "{}", status(&m));
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn the_prep_note_gathers_entries_changed_since_the_last_supervision_and_checks_the_answers() {
    let mut m = model();
    let mut discussed = entry(&m, "d", "Family D", 0, "Talked through.");
    discussed.discussed = Some(day("2026-11-20"));
    discussed.updated = at("2026-11-19T10:00:00+11:00");
    let mut before = entry(&m, "b", "Family B", 0, "Older work.");
    before.updated = at("2026-11-18T10:00:00+11:00");
    let after = entry(&m, "a", "Family A", 1, "Newer work.");
    m.set_entries(vec![discussed, before, after]);
    open_prep(&mut m, Prep::default());
    send(&mut m, chars(&format!("Talk about the call from {PHONE}")));
    let fx = send(&mut m, [ctrl('x')]);
    assert_eq!(prep_saves(&fx).len(), 1, "saved before exporting");
    assert_eq!(m.context(), Context::ExportFormat);
    assert_eq!(flow(&m).formats().len(), 2, "no bundle for a prep note");
    send(&mut m, [key(KeyCode::Enter)]);
    let f = flow(&m);
    let pending = f.pending.as_ref().unwrap();
    let labels: Vec<&str> = pending
        .export
        .entries
        .iter()
        .map(|e| e.family_label.as_str())
        .collect();
    assert_eq!(labels, ["Family A"]);
    assert_eq!(
        pending.export.prep.as_ref().unwrap().since,
        Some(day("2026-11-20"))
    );
    assert_eq!(f.findings().len(), 1);
    assert_eq!(f.findings()[0].entry, crate::export::check::PREP);
    // The prep notes are not an entry: e is refused, r replaces.
    send(&mut m, [key(KeyCode::Char('e'))]);
    assert!(status(&m).contains("prep notes"), "{}", status(&m));
    let fx = send(&mut m, [key(KeyCode::Char('r'))]);
    let summary = flow(&m).summary.clone().unwrap();
    assert_eq!(summary.lines.len(), 2, "the entry, then the prep notes");
    assert!(summary.lines[1].prep);
    assert_eq!(summary.lines[1].counts.replaced, 1);
    let fx = write_it(&mut m, &fx);
    let (name, text) = written(&fx).unwrap();
    assert!(name.starts_with("supervision-prep-"), "{name}");
    assert!(text.contains("supervision prep"));
    assert!(
        text.contains(r"Talk about the call from \[phone\]"),
        "{text}"
    );
    send(&mut m, [Msg::ExportWritten(Ok("/x/p.md".into()))]);
    // Back on the prep screen, the answers as typed.
    let Screen::Prep(screen) = &m.screen else {
        panic!("back to prep")
    };
    assert!(screen.answers()[0].contains(PHONE));
    assert!(status(&m).starts_with("Wrote your supervision prep note, with 1 entry, to /x/p.md."));
}

#[test]
fn the_prep_count_leaves_out_entries_the_note_cannot_hold() {
    let mut m = three();
    let (_, changed) = crate::state::export::since_last_supervision(&m);
    assert_eq!(changed.len(), 3);
    let i = m.index_of("m").unwrap();
    m.entries[i].summary.worksheet.id = "a-worksheet-not-here".into();
    let (_, changed) = crate::state::export::since_last_supervision(&m);
    assert_eq!(changed.len(), 2, "the screen counts what the note holds");
    assert!(!changed.contains(&i));
}

#[test]
fn an_entry_saved_while_prep_keeps_failing_does_not_say_all_is_well() {
    let mut m = three();
    open_prep(&mut m, Prep::default());
    send(&mut m, chars("Keep me"));
    let error = "/data/prep.json: No space left on device";
    send(&mut m, [Msg::PrepSaveFailed(error.into())]);
    send(&mut m, [ctrl('q'), Msg::PrepSaveFailed(error.into())]);
    assert_eq!(m.context(), Context::QuitUnsaved);
    send(&mut m, [Msg::Saved { id: "k".into() }]);
    assert!(
        !status(&m).contains(crate::text::SAVED_AFTER_ALL),
        "{}",
        status(&m)
    );
    assert_eq!(
        m.context(),
        Context::QuitUnsaved,
        "still asks before quitting"
    );
    assert!(m.prep.unsaved && m.prep.error.is_some());
}

#[test]
fn a_detail_decided_at_one_export_is_not_asked_about_at_the_next() {
    let mut m = three();
    to_check(&mut m);
    send(&mut m, [key(KeyCode::Char('r')), key(KeyCode::Enter)]);
    let fx = send(&mut m, [Msg::ExportWritten(Ok("/x/first.md".into()))]);
    let kept = fx
        .iter()
        .find_map(|e| match e {
            Effect::SaveDecisions(r) => Some(r.clone()),
            _ => None,
        })
        .expect("what was decided is kept");
    assert_eq!(kept.len(), 1);
    assert_eq!(m.remembered.as_ref(), Some(&kept));

    // The same entry again: nothing to ask, on to the summary at once.
    let fx = to_check(&mut m);
    assert_eq!(flow(&m).summary.as_ref().unwrap().total.replaced, 1);
    let fx = write_it(&mut m, &fx);
    let (_, text) = written(&fx).expect("no question this time");
    assert!(!text.contains(PHONE), "replaced as before");
    let fx = send(&mut m, [Msg::ExportWritten(Ok("/x/second.md".into()))]);
    assert!(
        status(&m).ends_with("One was decided as at an earlier export."),
        "{}",
        status(&m)
    );
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::SaveDecisions(_))),
        "nothing new to keep"
    );

    // A new number in the answer: only it is asked about.
    let key0 = first_prompt(&m);
    let mut k = m.entry(0).unwrap().clone();
    k.answers.insert(
        key0,
        format!("Mum rang from {PHONE} today, and later from 07700 900456."),
    );
    m.set_entries(vec![k]);
    to_check(&mut m);
    assert_eq!(flow(&m).step, ExportStep::Check);
    let f = flow(&m);
    let pending = f.pending.as_deref().unwrap();
    assert_eq!(pending.decisions, [Decision::Replace, Decision::Open]);
    assert_eq!(f.current, 1, "the new one is shown first");
}

#[test]
fn decisions_that_cannot_be_kept_are_said_and_the_export_stands() {
    let mut m = three();
    to_check(&mut m);
    send(&mut m, [key(KeyCode::Char('r')), key(KeyCode::Enter)]);
    send(&mut m, [Msg::ExportWritten(Ok("/x/first.md".into()))]);
    send(
        &mut m,
        [Msg::DecisionsSaved(Err(
            "/d/decisions.json: Read-only file system".into(),
        ))],
    );
    assert!(status(&m).contains("could not be kept"), "{}", status(&m));
    assert!(m.status.as_ref().unwrap().error);
}

#[test]
fn an_unreadable_decisions_file_is_never_written_over_nor_one_a_read_only_copy_sees() {
    for read_only in [false, true] {
        let mut m = three();
        if read_only {
            m.read_only = Some("another copy has the folder".into());
        } else {
            m.remembered = None;
        }
        to_check(&mut m);
        send(&mut m, [key(KeyCode::Char('r')), key(KeyCode::Enter)]);
        let fx = send(&mut m, [Msg::ExportWritten(Ok("/x/first.md".into()))]);
        assert!(!fx.iter().any(|e| matches!(e, Effect::SaveDecisions(_))));
    }
}

#[test]
fn emptying_the_trash_forgets_the_decisions_about_its_entries() {
    let mut m = three();
    to_check(&mut m);
    send(&mut m, [key(KeyCode::Char('r')), key(KeyCode::Enter)]);
    send(&mut m, [Msg::ExportWritten(Ok("/x/first.md".into()))]);
    assert_eq!(m.remembered.as_ref().unwrap().len(), 1);
    let fx = send(&mut m, [Msg::TrashEmptied { count: 0 }]);
    assert!(
        !fx.iter().any(|e| matches!(e, Effect::SaveDecisions(_))),
        "k is still here"
    );
    let others: Vec<Entry> = (1..3).map(|i| m.entry(i).unwrap().clone()).collect();
    m.set_entries(others);
    let fx = send(&mut m, [Msg::TrashEmptied { count: 1 }]);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::SaveDecisions(r) if r.is_empty()))
    );
}

#[test]
fn a_replaces_a_detail_and_every_one_like_it_with_one_key() {
    let mut m = model();
    let k = entry(
        &m,
        "k",
        "Family K",
        1,
        &format!("Mum rang from {PHONE}; I rang back on {PHONE}. Her mail is k@example.org."),
    );
    m.set_entries(vec![k]);
    to_check(&mut m);
    let before = flow(&m).pending.as_deref().unwrap().decisions.clone();
    assert_eq!(before, [Decision::Open; 3]);
    send(&mut m, [key(KeyCode::Char('a'))]);
    let f = flow(&m);
    assert_eq!(
        f.pending.as_deref().unwrap().decisions,
        [Decision::Replace, Decision::Replace, Decision::Open],
        "both numbers, not the e-mail"
    );
    assert_eq!(f.current, 2, "on to the one still open");
    let fx = send(&mut m, [key(KeyCode::Char('k'))]);
    let fx = write_it(&mut m, &fx);
    let (_, text) = written(&fx).expect("all decided");
    assert!(!text.contains(PHONE) && text.contains("k@example.org"));
}

#[test]
fn never_export_and_safe_for_me_decide_every_one_like_it_and_change_the_settings() {
    let mut m = model();
    let k = entry(
        &m,
        "k",
        "Family K",
        1,
        &format!("Mum rang from {PHONE}; again from {PHONE}. Her mail is k@example.org."),
    );
    m.set_entries(vec![k]);
    m.settings_path = Some("/home/pat/.config/spiral/settings.toml".into());
    to_check(&mut m);
    let fx = send(&mut m, [key(KeyCode::Char('n'))]);
    assert!(fx.iter().any(|e| matches!(e,
        Effect::AddToSettings { key: "never_export", text, .. } if text == PHONE)));
    assert_eq!(m.settings.never_export, [PHONE]);
    assert_eq!(
        flow(&m).pending.as_deref().unwrap().decisions,
        [Decision::Replace, Decision::Replace, Decision::Open]
    );
    let fx = send(&mut m, [key(KeyCode::Char('s'))]);
    assert!(fx.iter().any(|e| matches!(e,
        Effect::AddToSettings { key: "safe_words", text, .. } if text == "k@example.org")));
    assert_eq!(m.settings.safe_words, ["k@example.org"]);
    // The summary says which went by the lists.
    let counts = flow(&m).summary.as_ref().unwrap().lines[0].counts;
    assert_eq!(
        (counts.never, counts.safe, counts.replaced, counts.kept),
        (2, 1, 0, 0)
    );
    let fx = write_it(&mut m, &fx);
    let (_, text) = written(&fx).expect("all decided: written");
    assert!(!text.contains(PHONE) && text.contains("k@example.org"));
    send(
        &mut m,
        [Msg::AddedToSettings(Err(
            "settings.toml is not valid TOML".into()
        ))],
    );
    assert!(
        status(&m).contains("Your settings were not changed"),
        "{}",
        status(&m)
    );
}

/// Three entries: Family J's answer holds nothing, Family K's a phone
/// number and an e-mail address, Family M's two phone numbers.
fn three_with_details() -> Model {
    let mut m = model();
    let j = entry(&m, "j", "Family J", 3, "A first visit, mostly listening.");
    let k = entry(
        &m,
        "k",
        "Family K",
        2,
        &format!("Mum rang from {PHONE}; her mail is k@example.org."),
    );
    let mm = entry(
        &m,
        "m",
        "Family M",
        1,
        "Dad rang from 07700 900456 and 07700 900789.",
    );
    m.set_entries(vec![j, k, mm]);
    m
}

fn decide(m: &mut Model, text: &str, decision: Decision) {
    let Screen::Export(flow) = &mut m.screen else {
        panic!("the export screen is open")
    };
    let pending = flow.pending.as_deref_mut().unwrap();
    let i = pending
        .findings
        .iter()
        .position(|f| f.hit.matched == text)
        .unwrap_or_else(|| panic!("{text} is found"));
    pending.decisions[i] = decision;
}

#[test]
fn the_summary_adds_up_what_was_decided_entry_by_entry_before_anything_is_written() {
    use crate::identifiers::Kind;
    let mut m = three_with_details();
    let mut fx = send(&mut m, [key(KeyCode::Char('x')), key(KeyCode::Char('a'))]);
    fx.extend(send(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]));
    let mut found: Vec<&str> = flow(&m)
        .findings()
        .iter()
        .map(|f| f.hit.matched.as_str())
        .collect();
    found.sort();
    assert_eq!(
        found,
        [PHONE, "07700 900456", "07700 900789", "k@example.org"]
    );
    decide(&mut m, PHONE, Decision::Replace);
    decide(&mut m, "k@example.org", Decision::Accept);
    decide(&mut m, "07700 900456", Decision::ReplaceInEntry);
    // 07700 900789 is left open, with a reason.
    fx.extend(send(&mut m, [key(KeyCode::Enter)]));
    assert_eq!(m.context(), Context::ExportReason);
    fx.extend(send(&mut m, chars("only my supervisor sees it")));
    fx.extend(send(&mut m, [key(KeyCode::Enter)]));
    assert_eq!(m.context(), Context::ExportSummary);
    assert!(written(&fx).is_none(), "nothing written before Enter");
    assert!(!fx.iter().any(|e| matches!(e, Effect::Save(_))));

    let s = flow(&m).summary.clone().unwrap();
    assert_eq!(s.entries, 3);
    let labels: Vec<&str> = s.lines.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["Family J", "Family K", "Family M"], "oldest first");
    assert!(s.lines.iter().all(|l| l.worksheet == m.worksheets[0].title));
    assert_eq!(s.lines[0].updated, Some(t0() - Duration::days(3)));
    assert_eq!(s.lines[0].counts.total(), 0);
    let k = s.lines[1].counts;
    assert_eq!((k.replaced, k.kept, k.total()), (1, 1, 2));
    let mm = s.lines[2].counts;
    assert_eq!((mm.in_entry, mm.open, mm.total()), (1, 1, 2));
    assert_eq!(
        (
            s.total.replaced,
            s.total.in_entry,
            s.total.kept,
            s.total.open,
            s.total.total()
        ),
        (1, 1, 1, 1, 4)
    );
    assert_eq!(s.kinds, [(Kind::Email, 1), (Kind::Phone, 3)]);
    assert_eq!(s.reason.as_deref(), Some("only my supervisor sees it"));
    assert_eq!(
        crate::text::export::decided(&k),
        "1 replaced with placeholders, 1 kept as fine"
    );
    assert_eq!(
        crate::text::export::decided(&s.lines[0].counts),
        "nothing found to decide"
    );

    // Enter writes it, as summed up.
    let fx = send(&mut m, [key(KeyCode::Enter)]);
    let (_, text) = written(&fx).expect("Enter writes");
    assert!(!text.contains(PHONE) && !text.contains("900456"));
    assert!(text.contains("k@example.org") && text.contains("900789"));
    assert!(text.contains("only my supervisor sees it"));
}

#[test]
fn esc_on_the_summary_goes_back_to_the_check_with_every_decision_kept() {
    let mut m = three_with_details();
    send(&mut m, [key(KeyCode::Char('x')), key(KeyCode::Char('a'))]);
    send(&mut m, [key(KeyCode::Enter), key(KeyCode::Enter)]);
    decide(&mut m, PHONE, Decision::Replace);
    send(&mut m, [key(KeyCode::Enter)]);
    send(&mut m, chars("a reason"));
    send(&mut m, [key(KeyCode::Enter)]);
    assert_eq!(m.context(), Context::ExportSummary);
    let before = flow(&m).decisions().to_vec();
    let fx = send(&mut m, [key(KeyCode::Esc)]);
    assert!(written(&fx).is_none());
    assert_eq!(m.context(), Context::ExportCheck);
    assert_eq!(flow(&m).decisions(), before);
    assert_eq!(
        crate::state::editor_text(&flow(&m).reason),
        "a reason",
        "the reason is kept too"
    );
    // Deciding the rest goes straight to the summary, which says so.
    let fx = send(&mut m, [shift('R')]);
    assert!(written(&fx).is_none());
    assert_eq!(m.context(), Context::ExportSummary);
    let s = flow(&m).summary.clone().unwrap();
    assert_eq!((s.total.replaced, s.total.open), (4, 0));
    assert_eq!(s.reason, None, "nothing is left in, so no reason");
}

#[test]
fn cancelling_on_the_summary_writes_nothing_and_changes_no_entry() {
    for cancel in [key(KeyCode::Char('q')), ctrl('c')] {
        let mut m = three();
        to_check(&mut m);
        send(&mut m, [key(KeyCode::Char('e'))]);
        assert_eq!(m.context(), Context::ExportSummary);
        let fx = send(&mut m, [cancel]);
        assert!(written(&fx).is_none(), "{fx:?}");
        assert!(!fx.iter().any(|e| matches!(e, Effect::Save(_))), "{fx:?}");
        assert!(matches!(m.screen, Screen::Home));
        assert!(!m.should_quit, "the export is cancelled, not the workbook");
        assert_eq!(status(&m), crate::text::export::CANCELLED);
        assert!(
            m.entry(0)
                .unwrap()
                .answer(&first_prompt(&m))
                .contains(PHONE)
        );
    }
}

#[test]
fn the_summary_keys_are_in_the_footer_and_help_from_the_one_table() {
    use crate::keymap::{footer, help};
    let keys: Vec<(String, &str)> = footer(Context::ExportSummary);
    for (k, hint) in [("Enter", "write"), ("Esc", "back"), ("q", "cancel")] {
        assert!(
            keys.iter().any(|(key, h)| key.starts_with(k) && *h == hint),
            "{k} {hint} in {keys:?}"
        );
    }
    let help = help(Context::ExportSummary);
    assert!(help.iter().any(|(k, _)| k == "q / Ctrl-C"), "{help:?}");
}
