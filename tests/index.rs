//! The summary index is only ever a shortcut: whatever happened to the entry
//! files behind the app's back, and whatever state the index is in, Home ends
//! up exactly as a fresh read of every file would show it.

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use ratatui::{Terminal, backend::TestBackend};
use spiral::app::Effects;
use spiral::catalog::{self, Catalog, IndexProblem, Source};
use spiral::model::entry::Entry;
use spiral::model::worksheet::Worksheet;
use spiral::msg::Msg;
use spiral::state::Model;
use spiral::store::{EntryStore, JsonDirStore};

fn worksheets() -> Vec<Worksheet> {
    spiral::content::builtin().unwrap()
}

fn folder(n: usize) -> (tempfile::TempDir, JsonDirStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = JsonDirStore::open(dir.path()).unwrap();
    let ws = &worksheets()[0];
    for i in 0..n {
        store.save(&spiral::corpus::entry(ws, i, 7)).unwrap();
    }
    (dir, store)
}

fn write_index(store: &JsonDirStore) {
    let ws = worksheets();
    let catalog = catalog::scan(&store.entries_dir(), &ws).unwrap();
    store
        .write_index(&catalog, catalog::worksheets_fingerprint(&ws))
        .unwrap();
}

/// Home as a person sees it after start and the background check, with the
/// selected entry read for its preview.
fn home_after_start(store: &JsonDirStore) -> (String, Source) {
    let ws = worksheets();
    let (catalog, source) = catalog::open(store.root(), &ws).unwrap();
    let changes = catalog::check(&catalog.known(), &store.entries_dir(), &ws).unwrap();
    let mut model = Model::from_catalog(ws, catalog, "/data".into(), "test".into());
    model.checking = source == Source::Index;
    run(&mut model, store, Msg::Started);
    if source == Source::Index {
        run(&mut model, store, Msg::Checked(Ok(changes)));
    }
    (draw(&model), source)
}

/// Home from reading every file, with no index at all.
fn home_fresh(store: &JsonDirStore) -> String {
    let ws = worksheets();
    let catalog = catalog::scan(&store.entries_dir(), &ws).unwrap();
    let mut model = Model::from_catalog(ws, catalog, "/data".into(), "test".into());
    run(&mut model, store, Msg::Started);
    draw(&model)
}

fn run(model: &mut Model, store: &JsonDirStore, msg: Msg) {
    let mut editor = |_: &str| spiral::msg::ExternalEdit::Failed {
        error: "no editor here".into(),
        kept: None,
    };
    let mut effects = Effects {
        store,
        data_dir: store.root(),
        editor: &mut editor,
    };
    effects.dispatch(model, msg, || {
        chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00+00:00").unwrap()
    });
}

fn draw(model: &Model) -> String {
    let mut terminal = Terminal::new(TestBackend::new(140, 50)).unwrap();
    terminal.draw(|f| spiral::ui::view(model, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

fn checked(store: &JsonDirStore) -> Catalog {
    catalog::open_checked(store.root(), &worksheets())
        .unwrap()
        .sorted()
}

fn fresh(store: &JsonDirStore) -> Catalog {
    catalog::scan(&store.entries_dir(), &worksheets())
        .unwrap()
        .sorted()
}

fn read(path: &Path) -> Entry {
    catalog::read_entry_file(path).unwrap()
}

#[test]
fn an_index_matching_the_files_is_used_and_gives_the_same_home() {
    let (_dir, store) = folder(30);
    write_index(&store);
    let (home, source) = home_after_start(&store);
    assert_eq!(source, Source::Index);
    assert_eq!(home, home_fresh(&store));
    assert!(home.contains("Your entries (30)"));
}

#[test]
fn entries_changed_added_deleted_and_damaged_behind_the_apps_back_show_as_they_are() {
    let (_dir, store) = folder(30);
    write_index(&store);
    let files = catalog::list_files(&store.entries_dir()).unwrap();

    // Changed: a new label, a new answer and a later time, so it moves to the top.
    let mut changed = read(&files[3].0);
    changed.family_label = "Changed behind its back".into();
    changed
        .answers
        .insert("ud-your-account".into(), "new words".into());
    changed.updated += chrono::Duration::days(4000);
    store.save(&changed).unwrap();
    // Added.
    let mut added = spiral::corpus::entry(&worksheets()[0], 1000, 7);
    added.family_label = "Added by hand".into();
    store.save(&added).unwrap();
    // Deleted.
    fs::remove_file(&files[5].0).unwrap();
    // Damaged.
    fs::write(&files[7].0, b"{ \"format\": \"spiral-entry\", ").unwrap();

    let (home, source) = home_after_start(&store);
    assert_eq!(source, Source::Index);
    assert_eq!(home, home_fresh(&store));
    assert!(home.contains("Changed behind its back"), "{home}");
    assert!(home.contains("Could not open these files"));
    assert_eq!(checked(&store), fresh(&store));
    // 30, less one deleted and one damaged, plus one added.
    assert_eq!(checked(&store).summaries.len(), 29);
}

#[test]
fn a_file_rewritten_to_the_same_size_is_read_again_by_its_time() {
    let (_dir, store) = folder(5);
    write_index(&store);
    let files = catalog::list_files(&store.entries_dir()).unwrap();
    let path = &files[2].0;
    let before = fs::read_to_string(path).unwrap();
    let mut entry = read(path);
    // Same length, different letters.
    let label: String = entry.family_label.chars().rev().collect();
    assert_ne!(label, entry.family_label);
    entry.family_label = label;
    let after = serde_json::to_string_pretty(&entry).unwrap();
    assert_eq!(before.len(), after.len());
    fs::write(path, after).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(checked(&store), fresh(&store));
    assert!(
        checked(&store)
            .summaries
            .iter()
            .any(|s| s.family_label == entry.family_label)
    );
}

#[test]
fn a_missing_damaged_or_outdated_index_is_rebuilt_from_the_files() {
    let (_dir, store) = folder(12);
    let index = store.root().join(catalog::INDEX_FILE);
    let ws = worksheets();
    let fingerprint = catalog::worksheets_fingerprint(&ws);

    assert_eq!(
        catalog::read_index(&index, fingerprint),
        Err(IndexProblem::Missing)
    );
    let (home, source) = home_after_start(&store);
    assert_eq!(source, Source::Files(IndexProblem::Missing));
    assert_eq!(home, home_fresh(&store));

    for junk in [
        &b""[..],
        b"{",
        b"not json at all",
        b"\x0cspiral-index\x01",
        b"\x0cspiral-indey\x01\x00",
        b"\xff\xfe\x00",
    ] {
        fs::write(&index, junk).unwrap();
        assert!(matches!(
            catalog::read_index(&index, fingerprint),
            Err(IndexProblem::Damaged(_))
        ));
        let (home, source) = home_after_start(&store);
        assert!(matches!(source, Source::Files(IndexProblem::Damaged(_))));
        assert_eq!(home, home_fresh(&store));
    }

    // Made with other worksheets, or by another index version.
    write_index(&store);
    assert_eq!(
        catalog::read_index(&index, fingerprint + 1),
        Err(IndexProblem::Outdated)
    );
    let mut newer = catalog::read_index(&index, fingerprint).unwrap();
    newer.version = 99;
    fs::write(&index, catalog::encode_index(&newer).unwrap()).unwrap();
    assert_eq!(
        catalog::read_index(&index, fingerprint),
        Err(IndexProblem::Outdated)
    );
    let (home, source) = home_after_start(&store);
    assert_eq!(source, Source::Files(IndexProblem::Outdated));
    assert_eq!(home, home_fresh(&store));
}

#[test]
fn an_index_that_lies_about_an_entry_is_corrected_by_the_files() {
    // An index whose stamps match but whose summaries were tampered with is
    // trusted (size and time are the contract) until the entry is read: then
    // the entry's own file wins, on screen and in the next index.
    let (_dir, store) = folder(3);
    write_index(&store);
    let index_path = store.root().join(catalog::INDEX_FILE);
    let before = fs::read(&index_path).unwrap();
    let ws = worksheets();
    let mut index = catalog::read_index(&index_path, catalog::worksheets_fingerprint(&ws)).unwrap();
    let first = index
        .entries
        .iter()
        .max_by_key(|e| e.updated.0)
        .unwrap()
        .id
        .clone();
    for e in &mut index.entries {
        if e.id == first {
            e.label = "A label the file does not have".into();
        }
    }
    fs::write(&index_path, catalog::encode_index(&index).unwrap()).unwrap();
    assert_ne!(before, fs::read(&index_path).unwrap());
    // Home previews the newest entry first, which reads it.
    let (home, _) = home_after_start(&store);
    assert!(!home.contains("A label the file does not have"), "{home}");
    assert_eq!(home, home_fresh(&store));
}

#[test]
fn the_index_never_holds_answers() {
    let (_dir, store) = folder(10);
    write_index(&store);
    let index = fs::read(store.root().join(catalog::INDEX_FILE)).unwrap();
    let mut labels = 0;
    for (path, _) in catalog::list_files(&store.entries_dir()).unwrap() {
        let entry = read(&path);
        let holds = |text: &str| index.windows(text.len()).any(|w| w == text.as_bytes());
        for answer in entry.answers.values() {
            assert!(!holds(answer), "an answer leaked into the index");
        }
        // The search is not vacuous: what Home shows is there.
        labels += usize::from(holds(&entry.family_label));
    }
    assert_eq!(labels, 10);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(store.root().join(catalog::INDEX_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[derive(Debug, Clone)]
enum Change {
    Edit(usize),
    Add(usize),
    Delete(usize),
    Damage(usize),
    Rename(usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (0..40usize).prop_map(Change::Edit),
        (0..40usize).prop_map(Change::Add),
        (0..40usize).prop_map(Change::Delete),
        (0..40usize).prop_map(Change::Damage),
        (0..40usize).prop_map(Change::Rename),
    ]
}

proptest! {
    // PROPTEST_CASES=500 for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    /// Any mix of changes behind the app's back: the checked index and the
    /// Home it gives are those of a fresh read.
    #[test]
    fn any_changes_behind_the_apps_back_give_the_fresh_home(changes in prop::collection::vec(change(), 1..8)) {
        let (_dir, store) = folder(8);
        write_index(&store);
        let ws = &worksheets()[0];
        for (n, c) in changes.iter().enumerate() {
            let files = catalog::list_files(&store.entries_dir()).unwrap();
            if files.is_empty() {
                break;
            }
            let pick = |i: usize| files[i % files.len()].0.clone();
            match *c {
                Change::Edit(i) => {
                    if let Ok(mut e) = catalog::read_entry_file(&pick(i)) {
                        e.answers.insert("wd-core".into(), format!("edit {n}"));
                        e.family_label.push('!');
                        store.save(&e).unwrap();
                    }
                }
                Change::Add(i) => {
                    store.save(&spiral::corpus::entry(ws, 500 + i * 10 + n, 3)).unwrap();
                }
                Change::Delete(i) => fs::remove_file(pick(i)).unwrap(),
                Change::Damage(i) => fs::write(pick(i), format!("damaged {n}")).unwrap(),
                Change::Rename(i) => {
                    let from = pick(i);
                    fs::rename(&from, from.with_file_name(format!("renamed-{n}.json"))).unwrap();
                }
            }
        }
        prop_assert_eq!(checked(&store), fresh(&store));
        let (home, _) = home_after_start(&store);
        prop_assert_eq!(home, home_fresh(&store));
    }
}

#[test]
fn comments_imported_while_the_workbook_was_closed_show_on_home() {
    // `spiral import-feedback` run between two starts: the index vouches for
    // the old file, the check finds it changed, Home counts the comments.
    let (_dir, store) = folder(5);
    write_index(&store);
    let path = store
        .entries_dir()
        .read_dir()
        .unwrap()
        .flatten()
        .find(|f| f.path().extension().is_some_and(|x| x == "json"))
        .unwrap()
        .path();
    let mut entry = read(&path);
    let written = chrono::DateTime::parse_from_rfc3339("2026-12-03T10:00:00+11:00").unwrap();
    entry.feedback = ["c1", "c2"]
        .map(|id| spiral::model::entry::Comment {
            id: id.into(),
            key: None,
            text: "Well noticed.".into(),
            reviewer: None,
            written,
        })
        .to_vec();
    store.save(&entry).unwrap();
    let (home, source) = home_after_start(&store);
    assert_eq!(source, Source::Index);
    assert!(home.contains("✎2"), "{home}");
    assert_eq!(home, home_fresh(&store));
    assert_eq!(checked(&store), fresh(&store));
    assert!(fresh(&store).summaries.iter().any(|s| s.comments == 2));
}
