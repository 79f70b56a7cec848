//! `spiral review` in a real terminal (tmux), as a supervisor uses it: open
//! a bundle, comment on an answer and on the whole entry, mark it
//! discussed, quit; then come back, delete a comment, resize. The feedback
//! file holds what was done, and the bundle is byte for byte as it was.
//!
//! Uses `SPIRAL_TEST_BIN` when set (the release build), otherwise the
//! binary cargo built for the tests.

use std::path::Path;
use std::process::Command;

mod common;
mod sample;
use common::Tmux;
use sample::PARTNERSHIP;

fn feedback_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn resize(tmux: &Tmux, width: u16, height: u16) {
    Command::new("tmux")
        .args(["-L", &tmux.socket, "resize-window", "-t", "t"])
        .args(["-x", &width.to_string(), "-y", &height.to_string()])
        .status()
        .unwrap();
}

#[test]
fn a_supervisor_comments_marks_discussed_and_the_bundle_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("no-data-folder");
    let bundle = dir.path().join("sam-nov.json");
    std::fs::write(&bundle, sample::bundle_json()).unwrap();
    let before = std::fs::read(&bundle).unwrap();
    let args = format!("review '{}' --reviewer 'Alex Supervisor'", bundle.display());
    let Some(tmux) = Tmux::start_command("review", &data, 100, 30, "", &args) else {
        return;
    };
    let list = tmux.wait_for("Entries in this bundle (3)");
    assert!(
        list.contains(
            "Reviewing: sam-nov.json · read-only · comments saved to sam-nov.feedback.json"
        ),
        "{list}"
    );
    assert!(
        list.contains("Reflective notes, not a case record · Sam Lee · 20 Nov 2026 to 24 Nov 2026"),
        "{list}"
    );

    // A comment on the second answer, over two lines.
    tmux.keys(&["Enter"]);
    tmux.wait_for("Section 1 of 5: Key concepts");
    tmux.keys(&["Down", "c"]);
    tmux.wait_for("Your comment on Helping families value themselves");
    tmux.type_text("Good noticing.");
    tmux.keys(&["Enter"]);
    tmux.type_text("What did they say?");
    tmux.wait_for("What did they say?");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Comment kept.");
    tmux.wait_for("✎ Your comment");

    // The entry as a whole.
    tmux.keys(&["o"]);
    tmux.wait_for("Your comment on the entry as a whole");
    tmux.type_text("Thoughtful, honest entry.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Overall: Thoughtful, honest entry.");

    // Discussed today.
    tmux.keys(&["m"]);
    tmux.wait_for("was discussed on:");
    tmux.keys(&["Enter"]);
    let today = chrono::Local::now().date_naive();
    tmux.wait_for(&format!("Discussed {}", today.format("%-d %b %Y")));

    tmux.keys(&["q"]);
    tmux.wait_for_exit();
    tmux.wait_for("Your feedback is in");

    let fb_path = dir.path().join("sam-nov.feedback.json");
    let json = feedback_json(&fb_path);
    assert_eq!(json["format"], "spiral-feedback");
    assert_eq!(json["version"], 1);
    assert_eq!(json["reviewer"], "Alex Supervisor");
    assert_eq!(json["bundle"]["practitioner"], "Sam Lee");
    let entries = json["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{json}");
    let e = &entries[0];
    assert_eq!(e["entry_id"], PARTNERSHIP);
    assert_eq!(e["discussed"], today.to_string());
    let comments = e["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2, "{json}");
    assert_eq!(comments[0]["key"], "kc-helping-families-value-themselves");
    assert_eq!(comments[0]["text"], "Good noticing.\nWhat did they say?");
    assert_eq!(comments[0]["reviewer"], "Alex Supervisor");
    assert!(
        comments[1].get("key").is_none(),
        "the overall comment has no key"
    );
    assert_eq!(comments[1]["text"], "Thoughtful, honest entry.");
    assert_ne!(comments[0]["id"], comments[1]["id"]);

    assert_eq!(
        std::fs::read(&bundle).unwrap(),
        before,
        "the bundle is byte for byte the same"
    );
    assert!(!data.exists(), "no data folder is made");
    drop(tmux);

    // Back again, in a small window: it carries on; a comment is deleted
    // after asking; a window too small says so until it grows.
    let Some(tmux) = Tmux::start_command("review2", &data, 60, 20, "", &args) else {
        return;
    };
    tmux.wait_for("Carrying on");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Section 1 of 5");
    tmux.keys(&["Down", "d"]);
    tmux.wait_for("Delete your comment?");
    tmux.keys(&["y"]);
    tmux.wait_for("Comment deleted.");
    resize(&tmux, 40, 10);
    tmux.wait_for("too small");
    resize(&tmux, 100, 30);
    tmux.wait_for("Sections (→/←)");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();

    let json = feedback_json(&fb_path);
    let comments = json["entries"][0]["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 1, "{json}");
    assert_eq!(comments[0]["text"], "Thoughtful, honest entry.");
    assert_eq!(std::fs::read(&bundle).unwrap(), before);
}

#[test]
fn a_bad_bundle_never_opens_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("half.json");
    let full = sample::bundle_json();
    std::fs::write(&bundle, &full[..full.len() / 3]).unwrap();
    let args = format!("review '{}'", bundle.display());
    let Some(tmux) = Tmux::start_command("review-bad", dir.path(), 100, 30, "", &args) else {
        return;
    };
    tmux.wait_for_exit();
    let screen = tmux.wait_for("cut short");
    assert!(screen.contains("half.json"), "{screen}");
    assert_eq!(
        std::fs::read_to_string(&bundle).unwrap(),
        full[..full.len() / 3]
    );
}
