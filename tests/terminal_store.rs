//! The real binary in tmux when something else touches the data folder
//! while the workbook is open: a lock file deleted, an entry's file
//! changed by another program.

mod common;
use common::{Tmux, entry_files};

use std::time::{Duration, Instant};

/// Waits until `check` holds for the entry file's text.
fn wait_for_file(data: &std::path::Path, check: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let text = entry_files(data)
            .first()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default();
        if check(&text) {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the entry file never got there:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_deleted_lock_lets_no_second_copy_write_over_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(first) = Tmux::start("lock-first", &data, 160, 30) else {
        return;
    };
    first.wait_for("No reflections yet");
    first.keys(&["n", "Enter"]);
    first.wait_for("Family label");
    first.type_text("Family One");
    first.keys(&["Enter"]);
    first.wait_for("Your answer");
    first.type_text("the first copy's words");
    first.keys(&["C-s"]);
    wait_for_file(&data, |t| t.contains("the first copy's words"));

    // Deleted while the first copy runs: a second copy gets the folder.
    std::fs::remove_file(data.join(".lock")).unwrap();
    let second = Tmux::start("lock-second", &data, 160, 30).unwrap();
    second.wait_for("Family One");
    assert!(
        !second.screen().contains("READ-ONLY"),
        "{}",
        second.screen()
    );

    // The first copy notices at its next save, and writes nothing more.
    first.type_text(", typed after");
    first.wait_for("lock file was deleted");
    first.wait_for("READ-ONLY");
    let text = wait_for_file(&data, |_| true);
    assert!(!text.contains("typed after"), "{text}");
    first.keys(&["C-q"]);
    first.wait_for("to a recovery file");
    first.keys(&["w"]);
    first.wait_for_exit();
    let recovered = std::fs::read_dir(data.join("recovered"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let file = std::fs::read_dir(recovered)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let kept = std::fs::read_to_string(file).unwrap();
    assert!(
        kept.contains("the first copy's words, typed after"),
        "{kept}"
    );
    second.keys(&["C-q"]);
    second.wait_for_exit();
}

#[test]
fn an_entry_changed_by_another_program_while_open_is_kept_as_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(tmux) = Tmux::start("conflict", &data, 160, 30) else {
        return;
    };
    tmux.wait_for("No reflections yet");
    tmux.keys(&["n", "Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("Family Two");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");
    tmux.type_text("typed in spiral");
    tmux.keys(&["C-s"]);
    let text = wait_for_file(&data, |t| t.contains("typed in spiral"));

    // An editor saves its own version of the file.
    let path = entry_files(&data).remove(0);
    let theirs = text.replace("typed in spiral", "written in an editor");
    std::fs::write(dir.path().join("theirs.json"), &theirs).unwrap();
    std::fs::rename(dir.path().join("theirs.json"), &path).unwrap();

    tmux.type_text(", and more");
    tmux.wait_for("changed outside spiral");
    let mine = wait_for_file(&data, |t| t.contains("typed in spiral, and more"));
    assert!(!mine.contains("written in an editor"));
    let copies: Vec<_> = std::fs::read_dir(data.join("conflicts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(std::fs::read_to_string(&copies[0]).unwrap(), theirs);
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();
}
