//! Commands that write to the data folder while another copy of spiral
//! (or something else) is using it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn spiral(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("spiral").unwrap();
    // Never the person's own settings: a file that is not there.
    cmd.env("SPIRAL_DATA_DIR", data)
        .env("SPIRAL_CONFIG", data.join("no-settings-here.toml"))
        .env_remove("NO_COLOR");
    cmd
}

/// Holds the data folder's lock as an open workbook does.
fn hold_lock(data: &Path) -> fs::File {
    fs::create_dir_all(data).unwrap();
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(data.join(".lock"))
        .unwrap();
    file.try_lock().unwrap();
    file
}

fn entry_files(data: &Path) -> Vec<String> {
    fs::read_dir(data.join("entries"))
        .map(|r| {
            r.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn new_refuses_while_the_workbook_has_the_folder_as_import_feedback_does() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let lock = hold_lock(data);
    spiral(data)
        .args([
            "new",
            "--worksheet",
            "building-impactful-partnerships",
            "--family",
            "K",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "spiral is open in another window: start the entry there (press n on Home), or close it and run this again. Nothing was changed.",
        ));
    assert!(entry_files(data).is_empty(), "nothing written");
    drop(lock);
    spiral(data)
        .args([
            "new",
            "--worksheet",
            "building-impactful-partnerships",
            "--family",
            "K",
        ])
        .assert()
        .success();
    assert_eq!(entry_files(data).len(), 1);
}

#[test]
fn prep_answers_are_not_written_while_the_workbook_has_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let _lock = hold_lock(&data);
    spiral(&data)
        .args(["prep", "--want", "time to think", "--out", "-"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "spiral is open in another window: write your prep answers there (press p on Home)",
        ));
    assert!(!data.join("prep.json").exists());
}
