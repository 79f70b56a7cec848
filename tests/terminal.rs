//! The real binary in a real terminal (tmux): start, write, quit, come back.
//!
//! Uses `SPIRAL_TEST_BIN` when set (`.ci/run` points it at the release
//! build), otherwise the binary cargo built for the tests.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

mod common;
use common::{Tmux, entry_files};

#[test]
fn answer_survives_quitting_and_coming_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(tmux) = Tmux::start("resume", &data, 100, 30) else {
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
    tmux.type_text("Acceptance grew over weeks of short visits.");
    tmux.wait_for("short visits.");
    tmux.keys(&["Tab"]);
    tmux.type_text("Second prompt, second answer.");
    tmux.wait_for("second answer.");
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();

    let files = entry_files(&data);
    assert_eq!(files.len(), 1, "one entry file");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(json["family_label"], "Family T");
    let answers: Vec<&str> = json["answers"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        answers.contains(&"Acceptance grew over weeks of short visits."),
        "{json}"
    );
    assert!(answers.contains(&"Second prompt, second answer."), "{json}");

    // A week later: Home lists it; Enter opens it where it was left.
    drop(tmux);
    let tmux = Tmux::start("resume2", &data, 100, 30).unwrap();
    let home = tmux.wait_for("Family T");
    assert!(home.contains("2/"), "progress shows on Home:\n{home}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Second prompt, second answer.");
    tmux.keys(&["BTab"]);
    tmux.wait_for("Acceptance grew over weeks of short visits.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Your entries (1)");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();
}

#[test]
fn typing_is_saved_within_a_second_without_leaving_the_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(tmux) = Tmux::start("autosave", &data, 80, 24) else {
        return;
    };
    tmux.wait_for("No reflections yet");
    tmux.keys(&["n", "Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("AB");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");
    tmux.type_text("still typing");
    tmux.wait_for("still typing");
    // No key that saves has been pressed: the autosave must write it.
    let start = Instant::now();
    loop {
        let text = entry_files(&data)
            .first()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .unwrap_or_default();
        if text.contains("still typing") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "autosave did not write the answer"
        );
        sleep(Duration::from_millis(100));
    }
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();
}

#[test]
fn a_small_window_says_so_and_recovers_on_resize() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::start("resize", &dir.path().join("data"), 40, 10) else {
        return;
    };
    tmux.wait_for("too small");
    Command::new("tmux")
        .args([
            "-L",
            &tmux.socket,
            "resize-window",
            "-t",
            "t",
            "-x",
            "100",
            "-y",
            "30",
        ])
        .status()
        .unwrap();
    tmux.wait_for("No reflections yet");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();
}

#[test]
fn a_second_copy_on_the_same_folder_is_read_only_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(first) = Tmux::start("first", &data, 100, 30) else {
        return;
    };
    first.wait_for("No reflections yet");
    first.keys(&["n", "Enter"]);
    first.wait_for("Family label");
    first.type_text("Family One");
    first.keys(&["Enter"]);
    first.wait_for("Your answer");
    first.type_text("the first copy's words");
    first.wait_for("first copy's words");
    first.keys(&["C-s"]);

    let second = Tmux::start("second", &data, 100, 30).unwrap();
    second.wait_for("READ-ONLY");
    second.wait_for("Another copy of spiral is using this data folder");
    second.keys(&["n"]);
    second.wait_for("nothing you change here is kept");
    second.keys(&["Enter"]);
    second.wait_for("first copy's words");
    second.type_text("ZZZ from the second copy");
    second.keys(&["Tab", "C-q"]);
    second.wait_for_exit();

    // The first copy goes on writing, and nothing of the second is on disk.
    first.type_text(", and more");
    first.wait_for("and more");
    first.keys(&["C-q"]);
    first.wait_for_exit();
    let text = std::fs::read_to_string(&entry_files(&data)[0]).unwrap();
    assert!(text.contains("the first copy's words, and more"), "{text}");
    assert!(!text.contains("ZZZ"), "{text}");
}

#[test]
fn the_external_editor_gets_a_private_file_in_the_data_folder_that_is_removed_after() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let record = dir.path().join("editor-saw.txt");
    let editor = dir.path().join("editor.sh");
    // An "editor" that notes the file's mode and place, then adds a line.
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nstat -c '%a %n' \"$1\" > '{}'\nprintf '%s\\n' \"$(cat \"$1\") and from the editor\" > \"$1\"\n",
            record.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let env = format!("VISUAL='{}'", editor.display());
    let Some(tmux) = Tmux::start_with("editor", &data, 100, 30, &env) else {
        return;
    };
    tmux.wait_for("No reflections yet");
    tmux.keys(&["n", "Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("E");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");
    tmux.type_text("typed here");
    tmux.wait_for("typed here");
    tmux.keys(&["C-e"]);
    tmux.wait_for("typed here and from the editor");
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();

    let saw = std::fs::read_to_string(&record).unwrap();
    let (mode, path) = saw.trim().split_once(' ').unwrap();
    assert_eq!(mode, "600", "{saw}");
    let path = std::path::Path::new(path);
    assert_eq!(
        path.parent().unwrap(),
        data,
        "inside the private data folder"
    );
    assert!(!path.exists(), "removed afterwards");
    let text = std::fs::read_to_string(&entry_files(&data)[0]).unwrap();
    assert!(text.contains("typed here and from the editor"), "{text}");
}

#[test]
fn three_mapped_issues_one_a_return_survive_quitting_and_show_on_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(tmux) = Tmux::start("map", &data, 120, 40) else {
        return;
    };
    tmux.wait_for("No reflections yet");
    tmux.keys(&["n", "Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("Family M");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");
    tmux.keys(&["C-n", "C-n", "C-n"]);
    tmux.wait_for("Issues (0)");
    let add = |text: &str, stage_rights: usize, return_rights: usize| {
        tmux.keys(&["a"]);
        tmux.wait_for("A new issue");
        tmux.type_text(text);
        tmux.keys(&["Tab"]);
        for _ in 0..stage_rights {
            tmux.keys(&["Right"]);
        }
        tmux.keys(&["Tab", "Tab", "Tab"]);
        for _ in 0..return_rights {
            tmux.keys(&["Right"]);
        }
        tmux.keys(&["Enter"]);
        tmux.wait_for(text);
    };
    add("Wary of visits", 0, 0);
    add("Night settling plan", 3, 0);
    add("Wary again after a missed visit", 4, 1);
    tmux.wait_for("Issues (3)");
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();

    drop(tmux);
    let tmux = Tmux::start("map2", &data, 120, 40).unwrap();
    tmux.wait_for("Family M");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Issues (3)");
    assert!(screen.contains("returns to 1"), "{screen}");
    assert!(
        screen.contains("●1") && screen.contains("●2") && screen.contains("↺3"),
        "numbered points on the spiral:\n{screen}"
    );
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();
}

#[test]
fn search_tags_and_complete_in_a_real_terminal_and_the_index_makes_the_next_start_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ws = &spiral::content::builtin().unwrap()[0];
    let store = spiral::store::JsonDirStore::open(&data).unwrap();
    for (i, (label, answer)) in [
        ("Family K", "We talked about the bedtime routine."),
        ("Family M", "The flat is damp and cold."),
        ("Family J", "A first visit, mostly listening."),
    ]
    .into_iter()
    .enumerate()
    {
        let mut e = spiral::corpus::entry(ws, i, 5);
        e.family_label = label.into();
        e.tags.clear();
        e.completed = None;
        e.discussed = None;
        e.answers
            .insert("kc-earning-acceptance".into(), answer.into());
        spiral::store::EntryStore::save(&store, &e).unwrap();
    }
    let Some(tmux) = Tmux::start("search", &data, 120, 30) else {
        return;
    };
    tmux.wait_for("Your entries (3)");
    // The whole text is searched as you type, letters are never commands.
    tmux.keys(&["/"]);
    tmux.type_text("damp");
    let screen = tmux.wait_for("Showing 1 of 3");
    assert!(
        screen.contains("Family M") && !screen.contains("Family J"),
        "{screen}"
    );
    // Back to the list with the filter; tag it; mark it complete.
    tmux.keys(&["Enter"]);
    tmux.keys(&["g"]);
    tmux.wait_for("Tags:");
    tmux.type_text("housing, first visits");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Family M · housing, first visits");
    tmux.keys(&["c"]);
    tmux.wait_for("✓ complete");
    // Esc clears the search: every entry again.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Family K");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();

    // What was changed is on disk, and the index the next start reads has it.
    assert!(data.join(spiral::catalog::INDEX_FILE).exists());
    let worksheets = spiral::content::builtin().unwrap();
    let (catalog, source) = spiral::catalog::open(&data, &worksheets).unwrap();
    assert_eq!(source, spiral::catalog::Source::Index);
    let m = catalog
        .summaries
        .iter()
        .find(|s| s.family_label == "Family M")
        .unwrap();
    assert_eq!(m.tags, ["housing", "first visits"]);
    assert!(m.completed.is_some());
    let indexed = catalog.sorted();
    let fresh = spiral::catalog::scan(&data.join("entries"), &worksheets)
        .unwrap()
        .sorted();
    assert_eq!(indexed.summaries.len(), fresh.summaries.len());
    for (a, b) in indexed.summaries.iter().zip(&fresh.summaries) {
        assert!(
            a.shows_same(b),
            "the index shows what the files hold:\n{a:?}\n{b:?}"
        );
    }
}
