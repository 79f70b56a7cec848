//! Signals sent to the real binary in tmux (SIGTERM, SIGHUP, SIGINT, and
//! the tmux window closed under it): what was typed is on disk, the
//! terminal is given back, and spiral exits non-zero saying so.
//!
//! Uses `SPIRAL_TEST_BIN` when set (the release build), otherwise the
//! binary cargo built for the tests.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

mod common;
mod sample;
use common::{Tmux, entry_files};

/// Printed by the pane's shell after spiral ends, with its exit code.
const AFTER: &str = "; echo spiral-exit=$?";

fn saved_answers(data: &Path) -> String {
    entry_files(data)
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// Opens a new entry and types `words` into its first answer, without
/// waiting for the autosave.
fn type_into_new_entry(name: &str, data: &Path, words: &str) -> Option<Tmux> {
    let tmux = Tmux::start_command(name, data, 100, 30, "", AFTER)?;
    tmux.wait_for("No reflections yet");
    tmux.keys(&["n", "Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("Family S");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");
    tmux.type_text(words);
    tmux.wait_for(words);
    Some(tmux)
}

fn signal(tmux: &Tmux, name: &str) {
    let pid = tmux.spiral_pid().expect("spiral is running");
    let status = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn sigterm_sighup_and_sigint_save_what_was_typed_and_exit_saying_so() {
    for (n, (name, code)) in [("TERM", 143), ("HUP", 129), ("INT", 130)]
        .into_iter()
        .enumerate()
    {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let words = format!("typed just before SIG{name}");
        let Some(tmux) = type_into_new_entry(&format!("signal-{n}"), &data, &words) else {
            return;
        };
        signal(&tmux, name);
        tmux.wait_for_exit();
        let screen = tmux.wait_for("spiral-exit=");
        assert!(
            screen.contains(&format!("spiral-exit={code}")),
            "SIG{name}: exit code {code}:\n{screen}"
        );
        assert!(
            screen.contains("everything you wrote was saved"),
            "SIG{name}:\n{screen}"
        );
        assert!(
            !screen.contains("Your answer"),
            "the workbook's screen is gone (the terminal is given back):\n{screen}"
        );
        assert!(saved_answers(&data).contains(&words), "SIG{name}");
    }
}

#[test]
fn closing_the_terminal_window_saves_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let words = "typed just before the window closed";
    let Some(tmux) = type_into_new_entry("signal-close", &data, words) else {
        return;
    };
    let pid = tmux.spiral_pid().expect("spiral is running");
    // A second window keeps the tmux server up while the first closes.
    Command::new("tmux")
        .args(["-L", &tmux.socket, "new-window", "-d", "sleep 30"])
        .status()
        .unwrap();
    Command::new("tmux")
        .args(["-L", &tmux.socket, "kill-window", "-t", "t:0"])
        .status()
        .unwrap();
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        if start.elapsed() > Duration::from_secs(20) {
            // Never leave it running after the test.
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("spiral did not end when its terminal closed");
        }
        sleep(Duration::from_millis(50));
    }
    assert!(saved_answers(&data).contains(words));
}

#[test]
fn sigterm_in_a_review_keeps_the_comment_being_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("no-data-folder");
    let bundle = dir.path().join("sam-nov.json");
    std::fs::write(&bundle, sample::bundle_json()).unwrap();
    let args = format!("review '{}' --reviewer 'Alex'{AFTER}", bundle.display());
    let Some(tmux) = Tmux::start_command("signal-review", &data, 100, 30, "", &args) else {
        return;
    };
    tmux.wait_for("Entries in this bundle (3)");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Section 1 of 5: Key concepts");
    tmux.keys(&["c"]);
    tmux.wait_for("Your comment on");
    tmux.type_text("Half a thought, not yet kept");
    tmux.wait_for("Half a thought, not yet kept");
    signal(&tmux, "TERM");
    tmux.wait_for_exit();
    let screen = tmux.wait_for("spiral-exit=");
    assert!(screen.contains("spiral-exit=143"), "{screen}");
    assert!(screen.contains("every comment was saved"), "{screen}");
    let feedback = std::fs::read_to_string(dir.path().join("sam-nov.feedback.json")).unwrap();
    assert!(
        feedback.contains("Half a thought, not yet kept"),
        "{feedback}"
    );
}
