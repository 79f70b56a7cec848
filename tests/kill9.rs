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

/// `kill -9` during `spiral export` at random moments: every export that
/// finished is whole, and the temporary copies the kills leave are cleared
/// by the next export to that folder once they are old.
#[test]
fn kill_9_during_an_export_leaves_no_temporary_copy_behind() {
    use spiral::store::EntryStore;
    let bin: std::path::PathBuf = std::env::var_os("SPIRAL_TEST_BIN")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_spiral").into());
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let home = dir.path().join("home");
    // Exports go to the folder spiral is run in.
    let exports = dir.path().join("exports");
    std::fs::create_dir_all(&exports).unwrap();
    let worksheets = spiral::content::builtin().unwrap();
    let store = spiral::store::JsonDirStore::open(&data).unwrap();
    for i in 0..1500 {
        store
            .save(&spiral::corpus::entry(&worksheets[0], i, 7))
            .unwrap();
    }
    let export = || {
        let mut cmd = std::process::Command::new(&bin);
        cmd.env("SPIRAL_DATA_DIR", &data)
            .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
            .env("HOME", &home)
            .current_dir(&exports)
            .args(["export", "--all", "--format", "html"])
            .args(["--allow-identifiers", "made-up test entries"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("export kill test: SPIRAL_KILL_SEED={seed}");
    let mut rng = spiral::corpus::Rng::new(seed);
    for _ in 0..12 {
        let mut child = export().spawn().unwrap();
        sleep(Duration::from_millis(200 + rng.below(1200) as u64));
        let _ = child.kill();
        let _ = child.wait();
    }
    let hidden = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&exports)
            .unwrap()
            .flatten()
            .map(|f| f.path())
            .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .collect()
    };
    let left = hidden();
    eprintln!("temporary copies left by the kills: {}", left.len());
    // An hour passes: none of them can be an export still being written.
    for path in &left {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
    }
    assert!(export().status().unwrap().success());
    assert_eq!(hidden(), Vec::<std::path::PathBuf>::new(), "cleared");
    for file in std::fs::read_dir(&exports).unwrap().flatten() {
        let text = std::fs::read_to_string(file.path()).unwrap();
        assert!(
            text.trim_end().ends_with("</html>"),
            "{:?} is whole",
            file.path()
        );
    }
}

/// `kill -9` during `spiral import-feedback` at random moments: every entry
/// file stays whole and holds each comment once or not yet, any temporary
/// copy a kill leaves is named by `spiral doctor`, and the import run again
/// to the end brings in every comment exactly once.
#[test]
fn kill_9_during_an_import_leaves_every_entry_whole_and_each_comment_once() {
    use spiral::store::EntryStore;
    let bin: std::path::PathBuf = std::env::var_os("SPIRAL_TEST_BIN")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_spiral").into());
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let home = dir.path().join("home");
    let worksheets = spiral::content::builtin().unwrap();
    let store = spiral::store::JsonDirStore::open(&data).unwrap();
    let mut ids = Vec::new();
    for i in 0..1500 {
        let entry = spiral::corpus::entry(&worksheets[0], i, 7);
        store.save(&entry).unwrap();
        ids.push((entry.id.clone(), entry.family_label.clone()));
    }
    let feedback = serde_json::json!({
        "format": "spiral-feedback",
        "version": 1,
        "bundle": { "exported_at": "2026-12-02T09:00:00+11:00" },
        "reviewer": "Alex P",
        "updated": "2026-12-03T10:00:00+11:00",
        "entries": ids.iter().enumerate().map(|(n, (id, label))| serde_json::json!({
            "entry_id": id,
            "family_label": label,
            "worksheet": worksheets[0].id,
            "comments": [{
                "id": format!("c-{n}"),
                "text": format!("Comment number {n}: what told you so?"),
                "written": "2026-12-03T10:00:00+11:00"
            }]
        })).collect::<Vec<_>>()
    });
    let file = dir.path().join("bundle.feedback.json");
    std::fs::write(&file, serde_json::to_string(&feedback).unwrap()).unwrap();
    let spiral = |args: &[&std::ffi::OsStr]| {
        let mut cmd = std::process::Command::new(&bin);
        cmd.env("SPIRAL_DATA_DIR", &data)
            .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
            .env("HOME", &home)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd
    };
    let import = || spiral(&["import-feedback".as_ref(), file.as_os_str()]);

    // Every entry file parses, and no comment is in it twice.
    let check_entries = |after: &str| -> usize {
        let mut with_comment = 0;
        for path in common::entry_files(&data) {
            let text = std::fs::read_to_string(&path).unwrap();
            let entry = spiral::store::parse_entry(&text)
                .unwrap_or_else(|e| panic!("{after}: {path:?} is damaged: {e}"));
            assert!(
                entry.feedback.len() <= 1,
                "{after}: {path:?} {:?}",
                entry.feedback
            );
            with_comment += entry.feedback.len();
        }
        with_comment
    };

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("import kill test: SPIRAL_KILL_SEED={seed}");
    let mut rng = spiral::corpus::Rng::new(seed);
    for kill in 0..10 {
        let mut child = import().spawn().unwrap();
        sleep(Duration::from_millis(50 + rng.below(900) as u64));
        let _ = child.kill();
        let _ = child.wait();
        let imported = check_entries(&format!("kill {kill}"));
        eprintln!("after kill {kill}: {imported} of {} comments in", ids.len());
    }

    // Whatever temporary copy a kill left beside the entries, doctor names.
    let leftovers: Vec<String> = std::fs::read_dir(data.join("entries"))
        .unwrap()
        .flatten()
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    eprintln!("temporary copies left by the kills: {}", leftovers.len());
    let doctor = spiral(&["doctor".as_ref()]).output().unwrap();
    let said = String::from_utf8_lossy(&doctor.stdout).into_owned()
        + &String::from_utf8_lossy(&doctor.stderr);
    for name in &leftovers {
        assert!(said.contains(name.as_str()), "doctor names {name}:\n{said}");
    }

    let done = import().output().unwrap();
    assert!(done.status.success(), "{done:?}");
    assert_eq!(check_entries("the last import"), ids.len());
}
