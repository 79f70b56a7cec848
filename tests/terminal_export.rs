//! The real binary in tmux, exporting from the workbook: an answer with a
//! phone number is exported to Markdown with the number replaced, through
//! the summary of what will be written, into the documents folder of a
//! home folder made for the test.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::Tmux;

/// A home folder of its own, with a documents folder as the desktop sets
/// one up, so exports land in the test's folder and nowhere else.
fn home(dir: &Path) -> (PathBuf, String) {
    let home = dir.join("home");
    let config = dir.join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("user-dirs.dirs"),
        "XDG_DOCUMENTS_DIR=\"$HOME/Documents\"\n",
    )
    .unwrap();
    fs::create_dir_all(home.join("Documents")).unwrap();
    let env = format!(
        "HOME='{}' XDG_CONFIG_HOME='{}' XDG_DATA_HOME='{}'",
        home.display(),
        config.display(),
        dir.join("share").display()
    );
    (home.join("Documents").join("spiral exports"), env)
}

fn only_file(folder: &Path) -> PathBuf {
    let files: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// The screen without line breaks, for a path the status line wrapped.
fn joined(screen: &str) -> String {
    screen
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("")
}

#[test]
fn an_answer_is_exported_to_markdown_with_the_phone_number_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (exports, env) = home(dir.path());
    let Some(tmux) = Tmux::start_with("export", &data, 100, 30, &env) else {
        return;
    };
    tmux.wait_for("No reflections yet");
    tmux.keys(&["n"]);
    tmux.wait_for("Building impactful partnerships");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("Family T");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");
    tmux.type_text("Mum rang from 07700 900123 to move the visit.");
    tmux.wait_for("to move the visit.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Your entries (1)");

    tmux.keys(&["x"]);
    let chooser = tmux.wait_for("1 entry chosen");
    assert!(chooser.contains("[x] Family T"), "{chooser}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Markdown (.md)");
    tmux.keys(&["Enter"]);
    let check = tmux.wait_for("This looks like a phone number");
    assert!(check.contains("Mum rang from 07700 900123"), "{check}");
    assert!(!exports.exists(), "nothing is written before the check");
    tmux.keys(&["r"]);
    // The summary of what will be written, and still nothing written.
    let summary = tmux.wait_for("Ready to write 1 entry as Markdown (.md).");
    assert!(summary.contains("Family T"), "{summary}");
    assert!(
        summary.contains("1 replaced with placeholders"),
        "{summary}"
    );
    assert!(summary.contains("Found: 1 phone number."), "{summary}");
    assert!(!exports.exists(), "nothing is written before Enter");
    // Esc goes back to the check with the decision kept; Enter twice writes.
    tmux.keys(&["Escape"]);
    let check = tmux.wait_for("This looks like a phone number");
    assert!(check.contains("Now: replace in the export"), "{check}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Ready to write 1 entry");
    tmux.keys(&["Enter"]);
    let done = tmux.wait_for("Exported 1 entry to");

    let file = only_file(&exports);
    assert!(
        file.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("reflections-"),
        "{}",
        file.display()
    );
    assert!(
        joined(&done).contains(&file.display().to_string()),
        "the status line says where it went:\n{done}"
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("Reflective notes, not a case record"),
        "{text}"
    );
    // Markdown shows \[phone\] as [phone].
    assert!(
        text.contains(r"Mum rang from \[phone\] to move the visit."),
        "{text}"
    );
    assert!(!text.contains("900123"), "{text}");
    // The entry itself is as it was written.
    let entry = fs::read_to_string(&common::entry_files(&data)[0]).unwrap();
    assert!(entry.contains("07700 900123"));

    tmux.keys(&["q"]);
    tmux.wait_for_exit();
}

#[test]
fn prep_notes_are_kept_and_exported_with_the_entries() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (exports, env) = home(dir.path());
    let Some(tmux) = Tmux::start_with("prep", &data, 100, 30, &env) else {
        return;
    };
    tmux.wait_for("No reflections yet");
    tmux.keys(&["n", "Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("Family T");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");
    tmux.type_text("Repair after a missed visit.");
    tmux.wait_for("missed visit.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Your entries (1)");

    tmux.keys(&["p"]);
    tmux.wait_for("What I want from this session");
    tmux.type_text("Think about the call from 07700 900456");
    tmux.keys(&["Tab"]);
    tmux.type_text("Endings");
    tmux.wait_for("Endings");
    // Kept as typed, soon after typing, without leaving the screen.
    let prep = data.join("prep.json");
    let start = std::time::Instant::now();
    while !fs::read_to_string(&prep).is_ok_and(|t| t.contains("Endings")) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "the prep notes were not saved"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    tmux.keys(&["C-x"]);
    tmux.wait_for("Web page (.html)");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your prep notes");
    tmux.keys(&["r"]);
    tmux.wait_for("Ready to write your supervision prep note");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Wrote your supervision prep note, with 1 entry");
    let text = fs::read_to_string(only_file(&exports)).unwrap();
    assert!(text.contains("supervision prep"), "{text}");
    assert!(text.contains("Endings"), "{text}");
    assert!(text.contains("Repair after a missed visit."), "{text}");
    assert!(!text.contains("900456"), "{text}");

    // Back on the prep screen; Ctrl-Q quits, and the notes are there next time.
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();
    drop(tmux);
    let tmux = Tmux::start_with("prep2", &data, 100, 30, &env).unwrap();
    tmux.wait_for("Your entries (1)");
    tmux.keys(&["p"]);
    tmux.wait_for("Think about the call from 07700 900456");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Your entries (1)");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();
}
