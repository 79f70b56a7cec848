//! A supervisor's feedback, imported from Home in a real terminal (tmux)
//! and read beside the answer it is about.
//!
//! Uses `SPIRAL_TEST_BIN` when set (`.ci/run` points it at the release
//! build), otherwise the binary cargo built for the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{Tmux, entry_files};

fn bin() -> PathBuf {
    std::env::var_os("SPIRAL_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_spiral").into())
}

/// A new entry for "Family K" with its first answer written; its id.
fn an_entry(data: &Path, home: &Path) -> String {
    let out = Command::new(bin())
        .args([
            "new",
            "--worksheet",
            "building-impactful-partnerships",
            "--family",
            "Family K",
        ])
        .env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env("HOME", home)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let file = data.join("entries").join(format!("{id}.json"));
    let mut entry: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    entry["answers"][first_prompt()] = "Three short visits, then the kitchen table.".into();
    std::fs::write(&file, entry.to_string()).unwrap();
    id
}

fn first_prompt() -> String {
    let ws = &spiral::content::builtin().unwrap()[0];
    ws.sections[0].items[0].id().to_string()
}

/// A feedback file in the downloads folder: a comment on the entry's first
/// answer, and one on an entry this folder does not have.
fn feedback_in_downloads(home: &Path, id: &str) {
    let downloads = home.join("Downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let feedback = serde_json::json!({
        "format": "spiral-feedback",
        "version": 1,
        "bundle": { "exported_at": "2026-12-01T09:00:00+11:00" },
        "reviewer": "Alex P",
        "updated": "2026-12-03T10:00:00+11:00",
        "entries": [
            {
                "entry_id": id,
                "family_label": "Family K",
                "worksheet": "building-impactful-partnerships",
                "discussed": "2026-12-03",
                "comments": [{
                    "id": "c-1",
                    "key": first_prompt(),
                    "text": "What made the kitchen table possible?",
                    "written": "2026-12-03T10:00:00+11:00"
                }]
            },
            {
                "entry_id": "20990101-000000-zzzz",
                "family_label": "Family Q",
                "worksheet": "building-impactful-partnerships",
                "comments": [{
                    "id": "c-2",
                    "text": "Someone else's.",
                    "written": "2026-12-03T10:05:00+11:00"
                }]
            }
        ]
    });
    std::fs::write(
        downloads.join("supervision.feedback.json"),
        feedback.to_string(),
    )
    .unwrap();
}

#[test]
fn feedback_imported_from_home_shows_beside_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (data, home) = (dir.path().join("data"), dir.path().join("home"));
    std::fs::create_dir_all(&home).unwrap();
    let id = an_entry(&data, &home);
    feedback_in_downloads(&home, &id);
    let env = format!("HOME='{}'", home.display());
    let Some(tmux) = Tmux::start_with("feedback", &data, 100, 30, &env) else {
        return;
    };
    tmux.wait_for("Family K");
    // The newest feedback file nearby is suggested; Enter imports it.
    tmux.keys(&["i"]);
    tmux.wait_for("~/Downloads/supervision.feedback.json");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Added 1 comment to 1 entry.");
    // Said on the status line, wrapped: the unknown entry is named.
    let home_screen = tmux.wait_for("20990101-000000-zzzz (Family Q");
    assert!(
        home_screen.contains("Not imported: 1 comment for"),
        "{home_screen}"
    );
    assert!(home_screen.contains("Family K ✎1"), "{home_screen}");
    assert!(home_screen.contains("✓ discussed"), "{home_screen}");

    // On the worksheet screen, beside the answer it is about.
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("What made the kitchen table possible?");
    assert!(screen.contains("Supervisor Alex P, 3 Dec 2026"), "{screen}");
    assert!(screen.contains("Three short visits"), "{screen}");
    tmux.keys(&["F4"]);
    tmux.wait_for("comments are hidden");
    tmux.keys(&["F4"]);
    tmux.wait_for("What made the kitchen table possible?");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Your entries (1)");

    // Typed, with Tab finishing the names: the second import adds nothing.
    tmux.keys(&["i"]);
    tmux.wait_for("Feedback file:");
    tmux.type_text("~/Down");
    tmux.keys(&["Tab"]);
    tmux.wait_for("~/Downloads/");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Feedback file: ~/Downloads/supervision.feedback.json");
    tmux.keys(&["Enter"]);
    tmux.wait_for("had been imported before");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();

    let files = entry_files(&data);
    assert_eq!(files.len(), 1);
    let entry: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(entry["feedback"].as_array().unwrap().len(), 1, "{entry}");
    assert_eq!(entry["discussed"], "2026-12-03");
}
