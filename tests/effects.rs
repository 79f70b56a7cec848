//! The driver's effects against a store that fails on demand: a full disk
//! never costs a word.

use std::cell::Cell;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use spiral::app::Effects;
use spiral::catalog::Catalog;
use spiral::model::entry::Entry;
use spiral::msg::{ExternalEdit, Msg};
use spiral::state::Model;
use spiral::store::{EntryStore, JsonDirStore, LoadFailure, Loaded, StoreError};

/// A real folder store whose saves fail while `full` is set, like a full disk.
struct FlakyStore {
    inner: JsonDirStore,
    full: Cell<bool>,
    failed_saves: Cell<usize>,
}

impl EntryStore for FlakyStore {
    fn load_all(&self) -> Result<Loaded, StoreError> {
        self.inner.load_all()
    }
    fn load(&self, id: &str) -> Result<Entry, LoadFailure> {
        self.inner.load(id)
    }
    fn write_index(&self, catalog: &Catalog, fingerprint: u64) -> std::io::Result<()> {
        self.inner.write_index(catalog, fingerprint)
    }
    fn save(&self, entry: &Entry) -> Result<spiral::store::Saved, StoreError> {
        if self.full.get() {
            self.failed_saves.set(self.failed_saves.get() + 1);
            return Err(StoreError::Write {
                path: self.inner.path_of(&entry.id),
                source: std::io::Error::from_raw_os_error(28),
            });
        }
        self.inner.save(entry)
    }
    fn load_trash(&self) -> Result<Loaded, StoreError> {
        self.inner.load_trash()
    }
    fn trash(&self, id: &str) -> Result<(), StoreError> {
        self.inner.trash(id)
    }
    fn restore(&self, id: &str) -> Result<(), StoreError> {
        self.inner.restore(id)
    }
    fn empty_trash(&self) -> Result<usize, StoreError> {
        self.inner.empty_trash()
    }
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-24T22:45:00+11:00").unwrap()
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

struct Rig {
    store: FlakyStore,
    model: Model,
}

impl Rig {
    fn new(dir: &Path) -> Rig {
        let store = FlakyStore {
            inner: JsonDirStore::open(dir).unwrap(),
            full: Cell::new(false),
            failed_saves: Cell::new(0),
        };
        let model = Model::new(
            spiral::content::builtin().unwrap(),
            vec![],
            vec![],
            dir.display().to_string(),
            "t".into(),
        );
        Rig { store, model }
    }

    fn send(&mut self, dir: &Path, msgs: impl IntoIterator<Item = Msg>) {
        let mut no_editor = |_: &str| ExternalEdit::Failed {
            error: "no editor in tests".into(),
            kept: None,
        };
        let mut effects = Effects {
            store: &self.store,
            data_dir: dir,
            editor: &mut no_editor,
        };
        for msg in msgs {
            effects.dispatch(&mut self.model, msg, now);
        }
    }

    /// [`Rig::send`], with Ctrl-E running `editor` (a command) for real.
    fn send_editing(&mut self, dir: &Path, editor: &str, msgs: impl IntoIterator<Item = Msg>) {
        let mut run_editor =
            |text: &str| spiral::app::edit_in_file(dir, editor, text, |command| command.status());
        let mut effects = Effects {
            store: &self.store,
            data_dir: dir,
            editor: &mut run_editor,
        };
        for msg in msgs {
            effects.dispatch(&mut self.model, msg, now);
        }
    }

    fn answer(&self) -> String {
        let entry = self.model.entries[0].entry.as_deref().unwrap();
        let ws = &self.model.worksheets[0];
        entry.answer(ws.sections[0].items[0].id()).to_string()
    }

    fn on_disk(&self) -> Vec<Entry> {
        self.store.inner.load_all().unwrap().entries
    }
}

#[test]
fn a_full_disk_keeps_the_text_says_so_and_saves_it_when_space_returns() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut rig = Rig::new(dir);
    rig.send(
        dir,
        [
            key(KeyCode::Char('n')),
            key(KeyCode::Enter),
            Msg::Paste("Family F".into()),
            key(KeyCode::Enter),
        ],
    );
    rig.send(
        dir,
        [Msg::Paste("Before the disk filled. ".into()), Msg::Tick],
    );
    assert_eq!(
        rig.on_disk()[0].answers.values().next().unwrap(),
        "Before the disk filled. "
    );

    rig.store.full.set(true);
    rig.send(
        dir,
        [
            Msg::Paste("Written while it was full.".into()),
            Msg::Tick,
            key(KeyCode::Tab),
            Msg::Tick,
        ],
    );
    assert!(
        rig.store.failed_saves.get() >= 2,
        "saving was tried and retried"
    );
    let status = rig.model.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("No space left on device"),
        "{status:?}"
    );
    assert!(rig.model.save_error.is_some());
    assert_eq!(
        rig.on_disk()[0].answers.values().next().unwrap(),
        "Before the disk filled. ",
        "old file intact"
    );

    rig.store.full.set(false);
    rig.send(dir, [Msg::Tick]);
    assert!(rig.model.save_error.is_none());
    assert_eq!(
        rig.on_disk()[0].answers.values().next().unwrap(),
        "Before the disk filled. Written while it was full."
    );
    let in_memory: Vec<Entry> = rig
        .model
        .entries
        .iter()
        .map(|r| r.entry.as_deref().unwrap().clone())
        .collect();
    assert_eq!(rig.on_disk(), in_memory);
}

#[test]
fn quitting_on_a_full_disk_writes_a_recovery_file_that_loads_back() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut rig = Rig::new(dir);
    rig.send(
        dir,
        [
            key(KeyCode::Char('n')),
            key(KeyCode::Enter),
            Msg::Paste("Family G".into()),
            key(KeyCode::Enter),
        ],
    );
    rig.store.full.set(true);
    rig.send(
        dir,
        [Msg::Paste("late-night words".into()), Msg::Tick, ctrl('q')],
    );
    assert!(!rig.model.should_quit, "asks first");
    rig.send(dir, [key(KeyCode::Char('w'))]);
    assert!(rig.model.should_quit);
    let message = rig.model.exit_message.clone().unwrap();
    assert!(
        message.contains(&dir.join("recovered").display().to_string()),
        "{message}"
    );
    let folder = std::fs::read_dir(dir.join("recovered"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let entry = spiral::store::parse_entry(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(entry.answers.values().any(|v| v == "late-night words"));
    assert_eq!(
        file.file_name().unwrap().to_string_lossy(),
        format!("{}.json", entry.id),
        "ready to move back"
    );
}

/// A shell script to stand in for the person's editor.
#[cfg(unix)]
fn fake_editor(dir: &Path, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-editor");
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.display().to_string()
}

/// The editor's files left in the data folder.
fn editing_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".editing-")
        })
        .collect()
}

#[cfg(unix)]
fn with_an_answer(dir: &Path) -> Rig {
    let mut rig = Rig::new(dir);
    rig.send(
        dir,
        [
            key(KeyCode::Char('n')),
            key(KeyCode::Enter),
            Msg::Paste("Family F".into()),
            key(KeyCode::Enter),
            Msg::Paste("What I wrote first.".into()),
        ],
    );
    rig
}

#[cfg(unix)]
#[test]
fn an_editor_writing_bytes_that_are_not_utf8_keeps_its_file_and_names_it() {
    let data = tempfile::tempdir().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let dir = data.path();
    let editor = fake_editor(tools.path(), r#"printf 'caf\351 au lait' > "$1""#);
    let mut rig = with_an_answer(dir);
    rig.send_editing(dir, &editor, [ctrl('e')]);
    assert_eq!(
        rig.answer(),
        "caf\u{FFFD} au lait",
        "taken in, the bad byte shown"
    );
    let kept = editing_files(dir);
    assert_eq!(kept.len(), 1, "the file as the editor wrote it is kept");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), b"caf\xe9 au lait");
    let status = rig.model.status.clone().unwrap();
    assert!(
        status.text.contains(&kept[0].display().to_string()),
        "the message names the file: {status:?}"
    );
    rig.send(dir, [ctrl('z')]);
    assert_eq!(rig.answer(), "What I wrote first.");
}

#[cfg(unix)]
#[test]
fn an_editor_that_fails_after_writing_keeps_what_it_wrote_and_names_the_file() {
    let data = tempfile::tempdir().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let dir = data.path();
    let editor = fake_editor(
        tools.path(),
        r#"printf 'Words from the editor' > "$1"; exit 1"#,
    );
    let mut rig = with_an_answer(dir);
    rig.send_editing(dir, &editor, [ctrl('e')]);
    assert_eq!(
        rig.answer(),
        "What I wrote first.",
        "the answer is unchanged"
    );
    let kept = editing_files(dir);
    assert_eq!(kept.len(), 1, "what the editor wrote is not deleted");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        "Words from the editor"
    );
    let status = rig.model.status.clone().unwrap();
    assert!(
        status.error && status.text.contains(&kept[0].display().to_string()),
        "{status:?}"
    );
}

#[cfg(unix)]
#[test]
fn an_editor_that_fails_without_writing_leaves_nothing_behind() {
    let data = tempfile::tempdir().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let dir = data.path();
    let editor = fake_editor(tools.path(), "exit 1");
    let mut rig = with_an_answer(dir);
    rig.send_editing(dir, &editor, [ctrl('e')]);
    assert_eq!(rig.answer(), "What I wrote first.");
    assert!(editing_files(dir).is_empty(), "nothing there to keep");
    let editor = fake_editor(tools.path(), r#"printf 'Rewritten' > "$1""#);
    rig.send_editing(dir, &editor, [ctrl('e')]);
    assert_eq!(rig.answer(), "Rewritten");
    assert!(editing_files(dir).is_empty(), "a good edit leaves no file");
}

#[test]
fn a_file_changed_behind_the_workbooks_back_is_kept_and_the_person_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut rig = Rig::new(dir);
    rig.send(
        dir,
        [
            key(KeyCode::Char('n')),
            key(KeyCode::Enter),
            Msg::Paste("Family H".into()),
            key(KeyCode::Enter),
            Msg::Paste("Typed first. ".into()),
            Msg::Tick,
        ],
    );
    let id = rig.on_disk()[0].id.clone();
    let path = rig.store.inner.path_of(&id);
    // Another program writes its own version while the entry is open.
    let mut theirs = rig.on_disk().remove(0);
    theirs.tags = vec!["changed in an editor".into()];
    let their_text = serde_json::to_string_pretty(&theirs).unwrap();
    std::fs::write(dir.join("theirs.tmp"), &their_text).unwrap();
    std::fs::rename(dir.join("theirs.tmp"), &path).unwrap();
    rig.send(dir, [Msg::Paste("Typed after.".into()), Msg::Tick]);

    let status = rig.model.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("changed outside spiral"),
        "{status:?}"
    );
    let conflicts: Vec<_> = std::fs::read_dir(dir.join("conflicts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(status.text.contains(&conflicts[0].display().to_string()));
    assert_eq!(std::fs::read_to_string(&conflicts[0]).unwrap(), their_text);
    assert_eq!(
        rig.on_disk()[0].answers.values().next().unwrap(),
        "Typed first. Typed after."
    );
    assert!(rig.model.unsaved.is_empty());
}

#[test]
fn a_lost_lock_turns_the_workbook_read_only_and_keeps_the_words_for_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut rig = Rig::new(dir);
    let _lock = rig.store.inner.lock().unwrap();
    rig.send(
        dir,
        [
            key(KeyCode::Char('n')),
            key(KeyCode::Enter),
            Msg::Paste("Family L".into()),
            key(KeyCode::Enter),
            Msg::Paste("Saved while the lock held. ".into()),
            Msg::Tick,
        ],
    );
    // Someone deletes .lock, and a second copy opens and takes the folder.
    std::fs::remove_file(rig.store.inner.lock_path()).unwrap();
    let second = JsonDirStore::open(dir).unwrap();
    let _second_lock = second.lock().unwrap();
    rig.send(dir, [Msg::Paste("Typed after.".into()), Msg::Tick]);
    assert!(rig.model.read_only.is_some(), "read-only, with the banner");
    assert_eq!(
        rig.on_disk()[0].answers.values().next().unwrap(),
        "Saved while the lock held. ",
        "nothing written over the other copy's folder"
    );
    rig.send(dir, [ctrl('q')]);
    assert!(!rig.model.should_quit, "asks first");
    rig.send(dir, [key(KeyCode::Char('w'))]);
    assert!(rig.model.should_quit);
    let folder = std::fs::read_dir(dir.join("recovered"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let kept = spiral::store::parse_entry(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert!(
        kept.answers
            .values()
            .any(|v| v == "Saved while the lock held. Typed after.")
    );
}
