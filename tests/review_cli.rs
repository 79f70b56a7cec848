//! `spiral review` on the command line: bad files are refused with a clear
//! message and a non-zero exit before the terminal is touched, and nothing
//! is written.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

mod sample;

fn spiral(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    // A data folder that is never made (the review needs none) and no settings.
    cmd.env("SPIRAL_DATA_DIR", dir.join("no-data-here"))
        .env("SPIRAL_CONFIG", dir.join("no-settings-here.toml"))
        .current_dir(dir);
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a fixture into `dir`, so a feedback file beside it would show.
fn copy(dir: &Path, name: &str) -> (PathBuf, Vec<u8>) {
    let bytes = fs::read(fixture(name)).unwrap();
    let path = dir.join(Path::new(name).file_name().unwrap());
    fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

fn refused(fixture_name: &str, says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (path, before) = copy(dir.path(), fixture_name);
    spiral(dir.path())
        .arg("review")
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains(says))
        .stderr(predicate::str::contains(path.display().to_string()));
    assert_eq!(fs::read(&path).unwrap(), before, "{fixture_name} unchanged");
    let files: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 1, "nothing written beside it: {files:?}");
}

#[test]
fn an_entry_file_is_not_a_bundle() {
    refused("entry-v3.json", "is not a spiral bundle");
}

#[test]
fn an_empty_object_is_not_a_bundle() {
    refused("review/empty-object.json", "is not a spiral bundle");
}

#[test]
fn a_bundle_from_a_newer_spiral_asks_for_an_update() {
    refused("review/newer-bundle.json", "newer spiral");
}

#[test]
fn a_truncated_bundle_says_it_was_cut_short() {
    refused("review/truncated-bundle.json", "cut short");
}

#[test]
fn a_missing_bundle_says_it_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path())
        .args(["review", "nowhere.json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot read nowhere.json"));
}

fn good_bundle(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("sam-nov.json");
    let text = sample::bundle_json();
    fs::write(&path, &text).unwrap();
    (path, text)
}

#[test]
fn a_bad_feedback_file_is_named_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle, text) = good_bundle(dir.path());
    let (fb, before) = copy(dir.path(), "review/cut-short.feedback.json");
    spiral(dir.path())
        .arg("review")
        .arg(&bundle)
        .arg("--feedback")
        .arg(&fb)
        .assert()
        .failure()
        .stderr(predicate::str::contains("cut-short.feedback.json"))
        .stderr(predicate::str::contains("cut short"));
    assert_eq!(fs::read(&fb).unwrap(), before);
    assert_eq!(fs::read_to_string(&bundle).unwrap(), text);
}

#[test]
fn the_feedback_never_goes_into_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle, text) = good_bundle(dir.path());
    spiral(dir.path())
        .arg("review")
        .arg(&bundle)
        .arg("--feedback")
        .arg(&bundle)
        .assert()
        .failure()
        .stderr(predicate::str::contains("is the bundle itself"));
    assert_eq!(fs::read_to_string(&bundle).unwrap(), text);
}

#[test]
fn a_good_bundle_needs_a_terminal_and_no_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (bundle, text) = good_bundle(dir.path());
    spiral(dir.path())
        .arg("review")
        .arg(&bundle)
        .assert()
        .failure()
        .stderr(predicate::str::contains("needs a terminal"));
    assert_eq!(fs::read_to_string(&bundle).unwrap(), text);
    assert!(!dir.path().join("no-data-here").exists());
    assert!(!dir.path().join("sam-nov.feedback.json").exists());
}

#[test]
fn help_names_the_options() {
    let dir = tempfile::tempdir().unwrap();
    spiral(dir.path())
        .args(["review", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--feedback"))
        .stdout(predicate::str::contains("--reviewer"));
}
