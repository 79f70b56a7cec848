//! The command line when files and pipes are not what they seem: a reader
//! that stops early, FIFOs and other non-files, odd file names, damaged
//! files, folders spiral makes.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

fn bin() -> std::path::PathBuf {
    std::env::var_os("SPIRAL_TEST_BIN")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_spiral").into())
}

/// spiral, on `data`, with no settings of the person's and a home of its own.
fn spiral(data: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env("HOME", data.join("home"));
    cmd
}

const FIXTURE: &str = include_str!("fixtures/entry-v1.json");
const FIXTURE_ID: &str = "20261101-100000-abcd";

fn with_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("entries")).unwrap();
    fs::write(
        dir.path()
            .join("entries")
            .join(format!("{FIXTURE_ID}.json")),
        FIXTURE,
    )
    .unwrap();
    dir
}

#[test]
fn every_printing_command_ends_quietly_when_its_reader_stops() {
    let dir = with_fixture();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--json"],
        &["show", FIXTURE_ID],
        &["worksheets"],
        &["doctor"],
        &["config", "show"],
        &["man"],
        &["completions", "bash"],
        &["--help"],
    ];
    for args in commands {
        let mut child = spiral(dir.path())
            .args(*args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before spiral writes a word (`| head -0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args:?}: {stderr}"
        );
    }
}
