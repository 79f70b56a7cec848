//! The real binary in tmux with a worksheet of one's own: a broken one beside
//! it is skipped and said, and every kind of answer is written, kept and
//! shown again.

use std::fs;

mod common;
use common::{Tmux, entry_files};

#[test]
fn own_worksheet_with_every_kind_is_answered_saved_and_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let own = data.join("worksheets");
    fs::create_dir_all(&own).unwrap();
    fs::write(
        own.join("team.json"),
        include_str!("fixtures/user-worksheets/team-check-in.json"),
    )
    .unwrap();
    fs::write(
        own.join("broken.json"),
        include_str!("fixtures/broken-worksheets/unknown-kind.json"),
    )
    .unwrap();
    let Some(tmux) = Tmux::start("own-worksheet", &data, 100, 30) else {
        return;
    };
    let home = tmux.wait_for("No reflections yet");
    assert!(
        home.contains("broken.json was skipped"),
        "the status line names the broken file:\n{home}"
    );
    tmux.keys(&["n"]);
    tmux.wait_for("Building impactful partnerships");
    tmux.keys(&["Down", "Down", "Down", "Down", "Down"]);
    tmux.wait_for("your own (team.json)");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("Team A");
    tmux.keys(&["Enter"]);
    tmux.wait_for("What went well this week?");
    tmux.type_text("The Tuesday visit.");
    tmux.keys(&["Tab"]);
    tmux.wait_for("How was Monday?");
    tmux.type_text("Quiet.");
    tmux.keys(&["Tab", "Tab"]);
    tmux.wait_for("Are the visit notes written up?");
    tmux.keys(&["d"]);
    tmux.wait_for("(•) done");
    tmux.keys(&["Tab"]);
    tmux.type_text("Typed up.");
    tmux.wait_for("Typed up.");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Have the calls been returned?");
    tmux.keys(&["x", "Down"]);
    tmux.wait_for("How much energy is left?");
    tmux.keys(&["7"]);
    tmux.wait_for("[7]");
    tmux.keys(&["Down"]);
    tmux.wait_for("When do we meet next?");
    tmux.type_text("2026-12-0");
    tmux.wait_for("is not a date yet");
    tmux.type_text("4");
    tmux.wait_for("Friday 4 December 2026");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Do you need help with anything?");
    tmux.keys(&["y", "Tab"]);
    tmux.wait_for("With what?");
    tmux.type_text("The court report.");
    tmux.wait_for("The court report.");
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();

    let files = entry_files(&data);
    assert_eq!(files.len(), 1);
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&files[0]).unwrap()).unwrap();
    assert_eq!(json["worksheet"]["id"], "team-check-in");
    let answers = &json["answers"];
    for (key, value) in [
        ("went-well", "The Tuesday visit."),
        ("days/monday", "Quiet."),
        ("tasks/notes/state", "done"),
        ("tasks/notes/note", "Typed up."),
        ("tasks/calls/state", "not-relevant"),
        ("energy", "7"),
        ("next-meeting", "2026-12-04"),
        ("need-help", "yes"),
        ("need-help/follow-up", "The court report."),
    ] {
        assert_eq!(answers[key], value, "{key} in {json}");
    }

    // Coming back: it opens where it was left, the answer still picked.
    drop(tmux);
    let tmux = Tmux::start("own-worksheet-2", &data, 100, 30).unwrap();
    tmux.wait_for("Team A");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Do you need help with anything?");
    assert!(screen.contains("(•) yes"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Your entries (1)");
    tmux.keys(&["q"]);
    tmux.wait_for_exit();
}
