//! `kill -9` at random moments while someone types without pause: every
//! entry file is whole, and nothing typed more than about a second before
//! the kill is lost.
//!
//! `SPIRAL_KILLS` sets how many kills (default 50); `SPIRAL_KILL_SEED`
//! replays a run (the seed is printed).

mod common;
use common::{Tmux, entry_files};

use std::thread::sleep;
use std::time::{Duration, Instant};

/// Autosave runs every 500 ms; this allows for a busy machine.
const MAX_LOSS: Duration = Duration::from_millis(1500);

fn saved_answer(data: &std::path::Path) -> String {
    let files = entry_files(data);
    assert_eq!(files.len(), 1, "one entry file: {files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(!text.is_empty(), "the entry file is never empty");
    let entry = spiral::store::parse_entry(&text)
        .unwrap_or_else(|e| panic!("the entry file is whole after a kill: {e}\n{text}"));
    entry.answers.values().next().cloned().unwrap_or_default()
}

#[test]
fn kill_9_at_random_moments_never_damages_or_loses_saved_text() {
    let kills: usize = std::env::var("SPIRAL_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("SPIRAL_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("kill -9 test: {kills} kills, SPIRAL_KILL_SEED={seed}");
    let mut rng = spiral::corpus::Rng::new(seed);

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let Some(mut tmux) = Tmux::start("kill-0", &data, 100, 30) else {
        return;
    };
    tmux.wait_for("No reflections yet");
    tmux.keys(&["n", "Enter"]);
    tmux.wait_for("Family label");
    tmux.type_text("Family Z");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Your answer");

    // Everything typed and shown so far, in order; and when each word showed.
    let mut typed = String::new();
    let mut counter = 0;
    let mut worst_loss = Duration::ZERO;
    let mut words_lost = 0;
    for round in 0..kills {
        let mut shown: Vec<(usize, Instant)> = Vec::new();
        for _ in 0..1 + rng.below(6) {
            counter += 1;
            let word = format!("w{counter:04}");
            tmux.type_text(&format!("{word} "));
            tmux.wait_for(&word);
            typed.push_str(&word);
            typed.push(' ');
            shown.push((typed.len(), Instant::now()));
        }
        sleep(Duration::from_millis(rng.below(1500) as u64));
        let pid = tmux.spiral_pid().expect("spiral is running");
        let killed_at = Instant::now();
        let status = std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        tmux.wait_for_exit();

        let saved = saved_answer(&data);
        assert!(
            typed.starts_with(&saved),
            "round {round}: the saved text is what was typed, in order\nsaved: {saved:?}\ntyped: {typed:?}"
        );
        for (end, at) in &shown {
            if killed_at.duration_since(*at) > MAX_LOSS {
                assert!(
                    saved.len() >= *end,
                    "round {round}: text shown {:?} before the kill was lost (seed {seed})",
                    killed_at.duration_since(*at)
                );
            }
        }
        if saved.len() < typed.len() {
            words_lost += typed[saved.len()..].split_whitespace().count();
            if let Some((_, at)) = shown.iter().find(|(end, _)| *end > saved.len()) {
                worst_loss = worst_loss.max(killed_at.duration_since(*at));
            }
        }
        // What was lost is lost: carry on from what was saved, as a person would.
        typed = saved;

        drop(tmux);
        tmux = Tmux::start(&format!("kill-{}", round + 1), &data, 100, 30).unwrap();
        tmux.wait_for("Family Z");
        tmux.keys(&["Enter"]);
        match typed.split_whitespace().last() {
            Some(last) => tmux.wait_for(last),
            None => tmux.wait_for("Your answer"),
        };
    }
    tmux.keys(&["C-q"]);
    tmux.wait_for_exit();
    let leftovers: Vec<_> = std::fs::read_dir(data.join("entries"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".json"))
        .collect();
    eprintln!(
        "kill -9 test: {kills} kills survived, 0 files damaged, {words_lost} words typed within {:?} of a kill lost, worst loss {worst_loss:?}, temp files left: {}",
        MAX_LOSS,
        leftovers.len()
    );
}
